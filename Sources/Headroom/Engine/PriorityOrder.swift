extension Assessor {
  /// Every debt in the order it is dealt with (SPEC §6): priority debts by
  /// (rank, stage descending, arrears descending, balance descending, id),
  /// then non-priority debts by (balance descending, id). Ids compare by
  /// Unicode code points.
  func priorityOrder() -> [Debt] {
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
    var order: [Debt] = []
    order.reserveCapacity(debts.count)
    for entry in priority { order.append(debts[entry.index]) }
    for index in others { order.append(debts[index]) }
    return order
  }
}
