/// One debt's months from one clearance to the next, as `Assessor.runByDebt` steps them.
struct DebtStretch<Units: MinorUnits> {
  /// The balance after the last month stepped; zero once it clears.
  var balance: Units
  /// The interest it accrued over those months.
  var interest: Units
  /// The months stepped: up to its clearance, or the stretch's end.
  var months: Int
  var clears: Bool
}

extension Assessor {
  /// The schedule of SPEC §5.3 without its rows, debt by debt.
  ///
  /// Between two months in which a debt clears, no debt's figures depend on
  /// another's (only a clearance re-splits the pot), so each is stepped on
  /// its own in a tight loop (one with no interest in one division) up to
  /// the first month any clears, and the pot is re-split there, as the
  /// month-by-month loop does. The figures are kept on Int128, and each debt
  /// stepped on Int64 while its figures fit. Returns nil when a figure
  /// outgrows Int128; the exact loop gives the same run then.
  func runByDebt(
    _ entries: UnsafeBufferPointer<ScheduleEntry>, scale: Int64, redistributing potUnits: Rational?,
    horizon: Int
  ) -> ScheduleRun? {
    typealias Units = Int128
    let count = entries.count
    // The buffers in a temporary (stack, when small) allocation, not a heap one per run.
    let layout = ScheduleBuffers<Units>.layout(count: count)
    return withUnsafeTemporaryAllocation(byteCount: layout.byteCount, alignment: layout.alignment) {
      raw -> ScheduleRun? in
      let buffers = ScheduleBuffers<Units>(count: count, base: raw.baseAddress!)
      defer { buffers.deinitialize() }
      let balances = buffers.balances
      let payments = buffers.payments
      let rates = buffers.rates
      let open = buffers.open
      let clearedIn = buffers.clearedIn
      // Fields read in place: binding each entry would copy it.
      var owing = 0
      for index in 0..<count {
        guard let balance = Units(entries[index].balance, scale: scale),
          let payment = Units(entries[index].payment, scale: scale), payment >= .zero
        else { return nil }
        balances[index] = balance
        payments[index] = payment
        let monthlyRate = entries[index].monthlyRate
        if monthlyRate.signum > 0 {
          guard let rate = Units.rate(monthlyRate, scale: scale) else { return nil }
          rates[index] = rate
        }
        if balance > .zero {
          open[owing] = index
          owing += 1
        }
      }
      var pot: Units?
      if let potUnits {
        guard let units = Units(potUnits, scale: scale) else { return nil }
        pot = units
      }
      let mode = figures.interestRounding
      var period = 0
      var termMonths: Int?
      var totalInterest = Units.zero
      var clearedOffers = Units.zero
      let finished = withUnsafeTemporaryAllocation(of: DebtStretch<Units>.self, capacity: count) {
        stretches -> Bool in
        withUnsafeTemporaryAllocation(of: (index: Int, least: Int).self, capacity: count) { soonest -> Bool in
          while owing > 0 && period < horizon {
            // Each debt still owing, stepped to its clearance or the stretch's
            // end: with redistribution, the first month any debt clears.
            var end = horizon
            if pot == nil {
              // No re-split: each debt runs to its clearance or the horizon.
              for slot in 0..<owing {
                let index = open[slot]
                guard
                  let stretch = Self.advance(
                    balances[index], paying: payments[index], at: rates[index], mode, months: end - period)
                else { return false }
                stretches.initializeElement(at: index, to: stretch)
              }
            } else {
              // Debts without interest first: their clearance months cost one
              // division each. Then those with interest, soonest first by the
              // fewest months they could clear in; one that cannot clear before
              // `end` waits until `end` is known.
              var accruing = 0
              for slot in 0..<owing {
                let index = open[slot]
                if rates[index] == nil {
                  guard
                    let stretch = Self.advance(
                      balances[index], paying: payments[index], at: nil, mode, months: end - period)
                  else { return false }
                  stretches.initializeElement(at: index, to: stretch)
                  if stretch.clears { end = period + stretch.months }
                } else {
                  let least = Self.leastMonths(balances[index], paying: payments[index])
                  var at = accruing
                  while at > 0 && soonest[at - 1].least > least {
                    soonest[at] = soonest[at - 1]
                    at -= 1
                  }
                  soonest[at] = (index, least)
                  accruing += 1
                }
              }
              for k in 0..<accruing {
                let index = soonest[k].index
                guard soonest[k].least <= end - period else {
                  for waiting in k..<accruing {
                    stretches.initializeElement(
                      at: soonest[waiting].index,
                      to: DebtStretch(balance: 0, interest: 0, months: .max, clears: false))
                  }
                  break
                }
                guard
                  let stretch = Self.advance(
                    balances[index], paying: payments[index], at: rates[index], mode, months: end - period)
                else { return false }
                stretches.initializeElement(at: index, to: stretch)
                if stretch.clears { end = period + stretch.months }
              }
            }
            // A debt waiting, or stepped before another cleared sooner, is stepped to `end`.
            if pot != nil {
              for slot in 0..<owing where stretches[open[slot]].months > end - period {
                let index = open[slot]
                guard
                  let stretch = Self.advance(
                    balances[index], paying: payments[index], at: rates[index], mode, months: end - period)
                else { return false }
                stretches[index] = stretch
              }
            }
            var last = period
            var kept = 0
            var clearedAny = false
            for slot in 0..<owing {
              let index = open[slot]
              let stretch = stretches[index]
              guard let sum = Units.plus(totalInterest, stretch.interest) else { return false }
              totalInterest = sum
              balances[index] = stretch.balance
              let through = period + stretch.months
              last = max(last, through)
              // A debt still owing pays every month it is stepped, if its payment is above zero.
              if payments[index] > .zero { termMonths = max(termMonths ?? through, through) }
              if stretch.clears {
                clearedAny = true
                clearedIn[index] = through
                if entries[index].isPriority {
                  guard let offers = Units.plus(clearedOffers, payments[index]) else { return false }
                  clearedOffers = offers
                }
              } else {
                open[kept] = index
                kept += 1
              }
            }
            owing = kept
            period = last
            if clearedAny, let pot {
              guard let sum = Units.plus(pot, clearedOffers) else { return false }
              do throws(MinorUnitsOverflow) {
                try redistribute(sum, scale: scale, over: entries, balances: balances, payments: payments)
              } catch {
                return false
              }
            }
          }
          return true
        }
      }
      guard finished else { return nil }
      var run = ScheduleRun()
      run.termMonths = termMonths
      finish(
        &run, entries, scale: scale, totalInterest: totalInterest, balances: balances, clearedIn: clearedIn,
        sorting: open)
      return run
    }
  }

