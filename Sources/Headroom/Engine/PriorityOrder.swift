extension Assessor {
  /// Every debt in the order it is dealt with (SPEC §6): priority debts by
  /// (rank, stage descending, arrears descending, balance descending, id),
  /// then non-priority debts by (balance descending, id). Ids compare by
  /// Unicode code points.
  func priorityOrder() -> [Debt] {
    let ranks = figures.priorityKinds
    func idPrecedes(_ a: Debt, _ b: Debt) -> Bool { a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
    let priority = household.debts.filter { ranks[$0.kind] != nil }.sorted { a, b in
      let (ra, rb) = (ranks[a.kind]!.rank, ranks[b.kind]!.rank)
      if ra != rb { return ra < rb }
      if a.stage != b.stage { return a.stage > b.stage }
      if a.arrears != b.arrears { return a.arrears > b.arrears }
      if a.balance != b.balance { return a.balance > b.balance }
      return idPrecedes(a, b)
    }
    let others = household.debts.filter { ranks[$0.kind] == nil }.sorted { a, b in
      if a.balance != b.balance { return a.balance > b.balance }
      return idPrecedes(a, b)
    }
    return priority + others
  }
}
