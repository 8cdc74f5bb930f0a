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

/// How a schedule run on one representation of minor units ended.
enum ScheduleOutcome<Units: MinorUnits> {
  case finished(ScheduleRun)
  /// A figure outgrew `Units` while a debt was being stepped; a wider
  /// representation can go on from this progress.
  case outgrown(ScheduleProgress<Units>)
}

/// Everything a schedule run carries from one debt's step to the next, just
/// before the step that outgrew its representation.
struct ScheduleProgress<Units: MinorUnits> {
  var balances: [Units]
  var payments: [Units]
  var totalInterest: Units
  /// The payments of the priority debts cleared so far, for redistribution.
  var clearedOffers: Units
  /// The month each entry cleared in; 0 while it owes.
  var clearedIn: [Int]
  /// The month under way, and the entry to step next in it.
  var period: Int
  var next: Int
  /// Whether any debt stepped so far this month was paid, or cleared.
  var paidAny: Bool
  var clearedAny: Bool
  var run: ScheduleRun

  /// The same progress on another representation: `widen` must keep each amount exact.
  func converted<Wider: MinorUnits>(_ widen: (Units) -> Wider) -> ScheduleProgress<Wider> {
    ScheduleProgress<Wider>(
      balances: balances.map(widen), payments: payments.map(widen), totalInterest: widen(totalInterest),
      clearedOffers: widen(clearedOffers), clearedIn: clearedIn, period: period, next: next, paidAny: paidAny,
      clearedAny: clearedAny, run: run)
  }
}

extension Assessor {
  /// A schedule entry for debt number `index`, from major-unit amounts.
  func scheduleEntry(_ index: Int, balance: Rational, payment: Rational, isPriority: Bool) -> ScheduleEntry {
    // Fields read in place: binding the Debt would copy it. A zero rate skips
    // the Rational division: 0 / 12 is zero all the same. The rate is read
    // in place too: bound, it was copied and destroyed an entry.
    let frozen =
      isPriority || household.debts[index].interestFrozen || figures.freezeInterest
      || household.debts[index].annualInterestRate.signum == 0
    return ScheduleEntry(
      debt: index, id: household.debts[index].id, balance: toUnits(balance), payment: toUnits(payment),
      monthlyRate: frozen ? .zero : household.debts[index].annualInterestRate / 12, isPriority: isPriority)
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
    entries.withUnsafeBufferPointer {
      runSchedule($0, redistributing: pot, horizon: horizon, recordRows: recordRows)
    }
  }

  /// As `runSchedule(_:redistributing:horizon:recordRows:)`, over entries in a buffer.
  func runSchedule(
    _ entries: UnsafeBufferPointer<ScheduleEntry>, redistributing pot: Rational?, horizon: Int,
    recordRows: Bool
  ) -> ScheduleRun {
    // Not `pot.map(toUnits)`: partially applying a method copies the whole Assessor.
    let potUnits = pot.map { toUnits($0) }
    guard !options.rationalSchedulesOnly, let scale = Self.commonScale(entries, pot: potUnits) else {
      return runExactly(
        entries, redistributing: potUnits, horizon: horizon, recordRows: recordRows, from: nil)
    }
    // Without rows, debt by debt on machine integers, else exactly.
    if !recordRows && !options.monthByMonthSchedules {
      if let run = runByDebt(entries, scale: scale, redistributing: potUnits, horizon: horizon) { return run }
      return runExactly(entries, redistributing: potUnits, horizon: horizon, recordRows: false, from: nil)
    }
    // A run that outgrows a tier while stepping a debt goes on from there on
    // the next; one that outgrows it anywhere else starts over on it.
    do throws(MinorUnitsOverflow) {
      switch try simulate(
        entries, as: Int64.self, scale: scale, redistributing: potUnits, horizon: horizon,
        recordRows: recordRows, from: nil)
      {
      case .finished(let run): return run
      case .outgrown(let progress):
        return runWide(
          entries, scale: scale, redistributing: potUnits, horizon: horizon, recordRows: recordRows,
          from: progress.converted { Int128($0) })
      }
    } catch {
      return runWide(
        entries, scale: scale, redistributing: potUnits, horizon: horizon, recordRows: recordRows, from: nil)
    }
  }

