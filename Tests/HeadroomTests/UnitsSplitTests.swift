@testable import Headroom
@_spi(Testing) import HeadroomExact
import HeadroomTestSupport
import Testing

/// The split on Int64 units, with the engine's tie-break, must give the
/// shares of `Allocation.split` on exact rationals (largest remainder, ties
/// to the larger weight then the lower id, caps and one minimum), and fail
/// where it throws for want of the minimums.
@Suite struct UnitsSplitTests {
  @Test func unitsSplitMatchesAllocationSplitOverSeededInputs() throws {
    var random = SeededGenerator(seed: 5_202_611)
    let idPool = ["D1", "D10", "D2", "a", "B", "b", "Ä", "Z9", "D1 ", "é", "e\u{301}"]
    var belowMinimums = 0
    var capped = 0
    var topUps = 0
    for number in 1...20_000 {
      let count = Int.random(in: 1...7, using: &random)
      // Small ranges make equal weights, equal fractions and ties common.
      let small = Bool.random(using: &random)
      var weights: [Int64] = []
      var caps: [Int64] = []
      var ids: [String] = []
      for _ in 0..<count {
        let weight = small ? Int64.random(in: 0...6, using: &random) : Int64.random(in: 0...5_000_000, using: &random)
        weights.append(weight)
        caps.append(
          Int.random(in: 0..<3, using: &random) == 0
            ? Int64.random(in: 0...300, using: &random) : (small ? weight * 50 : weight))
        ids.append(idPool.randomElement(using: &random)!)
      }
      let minimum = Int64.random(in: 0...(small ? 40 : 2_000), using: &random)
      let amount = Int64.random(in: 0...(small ? 500 : 3_000_000), using: &random)
      let expected = try? Allocation.splitOnRationals(
        Rational(Int(amount)), weights: weights.map { Rational(Int($0)) }, ids: ids,
        minimum: Rational(Int(minimum)), caps: caps.map { Rational(Int($0)) })
      var left: Int64 = 0
      let outcome = weights.withUnsafeBufferPointer { weights in
        caps.withUnsafeBufferPointer { caps in
          [Int64](unsafeUninitializedCapacity: count) { shares, initialized in
            initialized = count
            let split = UnitsSplit(weights: weights, caps: caps, minimum: minimum)
            switch split.split(amount, into: shares, order: BalanceThenID(balances: weights, ids: ListIDs(ids: ids))) {
            case .belowMinimums: shares[0] = -1
            case .split(let unallocated): left = unallocated
            }
          }
        }
      }
      guard let expected else {
        belowMinimums += 1
        #expect(outcome[0] == -1, "case \(number)")
        continue
      }
      #expect(outcome.map { Rational(Int($0)) } == expected.shares, "case \(number) \(weights) \(caps) \(ids) \(minimum) \(amount)")
      #expect(Rational(Int(left)) == expected.unallocated, "case \(number) unallocated")
      if zip(outcome, caps).contains(where: { $0 == $1 }) { capped += 1 }
      if expected.unallocated.signum == 0 && outcome.contains(where: { $0 > minimum }) && outcome.contains(minimum) {
        topUps += 1
      }
    }
    // The seeds must reach every branch, or the checks above prove little.
    #expect(belowMinimums > 500)
    #expect(capped > 2_000)
    #expect(topUps > 500)
  }
}

/// Ids in a plain list.
private struct ListIDs: ShareIDs {
  let ids: [String]

  func precedes(_ a: Int, _ b: Int) -> Bool { UnitsSplit.precedes(ids[a], ids[b]) }
}
