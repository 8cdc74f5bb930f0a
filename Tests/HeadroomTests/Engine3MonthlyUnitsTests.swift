import HeadroomTestSupport
import Testing

@testable import Headroom

/// `MonthlySum.add(units:_:)`, the in-place path affordability takes for each
/// line: it must add exactly what the amount adds, and refuse (adding
/// nothing) any amount off the minor-unit grid or past 64 bits.
@Suite struct Engine3MonthlyUnitsTests {
  /// Seeded lines at every frequency, with whole amounts, denominators that
  /// divide the unit scale and ones that do not, and amounts near 64 bits:
  /// machine parts first, the amount only when refused, must total the
  /// per-line exact monthly equivalents.
  @Test func unitsFirstMatchesPerLineSums() {
    let figures = gbPack.versions.last!.figures
    var random = SeededGenerator(seed: 5_310_442)
    var refused = 0
    var taken = 0
    for _ in 0..<2_000 {
      var lines: [(Rational, Frequency)] = []
      for _ in 0..<Int.random(in: 0...8, using: &random) {
        let frequency = Frequency.allCases.randomElement(using: &random)!
        let amount: Rational
        switch Int.random(in: 0..<9, using: &random) {
        case 0: amount = .zero
        case 1: amount = Rational(Int.random(in: -5_000...5_000, using: &random))
        case 2:
          let denominator = [3, 7, 1_000, 1_024].randomElement(using: &random)!
          amount = Rational(Int.random(in: 1...99, using: &random), denominator)
        case 3: amount = Rational(Int(Int64.max - Int64.random(in: 0...99, using: &random)), 100)
        case 4: amount = Rational(Int(Int64.max / 2 - Int64.random(in: 0...99, using: &random)))
        case 5:
          let denominator = [2, 4, 5, 8, 20, 25, 50].randomElement(using: &random)!
          amount = Rational(Int.random(in: 1...999, using: &random), denominator)
        default: amount = Rational(Int.random(in: -1_000_000...1_000_000, using: &random), 100)
        }
        lines.append((amount, frequency))
      }
      var expected = Rational.zero
      for (amount, frequency) in lines { expected += figures.monthly(amount, frequency) }
      for places in [0, 2, 3] {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        var sum = MonthlySum(unitScale: scale)
        for (amount, frequency) in lines {
          let before = sum
          if sum.add(units: amount.machineParts, frequency) {
            taken += 1
          } else {
            refused += 1
            #expect(sameUnits(sum, before), "a refused amount adds nothing")
            sum.add(amount, frequency)
          }
        }
        #expect(sum.total(figures, places: places) == expected, "\(lines) at \(places) places")
      }
    }
    #expect(taken > 10_000 && refused > 1_000)
  }

  /// Whole amounts and amounts on the grid are taken; thirds and half-pennies are not.
  @Test func wholeAndGridAmountsAreTaken() {
    var sum = MonthlySum(unitScale: 100)
    let taken = [
      sum.add(units: Rational(7).machineParts, .monthly),
      sum.add(units: Rational(1, 2).machineParts, .monthly),
      sum.add(units: Rational(-3, 5).machineParts, .weekly),
      sum.add(units: Rational(1, 3).machineParts, .monthly),
      sum.add(units: Rational(1, 200).machineParts, .monthly),
    ]
    #expect(taken == [true, true, true, false, false])
    #expect(sum.monthly == 750 && sum.weekly == -60 && sum.rest == nil)
  }

  private func sameUnits(_ a: MonthlySum, _ b: MonthlySum) -> Bool {
    a.daily == b.daily && a.weekly == b.weekly && a.fortnightly == b.fortnightly && a.fourWeekly == b.fourWeekly
      && a.monthly == b.monthly && a.quarterly == b.quarterly && a.halfYearly == b.halfYearly
      && a.annually == b.annually && (a.rest?.count ?? 0) == (b.rest?.count ?? 0)
  }
}
