import HeadroomTestSupport
import Testing

@testable import HeadroomExact

/// `Rational.gcd` (a remainder step, then binary steps) against Euclid's
/// algorithm by remainders alone, over seeded operands of every size mix.
@Suite struct GCDTests {
  static func euclid(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
  }

  @Test func agreesWithEuclid() {
    var random = SeededGenerator(seed: 91)
    let edges: [UInt64] = [
      0, 1, 2, 3, 4, 5, 10, 25, 100, 1 << 32, 1 << 63, UInt64.max, UInt64.max - 1, 600_851_475_143,
    ]
    for a in edges {
      for b in edges { #expect(Rational.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))") }
    }
    for _ in 0..<50_000 {
      // Sizes from a few bits to 64, a common factor (of twos and fives
      // too) shared some of the time.
      func operand() -> UInt64 {
        UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random)
      }
      let common =
        Bool.random(using: &random)
        ? [1, 2, 4, 5, 8, 20, 25, 100, 7, 3][Int.random(in: 0..<10, using: &random)] : 1
      let a = operand() / UInt64(common) * UInt64(common)
      let b = operand() / UInt64(common) * UInt64(common)
      #expect(Rational.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))")
    }
  }
}
