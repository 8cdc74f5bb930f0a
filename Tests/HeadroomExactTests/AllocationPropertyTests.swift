@_spi(Testing) import HeadroomExact
import HeadroomTestSupport
import Testing

/// Allocation invariants over 10,000 seeded random splits each.
@Suite struct AllocationPropertyTests {
  func randomWeights(_ random: inout SeededGenerator) -> [Rational] {
    (0..<Int.random(in: 1...12, using: &random)).map { _ in
      switch Int.random(in: 0..<4, using: &random) {
      case 0: return Rational(Int.random(in: 0...5, using: &random))
      case 1:
        return Rational(
          Int.random(in: 1...1_000_000, using: &random), Int.random(in: 1...1000, using: &random))
      case 2: return Rational(random.digits(Int.random(in: 19...30, using: &random)))!
      default: return Rational(Int.random(in: 1...900_000, using: &random))
      }
    }
  }

  @Test func plainSplitsSumAndStayWithinOneUnitOfTheQuota() throws {
    var random = SeededGenerator(seed: 11)
    for _ in 0..<10_000 {
      let weights = randomWeights(&random)
      let amount = Rational(Int.random(in: 0...10_000_000, using: &random))
      for tieBreak in TieBreak.allCases {
        for method in RemainderMethod.allCases {
          let split = try Allocation.split(amount, weights: weights, tieBreak: tieBreak, remainder: method)
          #expect(split.shares.reduce(Rational.zero, +) == amount)
          #expect(split.unallocated == .zero)
          var total = weights.reduce(Rational.zero, +)
          let equal = total.signum == 0
          if equal { total = Rational(weights.count) }
          for (share, weight) in zip(split.shares, weights) {
            let quota = amount * (equal ? 1 : weight) / total
            #expect(share == quota.floor() || share == quota.floor() + 1)
            #expect(share.isInteger)
          }
          // Deterministic.
          #expect(
            try Allocation.split(amount, weights: weights, tieBreak: tieBreak, remainder: method) == split)
        }
      }
    }
  }

  @Test func minimumsAndCapsAreRespected() throws {
    var random = SeededGenerator(seed: 12)
    var unallocatedSeen = 0
    for _ in 0..<10_000 {
      let weights = randomWeights(&random)
      let minimum = Rational(Int.random(in: 0...200, using: &random))
      let caps: [Rational?] = weights.map { _ in
        Bool.random(using: &random) ? Rational(Int.random(in: 0...50_000, using: &random)) : nil
      }
      let needed = caps.reduce(Rational.zero) { $0 + min(minimum, $1 ?? minimum) }
      let amount = needed + Rational(Int.random(in: 0...100_000, using: &random))
      let split = try Allocation.split(amount, weights: weights, minimum: minimum, caps: caps)
      #expect(split.shares.reduce(split.unallocated, +) == amount)
      #expect(split.unallocated.signum >= 0)
      for (share, cap) in zip(split.shares, caps) {
        #expect(share >= min(minimum, cap ?? minimum))
        if let cap { #expect(share <= cap) }
      }
      // Units are left unallocated only when every share is at its cap.
      if split.unallocated.signum > 0 {
        unallocatedSeen += 1
        #expect(zip(split.shares, caps).allSatisfy { $0.1 != nil && $0.0 == $0.1! })
      }
    }
    #expect(unallocatedSeen > 100)
  }

  /// The machine-integer path (weights over one common denominator, 128-bit
  /// products) gives the same shares as exact rationals, ties included: the
  /// generator makes many equal weights and amounts that split evenly.
  @Test func machineIntegersAndRationalsGiveTheSameSplit() throws {
    var random = SeededGenerator(seed: 13)
    for _ in 0..<10_000 {
      var weights = randomWeights(&random)
      if Bool.random(using: &random) { weights += weights.prefix(2) }  // equal weights: ties
      let ids = weights.indices.map { "D\(($0 * 7) % weights.count)-\($0)" }
      let minimum = Bool.random(using: &random) ? Rational(Int.random(in: 0...200, using: &random)) : nil
      let caps: [Rational?]? =
        Bool.random(using: &random)
        ? weights.map { _ in
          Bool.random(using: &random) ? Rational(Int.random(in: 0...50_000, using: &random)) : nil
        } : nil
      let needed = (caps ?? weights.map { _ in nil }).reduce(Rational.zero) {
        $0 + min(minimum ?? 0, $1 ?? minimum ?? 0)
      }
      let amount =
        needed
        + Rational(
          Bool.random(using: &random)
            ? Int.random(in: 0...1000, using: &random) : Int.random(in: 0...Int(Int32.max), using: &random))
      for tieBreak in TieBreak.allCases {
        for method in RemainderMethod.allCases {
          let fast = try Allocation.split(
            amount, weights: weights, ids: ids, tieBreak: tieBreak, remainder: method, minimum: minimum,
            caps: caps)
          let exact = try Allocation.splitOnRationals(
            amount, weights: weights, ids: ids, tieBreak: tieBreak, remainder: method, minimum: minimum,
            caps: caps)
          #expect(fast == exact, "weights \(weights) amount \(amount)")
        }
      }
    }
  }

  @Test func badArgumentsAreErrorsNotTraps() {
    #expect(throws: AllocationError.amountNotWhole) { try Allocation.split(Rational(1, 2), weights: [1]) }
    #expect(throws: AllocationError.negativeAmount) { try Allocation.split(-1, weights: [1]) }
    #expect(throws: AllocationError.noShares) { try Allocation.split(1, weights: []) }
    #expect(throws: AllocationError.negativeWeight(index: 1)) { try Allocation.split(1, weights: [1, -1]) }
    #expect(throws: AllocationError.belowMinimums(needed: 300, amount: 100)) {
      try Allocation.split(100, weights: [1, 1, 1], minimum: 100)
    }
  }
}
