@_spi(Testing) @testable import Headroom
import HeadroomTestSupport
import Testing

/// A schedule without rows runs debt by debt between clearances; it must
/// give the month-by-month loop's bytes, and the exact-rational loop's,
/// every time (seeded, so every run replays the same cases).
@Suite struct ScheduleByDebtTests {
  static let monthByMonth: AssessmentOptions = {
    var options = AssessmentOptions()
    options.monthByMonthSchedules = true
    return options
  }()

  static let rationalOnly: AssessmentOptions = {
    var options = AssessmentOptions()
    options.rationalSchedulesOnly = true
    return options
  }()

  /// Generated portfolios in every pack.
  @Test(arguments: ["gb-sfs", "se-kfm", "no-sit", "dk-gst"])
  func byDebtAgreesWithMonthByMonthOverGeneratedCases(policy: String) throws {
    let library = PolicyLibrary()
    var generator = PortfolioGenerator(seed: 31_337, policy: policy)
    var redistributed = 0
    var withInterest = 0
    for number in 1...1_500 {
      let bytes = generator.nextCase(number: number)
      let (byDebt, monthly, exact) = try bytes.withUnsafeBufferPointer { buffer in
        (
          try Assessment(json: buffer, policies: library),
          try Assessment(json: buffer, policies: library, options: Self.monthByMonth),
          try Assessment(json: buffer, policies: library, options: Self.rationalOnly)
        )
      }
      #expect(byDebt.jsonBytes() == monthly.jsonBytes(), "\(policy) case \(number)")
      #expect(byDebt.jsonBytes() == exact.jsonBytes(), "\(policy) case \(number) exact")
      if byDebt.plan.kind == .proRata && byDebt.plan.clears.count > 1 { redistributed += 1 }
      if byDebt.plan.totalInterest.signum > 0 { withInterest += 1 }
    }
    // The seeds must reach re-splits and interest, or the checks above prove little.
    #expect(redistributed > 100)
    #expect(withInterest > 100)
  }

