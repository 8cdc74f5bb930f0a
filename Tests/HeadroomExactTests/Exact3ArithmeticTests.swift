@_spi(Testing) import HeadroomExact
import HeadroomTestSupport
import Testing

/// Sums and products skip their gcds when a term is zero or a whole number:
/// seeded operands, mostly money-sized fractions with many zeros and whole
/// numbers, must give what GMP gives, in the one reduced representation.
@Suite struct Exact3ArithmeticTests {
  /// Zero, a whole number, a penny amount, a fraction of thirds, or anything.
  static func operand(_ random: inout SeededGenerator) -> Rational {
    switch Int.random(in: 0..<6, using: &random) {
    case 0: return .zero
    case 1: return Rational(Int.random(in: -100_000...100_000, using: &random))
    case 2: return Rational(Int.random(in: -10_000_000...10_000_000, using: &random), 100)
    case 3: return Rational(Int.random(in: -10_000_000...10_000_000, using: &random), 300)
    case 4: return Rational(Int(Int64.max - Int64.random(in: 0...1000, using: &random)))
    default: return random.rational()
    }
  }

  @Test func zeroAndWholeTermsAgreeWithGMP() {
    var random = SeededGenerator(seed: 3_000_611)
    var zeroTerms = 0
    var wholeTerms = 0
    for _ in 0..<20_000 {
      let a = Self.operand(&random)
      let b = Self.operand(&random)
      if a.signum == 0 || b.signum == 0 { zeroTerms += 1 }
      if a.isInteger != b.isInteger { wholeTerms += 1 }
      for (result, expected) in [
        (a + b, Rational.viaGMPForTesting(a, .add, b)),
        (a - b, Rational.viaGMPForTesting(a, .subtract, b)),
        (a * b, Rational.viaGMPForTesting(a, .multiply, b)),
      ] {
        #expect(result == expected, "\(a) and \(b)")
        // Reduced, with one representation: the same parts as the value read back.
        #expect(result.decimalParts == Rational(result.description)!.decimalParts, "\(a) and \(b)")
        let (n, d) = result.decimalParts
        #expect(result.isMachineSized == (Int64(n) != nil && Int64(n) != .min && Int64(d) != nil))
      }
    }
    #expect(zeroTerms > 5_000 && wholeTerms > 5_000)
  }

  @Test func zeroTermsGiveTheOtherTerm() {
    for x in [Rational(7, 3), Rational(-5), Rational(1, 100), .zero, Rational(Int(Int64.max))] {
      #expect((x + .zero).decimalParts == x.decimalParts)
      #expect((Rational.zero + x).decimalParts == x.decimalParts)
      #expect((x - .zero).decimalParts == x.decimalParts)
      #expect((Rational.zero - x).decimalParts == (-x).decimalParts)
      #expect((x * 1).decimalParts == x.decimalParts)
      #expect((x * 0).decimalParts == ("0", "1"))
    }
    #expect((Rational(3, 4) + 2).decimalParts == ("11", "4"))
    #expect((Rational(-3, 4) * 6).decimalParts == ("-9", "2"))
    #expect((Rational(5) - Rational(1, 6)).decimalParts == ("29", "6"))
  }
}
