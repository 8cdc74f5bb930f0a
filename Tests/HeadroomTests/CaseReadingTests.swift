import Headroom
import Testing

/// Bad cases give a clear error with a code and a field path, never a crash.
@Suite struct CaseReadingTests {
  /// A valid minimal case; `edit` changes its text before reading.
  static let base = """
    {"id": "E-1", "as_of": "2026-11-22", "currency": "GBP", "household": {"adults": 1},
     "income": [{"category": "client-salary-or-wages", "amount": "1200.00", "frequency": "monthly"}],
     "expenditure": [{"category": "rent", "amount": "600.00", "frequency": "monthly"},
                     {"category": "groceries", "amount": 45.50, "frequency": "weekly"}],
     "debts": [{"id": "D1", "kind": "credit_card", "balance": "900.00"},
               {"id": "D2", "kind": "council_tax", "balance": "300.00", "arrears": "300.00"},
               {"id": "D3", "kind": "overdraft", "balance": "250.00"}],
     "offer": {"debt": "D1", "amount": "20.00"}}
    """

  func read(_ text: String) throws(CaseError) -> Assessment {
    var bytes = Array(text.utf8)
    let result: Result<Assessment, CaseError> = bytes.withUnsafeMutableBufferPointer { buffer in
      do throws(CaseError) {
        return .success(try Assessment(json: UnsafeBufferPointer(buffer), policies: PolicyLibrary()))
      } catch { return .failure(error) }
    }
    return try result.get()
  }

  func expectError(
    _ text: String, _ code: CaseError.Code, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try read(text)
      Issue.record("expected \(code) at \(path)", sourceLocation: sourceLocation)
    } catch {
      #expect(error.code == code, sourceLocation: sourceLocation)
      #expect(error.path == path, sourceLocation: sourceLocation)
      #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    }
  }

  func replacing(_ old: String, _ new: String) -> String {
    precondition(Self.base.contains(old), "test edit must apply: \(old)")
    return Self.base.replacingOccurrences(of: old, with: new)
  }

  @Test func theBaseCaseReads() throws {
    let a = try read(Self.base)
    // 1200 - 600 - 45.50 x 52/12 (= 197.1666...) = 402.8333... = 4834/12 = 2417/6.
    #expect(a.monthly.availableForPriority == Rational(2417, 6))
    #expect(a.order == ["D2", "D1", "D3"])
  }

