/// SPEC §5.2 on whole units in Int64, in the caller's buffers: the one
/// machine-integer split behind `Allocation.split` and the engine's own
/// splits, with no arrays made.
///
/// Weights are whole numbers (over one common denominator) from 0 up,
/// summing within Int64. Caps and the minimum are -1 when absent. A caller
/// keeps the amount, the minimum and every cap within ``limit``, so no sum
/// below overflows; past it, the rational path of `Allocation.split` runs.
package struct UnitsSplit {
  package let weights: UnsafeBufferPointer<Int64>
  package let caps: UnsafeBufferPointer<Int64>
  package let minimum: Int64
  package let remainder: RemainderMethod

  /// The largest amount, minimum or cap a split takes.
  package static let limit = Int64.max / 4

  package init(
    weights: UnsafeBufferPointer<Int64>, caps: UnsafeBufferPointer<Int64>, minimum: Int64,
    remainder: RemainderMethod = .largestRemainder
  ) {
    self.weights = weights
    self.caps = caps
    self.minimum = minimum
    self.remainder = remainder
  }

  /// How a split ended.
  package enum Outcome {
    /// Each share is in the caller's buffer; what no share could take.
    case split(unallocated: Int64)
    /// The amount cannot give every share min(minimum, cap): `Allocation.split` throws.
    case belowMinimums
  }

  /// Splits `amount` into `shares` (one per weight) as SPEC §5.2 steps 1 to 3
  /// say, the top-up included; left-over units go in `order`.
  @inlinable
  package func split<Order: ShareTieBreak>(
    _ amount: Int64, into shares: UnsafeMutableBufferPointer<Int64>, order: Order
  ) -> Outcome {
    let count = weights.count
    if minimum >= 0 {
      var needed: Int64 = 0
      for i in 0..<count {
        // A sum past Int64 is past any amount too.
        let (sum, overflow) = needed.addingReportingOverflow(
          caps[i] >= 0 ? Swift.min(minimum, caps[i]) : minimum)
        guard !overflow, sum <= amount else { return .belowMinimums }
        needed = sum
      }
    }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * count) { lists -> Outcome in
      // The pool (later the shares topped up), the shares fixed in a round,
      // and the shares fixed at the minimum; each list in input order.
      let pool = UnsafeMutableBufferPointer(rebasing: lists[0..<count])
      let fixed = UnsafeMutableBufferPointer(rebasing: lists[count..<2 * count])
      let atMinimum = UnsafeMutableBufferPointer(rebasing: lists[2 * count..<3 * count])
      return withUnsafeTemporaryAllocation(of: (floor: Int64, fraction: Int64).self, capacity: count) {
        parts -> Outcome in
        /// Drops the first `fixedCount` of `fixed` (in pool order) from the pool; the new pool count.
        func dropFixed(_ fixedCount: Int, from poolCount: Int) -> Int {
          var kept = 0
          var f = 0
          for slot in 0..<poolCount {
            if f < fixedCount && pool[slot] == fixed[f] {
              f += 1
            } else {
              pool[kept] = pool[slot]
              kept += 1
            }
          }
          return kept
        }
        var remaining = amount
        var poolCount = count
        for i in 0..<count {
          pool[i] = i
          shares[i] = 0
        }
        var minimumCount = 0
        while poolCount > 0 {
          splitOnce(
            remaining, over: UnsafeBufferPointer(rebasing: pool[0..<poolCount]), into: parts, order: order)
          for slot in 0..<poolCount { shares[pool[slot]] = parts[slot].floor }
          // Below the minimum: fixed at min(minimum, cap). Else above a cap: fixed at it.
          var fixedCount = 0
          if minimum >= 0 {
            for slot in 0..<poolCount where shares[pool[slot]] < minimum {
              let i = pool[slot]
              shares[i] = caps[i] >= 0 ? Swift.min(minimum, caps[i]) : minimum
              fixed[fixedCount] = i
              fixedCount += 1
              atMinimum[minimumCount] = i
              minimumCount += 1
            }
          }
          if fixedCount == 0 {
            for slot in 0..<poolCount {
              let i = pool[slot]
              guard caps[i] >= 0 && shares[i] > caps[i] else { continue }
              shares[i] = caps[i]
              fixed[fixedCount] = i
              fixedCount += 1
            }
          }
          if fixedCount == 0 { return .split(unallocated: 0) }
          for k in 0..<fixedCount { remaining -= shares[fixed[k]] }
          poolCount = dropFixed(fixedCount, from: poolCount)
        }
        // Every share left the pool with units to spare: the ones fixed at
        // the minimum below their caps take the rest, so `unallocated` is
        // only what no share can take.
        var topUpCount = 0
        for k in 0..<minimumCount {
          let i = atMinimum[k]
          guard caps[i] < 0 || shares[i] < caps[i] else { continue }
          pool[topUpCount] = i
          topUpCount += 1
        }
        while remaining > 0 && topUpCount > 0 {
          splitOnce(
            remaining, over: UnsafeBufferPointer(rebasing: pool[0..<topUpCount]), into: parts, order: order)
          var overCount = 0
          for slot in 0..<topUpCount {
            let i = pool[slot]
            if caps[i] >= 0 && shares[i] + parts[slot].floor > caps[i] {
              fixed[overCount] = i
              overCount += 1
            }
          }
          if overCount == 0 {
            for slot in 0..<topUpCount { shares[pool[slot]] += parts[slot].floor }
            remaining = 0
            break
          }
          for k in 0..<overCount {
            let i = fixed[k]
            remaining -= caps[i] - shares[i]
            shares[i] = caps[i]
          }
          topUpCount = dropFixed(overCount, from: topUpCount)
        }
        return .split(unallocated: remaining)
      }
    }
  }

  /// Steps 1 and 2: any `amount` from 0 to Int64.max over the indices in
  /// `pool`, each slot's share in `parts[slot].floor` (the fractions are
  /// scratch).
  @inlinable
  package func splitOnce<Order: ShareTieBreak>(
    _ amount: Int64, over pool: UnsafeBufferPointer<Int>,
    into parts: UnsafeMutableBufferPointer<(floor: Int64, fraction: Int64)>, order: Order
  ) {
    var total: Int64 = 0
    for i in pool { total += weights[i] }
    let equal = total == 0
    if equal { total = Int64(pool.count) }
    var floored: Int64 = 0
    for (slot, i) in pool.enumerated() {
      // amount × w / total: the quotient is at most `amount`, as w ≤ total.
      let product = UInt64(amount).multipliedFullWidth(by: UInt64(equal ? 1 : weights[i]))
      let (whole, fraction) = UInt64(total).dividingFullWidth(product)
      parts[slot] = (Int64(whole), Int64(fraction))
      floored += Int64(whole)
    }
    var leftover = amount - floored  // fewer than pool.count
    while leftover > 0 {
      // The next unit goes to the slot that comes first: the largest
      // fraction (for the largest remainder), then `order`; it then drops
      // out (fraction -1).
      var best = -1
      for slot in 0..<pool.count where parts[slot].fraction >= 0 {
        if best < 0 {
          best = slot
          continue
        }
        let (a, b) = (parts[slot].fraction, parts[best].fraction)
        if remainder == .largestRemainder && a != b {
          if a > b { best = slot }
        } else if order.precedes(pool[slot], pool[best]) {
          best = slot
        }
      }
      parts[best].floor += 1
      parts[best].fraction = -1
      leftover -= 1
    }
  }

  /// Whether id `a` comes before id `b` in Unicode code-point order; ids
  /// equal as Strings (canonically equivalent) do not.
  @inlinable
  package static func precedes(_ a: String, _ b: String) -> Bool {
    a != b && a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}

/// The order in which shares take left-over units, by index: a generic
/// value rather than a closure, whose context would be allocated per split.
package protocol ShareTieBreak {
  /// Whether share `a` takes a unit before share `b`.
  func precedes(_ a: Int, _ b: Int) -> Bool
}
