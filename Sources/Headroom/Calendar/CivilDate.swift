/// A calendar day in the proleptic Gregorian calendar, with no time or zone.
///
/// All of Headroom's date logic is whole days (SPEC §3). Adding months keeps
/// the day of the month, clamped to the last day of the target month.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let daysSinceEpoch: Int

  public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

  /// The day `year-month-day`, or nil if there is no such day.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.init(validYear: year, month: month, day: day)
  }

  /// Reads `YYYY-MM-DD` strictly.
  public init?(_ text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for k in range {
        let digit = utf8[k] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Year, month (1–12) and day (1–31).
  public var components: (year: Int, month: Int, day: Int) {
    // From year 0 on (every day the reader accepts), on unsigned words: no
    // overflow or sign to check, the same figures.
    if daysSinceEpoch >= -719468 && daysSinceEpoch < 1 << 40 {
      let z = UInt(bitPattern: daysSinceEpoch &+ 719468)
      let era = z / 146097
      let doe = z &- era &* 146097
      let yoe = (doe &- doe / 1460 &+ doe / 36524 &- doe / 146096) / 365
      let doy = doe &- (365 &* yoe &+ yoe / 4 &- yoe / 100)
      let mp = (5 &* doy &+ 2) / 153
      let day = doy &- (153 &* mp &+ 2) / 5 &+ 1
      let month = mp < 10 ? mp &+ 3 : mp &- 9
      return (Int(yoe &+ era &* 400 &+ (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
    let z = daysSinceEpoch + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

  /// The same day of the month `months` later, clamped to the month's end.
  public func adding(months: Int) -> CivilDate {
    let (y, m, d) = components
    let index = y * 12 + (m - 1) + months
    let year = index / 12
    let month = index % 12 + 1
    // As `init?(year:month:day:)` with the day already clamped: only the
    // year and month can be out of range (then the date stays as it is).
    guard (1...9999).contains(year), (1...12).contains(month) else { return self }
    return CivilDate(validYear: year, month: month, day: min(d, CivilDate.daysIn(month: month, year: year)))
  }

  /// Days from civil for a day known to exist (`init?(year:month:day:)`
  /// without its checks): H. Hinnant's method ("chrono-compatible low-level
  /// date algorithms"), years counted from March. For years 1...9999 every
  /// figure is non-negative, so the eras fold into whole-year counts on
  /// unsigned words: y × 365 + y/4 − y/100 + y/400 is era × 146,097 plus
  /// the year-of-era terms, with no signed division.
  private init(validYear year: Int, month: Int, day: Int) {
    let m = UInt(bitPattern: month)
    let y = UInt(bitPattern: year) &- (m <= 2 ? 1 : 0)
    let shifted = m > 2 ? m &- 3 : m &+ 9
    let dayOfYear = (153 &* shifted &+ 2) / 5 &+ UInt(bitPattern: day) &- 1
    let days = y &* 365 &+ y / 4 &- y / 100 &+ y / 400 &+ dayOfYear
    daysSinceEpoch = Int(bitPattern: days) &- 719_468
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  public var description: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
