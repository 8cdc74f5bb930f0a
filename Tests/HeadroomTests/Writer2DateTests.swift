import HeadroomTestSupport
import Testing

@testable import Headroom

/// The writer's dates (digits in pairs from a table) against the plain
/// description: every year's first and last day, every day of a leap year,
/// and dates after a comma in a list.
@Suite struct Writer2DateTests {
  @Test func everyYearsFirstAndLastDay() throws {
    for year in 1...9999 {
      let first = try #require(CivilDate(year: year, month: 1, day: 1))
      let last = try #require(CivilDate(year: year, month: 12, day: 31))
      #expect(written { $0.date(first) } == "\"\(fourDigits(year))-01-01\"")
      #expect(written { $0.date(last) } == "\"\(fourDigits(year))-12-31\"")
    }
    // Year 0 and the day before it (written by the general path).
    for day in [-719_528, -719_163, -719_529] {
      let date = CivilDate(daysSinceEpoch: day)
      #expect(written { $0.date(date) } == "\"\(date.description)\"")
    }
  }

  @Test func everyDayOfALeapYear() throws {
    let start = try #require(CivilDate(year: 2024, month: 1, day: 1))
    var seen = 0
    for offset in 0..<366 {
      let date = start.adding(days: offset)
      let (y, m, d) = date.components
      #expect(y == 2024)
      let text = written { $0.date(date) }
      #expect(text == "\"2024-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)\"")
      seen += 1
    }
    #expect(seen == 366)
  }

  @Test func datesInAListTakeTheirCommas() {
    var random = SeededGenerator(seed: 52)
    let dates = (0..<50).map { _ in
      CivilDate(daysSinceEpoch: Int.random(in: -719_468...2_932_896, using: &random))
    }
    let text = written { w in
      w.beginArray()
      for date in dates { w.date(date) }
      w.date(nil)
      w.endArray()
    }
    #expect(text == "[" + dates.map { "\"\($0.description)\"" }.joined(separator: ",") + ",null]")
  }
}

/// `value` (>= 0) in at least four digits, zero padded.
private func fourDigits(_ value: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
