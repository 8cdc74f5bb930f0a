import Dispatch
import Synchronization
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The reader's fast paths against plain references: the string scan
/// against a byte-at-a-time loop, word compares of member names, plain
/// reading of every member a debt knows, and rejects the fast paths must
/// leave to the strict ones.
@Suite struct ReaderFastPathTests {
  /// Whether a byte ends a plain run inside a JSON string.
  static func isSpecial(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// The scan's result on seeded random bytes, from every start and with the
  /// text cut short at every length, is the first special byte or the end.
  @Test func stringScanAgreesWithByteAtATime() {
    let classes = (0...255).map { UInt8(Self.isSpecial(UInt8($0)) ? 1 : 0) }
    // Mostly plain ASCII, with each kind of special byte and its neighbours.
    let alphabet: [UInt8] =
      Array("abcdefghij KLM-0123456789.".utf8) + [0x22, 0x5C, 0x00, 0x01, 0x0A, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x7F]
      + [0x80, 0xC3, 0xA6, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF]
    var random = SeededGenerator(seed: 7)
    classes.withUnsafeBufferPointer { classes in
      for _ in 0..<400 {
        let length = Int.random(in: 0...70, using: &random)
        let plainRun = Int.random(in: 0...length, using: &random)
        // A long plain stretch first, so the wide loads run before a special byte is met.
        let bytes = (0..<length).map { k in
          k < plainRun
            ? UInt8.random(in: 0x23...0x5B, using: &random)
            : alphabet.randomElement(using: &random)!
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(length, 1))
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: length)
        for n in 0...length {
          for start in 0...n {
            var expected = start
            while expected < n && !Self.isSpecial(bytes[expected]) { expected += 1 }
            let found = JSONTape.plainStringBytes(buffer, from: start, count: n, classes: classes.baseAddress!)
            #expect(found == expected, "\(bytes) from \(start) to \(n)")
            if found != expected { return }
          }
        }
      }
    }
  }

  /// Every name the plain readers match, of every length they use.
  static let names: [StaticString] = [
    "id", "kind", "stage", "amount", "balance", "arrears", "category", "creditor", "frequency",
    "arrears_months", "interest_frozen", "required_payment", "exclude_from_plan", "contractual_payment",
    "annual_interest_rate", "daily", "weekly", "monthly", "annually", "quarterly", "fortnightly", "four_weekly",
    "half_yearly", "none", "default", "court_order", "enforcement", "x", "",
  ]

