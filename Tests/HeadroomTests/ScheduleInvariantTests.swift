@_spi(Testing) import Headroom
import HeadroomTestSupport
import Testing

/// SPEC §5.3's invariants over 10,000 generated cases (seeded, so every run
/// replays the same cases).
@Suite struct ScheduleInvariantTests {
  static let count = 10_000

  @Test func invariantsHoldOverGeneratedCases() throws {
    let library = PolicyLibrary()
    var generator = PortfolioGenerator(seed: 20_261_122)
    var kinds: [Plan.Kind: Int] = [:]
    var redistributed = 0
    for number in 1...Self.count {
      let bytes = generator.nextCase(number: number)
      let a = try bytes.withUnsafeBufferPointer { buffer in
        try Assessment(json: buffer, policies: library, options: AssessmentOptions(includeSchedule: true))
      }
      kinds[a.plan.kind, default: 0] += 1
      try check(a, number: number)
      if a.plan.kind == .proRata && a.plan.clears.count > 1 { redistributed += 1 }
    }
    // The generator must reach every plan kind, or the checks above prove little.
    #expect(kinds[.proRata, default: 0] > 1000)
    #expect(kinds[.token, default: 0] > 50)
    #expect(kinds[.none, default: 0] > 50)
    #expect(redistributed > 500)
  }

  func check(_ a: Assessment, number: Int) throws {
    let rows = a.plan.schedule ?? []
    let owing = Dictionary(uniqueKeysWithValues: a.plan.stillOwing.map { ($0.debt, $0.balance) })
    let clears = Dictionary(uniqueKeysWithValues: a.plan.clears.map { ($0.debt, $0.month) })
    var start: [String: Rational] = [:]
    for offer in a.priorityOffers where offer.offer.signum > 0 { start[offer.debt] = nil }
    let byDebt = Dictionary(grouping: rows, by: \.debt)
    for (debt, debtRows) in byDebt {
      let paid = debtRows.reduce(Rational.zero) { $0 + $1.payment }
      let interest = debtRows.reduce(Rational.zero) { $0 + $1.interest }
      let last = debtRows.last!.balanceAfter
      // Payments plus remaining balance equal starting balance plus interest.
      let first = debtRows.first!
      let opening = first.balanceAfter + first.payment - first.interest
      #expect(paid + last == opening + interest, "case \(number) debt \(debt)")
      // Every debt ends at exactly zero or is reported as still owing.
      if last.signum == 0 {
        #expect(clears[debt] == debtRows.last!.period, "case \(number) debt \(debt) clears")
      } else {
        #expect(owing[debt] == last, "case \(number) debt \(debt) still owing")
      }
      #expect(last.signum >= 0)
      #expect(debtRows.allSatisfy { $0.payment.signum >= 0 && $0.interest.signum >= 0 })
    }
    // Every period's payments never exceed that period's pot plus priority offers.
    let ceiling = a.priorityOffers.reduce(a.plan.pot) { $0 + $1.offer }
    for (period, periodRows) in Dictionary(grouping: rows, by: \.period) {
      let total = periodRows.reduce(Rational.zero) { $0 + $1.payment }
      #expect(total <= ceiling, "case \(number) period \(period)")
    }
    // The allocation sums to the pot (R3).
    if a.plan.kind == .proRata {
      let allocated = a.plan.payments.reduce(a.plan.unallocated) { $0 + $1.amount }
      #expect(allocated == a.plan.pot, "case \(number) allocation")
      #expect(a.plan.payments.allSatisfy { $0.amount.scaled(byPowerOfTen: 2).isInteger })
    }
    // clears is sorted by month; term is the last period with a payment.
    #expect(a.plan.clears.map(\.month) == a.plan.clears.map(\.month).sorted())
    if a.plan.kind == .proRata {
      #expect(a.plan.termMonths == rows.filter { $0.payment.signum > 0 }.map(\.period).max())
    } else {
      #expect(a.plan.termMonths == nil)
    }
    // The same case always gives the same bytes.
    #expect(a.jsonBytes() == a.jsonBytes())
  }

