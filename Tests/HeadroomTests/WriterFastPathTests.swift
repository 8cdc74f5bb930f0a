import Foundation
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The result writer's fast paths (money from machine integers, dates and
/// integers straight into bytes, the word-at-a-time escape scan) agree with
/// the plain formatting they replace.
@Suite struct WriterFastPathTests {
  @Test func moneyAgreesWithMoneyRounding() {
    var random = SeededGenerator(seed: 41)
    let currencies = [
      Currency.gbp, Currency(code: "JPY", minorDigits: 0), Currency(code: "X3", minorDigits: 3),
    ]
    for _ in 0..<20_000 {
      let value = random.rational()
      let currency = currencies[Int.random(in: 0..<currencies.count, using: &random)]
      let mode = RoundingMode.allCases[Int.random(in: 0..<RoundingMode.allCases.count, using: &random)]
      let expected = "\"" + Money(rounding: value, mode, currency: currency).description + "\""
      #expect(written { $0.money(value, currency.minorDigits, mode) } == expected, "\(value) \(mode)")
    }
  }

  @Test func deviationAgreesWithDeviationText() {
    var random = SeededGenerator(seed: 42)
    for _ in 0..<5_000 {
      let value = random.rational()
      #expect(written { $0.money(value, 4, .halfUp) } == "\"" + Audit.deviationText(value) + "\"")
    }
  }

  @Test func datesAgreeWithDescription() {
    var random = SeededGenerator(seed: 43)
    let edges = [-800_000, -719_468, -719_162, 0, 2_932_896, 2_932_897, 3_000_000]
    let days = edges + (0..<5_000).map { _ in Int.random(in: -720_000...2_933_000, using: &random) }
    for day in days {
      let date = CivilDate(daysSinceEpoch: day)
      #expect(written { $0.date(date) } == "\"\(date.description)\"")
    }
    #expect(written { $0.date(nil) } == "null")
  }

  @Test func integersAgreeWithDescription() {
    var random = SeededGenerator(seed: 44)
    let edges = [0, 9, 10, -1, -10, Int.max, Int.min]
    for value in edges + (0..<5_000).map({ _ in Int.random(in: Int.min...Int.max, using: &random) >> 3 }) {
      #expect(written { $0.int(value) } == String(value))
    }
  }

