import Headroom
import HeadroomExact
import Testing

/// Lines and debts are read straight from the tape when plain and by the
/// general reader otherwise: both must give the same values and errors.
@Suite struct PlainReadingTests {
  static func text(debt: String, line: String = #"{"category": "rent", "amount": "600.00", "frequency": "monthly"}"#)
    -> String
  {
    """
    {"id": "P-1", "as_of": "2026-11-22", "currency": "GBP", "household": {"adults": 1},
     "income": [{"category": "client-salary-or-wages", "amount": "1200.00", "frequency": "monthly"}],
     "expenditure": [\(line)], "debts": [\(debt)]}
    """
  }

  func read(_ text: String) throws(CaseError) -> Case {
    let bytes = Array(text.utf8)
    let result: Result<Case, CaseError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(CaseError) {
        return .success(try PolicyLibrary().read(json: buffer).0)
      } catch { return .failure(error) }
    }
    return try result.get()
  }

  func expectError(
    debt: String, _ code: CaseError.Code, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try read(Self.text(debt: debt))
      Issue.record("expected \(code) at \(path)", sourceLocation: sourceLocation)
    } catch {
      #expect(error.code == code, sourceLocation: sourceLocation)
      #expect(error.path == path, sourceLocation: sourceLocation)
    }
  }

  static let plainDebt = """
    {"id": "D1", "creditor": "Card Co", "kind": "credit_card", "balance": "900.00", "arrears": "20.00",
     "contractual_payment": {"amount": "30.00", "frequency": "weekly"}, "arrears_months": 12,
     "annual_interest_rate": "0.229", "interest_frozen": true, "stage": "court_order", "exclude_from_plan": false}
    """

  func expectSameDebt(_ a: Debt, _ b: Debt, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.id == b.id, sourceLocation: sourceLocation)
    #expect(a.creditor == b.creditor, sourceLocation: sourceLocation)
    #expect(a.kind == b.kind, sourceLocation: sourceLocation)
    #expect(a.balance == b.balance, sourceLocation: sourceLocation)
    #expect(a.arrears == b.arrears, sourceLocation: sourceLocation)
    #expect(a.contractualPayment?.amount == b.contractualPayment?.amount, sourceLocation: sourceLocation)
    #expect(a.contractualPayment?.frequency == b.contractualPayment?.frequency, sourceLocation: sourceLocation)
    #expect(a.requiredPayment?.amount == b.requiredPayment?.amount, sourceLocation: sourceLocation)
    #expect(a.arrearsMonths == b.arrearsMonths, sourceLocation: sourceLocation)
    #expect(a.annualInterestRate == b.annualInterestRate, sourceLocation: sourceLocation)
    #expect(a.interestFrozen == b.interestFrozen, sourceLocation: sourceLocation)
    #expect(a.stage == b.stage, sourceLocation: sourceLocation)
    #expect(a.excludeFromPlan == b.excludeFromPlan, sourceLocation: sourceLocation)
  }

  @Test func plainDebtReadsEveryField() throws {
    let debt = try read(Self.text(debt: Self.plainDebt)).debts[0]
    #expect(debt.id == "D1" && debt.creditor == "Card Co" && debt.kind == "credit_card")
    #expect(debt.balance == Rational(900, 1) && debt.arrears == Rational(20, 1))
    #expect(debt.contractualPayment?.amount == Rational(30, 1) && debt.contractualPayment?.frequency == .weekly)
    #expect(debt.arrearsMonths == 12 && debt.annualInterestRate == Rational(229, 1000))
    #expect(debt.interestFrozen && debt.stage == .courtOrder && !debt.excludeFromPlan)
  }

  /// Escapes, repeated names, nulls and numbers take the general path and
  /// must mean what they meant before.
  @Test func unusualSpellingsMeanTheSame() throws {
    let plain = try read(Self.text(debt: Self.plainDebt)).debts[0]
    let variants = [
      Self.plainDebt.replacingOccurrences(of: #""balance""#, with: #""bal\u0061nce""#),
      Self.plainDebt.replacingOccurrences(of: #""credit_card""#, with: #""credit\u005fcard""#),
      Self.plainDebt.replacingOccurrences(of: #""court_order""#, with: #""court_order", "stage": "none""#),
      Self.plainDebt.replacingOccurrences(of: #""900.00""#, with: "900.00"),
      Self.plainDebt.replacingOccurrences(of: #""weekly"}"#, with: #""weekly", "debt": null, "x": [1, {}]}"#),
      Self.plainDebt.replacingOccurrences(of: #""id": "D1","#, with: #""id": "D1", "id": "D9", "unknown": {"a": 1},"#),
    ]
    for variant in variants {
      expectSameDebt(try read(Self.text(debt: variant)).debts[0], plain)
    }
    let defaults = try read(
      Self.text(
        debt: #"{"id": "D1", "creditor": null, "kind": "other", "balance": "5", "arrears": null,"#
          + #" "contractual_payment": {"amount": 1, "frequency": null}, "required_payment": null,"#
          + #" "arrears_months": null, "annual_interest_rate": null, "interest_frozen": null, "stage": null}"#)
    ).debts[0]
    #expect(defaults.creditor == "" && defaults.arrears == .zero && defaults.requiredPayment == nil)
    #expect(defaults.contractualPayment?.frequency == .monthly && defaults.arrearsMonths == nil)
    #expect(defaults.annualInterestRate == .zero && !defaults.interestFrozen && defaults.stage == Stage.none)
  }

  @Test func badDebtFieldsKeepTheirErrors() {
    expectError(debt: #"{"id": "D1", "kind": "other", "balance": "x", "balance": "1"}"#, .invalidAmount, "debts[0].balance")
    expectError(debt: #"{"id": "", "kind": "other", "balance": "1"}"#, .invalidValue, "debts[0].id")
    expectError(debt: #"{"id": 7, "kind": "other", "balance": "1"}"#, .wrongType, "debts[0].id")
    expectError(debt: #"{"id": "D1", "kind": "other", "balance": "1", "stage": "late"}"#, .invalidValue, "debts[0].stage")
    expectError(debt: #"{"id": "D1", "kind": "other", "balance": "1", "arrears": "2"}"#, .invalidValue, "debts[0].arrears")
    expectError(debt: #"{"id": "D1", "kind": "other", "balance": "1.001"}"#, .invalidAmount, "debts[0].balance")
    expectError(
      debt: #"{"id": "D1", "kind": "other", "balance": "1", "arrears_months": 0}"#, .invalidValue,
      "debts[0].arrears_months")
    expectError(
      debt: #"{"id": "D1", "kind": "other", "balance": "1", "interest_frozen": "yes"}"#, .wrongType,
      "debts[0].interest_frozen")
    expectError(
      debt: #"{"id": "D1", "kind": "other", "balance": "1", "annual_interest_rate": "101"}"#, .invalidValue,
      "debts[0].annual_interest_rate")
    expectError(
      debt: #"{"id": "D1", "kind": "other", "balance": "1", "contractual_payment": "x"}"#, .wrongType,
      "debts[0].contractual_payment")
    expectError(
      debt: #"{"id": "D1", "kind": "other", "balance": "1", "contractual_payment": {"amount": "1", "frequency": "often"}}"#,
      .invalidValue, "debts[0].contractual_payment.frequency")
    expectError(debt: #"{"id": "D1", "kind": "loan", "balance": "1"}"#, .unknownDebtKind, "debts[0].kind")
    expectError(debt: #"{"id": "D1", "kind": "other", "balance": null}"#, .missingField, "debts[0].balance")
    expectError(debt: #"[1]"#, .wrongType, "debts[0]")
  }

  @Test func linesReadTheSameEitherWay() throws {
    let debt = #"{"id": "D1", "kind": "other", "balance": "1"}"#
    let plain = try read(Self.text(debt: debt)).expenditure[0]
    for line in [
      #"{"c\u0061tegory": "rent", "amount": "600.00", "frequency": "monthly"}"#,
      #"{"category": "r\u0065nt", "amount": 600, "frequency": "monthly", "category": "gas"}"#,
      #"{"note": null, "frequency": "monthly", "amount": "600.0", "category": "rent"}"#,
    ] {
      let other = try read(Self.text(debt: debt, line: line)).expenditure[0]
      #expect(other.category == plain.category && other.amount == plain.amount && other.frequency == plain.frequency)
    }
    do {
      _ = try read(
        Self.text(debt: debt, line: #"{"category": "client-salary-or-wages", "amount": "1", "frequency": "monthly"}"#))
      Issue.record("an income category in expenditure must be refused")
    } catch {
      #expect(error.code == .unknownCategory && error.path == "expenditure[0].category")
    }
    do {
      _ = try read(Self.text(debt: debt, line: #"{"category": "rent", "amount": "1", "frequency": null}"#))
      Issue.record("a line needs a frequency")
    } catch {
      #expect(error.code == .missingField && error.path == "expenditure[0].frequency")
    }
  }
}
