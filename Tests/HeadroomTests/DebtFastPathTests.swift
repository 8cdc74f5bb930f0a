import HeadroomTestSupport
import Testing

@testable import Headroom

/// The debt list built in place (ids compared by bytes) against the general
/// reader; the writer's exact form and decimal reduction against the general path.
@Suite struct DebtFastPathTests {
  /// Every stored property of `Debt` is one `Debt.initialize` sets: a new
  /// property must be added there too.
  @Test func inPlaceInitializationCoversEveryStoredProperty() {
    let debt = Debt(id: "D1", kind: "rent", balance: 1)
    #expect(Mirror(reflecting: debt).children.count == Debt.storedPropertyCount)
  }

  /// A debt's fields as text, to compare two reads of it.
  static func describe(_ debt: Debt) -> String {
    func payment(_ p: Payment?) -> String { p.map { "\($0.amount) \($0.frequency)" } ?? "-" }
    return [
      debt.id, debt.creditor, debt.kind, "\(debt.balance)", "\(debt.arrears)",
      payment(debt.contractualPayment),
      payment(debt.requiredPayment), "\(debt.arrearsMonths ?? -1)", "\(debt.annualInterestRate)",
      "\(debt.interestFrozen)", debt.stage.name, "\(debt.excludeFromPlan)",
    ].joined(separator: "|")
  }