  @Test func escapeScanAgreesWithPlainCheck() {
    var random = SeededGenerator(seed: 45)
    let alphabet: [UInt8] = [
      0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xC3, 0xFF,
    ]
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...40, using: &random)
      var bytes = (0..<count).map { _ in UInt8(ascii: "a") &+ UInt8.random(in: 0...25, using: &random) }
      if count > 0 && Bool.random(using: &random) {
        bytes[Int.random(in: 0..<count, using: &random)] = alphabet.randomElement(using: &random)!
      }
      let plain = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
      #expect(bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) } == plain, "\(bytes)")
    }
  }

  /// Every length up to 24 (the one-word, two-half and padded short
  /// forms, and the overlapping last word), every position, every byte
  /// value: the scan flags a text exactly when a byte needs escaping.
  @Test func escapeScanSeesEveryPositionOfEveryLength() {
    var random = SeededGenerator(seed: 46)
    for count in 0...24 {
      for position in 0..<max(count, 1) where count > 0 {
        for byte in UInt8.min...UInt8.max {
          // Plain bytes around it, some of them past 0x7F.
          var bytes = (0..<count).map { _ in
            [UInt8(ascii: "a"), 0x20, 0x7E, 0x80, 0xC3, 0xFF].randomElement(using: &random)!
          }
          bytes[position] = byte
          let plain = byte < 0x20 || byte == 0x22 || byte == 0x5C
          #expect(bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) } == plain, "\(bytes)")
        }
      }
    }
    #expect([UInt8]().withUnsafeBufferPointer { JSONWriter.needsEscaping($0) } == false)
  }

  /// Each one-check member writes what a key then its value write, first
  /// in an object and after a value, for seeded random values (machine-sized
  /// and GMP-backed), every rounding mode and 0, 2, 3, 4 and 19 places.
  @Test func membersAgreeWithKeyThenValue() {
    var random = SeededGenerator(seed: 47)
    for _ in 0..<5_000 {
      let value = random.rational()
      let digits = [0, 2, 2, 3, 4, 19].randomElement(using: &random)!
      let mode = RoundingMode.allCases.randomElement(using: &random)!
      for first in [true, false] {
        func same(_ fast: (inout JSONWriter) -> Void, _ slow: (inout JSONWriter) -> Void) {
          func line(_ value: (inout JSONWriter) -> Void) -> String {
            written { w in
              w.beginObject()
              if !first {
                w.key(raw: "before")
                w.int(1)
              }
              value(&w)
              w.key(raw: "after")
              w.int(2)
              w.endObject()
            }
          }
          #expect(line(fast) == line(slow), "\(value) \(digits) \(mode)")
        }
        same(
          { $0.member("money", money: value, digits, mode) },
          {
            $0.key(raw: "money")
            $0.money(value, digits, mode)
          })
        same(
          { $0.member("exact", exact: value) },
          {
            $0.key(raw: "exact")
            $0.exact(value)
          })
        same(
          {
            $0.beginObject(member: "object")
            $0.member("a", exact: value)
            $0.endObject()
          },
          {
            $0.key(raw: "object")
            $0.beginObject()
            $0.key(raw: "a")
            $0.exact(value)
            $0.endObject()
          })
        same(
          {
            $0.beginArray(member: "array")
            $0.int(digits)
            $0.endArray()
          },
          {
            $0.key(raw: "array")
            $0.beginArray()
            $0.int(digits)
            $0.endArray()
          })
      }
    }
  }

  /// Money to 2 places written through a member (the cents path below 10^8,
  /// the general one above) is what `fixedDecimal` writes: every width edge,
  /// negatives, and seeded random amounts.
  @Test func centsAgreeWithFixedDecimal() {
    var random = SeededGenerator(seed: 49)
    var amounts: [Int64] = [0, 1, -1, -99, -100]
    var edge: Int64 = 1
    for _ in 0...12 {
      amounts += [edge - 1, edge, edge + 1]
      edge *= 10
    }
    amounts += (0..<20_000).map { _ in Int64.random(in: 0..<200_000_000, using: &random) }
    for units in amounts {
      let fast = written { w in
        w.beginObject()
        w.member("m", money: Rational(decimalUnits: units, places: 2), 2, .halfUp)
        w.endObject()
      }
      let slow = written { w in
        w.beginObject()
        w.key(raw: "m")
        w.fixedDecimal(minorUnits: units, digits: 2)
        w.endObject()
      }
      #expect(fast == slow, "\(units)")
    }
  }

  /// The short copy moves exactly `count` bytes, for every count to 40 and
  /// every offset: the bytes around the target keep their guard value.
  @Test func shortCopyMovesExactlyItsBytes() {
    var random = SeededGenerator(seed: 51)
    for count in 1...40 {
      for offset in 0..<8 {
        let source = (0..<count).map { _ in UInt8.random(in: 0...0xFE, using: &random) }
        var target = [UInt8](repeating: 0xFF, count: count + 16)
        source.withUnsafeBufferPointer { from in
          target.withUnsafeMutableBufferPointer { to in
            JSONWriter.copy(from.baseAddress!, to: to.baseAddress! + offset, count: count)
          }
        }
        #expect(Array(target[offset..<(offset + count)]) == source, "\(count) at \(offset)")
        #expect(
          target[..<offset].allSatisfy { $0 == 0xFF } && target[(offset + count)...].allSatisfy { $0 == 0xFF }
        )
      }
    }
  }

  /// The exact form written from machine integers is the value's description.
  @Test func exactAgreesWithDescription() {
    var random = SeededGenerator(seed: 48)
    for _ in 0..<10_000 {
      let value = random.rational()
      #expect(written { $0.exact(value) } == "\"\(value.description)\"")
    }
  }

  @Test func commasFollowTheNesting() {
    let text = written { w in
      w.beginObject()
      w.key(raw: "a")
      w.beginArray()
      w.int(1)
      w.beginObject()
      w.endObject()
      w.beginArray()
      w.endArray()
      w.string(safe: "x")
      w.endArray()
      w.key("b")
      w.null()
      w.endObject()
      w.int(2)
    }
    #expect(text == #"{"a":[1,{},[],"x"],"b":null},2"#)
  }
}

