/// A split of a whole number of units between shares (SPEC §5.2, rounding point R3).
///
/// The shares and `unallocated` always add up to the amount split, exactly.
public struct Allocation: Hashable, Sendable {
  /// Each share, in input order, as a whole number of units.
  public var shares: [Rational]
  /// What no share could take because every one reached its cap.
  public var unallocated: Rational

  public init(shares: [Rational], unallocated: Rational) {
    self.shares = shares
    self.unallocated = unallocated
  }
}

/// Which share gets a left-over unit first when the deciding figures are equal.
public enum TieBreak: String, Sendable, CaseIterable {
  /// The larger weight first, then the smaller id by Unicode code points, then
  /// the earlier input position (SPEC §5.2, the domain default).
  case largerWeightThenID = "weight"
  /// The earlier input position first.
  case inputOrder = "index"
}

/// How the units left over after flooring every share are handed out.
public enum RemainderMethod: String, Sendable, CaseIterable {
  /// One each to the largest fractional parts, ties by ``TieBreak``
  /// (Hamilton's method; SPEC §5.2).
  case largestRemainder = "largest-remainder"
  /// One each in ``TieBreak`` order, ignoring fractional parts
  /// (with `.inputOrder`, "to the first shares").
  case tieBreakOrder = "tie-break-order"
}

/// Why an allocation could not be made.
public enum AllocationError: Error, Equatable, Sendable, CustomStringConvertible {
  case amountNotWhole
  case negativeAmount
  case noShares
  case negativeWeight(index: Int)
  case countMismatch(field: String, expected: Int, found: Int)
  case minimumNotWhole
  case negativeMinimum
  case capNotWhole(index: Int)
  case negativeCap(index: Int)
  /// The amount cannot give every share its minimum (or its cap, if lower).
  case belowMinimums(needed: Rational, amount: Rational)

  public var description: String {
    switch self {
    case .amountNotWhole: return "amount: expected a whole number of units"
    case .negativeAmount: return "amount: expected a non-negative amount"
    case .noShares: return "weights: expected at least one weight"
    case .negativeWeight(let i): return "weights[\(i)]: expected a non-negative weight"
    case .countMismatch(let field, let expected, let found):
      return "\(field): expected \(expected) entries, one per weight, found \(found)"
    case .minimumNotWhole: return "minimum: expected a whole number of units"
    case .negativeMinimum: return "minimum: expected a non-negative amount"
    case .capNotWhole(let i): return "caps[\(i)]: expected a whole number of units"
    case .negativeCap(let i): return "caps[\(i)]: expected a non-negative amount"
    case .belowMinimums(let needed, let amount):
      return "amount: \(amount) units cannot give every share its minimum (\(needed) units needed)"
    }
  }
}

extension Allocation {
  /// Splits `amount` units in proportion to `weights` by the largest-remainder
  /// method, then applies the minimum and the caps as SPEC §5.2 step 3 says.
  ///
  /// Every share is first floored; the left-over units go one each in the
  /// order `remainder` and `tieBreak` set. Then, if any share is below
  /// `minimum`, each such share is fixed at `min(minimum, its cap)` and leaves
  /// the pool; otherwise, if any share exceeds its cap, each such share is
  /// fixed at its cap and leaves the pool. The rest is split again over the
  /// pool until nothing more is fixed. If every share has left the pool with
  /// units to spare, the shares fixed at the minimum take them (by weight, up
  /// to their caps), so `unallocated` is only what no share can take. If every
  /// weight in a pool is zero, they weigh equally.
  ///
  /// - Parameters:
  ///   - amount: a whole, non-negative number of units (minor units of money).
  ///   - weights: non-negative exact weights, one per share.
  ///   - ids: names for the `.largerWeightThenID` tie-break; nil compares by position.
  ///   - minimum: the smallest share allowed, in units.
  ///   - caps: the largest each share may take, in units; nil entries are uncapped.
  public static func split(
    _ amount: Rational,
    weights: [Rational],
    ids: [String]? = nil,
    tieBreak: TieBreak = .largerWeightThenID,
    remainder: RemainderMethod = .largestRemainder,
    minimum: Rational? = nil,
    caps: [Rational?]? = nil
  ) throws(AllocationError) -> Allocation {
    try split(
      amount, weights: weights, ids: ids, tieBreak: tieBreak, remainder: remainder, minimum: minimum,
      caps: caps, machineIntegers: true)
  }