  /// One debt from `balance`, paying `payment` (not below zero) a month for
  /// up to `months` months, or until it clears; nil if a figure outgrows
  /// Int128. Stepped on Int64 while its figures fit, then on Int128.
  @inline(__always)
  static func advance(
    _ balance: Int128, paying payment: Int128, at rate: MachineRate<Int128>?, _ mode: RoundingMode,
    months: Int
  ) -> DebtStretch<Int128>? {
    guard let rate else {
      // No interest: ⌈balance / payment⌉ months clear it.
      guard payment > 0 else {
        return DebtStretch(balance: balance, interest: 0, months: months, clears: false)
      }
      // One machine division when both fit Int64, not a software 128-bit one.
      let stepped =
        if let small = Int64(exactly: balance), let smallPayment = Int64(exactly: payment) {
          small.paymentsToClear(paying: smallPayment, limit: months)
        } else {
          balance.paymentsToClear(paying: payment, limit: months)
        }
      guard let paid = payment.times(stepped), let left = Int128.minus(balance, paid) else { return nil }
      return left > 0
        ? DebtStretch(balance: left, interest: 0, months: stepped, clears: false)
        : DebtStretch(balance: 0, interest: 0, months: stepped, clears: true)
    }
    var balance = balance
    var interest: Int128 = 0
    var month = 0
    if let small = Int64(exactly: balance), let smallPayment = Int64(exactly: payment),
      let numerator = Int64(exactly: rate.numerator), let divisor = Int64(exactly: rate.divisor),
      let scale = Int64(exactly: rate.scale)
    {
      var stepping = Stepping64(
        balance: small, interest: 0, month: 0, payment: smallPayment, numerator: numerator, divisor: divisor,
        scale: scale)
      // The rounding chosen once, not at every month.
      let clears =
        switch (mode, scale == 1) {
        case (.halfUp, true): stepping.run(RoundingHalfUp.self, WholeUnits.self, months: months)
        case (.halfUp, false): stepping.run(RoundingHalfUp.self, ScaledUnits.self, months: months)
        case (.halfEven, true): stepping.run(RoundingHalfEven.self, WholeUnits.self, months: months)
        case (.halfEven, false): stepping.run(RoundingHalfEven.self, ScaledUnits.self, months: months)
        case (.floor, true), (.towardZero, true):
          stepping.run(RoundingDown.self, WholeUnits.self, months: months)
        case (.floor, false), (.towardZero, false):
          stepping.run(RoundingDown.self, ScaledUnits.self, months: months)
        case (.ceiling, true): stepping.run(RoundingUp.self, WholeUnits.self, months: months)
        case (.ceiling, false): stepping.run(RoundingUp.self, ScaledUnits.self, months: months)
        }
      if clears {
        return DebtStretch(
          balance: 0, interest: Int128(stepping.interest), months: stepping.month, clears: true)
      }
      balance = Int128(stepping.balance)
      interest = Int128(stepping.interest)
      month = stepping.month
    }
    // Past Int64: with a rate whose figures fit 64 bits (always, from a
    // Rational's machine parts), by `wideInterest`.
    if let numerator = UInt64(exactly: rate.numerator), numerator > 0,
      let divisor = UInt64(exactly: rate.divisor), divisor > 0, divisor <= UInt64(Int64.max)
    {
      while month < months {
        guard
          let accrued = wideInterest(
            balance, numerator: numerator, divisor: divisor, scale: rate.scale, mode),
          let grown = Int128.plus(balance, accrued), let sum = Int128.plus(interest, accrued)
        else { return nil }
        month += 1
        interest = sum
        if grown <= payment {
          return DebtStretch(balance: 0, interest: interest, months: month, clears: true)
        }
        balance = grown &- payment
      }
    }
    while month < months {
      guard let accrued = balance.interest(at: rate, mode), let grown = Int128.plus(balance, accrued),
        let sum = Int128.plus(interest, accrued)
      else { return nil }
      month += 1
      interest = sum
      if grown <= payment { return DebtStretch(balance: 0, interest: interest, months: month, clears: true) }
      balance = grown &- payment
    }
    return DebtStretch(balance: balance, interest: interest, months: months, clears: false)
  }

