extension Assessor {
  /// Monthly income, outgoings and availability, and the priority arrears
  /// offers walked in priority order (SPEC §4).
  func affordability(order: DebtOrder) -> (Affordability, [PriorityOffer]) {
    // Each line's monthly equivalent is amount × factor(frequency); summing
    // whole minor units per frequency and multiplying once per frequency
    // gives the same exact totals with one Rational multiply per frequency
    // rather than a Rational add (and maybe a multiply) per line.
    // Amounts are read in place (`add(lineAt:of:)`): an amount is copied
    // only when it is off the grid (binding each line's amount copied and
    // destroyed a Rational a line).
    var incomeSum = MonthlySum(unitScale: unitScale)
    for index in household.income.indices { incomeSum.add(lineAt: index, of: household.income) }
    var expenditureSum = MonthlySum(unitScale: unitScale)
    var savingsSum = MonthlySum(unitScale: unitScale)
    var adminFeeSum = MonthlySum(unitScale: unitScale)
    var housingSum = MonthlySum(unitScale: unitScale)
    // The rule read in place, not bound: binding copies its rates, bands and sets.
    let housingCounts = figures.protectedAmount != nil
    for index in household.expenditure.indices {
      // The role read first, on its own: read after the amount, the
      // category's record was retained and released around the amount's copy.
      let role = household.expenditure[index].category.role
      switch role {
      case .savings: savingsSum.add(lineAt: index, of: household.expenditure)
      case .adminFee: adminFeeSum.add(lineAt: index, of: household.expenditure)
      case .other:
        expenditureSum.add(lineAt: index, of: household.expenditure)
        if housingCounts && figures.protectedAmount!.isHousing(household.expenditure[index].category) {
          housingSum.add(lineAt: index, of: household.expenditure)
        }
      }
    }
    let places = currency.minorDigits
    let income = incomeSum.total(sharedFigures, places: places)
    let expenditure = expenditureSum.total(sharedFigures, places: places)
    let savings = savingsSum.total(sharedFigures, places: places)
    let adminFee = adminFeeSum.total(sharedFigures, places: places)
    let housing = housingSum.total(sharedFigures, places: places)
    var protected: Rational?
    var outgoings = expenditure
    if housingCounts {
      protected = figures.protectedAmount!.norm(for: household.household) + housing
      outgoings = protected!
    }
    let availableForPriority = income - outgoings - savings - adminFee

    var remaining = availableForPriority
    var offers: [PriorityOffer] = []
    offers.reserveCapacity(priorityCount)
    for index in order.indices
    where isPriority(at: order.positions[index]) && order[index].arrears.signum > 0
      && !disputed.contains(order[index].id)
    {
      // Fields read through `order[index]`: binding the Debt would copy it.
      let months = order[index].arrearsMonths ?? figures.priorityArrearsMonths
      let target =
        order[index].requiredPayment.map { figures.monthly($0) }
        ?? Self.ceilingShare(
          order[index].arrears, over: months, unitScale: unitScale, places: currency.minorDigits)
        ?? minor(order[index].arrears / Rational(months), .ceiling)
      let offer = min(target, max(.zero, minor(remaining, .floor)))
      remaining -= offer
      offers.append(
        PriorityOffer(
          debt: order[index].id, target: target, offer: offer,
          consequence: priorityKind(at: order.positions[index])!.consequence))
    }
    // Ap − Σ offers, exactly: `remaining` started at Ap and gave up each offer.
    let availableForNonPriority = remaining
    let monthly = Affordability(
      income: income, expenditure: expenditure, savings: savings, adminFee: adminFee, protected: protected,
      availableForPriority: availableForPriority, availableForNonPriority: availableForNonPriority)
    return (monthly, offers)
  }

  /// ceil_minor(amount / months) on machine integers, for an amount above
  /// zero on the minor-unit grid (10^places = `unitScale`) and months above
  /// zero: ⌈units / months⌉ minor units, with no Rational division or
  /// rounding. Nil otherwise; the caller divides exactly.
  static func ceilingShare(_ amount: Rational, over months: Int, unitScale: Int64, places: Int) -> Rational? {
    guard months > 0, case (let n, let d)? = amount.machineParts, n > 0, unitScale % d == 0 else {
      return nil
    }
    let (units, overflow) = n.multipliedReportingOverflow(by: unitScale / d)
    if overflow { return nil }
    let (whole, rest) = units.quotientAndRemainder(dividingBy: Int64(months))
    return Rational(decimalUnits: rest > 0 ? whole + 1 : whole, places: places)
  }