  /// The schedule on `Int128` from `start` (nil: from month 1), going on in
  /// exact rationals if it outgrows those too.
  private func runWide(
    _ entries: UnsafeBufferPointer<ScheduleEntry>, scale: Int64, redistributing potUnits: Rational?,
    horizon: Int,
    recordRows: Bool, from start: ScheduleProgress<Int128>?
  ) -> ScheduleRun {
    do throws(MinorUnitsOverflow) {
      switch try simulate(
        entries, as: Int128.self, scale: scale, redistributing: potUnits, horizon: horizon,
        recordRows: recordRows, from: start)
      {
      case .finished(let run): return run
      case .outgrown(let progress):
        return runExactly(
          entries, redistributing: potUnits, horizon: horizon, recordRows: recordRows,
          from: progress.converted { $0.units(scale: scale) })
      }
    } catch {
      return runExactly(
        entries, redistributing: potUnits, horizon: horizon, recordRows: recordRows, from: nil)
    }
  }

  /// The schedule in exact rationals (whole units, scale 1) from `start` (nil: from month 1).
  private func runExactly(
    _ entries: UnsafeBufferPointer<ScheduleEntry>, redistributing potUnits: Rational?, horizon: Int,
    recordRows: Bool,
    from start: ScheduleProgress<Rational>?
  ) -> ScheduleRun {
    // Rationals never overflow: `try!` and `.outgrown` cannot happen.
    switch try! simulate(
      entries, as: Rational.self, scale: 1, redistributing: potUnits, horizon: horizon,
      recordRows: recordRows, from: start)
    {
    case .finished(let run): return run
    case .outgrown: preconditionFailure("exact rationals cannot overflow")
    }
  }

  /// The least common denominator of every amount the schedule starts from
  /// (1 when all are whole units), or nil when it is past machine integers
  /// or large enough that the run would soon overflow them.
  static func commonScale(_ entries: UnsafeBufferPointer<ScheduleEntry>, pot: Rational?) -> Int64? {
    var common = CommonDenominator(limit: 1 << 20)
    for index in entries.indices {
      guard common.include(entries[index].balance), common.include(entries[index].payment) else { return nil }
    }
    if let pot, !common.include(pot) { return nil }
    return common.value
  }

