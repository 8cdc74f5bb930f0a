/// SPEC §5.2 on whole minor units in Int64, in the caller's buffers, for the
/// engine's own splits: pro-rata weights, every share capped, one minimum,
/// largest remainder with ties to the larger weight, then the lower id in
/// code-point order. The same shares as `Allocation.split` with those
/// options, with no arrays made.
///
/// A caller must pass an amount, minimum and caps from 0 up to a quarter of
/// Int64.max, and weights not below zero that sum within Int64; otherwise it
/// uses `Allocation.split`.
struct UnitsSplit {
  let weights: UnsafeBufferPointer<Int64>
  let caps: UnsafeBufferPointer<Int64>
  let minimum: Int64

  /// The largest amount, minimum or cap a split takes: every sum below stays within Int64.
  static let limit = Int64.max / 4

  /// How a split ended.
  enum Outcome {
    /// Each share in `shares`; what no share could take.
    case split(unallocated: Int64)
    /// The amount cannot give every share min(minimum, cap): `Allocation.split` throws.
    case belowMinimums
  }

  /// Splits `amount` into `shares` (one per weight), ties between equal
  /// weights by `ids` (a generic value, not a closure, whose context would
  /// be allocated).
  func split<IDs: ShareIDs>(_ amount: Int64, into shares: UnsafeMutableBufferPointer<Int64>, ids: IDs) -> Outcome {
    let count = weights.count
    var needed: Int64 = 0
    for i in 0..<count { needed += Swift.min(minimum, caps[i]) }
    guard needed <= amount else { return .belowMinimums }
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
          splitOnce(remaining, over: UnsafeBufferPointer(rebasing: pool[0..<poolCount]), into: parts, ids: ids)
          for slot in 0..<poolCount { shares[pool[slot]] = parts[slot].floor }
          // Below the minimum: fixed at min(minimum, cap). Else above a cap: fixed at it.
          var fixedCount = 0
          for slot in 0..<poolCount where shares[pool[slot]] < minimum {
            let i = pool[slot]
            shares[i] = Swift.min(minimum, caps[i])
            fixed[fixedCount] = i
            fixedCount += 1
            atMinimum[minimumCount] = i
            minimumCount += 1
          }
          if fixedCount == 0 {
            for slot in 0..<poolCount where shares[pool[slot]] > caps[pool[slot]] {
              let i = pool[slot]
              shares[i] = caps[i]
              fixed[fixedCount] = i
              fixedCount += 1
            }
          }
          if fixedCount == 0 { return .split(unallocated: 0) }
          for k in 0..<fixedCount { remaining -= shares[fixed[k]] }
          poolCount = dropFixed(fixedCount, from: poolCount)
        }
        // The shares fixed at the minimum below their caps take the rest.
        var topUpCount = 0
        for k in 0..<minimumCount where shares[atMinimum[k]] < caps[atMinimum[k]] {
          pool[topUpCount] = atMinimum[k]
          topUpCount += 1
        }
        while remaining > 0 && topUpCount > 0 {
          splitOnce(remaining, over: UnsafeBufferPointer(rebasing: pool[0..<topUpCount]), into: parts, ids: ids)
          var overCount = 0
          for slot in 0..<topUpCount {
            let i = pool[slot]
            if shares[i] + parts[slot].floor > caps[i] {
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

  /// Steps 1 and 2: `amount` over the indices in `pool`, each slot's share
  /// in `parts[slot].floor` (the fractions are scratch).
  private func splitOnce<IDs: ShareIDs>(
    _ amount: Int64, over pool: UnsafeBufferPointer<Int>,
    into parts: UnsafeMutableBufferPointer<(floor: Int64, fraction: Int64)>, ids: IDs
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
      // The next unit goes to the largest fraction, then the slot that comes
      // first; it then drops out (fraction -1).
      var best = -1
      for slot in 0..<pool.count where parts[slot].fraction >= 0 {
        if best < 0 {
          best = slot
          continue
        }
        let (a, b) = (parts[slot].fraction, parts[best].fraction)
        if a != b {
          if a > b { best = slot }
        } else if precedes(pool[slot], pool[best], ids) {
          best = slot
        }
      }
      parts[best].floor += 1
      parts[best].fraction = -1
      leftover -= 1
    }
  }

  /// The tie-break: larger weight first, then the lower id, then input order.
  private func precedes<IDs: ShareIDs>(_ a: Int, _ b: Int, _ ids: IDs) -> Bool {
    if weights[a] != weights[b] { return weights[a] > weights[b] }
    if ids.precedes(a, b) { return true }
    if ids.precedes(b, a) { return false }
    return a < b
  }

  /// Whether id `a` comes before id `b` in code-point order; ids equal as
  /// Strings (canonically equivalent) tie, as `Allocation.split` has them.
  static func precedes(_ a: String, _ b: String) -> Bool {
    a != b && a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}

/// The ids of the shares of a `UnitsSplit`, by index.
protocol ShareIDs {
  /// Whether share `a`'s id comes before share `b`'s (`UnitsSplit.precedes`).
  func precedes(_ a: Int, _ b: Int) -> Bool
}

/// The ids of debts at positions in a priority order.
struct OrderIDs: ShareIDs {
  let order: DebtOrder
  let positions: [Int]

  func precedes(_ a: Int, _ b: Int) -> Bool {
    UnitsSplit.precedes(order[positions[a]].id, order[positions[b]].id)
  }
}

/// The ids of schedule entries at the given indices.
struct EntryIDs: ShareIDs {
  let entries: UnsafeBufferPointer<ScheduleEntry>
  let indices: UnsafeMutableBufferPointer<Int>

  func precedes(_ a: Int, _ b: Int) -> Bool {
    UnitsSplit.precedes(entries[indices[a]].id, entries[indices[b]].id)
  }
}
