@_spi(Testing) import HeadroomExact
import HeadroomTestSupport
import Testing

/// Property tests over seeded random rationals: small, near the machine
/// limits, and huge (SeededGenerator.rational()), 10,000 cases each.
@Suite struct RationalPropertyTests {
  static let cases = 10_000

  /// Operands whose products overflow 128 bits: near Int64.max over near Int64.max.
  func nearLimit(_ random: inout SeededGenerator) -> Rational {
    let n = Int64.max - Int64.random(in: 0...1000, using: &random)
    let d = Int64.max - Int64.random(in: 1...1000, using: &random)
    return Rational(Int(Bool.random(using: &random) ? n : -n), Int(d))
  }

  @Test func fastPathAgreesWithGMP() {
    var random = SeededGenerator(seed: 1)
    var machineSized = 0
    for k in 0..<Self.cases {
      // A third small fractions (the money path), the rest mixed sizes and near-limit values.
      func small(_ g: inout SeededGenerator) -> Rational {
        Rational(Int.random(in: -1_000_000...1_000_000, using: &g), Int.random(in: 1...10_000, using: &g))
      }
      let a = k % 3 == 0 ? small(&random) : k % 5 == 0 ? nearLimit(&random) : random.rational()
      var b = k % 3 == 0 ? small(&random) : k % 7 == 0 ? nearLimit(&random) : random.rational()
      if b.signum == 0 { b = 1 }
      #expect(a + b == Rational.viaGMPForTesting(a, .add, b))
      #expect(a - b == Rational.viaGMPForTesting(a, .subtract, b))
      #expect(a * b == Rational.viaGMPForTesting(a, .multiply, b))
      #expect(a / b == Rational.viaGMPForTesting(a, .divide, b))
      #expect((a < b) == (Rational.compareViaGMPForTesting(a, b) < 0))
      #expect((a == b) == (Rational.compareViaGMPForTesting(a, b) == 0))
      for result in [a + b, a * b] {
        // One representation per value: whatever fits machine integers is held in them.
        let (n, d) = result.decimalParts
        let fits = Int64(n) != nil && Int64(n) != Int64.min && Int64(d) != nil
        #expect(result.isMachineSized == fits, "\(result)")
        if result.isMachineSized { machineSized += 1 }
        #expect(Rational(result.description) == result)
      }
    }
    // Both representations were exercised.
    #expect(machineSized > 2000 && machineSized < 2 * Self.cases - 2000)
  }

  @Test func algebraicIdentities() {
    var random = SeededGenerator(seed: 2)
    for _ in 0..<Self.cases {
      let a = random.rational()
      let b = random.rational()
      let c = random.rational()
      #expect((a + b) - b == a)
      if b.signum != 0 { #expect((a * b) / b == a) }
      #expect(a * (b + c) == a * b + a * c)
      #expect(a + b == b + a)
      #expect((a < b) || (b < a) || (a == b))
      #expect(a.hashValue == Rational(a.description)!.hashValue)
    }
  }

  @Test func integerOverflowMovesToGMPAndBack() {
    let big = Rational(Int(Int64.max))
    let sum = big + 1
    #expect(!sum.isMachineSized)
    #expect(sum.description == "9223372036854775808")
    #expect(sum - 1 == big)
    #expect((sum - 1).isMachineSized)
    let min = Rational(Int(Int64.min))
    #expect(!min.isMachineSized)  // -Int64.min would overflow, so it lives in GMP
    #expect((-min).description == "9223372036854775808")
    #expect(Rational(Int.min, -1).description == "9223372036854775808")
    #expect(Rational(6, -4).description == "-3/2")
    #expect(Rational(110011, 60).description == "110011/60")
    #expect(Rational(99000, 60).description == "1650")
  }

  /// Rounding by definition: the two integers around x and the distance to each.
  func expectedRounding(_ x: Rational, _ mode: RoundingMode) -> Rational {
    let down = x.floor()
    if down == x { return x }
    let up = down + 1
    let toDown = x - down
    let toUp = up - x
    switch mode {
    case .floor: return down
    case .ceiling: return up
    case .towardZero: return x.signum < 0 ? up : down
    case .halfUp:
      if toDown != toUp { return toDown < toUp ? down : up }
      return x.signum < 0 ? down : up
    case .halfEven:
      if toDown != toUp { return toDown < toUp ? down : up }
      return (down / 2).isInteger ? down : up
    }
  }

  @Test func roundingModesMatchTheirDefinitions() {
    var random = SeededGenerator(seed: 3)
    for k in 0..<Self.cases {
      // Every fourth value is an exact half, to exercise the ties.
      let x =
        k % 4 == 0 ? Rational(Int.random(in: -1_000_001...1_000_001, using: &random), 2) : random.rational()
      let floor = x.floor()
      #expect(floor.isInteger && floor <= x && x < floor + 1)
      #expect(x.ceiling() == -(-x).floor())
      for mode in RoundingMode.allCases {
        #expect(x.rounded(mode) == expectedRounding(x, mode), "\(x) \(mode)")
      }
    }
    // Worked ties: 2.5 -> 3 (half up), 2 (half even); -2.5 -> -3, -2.
    #expect(Rational(5, 2).rounded(.halfUp) == 3)
    #expect(Rational(5, 2).rounded(.halfEven) == 2)
    #expect(Rational(-5, 2).rounded(.halfUp) == -3)
    #expect(Rational(-5, 2).rounded(.halfEven) == -2)
    #expect(Rational(-5, 2).rounded(.towardZero) == -2)
  }
}

/// Decimal construction and rounding to decimal places, against the general
/// path (multiply, round, divide) over seeded random values.
@Suite struct DecimalPlacesTests {
  @Test func decimalUnitsAreReducedExactly() {
    // 12.50 = 1250/100 = 25/2; 0.05 = 5/100 = 1/20; 1.000 = 1; 0.128 = 16/125.
    #expect(Rational(decimalUnits: 1250, places: 2) == Rational(25, 2))
    #expect(Rational(decimalUnits: 1250, places: 2).decimalParts == ("25", "2"))
    #expect(Rational(decimalUnits: 5, places: 2).decimalParts == ("1", "20"))
    #expect(Rational(decimalUnits: 1000, places: 3).decimalParts == ("1", "1"))
    #expect(Rational(decimalUnits: 128, places: 3).decimalParts == ("16", "125"))
    #expect(Rational(decimalUnits: -75, places: 1).decimalParts == ("-15", "2"))
    #expect(Rational(decimalUnits: 0, places: 5) == .zero)
    var random = SeededGenerator(seed: 31)
    for _ in 0..<10_000 {
      let units = Int64.random(in: -999_999_999_999_999_999...999_999_999_999_999_999, using: &random)
      let places = Int.random(in: 0...18, using: &random)
      let expected = Rational(Int(units)) / Rational("1" + String(repeating: "0", count: places))!
      #expect(Rational(decimalUnits: units, places: places) == expected)
    }
  }

