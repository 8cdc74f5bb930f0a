@testable import Headroom
import HeadroomTestSupport
import Testing

/// Affordability sums whole minor units per frequency and multiplies once per
/// frequency; these check that against the plain per-line Rational sum.
@Suite struct MonthlySumTests {
  let figures = gbPack.versions.last!.figures
  let frequencies: [Frequency] = Frequency.allCases

  func reference(_ lines: [(Rational, Frequency)]) -> Rational {
    var total = Rational.zero
    for (amount, frequency) in lines { total += figures.monthly(amount, frequency) }
    return total
  }

  func summed(_ lines: [(Rational, Frequency)], places: Int = 2) -> Rational {
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    var sum = MonthlySum(unitScale: scale)
    for (amount, frequency) in lines { sum.add(amount, frequency) }
    return sum.total(figures, places: places)
  }

  @Test func emptyIsZero() {
    #expect(summed([]) == .zero)
  }

  @Test func agreesWithPerLineSumsOnRandomLines() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    for _ in 0..<2_000 {
      var lines: [(Rational, Frequency)] = []
      for _ in 0..<Int(next() % 12) {
        let frequency = frequencies[Int(next() % UInt64(frequencies.count))]
        let amount: Rational
        switch next() % 6 {
        case 0: amount = Rational(Int(next() % 1_000_000), 100)  // pence
        case 1: amount = Rational(Int(next() % 10_000))  // whole pounds
        case 2: amount = Rational(Int(next() % 1_000_000), 3)  // off the penny grid
        case 3: amount = Rational(Int(Int64.max - Int64(next() % 100)), 100)  // sums overflow 64 bits
        case 4: amount = -Rational(Int(next() % 1_000_000), 100)  // negative
        default: amount = .zero
        }
        lines.append((amount, frequency))
      }
      #expect(summed(lines) == reference(lines))
      #expect(summed(lines, places: 0) == reference(lines))
      #expect(summed(lines, places: 3) == reference(lines))
    }
  }
}

/// A priority arrears target's ceil_minor(arrears / months) on machine
/// integers against the exact division and rounding, for every currency's
/// minor digits and amounts on and off the minor-unit grid.
@Suite struct CeilingShareTests {
  @Test func agreesWithExactDivisionOverSeededAmounts() {
    var random = SeededGenerator(seed: 1_212)
    var onGrid = 0
    for _ in 0..<20_000 {
      let places = [0, 2, 3].randomElement(using: &random)!
      var scale: Int64 = 1
      for _ in 0..<places { scale *= 10 }
      // Mostly on the grid (whole minor units), sometimes a finer fraction.
      let denominator = Bool.random(using: &random) ? Int(scale) : Int.random(in: 1...1_000, using: &random)
      let amount = Rational(Int.random(in: 1...50_000_000, using: &random), denominator)
      let months = Int.random(in: 1...60, using: &random)
      let exact = (amount / Rational(months)).rounded(toDecimalPlaces: places, .ceiling)
      if let fast = Assessor.ceilingShare(amount, over: months, unitScale: scale, places: places) {
        onGrid += 1
        #expect(fast == exact, "\(amount) / \(months) at \(places) places")
      }
    }
    #expect(onGrid > 8_000)
    #expect(Assessor.ceilingShare(Rational(5), over: 0, unitScale: 100, places: 2) == nil)
  }
}