  @Test func missingFieldsNameTheirPath() {
    expectError(
      replacing(
        #"{"id": "D3", "kind": "overdraft", "balance": "250.00"}"#, #"{"id": "D3", "kind": "overdraft"}"#),
      .missingField, "debts[2].balance")
    expectError(replacing(#""as_of": "2026-11-22", "#, ""), .missingField, "as_of")
    expectError(replacing(#""household": {"adults": 1},"#, ""), .missingField, "household")
  }

  @Test func nestedPathsNameEveryLevel() {
    // Paths are put together only when an error is thrown, level by level.
    let debt = #"{"id": "D1", "kind": "credit_card", "balance": "900.00"}"#
    expectError(
      replacing(
        debt,
        #"{"id": "D1", "kind": "credit_card", "balance": "900.00", "contractual_payment": {"amount": "5.00", "frequency": "hourly"}}"#
      ),
      .invalidValue, "debts[0].contractual_payment.frequency")
    expectError(
      replacing(
        #""offer": {"#,
        #""agreed_plan": {"agreed_on": "2026-01-01", "payments": [{"debt": "D1", "amount": "1.00"}, {"debt": "D7", "amount": "1.00"}]}, "offer": {"#
      ),
      .unknownDebt, "agreed_plan.payments[1].debt")
    expectError(
      replacing(
        #""offer": {"#,
        #""circumstances": {"breathing_space": {"kind": "standard", "start": "2026-13-01"}}, "offer": {"#),
      .invalidDate, "circumstances.breathing_space.start")
    expectError(
      replacing(#""offer": {"#, #""circumstances": {"vulnerabilities": ["health", "luck"]}, "offer": {"#),
      .invalidValue, "circumstances.vulnerabilities[1]")
    expectError(
      replacing(#""offer": {"#, #""circumstances": {"disputed_debts": ["D1", 7]}, "offer": {"#),
      .wrongType, "circumstances.disputed_debts[1]")
    expectError(
      replacing(#""household": {"adults": 1}"#, #""household": {"adults": 1, "children": [{"age": 3}, 4]}"#),
      .wrongType, "household.children[1]")
  }

  @Test func badAmountsAreRefused() {
    for bad in [
      #""1,200.00""#, #""1e3""#, "1e3", #""-5""#, #""""#, #"" 5""#, #""NaN""#, #""12.345""#, "12.345", "true",
    ] {
      let code: CaseError.Code = bad == "true" ? .wrongType : .invalidAmount
      expectError(replacing(#""amount": "1200.00""#, #""amount": \#(bad)"#), code, "income[0].amount")
    }
    let longest = String(repeating: "9", count: 1001)
    expectError(
      replacing(#""balance": "900.00""#, #""balance": \#(longest)"#), .invalidAmount, "debts[0].balance")
  }

  @Test func aThousandDigitBalanceStaysExact() throws {
    let huge = String(repeating: "9", count: 998) + ".99"
    let a = try read(replacing(#""balance": "900.00""#, #""balance": "\#(huge)""#))
    #expect(a.order.first == "D2")
    #expect(a.plan.kind == .proRata)
  }

  @Test func unknownNamesAreRefused() {
    expectError(
      replacing(#""category": "groceries""#, #""category": "caviar""#), .unknownCategory,
      "expenditure[1].category")
    expectError(
      replacing(#""category": "rent""#, #""category": "child-benefit""#), .unknownCategory,
      "expenditure[0].category")
    expectError(
      replacing(#""kind": "overdraft""#, #""kind": "loan_shark""#), .unknownDebtKind, "debts[2].kind")
    expectError(
      replacing(#""frequency": "weekly""#, #""frequency": "hourly""#), .invalidValue,
      "expenditure[1].frequency")
    expectError(replacing(#""offer": {"debt": "D1""#, #""offer": {"debt": "D9""#), .unknownDebt, "offer.debt")
    expectError(replacing(#""id": "D3""#, #""id": "D1""#), .duplicateID, "debts[2].id")
    expectError(replacing(#""currency": "GBP""#, #""currency": "XYZ""#), .invalidValue, "currency")
    expectError(replacing(#""currency": "GBP""#, #""currency": "SEK""#), .invalidValue, "currency")
    expectError(
      replacing(#""currency": "GBP""#, #""currency": "GBP", "policy": "zz-none""#), .unknownPolicy, "policy")
  }

  @Test func badDatesAndStructure() {
    expectError(replacing(#""as_of": "2026-11-22""#, #""as_of": "2026-02-30""#), .invalidDate, "as_of")
    expectError(replacing(#""as_of": "2026-11-22""#, #""as_of": "2025-12-31""#), .policyNotInForce, "as_of")
    expectError(
      replacing(#""arrears": "300.00""#, #""arrears": "301.00""#), .invalidValue, "debts[1].arrears")
    expectError(replacing(#""adults": 1"#, #""adults": 0"#), .invalidValue, "household.adults")
    expectError(
      replacing(#""adults": 1"#, #""adults": 1, "children": [{"age": 4}, {"age": "four"}]"#), .wrongType,
      "household.children[1].age")
    expectError(
      replacing(#""debts": ["#, #""debts": {"#).replacingOccurrences(
        of: "}]," + "\n     \"offer\"", with: "},\n     \"offer\""), .invalidJSON, "")
  }

  @Test func brokenBytesAreInvalidJSON() {
    expectError("", .invalidJSON, "")
    expectError("{\"id\": \"A\u{0}\"}", .invalidJSON, "")
    expectError(String(Self.base.dropLast(5)), .invalidJSON, "")
    expectError(String(repeating: "[", count: 10_000), .invalidJSON, "")
    expectError("[1, 2]", .wrongType, "")
    var invalid = Array(Self.base.utf8)
    invalid[8] = 0xFF  // inside "E-1"
    let result: Result<Assessment, CaseError> = invalid.withUnsafeBufferPointer { buffer in
      do throws(CaseError) { return .success(try Assessment(json: buffer, policies: PolicyLibrary())) } catch
      {
        return .failure(error)
      }
    }
    guard case .failure(let error) = result else {
      Issue.record("invalid UTF-8 accepted")
      return
    }
    #expect(error.code == .invalidJSON)
  }
}

/// A case built in process is checked as the JSON reader would check it;
/// a case from the reader is not checked twice (the figures agree either way).
@Suite struct InProcessValidationTests {
  func error(_ household: Case) -> CaseError? {
    do {
      _ = try Assessment(assessing: household, under: gbPack)
      return nil
    } catch { return error }
  }

  @Test func inProcessCasesAreValidated() {
    let card = Debt(id: "D1", kind: "credit_card", balance: money("100.00"))
    let twice = household(debts: [card, card])
    #expect(error(twice)?.code == .duplicateID)
    #expect(error(twice)?.path == "debts[1].id")
    let unknownKind = household(debts: [Debt(id: "D1", kind: "loan_shark", balance: money("1.00"))])
    #expect(error(unknownKind)?.code == .unknownDebtKind)
    let arrearsOverBalance = household(
      debts: [Debt(id: "D1", kind: "gas", balance: money("10.00"), arrears: money("20.00"))])
    #expect(error(arrearsOverBalance)?.path == "debts[0]")
    let strangerOffer = household(
      offer: Offer(debt: "D9", payment: Payment(amount: money("1.00"), frequency: .monthly)))
    #expect(error(strangerOffer)?.path == "offer.debt")
    var noAdults = household()
    noAdults.household.adults = 0
    #expect(error(noAdults)?.path == "household.adults")
  }
}
