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

  /// Every flag that applies, in SPEC §7 table order (SPEC §7).
  func flags(
    monthly: Affordability, offers: [PriorityOffer], plan: Plan, guidelines: [GuidelineCheck], order: [Debt]
  ) -> [Flag] {
    let asOf = household.asOf
    let circumstances = household.circumstances
    var flags: [Flag] = []
    func raise(
      _ code: Flag.Code, _ action: Action, about subject: Flag.Subject? = nil, until: CivilDate? = nil,
      _ message: String
    ) {
      flags.append(
        Flag(
          code: code, action: action, subject: subject, until: until,
          rule: figures.rules[code.rawValue] ?? "", message: message))
    }

    if let window = breathingSpaceWindow, window.until.map({ asOf < $0 }) ?? true {
      let kind =
        circumstances.breathingSpace!.kind == .standard
        ? "Breathing Space" : "Mental health crisis Breathing Space"
      raise(
        .breathingSpace, .hold, until: window.until,
        window.until.map { "\(kind) since \(window.start): no collection action until \($0)." }
          ?? "\(kind) since \(window.start) with crisis treatment still going on: no collection action.")
    }
    if let window = adviceHoldWindow, asOf < window.until {
      raise(
        .adviceHold, .hold, until: window.until,
        "Customer sought debt advice on \(window.start): hold collection until \(window.until).")
    }
    if monthly.availableForPriority.signum < 0 {
      raise(
        .deficitBudget, .hold, until: asOf.adding(days: figures.deficitHoldDays),
        "Outgoings exceed income by \(text(-monthly.availableForPriority)) a month: hold and refer for advice."
      )
    }
    let short = offers.filter { $0.offer < $0.target }
    if !short.isEmpty {
      raise(
        .priorityShortfall, .refer,
        "Not enough to meet priority arrears targets for " + short.map(\.debt).joined(separator: ", ")
          + ": refer for debt advice.")
    }
    if let insolvency = circumstances.insolvency {
      raise(
        .insolvency, .stop,
        "Insolvency (\(insolvency)) in force: stop collection and deal with the insolvency practitioner or official."
      )
    }
    if circumstances.vulnerabilities.contains(.mentalCapacity) {
      raise(
        .mentalCapacity, .stop,
        "Customer may lack mental capacity: stop collection and follow the mental capacity policy.")
    }
    for debt in order where disputed.contains(debt.id) {
      raise(
        .dispute, .hold, about: .debt(debt.id),
        "Debt \(debt.id) is disputed: hold collection on it until the dispute is resolved.")
    }
    let drivers = circumstances.vulnerabilities.filter { $0 != .mentalCapacity }
    if !drivers.isEmpty {
      raise(
        .vulnerability, .review,
        "Vulnerability noted (" + drivers.map(\.rawValue).joined(separator: ", ")
          + "): review the approach and support needed.")
    }
    for check in guidelines where check.exceeded {
      raise(
        .guidelineExceeded, .review, about: .group(check.group),
        "Spending on \(check.group) of \(text(check.spend)) is above the guideline of \(text(check.guideline)): review."
      )
    }
    if plan.kind == .token {
      let until = household.asOf.adding(months: figures.tokenReviewMonths)
      raise(.tokenPlan, .review, until: until, "Only token payments are affordable: review by \(until).")
    }
    if let term = plan.termMonths, term > figures.maxTermMonths {
      raise(
        .longTerm, .refer,
        "The plan runs \(term) months, longer than \(figures.maxTermMonths): refer for debt advice.")
    }
    let owing = Set(plan.stillOwing.map(\.debt))
    let outpaced = plan.kind == .proRata ? firstPeriodOutpaced(plan: plan, order: order) : []
    for debt in order where outpaced.contains(debt.id) || owing.contains(debt.id) {
      raise(
        .neverClears, .refer, about: .debt(debt.id),
        outpaced.contains(debt.id)
          ? "Interest on \(debt.id) is at least its payment: the debt never clears; refer."
          : "Debt \(debt.id) is still owing after \(figures.maxScheduleMonths) months; refer.")
    }
    if ieRecordedOn.adding(months: figures.staleIEMonths) <= asOf {
      raise(
        .staleIE, .review,
        "The income and expenditure was recorded on \(ieRecordedOn), over \(figures.staleIEMonths) months ago: review it."
      )
    }
    if version.effectiveFrom.adding(months: figures.figuresDatedMonths) <= asOf {
      raise(
        .policyFiguresDated, .info,
        "Policy \(pack.id) \(version.version) figures date from \(version.effectiveFrom): check for newer figures."
      )
    }
    return flags
  }

  /// Plan debts whose first-period interest is at least their allocation.
  private func firstPeriodOutpaced(plan: Plan, order: [Debt]) -> Set<String> {
    var result: Set<String> = []
    for (id, payment) in plan.payments {
      let debt = household.debt(id)!
      guard !(debt.interestFrozen || figures.freezeInterest), debt.annualInterestRate.signum > 0 else {
        continue
      }
      let interest = minor(debt.balance * debt.annualInterestRate / 12, figures.interestRounding)
      if interest >= payment { result.insert(id) }
    }
    return result
  }
}
