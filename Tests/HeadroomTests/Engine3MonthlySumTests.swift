import HeadroomTestSupport
import Testing

@testable import Headroom

/// A sum of monthly lines only (or none) returns its whole units without the
/// factor arithmetic: seeded monthly lines, some off the minor-unit grid or
/// past 64 bits, must total what the per-line Rational sum gives.
@Suite struct Engine3MonthlySumTests {
  @Test func monthlyOnlySumsMatchPerLineSums() {
    let figures = gbPack.versions.last!.figures
    var random = SeededGenerator(seed: 3_205_117)
    var onGrid = 0
    for _ in 0..<3_000 {
      var lines: [Rational] = []
      for _ in 0..<Int.random(in: 0...6, using: &random) {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: lines.append(.zero)
        case 1: lines.append(Rational(Int.random(in: 1...9, using: &random), 3))  // off the grid
        case 2: lines.append(Rational(Int(Int64.max - Int64.random(in: 0...99, using: &random)), 100))
        case 3: lines.append(-Rational(Int.random(in: 0...1_000_000, using: &random), 100))
        default: lines.append(Rational(Int.random(in: 0...1_000_000, using: &random), 100))
        }
      }
      let expected = lines.reduce(Rational.zero, +)
      for places in [0, 2, 3] {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        var sum = MonthlySum(unitScale: scale)
        for amount in lines { sum.add(amount, .monthly) }
        if sum.rest == nil { onGrid += 1 }
        #expect(sum.total(figures, places: places) == expected, "\(lines) at \(places) places")
      }
    }
    #expect(onGrid > 3_000)
  }
}