  @Test func sameCaseSameBytes() throws {
    // Two independent runs over the same 500 generated cases, each with a fresh library.
    func run() throws -> [[UInt8]] {
      var generator = PortfolioGenerator(seed: 7)
      let library = PolicyLibrary()
      return try (1...500).map { number in
        try generator.nextCase(number: number).withUnsafeBufferPointer { buffer in
          try Assessment(json: buffer, policies: library).jsonBytes()
        }
      }
    }
    #expect(try run() == run())
  }

  @Test func mangledCasesNeverCrash() {
    // Flip, drop and insert bytes in generated cases: every one either
    // assesses or is a CaseError naming a code; none traps.
    var generator = PortfolioGenerator(seed: 99)
    var random = SeededGenerator(seed: 4242)
    let library = PolicyLibrary()
    var rejected = 0
    for number in 1...2000 {
      var bytes = generator.nextCase(number: number)
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes.remove(at: at)
        default: bytes.insert(Array("\",:{}[]0-.e\u{0}".utf8).randomElement(using: &random)!, at: at)
        }
      }
      do throws(CaseError) {
        _ = try bytes.withUnsafeBufferPointer { buffer throws(CaseError) in
          try Assessment(json: buffer, policies: library)
        }
      } catch {
        rejected += 1
        #expect(!error.message.isEmpty)
      }
    }
    #expect(rejected > 500)
  }
}

/// The schedule's machine-integer fast path and its exact-rational path give
/// the same schedules, byte for byte, and the fast path gives way when a
/// figure outgrows machine integers.
@Suite struct ScheduleArithmeticTests {
  @Test func machineIntegersAndRationalsAgreeOverGeneratedCases() throws {
    let library = PolicyLibrary()
    var generator = PortfolioGenerator(seed: 7_001)
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    for number in 1...3_000 {
      let bytes = generator.nextCase(number: number)
      let (fast, exact) = try bytes.withUnsafeBufferPointer { buffer in
        (
          try Assessment(json: buffer, policies: library, options: AssessmentOptions(includeSchedule: true)),
          try Assessment(json: buffer, policies: library, options: rationalOnly)
        )
      }
      #expect(fast.jsonBytes() == exact.jsonBytes(), "case \(number)")
      #expect(Self.rows(fast) == Self.rows(exact), "case \(number) schedule")
      // Without rows the schedule jumps over months that repeat; the plan must not change.
      let summary = try bytes.withUnsafeBufferPointer { buffer in
        try Assessment(json: buffer, policies: library)
      }
      #expect(Self.planFigures(summary) == Self.planFigures(fast), "case \(number) without rows")
      #expect(summary.jsonBytes() == fast.jsonBytes(), "case \(number) without rows")
    }
  }

  /// Balances and rates past machine integers, with the first period's interest by hand:
  /// - 10^17 pounds = 10^19 pence is past Int64.max (about 9.22 × 10^18), so the
  ///   fast path cannot hold the balance; at 12 % a year (1 % a month) the
  ///   interest is 10^17 pence = 10^15 pounds.
  /// - 5 × 10^15 pounds = 5 × 10^17 pence fits, but × 33 (99 % a year is 33/400 a
  ///   month) overflows the product; the interest is 5 × 10^17 × 33/400 pence
  ///   = 4.125 × 10^16 pence = 412,500,000,000,000 pounds.
  @Test(arguments: [
    ("100000000000000000.00", Rational(12, 100), "1000000000000000"),
    ("5000000000000000.00", Rational(99, 100), "412500000000000"),
  ])
  func figuresBeyondMachineIntegersFallBackToRationals(balance: String, rate: Rational, interest: String)
    throws
  {
    let debt = Debt(id: "D1", kind: "credit_card", balance: money(balance), annualInterestRate: rate)
    let big = household(income: "500.00", debts: [debt])
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    let fast = try Assessment(
      assessing: big, under: gbPack, options: AssessmentOptions(includeSchedule: true))
    let exact = try Assessment(assessing: big, under: gbPack, options: rationalOnly)
    #expect(fast.jsonBytes() == exact.jsonBytes())
    #expect(Self.rows(fast) == Self.rows(exact))
    let first = try #require(fast.plan.schedule?.first)
    #expect(first.interest == Rational(interest)!)
    #expect(first.payment == money("500.00"))
  }