  /// Spend against each guideline group the pack has a figure for.
  func guidelineChecks() -> [GuidelineCheck] {
    // By index, in place: binding each Guideline and Line copied it, and
    // binding the arrays retained them (the pack's from two threads at once).
    let count = figures.guidelines.count
    var checks: [GuidelineCheck] = []
    checks.reserveCapacity(count)
    for g in 0..<count {
      let group = figures.guidelines[g].group
      let length = group.utf8.count
      // Summed as affordability sums: whole minor units per frequency, one
      // multiply per frequency, where a Rational sum per line worked out a gcd.
      var spend = MonthlySum(unitScale: unitScale)
      for k in household.expenditure.indices {
        // The table first: reading a line's group copies a String all cases share.
        switch sharedFigures.guidelineOfCategory.match(household.expenditure[k].category) {
        case .guideline(let position): guard position == g else { continue }
        case .none: continue
        case .unknown:
          // Lengths first: most groups differ in length, and comparing unequal
          // Strings costs some ninety instructions; equal ones compare fast.
          guard let lineGroup = household.expenditure[k].category.group, lineGroup.utf8.count == length,
            lineGroup == group
          else { continue }
        }
        spend.add(lineAt: k, of: household.expenditure)
      }
      let limit = Guideline.amount(
        figures.guidelines[g].firstAdult, figures.guidelines[g].eachFurtherAdult,
        figures.guidelines[g].eachChild, adults: household.household.adults,
        children: household.household.childAges.count)
      let total = spend.total(sharedFigures, places: currency.minorDigits)
      checks.append(GuidelineCheck(group: group, spend: total, guideline: limit, exceeded: total > limit))
    }
    return checks
  }
}

/// A sum of amounts paid at various frequencies, kept as whole minor units
/// per frequency while every amount is on the minor-unit grid and the sums
/// fit 64 bits; anything else goes to an exact Rational remainder.
struct MonthlySum {
  let unitScale: Int64
  /// Minor units per frequency, in `Frequency.allCases` order.
  var daily: Int64 = 0
  var weekly: Int64 = 0
  var fortnightly: Int64 = 0
  var fourWeekly: Int64 = 0
  var monthly: Int64 = 0
  var quarterly: Int64 = 0
  var halfYearly: Int64 = 0
  var annually: Int64 = 0
  /// Monthly equivalents of the amounts that did not fit the units above;
  /// nil, not empty, while there are none: nothing to release a sum.
  var rest: [(amount: Rational, frequency: Frequency)]?

  init(unitScale: Int64) { self.unitScale = unitScale }

  mutating func add(_ amount: Rational, _ frequency: Frequency) {
    if add(units: amount.machineParts, frequency) { return }
    if rest == nil { rest = [] }
    rest!.append((amount, frequency))
  }

  /// Adds line `index` of `lines`, its amount read in place: as a whole
  /// amount (a copy) only when ``add(units:_:)`` refuses it.
  @inline(__always)
  mutating func add(lineAt index: Int, of lines: [Line]) {
    let frequency = lines[index].frequency
    if !add(units: lines[index].amount.machineParts, frequency) { add(lines[index].amount, frequency) }
  }

  /// Adds an amount given by its machine parts (`Rational.machineParts`)
  /// when it is on the minor-unit grid and the sum stays within 64 bits;
  /// false, adding nothing, otherwise: the caller then adds the amount itself.
  @inline(__always)
  mutating func add(units parts: (numerator: Int64, denominator: Int64)?, _ frequency: Frequency) -> Bool {
    guard case (let n, let d)? = parts, unitScale % d == 0 else { return false }
    let (units, overflow) = n.multipliedReportingOverflow(by: unitScale / d)
    return !overflow && Self.add(units, to: &self[frequency])
  }

  /// Adds `units` to `sum`; false, leaving `sum` alone, on overflow.
  private static func add(_ units: Int64, to sum: inout Int64) -> Bool {
    let (total, overflow) = sum.addingReportingOverflow(units)
    if overflow { return false }
    sum = total
    return true
  }

  private subscript(frequency: Frequency) -> Int64 {
    get {
      switch frequency {
      case .daily: daily
      case .weekly: weekly
      case .fortnightly: fortnightly
      case .fourWeekly: fourWeekly
      case .monthly: monthly
      case .quarterly: quarterly
      case .halfYearly: halfYearly
      case .annually: annually
      }
    }
    set {
      switch frequency {
      case .daily: daily = newValue
      case .weekly: weekly = newValue
      case .fortnightly: fortnightly = newValue
      case .fourWeekly: fourWeekly = newValue
      case .monthly: monthly = newValue
      case .quarterly: quarterly = newValue
      case .halfYearly: halfYearly = newValue
      case .annually: annually = newValue
      }
    }
  }

  /// The exact monthly total: Σ amount × factor(frequency).
  func total(_ figures: PolicyFigures, places: Int) -> Rational {
    total(SharedFigures(figures), places: places)
  }

