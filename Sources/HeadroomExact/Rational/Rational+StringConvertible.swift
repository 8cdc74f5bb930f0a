extension Rational: CustomStringConvertible {
  /// The exact form: `"110011/60"`, or `"1650"` when whole.
  public var description: String {
    let (n, d) = decimalParts
    return d == "1" ? n : n + "/" + d
  }
}

extension Rational: LosslessStringConvertible {
  /// Reads an exact fraction `"-1/3"`, an integer `"12"`, or a decimal `"12.5"`.
  ///
  /// Returns nil for anything else: spaces, exponents, a zero denominator.
  public init?(_ description: String) {
    guard let value = try? Rational(parsing: description) else { return nil }
    self = value
  }

  /// Reads an exact fraction, integer or decimal, saying what was wrong.
  public init(parsing text: String) throws(DecimalTextError) {
    guard let slash = text.firstIndex(of: "/") else {
      self = try DecimalText.parse(text, maxFractionDigits: nil, allowNegative: true)
      return
    }
    let numerator = try DecimalText.parse(
      String(text[..<slash]), maxFractionDigits: 0, allowNegative: true)
    let denominator = try DecimalText.parse(
      String(text[text.index(after: slash)...]), maxFractionDigits: 0, allowNegative: false)
    guard denominator.signum != 0 else { throw .zeroDenominator }
    self = numerator / denominator
  }
}
