import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The result writer's literal codes, and the message builder's pieces,
/// money and days, agree with the plain texts they stand for.
@Suite struct Writer3Tests {
  /// Each code written as a literal is its raw value (or name), quoted, as
  /// the general string write writes it, after a value and not.
  @Test func codeLiteralsAreTheirRawValues() {
    var pairs: [(StaticString, String)] = []
    pairs += [Plan.Kind.none, .token, .proRata].map { ($0.text, $0.rawValue) }
    pairs += Flag.Code.allCases.map { ($0.text, $0.rawValue) }
    pairs += Action.allCases.map { ($0.text, $0.name) }
    pairs += OfferCheck.Verdict.allCases.map { ($0.text, $0.rawValue) }
    pairs += Recommendation.allCases.map { ($0.text, $0.rawValue) }
    pairs += Audit.Finding.Code.allCases.map { ($0.text, $0.rawValue) }
    pairs += [Audit.Finding.Severity.breach, .concern].map { ($0.text, $0.rawValue) }
    #expect(pairs.count == 3 + 14 + 5 + 5 + 5 + 7 + 2)
    for (literal, raw) in pairs {
      let fast = written { w in
        w.beginArray()
        w.writing { $0.string(literal: literal) }
        w.writing { $0.string(literal: literal) }
        w.endArray()
      }
      let general = written { w in
        w.beginArray()
        w.string(raw)
        w.string(raw)
        w.endArray()
      }
      #expect(fast == general, "\(raw)")
    }
  }

  /// Pieces of every length up to 40, ASCII and not, appended at every
  /// offset up to past the 256 bytes kept in place: the message is their
  /// concatenation.
  @Test func piecesAtEveryOffsetMatchConcatenation() {
    var random = SeededGenerator(seed: 3_301)
    let alphabet: [Character] = ["a", "Z", "0", " ", ":", ".", "é", "€", "\""]
    for prefix in 0...300 {
      var m = MessageText(rounding: .halfUp, minorDigits: 2)
      var expected = String(repeating: "x", count: prefix)
      m.add(text: expected)
      for _ in 0..<4 {
        let length = Int.random(in: 0...40, using: &random)
        let piece = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
        m.add(text: piece)
        expected += piece
        m.add(": ")
        expected += ": "
      }
      #expect(m.string == expected, "prefix \(prefix)")
    }
  }

  /// Money with 0 to 4 places, seeded random values and rounding modes, and
  /// days in and out of years 0 to 9999, against their plain descriptions.
  @Test func moneyAndDaysMatchDescriptions() {
    var random = SeededGenerator(seed: 3_302)
    for _ in 0..<5_000 {
      let value = random.rational()
      let digits = [0, 1, 2, 2, 3, 4].randomElement(using: &random)!
      let mode = RoundingMode.allCases.randomElement(using: &random)!
      let currency = Currency(code: "TST", minorDigits: digits)
      let date = CivilDate(daysSinceEpoch: Int.random(in: -800_000...3_000_000, using: &random))
      var m = MessageText(rounding: mode, minorDigits: digits)
      m.add(money: value)
      m.add(" on ")
      m.add(date)
      let money = Money(rounding: value, mode, currency: currency).description
      #expect(m.string == "\(money) on \(date.description)", "\(value) \(digits) \(mode)")
    }
  }
}
