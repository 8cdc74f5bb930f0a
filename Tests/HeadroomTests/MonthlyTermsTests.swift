@testable import Headroom
import HeadroomTestSupport
import Testing

/// Affordability sums per-frequency minor units over each pack's common
/// denominator of all its factors (`MonthlyTerms`); these check that sum
/// against the plain per-line Rational sum, for every bundled pack.
@Suite struct MonthlyTermsTests {
  /// Σ amount × factor, line by line, exactly.
  func reference(_ lines: [(Rational, Frequency)], _ figures: PolicyFigures) -> Rational {
    var total = Rational.zero
    for (amount, frequency) in lines { total += figures.monthly(amount, frequency) }
    return total
  }

  @Test func everyBundledPackHasTerms() throws {
    for id in PolicyPack.bundledIDs {
      for version in try PolicyPack.bundled(id).versions {
        let terms = try #require(version.figures.monthlyTerms, "\(id) \(version.version)")
        // Each multiple over the common denominator is the factor itself.
        let multiples = [
          terms.daily, terms.weekly, terms.fortnightly, terms.fourWeekly, terms.monthly, terms.quarterly,
          terms.halfYearly, terms.annually,
        ]
        for (k, frequency) in Frequency.allCases.enumerated() where frequency != .monthly {
          #expect(Rational(Int(multiples[k]), Int(terms.common)) == version.figures.monthlyFactor(frequency))
        }
        #expect(terms.monthly == terms.common)
      }
    }
  }

  @Test func agreesWithPerLineSumsOverSeededLines() throws {
    var random = SeededGenerator(seed: 4_417)
    var taken = 0
    for id in PolicyPack.bundledIDs {
      let figures = try PolicyPack.bundled(id).versions.last!.figures
      let terms = try #require(figures.monthlyTerms)
      for _ in 0..<3_000 {
        let places = [0, 2, 3].randomElement(using: &random)!
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        var lines: [(Rational, Frequency)] = []
        var sum = MonthlySum(unitScale: scale)
        for _ in 0..<Int.random(in: 0...10, using: &random) {
          let frequency = Frequency.allCases.randomElement(using: &random)!
          let units: Int64 =
            switch Int.random(in: 0..<4, using: &random) {
            case 0: Int64.random(in: 0...5_000_000, using: &random)
            case 1: -Int64.random(in: 0...5_000_000, using: &random)
            case 2: Int64.max / 8 - Int64.random(in: 0...100, using: &random)  // the sum overflows
            default: 0
            }
          let amount = Rational(Int(units), Int(scale))
          lines.append((amount, frequency))
          sum.add(amount, frequency)
        }
        let exact = reference(lines, figures)
        #expect(sum.total(figures, places: places) == exact)
        if sum.rest == nil, let fast = sum.over(terms, unitScale: scale) {
          taken += 1
          #expect(fast == exact, "\(id): \(lines)")
        }
      }
    }
    #expect(taken > 4_000)
  }
}