  /// Households built to stress the stretches: several debts with and
  /// without interest clearing in the same or nearby months, payments of
  /// zero, priority offers that clear and feed the re-split, rates that
  /// outgrow Int64 part-way through a stretch, under every interest
  /// rounding, both pro-rata bases, and with and without re-splitting.
  @Test func byDebtAgreesOverSeededHouseholds() throws {
    var random = SeededGenerator(seed: 20_261_125)
    let rates: [Rational] = [
      0, 0, Rational(199, 1000), Rational(3, 100), Rational(99, 100), Rational(64, 10), 25, 100,
    ]
    let kinds = ["credit_card", "store_card", "personal_loan", "overdraft"]
    var packs: [PolicyPack] = []
    for mode in RoundingMode.allCases {
      for basis in ["balance", "contractual_payment"] {
        for redistribute in [true, false] {
          let overlay = Array(
            """
            {"figures": {"interest_rounding": {"source": "rounding", "value": "\(mode.rawValue)"},
              "pro_rata_basis": {"source": "pro-rata", "value": "\(basis)"},
              "redistribute": {"source": "pro-rata", "value": \(redistribute)}}}
            """.utf8)
          packs.append(try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay))
        }
      }
    }
    var pastInt64 = 0
    var clearedTogether = 0
    let int64MaxPounds = Rational(Int(Int64.max), 100)
    for number in 1...600 {
      var debts: [Debt] = []
      // Round balances and payments make clearances in the same month likely.
      let round = Bool.random(using: &random)
      for k in 0..<Int.random(in: 1...6, using: &random) {
        let pence = round ? Int.random(in: 1...40, using: &random) * 25_000 : Int.random(in: 100...2_000_000, using: &random)
        let contractual = Payment(
          amount: Rational(Int.random(in: 0...20_000, using: &random), 100), frequency: .monthly)
        debts.append(
          Debt(
            id: "D\(k)", kind: kinds.randomElement(using: &random)!, balance: Rational(pence, 100),
            contractualPayment: Bool.random(using: &random) ? contractual : nil,
            annualInterestRate: rates.randomElement(using: &random)!,
            interestFrozen: Int.random(in: 0..<6, using: &random) == 0))
      }
      for k in 0..<Int.random(in: 0...2, using: &random) {
        let arrears = Int.random(in: 1...80, using: &random) * 2_500
        debts.append(
          Debt(
            id: "P\(k)", kind: ["council_tax", "gas", "rent"][k], balance: Rational(arrears * 2, 100),
            arrears: Rational(arrears, 100)))
      }
      let income = String(Int.random(in: 20...1_500, using: &random)) + "." + String(Int.random(in: 10...99, using: &random))
      let household = household(id: "H\(number)", income: income, debts: debts)
      let pack = packs.randomElement(using: &random)!
      let byDebt = try Assessment(assessing: household, under: pack)
      let monthly = try Assessment(assessing: household, under: pack, options: Self.monthByMonth)
      let exact = try Assessment(assessing: household, under: pack, options: Self.rationalOnly)
      #expect(byDebt.jsonBytes() == monthly.jsonBytes(), "case \(number)")
      #expect(byDebt.jsonBytes() == exact.jsonBytes(), "case \(number) exact")
      if byDebt.plan.stillOwing.contains(where: { $0.balance > int64MaxPounds }) { pastInt64 += 1 }
      let months = byDebt.plan.clears.map(\.month)
      if Set(months).count < months.count { clearedTogether += 1 }
    }
    #expect(pastInt64 > 20)
    #expect(clearedTogether > 20)
  }

  /// The Int64 month loop's rounding, chosen once per debt, against
  /// `Rational.roundedQuotient` for positive quotients, ties included.
  @Test(arguments: RoundingMode.allCases)
  func positiveRoundingMatchesRoundedQuotient(mode: RoundingMode) {
    var random = SeededGenerator(seed: 7_777)
    func roundsUp(_ q: Int64, _ r: Int64, _ d: Int64) -> Bool {
      switch mode {
      case .halfUp: RoundingHalfUp.roundsUp(quotient: q, remainder: r, divisor: d)
      case .halfEven: RoundingHalfEven.roundsUp(quotient: q, remainder: r, divisor: d)
      case .floor, .towardZero: RoundingDown.roundsUp(quotient: q, remainder: r, divisor: d)
      case .ceiling: RoundingUp.roundsUp(quotient: q, remainder: r, divisor: d)
      }
    }
    var ties = 0
    for _ in 0..<20_000 {
      let d = Int64.random(in: 1...(Bool.random(using: &random) ? 40 : Int64.max / 2), using: &random)
      // Half of them at a tie or next to one.
      let q = Int64.random(in: 0...(Int64.max / 4) / d, using: &random)
      let r =
        Bool.random(using: &random) && d.isMultiple(of: 2)
        ? d / 2 + Int64.random(in: -1...1, using: &random) : Int64.random(in: 0..<d, using: &random)
      guard r >= 0 && r < d else { continue }
      let n = q * d + r
      guard n > 0 else { continue }
      if 2 * r == d { ties += 1 }
      let expected = Rational.roundedQuotient(n, d, mode)
      #expect((roundsUp(q, r, d) ? q + 1 : q) == expected, "\(n) / \(d)")
    }
    #expect(ties > 1_000)
  }

  /// Interest past Int64 from 64-bit words against `Int128.interest(at:_:)`,
  /// over balances up to Int128.max, every rounding and several scales.
  @Test func wideInterestMatchesInt128Interest() {
    var random = SeededGenerator(seed: 12_800)
    let rates: [Rational] = [
      Rational(1, 1200), Rational(199, 12000), Rational(64, 120), Rational(100, 12), Rational(7, 3),
    ]
    var overflows = 0
    for _ in 0..<50_000 {
      let scale = [1, 12, 1 << 20].randomElement(using: &random)!
      let rate = Int128.rate(rates.randomElement(using: &random)!, scale: Int64(scale))!
      let bits = Int.random(in: 1...126, using: &random)
      let balance = Int128.random(in: 1...(Int128(1) << bits), using: &random)
      let mode = RoundingMode.allCases.randomElement(using: &random)!
      let expected = balance.interest(at: rate, mode)
      let fast = Assessor.wideInterest(
        balance, numerator: UInt64(rate.numerator), divisor: UInt64(rate.divisor), scale: rate.scale, mode)
      #expect(fast == expected, "\(balance) \(rate) \(mode)")
      if expected == nil { overflows += 1 }
    }
    #expect(overflows > 500)
  }

  /// One debt stepped on its own: on Int64, handed to Int128 part-way,
  /// against the month-by-month arithmetic of `MinorUnits` on Int128.
  @Test func oneDebtMatchesStepByStep() {
    var random = SeededGenerator(seed: 99_001)
    let rates: [Rational] = [Rational(1, 1200), Rational(199, 12000), Rational(64, 120), Rational(100, 12)]
    for _ in 0..<2_000 {
      // Whole units, and steps of 1/12 or 1/2^20 of a unit (fractions of a penny).
      let scale = [1, 1, 12, 1 << 20].randomElement(using: &random)!
      let big = Bool.random(using: &random)  // near the Int64 hand-over
      let balance = Int128(
        big ? Int64.random(in: 1...(Int64.max / 8), using: &random) : Int64.random(in: 1...50_000_000, using: &random))
      let payment = Int128(Int64.random(in: 0...500_000, using: &random)) * Int128(big ? scale : 1)
      let rate = Int128.rate(rates.randomElement(using: &random)!, scale: Int64(scale))!
      let mode = RoundingMode.allCases.randomElement(using: &random)!
      let months = Int.random(in: 1...600, using: &random)
      let stretch = Assessor.advance(balance, paying: payment, at: rate, mode, months: months)
      // By hand, month by month; nil when a figure outgrows Int128.
      var left: Int128? = balance
      var interest: Int128 = 0
      var month = 0
      var clears = false
      while month < months, let before = left {
        guard let accrued = before.interest(at: rate, mode), let grown = Int128.plus(before, accrued),
          let sum = Int128.plus(interest, accrued)
        else {
          left = nil
          break
        }
        month += 1
        interest = sum
        left = grown - min(payment, grown)
        if left! <= 0 {
          clears = true
          break
        }
      }
      guard let left else {
        #expect(stretch == nil)
        continue
      }
      guard let stretch else {
        Issue.record("a stretch within Int128 must finish")
        continue
      }
      #expect(stretch.balance == left && stretch.interest == interest)
      #expect(stretch.months == month && stretch.clears == clears)
      // The fewest months it could clear in is never more than it takes.
      if clears { #expect(Assessor.leastMonths(balance, paying: payment) <= month) }
    }
  }
}
