/// The engine's tie-break for its splits by balance (SPEC §5.2): the larger
/// balance first, then the lower id in code-point order, then the earlier
/// position, as `Allocation.split` orders shares.
struct BalanceThenID<IDs: ShareIDs>: ShareTieBreak {
  let balances: UnsafeBufferPointer<Int64>
  let ids: IDs

  func precedes(_ a: Int, _ b: Int) -> Bool {
    if balances[a] != balances[b] { return balances[a] > balances[b] }
    if ids.precedes(a, b) { return true }
    if ids.precedes(b, a) { return false }
    return a < b
  }
}

/// The ids of the shares of a split, by index.
protocol ShareIDs {
  /// Whether share `a`'s id comes before share `b`'s (`UnitsSplit.precedes`).
  func precedes(_ a: Int, _ b: Int) -> Bool
}

/// The ids of debts at positions in a priority order.
struct OrderIDs: ShareIDs {
  let order: DebtOrder
  let positions: UnsafeBufferPointer<Int>

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