  /// The schedule loop, on one representation of minor units, from the
  /// start or from where a narrower one left off.
  ///
  /// Returns `.outgrown` when a figure outgrows `Units` while a debt is
  /// stepped (the progress stops just before that debt); throws when one
  /// outgrows it anywhere else.
  func simulate<Units: MinorUnits>(
    _ entries: UnsafeBufferPointer<ScheduleEntry>, as: Units.Type, scale: Int64,
    redistributing potUnits: Rational?,
    horizon: Int, recordRows: Bool, from start: ScheduleProgress<Units>?
  ) throws(MinorUnitsOverflow) -> ScheduleOutcome<Units> {
    let count = entries.count
    // Plain buffers, in one allocation: the month loop is the engine's hottest code.
    let buffers = ScheduleBuffers<Units>(count: count)
    defer { buffers.release() }
    let balances = buffers.balances
    let payments = buffers.payments
    let rates = buffers.rates
    let open = buffers.open
    let clearedIn = buffers.clearedIn
    // Fields read in place: binding each entry would copy it.
    for index in 0..<count {
      balances[index] = try checked(Units(entries[index].balance, scale: scale))
      payments[index] = try checked(Units(entries[index].payment, scale: scale))
      let monthlyRate = entries[index].monthlyRate
      rates[index] = monthlyRate.signum > 0 ? try checked(Units.rate(monthlyRate, scale: scale)) : nil
    }
    let mode = figures.interestRounding
    func major(_ amount: Units) -> Rational { fromUnits(amount.units(scale: scale)) }
    var run = ScheduleRun()
    var totalInterest = Units.zero
    let pot = try potUnits.map { pot throws(MinorUnitsOverflow) in try checked(Units(pot, scale: scale)) }
    var clearedOffers = Units.zero
    var period = 0
    var paidAny = false
    var clearedAny = false
    // Where a narrower run stopped in month `period`; nil once past it.
    var resumeAt: Int?
    if let start {
      for index in 0..<count {
        balances[index] = start.balances[index]
        payments[index] = start.payments[index]
        clearedIn[index] = start.clearedIn[index]
      }
      run = start.run
      totalInterest = start.totalInterest
      clearedOffers = start.clearedOffers
      period = start.period
      paidAny = start.paidAny
      clearedAny = start.clearedAny
      resumeAt = start.next
    }
    // The entries still owing, in order: a month steps only these, and one
    // that clears drops out as the month passes it.
    var owing = 0
    // The debts still owing that accrue interest: counted down as they clear,
    // so a month need not look for one.
    var accruing = 0
    for index in 0..<count where balances[index].isPositive {
      open[owing] = index
      owing += 1
      if rates[index] != nil { accruing += 1 }
    }
    var outgrownAt: Int?
    months: while resumeAt != nil || (owing > 0 && period < horizon) {
      if resumeAt == nil {
        if !recordRows && accruing == 0 {
          // While no debt still owing accrues interest, every month until the
          // next one clears repeats the last: jump to the month before it.
          var next = horizon - period
          var paying = false
          for index in 0..<count where balances[index].isPositive && payments[index].isPositive {
            paying = true
            next = min(next, balances[index].paymentsToClear(paying: payments[index], limit: next))
          }
          if !paying { break months }  // nothing will change again before the horizon
          let repeats = next - 1
          if repeats > 0 {
            for index in 0..<count where balances[index].isPositive && payments[index].isPositive {
              balances[index] = try checked(.minus(balances[index], checked(payments[index].times(repeats))))
            }
            period += repeats
            run.termMonths = period
          }
        }
        period += 1
        paidAny = false
        clearedAny = false
      }
      var slot = 0
      if let resumeAt { while open[slot] < resumeAt { slot += 1 } }  // the entry resumed is still owing
      resumeAt = nil
      var kept = slot
      let stepping = owing
      while slot < stepping {
        let index = open[slot]
        slot += 1
        // Every figure is worked out before any is kept, so an overflow
        // leaves the run as it was before this debt.
        var balance = balances[index]
        var interest = Units.zero
        var total = totalInterest
        if let rate = rates[index] {
          guard let accrued = balance.interest(at: rate, mode), let grown = Units.plus(balance, accrued),
            let sum = Units.plus(totalInterest, accrued)
          else {
            outgrownAt = index
            break months
          }
          interest = accrued
          balance = grown
          total = sum
        }
        let payment = min(payments[index], balance)
        var offers = clearedOffers
        guard let left = Units.minus(balance, payment) else {
          outgrownAt = index
          break months
        }
        balance = left
        let clears = !balance.isPositive
        if clears && entries[index].isPriority {
          guard let sum = Units.plus(clearedOffers, payments[index]) else {
            outgrownAt = index
            break months
          }
          offers = sum
        }
        balances[index] = balance
        totalInterest = total
        clearedOffers = offers
        if payment.isPositive { paidAny = true }
        if clears {
          clearedAny = true
          owing -= 1
          if rates[index] != nil { accruing -= 1 }
          clearedIn[index] = period
        } else {
          open[kept] = index
          kept += 1
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
          try checked(.plus(pot, clearedOffers)), scale: scale, over: entries, balances: balances,
          payments: payments)
      }
    }
    if let outgrownAt {
      return .outgrown(
        ScheduleProgress(
          balances: Array(balances), payments: Array(payments), totalInterest: totalInterest,
          clearedOffers: clearedOffers, clearedIn: Array(clearedIn), period: period, next: outgrownAt,
          paidAny: paidAny,
          clearedAny: clearedAny, run: run))
    }
    finish(
      &run, entries, scale: scale, totalInterest: totalInterest, balances: balances, clearedIn: clearedIn,
      sorting: open)
    return .finished(run)
  }