  /// A debt whose interest outruns its payment for 600 months passes Int64
  /// and runs on Int128: £5,000 at 64 % a year is 500,000 pence × 64/1200, so
  /// 26,666.67 pence of interest, rounded half up to £266.67, against £100.00
  /// paid. Month on month b' = b(1 + r) − p, so b_n = (b − p/r)(1 + r)^n + p/r:
  /// (500,000 − 187,500) × (1 + 0.64/12)^600 ≈ 312,500 × 3.5 × 10^13 ≈ 1.1 × 10^19
  /// pence at the horizon, past Int64.max (9.22 × 10^18). Both paths must
  /// still agree to the byte.
  @Test func aNeverClearingDebtPastInt64AgreesWithRationals() throws {
    let debt = Debt(
      id: "D1", kind: "credit_card", balance: money("5000.00"), annualInterestRate: Rational(64, 100))
    let growing = household(income: "100.00", debts: [debt])
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    let fast = try Assessment(
      assessing: growing, under: gbPack, options: AssessmentOptions(includeSchedule: true))
    let exact = try Assessment(assessing: growing, under: gbPack, options: rationalOnly)
    #expect(fast.jsonBytes() == exact.jsonBytes())
    #expect(Self.rows(fast) == Self.rows(exact))
    let first = try #require(fast.plan.schedule?.first)
    #expect(first.interest == money("266.67"))
    #expect(first.payment == money("100.00"))
    let owing = try #require(fast.plan.stillOwing.first?.balance)
    #expect(owing > Rational("92233720368547758.07")!)  // Int64.max pence, in pounds
    #expect(fast.flags.contains { $0.code == .neverClears })
  }

