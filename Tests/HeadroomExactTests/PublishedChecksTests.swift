import HeadroomExact
import Testing

/// The figures SPEC §5.2 publishes, and SPEC §1's exactness promise.
@Suite struct PublishedChecksTests {
  func pence(_ amounts: [Int]) -> [Rational] { amounts.map { Rational($0) } }

  @Test func hundredPoundsOverFourBalances() throws {
    // SPEC §5.2: £100 over £500/£1,000/£233/£200 -> 25.87 / 51.73 / 12.05 / 10.35.
    let split = try Allocation.split(10_000, weights: pence([500, 1000, 233, 200]))
    #expect(split.shares == pence([2587, 5173, 1205, 1035]))
    #expect(split.unallocated == .zero)
  }

  @Test func hundredSixtyPoundsOverThreeBalances() throws {
    // SPEC §5.2: £160 over £4,550/£6,700/£1,200 -> 58.47 / 86.11 / 15.42, summing to 160.00.
    let split = try Allocation.split(16_000, weights: pence([4550, 6700, 1200]))
    #expect(split.shares == pence([5847, 8611, 1542]))
  }

  @Test func fortyFiveDigitAmountSplitOneToTwo() throws {
    let amount = Rational("123456789012345678901234567890123456789012345")!
    let split = try Allocation.split(amount, weights: [1, 2])
    #expect(split.shares[0] == Rational("41152263004115226300411522630041152263004115")!)
    #expect(split.shares[1] == Rational("82304526008230452600823045260082304526008230")!)
    #expect(split.shares[0] + split.shares[1] == amount)
  }

  @Test func fourWeeklyFiftyPoundsIsExact() throws {
    // SPEC §2: £50 four-weekly is 50 x 13/12 = 54.1666..., shown as 54.17.
    let monthly =
      try DecimalText.parse("50.00", maxFractionDigits: 2, allowNegative: false) * Rational(13, 12)
    #expect(monthly == Rational(325, 6))
    #expect(Money(rounding: monthly, .halfUp, currency: .gbp).description == "54.17")
  }
}
