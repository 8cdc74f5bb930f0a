extension Rational: Numeric {
  public typealias Magnitude = Rational

  /// The integer `source`, exactly.
  public init<T: BinaryInteger>(exactly source: T) {
    if let small = Int64(exactly: source), small != .min {
      self.init(reducedNumerator: small, denominator: 1)
    } else {
      let digits = String(source.magnitude)
      self.init(
        storage: .big(GMPRational(decimalDigits: digits, negative: source < 0, scale: 0)))
    }
  }
}
