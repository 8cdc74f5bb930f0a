@_exported import HeadroomExact

// SeededGenerator itself lives in HeadroomExact (package access), so the
// library's portfolio generator and the tests share one implementation.
extension SeededGenerator {
  /// A random decimal digit string of `count` digits with no leading zero.
  package mutating func digits(_ count: Int) -> String {
    precondition(count > 0)
    var text = String(Int.random(in: 1...9, using: &self))
    for _ in 1..<count { text += String(Int.random(in: 0...9, using: &self)) }
    return text
  }

  /// A random rational: small, near the machine-integer limits, or huge, so
  /// that both representations and the moves between them are exercised.
  package mutating func rational() -> Rational {
    let sign = Bool.random(using: &self) ? "-" : ""
    func part(_ g: inout SeededGenerator, nonZero: Bool) -> String {
      switch Int.random(in: 0..<4, using: &g) {
      case 0: return String(Int.random(in: (nonZero ? 1 : 0)...1000, using: &g))
      case 1: return String(Int64.random(in: (nonZero ? 1 : 0)...Int64.max, using: &g))
      case 2: return g.digits(Int.random(in: 19...40, using: &g))
      default: return String(Int.random(in: (nonZero ? 1 : 0)...Int(UInt32.max), using: &g))
      }
    }
    let numerator = part(&self, nonZero: false)
    let denominator = part(&self, nonZero: true)
    return Rational(sign + numerator + "/" + denominator)!
  }
}