  /// As ``total(_:places:)``, with the figures held by reference: passed by
  /// value from the assessor, they were copied at each call.
  func total(_ shared: SharedFigures, places: Int) -> Rational {
    // The factors are in `Frequency.allCases` order.
    let factors = shared.figures.monthlyFactors
    let onlyMonthly =
      daily == 0 && weekly == 0 && fortnightly == 0 && fourWeekly == 0 && quarterly == 0 && halfYearly == 0
      && annually == 0
    // Nothing but whole units a month (often nothing at all): those units.
    if onlyMonthly && rest == nil {
      return monthly == 0 ? .zero : Rational(decimalUnits: monthly, places: places)
    }
    if rest == nil && !onlyMonthly {
      if let terms = shared.figures.monthlyTerms, let total = over(terms, unitScale: unitScale) {
        return total
      }
      if let total = overOneDenominator(factors) { return total }
    }
    // Written out rather than looped over an array literal, which allocates.
    var total = Rational.zero
    if monthly != 0 { total = Rational(decimalUnits: monthly, places: places) }
    Self.include(daily, factors[0], into: &total, places)
    Self.include(weekly, factors[1], into: &total, places)
    Self.include(fortnightly, factors[2], into: &total, places)
    Self.include(fourWeekly, factors[3], into: &total, places)
    Self.include(quarterly, factors[5], into: &total, places)
    Self.include(halfYearly, factors[6], into: &total, places)
    Self.include(annually, factors[7], into: &total, places)
    for line in rest ?? [] { total += shared.figures.monthly(line.amount, line.frequency) }
    return total
  }

  /// The same total as one fraction over the pack's common denominator of
  /// all its factors (worked out once, with the pack): one multiply per
  /// frequency and one reduction; nil when a figure does not fit. A larger
  /// denominator than `overOneDenominator` may use, but the same value,
  /// reduced the same way.
  func over(_ terms: MonthlyTerms, unitScale: Int64) -> Rational? {
    var sum: Int64 = 0
    var overflow = false
    @inline(__always) func add(_ units: Int64, _ multiple: Int64) {
      let (term, o1) = units.multipliedReportingOverflow(by: multiple)
      let (total, o2) = sum.addingReportingOverflow(term)
      overflow = overflow || o1 || o2
      sum = total
    }
    add(daily, terms.daily)
    add(weekly, terms.weekly)
    add(fortnightly, terms.fortnightly)
    add(fourWeekly, terms.fourWeekly)
    add(monthly, terms.monthly)
    add(quarterly, terms.quarterly)
    add(halfYearly, terms.halfYearly)
    add(annually, terms.annually)
    let (denominator, o2) = terms.common.multipliedReportingOverflow(by: unitScale)
    guard !overflow, !o2 else { return nil }
    return Rational(Int(sum), Int(denominator))
  }

  /// The same total as one fraction: Σ units × n/d over the factors' least
  /// common denominator L, summed on machine integers and reduced once,
  /// instead of a Rational multiply and add per frequency; nil when a figure
  /// does not fit.
  private func overOneDenominator(_ factors: [Rational]) -> Rational? {
    var common = CommonDenominator(limit: 1 << 20)
    guard Self.include(daily, factors[0], in: &common), Self.include(weekly, factors[1], in: &common),
      Self.include(fortnightly, factors[2], in: &common), Self.include(fourWeekly, factors[3], in: &common),
      Self.include(quarterly, factors[5], in: &common), Self.include(halfYearly, factors[6], in: &common),
      Self.include(annually, factors[7], in: &common)
    else { return nil }
    let l = common.value
    // On Int64, each step checked: household sums are far below its limits.
    var (sum, o1) = monthly.multipliedReportingOverflow(by: l)  // the monthly factor is one
    guard !o1, Self.add(daily, factors[0], over: l, to: &sum),
      Self.add(weekly, factors[1], over: l, to: &sum),
      Self.add(fortnightly, factors[2], over: l, to: &sum),
      Self.add(fourWeekly, factors[3], over: l, to: &sum),
      Self.add(quarterly, factors[5], over: l, to: &sum), Self.add(halfYearly, factors[6], over: l, to: &sum),
      Self.add(annually, factors[7], over: l, to: &sum)
    else { return nil }
    let (denominator, o2) = l.multipliedReportingOverflow(by: unitScale)
    guard !o2 else { return nil }
    return Rational(Int(sum), Int(denominator))
  }

  /// Takes `factor`'s denominator into `common` when `units` is not zero.
  @inline(__always)
  private static func include(_ units: Int64, _ factor: Rational, in common: inout CommonDenominator) -> Bool
  {
    units == 0 || common.include(factor)
  }

  /// Adds units × factor, counted in 1/l, to `sum`; false on overflow.
  @inline(__always)
  private static func add(_ units: Int64, _ factor: Rational, over l: Int64, to sum: inout Int64) -> Bool {
    guard units != 0, let (n, d) = factor.machineParts else { return true }
    let (scaled, o1) = units.multipliedReportingOverflow(by: n)
    let (term, o2) = scaled.multipliedReportingOverflow(by: l / d)
    let (total, o3) = sum.addingReportingOverflow(term)
    if o1 || o2 || o3 { return false }
    sum = total
    return true
  }

  private static func include(_ units: Int64, _ factor: Rational, into total: inout Rational, _ places: Int) {
    if units != 0 { total += Rational(decimalUnits: units, places: places) * factor }
  }
}
