@_spi(Testing) import HeadroomExact
import HeadroomTestSupport
import Testing

/// SPEC §1's strict decimal grammar, and parse/format round trips.
@Suite struct MoneyTextTests {
  func parse(_ text: String) throws(DecimalTextError) -> Money { try Money(parsing: text, currency: .gbp) }

  @Test func theIssuesBadStringsAreRejected() {
    let cases: [(String, DecimalTextError)] = [
      ("1,200.00", .thousandsSeparator), ("1e3", .exponent), ("-5", .negativeNotAllowed), ("", .empty),
      (" 5", .whitespace), ("NaN", .notANumber), ("12.345", .tooManyFractionDigits(allowed: 2, found: 3)),
      (".5", .missingDigits), ("5.", .missingDigits), ("+5", .invalidCharacter("+")),
      ("1.2.3", .invalidCharacter(".")),
      ("5 ", .whitespace), ("£5", .invalidCharacter("£")), ("Infinity", .notANumber), ("-", .missingDigits),
    ]
    for (text, expected) in cases {
      #expect(throws: expected, "\(text)") { try parse(text) }
    }
    #expect(throws: DecimalTextError.tooManyDigits(limit: 1000, found: 1001)) {
      try parse(String(repeating: "9", count: 1001))
    }
  }

  @Test func goodStringsParseExactly() throws {
    #expect(try parse("1234.56").minorUnits == 123456)
    #expect(try parse("0.05").minorUnits == 5)
    #expect(try parse("7").minorUnits == 700)
    #expect(try parse("007.10").minorUnits == 710)
    #expect(try Money(parsing: "-0.05", currency: .gbp, allowNegative: true).minorUnits == -5)
    let thousand = String(repeating: "9", count: 998) + ".99"
    let big = try parse(thousand)
    #expect(big.description == thousand)
    #expect(!big.minorUnits.isMachineSized)
  }

  @Test func formatWritesFixedDecimals() {
    #expect(Money(minorUnits: 0, currency: .gbp).description == "0.00")
    #expect(Money(minorUnits: -5, currency: .gbp).description == "-0.05")
    #expect(Money(minorUnits: 123456, currency: .gbp).description == "1234.56")
    #expect(Money.format(minorUnits: 42, minorDigits: 0) == "42")
    // R1: 54.1666... half up is 54.17; 0.125 half up 0.13, half even 0.12.
    #expect(Money(rounding: Rational(325, 6), .halfUp, currency: .gbp).description == "54.17")
    #expect(Money(rounding: Rational(1, 8), .halfUp, currency: .gbp).description == "0.13")
    #expect(Money(rounding: Rational(1, 8), .halfEven, currency: .gbp).description == "0.12")
    #expect(Money(rounding: Rational(-1, 8), .halfUp, currency: .gbp).description == "-0.13")
  }

  @Test func parseAndFormatRoundTrip() throws {
    var random = SeededGenerator(seed: 4)
    for k in 0..<10_000 {
      let digits =
        k % 10 == 0 ? Int.random(in: 30...1000, using: &random) : Int.random(in: 1...18, using: &random)
      let units = Rational(random.digits(digits))!
      let money = Money(minorUnits: Bool.random(using: &random) ? units : -units, currency: .gbp)
      let parsed = try Money(parsing: money.description, currency: .gbp, allowNegative: true)
      #expect(parsed == money)
      #expect(parsed.description == money.description)
    }
  }
}