  /// The general reader: each element through `ObjectReader`, ids through
  /// `DebtIDs` (String equality), with the same error codes and paths.
  static func generalDebts(_ text: String) -> Result<[String], CaseError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      do throws(CaseError) {
        let tape = try! JSONTape(buffer)
        return .success(
          try tape.withRoot { root throws(CaseError) in
            var seen = DebtIDs(capacity: 8)
            return try root.mapElements(path: "debts") { value throws(CaseError) in
              let debt = try Debt(ObjectReader(value), currency: .gbp)
              guard seen.insert(debt.id) else { throw Debt.duplicate(debt.id) }
              return describe(debt)
            }
          })
      } catch { return .failure(error) }
    }
  }

  /// A random debt: ids from a small pool (so they repeat), some not ASCII
  /// or escaped; members in any order, some absent, `null` or not plain.
  static func randomDebt(_ random: inout SeededGenerator) -> String {
    let ids = [
      "D1", "D2", "D3", "D12", "d1", "D1 ", "é", "e\u{301}", #"D\u0031"#, "", "LONG-DEBT-ID-000000001",
    ]
    let amounts = [
      "10.00", "0.05", "1250", "12.5", "7.25", "0", "99999999.99", "1.234", "-1", "\"x\"", "null",
    ]
    func amount(_ random: inout SeededGenerator) -> String {
      let text = amounts.randomElement(using: &random)!
      return text.hasPrefix("\"") || text == "null" || Bool.random(using: &random) ? text : "\"\(text)\""
    }
    var members = [
      #""id": "\#(ids.randomElement(using: &random)!)""#,
      #""kind": "\#(["rent", "credit_card", "other", "nonsense"].randomElement(using: &random)!)""#,
      #""balance": \#(amount(&random))"#,
    ]
    let optional = [
      #""creditor": "\#(["Bank", "Borough Council", "A very long creditor name indeed"].randomElement(using: &random)!)""#,
      #""arrears": \#(amount(&random))"#,
      #""contractual_payment": {"amount": \#(amount(&random)), "frequency": "monthly"}"#,
      #""required_payment": {"amount": \#(amount(&random))}"#,
      #""arrears_months": \#([1, 3, 0, 601].randomElement(using: &random)!)"#,
      #""annual_interest_rate": "\#(["0.229", "0.1", "101", "0"].randomElement(using: &random)!)""#,
      #""interest_frozen": \#(Bool.random(using: &random))"#,
      #""stage": "\#(["none", "arrears", "default", "court_order", "enforcement"].randomElement(using: &random)!)""#,
      #""exclude_from_plan": \#(Bool.random(using: &random))"#,
    ]
    for member in optional where Int.random(in: 0..<3, using: &random) == 0 { members.append(member) }
    members.shuffle(using: &random)
    return "{" + members.joined(separator: ", ") + "}"
  }

  /// Seeded random debt lists, from empty to past 16 debts: the case reader
  /// (plain path first) gives the same debts, or the same error, as the
  /// general reader.
  @Test func debtListsAgreeWithTheGeneralReader() {
    var random = SeededGenerator(seed: 61)
    var plainCount = 0
    for round in 0..<3_000 {
      let count =
        round % 10 == 0 ? Int.random(in: 15...20, using: &random) : Int.random(in: 0...5, using: &random)
      let debts = (0..<count).map { _ in Self.randomDebt(&random) }
      let list = "[" + debts.joined(separator: ", ") + "]"
      let expected = Self.generalDebts(list)
      let read: Result<[String], CaseError>
      do throws(CaseError) {
        read = .success(
          try PlainReadingTests().read(PlainReadingTests.text(debt: debts.joined(separator: ", "))).debts.map(
            Self.describe))
      } catch {
        read = .failure(error)
      }
      switch (read, expected) {
      case (.success(let a), .success(let b)):
        plainCount += 1
        #expect(a == b, "\(list)")
      case (.failure(let a), .failure(let b)):
        #expect(a.code == b.code && a.path == b.path && a.message == b.message, "\(list)")
      default:
        Issue.record("one reader refused what the other read: \(read) \(expected) \(list)")
      }
    }
    #expect(plainCount > 300)
  }

  /// Ids that differ as bytes but are equal Strings (canonically
  /// equivalent) are duplicates, as the general reader says.
  @Test func canonicallyEquivalentIdsAreDuplicates() {
    let debts =
      #"{"id": "é", "kind": "rent", "balance": "1"}, {"id": "e\#u{301}", "kind": "rent", "balance": "1"}"#
    do {
      _ = try PlainReadingTests().read(PlainReadingTests.text(debt: debts))
      Issue.record("a repeated debt id must be refused")
    } catch {
      #expect(error.code == .duplicateID && error.path == "debts[1].id")
    }
  }

  /// The key table's word compare agrees with comparing arrays, for every
  /// length to 40 and a one-byte difference at every position.
  @Test func keyTableCompareSeesEveryByte() {
    var random = SeededGenerator(seed: 66)
    for count in 1...40 {
      let a = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      var b = a
      #expect(KeyTable.same(a, b, count))
      for position in 0..<count {
        for change: UInt8 in [1, 0x20, 0x80] {
          b[position] ^= change
          #expect(!KeyTable.same(a, b, count), "\(count) at \(position)")
          b[position] ^= change
        }
      }
    }
  }

  /// Decimal units with many factors of 2 and 5, against the general path.
  @Test func decimalUnitsWithTrailingZerosAreReduced() {
    var random = SeededGenerator(seed: 64)
    for _ in 0..<10_000 {
      let places = Int.random(in: 0...18, using: &random)
      var units = Int64.random(in: -99_999...99_999, using: &random)
      for _ in 0..<Int.random(in: 0...10, using: &random) {
        let factor: Int64 = [2, 5, 10].randomElement(using: &random)!
        if units.magnitude < UInt64(Int64.max / 10) { units *= factor }
      }
      #expect(Rational(decimalUnits: units, places: places) == Rational(Int(units), Int(pow10(places))))
    }
    #expect(Rational(decimalUnits: .min, places: 2) == Rational(Int(Int64.min), 100))
    #expect(Rational(decimalUnits: .min, places: 0) == Rational(Int(Int64.min), 1))
  }

  func pow10(_ places: Int) -> Int64 { (0..<places).reduce(1) { r, _ in r * 10 } }
}
