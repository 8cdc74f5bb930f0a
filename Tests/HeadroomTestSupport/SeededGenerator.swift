import HeadroomExact

/// A deterministic random number generator (SplitMix64), so that every
/// property test replays the same cases from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SeededGenerator {
  /// A random decimal digit string of `count` digits with no leading zero.
  public mutating func digits(_ count: Int) -> String {
    precondition(count > 0)
    var text = String(Int.random(in: 1...9, using: &self))
    for _ in 1..<count { text += String(Int.random(in: 0...9, using: &self)) }
    return text
  }

  /// A random rational: small, near the machine-integer limits, or huge, so
  /// that both representations and the moves between them are exercised.
  public mutating func rational() -> Rational {
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
