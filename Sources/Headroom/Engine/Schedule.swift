/// One debt as the schedule runs it.
struct ScheduleEntry {
  let debt: Debt
  /// Arrears for a priority debt, the balance otherwise.
  var balance: Rational
  /// The monthly payment: a priority offer or a plan allocation.
  var payment: Rational
  /// Annual rate / 12; zero when interest is frozen.
  let monthlyRate: Rational
  let isPriority: Bool
}

/// What a schedule run found.
struct ScheduleRun {
  var clears: [(debt: String, month: Int)] = []
  var termMonths: Int?
  var totalInterest = Rational.zero
  var stillOwing: [(debt: String, balance: Rational)] = []
  var rows: [ScheduleRow] = []
}

extension Assessor {
  /// Runs the month-by-month schedule of SPEC §5.3.
  ///
  /// - Parameters:
  ///   - entries: priority debts before plan debts, each in `order`.
  ///   - pot: the original non-priority pot when redistribution is on, else nil.
  ///   - horizon: the most periods to run.
  func runSchedule(_ entries: [ScheduleEntry], redistributing pot: Rational?, horizon: Int, recordRows: Bool)
    -> ScheduleRun
  {
    var entries = entries
    var run = ScheduleRun()
    var clearedOffers = Rational.zero
    var owing = entries.filter { $0.balance.signum > 0 }.count
    var period = 0
    while owing > 0 && period < horizon {
      period += 1
      var paidAny = false
      var clearedAny = false
      for index in entries.indices where entries[index].balance.signum > 0 {
        var entry = entries[index]
        var interest = Rational.zero
        if entry.monthlyRate.signum > 0 {
          interest = minor(entry.balance * entry.monthlyRate, figures.interestRounding)
          entry.balance += interest
          run.totalInterest += interest
        }
        let payment = min(entry.payment, entry.balance)
        entry.balance -= payment
        if payment.signum > 0 { paidAny = true }
        if entry.balance.signum == 0 {
          clearedAny = true
          owing -= 1
          run.clears.append((entry.debt.id, period))
          if entry.isPriority { clearedOffers += entry.payment }
        }
        if recordRows {
          run.rows.append(
            ScheduleRow(
              period: period, date: household.asOf.adding(months: period), debt: entry.debt.id,
              interest: interest, payment: payment, balanceAfter: entry.balance))
        }
        entries[index] = entry
      }
      if paidAny { run.termMonths = period }
      if clearedAny, let pot { redistribute(pot + clearedOffers, over: &entries) }
    }
    run.stillOwing = entries.filter { $0.balance.signum > 0 }.map { ($0.debt.id, $0.balance) }
    let position = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.debt.id, $0) })
    run.clears.sort { a, b in
      a.month != b.month ? a.month < b.month : orderIndex(a.debt, position) < orderIndex(b.debt, position)
    }
    return run
  }

  /// Re-splits `pot` over the plan debts still owing, weighted by their
  /// current balances (or contractual payments), capped at those balances.
  private func redistribute(_ pot: Rational, over entries: inout [ScheduleEntry]) {
    let open = entries.indices.filter { !entries[$0].isPriority && entries[$0].balance.signum > 0 }
    guard !open.isEmpty,
      let allocation = split(
        pot, over: open.map { entries[$0].debt }, balances: open.map { entries[$0].balance })
    else { return }
    for (index, share) in zip(open, allocation.shares) { entries[index].payment = fromUnits(share) }
  }

  /// A debt's position in `order` (priority entries come first there too).
  private func orderIndex(_ id: String, _ position: [String: Int]) -> Int { position[id] ?? Int.max }
}
