/// One debt as the schedule runs it. Amounts are in minor units (pence), so
/// the arithmetic stays on whole numbers, the cheapest path of `Rational`.
struct ScheduleEntry {
  /// The debt's position in `household.debts`.
  let debt: Int
  let id: String
  /// Arrears for a priority debt, the balance otherwise.
  var balance: Rational
  /// The monthly payment: a priority offer or a plan allocation.
  var payment: Rational
  /// Annual rate / 12; zero when interest is frozen.
  let monthlyRate: Rational
  let isPriority: Bool
}

/// What a schedule run found, in major units.
struct ScheduleRun {
  var clears: [(debt: String, month: Int)] = []
  var termMonths: Int?
  var totalInterest = Rational.zero
  var stillOwing: [(debt: String, balance: Rational)] = []
  var rows: [ScheduleRow] = []
}

extension Assessor {
  /// A schedule entry for debt number `index`, from major-unit amounts.
  func scheduleEntry(_ index: Int, balance: Rational, payment: Rational, isPriority: Bool) -> ScheduleEntry {
    let debt = household.debts[index]
    let frozen = isPriority || debt.interestFrozen || figures.freezeInterest
    return ScheduleEntry(
      debt: index, id: debt.id, balance: toUnits(balance), payment: toUnits(payment),
      monthlyRate: frozen ? .zero : debt.annualInterestRate / 12, isPriority: isPriority)
  }

  /// Runs the month-by-month schedule of SPEC §5.3.
  ///
  /// - Parameters:
  ///   - entries: priority debts before plan debts, each in `order`.
  ///   - pot: the original non-priority pot (major units) when redistribution is on, else nil.
  ///   - horizon: the most periods to run.
  func runSchedule(_ entries: [ScheduleEntry], redistributing pot: Rational?, horizon: Int, recordRows: Bool)
    -> ScheduleRun
  {
    var entries = entries
    var run = ScheduleRun()
    var totalInterest = Rational.zero
    let potUnits = pot.map(toUnits)
    var clearedOffers = Rational.zero
    var owing = 0
    for entry in entries where entry.balance.signum > 0 { owing += 1 }
    var period = 0
    while owing > 0 && period < horizon {
      period += 1
      var paidAny = false
      var clearedAny = false
      for index in entries.indices where entries[index].balance.signum > 0 {
        var interest = Rational.zero
        if entries[index].monthlyRate.signum > 0 {
          interest = (entries[index].balance * entries[index].monthlyRate).rounded(figures.interestRounding)
          entries[index].balance += interest
          totalInterest += interest
        }
        let payment = min(entries[index].payment, entries[index].balance)
        entries[index].balance -= payment
        if payment.signum > 0 { paidAny = true }
        if entries[index].balance.signum == 0 {
          clearedAny = true
          owing -= 1
          run.clears.append((entries[index].id, period))
          if entries[index].isPriority { clearedOffers += entries[index].payment }
        }
        if recordRows {
          run.rows.append(
            ScheduleRow(
              period: period, date: household.asOf.adding(months: period), debt: entries[index].id,
              interest: fromUnits(interest), payment: fromUnits(payment),
              balanceAfter: fromUnits(entries[index].balance)))
        }
      }
      if paidAny { run.termMonths = period }
      if clearedAny, let potUnits { redistribute(potUnits + clearedOffers, over: &entries) }
    }
    run.totalInterest = fromUnits(totalInterest)
    for entry in entries where entry.balance.signum > 0 {
      run.stillOwing.append((entry.id, fromUnits(entry.balance)))
    }
    if run.clears.count > 1 {
      // By month, then by position in `order` (the entries' order).
      var position: [String: Int] = [:]
      for (index, entry) in entries.enumerated() { position[entry.id] = index }
      run.clears.sort { a, b in a.month != b.month ? a.month < b.month : position[a.debt]! < position[b.debt]!
      }
    }
    return run
  }

  /// Re-splits `pot` (minor units) over the plan debts still owing, weighted
  /// by their current balances (or contractual payments), capped at those balances.
  private func redistribute(_ pot: Rational, over entries: inout [ScheduleEntry]) {
    let open = entries.indices.filter { !entries[$0].isPriority && entries[$0].balance.signum > 0 }
    guard !open.isEmpty,
      let allocation = try? Allocation.split(
        pot,
        weights: open.map { weight(household.debts[entries[$0].debt], balance: entries[$0].balance) },
        ids: open.map { entries[$0].id },
        minimum: toUnits(figures.minPayment),
        caps: open.map { entries[$0].balance })
    else { return }
    for (index, share) in zip(open, allocation.shares) { entries[index].payment = share }
  }
}