  /// Every interest rounding mode a pack may choose gives the same schedule
  /// on Int64, on Int128 (past Int64.max pence) and on exact rationals.
  @Test(arguments: RoundingMode.allCases)
  func everyInterestRoundingAgreesOnEveryTier(mode: RoundingMode) throws {
    let overlay = Array(
      #"{"figures": {"interest_rounding": {"source": "rounding", "value": "\#(mode.rawValue)"}}}"#.utf8)
    let pack = try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay)
    let debts = [
      Debt(id: "A", kind: "credit_card", balance: money("5000.00"), annualInterestRate: Rational(64, 100)),
      Debt(id: "B", kind: "store_card", balance: money("733.33"), annualInterestRate: Rational(199, 1000)),
      Debt(id: "C", kind: "personal_loan", balance: money("2500.05"), annualInterestRate: Rational(3, 100)),
    ]
    let growing = household(income: "180.00", debts: debts)
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    let fast = try Assessment(
      assessing: growing, under: pack, options: AssessmentOptions(includeSchedule: true))
    let exact = try Assessment(assessing: growing, under: pack, options: rationalOnly)
    let summary = try Assessment(assessing: growing, under: pack)
    #expect(Self.rows(fast) == Self.rows(exact))
    #expect(fast.jsonBytes() == exact.jsonBytes())
    #expect(summary.jsonBytes() == exact.jsonBytes())
    #expect(
      fast.plan.stillOwing.contains { $0.debt == "A" && $0.balance > Rational("92233720368547758.07")! })
  }

  /// A debt at 10,000 % a year (the most a case may give) multiplies by
  /// 1 + 100/12 ≈ 9.33 a month: £5,000 (500,000 pence) passes Int64.max pence
  /// (about 9.22 × 10^18) in month 15 and Int128.max (about 1.7 × 10^38) in
  /// month 35, so the run goes on from Int64 to Int128 to exact rationals.
  /// The other debt is stepped before it each month (it comes first in
  /// `order`), so each hand-over happens part-way through a month.
  @Test func aRunPastInt128GoesOnInRationalsAndAgrees() throws {
    let debts = [
      Debt(id: "A", kind: "credit_card", balance: money("9000.00"), annualInterestRate: Rational(1, 10)),
      Debt(id: "B", kind: "store_card", balance: money("5000.00"), annualInterestRate: 100),
    ]
    let growing = household(income: "300.00", debts: debts)
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    let fast = try Assessment(
      assessing: growing, under: gbPack, options: AssessmentOptions(includeSchedule: true))
    let exact = try Assessment(assessing: growing, under: gbPack, options: rationalOnly)
    let summary = try Assessment(assessing: growing, under: gbPack)
    #expect(Self.rows(fast) == Self.rows(exact))
    #expect(fast.jsonBytes() == exact.jsonBytes())
    #expect(summary.jsonBytes() == exact.jsonBytes())
    #expect(fast.order.firstIndex(of: "A")! < fast.order.firstIndex(of: "B")!)
    // Past Int128.max pence, in pounds.
    let int128MaxPounds = Rational(String(Int128.max))! / 100
    #expect(fast.plan.stillOwing.contains { $0.debt == "B" && $0.balance > int128MaxPounds })
    // The first month by hand: B's interest is 500,000 × 100/12 =
    // 4,166,666.67 pence, rounded to 4,166,667 pence.
    let first = try #require(fast.plan.schedule?.first { $0.debt == "B" })
    #expect(first.interest == money("41666.67"))
  }

  /// Seeded cases with rates up to the largest a case may give, so that
  /// schedules outgrow Int64 and Int128 at every point of a month, with and
  /// without redistribution and priority offers: the tiered run must give
  /// the exact-rational run's bytes and rows every time.
  @Test func hugeRatesAgreeWithRationalsOverSeededCases() throws {
    var random = SeededGenerator(seed: 20_261_124)
    let rates: [Rational] = [0, Rational(199, 1000), Rational(99, 100), Rational(64, 10), 25, 100]
    let kinds = ["credit_card", "store_card", "personal_loan", "overdraft"]
    var rationalOnly = AssessmentOptions(includeSchedule: true)
    rationalOnly.rationalSchedulesOnly = true
    var pastInt64 = 0
    var pastInt128 = 0
    let int64MaxPounds = Rational(Int(Int64.max), 100)
    let int128MaxPounds = Rational(String(Int128.max))! / 100
    for number in 1...120 {
      var debts: [Debt] = []
      for k in 0..<Int.random(in: 1...5, using: &random) {
        debts.append(
          Debt(
            id: "D\(k)", kind: kinds.randomElement(using: &random)!,
            balance: Rational(Int.random(in: 1_000...2_000_000, using: &random), 100),
            annualInterestRate: rates.randomElement(using: &random)!))
      }
      if Bool.random(using: &random) {
        debts.append(
          Debt(id: "P", kind: "council_tax", balance: money("800.00"), arrears: money("400.00")))
      }
      let income = String(Int.random(in: 50...900, using: &random)) + ".00"
      let household = household(id: "H\(number)", income: income, debts: debts)
      let fast = try Assessment(
        assessing: household, under: gbPack, options: AssessmentOptions(includeSchedule: true))
      let exact = try Assessment(assessing: household, under: gbPack, options: rationalOnly)
      let summary = try Assessment(assessing: household, under: gbPack)
      #expect(Self.rows(fast) == Self.rows(exact), "case \(number)")
      #expect(fast.jsonBytes() == exact.jsonBytes(), "case \(number)")
      #expect(summary.jsonBytes() == exact.jsonBytes(), "case \(number) without rows")
      if fast.plan.stillOwing.contains(where: { $0.balance > int64MaxPounds }) { pastInt64 += 1 }
      if fast.plan.stillOwing.contains(where: { $0.balance > int128MaxPounds }) { pastInt128 += 1 }
    }
    // The seeds must reach both hand-overs, or the checks above prove little.
    #expect(pastInt64 > 20)
    #expect(pastInt128 > 10)
  }

  static func planFigures(_ a: Assessment) -> String {
    let plan = a.plan
    return "\(plan.termMonths as Any) \(plan.totalInterest) \(plan.clears.map { "\($0.debt)@\($0.month)" })"
      + " \(plan.stillOwing.map { "\($0.debt)=\($0.balance)" })"
  }

  static func rows(_ a: Assessment) -> [String] {
    (a.plan.schedule ?? []).map {
      "\($0.period) \($0.date) \($0.debt) \($0.interest) \($0.payment) \($0.balanceAfter)"
    }
  }
}