  /// Re-splits `pot` (minor units, floored to whole units like the original
  /// pot: a cleared court-ordered offer can carry fractions of a penny) over
  /// the plan debts still owing, weighted by their current balances (or
  /// contractual payments), capped at those balances.
  func redistribute<Units: MinorUnits>(
    _ pot: Units, scale: Int64, over entries: UnsafeBufferPointer<ScheduleEntry>,
    balances: UnsafeMutableBufferPointer<Units>,
    payments: UnsafeMutableBufferPointer<Units>
  ) throws(MinorUnitsOverflow) {
    // Counted first: most calls come as the last plan debt clears, with none left to pay.
    var openCount = 0
    for index in entries.indices where !entries[index].isPriority && balances[index].isPositive {
      openCount += 1
    }
    guard openCount > 0 else { return }
    switch redistributeInUnits(
      pot, scale: scale, count: openCount, over: entries, balances: balances, payments: payments)
    {
    case .done: return
    case .outgrown: throw MinorUnitsOverflow()
    case .unfit: break
    }
    // One pass by index, each array reserved: no filter and map chains.
    var weights: [Rational] = []
    var ids: [String] = []
    var caps: [Rational?] = []
    weights.reserveCapacity(openCount)
    ids.reserveCapacity(openCount)
    caps.reserveCapacity(openCount)
    for index in entries.indices where !entries[index].isPriority && balances[index].isPositive {
      let balance = balances[index].units(scale: scale)
      weights.append(
        weight(contractualPayment: household.debts[entries[index].debt].contractualPayment, balance: balance))
      ids.append(entries[index].id)
      caps.append(balance)
    }
    guard
      let allocation = try? Allocation.split(
        pot.units(scale: scale).floor(),  // floor_minor, as the original pot
        weights: weights, ids: ids, minimum: toUnits(figures.minPayment), caps: caps)
    else { return }
    // The same debts again, in the same order: no list of them kept.
    var share = 0
    for index in entries.indices where !entries[index].isPriority && balances[index].isPositive {
      payments[index] = try checked(Units(allocation.shares[share], scale: scale))
      share += 1
    }
  }
}

/// How a re-split on whole units (`Assessor.redistributeInUnits`) ended.
enum UnitsRedistribution {
  /// The payments are re-split, or left as they were when the minimums cannot all be met.
  case done
  /// A share does not fit the schedule's representation.
  case outgrown
  /// A figure is not a whole number of units within `UnitsSplit.limit`, or
  /// the pack weighs by contractual payment: nothing was changed.
  case unfit
}

extension Assessor {
  /// The re-split of `redistribute` by `UnitsSplit`, with no arrays made,
  /// when the pack weighs by balance and every figure is a whole number of
  /// units that fits; the same payments as `Allocation.split` gives.
  func redistributeInUnits<Units: MinorUnits>(
    _ pot: Units, scale: Int64, count openCount: Int, over entries: UnsafeBufferPointer<ScheduleEntry>,
    balances: UnsafeMutableBufferPointer<Units>, payments: UnsafeMutableBufferPointer<Units>
  ) -> UnitsRedistribution {
    let limit = UnitsSplit.limit
    guard figures.proRataBasis == .balance, let minimum = toUnits(figures.minPayment).exactInt,
      minimum >= 0, minimum <= limit, let amount = pot.units(scale: scale).floor().exactInt,  // floor_minor, as the original pot
      amount >= 0, amount <= limit
    else { return .unfit }
    return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 2 * openCount) { figures in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: openCount) { positions in
        // Each open plan debt's balance: its weight and its cap.
        let caps = UnsafeMutableBufferPointer(rebasing: figures[0..<openCount])
        let shares = UnsafeMutableBufferPointer(rebasing: figures[openCount..<2 * openCount])
        var slot = 0
        var total: Int64 = 0
        for index in entries.indices where !entries[index].isPriority && balances[index].isPositive {
          guard let units = balances[index].units(scale: scale).exactInt, units <= limit else {
            return .unfit
          }
          let (sum, overflow) = total.addingReportingOverflow(Int64(units))
          if overflow { return .unfit }
          total = sum
          caps[slot] = Int64(units)
          positions[slot] = index
          slot += 1
        }
        let split = UnitsSplit(
          weights: UnsafeBufferPointer(caps), caps: UnsafeBufferPointer(caps), minimum: Int64(minimum))
        guard
          case .split = split.split(
            Int64(amount), into: shares,
            order: BalanceThenID(
              balances: UnsafeBufferPointer(caps), ids: EntryIDs(entries: entries, indices: positions)))
        else { return .done }
        for slot in 0..<openCount {
          guard let share = Units(Rational(Int(shares[slot])), scale: scale) else { return .outgrown }
          payments[positions[slot]] = share
        }
        return .done
      }
    }
  }
}