/// The bulk fast path (results written straight into a batch's buffer,
/// counts kept by enum position) gives the same lines, rejects and counts as
/// the one-result-per-line path.
@Suite struct BulkFastPathTests {
  @Test func enumPositionsAreBijections() {
    #expect(Set(Recommendation.allCases.map(BulkTally.index)) == Set(0..<Recommendation.allCases.count))
    #expect(Set(BulkTally.planKinds.map(BulkTally.index)) == Set(0..<3))
    #expect(Set(Flag.Code.allCases.map(BulkTally.index)) == Set(0..<Flag.Code.allCases.count))
    #expect(
      Set(OfferCheck.Verdict.allCases.map(BulkTally.index)) == Set(0..<OfferCheck.Verdict.allCases.count))
    #expect(
      Set(Audit.Finding.Code.allCases.map(BulkTally.index)) == Set(0..<Audit.Finding.Code.allCases.count))
    for code in Flag.Code.allCases { #expect(BulkTally.flagNames[BulkTally.index(code)] == code.rawValue) }
  }

  @Test func countsAddWhenTalliesAreMerged() throws {
    // The SPEC example's case: BREATHING_SPACE, ADVICE_HOLD and VULNERABILITY,
    // recommendation hold, a pro-rata plan, offer verdict hold, no findings.
    let bytes = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("cases/spec-example.json")))
    let assessment = try bytes.withUnsafeBufferPointer { try Assessment(json: $0, policies: PolicyLibrary()) }
    var a = BulkTally()
    a.count(assessment)
    a.count(assessment)
    var b = BulkTally()
    b.add(a)
    b.add(a)
    #expect(b.flags == ["BREATHING_SPACE": 4, "ADVICE_HOLD": 4, "VULNERABILITY": 4])
    #expect(b.recommendations == ["hold": 4])
    #expect(b.planKinds == ["pro_rata": 4])
    #expect(b.offerVerdicts == ["hold": 4])
    #expect(b.auditFindings == [:])
    #expect(b.policies == ["gb-sfs 2026.1 \(assessment.policy.digest)": 4])
  }

  /// A portfolio with blank lines, bad lines and generated cases.
  static func portfolio(_ tag: Int) throws -> String {
    var lines: [String] = []
    var generators = ["gb-sfs", "se-kfm", "no-sit", "dk-gst"].map { PortfolioGenerator(seed: 7, policy: $0) }
    for k in 0..<60 {
      if k % 13 == 5 { lines.append("") }
      if k % 17 == 3 { lines.append("{\"id\": \"bad-\(k)\"}") }
      if k % 19 == 7 { lines.append("not json") }
      lines.append(String(decoding: generators[k % 4].nextCase(number: k + 1), as: UTF8.self))
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("bulk-fast-\(getpid())-\(tag).jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(arguments: [1, 2, 3]) func inPlaceMatchesOneResultPerLine(jobs: Int) throws {
    let path = try Self.portfolio(jobs)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var processor = CaseLineProcessor(policies: PolicyLibrary())
    var runner = BulkRunner(jobs: jobs)
    runner.batchSize = 7

    var lines: [UInt8] = []
    var rejects: [[UInt8]] = []
    var ids: [String] = []
    var tally = BulkTally()
    try runner.run(
      path: path, process: processor.process,
      emit: { (batch: BulkRunner.Batch) throws(BulkError) in
        tally.add(batch.tally)
        for result in batch.results {
          switch result {
          case .written(let bytes, let assessment):
            lines += bytes + [0x0A]
            ids.append(assessment.caseID)
          case .rejected(let reject): rejects.append(reject.jsonBytes())
          case .blank, .skipped: break
          }
        }
      })

    processor.keepsOutcomes = true
    var fastLines: [UInt8] = []
    var fastRejects: [[UInt8]] = []
    var fastIDs: [String] = []
    var fastTally = BulkTally()
    try runner.run(
      path: path, processInto: processor.process(_:into:),
      emit: { (batch: BulkRunner.Batch) throws(BulkError) in
        fastTally.add(batch.tally)
        batch.output.withUnsafeBytes { fastLines += $0 }
        fastRejects += batch.rejects.map { $0.jsonBytes() }
        fastIDs += batch.outcomes.map(\.id)
      })

    #expect(!rejects.isEmpty && tally.blank > 0)
    #expect(fastLines == lines)
    #expect(fastRejects == rejects)
    #expect(fastIDs == ids)
    #expect(fastTally.jsonBytes(nanoseconds: 1) == tally.jsonBytes(nanoseconds: 1))
    #expect(fastTally.text(nanoseconds: 1) == tally.text(nanoseconds: 1))
  }
}
