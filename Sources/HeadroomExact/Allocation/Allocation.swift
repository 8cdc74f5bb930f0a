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
    if let whole,
      let allocation = whole.split(amount, minimum: minimum, caps: caps, order: order, remainder: remainder)
    {
      return allocation
    }
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
    if let whole, let units = amount.exactInt {
      return whole.splitOnce(Int64(units), over: pool, order: order, remainder: remainder)
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
    for i in weights.indices where weights[i].signum < 0 { throw .negativeWeight(index: i) }
    if let ids, ids.count != weights.count {
      throw .countMismatch(field: "ids", expected: weights.count, found: ids.count)
    }
    if let caps {
      guard caps.count == weights.count else {
        throw .countMismatch(field: "caps", expected: weights.count, found: caps.count)
      }
      for i in caps.indices {
        guard let cap = caps[i] else { continue }
        guard cap.isInteger else { throw .capNotWhole(index: i) }
        guard cap.signum >= 0 else { throw .negativeCap(index: i) }
      }
    }
    if let minimum {
      guard minimum.isInteger else { throw .minimumNotWhole }
      guard minimum.signum >= 0 else { throw .negativeMinimum }
      // Enough for every minimum keeps each re-run able to pay the next ones.
      if let needed = wholeUnitsNeeded(minimum, caps: caps, count: weights.count), let units = amount.exactInt
      {
        if needed <= units { return }
      }
      var needed = Rational.zero
      for i in weights.indices { needed += Swift.min(minimum, caps?[i] ?? minimum) }
      guard needed <= amount else { throw .belowMinimums(needed: needed, amount: amount) }
    }
  }
}

extension Allocation {
  /// Σ min(minimum, capᵢ) over `count` shares on machine integers, for the
  /// usual whole minimum and caps; nil when a figure is past Int64 or the
  /// sum could overflow, and the caller sums Rationals instead.
  static func wholeUnitsNeeded(_ minimum: Rational, caps: [Rational?]?, count: Int) -> Int? {
    guard let floor = minimum.exactInt, floor <= Int(Int32.max), count <= Int(Int32.max) else { return nil }
    guard let caps else { return floor * count }
    var needed = 0
    for cap in caps {
      guard let cap else {
        needed += floor
        continue
      }
      guard let units = cap.exactInt else { return nil }
      needed += Swift.min(floor, units)
    }
    return needed
  }
}

/// The tie-break order between shares.
struct ShareOrder: ShareTieBreak {
  let weights: [Rational]
  let ids: [String]?
  let tieBreak: TieBreak

  func precedes(_ a: Int, _ b: Int) -> Bool {
    if tieBreak == .largerWeightThenID {
      if weights[a] != weights[b] { return weights[a] > weights[b] }
      if let ids, ids[a] != ids[b] { return UnitsSplit.precedes(ids[a], ids[b]) }
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
  let weights: [Rational]
  /// L, the weights' least common denominator.
  let denominator: Int64

  /// Nil unless every aᵢ and their sum fit Int64.
  init?(_ weights: [Rational]) {
    var common = CommonDenominator()
    for weight in weights where !common.include(weight) { return nil }
    let denominator = common.value
    var total: Int64 = 0
    for weight in weights {
      let (n, d) = weight.machineParts!
      let (value, o1) = n.multipliedReportingOverflow(by: denominator / d)
      let (sum, o2) = total.addingReportingOverflow(value)
      if o1 || o2 { return nil }
      total = sum
    }
    self.weights = weights
    self.denominator = denominator
  }

  /// aᵢ, worked out again rather than kept in an array: `init` has checked it fits.
  @inline(__always)
  func scaled(_ i: Int) -> Int64 {
    let (n, d) = weights[i].machineParts!
    return n &* (denominator / d)
  }

  /// The scaled weights aᵢ and each cap (-1: none) in Int64 buffers, for
  /// `body`; nil when a cap is not a whole number within ``UnitsSplit/limit``.
  private func withUnits<R>(
    caps: [Rational?]?, _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Int64>) -> R?
  ) -> R? {
    let count = weights.count
    return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 2 * count) { figures -> R? in
      let scaledWeights = UnsafeMutableBufferPointer(rebasing: figures[0..<count])
      let capOf = UnsafeMutableBufferPointer(rebasing: figures[count..<2 * count])
      for i in 0..<count {
        scaledWeights[i] = scaled(i)
        capOf[i] = -1
        guard let cap = caps?[i] else { continue }
        guard let units = cap.exactInt.map(Int64.init), units <= UnitsSplit.limit else { return nil }
        capOf[i] = units
      }
      return body(UnsafeBufferPointer(scaledWeights), UnsafeBufferPointer(capOf))
    }
  }

  /// Steps 1 and 2 for a whole `amount` from 0 to Int64.max, in pool order.
  func splitOnce(_ amount: Int64, over pool: [Int], order: ShareOrder, remainder: RemainderMethod)
    -> [Rational]
  {
    withUnits(caps: nil) { weights, caps -> [Rational]? in
      pool.withUnsafeBufferPointer { pool in
        withUnsafeTemporaryAllocation(of: (floor: Int64, fraction: Int64).self, capacity: pool.count) {
          parts in
          UnitsSplit(weights: weights, caps: caps, minimum: -1, remainder: remainder)
            .splitOnce(amount, over: pool, into: parts, order: order)
          var shares: [Rational] = []
          shares.reserveCapacity(pool.count)
          for slot in 0..<pool.count { shares.append(Rational(Int(parts[slot].floor))) }
          return shares
        }
      }
    }!
  }

  /// The whole split (steps 1 to 3, the top-up included) on machine
  /// integers by ``UnitsSplit``, as `Allocation.split` does it on
  /// rationals; nil when the amount, the minimum or a cap is not a whole
  /// number within ``UnitsSplit/limit``. The caller has checked the minimums.
  func split(
    _ amount: Rational, minimum: Rational?, caps: [Rational?]?, order: ShareOrder, remainder: RemainderMethod
  ) -> Allocation? {
    let limit = UnitsSplit.limit
    guard let total = amount.exactInt.map(Int64.init), total <= limit else { return nil }
    var floor: Int64 = -1  // no minimum
    if let minimum {
      guard let units = minimum.exactInt.map(Int64.init), units <= limit else { return nil }
      floor = units
    }
    return withUnits(caps: caps) { weights, caps in
      withUnsafeTemporaryAllocation(of: Int64.self, capacity: weights.count) { shares -> Allocation? in
        let split = UnitsSplit(weights: weights, caps: caps, minimum: floor, remainder: remainder)
        guard case .split(let unallocated) = split.split(total, into: shares, order: order) else {
          return nil
        }
        return Allocation(units: shares, unallocated: unallocated)
      }
    }
  }
}

extension Allocation {
  /// An allocation of whole units counted in machine integers.
  init(units shares: UnsafeMutableBufferPointer<Int64>, unallocated: Int64) {
    var exact: [Rational] = []
    exact.reserveCapacity(shares.count)
    for share in shares { exact.append(Rational(Int(share))) }
    self.init(shares: exact, unallocated: Rational(Int(unallocated)))
  }
}
