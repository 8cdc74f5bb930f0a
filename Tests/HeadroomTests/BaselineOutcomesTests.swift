import Foundation
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The compact baseline behind `rescore --baseline`: outcomes survive their
/// byte encoding, and the store answers as a dictionary would.
@Suite struct BaselineOutcomesTests {
  /// A random string: a vocabulary word, a plain or odd amount, or free
  /// text (empty, non-ASCII, or longer than 127 bytes so its length takes
  /// two LEB128 bytes).
  static func text(_ g: inout SeededGenerator) -> String {
    switch Int.random(in: 0..<9, using: &g) {
    case 0: return ["proceed", "hold", "pro_rata", "none", "NEVER_CLEARS", "STALE_IE"].randomElement(using: &g)!
    case 1: return "\(Int.random(in: 0...99_999, using: &g)).\(Int.random(in: 10...99, using: &g))"
    case 2: return "0.0\(Int.random(in: 0...9, using: &g))"
    case 3: return ["00.05", "-1.00", "1.5", "12.345", "1e2", ".50", "99999999999999999.99"].randomElement(using: &g)!
    case 4: return ""
    case 5: return "DISPUTE:D\(Int.random(in: 1...12, using: &g))"
    case 6: return String(repeating: "é", count: Int.random(in: 60...200, using: &g))
    case 7: return "D\(Int.random(in: 1...12, using: &g))-Ø"
    default: return "say \"hi\"\\\n\u{7}"
    }
  }

  static func outcome(_ g: inout SeededGenerator) -> Outcome {
    Outcome(
      recommendation: text(&g), planKind: text(&g),
      flags: (0..<Int.random(in: 0...4, using: &g)).map { _ in text(&g) }.sorted(),
      payments: (0..<Int.random(in: 0...6, using: &g)).map { _ in [text(&g), text(&g)] })
  }

  /// Property: decoding gives back the outcome, and two outcomes encode
  /// alike exactly when they are equal (10,000 seeded pairs, many equal).
  @Test func encodingRoundTripsAndKeepsEquality() {
    var g = SeededGenerator(seed: 0xBA5E)
    var equalPairs = 0
    for _ in 0..<10_000 {
      let a = Self.outcome(&g)
      let b = Bool.random(using: &g) ? a : Self.outcome(&g)
      let decoded = a.encoded.withUnsafeBufferPointer { Outcome(encoded: $0) }
      #expect(decoded == a)
      #expect((a.encoded == b.encoded) == (a == b))
      if a == b { equalPairs += 1 }
    }
    #expect(equalPairs > 4_000)
  }

  /// Worked by hand. The vocabulary starts proceed, review, refer, hold,
  /// stop, none, token, pro_rata: "hold" is word 3, tagged 3 × 4 + 1 = 13,
  /// and "none" word 5, 21. Then no flags (0), one payment (1), "D1" as two
  /// literal bytes after 2 × 4 = 8, and 2459.12 as 245912 minor units,
  /// tagged 245912 × 4 + 2 = 983650 = 0xF_0262, in LEB128 E2 84 3C.
  @Test func encodingOfATypicalOutcome() {
    let outcome = Outcome(recommendation: "hold", planKind: "none", flags: [], payments: [["D1", "2459.12"]])
    #expect(outcome.encoded == [13, 21, 0, 1, 8, 0x44, 0x31, 0xE2, 0x84, 0x3C])
  }

  /// Property: seeded inserts (with repeated ids), lookups and the unseen
  /// walk agree with a dictionary and a first-appearance list, across
  /// several index doublings.
  @Test func storeAgreesWithADictionary() {
    var g = SeededGenerator(seed: 0x0DD5)
    var store = BaselineOutcomes()
    var model: [String: Outcome] = [:]
    var order: [String] = []
    for _ in 0..<6_000 {
      let id = Int.random(in: 0..<8, using: &g) == 0 ? "" : "C-\(Int.random(in: 1...5_000, using: &g))"
      let outcome = Self.outcome(&g)
      store.insert(id: id, outcome: outcome.encoded)
      if model.updateValue(outcome, forKey: id) == nil { order.append(id) }
    }
    #expect(store.count == model.count)
    var visited: Set<String> = []
    for _ in 0..<3_000 {
      let id = "C-\(Int.random(in: 1...6_000, using: &g))"
      let stored = store.visit(id) { $0.map { Outcome(encoded: $0) } }
      #expect(stored == model[id])
      if model[id] != nil { visited.insert(id) }
    }
    var unseen: [(String, Outcome)] = []
    store.forEachUnseen { id, encoded in unseen.append((id, Outcome(encoded: encoded))) }
    let expected = order.filter { !visited.contains($0) }
    #expect(unseen.map(\.0) == expected)
    #expect(unseen.allSatisfy { model[$0.0] == $0.1 })
  }

