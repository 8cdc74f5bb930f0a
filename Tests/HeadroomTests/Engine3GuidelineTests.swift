import HeadroomTestSupport
import Testing

@_spi(Testing) @testable import Headroom

/// Guideline spend finds each line's guideline from a table of the standard
/// categories, by the category's bits, not by reading its group: the table
/// must give the group rule of SPEC §4 written out, and a category of another
/// table must fall back to comparing groups (seeded, so every run replays
/// the same households).
@Suite struct Engine3GuidelineTests {
  /// gb-sfs with three guideline groups, not one.
  static let threeGroupPack: PolicyPack = {
    let overlay = Array(
      #"""
      {"figures": {"guidelines": {"source": "ndl-food", "value": {
        "personal": {"first_adult": "40.00", "each_further_adult": "20.00", "each_child": "15.50"},
        "food-housekeeping": {"first_adult": "340.00", "each_further_adult": "230.00", "each_child": "210.00"},
        "communications-leisure": {"first_adult": "90.00", "each_further_adult": "30.00", "each_child": "25.00"}
      }}}}
      """#.utf8)
    do { return try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay) } catch {
      fatalError("overlay must load: \(error)")
    }
  }()

  /// A table of its own: some standard names under other groups, and a
  /// category of the standard groups under a name the standard table lacks.
  static let otherTable: SFSCategories = {
    let rows = [
      "category\tdirection\tsection\tgroup\trepeatable",
      "rent\texpenditure\thome-contents\tfood-housekeeping\tno",
      "gas\texpenditure\tutilities\tpersonal\tno",
      "hairdressing\texpenditure\tpersonal-costs\t-\tyes",
      "treats\texpenditure\tfood\tfood-housekeeping\tyes",
      "streaming\texpenditure\tleisure\tcommunications-leisure\tyes",
    ]
    do { return try SFSCategories(tsv: rows.joined(separator: "\n") + "\n") } catch {
      fatalError("the test table must load: \(error)")
    }
  }()

  /// The guideline position SPEC §4's rule gives a category: the first
  /// guideline whose group is the category's.
  static func expected(_ category: SFSCategory, _ guidelines: [Guideline]) -> CategoryGuidelines.Match {
    guard let group = category.group else { return .none }
    return guidelines.firstIndex { $0.group == group }.map { .guideline($0) } ?? .none
  }

  @Test(arguments: [false, true])
  func everyStandardCategoryMatchesItsGroup(threeGroups: Bool) {
    let pack = threeGroups ? Self.threeGroupPack : gbPack
    let version = pack.versions[pack.versions.count - 1]
    var found = 0
    for category in SFSCategories.standard.all {
      let match = version.shared.guidelineOfCategory.match(category)
      #expect(match == Self.expected(category, version.figures.guidelines), "\(category.name)")
      if case .guideline = match { found += 1 }
    }
    // The table is in use, not falling back: every group's categories are found.
    #expect(found >= (threeGroups ? 15 : 5))
  }

  @Test func anotherTablesCategoriesAreUnknown() {
    let version = Self.threeGroupPack.versions[Self.threeGroupPack.versions.count - 1]
    for category in Self.otherTable.all {
      #expect(version.shared.guidelineOfCategory.match(category) == .unknown, "\(category.name)")
    }
  }

  @Test func noTableWhenTwoGuidelinesShareAGroup() {
    let figures = gbPack.versions[gbPack.versions.count - 1].figures
    let twice = figures.guidelines + figures.guidelines
    let table = CategoryGuidelines(twice, categories: SFSCategories.standard.all)
    for category in SFSCategories.standard.all { #expect(table.match(category) == .unknown) }
  }

  /// Seeded households of lines from both tables: each check's spend is the
  /// sum of the monthly amounts of the lines in its group, found by name.
  @Test(arguments: [false, true])
  func spendMatchesTheGroupRule(threeGroups: Bool) {
    var random = SeededGenerator(seed: 3_100_417)
    let pack = threeGroups ? Self.threeGroupPack : gbPack
    let version = pack.versions.count - 1
    let figures = pack.versions[version].figures
    let standard = SFSCategories.standard.all.filter { $0.direction == .expenditure }
    let other = Self.otherTable.all
    let frequencies = Frequency.allCases
    var exceeded = 0
    for number in 1...1_000 {
      var lines: [Line] = []
      for _ in 0..<Int.random(in: 0...14, using: &random) {
        let category =
          Int.random(in: 0..<5, using: &random) == 0
          ? other.randomElement(using: &random)! : standard.randomElement(using: &random)!
        let amount = Rational(Int.random(in: 0...60_000, using: &random), 100)
        lines.append(
          Line(category: category, amount: amount, frequency: frequencies.randomElement(using: &random)!))
      }
      let household = Headroom.Case(
        id: "G\(number)", asOf: day("2026-11-22"),
        household: Household(
          adults: Int.random(in: 1...3, using: &random),
          childAges: Array(repeating: 5, count: Int.random(in: 0...3, using: &random))),
        income: [line("client-salary-or-wages", "1000.00")], expenditure: lines, debts: [])
      let assessor = Assessor(household: household, pack: pack, versionAt: version, options: AssessmentOptions())
      let checks = assessor.guidelineChecks()
      #expect(checks.count == figures.guidelines.count)
      for (g, guideline) in figures.guidelines.enumerated() {
        var spend = Rational.zero
        for line in lines where line.category.group == guideline.group {
          spend += figures.monthly(line.amount, line.frequency)
        }
        let limit = guideline.amount(for: household.household)
        #expect(checks[g].group == guideline.group)
        #expect(checks[g].spend == spend, "case \(number), \(guideline.group)")
        #expect(checks[g].guideline == limit)
        #expect(checks[g].exceeded == (spend > limit))
        if checks[g].exceeded { exceeded += 1 }
      }
    }
    #expect(exceeded > 50)
  }
  /// Spend summed in whole minor units must still be exact for amounts off
  /// the grid, past 64 bits once converted, or negative: seeded standard
  /// lines against the per-line exact monthly sum.
  @Test func offGridSpendMatchesThePerLineSum() {
    var random = SeededGenerator(seed: 3_118_903)
    let version = gbPack.versions.count - 1
    let figures = gbPack.versions[version].figures
    let standard = SFSCategories.standard.all.filter { $0.direction == .expenditure && $0.group != nil }
    var matched = 0
    for number in 1...600 {
      var lines: [Line] = []
      for _ in 0..<Int.random(in: 1...12, using: &random) {
        let amount: Rational
        switch Int.random(in: 0..<6, using: &random) {
        case 0: amount = Rational(Int.random(in: 1...999, using: &random), 3)
        case 1: amount = Rational(Int(Int64.max / 3 - Int64.random(in: 0...99, using: &random)), 100)
        case 2: amount = Rational(Int.random(in: 1...99, using: &random), 1_000)
        case 3: amount = .zero
        default: amount = Rational(Int.random(in: 0...60_000, using: &random), 100)
        }
        lines.append(
          Line(
            category: standard.randomElement(using: &random)!, amount: amount,
            frequency: Frequency.allCases.randomElement(using: &random)!))
      }
      let household = Headroom.Case(
        id: "O\(number)", asOf: day("2026-11-22"), household: Household(adults: 1, childAges: []),
        income: [line("client-salary-or-wages", "1000.00")], expenditure: lines, debts: [])
      let assessor = Assessor(household: household, pack: gbPack, versionAt: version, options: AssessmentOptions())
      let checks = assessor.guidelineChecks()
      for (g, guideline) in figures.guidelines.enumerated() {
        var spend = Rational.zero
        for line in lines where line.category.group == guideline.group {
          spend += figures.monthly(line.amount, line.frequency)
          matched += 1
        }
        #expect(checks[g].spend == spend, "case \(number), \(guideline.group)")
      }
    }
    #expect(matched > 1_000)
  }
}
