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
      find(
        .planUnaffordable, .breach,
        "The plan pays \(text(total)) a month to non-priority debts; \(text(monthly.availableForNonPriority)) is available."
      )
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
        find(
          .fairShareDeviation, .concern, about: debt.id,
          "Pays \(text(amount)) a month against a fair share of \(text(fairShare)) of the same total.")
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
      find(
        .agreedDuringHold, .breach, "Agreed on \(agreedOn), during Breathing Space (from \(window.start)).")
    }
    if let window = adviceHoldWindow, window.start <= agreedOn, agreedOn < window.until {
      find(
        .agreedDuringHold, .breach,
        "Agreed on \(agreedOn), during the debt-advice hold (\(window.start) to \(window.until)).")
    }
    for debt in order where disputed.contains(debt.id) && (paid[debt.id]?.signum ?? 0) > 0 {
      find(.agreedDuringHold, .breach, about: debt.id, "The plan pays \(debt.id), which is disputed.")
    }
    let asOf = household.asOf
    if agreedOn.adding(months: figures.planReviewMonths) <= asOf
      && ieRecordedOn.adding(months: figures.staleIEMonths) <= asOf
    {
      find(
        .reviewOverdue, .concern,
        "Agreed on \(agreedOn) and the I&E of \(ieRecordedOn) is over \(figures.staleIEMonths) months old.")
    }
    if !agreed.payments.isEmpty
      && agreed.payments.allSatisfy({ figures.monthly($0.payment) <= figures.tokenPayment })
      && agreedOn.adding(months: figures.tokenReviewMonths) <= asOf
    {
      find(
        .tokenReviewOverdue, .concern,
        "Token payments agreed on \(agreedOn) were due for review after \(figures.tokenReviewMonths) months.")
    }
    let entries = nonPriority.filter { $0.balance.signum > 0 }.map { debt in
      scheduleEntry(debtIndex[debt.id]!, balance: debt.balance, payment: paid[debt.id]!, isPriority: false)
    }
    let run = runSchedule(entries, redistributing: nil, horizon: figures.maxTermMonths, recordRows: false)
    if !run.stillOwing.isEmpty {
      find(
        .longTerm, .concern,
        "At the agreed payments, " + run.stillOwing.map(\.debt).joined(separator: ", ")
          + " would not clear within \(figures.maxTermMonths) months.")
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
