import Headroom
import Testing

/// The protected-amount packs (SPEC §4 and §8), each figure worked by hand.
@Suite struct NordicPackTests {
  func pack(_ id: String) throws -> PolicyPack { try PolicyPack.bundled(id) }

  func norm(_ id: String, on date: String, adults: Int, children: [Int]) throws -> Rational {
    let version = try #require(try pack(id).version(on: day(date)))
    let rule = try #require(version.figures.protectedAmount)
    return rule.norm(for: Household(adults: adults, childAges: children))
  }

  @Test func norwaySingleParentWithTwoChildren() throws {
    // SPEC §8 check: 10,724 + 3,432 (age 3) + 4,553 (age 9) = 18,709; three members, no 80 % rule.
    #expect(try norm("no-sit", on: "2026-11-22", adults: 1, children: [3, 9]) == 18709)
  }

  @Test func norwayHouseholdOfFiveAppliesEightyPercentFromTheFourth() throws {
    // Two adults 9,082 each; children 12 (5,747), 7 (4,553), 2 (3,432), counted
    // from the eldest: the 4th and 5th members (ages 7 and 2) at 80 %.
    // 18,164 + 5,747 + 3,642.40 + 2,745.60 = 30,299.
    #expect(try norm("no-sit", on: "2026-11-22", adults: 2, children: [2, 12, 7]) == 30299)
    // The 2023 rates: 8,817 x 2 + 5,580 + 0.8 x 4,420 + 0.8 x 3,332 = 29,415.60.
    #expect(try norm("no-sit", on: "2024-06-30", adults: 2, children: [2, 12, 7]) == Rational(147078, 5))
  }

  @Test func denmarkAdultsAndChildren() throws {
    // SPEC §8: two adults 12,280 (6,140 each); children aged 1 and 6: 1,970 + 2,520 = 4,490.
    #expect(try norm("dk-gst", on: "2026-11-22", adults: 2, children: []) == 12280)
    let withChildren = try norm("dk-gst", on: "2026-11-22", adults: 2, children: [1, 6])
    #expect(withChildren - 12280 == 4490)
    // One adult 7,240; three adults 7,240 + 5,040 + 5,040 = 17,320.
    #expect(try norm("dk-gst", on: "2026-11-22", adults: 1, children: []) == 7240)
    #expect(try norm("dk-gst", on: "2026-11-22", adults: 3, children: []) == 17320)
  }

