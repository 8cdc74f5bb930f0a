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
    var priority: [(index: Int, rank: Int)] = []
    var others: [Int] = []
    priority.reserveCapacity(debts.count)
    others.reserveCapacity(debts.count)
    for index in debts.indices {
      if let kind = priorityKinds[index] { priority.append((index, kind.rank)) } else { others.append(index) }
    }
    priority.sort { x, y in
      if x.rank != y.rank { return x.rank < y.rank }
      let (a, b) = (x.index, y.index)
      if debts[a].stage != debts[b].stage { return debts[a].stage > debts[b].stage }
      if debts[a].arrears != debts[b].arrears { return debts[a].arrears > debts[b].arrears }
      if debts[a].balance != debts[b].balance { return debts[a].balance > debts[b].balance }
      return idPrecedes(a, b)
    }
    others.sort { a, b in
      if debts[a].balance != debts[b].balance { return debts[a].balance > debts[b].balance }
      return idPrecedes(a, b)
    }
    var positions: [Int] = []
    positions.reserveCapacity(debts.count)
    for entry in priority { positions.append(entry.index) }
    positions += others
    return DebtOrder(debts: debts, positions: positions)
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
