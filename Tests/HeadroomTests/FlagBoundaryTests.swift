import Headroom
import Testing

/// Each time-bound flag on the day before its boundary, on it, and after it.
@Suite struct FlagBoundaryTests {
  /// A solvent household with one card debt, assessed on `asOf`.
  func flags(asOf: String, _ circumstances: Circumstances, plan: AgreedPlan? = nil) throws -> [Flag] {
    try assess(
      household(
        asOf: asOf, income: "500.00", debts: [Debt(id: "C", kind: "credit_card", balance: money("1000.00"))],
        circumstances: circumstances, agreedPlan: plan)
    ).flags
  }

  /// The codes, leaving out POLICY_FIGURES_DATED, which any date from 2027 on raises.
  func codes(_ flags: [Flag]) -> [Flag.Code] { flags.map(\.code).filter { $0 != .policyFiguresDated } }

  @Test func standardBreathingSpaceLasts60Days() throws {
    // Start 2026-11-10 + 60 days = 2027-01-09 (20 days of November, 31 of December, 9 of January).
    let space = Circumstances(breathingSpace: BreathingSpace(kind: .standard, start: day("2026-11-10")))
    let before = try flags(asOf: "2027-01-08", space)
    #expect(codes(before) == [.breathingSpace])
    #expect(before[0].until == day("2027-01-09"))
    #expect(before[0].action == .hold)
    #expect(codes(try flags(asOf: "2027-01-09", space)) == [])
    #expect(codes(try flags(asOf: "2027-01-10", space)) == [])
  }

  @Test func mentalHealthBreathingSpaceEnds30DaysAfterTreatment() throws {
    // End of crisis treatment 2026-12-15 + 30 days = 2027-01-14.
    let ended = Circumstances(
      breathingSpace: BreathingSpace(kind: .mentalHealth, start: day("2026-01-05"), end: day("2026-12-15")))
    let before = try flags(asOf: "2027-01-13", ended)
    #expect(codes(before) == [.breathingSpace])
    #expect(before[0].until == day("2027-01-14"))
    #expect(codes(try flags(asOf: "2027-01-14", ended)) == [])
    #expect(codes(try flags(asOf: "2027-01-15", ended)) == [])
    // With the end unknown it is open-ended, however long ago it started.
    let open = Circumstances(breathingSpace: BreathingSpace(kind: .mentalHealth, start: day("2025-01-05")))
    let still = try flags(asOf: "2027-06-01", open)
    #expect(codes(still) == [.breathingSpace])
    #expect(still[0].until == nil)
  }

  @Test func adviceHoldLasts30Days() throws {
    // Sought 2026-11-18 + 30 days = 2026-12-18.
    let advice = Circumstances(adviceSoughtOn: day("2026-11-18"))
    #expect(codes(try flags(asOf: "2026-12-17", advice)) == [.adviceHold])
    #expect(try flags(asOf: "2026-12-17", advice)[0].until == day("2026-12-18"))
    #expect(codes(try flags(asOf: "2026-12-18", advice)) == [])
    #expect(codes(try flags(asOf: "2026-12-19", advice)) == [])
  }

  @Test func staleIEFromTwelveMonths() throws {
    // Recorded 2025-11-22 + 12 months = 2026-11-22: stale on and after.
    let recorded = Circumstances(ieRecordedOn: day("2025-11-22"))
    #expect(codes(try flags(asOf: "2026-11-21", recorded)) == [])
    #expect(codes(try flags(asOf: "2026-11-22", recorded)) == [.staleIE])
    #expect(codes(try flags(asOf: "2026-11-23", recorded)) == [.staleIE])
  }

  @Test func policyFiguresDatedFromTwelveMonths() throws {
    // gb-sfs 2026.1 starts 2026-01-01; + 12 months = 2027-01-01.
    let none = Circumstances(ieRecordedOn: day("2026-12-01"))
    #expect(try flags(asOf: "2026-12-31", none).map(\.code) == [])
    let dated = try flags(asOf: "2027-01-01", none)
    #expect(dated.map(\.code) == [.policyFiguresDated])
    #expect(dated[0].action == .info)
    #expect(try flags(asOf: "2027-01-02", none).map(\.code) == [.policyFiguresDated])
  }

  @Test func deficitBudgetHoldsFor30Days() throws {
    let a = try assess(household(asOf: "2026-11-22", income: "500.00", rent: "600.00"))
    #expect(a.flags.map(\.code) == [.deficitBudget])
    #expect(a.flags[0].until == day("2026-12-22"))
    #expect(a.monthly.availableForPriority == money("-100.00"))
    #expect(a.recommendation == .hold)
  }

  @Test func stopFlagsAndCaseLevelRecommendation() throws {
    let c = Circumstances(
      vulnerabilities: [.health, .mentalCapacity], insolvency: "iva", disputedDebts: ["C"])
    let flags = try flags(asOf: "2026-11-22", c)
    #expect(codes(flags) == [.insolvency, .mentalCapacity, .dispute, .vulnerability])
    #expect(flags.map(\.action) == [.stop, .stop, .hold, .review])
    #expect(flags[2].subject == .debt("C"))
  }

