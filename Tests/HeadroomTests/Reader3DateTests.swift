import HeadroomTestSupport
import Testing

@testable import Headroom

/// The byte reader of `YYYY-MM-DD` dates against `CivilDate(_:)` on the
/// same text: every day of many years, impossible days and months, and
/// seeded texts with bytes changed.
@Suite struct Reader3DateTests {
  /// What the byte reader makes of `text`, read from a buffer that goes on past it.
  static func read(_ text: String) -> CivilDate? {
    let bytes = Array(text.utf8)
    let line = bytes + Array("\"}".utf8)
    return line.withUnsafeBufferPointer {
      FieldReader.civilDate(UnsafeBufferPointer(start: $0.baseAddress, count: bytes.count))
    }
  }

  static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Months 0 to 13 and days 0 to 32 of leap, century and ordinary years
  /// (with year 0 and 9999) and of seeded years: the same date or nil.
  @Test func everyDayOfManyYears() {
    var random = SeededGenerator(seed: 4401)
    var years = [0, 1, 2, 3, 4, 99, 100, 400, 1600, 1700, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9996, 9999]
    for _ in 0..<60 { years.append(Int.random(in: 0...9999, using: &random)) }
    var valid = 0
    for year in years {
      for month in 0...13 {
        for day in 0...32 {
          let text = Self.text(year, month, day)
          let expected = CivilDate(text)
          #expect(Self.read(text) == expected, "\(text)")
          if expected != nil { valid += 1 }
        }
      }
    }
    #expect(valid > 365 * years.count - 400)
  }

  /// Seeded dates with one byte changed (digits, dashes, signs, spaces,
  /// letters), cut or extended: the same date or nil.
  @Test func changedTextsAgree() {
    var random = SeededGenerator(seed: 4402)
    let replacements = Array("0123456789-+/ :aZ\u{7F}".utf8) + [0x2F, 0x3A, 0x80, 0xC3]
    for _ in 0..<20_000 {
      var bytes = Array(
        Self.text(
          Int.random(in: 0...9999, using: &random), Int.random(in: 1...12, using: &random),
          Int.random(in: 1...31, using: &random)
        ).utf8)
      switch Int.random(in: 0..<6, using: &random) {
      case 0: bytes.removeLast()
      case 1: bytes.append(UInt8(ascii: "1"))
      case 2: break
      default:
        bytes[Int.random(in: 0..<10, using: &random)] = replacements.randomElement(using: &random)!
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let line = bytes + Array("\"}".utf8)
      let read = line.withUnsafeBufferPointer {
        FieldReader.civilDate(UnsafeBufferPointer(start: $0.baseAddress, count: bytes.count))
      }
      #expect(read == CivilDate(text), "\(text)")
    }
  }

  /// Case lines with an as-of date, plain or escaped: the date or the same error as the general reader.
  @Test func caseDatesReadAsTheGeneralReader() throws {
    for (written, expected) in [
      ("2026-11-22", "2026-11-22"), ("2024-02-29", "2024-02-29"), ("\\u0032026-11-22", "2026-11-22"),
    ] {
      let text = PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": "10.00"}"#)
        .replacingOccurrences(of: "2026-11-22", with: written)
      let read = try PlainReadingTests().read(text)
      #expect(read.asOf == CivilDate(expected))
    }
    for bad in ["2025-02-29", "2026-13-01", "2026-1-01", "0000-01-01"] {
      let text = PlainReadingTests.text(debt: #"{"id": "D1", "kind": "other", "balance": "10.00"}"#)
        .replacingOccurrences(of: "2026-11-22", with: bad)
      #expect(throws: CaseError.self) { try PlainReadingTests().read(text) }
      do {
        _ = try PlainReadingTests().read(text)
      } catch {
        #expect(error.path == "as_of")
        #expect(error.message == "expected a calendar date YYYY-MM-DD, found '\(bad)'")
      }
    }
  }
}
