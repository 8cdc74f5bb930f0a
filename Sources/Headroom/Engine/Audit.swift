extension Assessor {
  /// Audits an agreed plan for affordability and fairness (SPEC §9.2).
  func audit(
    _ agreed: AgreedPlan, monthly: Affordability, offers: [PriorityOffer], flags: [Flag], order: DebtOrder
  ) -> Audit {
    // The amount paid and whether it would still owe, per debt by position
    // in `order`, in stack buffers rather than arrays made and freed per audit.
    withUnsafeTemporaryAllocation(of: Rational?.self, capacity: order.count) { paid -> Audit in
      withUnsafeTemporaryAllocation(of: Bool.self, capacity: order.count) { owing -> Audit in
        var findings: [Audit.Finding] = []
        func find(
          _ code: Audit.Finding.Code, _ severity: Audit.Finding.Severity, about subject: String? = nil,
          _ detail: String
        ) {
          // Room for a few at the first: grown from empty, the array reallocated at the second and third.
          if findings.isEmpty { findings.reserveCapacity(4) }
          findings.append(Audit.Finding(code: code, severity: severity, subject: subject, detail: detail))
        }

        // Debts are read in place by their position in `order`, never copied out.
        let count = order.count
        func priority(_ k: Int) -> Bool { isPriority(at: order.positions[k]) }

        // The monthly amount paid per debt (nil: the plan does not pay it), and
        // whether every payment's monthly equivalent is at most the token
        // payment (counted as they go: no list of them kept).
        var allTokens = true
        paid.initialize(repeating: nil)
        defer { paid.deinitialize() }
        // Each payment's debt is found as the payment is read: no list of
        // positions made (a lazy map of ids fed to one was not specialized).
        let byID = Self.positionsByID(in: order)
        for k in agreed.payments.indices {
          let amount = figures.monthly(agreed.payments[k].payment)
          if allTokens && amount > figures.tokenPayment { allTokens = false }
          if let position = Self.position(of: agreed.payments[k].debt, in: order, byID: byID) {
            paid[position] = (paid[position] ?? .zero) + amount
          }
        }
        var total = Rational.zero
        for k in 0..<count where !priority(k) {
          if let amount = paid[k] { total = total + amount }
        }

        if total > monthly.availableForNonPriority {
          var m = MessageText(self)
          m.add("The plan pays ")
          m.add(money: total)
          m.add(" a month to non-priority debts; ")
          m.add(money: monthly.availableForNonPriority)
          m.add(" is available.")
          find(.planUnaffordable, .breach, m.string)
        }

        // The §5.1 plan debts, by position, each with its fair share: written
        // straight into the audit's list, no list of fair shares made.
        let checkDisputes = !disputed.isEmpty
        var shares: [(debt: String, paid: Rational, fair: Rational)] = []
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { buffer in
          let planned = UnsafeBufferPointer(rebasing: buffer[..<planDebts(order: order, into: buffer)])
          shares.reserveCapacity(planned.count)
          fairShares(of: minor(total, .floor), over: planned, in: order) { slot, fair in
            let k = planned[slot]
            shares.append((order[k].id, paid[k] ?? .zero, fair))
          }
        }
        var maxDeviation = Rational.zero
        for index in shares.indices {
          let amount = shares[index].paid
          let fairShare = shares[index].fair
          let gap = (amount - fairShare).magnitude
          if gap > tolerance(around: fairShare) {
            var m = MessageText(self)
            m.add("Pays ")
            m.add(money: amount)
            m.add(" a month against a fair share of ")
            m.add(money: fairShare)
            m.add(" of the same total.")
            find(.fairShareDeviation, .concern, about: shares[index].debt, m.string)
          }
          if fairShare.signum > 0 {
            let deviation = gap / fairShare
            if deviation > maxDeviation { maxDeviation = deviation }
          }
        }

        if total.signum > 0 && offers.contains(where: { $0.offer < $0.target }) {
          find(
            .priorityNeglected, .breach,
            "Priority arrears targets are not met while non-priority debts are paid."
          )
        }
        let agreedOn = agreed.agreedOn
        if let window = breathingSpaceWindow, window.start <= agreedOn,
          window.until.map({ agreedOn < $0 }) ?? true
        {
          var m = MessageText(self)
          m.add("Agreed on ")
          m.add(agreedOn)
          m.add(", during Breathing Space (from ")
          m.add(window.start)
          m.add(").")
          find(.agreedDuringHold, .breach, m.string)
        }
        if let window = adviceHoldWindow, window.start <= agreedOn, agreedOn < window.until {
          var m = MessageText(self)
          m.add("Agreed on ")
          m.add(agreedOn)
          m.add(", during the debt-advice hold (")
          m.add(window.start)
          m.add(" to ")
          m.add(window.until)
          m.add(").")
          find(.agreedDuringHold, .breach, m.string)
        }
        if checkDisputes {
          for k in 0..<count where (paid[k]?.signum ?? 0) > 0 && disputed.contains(order[k].id) {
            var m = MessageText(self)
            m.add("The plan pays ")
            m.add(text: order[k].id)
            m.add(", which is disputed.")
            find(.agreedDuringHold, .breach, about: order[k].id, m.string)
          }
        }
        let asOf = household.asOf
        if agreedOn.adding(months: figures.planReviewMonths) <= asOf
          && ieRecordedOn.adding(months: figures.staleIEMonths) <= asOf
        {
          var m = MessageText(self)
          m.add("Agreed on ")
          m.add(agreedOn)
          m.add(" and the I&E of ")
          m.add(ieRecordedOn)
          m.add(" is over ")
          m.add(figures.staleIEMonths)
          m.add(" months old.")
          find(.reviewOverdue, .concern, m.string)
        }
        if !agreed.payments.isEmpty && allTokens
          && agreedOn.adding(months: figures.tokenReviewMonths) <= asOf
        {
          var m = MessageText(self)
          m.add("Token payments agreed on ")
          m.add(agreedOn)
          m.add(" were due for review after ")
          m.add(figures.tokenReviewMonths)
          m.add(" months.")
          find(.tokenReviewOverdue, .concern, m.string)
        }

        // LONG_TERM: the paid non-priority debts that would still owe after
        // `max_term_months` periods of the §5.3 schedule, redistribution off.
        // With redistribution off each debt runs on its own, so a debt whose
        // outcome the bounds of `clearsWithin` settle is left out of the run.
        let horizon = figures.maxTermMonths
        owing.initialize(repeating: false)
        var anyOwing = false
        func markOwing(_ k: Int) {
          owing[k] = true
          anyOwing = true
        }
        var entries: [ScheduleEntry] = []
        var entryPositions: [Int] = []
        for k in 0..<count where !priority(k) && order[k].balance.signum > 0 {
          guard let payment = paid[k] else { continue }
          switch clearsWithin(
            horizon, balance: order[k].balance, payment: payment, annualRate: order[k].annualInterestRate,
            interestFrozen: order[k].interestFrozen)
          {
          case true?: continue
          case false?: markOwing(k)
          case nil:
            // The debt's own position: `firstIndex { $0.id == … }` copies each Debt it passes.
            entries.append(
              scheduleEntry(
                order.positions[k], balance: order[k].balance, payment: payment, isPriority: false))
            entryPositions.append(k)
          }
        }
        if !entries.isEmpty {
          let run = runSchedule(entries, redistributing: nil, horizon: horizon, recordRows: false)
          var e = 0
          for still in run.stillOwing {
            while entries[e].id != still.debt { e += 1 }  // stillOwing keeps the entries' order
            markOwing(entryPositions[e])
          }
        }
        if anyOwing {
          var m = MessageText(self)
          m.add("At the agreed payments, ")
          // `add(list:)` written out: over a lazy filter and map it was not specialized.
          var first = true
          for k in 0..<count where owing[k] {
            if !first { m.add(", ") }
            first = false
            m.add(text: order[k].id)
          }
          m.add(" would not clear within ")
          m.add(horizon)
          m.add(" months.")
          find(.longTerm, .concern, m.string)
        }
        return Audit(
          findings: findings, maxShareDeviation: maxDeviation, nonPriorityTotal: total, shares: shares)
      }
    }
  }

  /// Each id's first position in `order`, for an order too long to search;
  /// nil for a short one (see `position(of:in:byID:)`).
  static func positionsByID(in order: DebtOrder) -> [String: Int]? {
    guard order.count > 32 else { return nil }
    var byID: [String: Int] = [:]
    byID.reserveCapacity(order.count)
    for k in order.indices where byID[order[k].id] == nil { byID[order[k].id] = k }
    return byID
  }

  /// The first position of `id` in `order` (nil when it is not there): from
  /// `byID` when there is one, else by comparing the few short ids, which
  /// beats hashing them.
  static func position(of id: String, in order: DebtOrder, byID: [String: Int]?) -> Int? {
    if let byID { return byID[id] }
    for k in order.indices where order[k].id == id { return k }
    return nil
  }

  /// Whether a non-priority debt paying `payment` a month (major units, no
  /// redistribution) clears within `horizon` periods of the §5.3 schedule,
  /// when bounds settle it without running the months; nil otherwise.
  /// `annualRate` and `interestFrozen` are the debt's own fields (passing the
  /// Debt out of an array would copy it).
  ///
  /// In minor units, with balance B > 0, payment p and monthly rate r, each
  /// month's interest is round(b·r) for the balance b then, which rounding
  /// keeps between floor(b·r) and ceil(b·r) and which never falls as b falls.
  /// - If p > ceil(B·r), the balance falls by at least p − ceil(B·r) a month
  ///   until it clears, so it clears within the horizon when
  ///   B ≤ horizon · (p − ceil(B·r)).
  /// - If p ≤ floor(B·r), the balance never falls below B and never clears.
  /// With no interest both tests are exact.
  func clearsWithin(
    _ horizon: Int, balance: Rational, payment: Rational, annualRate: Rational, interestFrozen: Bool
  ) -> Bool? {
    guard let (bn, bd) = balance.machineParts, let (pn, pd) = payment.machineParts,
      currency.minorDigits < MessageText.powersOfTen.count, bn > 0, pn >= 0
    else { return nil }
    let scale = Int128(MessageText.powersOfTen[currency.minorDigits])
    let b = Int128(bn) * scale  // B = b / bd minor units
    let p = Int128(pn) * scale  // p = p / pd minor units
    var ceilInterest: Int128 = 0
    var floorInterest: Int128 = 0
    let frozen = interestFrozen || figures.freezeInterest
    if !frozen && annualRate.signum > 0 {
      guard let (rn, rd) = (annualRate / 12).machineParts else { return nil }
      // B·r = b·rn / (bd·rd)
      let (numerator, o1) = b.multipliedReportingOverflow(by: Int128(rn))
      let (denominator, o2) = Int128(bd).multipliedReportingOverflow(by: Int128(rd))
      guard !o1, !o2 else { return nil }
      floorInterest = Rational.roundedQuotient(numerator, denominator, .floor)
      ceilInterest = Rational.roundedQuotient(numerator, denominator, .ceiling)
    }
    // p > ceil(B·r)  ⟺  p − ceil(B·r)·pd > 0, in units of 1/pd.
    let (ceilScaled, o3) = ceilInterest.multipliedReportingOverflow(by: Int128(pd))
    let (floorScaled, o4) = floorInterest.multipliedReportingOverflow(by: Int128(pd))
    guard !o3, !o4 else { return nil }
    let margin = p - ceilScaled
    if margin > 0 {
      // B ≤ horizon · margin / pd  ⟺  b·pd ≤ horizon · margin · bd
      let (left, o5) = b.multipliedReportingOverflow(by: Int128(pd))
      let (right1, o6) = margin.multipliedReportingOverflow(by: Int128(horizon))
      let (right, o7) = right1.multipliedReportingOverflow(by: Int128(bd))
      guard !o5, !o6, !o7 else { return nil }
      if left <= right { return true }
      if ceilInterest == 0 { return false }  // no interest: the bound is exact
      return nil
    }
    if p <= floorScaled { return false }
    return nil
  }

  /// The §5.2 split of `amount` over the debts at `positions` in `order`, the
  /// token rule included: ``split(_:over:in:_:)`` in major units, or token
  /// payments when the minimums cannot all be met. Each share goes to
  /// `share` with its slot in `positions`, in slot order.
  func fairShares(
    of amount: Rational, over positions: UnsafeBufferPointer<Int>, in order: DebtOrder,
    _ share: (_ slot: Int, _ fair: Rational) -> Void
  ) {
    guard !positions.isEmpty else { return }
    if amount >= figures.minPayment * Rational(positions.count),
      split(amount, over: positions, in: order, share) != nil
    {
      return
    }
    for slot in positions.indices { share(slot, min(figures.tokenPayment, order[positions[slot]].balance)) }
  }
}