  @Test func disputeGovernsItsDebtOnly() throws {
    // A dispute holds its own debt but not the case: the recommendation stays proceed,
    // the disputed debt leaves the plan, and an offer on it is held.
    let a = try assess(
      household(
        income: "100.00",
        debts: [
          Debt(id: "C", kind: "credit_card", balance: money("1000.00")),
          Debt(id: "D", kind: "store_card", balance: money("400.00")),
        ],
        circumstances: Circumstances(disputedDebts: ["D"]),
        offer: Offer(debt: "D", payment: Payment(amount: money("5.00"), frequency: .monthly))))
    #expect(a.recommendation == .proceed)
    #expect(a.plan.payments.map(\.debt) == ["C"])
    #expect(a.offerCheck?.verdict == .hold)
  }

  // MARK: Audit boundaries

  func findings(asOf: String, agreedOn: String, _ circumstances: Circumstances, pays amount: String = "50.00")
    throws
    -> [Audit.Finding.Code]
  {
    let plan = AgreedPlan(
      agreedOn: day(agreedOn), payments: [("C", Payment(amount: money(amount), frequency: .monthly))])
    return try assess(
      household(
        asOf: asOf, income: "500.00", debts: [Debt(id: "C", kind: "credit_card", balance: money("1000.00"))],
        circumstances: circumstances, agreedPlan: plan)
    ).audit!.findings.map(\.code)
  }

  @Test func agreedDuringHoldWindowsAreHalfOpen() throws {
    // Breathing Space 2026-06-01 .. 2026-07-31 (60 days): agreed on the last
    // day inside, then on the first day after.
    let space = Circumstances(
      breathingSpace: BreathingSpace(kind: .standard, start: day("2026-06-01")),
      ieRecordedOn: day("2026-11-01"))
    // A plan paying 50 of a 500 pot against a fair share of 50: no deviation.
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2026-07-30", space) == [.agreedDuringHold])
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2026-07-31", space) == [])
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2026-05-31", space) == [])
    let advice = Circumstances(adviceSoughtOn: day("2026-09-01"), ieRecordedOn: day("2026-11-01"))
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2026-09-30", advice) == [.agreedDuringHold])
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2026-10-01", advice) == [])
  }

  @Test func reviewOverdueFromTwelveMonths() throws {
    // Agreed and I&E 2025-11-22: + 12 months = 2026-11-22.
    let old = Circumstances(ieRecordedOn: day("2025-11-22"))
    #expect(try findings(asOf: "2026-11-21", agreedOn: "2025-11-22", old) == [])
    #expect(try findings(asOf: "2026-11-22", agreedOn: "2025-11-22", old) == [.reviewOverdue])
  }

  @Test func tokenReviewOverdueFromThreeMonths() throws {
    // Every payment (1.00) <= the token payment; agreed 2026-08-22 + 3 months = 2026-11-22.
    let fresh = Circumstances(ieRecordedOn: day("2026-11-01"))
    let early = try findings(asOf: "2026-11-21", agreedOn: "2026-08-22", fresh, pays: "1.00")
    #expect(!early.contains(.tokenReviewOverdue))
    let due = try findings(asOf: "2026-11-22", agreedOn: "2026-08-22", fresh, pays: "1.00")
    #expect(due.contains(.tokenReviewOverdue))
  }

  @Test func paymentExactlyAtTheToleranceIsNoDeviation() throws {
    // Two debts A 300 and B 100; the plan pays A 33.00 and B 7.00 = 40.00.
    // Fair split of 40.00 by balance: 30.00 and 10.00. Tolerance: max(1.00, 10%)
    // = 3.00 for A, 1.00 for B. A is 3.00 over: exactly at the tolerance, no
    // finding; B is 3.00 under: more than 1.00, a deviation.
    // max_share_deviation = max(3/30, 3/10) = 0.3000. Both clear well within
    // 84 months (300/33 and 100/7), so no LONG_TERM.
    let plan = AgreedPlan(
      agreedOn: day("2026-11-01"),
      payments: [
        ("A", Payment(amount: money("33.00"), frequency: .monthly)),
        ("B", Payment(amount: money("7.00"), frequency: .monthly)),
      ])
    let a = try assess(
      household(
        income: "500.00",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("300.00")),
          Debt(id: "B", kind: "store_card", balance: money("100.00")),
        ], agreedPlan: plan))
    let audit = a.audit!
    #expect(audit.findings.map(\.code) == [.fairShareDeviation])
    #expect(audit.findings.map(\.subject) == ["B"])
    #expect(audit.shares.map(\.fair) == [money("30.00"), money("10.00")])
    #expect(audit.maxShareDeviation == Rational(3, 10))
    let json = try resultJSON(a)
    #expect(json["audit"]?["max_share_deviation"] == .string("0.3000"))
  }
}
