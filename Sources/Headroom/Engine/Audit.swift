extension Assessor {
  /// Audits an agreed plan for affordability and fairness (SPEC §9.2).
  func audit(
    _ agreed: AgreedPlan, monthly: Affordability, offers: [PriorityOffer], flags: [Flag], order: [Debt]
  ) -> Audit {
    var findings: [Audit.Finding] = []
    func find(
      _ code: Audit.Finding.Code, _ severity: Audit.Finding.Severity, about subject: String? = nil,
      _ detail: String
    ) {
      findings.append(Audit.Finding(code: code, severity: severity, subject: subject, detail: detail))
    }

    // Monthly amount paid per debt, exact.
    var paid: [String: Rational] = [:]
    for (debt, payment) in agreed.payments { paid[debt, default: .zero] += figures.monthly(payment) }
    let nonPriority = order.filter { !isPriority($0) && paid[$0.id] != nil }
    let total = nonPriority.reduce(Rational.zero) { $0 + paid[$1.id]! }

    if total > monthly.availableForNonPriority {
      var m = MessageText(self)
      m.add("The plan pays ")
      m.add(money: total)
      m.add(" a month to non-priority debts; ")
      m.add(money: monthly.availableForNonPriority)
      m.add(" is available.")
      find(.planUnaffordable, .breach, m.string)
    }

    let debts = planDebts(order: order)
    let fair = fairShares(of: minor(total, .floor), over: debts)
    var shares: [(debt: String, paid: Rational, fair: Rational)] = []
    var maxDeviation = Rational.zero
    for (debt, fairShare) in zip(debts, fair) {
      let amount = paid[debt.id] ?? .zero
      shares.append((debt.id, amount, fairShare))
      let gap = (amount - fairShare).magnitude
      if gap > tolerance(around: fairShare) {
        var m = MessageText(self)
        m.add("Pays ")
        m.add(money: amount)
        m.add(" a month against a fair share of ")
        m.add(money: fairShare)
        m.add(" of the same total.")
        find(.fairShareDeviation, .concern, about: debt.id, m.string)
      }
      if fairShare.signum > 0 { maxDeviation = max(maxDeviation, gap / fairShare) }
    }

    if offers.contains(where: { $0.offer < $0.target }) && total.signum > 0 {
      find(
        .priorityNeglected, .breach, "Priority arrears targets are not met while non-priority debts are paid."
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
    for debt in order where disputed.contains(debt.id) && (paid[debt.id]?.signum ?? 0) > 0 {
      var m = MessageText(self)
      m.add("The plan pays ")
      m.add(text: debt.id)
      m.add(", which is disputed.")
      find(.agreedDuringHold, .breach, about: debt.id, m.string)
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
    if !agreed.payments.isEmpty
      && agreed.payments.allSatisfy({ figures.monthly($0.payment) <= figures.tokenPayment })
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
    let entries = nonPriority.filter { $0.balance.signum > 0 }.map { debt in
      scheduleEntry(debtIndex[debt.id]!, balance: debt.balance, payment: paid[debt.id]!, isPriority: false)
    }
    let run = runSchedule(entries, redistributing: nil, horizon: figures.maxTermMonths, recordRows: false)
    if !run.stillOwing.isEmpty {
      var m = MessageText(self)
      m.add("At the agreed payments, ")
      m.add(list: run.stillOwing.lazy.map(\.debt))
      m.add(" would not clear within ")
      m.add(figures.maxTermMonths)
      m.add(" months.")
      find(.longTerm, .concern, m.string)
    }
    return Audit(findings: findings, maxShareDeviation: maxDeviation, nonPriorityTotal: total, shares: shares)
  }

  /// The §5.2 split of `amount` over `debts`, the token rule included.
  func fairShares(of amount: Rational, over debts: [Debt]) -> [Rational] {
    guard !debts.isEmpty else { return [] }
    if amount < figures.minPayment * Rational(debts.count) {
      return debts.map { min(figures.tokenPayment, $0.balance) }
    }
    guard let allocation = split(amount, over: debts, balances: debts.map(\.balance)) else {
      return debts.map { min(figures.tokenPayment, $0.balance) }
    }
    return allocation.shares.map(fromUnits)
  }
}