  /// A result-shaped line for `outcome`, with its flags split back into
  /// code and subject, and members the reader must skip.
  static func resultLine(_ outcome: Outcome) -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    w.key("id")
    w.string("C-\u{1}\"")
    w.key("plan")
    w.beginObject()
    w.key("kind")
    w.string(outcome.planKind)
    w.key("pot")
    w.string("1.00")
    w.key("payments")
    w.beginArray()
    for payment in outcome.payments {
      w.beginObject()
      w.key("debt")
      w.string(payment[0])
      w.key("amount")
      w.string(payment[1])
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.key("flags")
    w.beginArray()
    for flag in outcome.flags {
      w.beginObject()
      let parts = flag.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      w.key("code")
      w.string(String(parts[0]))
      w.key("subject")
      if parts.count == 2 { w.string(String(parts[1])) } else { w.null() }
      w.endObject()
    }
    w.endArray()
    w.key("recommendation")
    w.string(outcome.recommendation)
    w.endObject()
    return w.bytes
  }

  /// The outcome of a result line, encoded from its bytes and read back.
  static func outcome(ofResult line: [UInt8]) throws -> Outcome? {
    let encoded = try line.withUnsafeBufferPointer { bytes in
      try JSONTape(bytes).withRoot { Outcome.encoded(result: $0) }
    }
    return encoded?.withUnsafeBufferPointer { Outcome(encoded: $0) }
  }

  /// Property: a baseline line encoded straight from its bytes gives the
  /// same bytes as the outcome it was written from, encoded from Strings,
  /// for 5,000 seeded outcomes (escaped and non-ASCII text included).
  @Test func encodingFromTheLineMatchesEncodingTheOutcome() throws {
    var g = SeededGenerator(seed: 0x11E5)
    for _ in 0..<5_000 {
      let outcome = Self.outcome(&g)
      let line = Self.resultLine(outcome)
      let direct = try line.withUnsafeBufferPointer { bytes in
        try JSONTape(bytes).withRoot { Outcome.encoded(result: $0) }
      }
      #expect(direct != nil && direct == outcome.encoded)
      let read = try Self.outcome(ofResult: line)
      #expect(read?.payments == outcome.payments)
      #expect(read?.recommendation == outcome.recommendation)
    }
  }

  /// A result line read back: flags sorted with their subjects, payments
  /// in order, and a line without a plan is no outcome.
  @Test func outcomeOfAResultLine() throws {
    let line = Array(
      #"{"id":"C-1","plan":{"kind":"pro_rata","payments":[{"debt":"D2","amount":"10.00"},{"debt":"D1","amount":"5.50"}]},"flags":[{"code":"STALE_IE"},{"code":"DISPUTE","subject":"D2"}],"recommendation":"review"}"#
        .utf8)
    let outcome = try Self.outcome(ofResult: line)
    #expect(
      outcome
        == Outcome(
          recommendation: "review", planKind: "pro_rata", flags: ["DISPUTE:D2", "STALE_IE"],
          payments: [["D2", "10.00"], ["D1", "5.50"]]))
    let noPlan = Array(#"{"id":"C-2","flags":[],"recommendation":"hold"}"#.utf8)
    #expect(try Self.outcome(ofResult: noPlan) == nil)
  }

  /// A baseline's lines that are not results (malformed, or longer than a
  /// line may be) are counted, not lost; blank lines are neither.
  @Test func unreadableBaselineLinesAreCounted() throws {
    let result =
      #"{"id":"C-1","plan":{"kind":"none","payments":[]},"flags":[],"recommendation":"hold"}"#
    let text = [result, "not json", "", String(repeating: "x", count: LineReader.defaultMaxLineBytes + 1)]
      .joined(separator: "\n")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(getpid()).jsonl").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let detector = try ChangeDetector(baselinePath: path)
    #expect(detector.transitions == ["baseline lines unreadable": 2])
    let same = Outcome(recommendation: "hold", planKind: "none", flags: [], payments: [])
    #expect(detector.compare(id: "C-1", same) == nil)
    #expect(detector.gone().isEmpty)
  }
}
