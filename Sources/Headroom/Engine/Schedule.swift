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

/// An amount of minor units as the schedule counts them: in steps of
/// 1/`scale` of a unit, so that amounts with fractions of a penny (a weekly
/// court-ordered instalment is 52/12 of itself a month) stay exact too.
///
/// The schedule runs first on machine integers (`Int64`, then `Int128`),
/// which never allocate; an overflow abandons that run and the same loop runs
/// again on the next, exact rationals last, so the figures never depend on
/// which one finished.
protocol MinorUnits: Comparable {
  static var zero: Self { get }
  /// `value` units, counted in steps of 1/`scale`; throws when this
  /// representation cannot hold it.
  init(_ value: Rational, scale: Int64) throws(MinorUnitsOverflow)
  /// The exact number of units.
  func units(scale: Int64) -> Rational
  /// Whether the amount is above zero.
  var isPositive: Bool { get }
  static func plus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self
  static func minus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self
  /// `self × rate`, rounded to a whole unit by `mode` (SPEC R4).
  func interest(at rate: Rational, scale: Int64, _ mode: RoundingMode) throws(MinorUnitsOverflow) -> Self
  /// `self × count`.
  func times(_ count: Int) throws(MinorUnitsOverflow) -> Self
  /// How many payments of `payment` (above zero) it takes to pay off `self`:
  /// ⌈self / payment⌉, or `limit` if that is more.
  func paymentsToClear(paying payment: Self, limit: Int) -> Int
}

/// A schedule figure outgrew machine integers.
struct MinorUnitsOverflow: Error {}

extension MinorUnits where Self: FixedWidthInteger & SignedInteger {
  var isPositive: Bool { self > 0 }

  static func plus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { throw MinorUnitsOverflow() }
    return sum
  }

  static func minus(_ a: Self, _ b: Self) throws(MinorUnitsOverflow) -> Self {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    if overflow { throw MinorUnitsOverflow() }
    return difference
  }

  func interest(at rate: Rational, scale: Int64, _ mode: RoundingMode) throws(MinorUnitsOverflow) -> Self {
    // (self / scale) × (n / d) units, rounded, then counted in steps again.
    guard let (n, d) = rate.machineParts else { throw MinorUnitsOverflow() }
    let (product, o1) = multipliedReportingOverflow(by: Self(n))
    let (divisor, o2) = Self(d).multipliedReportingOverflow(by: Self(scale))
    if o1 || o2 { throw MinorUnitsOverflow() }
    let (steps, o3) = Rational.roundedQuotient(product, divisor, mode).multipliedReportingOverflow(
      by: Self(scale))
    if o3 { throw MinorUnitsOverflow() }
    return steps
  }

  func times(_ count: Int) throws(MinorUnitsOverflow) -> Self {
    let (product, overflow) = multipliedReportingOverflow(by: Self(count))
    if overflow { throw MinorUnitsOverflow() }
    return product
  }

  func paymentsToClear(paying payment: Self, limit: Int) -> Int {
    let (whole, rest) = quotientAndRemainder(dividingBy: payment)
    let count = rest == 0 ? whole : whole + 1
    return count >= Self(limit) ? limit : Int(count)
  }
}

/// The fast path: whole steps in a machine word.
extension Int64: MinorUnits {
  init(_ value: Rational, scale: Int64) throws(MinorUnitsOverflow) {
    guard let (n, d) = value.machineParts, scale % d == 0 else { throw MinorUnitsOverflow() }
    let (steps, overflow) = n.multipliedReportingOverflow(by: scale / d)
    if overflow { throw MinorUnitsOverflow() }
    self = steps
  }

  func units(scale: Int64) -> Rational { Rational(Int(self), Int(scale)) }
}

