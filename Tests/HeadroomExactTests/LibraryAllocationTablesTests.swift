import HeadroomExact
import Testing

/// Other money libraries' published allocation tables, checked through
/// `Allocation`. Only the figures are carried over; every amount is in the
/// library's smallest unit (cents, or 5-centime steps for the cash example).
///
/// Both libraries hand left-over units to the largest fractional parts and
/// break ties by input position, which is `Allocation`'s `.inputOrder`
/// tie-break. Where our SPEC §5.2 default (`.largerWeightThenID`: larger
/// weight first) would give another figure, the test says so and asserts the
/// default's figure too, worked out by hand.
/// An amount in units, weights as exact text, and the published shares.
typealias LibraryAllocationRow = (amount: Int, weights: [String], expected: [Int])

@Suite struct LibraryAllocationTablesTests {
  func split(_ row: LibraryAllocationRow, _ tieBreak: TieBreak) throws -> [Rational] {
    let weights = try row.weights.map { try Rational(parsing: $0) }
    let result = try Allocation.split(Rational(row.amount), weights: weights, tieBreak: tieBreak)
    #expect(result.unallocated == .zero)
    #expect(result.shares.reduce(.zero, +) == Rational(row.amount))
    return result.shares
  }

  // MARK: brick/money

  // brick/money, tests/MoneyTest.php, providerAllocate(): the
  // AllocationMode::FloorToLargestRemainder rows ("Hamilton: remainder to
  // allocatees with the largest fractional parts"; src/AllocationMode.php:
  // "Ties are broken by original index"), and the example table in the
  // docblock of Money::allocate() (USD 1.00 by [2, 3, 1]).
  // https://github.com/brick/money/blob/master/tests/MoneyTest.php
  static let brickTable: [LibraryAllocationRow] = [
    (9999, ["100"], [9999]),  // USD 99.99
    (9999, ["100", "100"], [5000, 4999]),
    (10_000, ["30", "20", "40"], [3333, 2222, 4445]),
    (10_000, ["30", "20", "40", "40"], [2308, 1538, 3077, 3077]),
    (10_000, ["30", "20", "40", "0", "0", "40"], [2308, 1538, 3077, 0, 0, 3077]),
    (2, ["1", "1", "1", "1"], [1, 1, 0, 0]),  // EUR 0.02
    (2, ["1", "1", "3", "1"], [1, 0, 1, 0]),
    (3, ["75", "25"], [2, 1]),  // GBP 0.03
    (10_000, ["1/3", "2/3"], [3333, 6667]),
    (100, ["2", "3", "1"], [33, 50, 17]),  // the docblock's USD 1.00
  ]

  @Test(arguments: brickTable)
  func brickFloorToLargestRemainder(_ row: LibraryAllocationRow) throws {
    let expected = row.expected.map { Rational($0) }
    #expect(try split(row, .inputOrder) == expected)
    // Every tie in this table is between equal weights, so the SPEC default agrees.
    #expect(try split(row, .largerWeightThenID) == expected)
  }

  @Test func brickCashContextInFiveCentimeSteps() throws {
    // brick/money, same table: CHF 100 in CashContext(5) by [1, 2, 3, 7] ->
    // CHF 7.70 / 15.40 / 23.05 / 53.85. In 5-centime steps: 2000 by 1:2:3:7 is
    // 153.85 / 307.69 / 461.54 / 1076.92; floors 153 + 307 + 461 + 1076 = 1997;
    // the 3 left over go to .92, .85, .69 -> 154 / 308 / 461 / 1077.
    let result = try Allocation.split(2000, weights: [1, 2, 3, 7], tieBreak: .inputOrder)
    #expect(result.shares == [154, 308, 461, 1077])
    #expect(result.shares.map { $0 * 5 } == [770, 1540, 2305, 5385])
  }