  /// ``split(_:weights:ids:tieBreak:remainder:minimum:caps:)`` on exact
  /// rationals only, skipping the machine-integer path: a test hook, so the
  /// two paths can be compared.
  @_spi(Testing)
  public static func splitOnRationals(
    _ amount: Rational, weights: [Rational], ids: [String]? = nil, tieBreak: TieBreak = .largerWeightThenID,
    remainder: RemainderMethod = .largestRemainder, minimum: Rational? = nil, caps: [Rational?]? = nil
  ) throws(AllocationError) -> Allocation {
    try split(
      amount, weights: weights, ids: ids, tieBreak: tieBreak, remainder: remainder, minimum: minimum,
      caps: caps, machineIntegers: false)
  }

  static func split(
    _ amount: Rational, weights: [Rational], ids: [String]?, tieBreak: TieBreak, remainder: RemainderMethod,
    minimum: Rational?, caps: [Rational?]?, machineIntegers: Bool
  ) throws(AllocationError) -> Allocation {
    try validate(amount, weights: weights, ids: ids, minimum: minimum, caps: caps)
    let order = ShareOrder(weights: weights, ids: ids, tieBreak: tieBreak)
    let whole = machineIntegers ? WholeWeights(weights) : nil
    var shares = [Rational](repeating: .zero, count: weights.count)
    var pool = Array(weights.indices)
    var remaining = amount
    var atMinimum: [Int] = []
    var fixed: [Int] = []
    fixed.reserveCapacity(weights.count)
    while !pool.isEmpty {
      let quota = splitOnce(
        remaining, over: pool, weights: weights, whole: whole, order: order, remainder: remainder)
      for (slot, i) in pool.enumerated() { shares[i] = quota[slot] }
      fixed.removeAll(keepingCapacity: true)
      if let minimum {
        for i in pool where shares[i] < minimum { fixed.append(i) }
        for i in fixed { shares[i] = Swift.min(minimum, caps?[i] ?? minimum) }
        atMinimum += fixed
      }
      if fixed.isEmpty, let caps {
        for i in pool where caps[i].map({ shares[i] > $0 }) ?? false { fixed.append(i) }
        for i in fixed { shares[i] = caps[i]! }
      }
      if fixed.isEmpty { return Allocation(shares: shares, unallocated: .zero) }
      for i in fixed { remaining -= shares[i] }
      pool.removeAll { i in fixed.contains(i) }
    }
    // Every share left the pool with units to spare: the ones fixed at the
    // minimum below their caps take the rest, so `unallocated` is only what
    // no share can take.
    var topUp = atMinimum.filter { i in caps?[i].map { shares[i] < $0 } ?? true }
    while remaining.signum > 0 && !topUp.isEmpty {
      let extra = splitOnce(
        remaining, over: topUp, weights: weights, whole: whole, order: order, remainder: remainder)
      let over = zip(topUp, extra).filter { i, more in caps?[i].map { shares[i] + more > $0 } ?? false }.map(
        \.0)
      if over.isEmpty {
        for (i, more) in zip(topUp, extra) { shares[i] += more }
        remaining = .zero
        break
      }
      for i in over {
        remaining -= caps![i]! - shares[i]
        shares[i] = caps![i]!
      }
      topUp.removeAll { over.contains($0) }
    }
    return Allocation(shares: shares, unallocated: remaining)
  }

  /// Steps 1 and 2 of SPEC §5.2: `amount` split over the indices in `pool`,
  /// returned in pool order.
  static func splitOnce(
    _ amount: Rational, over pool: [Int], weights: [Rational], whole: WholeWeights?, order: ShareOrder,
    remainder: RemainderMethod
  ) -> [Rational] {
    if let whole, let units = amount.exactInt,
      let shares = whole.splitOnce(Int64(units), over: pool, order: order, remainder: remainder)
    {
      return shares
    }
    var total = pool.reduce(Rational.zero) { $0 + weights[$1] }
    let equal = total.signum == 0
    if equal { total = Rational(pool.count) }
    var shares: [Rational] = []
    shares.reserveCapacity(pool.count)
    var floored = Rational.zero
    var fractions: [(slot: Int, fraction: Rational)] = []
    fractions.reserveCapacity(pool.count)
    for (slot, i) in pool.enumerated() {
      let exact = amount * (equal ? .one : weights[i]) / total
      let whole = exact.floor()
      shares.append(whole)
      floored += whole
      fractions.append((slot, exact - whole))
    }
    var leftover = (amount - floored).exactInt ?? 0  // fewer than pool.count
    guard leftover > 0 else { return shares }
    fractions.sort { a, b in
      if remainder == .largestRemainder && a.fraction != b.fraction {
        return a.fraction > b.fraction
      }
      return order.precedes(pool[a.slot], pool[b.slot])
    }
    for entry in fractions where leftover > 0 {
      shares[entry.slot] += .one
      leftover -= 1
    }
    return shares
  }