  /// A name equals its own bytes and differs from them with any one byte changed.
  @Test func wordCompareSeesEveryByte() {
    for name in Self.names {
      let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
      // One spare byte each side, so a read outside the name would be seen as a difference.
      var padded = [UInt8(ascii: "#")] + bytes + [UInt8(ascii: "#")]
      padded.withUnsafeBufferPointer { #expect(PlainReading.equal($0.baseAddress! + 1, name), "\(name)") }
      for k in bytes.indices {
        for change: UInt8 in [1, 0x20, 0x80] {
          padded[k + 1] ^= change
          padded.withUnsafeBufferPointer { #expect(!PlainReading.equal($0.baseAddress! + 1, name), "\(name) at \(k)") }
          padded[k + 1] ^= change
        }
      }
    }
  }

  /// Each member of a plain debt is found by its name, and a same-length
  /// near miss is an unknown member (ignored), not the member.
  @Test func plainDebtFindsEachMemberByName() throws {
    let text = PlainReadingTests.text(
      debt: #"{"id": "D1", "kind": "other", "balance": "10.00", "required_payment": {"amount": "2.50"}}"#)
    let debt = try PlainReadingTests().read(text).debts[0]
    #expect(debt.requiredPayment?.amount == Rational(5, 2) && debt.requiredPayment?.frequency == .monthly)
    let nearMiss = PlainReadingTests.text(
      debt: #"{"id": "D1", "kind": "other", "balance": "10.00", "balancf": "1", "required_paymenu": {"amount": "2.50"}}"#
    )
    let missed = try PlainReadingTests().read(nearMiss).debts[0]
    #expect(missed.balance == Rational(10, 1) && missed.requiredPayment == nil)
    do {
      _ = try PlainReadingTests().read(
        PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balancf": "10.00"}"#))
      Issue.record("a misspelt balance must leave the balance missing")
    } catch {
      #expect(error.code == .missingField && error.path == "debts[0].balance")
    }
  }

  /// Amounts up to 1,000 digits stay exact (past the plain reader's 18
  /// bytes); 1,001 digits are refused with the same error either way.
  @Test func longAmountsAreExactOrRefused() throws {
    let thousand = "9" + String(repeating: "0", count: 999)
    for balance in ["\"\(thousand)\"", thousand, "\"\(thousand.dropLast(2)).50\""] {
      let debt = try PlainReadingTests().read(
        PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": \#(balance)}"#)
      ).debts[0]
      #expect(debt.balance == Rational(balance.hasSuffix(".50\"") ? thousand.dropLast(2) + ".5" : thousand)!)
    }
    for balance in ["\"9\(thousand)\"", "9\(thousand)"] {
      do {
        _ = try PlainReadingTests().read(
          PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": \#(balance)}"#))
        Issue.record("a 1,001-digit balance must be refused")
      } catch {
        #expect(error.code == .invalidAmount && error.path == "debts[0].balance")
      }
    }
  }

  /// A line cut short anywhere, or carrying a NUL or invalid UTF-8 inside a
  /// string, is invalid JSON, never a case.
  @Test func brokenLinesAreInvalidJSON() {
    let text = PlainReadingTests.text(debt: PlainReadingTests.plainDebt)
    var broken = (1..<text.utf8.count).map { Array(text.utf8.prefix($0)) }
    let whole = Array(text.utf8)
    let creditor = whole.indices.first { whole[$0...].starts(with: Array("Card Co".utf8)) }!
    for bad: [UInt8] in [[0x00], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80]] {
      broken.append(Array(whole[..<creditor]) + bad + Array(whole[creditor...]))
    }
    for bytes in broken {
      let result: Result<Case, CaseError> = bytes.withUnsafeBufferPointer { buffer in
        do throws(CaseError) {
          return .success(try PolicyLibrary().read(json: buffer).0)
        } catch { return .failure(error) }
      }
      switch result {
      case .success: Issue.record("read a broken line: \(String(decoding: bytes, as: UTF8.self))")
      case .failure(let error): #expect(error.code == .invalidJSON, "\(bytes.count) bytes")
      }
    }
  }

  /// A debts array read plain as a whole, or again by the general reader
  /// when one debt is not plain or an id repeats: the same debts, in order,
  /// and the same error.
  @Test func debtListsReadTheSameEitherWay() throws {
    let first = #"{"id": "D1", "kind": "other", "balance": "10.00"}"#
    let second = #"{"id": "D2", "kind": "rent", "balance": "20.00", "arrears": "5"}"#
    let escaped = #"{"id": "D\u0032", "kind": "rent", "balance": "20.00", "arrears": "5"}"#
    for debts in [[first, second], [first, escaped], [escaped, first]] {
      let read = try PlainReadingTests().read(PlainReadingTests.text(debt: debts.joined(separator: ", "))).debts
      let d1 = debts[0] == first ? 0 : 1
      #expect(read.count == 2)
      #expect(read[d1].id == "D1" && read[d1].balance == Rational(10, 1) && read[d1].arrears == .zero)
      #expect(read[1 - d1].id == "D2" && read[1 - d1].balance == Rational(20, 1) && read[1 - d1].arrears == Rational(5, 1))
    }
    for debts in [[first, second, first], [first, escaped, first], [first, escaped, escaped]] {
      do {
        _ = try PlainReadingTests().read(PlainReadingTests.text(debt: debts.joined(separator: ", ")))
        Issue.record("a repeated debt id must be refused")
      } catch {
        #expect(error.code == .duplicateID && error.path == "debts[2].id")
      }
    }
  }

  /// The one-pass decimal reader gives what `DecimalText` gives, and gives
  /// nil whenever `DecimalText` refuses the text (the general path then
  /// says why), on seeded random texts of digits, points and other bytes.
  @Test func plainDecimalAgreesWithDecimalText() {
    let alphabet = Array("0123456789012345678901234567890123456789..-+e, ".utf8)
    var random = SeededGenerator(seed: 11)
    var read = 0
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...20, using: &random)
      let text = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
      for places in [2, nil] as [Int?] {
        let plain = text.withUnsafeBufferPointer { FieldReader.plainDecimal($0, maxFractionDigits: places) }
        let general = text.withUnsafeBufferPointer {
          try? DecimalText.parse(utf8: $0, maxFractionDigits: places, allowNegative: false)
        }
        if let plain {
          read += 1
          #expect(plain == general, "\(String(decoding: text, as: UTF8.self))")
        } else if length <= 18 {
          #expect(general == nil, "\(String(decoding: text, as: UTF8.self)) refused")
        }
      }
    }
    #expect(read > 1_000)
  }

  /// Each key type's switch finds what its table finds: every name, and
  /// every name with one byte changed, cut short or run on.
  static func checkSwitch<K: MemberKey>(_: K.Type) {
    var texts: [[UInt8]] = []
    for name in K.table.names {
      let bytes = Array(name.utf8)
      texts.append(bytes)
      texts.append(Array(bytes.dropLast()))
      texts.append(bytes + [UInt8(ascii: "s")])
      for k in bytes.indices {
        var changed = bytes
        changed[k] ^= 0x20
        texts.append(changed)
      }
    }
    for text in texts {
      // Copied to exactly its length, so a read past the name would leave the buffer.
      let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.count, 1))
      defer { buffer.deallocate() }
      _ = buffer.initialize(from: text)
      let found = K.position(buffer.baseAddress!, text.count)
      #expect(found == K.table.index(UnsafeBufferPointer(start: buffer.baseAddress!, count: text.count)),
        "\(K.self) \(String(decoding: text, as: UTF8.self))")
    }
    for (position, name) in K.table.names.enumerated() {
      let bytes = Array(name.utf8)
      let found = bytes.withUnsafeBufferPointer { K.position($0.baseAddress!, $0.count) }
      #expect(found == position, "\(name)")
    }
  }

  /// Every key type, BreathingSpaceKey's table lookup included.
  @Test func memberSwitchesAgreeWithTheirTables() {
    Self.checkSwitch(CaseKey.self)
    Self.checkSwitch(HouseholdKey.self)
    Self.checkSwitch(ChildKey.self)
    Self.checkSwitch(PaymentKey.self)
    Self.checkSwitch(CircumstancesKey.self)
    Self.checkSwitch(AgreedPlanKey.self)
    Self.checkSwitch(BreathingSpaceKey.self)
  }

  /// An agreed plan's payments read plain, or by the general reader when
  /// one entry is not plain: the same entries, and the same errors.
  @Test func planPaymentsReadTheSameEitherWay() throws {
    func plan(_ payments: String) -> String {
      PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": "100"}, {"id": "D2", "kind": "rent", "balance": "50"}"#)
        .replacingOccurrences(of: #""debts""#, with: #""agreed_plan": {"agreed_on": "2026-01-01", "payments": [\#(payments)]}, "debts""#)
    }
    let plain = #"{"debt": "D1", "amount": "12.50", "frequency": "weekly"}, {"amount": "3", "debt": "D2"}"#
    for payments in [
      plain,
      plain.replacingOccurrences(of: #""D2""#, with: #""D\u0032""#),
      plain.replacingOccurrences(of: #""3""#, with: "3"),
      plain.replacingOccurrences(of: #""debt": "D2"}"#, with: #""debt": "D2", "frequency": null}"#),
    ] {
      let read = try PlainReadingTests().read(plan(payments)).agreedPlan
      #expect(read?.payments.count == 2)
      #expect(read?.payments.first?.debt == "D1" && read?.payments.last?.debt == "D2")
      #expect(read?.payments.first?.payment.amount == Rational(25, 2) && read?.payments.first?.payment.frequency == .weekly)
      #expect(read?.payments.last?.payment.amount == Rational(3, 1) && read?.payments.last?.payment.frequency == .monthly)
    }
    for (payments, code, path) in [
      (plain.replacingOccurrences(of: #""D2""#, with: #""D9""#), CaseError.Code.unknownDebt, "agreed_plan.payments[1].debt"),
      (plain.replacingOccurrences(of: #""D2""#, with: "null"), .missingField, "agreed_plan.payments[1].debt"),
      (plain.replacingOccurrences(of: #""12.50""#, with: #""12.505""#), .invalidAmount, "agreed_plan.payments[0].amount"),
      (plain.replacingOccurrences(of: #""weekly""#, with: #""often""#), .invalidValue, "agreed_plan.payments[0].frequency"),
    ] {
      do {
        _ = try PlainReadingTests().read(plan(payments))
        Issue.record("expected \(code) at \(path)")
      } catch {
        #expect(error.code == code && error.path == path, "\(error)")
      }
    }
  }

  /// Children's ages and vulnerabilities read plain or by the general
  /// reader: the same values whatever the spelling, and the same errors.
  @Test func childrenAndVulnerabilitiesReadTheSameEitherWay() throws {
    func text(children: String, vulnerabilities: String) -> String {
      PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": "1"}"#)
        .replacingOccurrences(of: #""adults": 1"#, with: #""adults": 1, "children": [\#(children)]"#)
        .replacingOccurrences(
          of: #""debts""#, with: #""circumstances": {"vulnerabilities": [\#(vulnerabilities)]}, "debts""#)
    }
    let names = #""health", "life_event", "resilience", "capability", "mental_capacity""#
    let all: [Vulnerability] = [.health, .lifeEvent, .resilience, .capability, .mentalCapacity]
    for (children, vulnerabilities) in [
      (#"{"age": 0}, {"age": 25}, {"age": 7, "age": 9}"#, names),
      (#"{"\u0061ge": 0}, {"note": null, "age": 25}, {"age": 7}"#, names.replacingOccurrences(of: "health", with: #"he\u0061lth"#)),
    ] {
      let read = try PlainReadingTests().read(text(children: children, vulnerabilities: vulnerabilities))
      #expect(read.household.childAges == [0, 25, 7])
      #expect(read.circumstances.vulnerabilities == all)
    }
    for (children, vulnerabilities, code, path) in [
      (#"{"age": 26}"#, names, CaseError.Code.invalidValue, "household.children[0].age"),
      (#"{"age": 1}, {"age": -1}"#, names, .invalidValue, "household.children[1].age"),
      (#"{"age": null}"#, names, .missingField, "household.children[0].age"),
      (#"{"age": 1.0}"#, names, .invalidValue, "household.children[0].age"),
      (#"{"age": 1}"#, #""health", "Health""#, .invalidValue, "circumstances.vulnerabilities[1]"),
      (#"{"age": 1}"#, #""capabilitY""#, .invalidValue, "circumstances.vulnerabilities[0]"),
      (#"{"age": 1}"#, "7", .wrongType, "circumstances.vulnerabilities[0]"),
    ] {
      do {
        _ = try PlainReadingTests().read(text(children: children, vulnerabilities: vulnerabilities))
        Issue.record("expected \(code) at \(path)")
      } catch {
        #expect(error.code == code && error.path == path, "\(error)")
      }
    }
  }

  /// Currency codes and dates read plain or by the general reader: the same
  /// values whatever the spelling, and the same errors.
  @Test func currenciesAndDatesReadTheSameEitherWay() throws {
    let base = PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": "1"}"#)
    func read(currency: String, asOf: String) throws(CaseError) -> Case {
      try PlainReadingTests().read(
        base.replacingOccurrences(of: #""currency": "GBP""#, with: #""currency": \#(currency)"#)
          .replacingOccurrences(of: #""as_of": "2026-11-22""#, with: #""as_of": \#(asOf)"#))
    }
    let codes: [(String, Currency)] = [("GBP", .gbp), ("SEK", .sek), ("NOK", .nok), ("DKK", .dkk), ("EUR", .eur)]
    for (code, currency) in codes {
      #expect(try read(currency: "\"\(code)\"", asOf: #""2024-02-29""#).currency.code == currency.code)
    }
    #expect(try read(currency: #""N\u004fK""#, asOf: #""2026-11-22""#).currency.code == "NOK")
    #expect(try read(currency: "null", asOf: #""2026-11-22""#).currency.code == "GBP")
    let day = try read(currency: #""GBP""#, asOf: #""2024-02-29""#).asOf
    #expect(day == CivilDate(year: 2024, month: 2, day: 29) && day.daysSinceEpoch == 19_782)
    #expect(try read(currency: #""GBP""#, asOf: #""2024-02-2\u0039""#).asOf == day)
    for (currency, asOf, code, path) in [
      (#""gbp""#, #""2026-11-22""#, CaseError.Code.invalidValue, "currency"),
      (#""GBPX""#, #""2026-11-22""#, .invalidValue, "currency"),
      ("826", #""2026-11-22""#, .wrongType, "currency"),
      (#""GBP""#, #""2023-02-29""#, .invalidDate, "as_of"),
      (#""GBP""#, #""2026-1-022""#, .invalidDate, "as_of"),
      (#""GBP""#, #""2026/11/22""#, .invalidDate, "as_of"),
      (#""GBP""#, #""20x6-11-22""#, .invalidDate, "as_of"),
    ] {
      do {
        _ = try read(currency: currency, asOf: asOf)
        Issue.record("expected \(code) at \(path)")
      } catch {
        #expect(error.code == code && error.path == path, "\(error)")
      }
    }
  }

  /// An expenditure array read plain as a whole, or again by the general
  /// reader when one line is not plain: the same lines in order, and the
  /// same errors with the element's index.
  @Test func lineListsReadTheSameEitherWay() throws {
    let debt = #"{"id": "D1", "kind": "other", "balance": "1"}"#
    let rent = #"{"category": "rent", "amount": "600.00", "frequency": "monthly"}"#
    let gas = #"{"category": "gas", "amount": "40", "frequency": "weekly"}"#
    let escapedGas = #"{"category": "g\u0061s", "amount": "40", "frequency": "weekly"}"#
    for lines in [[rent, gas], [rent, escapedGas], [escapedGas, rent]] {
      let read = try PlainReadingTests().read(PlainReadingTests.text(debt: debt, line: lines.joined(separator: ", ")))
        .expenditure
      let names = read.map(\.category.name)
      #expect(names == (lines[0] == rent ? ["rent", "gas"] : ["gas", "rent"]))
      let gasLine = read[names.firstIndex(of: "gas")!]
      #expect(gasLine.amount == Rational(40, 1) && gasLine.frequency == .weekly)
    }
    for (lines, code, path) in [
      ([rent, escapedGas, rent.replacingOccurrences(of: "rent", with: "client-salary-or-wages")],
        CaseError.Code.unknownCategory, "expenditure[2].category"),
      ([rent, gas.replacingOccurrences(of: #""40""#, with: #""4.001""#)], .invalidAmount, "expenditure[1].amount"),
      ([rent, gas.replacingOccurrences(of: "weekly", with: "hourly")], .invalidValue, "expenditure[1].frequency"),
    ] {
      do {
        _ = try PlainReadingTests().read(PlainReadingTests.text(debt: debt, line: lines.joined(separator: ", ")))
        Issue.record("expected \(code) at \(path)")
      } catch {
        #expect(error.code == code && error.path == path, "\(error)")
      }
    }
  }

  /// A tape's token memory goes to the next tape on the thread only once
  /// the first is gone, and only if it is large enough; the larger of two
  /// is kept.
  @Test func tokenMemoryIsHandedOnOnlyWhenFree() {
    // Holds whatever spare an earlier test left on this thread, so the
    // storages below meet only each other.
    let earlier = TokenStorage(capacity: 1)
    var first: UnsafeMutablePointer<JSONTape.Token>
    do {
      let storage = TokenStorage(capacity: 100)
      first = storage.base
    }
    let reused = TokenStorage(capacity: 50)
    #expect(reused.base == first)
    let meanwhile = TokenStorage(capacity: 50)
    #expect(meanwhile.base != reused.base)
    withExtendedLifetime((reused, meanwhile)) {}
    var large: UnsafeMutablePointer<JSONTape.Token>
    do {
      let storage = TokenStorage(capacity: 1_000)
      large = storage.base
      #expect(large != first)
    }
    let next = TokenStorage(capacity: 500)
    #expect(next.base == large)
    withExtendedLifetime((next, earlier)) {}
  }

  /// Tapes on several threads at once, each thread reusing its memory:
  /// every document reads back as itself.
  @Test func tapesOnManyThreadsReadTheirOwnText() {
    let documents = (0..<64).map { k in
      JSONValue.object([
        ("id", .string("C-\(k)")), ("n", .number("\(k * 7)")),
        ("list", .array((0..<(k % 9)).map { .string(String(repeating: "x", count: $0 + k)) })),
      ])
    }
    let texts = documents.map { value -> [UInt8] in
      var writer = JSONWriter()
      writer.value(value)
      return writer.bytes
    }
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 256) { round in
      let k = (round * 37) % documents.count
      let read = try? JSONParser.parse(texts[k])
      if read != documents[k] { failures.withLock { $0 += 1 } }
    }
    #expect(failures.withLock { $0 } == 0)
  }

  /// Ids and creditors made from plain bytes are the Strings the text
  /// spells: empty, short, long (past the inline limit) and non-ASCII.
  @Test func plainStringsAreTheTextsStrings() throws {
    for creditor in ["", "HMRC", "Borough Council of Somewhere", "Gældsstyrelsen", "Kronofogden – Stockholm"] {
      let debt = try PlainReadingTests().read(
        PlainReadingTests.text(debt: #"{"id": "Ø-1", "creditor": "\#(creditor)", "kind": "other", "balance": "1"}"#)
      ).debts[0]
      #expect(debt.creditor == creditor && debt.creditor.utf8.count == creditor.utf8.count)
      #expect(debt.id == "Ø-1")
    }
  }
}