  /// Units of 10^-places by the machine-integer path (2 places a constant,
  /// whole values not divided, wide products in 128 bits) against exact
  /// scaling and rounding, for seeded random values, every place count and
  /// every mode; nil exactly when the exact result does not fit 64 bits.
  @Test func roundedUnitsMatchExactRounding() {
    var random = SeededGenerator(seed: 32)
    var wide = 0
    for _ in 0..<4_000 {
      let value = random.rational()
      let places = Int.random(in: 0...18, using: &random)
      for mode in RoundingMode.allCases {
        let exact = value.scaled(byPowerOfTen: places).rounded(mode)
        let units = value.roundedUnits(places: places, mode)
        guard value.isMachineSized else {
          #expect(units == nil)
          continue
        }
        if let units {
          #expect(Rational(Int(units)) == exact, "\(value) \(places) \(mode)")
          if value.machineParts!.numerator.multipliedReportingOverflow(by: Int64(pow(10, places))).overflow { wide += 1 }
        } else {
          // Past machine integers (Int64.min is held by GMP too).
          #expect(exact.exactInt == nil, "\(value) \(places) \(mode) fits")
        }
      }
    }
    #expect(wide > 100)
  }

  func pow(_ base: Int64, _ exponent: Int) -> Int64 { (0..<exponent).reduce(1) { r, _ in r * base } }

  @Test func roundingToDecimalPlacesMatchesTheGeneralPath() {
    // By hand: 54.1666... (50 × 13/12) to 2 places is 54.17 half up, 54.16 floor;
    // -2.345 half up is -2.35 (away from zero), half even is -2.34.
    #expect(Rational(325, 6).rounded(toDecimalPlaces: 2, .halfUp) == Rational(5417, 100))
    #expect(Rational(325, 6).rounded(toDecimalPlaces: 2, .floor) == Rational(5416, 100))
    #expect(Rational(-2345, 1000).rounded(toDecimalPlaces: 2, .halfUp) == Rational(-235, 100))
    #expect(Rational(-2345, 1000).rounded(toDecimalPlaces: 2, .halfEven) == Rational(-234, 100))
    var random = SeededGenerator(seed: 32)
    for _ in 0..<10_000 {
      let value = random.rational()
      let places = Int.random(in: 0...4, using: &random)
      for mode in RoundingMode.allCases {
        let general = value.scaled(byPowerOfTen: places).rounded(mode).scaled(byPowerOfTen: -places)
        #expect(value.rounded(toDecimalPlaces: places, mode) == general, "\(value) \(places) \(mode)")
      }
    }
  }
}

@Suite struct CommonDenominatorTests {
  @Test func leastCommonDenominatorsByHand() {
    // 1/4, 1/6 and 5: lcm(4, 6, 1) = 12. 130/3 and 1/100: 300.
    #expect(Rational.commonDenominator(of: [Rational(1, 4), Rational(1, 6), Rational(5)]) == 12)
    #expect(Rational.commonDenominator(of: [Rational(130, 3), Rational(1, 100)]) == 300)
    #expect(Rational.commonDenominator(of: [Rational]()) == 1)
    // Past the limit, or past machine integers: nil.
    #expect(Rational.commonDenominator(of: [Rational(1, 7), Rational(1, 11)], limit: 76) == nil)
    #expect(Rational.commonDenominator(of: [Rational(1, 7), Rational(1, 11)], limit: 77) == 77)
    #expect(Rational.commonDenominator(of: [Rational("1/100000000000000000000")!]) == nil)
    var common = CommonDenominator(limit: 100)
    let twentieths = common.include(Rational(1, 20))
    let twentyFifths = common.include(Rational(1, 25))
    #expect(twentieths && twentyFifths)
    #expect(common.value == 100)
    let thirds = common.include(Rational(1, 3))
    #expect(!thirds)
    #expect(common.value == 100)  // unchanged by a refusal
  }
}
