/// An amount of money: a whole number of minor units in a currency.
public struct Money: Hashable, Sendable {
  /// The amount in minor units (pence); always an integer.
  public let minorUnits: Rational
  public let currency: Currency

  /// - Precondition: `minorUnits.isInteger`.
  public init(minorUnits: Rational, currency: Currency) {
    precondition(minorUnits.isInteger, "Money: minor units must be whole")
    self.minorUnits = minorUnits
    self.currency = currency
  }

  /// An exact amount in major units rounded to the minor unit by `mode`.
  public init(rounding majorUnits: Rational, _ mode: RoundingMode, currency: Currency) {
    self.minorUnits = majorUnits.scaled(byPowerOfTen: currency.minorDigits).rounded(mode)
    self.currency = currency
  }

  /// Reads strict decimal text (SPEC §1) with at most the currency's minor digits.
  public init(
    parsing text: String, currency: Currency, allowNegative: Bool = false
  ) throws(DecimalTextError) {
    let major = try DecimalText.parse(
      text, maxFractionDigits: currency.minorDigits, allowNegative: allowNegative)
    self.minorUnits = major.scaled(byPowerOfTen: currency.minorDigits)
    self.currency = currency
  }

  /// The exact value in major units.
  public var majorUnits: Rational { minorUnits.scaled(byPowerOfTen: -currency.minorDigits) }

  public static func zero(_ currency: Currency) -> Money {
    Money(minorUnits: .zero, currency: currency)
  }
}

extension Money: CustomStringConvertible {
  /// Fixed decimals, no separators: `"1234.56"`, `"-0.05"`, `"0.00"`.
  public var description: String {
    Money.format(minorUnits: minorUnits, minorDigits: currency.minorDigits)
  }

  /// Writes an integer count of minor units as fixed-decimal text.
  public static func format(minorUnits: Rational, minorDigits: Int) -> String {
    precondition(minorUnits.isInteger, "Money: minor units must be whole")
    let negative = minorUnits.signum < 0
    var digits = minorUnits.magnitude.decimalParts.numerator
    guard minorDigits > 0 else { return (negative ? "-" : "") + digits }
    if digits.utf8.count <= minorDigits {
      digits = String(repeating: "0", count: minorDigits - digits.utf8.count + 1) + digits
    }
    let point = digits.index(digits.endIndex, offsetBy: -minorDigits)
    return (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
  }
}