  static func validate(
    _ amount: Rational, weights: [Rational], ids: [String]?, minimum: Rational?, caps: [Rational?]?
  ) throws(AllocationError) {
    guard amount.isInteger else { throw .amountNotWhole }
    guard amount.signum >= 0 else { throw .negativeAmount }
    guard !weights.isEmpty else { throw .noShares }
    if let i = weights.firstIndex(where: { $0.signum < 0 }) { throw .negativeWeight(index: i) }
    if let ids, ids.count != weights.count {
      throw .countMismatch(field: "ids", expected: weights.count, found: ids.count)
    }
    if let caps {
      guard caps.count == weights.count else {
        throw .countMismatch(field: "caps", expected: weights.count, found: caps.count)
      }
      for (i, cap) in caps.enumerated() {
        guard let cap else { continue }
        guard cap.isInteger else { throw .capNotWhole(index: i) }
        guard cap.signum >= 0 else { throw .negativeCap(index: i) }
      }
    }
    if let minimum {
      guard minimum.isInteger else { throw .minimumNotWhole }
      guard minimum.signum >= 0 else { throw .negativeMinimum }
      // Enough for every minimum keeps each re-run able to pay the next ones.
      let needed = weights.indices.reduce(Rational.zero) { sum, i in
        sum + Swift.min(minimum, caps?[i] ?? minimum)
      }
      guard needed <= amount else { throw .belowMinimums(needed: needed, amount: amount) }
    }
  }
}

/// The tie-break order between shares.
struct ShareOrder {
  let weights: [Rational]
  let ids: [String]?
  let tieBreak: TieBreak

  func precedes(_ a: Int, _ b: Int) -> Bool {
    if tieBreak == .largerWeightThenID {
      if weights[a] != weights[b] { return weights[a] > weights[b] }
      if let ids, ids[a] != ids[b] {
        return ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)  // code-point order
      }
    }
    return a < b
  }
}

/// The weights as whole numbers over one common denominator, when they fit
/// machine integers: the allocation-free path of steps 1 and 2.
///
/// With every weight aᵢ/L, qᵢ = P·aᵢ/A where A = Σaᵢ, so ⌊qᵢ⌋ and the
/// fractional parts rᵢ/A come from one 128-bit division each, and fractional
/// parts compare by their numerators rᵢ. The shares are the same as the
/// rational path's, to the unit.
struct WholeWeights {
  let scaled: [Int64]

  init?(_ weights: [Rational]) {
    guard let denominator = Rational.commonDenominator(of: weights) else { return nil }
    var scaled: [Int64] = []
    scaled.reserveCapacity(weights.count)
    var total: Int64 = 0
    for weight in weights {
      let (n, d) = weight.machineParts!
      let (value, o1) = n.multipliedReportingOverflow(by: denominator / d)
      let (sum, o2) = total.addingReportingOverflow(value)
      if o1 || o2 { return nil }
      total = sum
      scaled.append(value)
    }
    self.scaled = scaled
  }

  /// Steps 1 and 2 for a whole, non-negative `amount`, or nil if it does not fit.
  func splitOnce(_ amount: Int64, over pool: [Int], order: ShareOrder, remainder: RemainderMethod)
    -> [Rational]?
  {
    var total: Int64 = 0
    for i in pool { total += scaled[i] }  // cannot overflow: the sum of all fits
    let equal = total == 0
    if equal { total = Int64(pool.count) }
    // Floors and fractional parts in one stack buffer: no arrays made here.
    return withUnsafeTemporaryAllocation(of: (floor: Int64, fraction: Int64).self, capacity: pool.count) {
      parts -> [Rational]? in
      var floored: Int64 = 0
      for (slot, i) in pool.enumerated() {
        let product = Int128(amount) * Int128(equal ? 1 : scaled[i])
        let (whole, fraction) = product.quotientAndRemainder(dividingBy: Int128(total))
        guard let share = Int64(exactly: whole) else { return nil }
        parts[slot] = (share, Int64(fraction))
        floored += share  // at most `amount`
      }
      var leftover = amount - floored  // fewer than pool.count
      while leftover > 0 {
        // The next unit goes to the slot that comes first: largest fraction,
        // then the tie-break order; it then drops out (fraction -1).
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
      var shares: [Rational] = []
      shares.reserveCapacity(pool.count)
      for slot in 0..<pool.count { shares.append(Rational(Int(parts[slot].floor))) }
      return shares
    }
  }
}