  /// round(balance × numerator / divisor) × scale for a balance above zero,
  /// as `Int128.interest(at:_:)` gives it, from two 64-bit multiplies and two
  /// 128-by-64-bit divisions rather than 128-bit ones; nil when the product
  /// passes Int128 (so that does too) or the interest does.
  @inline(__always)
  static func wideInterest(
    _ balance: Int128, numerator: UInt64, divisor: UInt64, scale: Int128, _ mode: RoundingMode
  ) -> Int128? {
    let magnitude = UInt128(balance)
    let (lowHigh, lowLow) = UInt64(truncatingIfNeeded: magnitude).multipliedFullWidth(by: numerator)
    let (highHigh, highLow) = UInt64(truncatingIfNeeded: magnitude >> 64).multipliedFullWidth(by: numerator)
    let (middle, carry) = highLow.addingReportingOverflow(lowHigh)
    // The product is middle · 2^64 + lowLow, past Int128 if anything is above.
    guard highHigh == 0, !carry, middle < 1 << 63 else { return nil }
    let (upper, rest) = middle.quotientAndRemainder(dividingBy: divisor)
    let (lower, remainder) = divisor.dividingFullWidth((rest, lowLow))
    // The quotient's parity is its low word's; remainder < divisor ≤ Int64.max.
    let parity = Int64(truncatingIfNeeded: lower)
    let (r, d) = (Int64(remainder), Int64(divisor))
    let up =
      switch mode {
      case .halfUp: RoundingHalfUp.roundsUp(quotient: parity, remainder: r, divisor: d)
      case .halfEven: RoundingHalfEven.roundsUp(quotient: parity, remainder: r, divisor: d)
      case .floor, .towardZero: RoundingDown.roundsUp(quotient: parity, remainder: r, divisor: d)
      case .ceiling: RoundingUp.roundsUp(quotient: parity, remainder: r, divisor: d)
      }
    // Below 2^127 − 1: the product is, and a remainder means a divisor above one.
    let units = (Int128(upper) << 64 | Int128(lower)) + (up ? 1 : 0)
    if scale == 1 { return units }
    let (steps, overflow) = units.multipliedReportingOverflow(by: scale)
    return overflow ? nil : steps
  }

