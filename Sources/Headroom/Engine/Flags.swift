extension Assessor {
  /// The day the I&E was recorded: as given, else the plan's agreement day
  /// when there is a plan, else `as_of`.
  var ieRecordedOn: CivilDate {
    household.circumstances.ieRecordedOn ?? household.agreedPlan?.agreedOn ?? household.asOf
  }

  /// The Breathing Space window `[start, until)`; `until` nil means open-ended.
  var breathingSpaceWindow: (start: CivilDate, until: CivilDate?)? {
    guard let space = household.circumstances.breathingSpace else { return nil }
    switch space.kind {
    case .standard: return (space.start, space.start.adding(days: figures.breathingSpaceDays))
    case .mentalHealth: return (space.start, space.end?.adding(days: figures.mentalHealthExtensionDays))
    }
  }

  /// The advice-hold window `[sought, sought + advice_hold_days)`.
  var adviceHoldWindow: (start: CivilDate, until: CivilDate)? {
    household.circumstances.adviceSoughtOn.map { ($0, $0.adding(days: figures.adviceHoldDays)) }
  }

  /// Every flag that applies, in SPEC §7 table order (SPEC §7), under
  /// `policy`, the pack and version the assessor was made with.
  func flags(
    monthly: Affordability, offers: [PriorityOffer], plan: Plan, guidelines: [GuidelineCheck],
    order: DebtOrder,
    policy: borrowing PolicyReference
  ) -> [Flag] {
    let asOf = household.asOf
    let circumstances = household.circumstances
    var flags: [Flag] = []
    func raise(
      _ code: Flag.Code, _ action: Action, about subject: Flag.Subject? = nil, until: CivilDate? = nil,
      _ message: String
    ) {
      // Room for a few at the first: grown from empty, the array reallocated at the second and third.
      if flags.isEmpty { flags.reserveCapacity(4) }
      flags.append(
        Flag(
          code: code, action: action, subject: subject, until: until,
          rule: figures.rule(for: code), message: message))
    }

    if let window = breathingSpaceWindow, window.until.map({ asOf < $0 }) ?? true {
      let kind: StaticString =
        circumstances.breathingSpace!.kind == .standard
        ? "Breathing Space" : "Mental health crisis Breathing Space"
      var m = MessageText(self)
      m.add(kind)
      m.add(" since ")
      m.add(window.start)
      if let until = window.until {
        m.add(": no collection action until ")
        m.add(until)
        m.add(".")
      } else {
        m.add(" with crisis treatment still going on: no collection action.")
      }
      raise(.breathingSpace, .hold, until: window.until, m.string)
    }
    if let window = adviceHoldWindow, asOf < window.until {
      var m = MessageText(self)
      m.add("Customer sought debt advice on ")
      m.add(window.start)
      m.add(": hold collection until ")
      m.add(window.until)
      m.add(".")
      raise(.adviceHold, .hold, until: window.until, m.string)
    }
    if monthly.availableForPriority.signum < 0 {
      var m = MessageText(self)
      m.add("Outgoings exceed income by ")
      m.add(money: -monthly.availableForPriority)
      m.add(" a month: hold and refer for advice.")
      raise(.deficitBudget, .hold, until: asOf.adding(days: figures.deficitHoldDays), m.string)
    }
    if offers.contains(where: { $0.offer < $0.target }) {
      var m = MessageText(self)
      m.add("Not enough to meet priority arrears targets for ")
      m.add(list: offers.lazy.filter { $0.offer < $0.target }.map(\.debt))
      m.add(": refer for debt advice.")
      raise(.priorityShortfall, .refer, m.string)
    }
    if let insolvency = circumstances.insolvency {
      var m = MessageText(self)
      m.add("Insolvency (")
      m.add(text: insolvency)
      m.add(") in force: stop collection and deal with the insolvency practitioner or official.")
      raise(.insolvency, .stop, m.string)
    }
    if circumstances.vulnerabilities.contains(.mentalCapacity) {
      raise(
        .mentalCapacity, .stop,
        "Customer may lack mental capacity: stop collection and follow the mental capacity policy.")
    }
    for k in order.indices where !disputed.isEmpty && disputed.contains(order[k].id) {
      var m = MessageText(self)
      m.add("Debt ")
      m.add(text: order[k].id)
      m.add(" is disputed: hold collection on it until the dispute is resolved.")
      raise(.dispute, .hold, about: .debt(order[k].id), m.string)
    }
    let drivers = circumstances.vulnerabilities.filter { $0 != .mentalCapacity }
    if !drivers.isEmpty {
      var m = MessageText(self)
      m.add("Vulnerability noted (")
      m.add(list: drivers.lazy.map(\.rawValue))
      m.add("): review the approach and support needed.")
      raise(.vulnerability, .review, m.string)
    }
    for check in guidelines where check.exceeded {
      var m = MessageText(self)
      m.add("Spending on ")
      m.add(text: check.group)
      m.add(" of ")
      m.add(money: check.spend)
      m.add(" is above the guideline of ")
      m.add(money: check.guideline)
      m.add(": review.")
      raise(.guidelineExceeded, .review, about: .group(check.group), m.string)
    }
    if plan.kind == .token {
      let until = household.asOf.adding(months: figures.tokenReviewMonths)
      var m = MessageText(self)
      m.add("Only token payments are affordable: review by ")
      m.add(until)
      m.add(".")
      raise(.tokenPlan, .review, until: until, m.string)
    }
    if let term = plan.termMonths, term > figures.maxTermMonths {
      var m = MessageText(self)
      m.add("The plan runs ")
      m.add(term)
      m.add(" months, longer than ")
      m.add(figures.maxTermMonths)
      m.add(": refer for debt advice.")
      raise(.longTerm, .refer, m.string)
    }
    // A handful of short ids: compared in place, not hashed into sets.
    let outpaced = plan.kind == .proRata ? firstPeriodOutpaced(plan: plan, order: order) : []
    if !outpaced.isEmpty || !plan.stillOwing.isEmpty {
      for k in order.indices {
        let id = order[k].id
        let isOutpaced = outpaced.contains(id)
        guard isOutpaced || plan.stillOwing.contains(where: { $0.debt == id }) else { continue }
        var m = MessageText(self)
        if isOutpaced {
          m.add("Interest on ")
          m.add(text: id)
          m.add(" is at least its payment: the debt never clears; refer.")
        } else {
          m.add("Debt ")
          m.add(text: id)
          m.add(" is still owing after ")
          m.add(figures.maxScheduleMonths)
          m.add(" months; refer.")
        }
        raise(.neverClears, .refer, about: .debt(id), m.string)
      }
    }
    if ieRecordedOn.adding(months: figures.staleIEMonths) <= asOf {
      var m = MessageText(self)
      m.add("The income and expenditure was recorded on ")
      m.add(ieRecordedOn)
      m.add(", over ")
      m.add(figures.staleIEMonths)
      m.add(" months ago: review it.")
      raise(.staleIE, .review, m.string)
    }
    if figuresDatedOn <= asOf {
      var m = MessageText(self)
      m.add("Policy ")
      m.add(text: policy.id)
      m.add(" ")
      m.add(text: policy.version)
      m.add(" figures date from ")
      m.add(versionEffectiveFrom)
      m.add(": check for newer figures.")
      raise(.policyFiguresDated, .info, m.string)
    }
    return flags
  }

  /// Plan debts whose first-period interest is at least their allocation,
  /// for a pro-rata plan over `order`.
  private func firstPeriodOutpaced(plan: Plan, order: DebtOrder) -> [String] {
    var result: [String] = []
    guard !figures.freezeInterest else { return result }
    // A pro-rata plan pays the plan debts (`planDebts`) in their order: each
    // debt is found by position, read in place, with no search by id.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: order.count) { buffer in
      let count = planDebts(order: order, into: buffer)
      precondition(count == plan.payments.count, "a pro-rata plan pays every plan debt")
      for slot in 0..<count {
        let k = buffer[slot]
        assert(plan.payments[slot].debt == order[k].id)
        guard !order[k].interestFrozen, order[k].annualInterestRate.signum > 0 else { continue }
        if firstInterestCovers(
          plan.payments[slot].amount, balance: order[k].balance, annualRate: order[k].annualInterestRate)
        {
          result.append(order[k].id)
        }
      }
    }
    return result
  }

  /// Whether a month's interest on `balance` at `annualRate`, rounded to the
  /// minor unit by the pack's interest rounding, is at least `payment`
  /// (amounts in major units). On Int128 when the figures are machine-sized,
  /// comparing whole minor units scaled by the payment's denominator, instead
  /// of a Rational multiply, divide and round; exact either way.
  func firstInterestCovers(_ payment: Rational, balance: Rational, annualRate: Rational) -> Bool {
    if case (let bn, let bd)? = balance.machineParts, case (let rn, let rd)? = annualRate.machineParts,
      case (let pn, let pd)? = payment.machineParts, currency.minorDigits < MessageText.powersOfTen.count
    {
      // The interest is round(b·r/12 · 10^digits) minor units; the payment
      // is pn/pd · 10^digits of them.
      let scale = Int128(MessageText.powersOfTen[currency.minorDigits])
      let (numerator, o1) = (Int128(bn) * Int128(rn)).multipliedReportingOverflow(by: scale)
      let (denominator, o2) = (Int128(bd) * Int128(rd)).multipliedReportingOverflow(by: 12)
      if !o1 && !o2 {
        let interest = Rational.roundedQuotient(numerator, denominator, figures.interestRounding)
        let (left, o3) = interest.multipliedReportingOverflow(by: Int128(pd))
        let (right, o4) = Int128(pn).multipliedReportingOverflow(by: scale)
        if !o3 && !o4 { return left >= right }
      }
    }
    return minor(balance * annualRate / 12, figures.interestRounding) >= payment
  }
}
