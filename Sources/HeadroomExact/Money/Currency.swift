/// An ISO 4217 currency: its code and how many minor digits it has.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
  /// The three-letter code, for example `GBP`.
  public let code: String
  /// Decimal places of the minor unit: 2 for pence, öre, øre and cents.
  public let minorDigits: Int

  public init(code: String, minorDigits: Int) {
    precondition((0...18).contains(minorDigits), "Currency: minor digits out of range")
    self.code = code
    self.minorDigits = minorDigits
  }

  public var description: String { code }

  public static let gbp = Currency(code: "GBP", minorDigits: 2)
  public static let sek = Currency(code: "SEK", minorDigits: 2)
  public static let nok = Currency(code: "NOK", minorDigits: 2)
  public static let dkk = Currency(code: "DKK", minorDigits: 2)
  public static let eur = Currency(code: "EUR", minorDigits: 2)

  /// The currencies Headroom's packs use, by code.
  public static func named(_ code: String) -> Currency? {
    [gbp, sek, nok, dkk, eur].first { $0.code == code }
  }

  /// One minor unit in major units (0.01 for two digits).
  public var minorUnit: Rational { Rational.one.scaled(byPowerOfTen: -minorDigits) }
}
