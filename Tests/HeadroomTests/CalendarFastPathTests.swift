@testable import Headroom
import HeadroomTestSupport
import Testing

/// `CivilDate.components` and `adding(months:)` take unsigned shortcuts for
/// the years the reader accepts; these check them against a day-by-day walk
/// of the calendar and against the checked initializer.
@Suite struct CalendarFastPathTests {
  @Test func componentsAgreeWithADayByDayWalk() {
    var (year, month, day) = (1, 1, 1)
    var date = CivilDate(year: 1, month: 1, day: 1)!
    #expect(date.daysSinceEpoch == -719_162)
    for _ in 0..<(3_652_059 - 1) {  // every day of years 1...9999
      let next = date.adding(days: 1)
      day += 1
      if day > CivilDate.daysIn(month: month, year: year) {
        day = 1
        month += 1
        if month > 12 {
          month = 1
          year += 1
        }
      }
      let c = next.components
      if c.year != year || c.month != month || c.day != day {
        Issue.record("\(next.daysSinceEpoch): \(c) against \(year)-\(month)-\(day)")
        return
      }
      date = next
    }
    #expect(date.description == "9999-12-31")
  }

  @Test func addingMonthsAgreesWithTheCheckedInitializer() {
    var random = SeededGenerator(seed: 7_301)
    for _ in 0..<50_000 {
      let start = CivilDate(daysSinceEpoch: Int.random(in: -719_162...2_932_896, using: &random))
      let months = Int.random(in: -2_400...2_400, using: &random)
      let (y, m, d) = start.components
      let index = y * 12 + (m - 1) + months
      let (year, month) = (index / 12, index % 12 + 1)
      let expected =
        (1...12).contains(month)
        ? CivilDate(year: year, month: month, day: min(d, CivilDate.daysIn(month: month, year: year))) ?? start
        : start
      #expect(start.adding(months: months) == expected, "\(start) + \(months) months")
    }
    #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
    #expect(day("2023-01-31").adding(months: 1) == day("2023-02-28"))
    #expect(day("2026-11-22").adding(months: 12) == day("2027-11-22"))
    #expect(day("9999-12-01").adding(months: 1) == day("9999-12-01"))
  }

  @Test func dayBeforeYearZeroStillConverts() {
    // Outside the shortcut's range the checked arithmetic answers.
    let early = CivilDate(daysSinceEpoch: -719_469)
    let (y, m, d) = early.components
    #expect((y, m, d) == (0, 2, 29))
  }

  @Test func figuresDatedOnIsTheEffectiveDayPlusTheDatedMonths() throws {
    for id in PolicyPack.bundledIDs {
      for version in try PolicyPack.bundled(id).versions {
        #expect(
          version.figuresDatedOn == version.effectiveFrom.adding(months: version.figures.figuresDatedMonths))
      }
    }
  }

  @Test func flagCodePositionsFollowAllCases() {
    for (k, code) in Flag.Code.allCases.enumerated() { #expect(code.position == k) }
  }

  @Test func guidelineAmountsAgreeWithTheFullFormula() throws {
    var random = SeededGenerator(seed: 5_119)
    for guideline in gbPack.versions.last!.figures.guidelines {
      for _ in 0..<200 {
        let adults = Int.random(in: 1...6, using: &random)
        let children = (0..<Int.random(in: 0...5, using: &random)).map { _ in Int.random(in: 0...17, using: &random) }
        let household = Household(adults: adults, childAges: children)
        let full =
          guideline.firstAdult + guideline.eachFurtherAdult * Rational(adults - 1) + guideline.eachChild
          * Rational(children.count)
        #expect(guideline.amount(for: household) == full)
      }
    }
  }
}