/// The second tier: a debt whose interest outruns its payment for 600 months
/// can pass Int64 (64 % a year multiplies a balance by about 3 × 10^13) and
/// still fit 128 bits.
extension Int128: MinorUnits {
  init(_ value: Rational, scale: Int64) throws(MinorUnitsOverflow) {
    self = Int128(try Int64(value, scale: scale))
  }

  func units(scale: Int64) -> Rational {
    if let small = Int(exactly: self) { return Rational(small, Int(scale)) }
    return Rational(String(self))! / Rational(Int(scale))
  }
}

extension Rational: MinorUnits {
  init(_ value: Rational, scale: Int64) { self = value * Rational(Int(scale)) }
  func units(scale: Int64) -> Rational { self / Rational(Int(scale)) }
  var isPositive: Bool { signum > 0 }
  static func plus(_ a: Rational, _ b: Rational) -> Rational { a + b }
  static func minus(_ a: Rational, _ b: Rational) -> Rational { a - b }
  func interest(at rate: Rational, scale: Int64, _ mode: RoundingMode) -> Rational {
    let step = Rational(Int(scale))
    return (self / step * rate).rounded(mode) * step
  }
  func times(_ count: Int) -> Rational { self * Rational(count) }
  func paymentsToClear(paying payment: Rational, limit: Int) -> Int {
    let count = (self / payment).ceiling()
    return count >= Rational(limit) ? limit : count.exactInt!
  }
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
    let potUnits = pot.map(toUnits)
    if !options.rationalSchedulesOnly, let scale = Self.commonScale(entries, pot: potUnits) {
      do throws(MinorUnitsOverflow) {
        return try simulate(
          entries, as: Int64.self, scale: scale, redistributing: potUnits, horizon: horizon,
          recordRows: recordRows)
      } catch {}
      do throws(MinorUnitsOverflow) {
        return try simulate(
          entries, as: Int128.self, scale: scale, redistributing: potUnits, horizon: horizon,
          recordRows: recordRows)
      } catch {}
    }
    return try! simulate(
      entries, as: Rational.self, scale: 1, redistributing: potUnits, horizon: horizon, recordRows: recordRows
    )
  }

  /// The least common denominator of every amount the schedule starts from
  /// (1 when all are whole units), or nil when it is past machine integers
  /// or large enough that the run would soon overflow them.
  static func commonScale(_ entries: [ScheduleEntry], pot: Rational?) -> Int64? {
    var scale: Int64 = 1
    func include(_ amount: Rational) -> Bool {
      guard let (_, d) = amount.machineParts else { return false }
      if scale % d == 0 { return true }
      var (a, b) = (scale, d)
      while b != 0 { (a, b) = (b, a % b) }
      let (lcm, overflow) = (scale / a).multipliedReportingOverflow(by: d)
      guard !overflow, lcm <= 1 << 20 else { return false }
      scale = lcm
      return true
    }
    for entry in entries {
      guard include(entry.balance), include(entry.payment) else { return nil }
    }
    if let pot, !include(pot) { return nil }
    return scale
  }

  /// The schedule loop, on one representation of minor units.
  func simulate<Units: MinorUnits>(
    _ entries: [ScheduleEntry], as: Units.Type, scale: Int64, redistributing potUnits: Rational?,
    horizon: Int,
    recordRows: Bool
  ) throws(MinorUnitsOverflow) -> ScheduleRun {
    let count = entries.count
    var balances: [Units] = []
    var payments: [Units] = []
    var rates: [Rational] = []
    var accrues: [Bool] = []
    var isPriority: [Bool] = []
    balances.reserveCapacity(count)
    payments.reserveCapacity(count)
    rates.reserveCapacity(count)
    accrues.reserveCapacity(count)
    isPriority.reserveCapacity(count)
    for entry in entries {
      balances.append(try Units(entry.balance, scale: scale))
      payments.append(try Units(entry.payment, scale: scale))
      rates.append(entry.monthlyRate)
      accrues.append(entry.monthlyRate.signum > 0)
      isPriority.append(entry.isPriority)
    }
    func major(_ amount: Units) -> Rational { fromUnits(amount.units(scale: scale)) }
    var run = ScheduleRun()
    var totalInterest = Units.zero
    let pot = try potUnits.map { pot throws(MinorUnitsOverflow) in try Units(pot, scale: scale) }
    var clearedOffers = Units.zero
    var cleared: [(entry: Int, month: Int)] = []
    var owing = 0
    for balance in balances where balance.isPositive { owing += 1 }
    var period = 0
    while owing > 0 && period < horizon {
      if !recordRows {
        // While no debt still owing accrues interest, every month until the
        // next one clears repeats the last: jump to the month before it.
        var next = horizon - period
        var accruing = false
        var paying = false
        for index in 0..<count where balances[index].isPositive {
          if accrues[index] {
            accruing = true
            break
          }
          if payments[index].isPositive {
            paying = true
            next = min(next, balances[index].paymentsToClear(paying: payments[index], limit: next))
          }
        }
        if !accruing {
          if !paying { break }  // nothing will change again before the horizon
          let repeats = next - 1
          if repeats > 0 {
            for index in 0..<count where balances[index].isPositive && payments[index].isPositive {
              balances[index] = try .minus(balances[index], payments[index].times(repeats))
            }
            period += repeats
            run.termMonths = period
          }
        }
      }
      period += 1
      var paidAny = false
      var clearedAny = false
      for index in 0..<count where balances[index].isPositive {
        var balance = balances[index]
        var interest = Units.zero
        if accrues[index] {
          interest = try balance.interest(at: rates[index], scale: scale, figures.interestRounding)
          balance = try .plus(balance, interest)
          totalInterest = try .plus(totalInterest, interest)
        }
        let payment = min(payments[index], balance)
        balance = try .minus(balance, payment)
        balances[index] = balance
        if payment.isPositive { paidAny = true }
        if !balance.isPositive {
          clearedAny = true
          owing -= 1
          cleared.append((index, period))
          if isPriority[index] { clearedOffers = try .plus(clearedOffers, payments[index]) }
        }
        if recordRows {
          run.rows.append(
            ScheduleRow(
              period: period, date: household.asOf.adding(months: period), debt: entries[index].id,
              interest: major(interest), payment: major(payment), balanceAfter: major(balance)))
        }
      }
      if paidAny { run.termMonths = period }
      if clearedAny, let pot {
        try redistribute(
          try .plus(pot, clearedOffers), scale: scale, over: entries, balances: balances, payments: &payments)
      }
    }
    run.totalInterest = major(totalInterest)
    for index in 0..<count where balances[index].isPositive {
      run.stillOwing.append((entries[index].id, major(balances[index])))
    }
    // By month, then by position in `order` (the entries' order).
    cleared.sort { a, b in a.month != b.month ? a.month < b.month : a.entry < b.entry }
    run.clears = cleared.map { (entries[$0.entry].id, $0.month) }
    return run
  }

  /// Re-splits `pot` (minor units) over the plan debts still owing, weighted
  /// by their current balances (or contractual payments), capped at those balances.
  private func redistribute<Units: MinorUnits>(
    _ pot: Units, scale: Int64, over entries: [ScheduleEntry], balances: [Units], payments: inout [Units]
  ) throws(MinorUnitsOverflow) {
    let open = entries.indices.filter { !entries[$0].isPriority && balances[$0].isPositive }
    guard !open.isEmpty,
      let allocation = try? Allocation.split(
        pot.units(scale: scale),
        weights: open.map {
          weight(household.debts[entries[$0].debt], balance: balances[$0].units(scale: scale))
        },
        ids: open.map { entries[$0].id },
        minimum: toUnits(figures.minPayment),
        caps: open.map { balances[$0].units(scale: scale) })
    else { return }
    for (index, share) in zip(open, allocation.shares) { payments[index] = try Units(share, scale: scale) }
  }
}
