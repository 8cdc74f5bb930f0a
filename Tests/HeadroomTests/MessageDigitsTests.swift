import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// Numbers are written straight into a message kept in place, and by way of
/// a buffer once it has spilled: both against string interpolation, at
/// every offset around the 256-byte boundary.
@Suite struct MessageDigitsTests {
  @Test func numbersAtEveryOffsetMatchInterpolation() {
    var random = SeededGenerator(seed: 8_861)
    let currency = Currency(code: "TST", minorDigits: 2)
    for prefix in 0...300 {
      for _ in 0..<20 {
        let value: Int =
          switch Int.random(in: 0..<4, using: &random) {
          case 0: Int.random(in: -9...9, using: &random)
          case 1: Int.random(in: -100_000...100_000, using: &random)
          case 2: Int.random(in: Int.min...Int.max, using: &random)
          default: [Int.max, Int.min, 10, 99, 100, -10][Int.random(in: 0..<6, using: &random)]
          }
        let amount = Rational(Int.random(in: -10_000_000...10_000_000, using: &random), 100)
        let date = CivilDate(daysSinceEpoch: Int.random(in: -719_162...2_932_896, using: &random))
        var m = MessageText(rounding: .halfUp, minorDigits: 2)
        let head = String(repeating: "x", count: prefix)
        m.add(text: head)
        m.add(value)
        m.add(" ")
        m.add(money: amount)
        m.add(" ")
        m.add(date)
        let money = Money(rounding: amount, .halfUp, currency: currency).description
        #expect(m.string == "\(head)\(value) \(money) \(date)", "prefix \(prefix)")
      }
    }
  }
}