/// The schedule loop's per-entry figures, each `count` long, in one
/// allocation instead of one each. Balances, payments and clearance months
/// start at zero, rates at nil; `open` is left uninitialized.
struct ScheduleBuffers<Units: MinorUnits> {
  let balances: UnsafeMutableBufferPointer<Units>
  let payments: UnsafeMutableBufferPointer<Units>
  let rates: UnsafeMutableBufferPointer<Units.Rate?>
  let open: UnsafeMutableBufferPointer<Int>
  let clearedIn: UnsafeMutableBufferPointer<Int>
  private let base: UnsafeMutableRawPointer

  init(count: Int) {
    let layout = Self.layout(count: count)
    self.init(count: count, base: .allocate(byteCount: layout.byteCount, alignment: layout.alignment))
  }

  /// The bytes the buffers take for `count` entries, and their alignment.
  static func layout(count: Int) -> (byteCount: Int, alignment: Int) {
    let clearedAt = offsets(count: count).clearedAt
    let alignment = max(
      MemoryLayout<Units>.alignment, MemoryLayout<Units.Rate?>.alignment, MemoryLayout<Int>.alignment)
    return (max(clearedAt + MemoryLayout<Int>.stride * count, 1), alignment)
  }

  /// Where each buffer starts, in bytes from the first.
  private static func offsets(count: Int) -> (paymentsAt: Int, ratesAt: Int, openAt: Int, clearedAt: Int) {
    func aligned(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
    let paymentsAt = aligned(MemoryLayout<Units>.stride * count, MemoryLayout<Units>.alignment)
    let ratesAt = aligned(
      paymentsAt + MemoryLayout<Units>.stride * count, MemoryLayout<Units.Rate?>.alignment)
    let openAt = aligned(ratesAt + MemoryLayout<Units.Rate?>.stride * count, MemoryLayout<Int>.alignment)
    let clearedAt = openAt + MemoryLayout<Int>.stride * count
    return (paymentsAt, ratesAt, openAt, clearedAt)
  }

  /// Buffers laid out from `base`, which holds `layout(count:)` bytes at
  /// its alignment; `deinitialize()` them before the memory goes.
  init(count: Int, base: UnsafeMutableRawPointer) {
    let (paymentsAt, ratesAt, openAt, clearedAt) = Self.offsets(count: count)
    self.base = base
    balances = UnsafeMutableBufferPointer(
      start: base.bindMemory(to: Units.self, capacity: count), count: count)
    payments = UnsafeMutableBufferPointer(
      start: (base + paymentsAt).bindMemory(to: Units.self, capacity: count), count: count)
    rates = UnsafeMutableBufferPointer(
      start: (base + ratesAt).bindMemory(to: Units.Rate?.self, capacity: count), count: count)
    open = UnsafeMutableBufferPointer(
      start: (base + openAt).bindMemory(to: Int.self, capacity: count), count: count)
    clearedIn = UnsafeMutableBufferPointer(
      start: (base + clearedAt).bindMemory(to: Int.self, capacity: count), count: count)
    balances.initialize(repeating: .zero)
    payments.initialize(repeating: .zero)
    rates.initialize(repeating: nil)
    clearedIn.initialize(repeating: 0)
  }

  /// Deinitializes the figures, leaving the memory to its owner.
  func deinitialize() {
    balances.deinitialize()
    payments.deinitialize()
    rates.deinitialize()
  }

  /// Deinitializes the figures and frees the allocation.
  func release() {
    deinitialize()
    base.deallocate()
  }
}