  @Test func swedenAdultsAndChildren() throws {
    // Single 6,090; spouses together 10,061; a third adult at the single rate: 16,151.
    #expect(try norm("se-kfm", on: "2026-11-22", adults: 1, children: []) == 6090)
    #expect(try norm("se-kfm", on: "2026-11-22", adults: 2, children: []) == 10061)
    #expect(try norm("se-kfm", on: "2026-11-22", adults: 3, children: []) == 16151)
    // Children 6 (3,255), 7 (3,906), 14 (4,558), 15 (5,208).
    #expect(
      try norm("se-kfm", on: "2026-11-22", adults: 1, children: [6, 7, 14, 15]) == 6090 + 3255 + 3906 + 4558
        + 5208)
  }

  @Test func kronofogdenPeriodTableComesOutOfTheThirtyDayMonth() throws {
    // Kronofogden's 2023 table for a single adult: 5,717 a month; 2,668 a
    // fortnight; 1,334 a week; 191 a day. 5,717 x 14/30 = 2,667.93;
    // x 7/30 = 1,333.97; / 30 = 190.57; each rounded to whole kronor.
    let figures = try #require(try pack("se-kfm").version(on: day("2026-11-22"))).figures
    let month: Rational = 5717
    #expect(figures.perPeriod(month, .monthly) == 5717)
    #expect(figures.perPeriod(month, .fortnightly).rounded(.halfUp) == 2668)
    #expect(figures.perPeriod(month, .weekly).rounded(.halfUp) == 1334)
    #expect(figures.perPeriod(month, .daily).rounded(.halfUp) == 191)
    // And the other way: 700 kronor a week is exactly 3,000 a month.
    #expect(figures.monthly(700, .weekly) == 3000)
  }

  func nordicCase(
    _ policy: String, currency: Currency, asOf: String, expenditure: [Line] = [], debts: [Debt] = []
  )
    -> Case
  {
    Case(
      id: "N", asOf: day(asOf), policy: policy, currency: currency, household: Household(adults: 1),
      income: [line("client-salary-or-wages", "25000.00")], expenditure: expenditure, debts: debts)
  }

  @Test func protectedAmountAffordability() throws {
    // Sweden, single adult: protected = 6,090 + rent 7,000 + heating (other-utilities) 400 = 13,490.
    // Groceries 700 a week (3,000 a month) is not housing and does not count.
    // Ap = 25,000 - 13,490 = 11,510.
    let a = try assess(
      nordicCase(
        "se-kfm", currency: .sek, asOf: "2024-11-22",
        expenditure: [
          line("rent", "7000.00"), line("other-utilities", "400.00"), line("groceries", "700.00", .weekly),
        ]),
      under: pack("se-kfm"))
    #expect(a.monthly.protected == 13490)
    #expect(a.monthly.expenditure == 10400)
    #expect(a.monthly.availableForPriority == 11510)
    let json = try resultJSON(a)
    #expect(json["monthly"]?["protected"] == .string("13490.00"))
    #expect(json["exact"]?["protected"] == .string("13490"))
  }

  @Test func norwayVersionOnEachSideOfFirstJuly2024() throws {
    // Single adult, no housing: protected is the single rate of the version in force.
    let before = try assess(nordicCase("no-sit", currency: .nok, asOf: "2024-06-30"), under: pack("no-sit"))
    #expect(before.policy.version == "2023.7")
    #expect(before.monthly.protected == 10412)
    let after = try assess(nordicCase("no-sit", currency: .nok, asOf: "2024-07-01"), under: pack("no-sit"))
    #expect(after.policy.version == "2024.7")
    #expect(after.monthly.protected == 10724)
    #expect(throws: CaseError.self) {
      try assess(nordicCase("no-sit", currency: .nok, asOf: "2023-06-30"), under: pack("no-sit"))
    }
  }

  @Test func datedFiguresStillWorkAndSaySo() throws {
    // 2024.7 + 12 months = 2025-07-01: an info flag from that day, not before.
    let fresh = try assess(nordicCase("no-sit", currency: .nok, asOf: "2025-06-30"), under: pack("no-sit"))
    #expect(!fresh.flags.contains { $0.code == .policyFiguresDated })
    let dated = try assess(nordicCase("no-sit", currency: .nok, asOf: "2025-07-01"), under: pack("no-sit"))
    #expect(dated.flags.map(\.code) == [.policyFiguresDated])
    #expect(dated.recommendation == .proceed)
  }

  @Test func nordicPriorityRanks() throws {
    let debts = [
      Debt(id: "A", kind: "other_priority", balance: 100, arrears: 100),
      Debt(id: "B", kind: "electricity", balance: 100, arrears: 100),
      Debt(id: "C", kind: "income_tax", balance: 100, arrears: 100),
      Debt(id: "D", kind: "child_maintenance", balance: 100, arrears: 100),
      Debt(id: "E", kind: "mortgage", balance: 100, arrears: 100),
      Debt(id: "F", kind: "council_tax", balance: 900, arrears: 100),
    ]
    let a = try assess(
      nordicCase("dk-gst", currency: .dkk, asOf: "2024-11-22", debts: debts), under: pack("dk-gst"))
    // Ranks 1 home, 2 child maintenance, 3 tax, 4 energy, 5 other priority; council tax is not a priority kind here.
    #expect(a.order == ["E", "D", "C", "B", "A", "F"])
    #expect(
      a.priorityOffers.map(\.consequence) == [
        "home", "enforcement", "enforcement", "essential_supply", "enforcement",
      ])
  }

  @Test func everyPackMapsEveryDebtKind() throws {
    for id in PolicyPack.bundledIDs {
      let pack = try pack(id)
      #expect(!pack.versions.isEmpty)
      for version in pack.versions {
        #expect(
          version.figureSources.allSatisfy { pack.citation($0.source) != nil }, "\(id) \(version.version)")
      }
    }
  }
}
