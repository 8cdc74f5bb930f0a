import Headroom
import Testing

/// Plans and schedules with figures worked by hand in the comments.
@Suite struct PlanTests {
  @Test func tokenPlanWhenThePotCannotPayEveryMinimum() throws {
    // Ap = 1000.00 - 997.50 = 2.50; three debts need 3 x 1.00 > 2.50: token,
    // 1.00 each, review 3 months after as_of (2026-11-22 -> 2027-02-22).
    let a = try assess(
      household(
        income: "1000.00", rent: "997.50",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("500.00")),
          Debt(id: "B", kind: "personal_loan", balance: money("300.00")),
          Debt(id: "C", kind: "catalogue", balance: money("0.50")),
        ]))
    #expect(a.plan.kind == .token)
    #expect(a.plan.pot == money("2.50"))
    // C owes only 0.50, so its token is capped at its balance.
    #expect(a.plan.payments.map(\.amount) == [money("1.00"), money("1.00"), money("0.50")])
    #expect(a.plan.reviewOn == day("2027-02-22"))
    #expect(a.plan.termMonths == nil)
    #expect(a.flags.map(\.code) == [.tokenPlan])
    #expect(a.flags[0].until == day("2027-02-22"))
    #expect(a.recommendation == .review)
  }

  @Test func tokenReviewDateClampsToMonthEnd() throws {
    // 2026-11-30 + 3 months = 2027-02-30, clamped to 2027-02-28.
    let a = try assess(
      household(
        asOf: "2026-11-30", income: "10.00", debts: [Debt(id: "A", kind: "other", balance: money("50.00"))]))
    // Ap = 10.00 >= 1 x 1.00, so this is pro rata; force token with two debts and 1.50.
    #expect(a.plan.kind == .proRata)
    let b = try assess(
      household(
        asOf: "2026-11-30", income: "1.50",
        debts: [
          Debt(id: "A", kind: "other", balance: money("50.00")),
          Debt(id: "B", kind: "other", balance: money("50.00")),
        ]))
    #expect(b.plan.kind == .token)
    #expect(b.plan.reviewOn == day("2027-02-28"))
  }

  @Test func nonePlanWhenNothingIsLeft() throws {
    // Ap = 800 - 800 = 0: An <= 0, plan kind none, pot 0.00, no payments.
    let a = try assess(
      household(
        income: "800.00", rent: "800.00",
        debts: [Debt(id: "A", kind: "credit_card", balance: money("500.00"))]))
    #expect(a.plan.kind == .none)
    #expect(a.plan.pot == .zero)
    #expect(a.plan.payments.isEmpty)
    #expect(a.plan.termMonths == nil)
    #expect(a.recommendation == .proceed)
  }

  @Test func minimumReRunLiftsATinyShare() throws {
    // Pot 100.00 = 10000p over balances 9900 and 50: q = 9949.75 and 50.25;
    // floors 9949 + 50, the left-over penny to the larger fraction (0.75) -> 9950, 50.
    // 50p < 1.00 minimum: B is fixed at min(1.00, 50.00) and leaves; A takes the other 9900p.
    let a = try assess(
      household(
        income: "100.00",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("9900.00")),
          Debt(id: "B", kind: "store_card", balance: money("50.00")),
        ]))
    #expect(a.plan.kind == .proRata)
    #expect(a.plan.payments.map(\.debt) == ["A", "B"])
    #expect(a.plan.payments.map(\.amount) == [money("99.00"), money("1.00")])
    #expect(a.plan.unallocated == .zero)
  }

  @Test func capReRunReportsUnallocated() throws {
    // Pot 300.00 over balances 250 and 20 (270 in all): shares 277.78 and 22.22
    // both exceed their balances, so both are fixed at their balances; the
    // 30.00 that no debt can take is unallocated. Both clear in month 1.
    let a = try assess(
      household(
        income: "300.00",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("250.00")),
          Debt(id: "B", kind: "overdraft", balance: money("20.00")),
        ]))
    #expect(a.plan.payments.map(\.amount) == [money("250.00"), money("20.00")])
    #expect(a.plan.unallocated == money("30.00"))
    #expect(a.plan.termMonths == 1)
    #expect(a.plan.clears.map(\.month) == [1, 1])
  }

  @Test func capReRunUnderContractualBasisPassesTheExcessOn() throws {
    // Overlay: weights are contractual payments 40 and 10 a month. Pot 100.00:
    // shares 80 and 20; A (balance 50) is over its balance, fixed at 50; the
    // remaining 50 goes to B alone.
    let overlay = Array(
      #"{"figures": {"pro_rata_basis": {"source": "pro-rata", "value": "contractual_payment"}}}"#.utf8)
    let pack = try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay)
    let a = try assess(
      household(
        income: "100.00",
        debts: [
          Debt(
            id: "A", kind: "credit_card", balance: money("50.00"),
            contractualPayment: Payment(amount: money("40.00"), frequency: .monthly)),
          Debt(
            id: "B", kind: "store_card", balance: money("1000.00"),
            contractualPayment: Payment(amount: money("10.00"), frequency: .monthly)),
        ]), under: pack)
    #expect(a.plan.payments.map(\.debt) == ["B", "A"])  // order: balance descending
    #expect(a.plan.payments.map(\.amount) == [money("50.00"), money("50.00")])
    #expect(a.policy.overlayDigest != nil)
  }

  @Test func interestBearingScheduleRoundsEachPeriodHalfUp() throws {
    // 1000.00 at 12% a year (1% a month), paying 100.00 a month. Interest by
    // period, each half up to the penny: 10.00, 9.10, 8.19, 7.27 (7.2729),
    // 6.35 (6.3456), 5.41 (5.4091), 4.46 (4.4632), 3.51 (3.5078), 2.54 (2.5429),
    // 1.57 (1.5683), 0.58 (0.5840). Month 11 pays the last 58.98.
    // Total interest 58.98; paid 10 x 100 + 58.98 = 1000 + 58.98.
    let a = try assess(
      household(
        income: "1100.00", rent: "1000.00",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("1000.00"), annualInterestRate: money("0.12"))
        ]),
      schedule: true)
    #expect(a.plan.termMonths == 11)
    #expect(a.plan.totalInterest == money("58.98"))
    let interest = a.plan.schedule!.map(\.interest)
    #expect(
      interest
        == ["10.00", "9.10", "8.19", "7.27", "6.35", "5.41", "4.46", "3.51", "2.54", "1.57", "0.58"].map(
          money))
    #expect(a.plan.schedule!.last!.payment == money("58.98"))
    #expect(a.plan.schedule!.last!.date == day("2027-10-22"))
  }

  @Test func interestAtLeastThePaymentNeverClears() throws {
    // 1000.00 at 36% (3% a month = 30.00) against a 30.00 payment: the balance
    // never falls. NEVER_CLEARS on the debt, still owing 1000.00 after 600
    // months, term 600 > 84: LONG_TERM.
    let a = try assess(
      household(
        income: "30.00",
        debts: [
          Debt(id: "A", kind: "payday_loan", balance: money("1000.00"), annualInterestRate: money("0.36"))
        ]))
    #expect(a.plan.stillOwing.map(\.debt) == ["A"])
    #expect(a.plan.stillOwing.map(\.balance) == [money("1000.00")])
    #expect(a.plan.termMonths == 600)
    #expect(a.plan.totalInterest == money("18000.00"))  // 600 x 30.00
    #expect(a.flags.map(\.code) == [.longTerm, .neverClears])
    #expect(a.flags[1].subject == .debt("A"))
    #expect(a.recommendation == .refer)  // NEVER_CLEARS governs the debt only; LONG_TERM is case-level
  }

  @Test func frozenInterestAccruesNothing() throws {
    let a = try assess(
      household(
        income: "100.00",
        debts: [
          Debt(
            id: "A", kind: "credit_card", balance: money("1000.00"), annualInterestRate: money("0.36"),
            interestFrozen: true)
        ]))
    #expect(a.plan.termMonths == 10)
    #expect(a.plan.totalInterest == .zero)
  }

  @Test func redistributionAfterANonPriorityDebtClears() throws {
    // Pot 100.00 over A 100.00 (no interest) and B 900.00 at 12%: 10.00 and 90.00.
    // A clears in month 10. B, by month: 909.00-90 = 819.00; 827.19-90 = 737.19;
    // 744.56 -> 654.56; 661.11 -> 571.11; 576.82 -> 486.82; 491.69 -> 401.69;
    // 405.71 -> 315.71; 318.87 -> 228.87; 231.16 -> 141.16; 142.57 -> 52.57.
    // From month 11 the whole 100.00 goes to B, capped at its balance 52.57:
    // month 11 interest 0.53, pays 52.57, leaves 0.53; month 12 interest 0.01, pays 0.54.
    // Total interest 9.00+8.19+7.37+6.55+5.71+4.87+4.02+3.16+2.29+1.41+0.53+0.01 = 53.11.
    let a = try assess(
      household(
        income: "100.00",
        debts: [
          Debt(id: "A", kind: "credit_card", balance: money("100.00")),
          Debt(id: "B", kind: "personal_loan", balance: money("900.00"), annualInterestRate: money("0.12")),
        ]), schedule: true)
    #expect(a.plan.payments.map(\.amount) == [money("90.00"), money("10.00")])
    #expect(a.plan.clears.map(\.debt) == ["A", "B"])
    #expect(a.plan.clears.map(\.month) == [10, 12])
    #expect(a.plan.totalInterest == money("53.11"))
    let b = a.plan.schedule!.filter { $0.debt == "B" }
    #expect(b[10].payment == money("52.57"))
    #expect(b[11].payment == money("0.54"))
  }

  @Test func redistributionAfterAPriorityDebtClears() throws {
    // Council tax arrears 120.00 over 12 months: target and offer 10.00.
    // Ap 110.00, An 100.00, pot 100.00 to B (2000.00). D1 clears in month 12;
    // B has 800.00 left. From month 13 the pot is 100 + 10 = 110.00:
    // 7 x 110 = 770 (months 13-19), month 20 pays the last 30.00.
    let a = try assess(
      household(
        income: "110.00",
        debts: [
          Debt(id: "D1", kind: "council_tax", balance: money("120.00"), arrears: money("120.00")),
          Debt(id: "B", kind: "credit_card", balance: money("2000.00")),
        ]), schedule: true)
    #expect(a.priorityOffers.map(\.offer) == [money("10.00")])
    #expect(a.plan.clears.map(\.debt) == ["D1", "B"])
    #expect(a.plan.clears.map(\.month) == [12, 20])
    #expect(a.plan.termMonths == 20)
    let b = a.plan.schedule!.filter { $0.debt == "B" }
    #expect(b[12].payment == money("110.00"))
    #expect(b[19].payment == money("30.00"))
  }

  @Test func redistributionFloorsACourtOrderedOfferWithFractionsOfAPenny() throws {
    // A £10.00 weekly court-ordered instalment is 10 × 52/12 = 130/3 = 43.333... a
    // month, kept exact. An = 1000 − 130/3 = 956.666..., pot floor_minor = 956.66:
    // 95,666 pence over balances 2,000 : 3,000 is 38,266.4 and 57,399.6, so
    // N1 382.66 and N2 573.99 + the left-over penny (larger fraction) = 574.00.
    // The council tax (100.00) clears in month 3 (43.33..., 43.33..., 13.33...).
    // Balances then: N1 2000 − 3 × 382.66 = 852.02, N2 3000 − 3 × 574.00 = 1278.00.
    // From month 4 the pot is floor_minor(956.66 + 43.333...) = 999.99, split
    // 85,202 : 127,800 → 40,000.16 and 59,998.84 → N1 400.00, N2 599.99.
    // N1: 852.02 − 400 − 400 − 52.02 clears in month 6; N2: 1278.00 − 599.99 −
    // 599.99 − 78.02 clears in month 6 too.
    let a = try assess(
      household(
        income: "1000.00",
        debts: [
          Debt(
            id: "CT", kind: "council_tax", balance: money("100.00"), arrears: money("100.00"),
            requiredPayment: Payment(amount: money("10.00"), frequency: .weekly)),
          Debt(id: "N1", kind: "credit_card", balance: money("2000.00")),
          Debt(id: "N2", kind: "credit_card", balance: money("3000.00")),
        ]), schedule: true)
    #expect(a.priorityOffers.map(\.offer) == [Rational(130, 3)])
    #expect(a.plan.pot == money("956.66"))
    #expect(a.plan.payments.map(\.amount) == [money("574.00"), money("382.66")])
    #expect(a.plan.clears.map(\.debt) == ["CT", "N2", "N1"])
    #expect(a.plan.clears.map(\.month) == [3, 6, 6])
    let rows = a.plan.schedule!
    let month4 = Dictionary(
      uniqueKeysWithValues: rows.filter { $0.period == 4 }.map { ($0.debt, $0.payment) })
    #expect(month4["N1"] == money("400.00"))
    #expect(month4["N2"] == money("599.99"))
    #expect(rows.last { $0.debt == "N1" }!.payment == money("52.02"))
    #expect(rows.last { $0.debt == "N2" }!.payment == money("78.02"))
  }

  @Test func priorityShortfallWalksTheOrder() throws {
    // Ap = 50.00. Rent arrears 1200 -> target 100.00 (rank 1) takes all 50.00;
    // gas arrears 120 -> target 10.00 gets 0. Both short: PRIORITY_SHORTFALL (refer).
    let a = try assess(
      household(
        income: "50.00",
        debts: [
          Debt(id: "G", kind: "gas", balance: money("120.00"), arrears: money("120.00")),
          Debt(id: "R", kind: "rent", balance: money("1200.00"), arrears: money("1200.00")),
          Debt(id: "C", kind: "credit_card", balance: money("500.00")),
        ]))
    #expect(a.order == ["R", "G", "C"])
    #expect(a.priorityOffers.map(\.target) == [money("100.00"), money("10.00")])
    #expect(a.priorityOffers.map(\.offer) == [money("50.00"), .zero])
    #expect(a.monthly.availableForNonPriority == .zero)
    #expect(a.plan.kind == .none)
    #expect(a.flags.map(\.code) == [.priorityShortfall])
    #expect(a.recommendation == .refer)
  }

  @Test func requiredPaymentAndArrearsMonthsOverrideTheTarget() throws {
    // Required 23.00 weekly = 23 x 52/12 = 99.666... a month (kept exact);
    // arrears_months 4 on 100.00 -> ceil(25.00) = 25.00.
    let a = try assess(
      household(
        income: "1000.00",
        debts: [
          Debt(
            id: "F", kind: "magistrates_fine", balance: money("500.00"), arrears: money("500.00"),
            requiredPayment: Payment(amount: money("23.00"), frequency: .weekly)),
          Debt(
            id: "E", kind: "electricity", balance: money("100.00"), arrears: money("100.00"), arrearsMonths: 4
          ),
        ]))
    #expect(a.priorityOffers.map(\.target) == [Rational(299, 3), money("25.00")])
    #expect(a.priorityOffers.map(\.offer) == [Rational(299, 3), money("25.00")])
    // 1000 - 299/3 - 25 = 2626/3 = 875.333...
    #expect(a.monthly.availableForNonPriority == Rational(2626, 3))
  }
}