  @Test func brickNegativeAmountIsOutOfScope() throws {
    // brick/money, same table: USD -100 by [30, 20, 40, 40] -> -23.08 / -15.38 /
    // -30.77 / -30.77 (its rule: allocate the magnitude, then restore the sign).
    // Headroom only splits non-negative amounts (SPEC §5.2 shares a pot), so
    // the negative row is an error; the magnitude gives brick's figures.
    #expect(throws: AllocationError.negativeAmount) {
      try Allocation.split(-10_000, weights: [30, 20, 40, 40])
    }
    let magnitude = try Allocation.split(10_000, weights: [30, 20, 40, 40], tieBreak: .inputOrder)
    #expect(magnitude.shares.map { -$0 } == [-2308, -1538, -3077, -3077])
  }

  // brick/money's other floor modes map onto `RemainderMethod.tieBreakOrder`:
  // FloorToFirst ("to the first allocatees in order", Fowler's method) is
  // `.inputOrder`; FloorToLargestRatio ("to the largest ratios. Ties are broken
  // by original index") is `.largerWeightThenID` without ids. Same sources.
  static let brickToFirstTable: [LibraryAllocationRow] = [
    (9999, ["100", "100"], [5000, 4999]),
    (10_000, ["30", "20", "40"], [3334, 2222, 4444]),
    (10_000, ["30", "20", "40", "40"], [2308, 1539, 3077, 3076]),
    (10_000, ["30", "20", "40", "0", "40", "0"], [2308, 1539, 3077, 0, 3076, 0]),
    // CHF 100 in CashContext(5), in 5-centime steps: 7.70 / 15.40 / 23.10 / 53.80.
    (2000, ["1", "2", "3", "7"], [154, 308, 462, 1076]),
    (2, ["1", "1", "1", "1"], [1, 1, 0, 0]),
    (2, ["1", "1", "3", "1"], [1, 0, 1, 0]),
    (3, ["75", "25"], [3, 0]),
    (10_000, ["0.5", "3/2"], [2500, 7500]),
    (10_000, ["1/3", "2/3"], [3334, 6666]),
    (100, ["2", "3", "1"], [34, 50, 16]),  // the docblock's USD 1.00
  ]

  @Test(arguments: brickToFirstTable)
  func brickFloorToFirst(_ row: LibraryAllocationRow) throws {
    let weights = try row.weights.map { try Rational(parsing: $0) }
    let result = try Allocation.split(
      Rational(row.amount), weights: weights, tieBreak: .inputOrder, remainder: .tieBreakOrder)
    #expect(result.shares == row.expected.map { Rational($0) })
  }

  static let brickToLargestRatioTable: [LibraryAllocationRow] = [
    (9999, ["100", "100"], [5000, 4999]),
    (10_000, ["30", "20", "40"], [3333, 2222, 4445]),
    (5, ["3", "3", "4"], [1, 1, 3]),
    (9, ["3", "3", "4"], [3, 2, 4]),
    (100, ["2", "3", "1"], [33, 51, 16]),  // the docblock's USD 1.00
  ]

  @Test(arguments: brickToLargestRatioTable)
  func brickFloorToLargestRatio(_ row: LibraryAllocationRow) throws {
    let weights = try row.weights.map { try Rational(parsing: $0) }
    let result = try Allocation.split(
      Rational(row.amount), weights: weights, tieBreak: .largerWeightThenID, remainder: .tieBreakOrder)
    #expect(result.shares == row.expected.map { Rational($0) })
  }

  // MARK: moneyphp/money

  // moneyphp/money, tests/MoneyTest.php, allocationExamples() and
  // allocationTargetExamples() (allocateTo(n) is n equal weights), and
  // doc/features/allocation.rst ("Allocate by Ratios": 5 cents 70/30 -> 4 and
  // 1, 30/70 -> 2 and 3; "Allocate to N targets": 800 to 3 -> 267/267/266).
  // https://github.com/moneyphp/money/blob/master/tests/MoneyTest.php
  // Ties go to the earlier position: `.inputOrder`.
  static let moneyphpTable: [LibraryAllocationRow] = [
    (100, ["1", "1", "1"], [34, 33, 33]),
    (101, ["1", "1", "1"], [34, 34, 33]),
    (5, ["7", "3"], [4, 1]),
    (5, ["7", "3", "0"], [4, 1, 0]),
    (5, ["0", "7", "3"], [0, 4, 1]),
    (5, ["7", "0", "3"], [4, 0, 1]),
    (5, ["0", "0", "1"], [0, 0, 5]),
    (0, ["0", "0", "1"], [0, 0, 0]),
    (2, ["1", "1", "1"], [1, 1, 0]),
    (1, ["1", "1"], [1, 0]),
    (1, ["0.33", "0.66"], [0, 1]),
    (101, ["3", "7"], [30, 71]),
    (101, ["7", "3"], [71, 30]),
    // allocateTo(n)
    (15, ["1", "1"], [8, 7]),
    (10, ["1", "1"], [5, 5]),
    (15, ["1", "1", "1"], [5, 5, 5]),
    (10, ["1", "1", "1"], [4, 3, 3]),
    (800, ["1", "1", "1"], [267, 267, 266]),
  ]

  @Test(arguments: moneyphpTable)
  func moneyphpAllocate(_ row: LibraryAllocationRow) throws {
    let expected = row.expected.map { Rational($0) }
    #expect(try split(row, .inputOrder) == expected)
    #expect(try split(row, .largerWeightThenID) == expected)
  }

  @Test func moneyphpTiesBetweenUnequalWeights() throws {
    // moneyphp: 5 by [3, 7] -> [2, 3], and 5 by [0, 3, 7] -> [0, 2, 3]. The
    // quotas are 1.5 and 3.5: equal fractions (.5), so the one left-over cent
    // goes by the tie-break. moneyphp's (earlier position) is `.inputOrder`.
    #expect(try split((5, ["3", "7"], [2, 3]), .inputOrder) == [2, 3])
    #expect(try split((5, ["0", "3", "7"], [0, 2, 3]), .inputOrder) == [0, 2, 3])
    // The SPEC §5.2 default gives the cent to the larger weight (7): by hand,
    // floors 1 and 3, plus 1 to the 7 -> [1, 4] and [0, 1, 4].
    #expect(try split((5, ["3", "7"], []), .largerWeightThenID) == [1, 4])
    #expect(try split((5, ["0", "3", "7"], []), .largerWeightThenID) == [0, 1, 4])
  }

  @Test func moneyphpNegativeAmountIsOutOfScope() throws {
    // moneyphp: -5 by [7, 3] -> [-3, -2]. Headroom only splits non-negative
    // amounts, so this row is an error here. Note that it is not our rule
    // applied to the magnitude either: 5 by [7, 3] is [4, 1], negated [-4, -1].
    #expect(throws: AllocationError.negativeAmount) {
      try Allocation.split(-5, weights: [7, 3])
    }
    #expect(try split((5, ["7", "3"], []), .inputOrder).map { -$0 } == [-4, -1])
  }

  @Test func moneyphpAllZeroWeightsWeighEqually() throws {
    // moneyphp throws for weights that are all zero (allocate([0, 0]));
    // Headroom's documented rule is that they weigh equally (SPEC §5.1, a
    // StepChange-basis plan whose debts have no contractual payment).
    #expect(try split((100, ["0", "0"], []), .inputOrder) == [50, 50])
  }
}