  /// The fewest months a debt from `balance` (above zero), paying
  /// `payment` (not below zero) a month, could clear in: ⌈balance / payment⌉,
  /// as interest only adds. Int.max when it pays nothing; −1 when a figure
  /// is past Int64 (unsure: such a debt is stepped first, never kept waiting).
  @inline(__always)
  static func leastMonths(_ balance: Int128, paying payment: Int128) -> Int {
    guard payment > 0 else { return .max }
    guard let small = Int64(exactly: balance), let smallPayment = Int64(exactly: payment) else { return -1 }
    return Int((small - 1) / smallPayment) + 1  // ⌈b / p⌉ = ⌊(b − 1) / p⌋ + 1 for b > 0
  }

  /// Fills in what a finished run reports from its final figures: the total
  /// interest, the debts still owing, and each cleared debt's month (by
  /// month, then by position in `order`, sorted in `sorting`, which the run
  /// no longer needs).
  func finish<Units: MinorUnits>(
    _ run: inout ScheduleRun, _ entries: UnsafeBufferPointer<ScheduleEntry>, scale: Int64,
    totalInterest: Units,
    balances: UnsafeMutableBufferPointer<Units>, clearedIn: UnsafeMutableBufferPointer<Int>,
    sorting open: UnsafeMutableBufferPointer<Int>
  ) {
    func major(_ amount: Units) -> Rational { fromUnits(amount.units(scale: scale)) }
    let count = entries.count
    run.totalInterest = major(totalInterest)
    for index in 0..<count where balances[index].isPositive {
      run.stillOwing.append((entries[index].id, major(balances[index])))
    }
    var clearedCount = 0
    for index in 0..<count where clearedIn[index] > 0 {
      open[clearedCount] = index
      clearedCount += 1
    }
    let byMonth = UnsafeMutableBufferPointer(rebasing: open[..<clearedCount])
    // Stable, and ties go by position: the same order as sorting by (month, position).
    sortInPlace(byMonth) { a, b in clearedIn[a] < clearedIn[b] }
    run.clears.reserveCapacity(clearedCount)
    for index in byMonth { run.clears.append((entries[index].id, clearedIn[index])) }
  }
}

/// A debt with interest as it is stepped on Int64 (`Assessor.advance`): its
/// balance (above zero) and the interest and months so far, and the figures
/// each month uses, kept apart from the Int128 ones so they stay in registers.
struct Stepping64 {
  var balance: Int64
  var interest: Int64
  var month: Int
  let payment: Int64
  /// The monthly rate as a `MachineRate`: interest on `balance` steps is
  /// round(balance × numerator / divisor) units, `scale` steps each.
  let numerator: Int64
  let divisor: Int64
  let scale: Int64

