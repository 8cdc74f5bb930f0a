extension Assessor {
  /// Every debt in the order it is dealt with (SPEC §6): priority debts by
  /// (rank, stage descending, arrears descending, balance descending, id),
  /// then non-priority debts by (balance descending, id). Ids compare by
  /// Unicode code points.
  func priorityOrder() -> DebtOrder {
    let debts = household.debts
    func idPrecedes(_ a: Int, _ b: Int) -> Bool {
      debts[a].id.utf8.lexicographicallyPrecedes(debts[b].id.utf8)
    }
    // One array, each part sorted in place: no separate lists to make and
    // free. Locals, not properties: a comparator reading `self` copied the
    // whole Assessor; and a buffer, not `positions[range]`, whose slice copies.
    let shared = sharedFigures
    /// The rank of the priority debt at `index`.
    func rank(_ index: Int) -> Int { shared.figures.priorityKind(ofDebtAt: index, in: debts)!.rank }
    let split = priorityCount
    var positions: [Int] = []
    positions.reserveCapacity(debts.count)
    for index in debts.indices where isPriority(at: index) { positions.append(index) }
    for index in debts.indices where !isPriority(at: index) { positions.append(index) }
    positions.withUnsafeMutableBufferPointer { all in
      let priority = UnsafeMutableBufferPointer(rebasing: all[..<split])
      sortInPlace(priority) { a, b in
        let (x, y) = (rank(a), rank(b))
        if x != y { return x < y }
        if debts[a].stage != debts[b].stage { return debts[a].stage > debts[b].stage }
        if debts[a].arrears != debts[b].arrears { return debts[a].arrears > debts[b].arrears }
        if debts[a].balance != debts[b].balance { return debts[a].balance > debts[b].balance }
        return idPrecedes(a, b)
      }
      let others = UnsafeMutableBufferPointer(rebasing: all[split...])
      sortInPlace(others) { a, b in
        if debts[a].balance != debts[b].balance { return debts[a].balance > debts[b].balance }
        return idPrecedes(a, b)
      }
    }
    return DebtOrder(debts: debts, positions: positions)
  }
}

/// Sorts `items` stably by `precedes`: by insertion for the handful of debts
/// a household has (no sort machinery to set up), else by the standard
/// library's sort, which is stable too, so the order is the same either way.
@inline(__always)
func sortInPlace(_ items: UnsafeMutableBufferPointer<Int>, by precedes: (Int, Int) -> Bool) {
  guard items.count <= 32 else {
    var items = items
    items.sort(by: precedes)
    return
  }
  for next in items.indices.dropFirst() {
    let item = items[next]
    var at = next
    while at > 0 && precedes(item, items[at - 1]) {
      items[at] = items[at - 1]
      at -= 1
    }
    items[at] = item
  }
}

/// Debts in the order they are dealt with, as positions in the household's
/// debts: each is read in place through the order, never copied into it.
struct DebtOrder: RandomAccessCollection {
  typealias Indices = Range<Int>

  let debts: [Debt]
  /// The position in `debts` of each debt, in order.
  let positions: [Int]

  var startIndex: Int { 0 }
  var endIndex: Int { positions.count }

  subscript(k: Int) -> Debt {
    _read { yield debts[positions[k]] }
  }
}
