/// One debt as the schedule runs it. Amounts are in minor units (pence), so
/// the arithmetic stays on whole numbers.
struct ScheduleEntry {
  /// The debt's position in `household.debts`.
  let debt: Int
  let id: String
  /// Arrears for a priority debt, the balance otherwise.
  let balance: Rational
  /// The monthly payment: a priority offer or a plan allocation.
  let payment: Rational
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

/// A whole number of minor units as the schedule counts them.
///
/// The schedule runs first on machine integers (`Int64`), which never
/// allocate; any overflow abandons that run and the same loop runs again on
/// exact rationals, so the figures never depend on which one finished.
protocol MinorUnits: Comparable {
  static var zero: Self { get }
  /// The units of `value` (a whole number); throws when this representation cannot hold it.
  init(units value: Rational) throws(MinorUnitsOverflow)
  /// The exact value.
  var rational: Rational { get }
  /// Whether the amount is above zero.
  var isPositive: Bool { get }
  static func plus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self
  static func minus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self
  /// `self × rate`, rounded to a whole unit by `mode` (SPEC R4).
  func interest(at rate: Rational, _ mode: RoundingMode) throws(MinorUnitsOverflow) -> Self
}

/// A schedule figure outgrew machine integers.
struct MinorUnitsOverflow: Error {}

extension Int64: MinorUnits {
  init(units value: Rational) throws(MinorUnitsOverflow) {
    guard let (n, d) = value.machineParts, d == 1 else { throw MinorUnitsOverflow() }
    self = n
  }

  var rational: Rational { Rational(Int(self)) }
  var isPositive: Bool { self > 0 }

  static func plus(_ a: Int64, _ b: Int64) throws(MinorUnitsOverflow) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { throw MinorUnitsOverflow() }
    return sum
  }

  static func minus(_ a: Int64, _ b: Int64) throws(MinorUnitsOverflow) -> Int64 {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    if overflow { throw MinorUnitsOverflow() }
    return difference
  }

  func interest(at rate: Rational, _ mode: RoundingMode) throws(MinorUnitsOverflow) -> Int64 {
    guard let (n, d) = rate.machineParts else { throw MinorUnitsOverflow() }
    let (product, overflow) = multipliedReportingOverflow(by: n)
    if overflow { throw MinorUnitsOverflow() }
    return Rational.roundedQuotient(product, d, mode)
  }
}

extension Rational: MinorUnits {
  init(units value: Rational) { self = value }
  var rational: Rational { self }
  var isPositive: Bool { signum > 0 }
  static func plus(_ a: Rational, _ b: Rational) -> Rational { a + b }
  static func minus(_ a: Rational, _ b: Rational) -> Rational { a - b }
  func interest(at rate: Rational, _ mode: RoundingMode) -> Rational { (self * rate).rounded(mode) }
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
    do throws(MinorUnitsOverflow) {
      if options.rationalSchedulesOnly { throw MinorUnitsOverflow() }
      return try simulate(
        entries, as: Int64.self, redistributing: pot, horizon: horizon, recordRows: recordRows)
    } catch {
      return try! simulate(
        entries, as: Rational.self, redistributing: pot, horizon: horizon, recordRows: recordRows)
    }
  }

  /// The schedule loop, on one representation of minor units.
  func simulate<Units: MinorUnits>(
    _ entries: [ScheduleEntry], as: Units.Type, redistributing pot: Rational?, horizon: Int, recordRows: Bool
  ) throws(MinorUnitsOverflow) -> ScheduleRun {
    var balances: [Units] = []
    var payments: [Units] = []
    balances.reserveCapacity(entries.count)
    payments.reserveCapacity(entries.count)
    for entry in entries {
      balances.append(try Units(units: entry.balance))
      payments.append(try Units(units: entry.payment))
    }
    var run = ScheduleRun()
    var totalInterest = Units.zero
    let potUnits = try pot.map { pot throws(MinorUnitsOverflow) in try Units(units: toUnits(pot)) }
    var clearedOffers = Units.zero
    var owing = 0
    for balance in balances where balance.isPositive { owing += 1 }
    var period = 0
    while owing > 0 && period < horizon {
      period += 1
      var paidAny = false
      var clearedAny = false
      for index in entries.indices where balances[index].isPositive {
        var interest = Units.zero
        if entries[index].monthlyRate.signum > 0 {
          interest = try balances[index].interest(at: entries[index].monthlyRate, figures.interestRounding)
          balances[index] = try .plus(balances[index], interest)
          totalInterest = try .plus(totalInterest, interest)
        }
        let payment = min(payments[index], balances[index])
        balances[index] = try .minus(balances[index], payment)
        if payment.isPositive { paidAny = true }
        if balances[index] == .zero {
          clearedAny = true
          owing -= 1
          run.clears.append((entries[index].id, period))
          if entries[index].isPriority { clearedOffers = try .plus(clearedOffers, payments[index]) }
        }
        if recordRows {
          run.rows.append(
            ScheduleRow(
              period: period, date: household.asOf.adding(months: period), debt: entries[index].id,
              interest: fromUnits(interest.rational), payment: fromUnits(payment.rational),
              balanceAfter: fromUnits(balances[index].rational)))
        }
      }
      if paidAny { run.termMonths = period }
      if clearedAny, let potUnits {
        try redistribute(
          try .plus(potUnits, clearedOffers), over: entries, balances: balances, payments: &payments)
      }
    }
    run.totalInterest = fromUnits(totalInterest.rational)
    for (entry, balance) in zip(entries, balances) where balance.isPositive {
      run.stillOwing.append((entry.id, fromUnits(balance.rational)))
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
  private func redistribute<Units: MinorUnits>(
    _ pot: Units, over entries: [ScheduleEntry], balances: [Units], payments: inout [Units]
  ) throws(MinorUnitsOverflow) {
    let open = entries.indices.filter { !entries[$0].isPriority && balances[$0].isPositive }
    guard !open.isEmpty,
      let allocation = try? Allocation.split(
        pot.rational,
        weights: open.map { weight(household.debts[entries[$0].debt], balance: balances[$0].rational) },
        ids: open.map { entries[$0].id },
        minimum: toUnits(figures.minPayment),
        caps: open.map { balances[$0].rational })
    else { return }
    for (index, share) in zip(open, allocation.shares) { payments[index] = try Units(units: share) }
  }
}