  /// Steps month by month until the debt clears (true: its balance is then
  /// zero), `months` is reached, or a figure of the next month would pass
  /// Int64 (that month is left unstepped).
  @inline(__always)
  mutating func run<Rounding: PositiveRounding, Units: StepUnits>(
    _: Rounding.Type, _: Units.Type, months: Int
  ) -> Bool {
    var balance = self.balance
    var interest = self.interest
    var month = self.month
    defer {
      self.balance = balance
      self.interest = interest
      self.month = month
    }
    // While the balance is at most `safe`, balance × numerator is at most
    // Int64.max / 4, so neither it nor the interest (at most that over d,
    // plus one, in steps of `scale` ≤ 2^20 over a divisor d × scale) nor the
    // grown balance can overflow: only the running interest is checked.
    let safe = scale <= 1 << 20 ? (Int64.max / 4) / numerator : 0
    while month < months && balance <= safe {
      let (quotient, remainder) = UInt64(bitPattern: balance &* numerator).quotientAndRemainder(
        dividingBy: UInt64(bitPattern: divisor))
      let whole = Int64(bitPattern: quotient)
      let units =
        Rounding.roundsUp(quotient: whole, remainder: Int64(bitPattern: remainder), divisor: divisor)
        ? whole &+ 1 : whole
      let accrued = Units.steps(units, scale: scale)
      let grown = balance &+ accrued
      let (sum, overflow) = interest.addingReportingOverflow(accrued)
      if overflow { return false }
      month += 1
      interest = sum
      if grown <= payment {
        balance = 0
        return true
      }
      balance = grown &- payment
    }
    // Past `safe`: every figure checked.
    while month < months {
      let (product, o1) = balance.multipliedReportingOverflow(by: numerator)
      if o1 { break }
      // balance and numerator are above zero, so the quotient rounds as a positive one.
      let (wideQuotient, wideRemainder) = UInt64(bitPattern: product).quotientAndRemainder(
        dividingBy: UInt64(bitPattern: divisor))
      let quotient = Int64(bitPattern: wideQuotient)
      let remainder = Int64(bitPattern: wideRemainder)
      // Up by one only when the remainder is above zero, so the divisor is above one: no overflow.
      let units =
        Rounding.roundsUp(quotient: quotient, remainder: remainder, divisor: divisor)
        ? quotient &+ 1 : quotient
      let (accrued, o2) = units.multipliedReportingOverflow(by: scale)
      let (grown, o3) = balance.addingReportingOverflow(accrued)
      let (sum, o4) = interest.addingReportingOverflow(accrued)
      if o2 || o3 || o4 { break }
      month += 1
      interest = sum
      // It pays min(payment, grown): all that is left, when that is no more than the payment.
      if grown <= payment {
        balance = 0
        return true
      }
      balance = grown &- payment
    }
    return false
  }
}

/// Whole units of interest as schedule steps: the same number when the
/// schedule counts whole units (scale 1), else that many `scale`s.
protocol StepUnits {
  static func steps(_ units: Int64, scale: Int64) -> Int64
}

/// Scale 1: no multiply.
enum WholeUnits: StepUnits {
  @inline(__always)
  static func steps(_ units: Int64, scale: Int64) -> Int64 { units }
}

/// Any scale; the caller has made sure the product fits.
enum ScaledUnits: StepUnits {
  @inline(__always)
  static func steps(_ units: Int64, scale: Int64) -> Int64 { units &* scale }
}

/// A rounding mode (SPEC R4) for a positive quotient n / d: whether
/// q = ⌊n / d⌋ goes up by one, given r = n mod d (0 ≤ r < d). The same as
/// `Rational.roundedQuotient` for n > 0, without a switch on the mode.
protocol PositiveRounding {
  static func roundsUp(quotient: Int64, remainder: Int64, divisor: Int64) -> Bool
}

/// `floor`, and `towardZero` (the same above zero).
enum RoundingDown: PositiveRounding {
  @inline(__always)
  static func roundsUp(quotient: Int64, remainder: Int64, divisor: Int64) -> Bool { false }
}

/// `ceiling`.
enum RoundingUp: PositiveRounding {
  @inline(__always)
  static func roundsUp(quotient: Int64, remainder: Int64, divisor: Int64) -> Bool { remainder != 0 }
}

/// `halfUp`: a half goes up, away from zero.
enum RoundingHalfUp: PositiveRounding {
  @inline(__always)
  static func roundsUp(quotient: Int64, remainder: Int64, divisor: Int64) -> Bool {
    // 2r ≥ d ⟺ r ≥ ⌈d / 2⌉: a bound that depends on the divisor alone, so a
    // month loop works it out once, not each month.
    UInt64(bitPattern: remainder) >= (UInt64(bitPattern: divisor) &+ 1) >> 1
  }
}

/// `halfEven`: a half goes to the even neighbour.
enum RoundingHalfEven: PositiveRounding {
  @inline(__always)
  static func roundsUp(quotient: Int64, remainder: Int64, divisor: Int64) -> Bool {
    let rest = divisor &- remainder
    return remainder > rest || (remainder == rest && quotient & 1 != 0)
  }
}
