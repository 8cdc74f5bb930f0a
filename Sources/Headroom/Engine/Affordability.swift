extension Assessor {
  /// Monthly income, outgoings and availability, and the priority arrears
  /// offers walked in priority order (SPEC §4).
  func affordability(order: [Debt]) -> (Affordability, [PriorityOffer]) {
    var income = Rational.zero
    for index in household.income.indices {
      income += figures.monthly(household.income[index].amount, household.income[index].frequency)
    }
    var expenditure = Rational.zero
    var savings = Rational.zero
    var adminFee = Rational.zero
    var housing = Rational.zero
    for index in household.expenditure.indices {
      let line = household.expenditure[index]
      let monthly = figures.monthly(line.amount, line.frequency)
      switch line.category.role {
      case .savings: savings += monthly
      case .adminFee: adminFee += monthly
      case .other:
        expenditure += monthly
        if let rule = figures.protectedAmount, rule.isHousing(line.category) { housing += monthly }
      }
    }
    var protected: Rational?
    var outgoings = expenditure
    if let rule = figures.protectedAmount {
      protected = rule.norm(for: household.household) + housing
      outgoings = protected!
    }
    let availableForPriority = income - outgoings - savings - adminFee

    var remaining = availableForPriority
    var offers: [PriorityOffer] = []
    for debt in order where isPriority(debt) && debt.arrears.signum > 0 && !disputed.contains(debt.id) {
      let months = debt.arrearsMonths ?? figures.priorityArrearsMonths
      let target =
        debt.requiredPayment.map(figures.monthly) ?? minor(debt.arrears / Rational(months), .ceiling)
      let offer = min(target, max(.zero, minor(remaining, .floor)))
      remaining -= offer
      offers.append(
        PriorityOffer(
          debt: debt.id, target: target, offer: offer,
          consequence: priorityKinds[debtIndex[debt.id]!]!.consequence))
    }
    let availableForNonPriority = offers.reduce(availableForPriority) { $0 - $1.offer }
    let monthly = Affordability(
      income: income, expenditure: expenditure, savings: savings, adminFee: adminFee, protected: protected,
      availableForPriority: availableForPriority, availableForNonPriority: availableForNonPriority)
    return (monthly, offers)
  }

  /// Spend against each guideline group the pack has a figure for.
  func guidelineChecks() -> [GuidelineCheck] {
    figures.guidelines.map { guideline in
      var spend = Rational.zero
      for line in household.expenditure where line.category.group == guideline.group {
        spend += figures.monthly(line.amount, line.frequency)
      }
      let limit = guideline.amount(for: household.household)
      return GuidelineCheck(group: guideline.group, spend: spend, guideline: limit, exceeded: spend > limit)
    }
  }
}
