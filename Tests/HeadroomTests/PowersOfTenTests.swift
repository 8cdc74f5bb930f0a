import Testing

@testable import Headroom
@testable import HeadroomExact

/// The written-out tables of powers of ten hold 10^0 through 10^18.
@Suite struct PowersOfTenTests {
  @Test func tablesHoldEachPowerOfTen() {
    var power: Int64 = 1
    #expect(Rational.smallPowersOfTen.count == 19)
    #expect(MessageText.powersOfTen.count == 19)
    for e in 0...18 {
      #expect(Rational.smallPowersOfTen[e] == power, "10^\(e)")
      #expect(MessageText.powersOfTen[e] == power, "10^\(e)")
      if e < 18 { power *= 10 }
    }
    #expect(Rational(decimalUnits: 1_250, places: 2) == Rational(25, 2))
    #expect(Rational(decimalUnits: 7, places: 18) == Rational(7, 1_000_000_000_000_000_000))
  }
}
