extension Assessor {
  /// The tolerance around a fair share: the larger of the pack's minimum and fraction (SPEC §9.1).
  func tolerance(around fair: Rational) -> Rational {
    max(figures.offerToleranceMinimum, figures.offerToleranceFraction * fair)
  }

  /// Checks an offer made for one debt (SPEC §9.1).
  func checkOffer(
    _ offer: Offer, monthly: Affordability, offers: [PriorityOffer], plan: Plan, flags: [Flag],
    recommendation: Recommendation
  ) -> OfferCheck {
    let debt = household.debt(offer.debt)!
    let amount = figures.monthly(offer.payment)
    let priority = isPriority(debt)
    let fair =
      priority
      ? offers.first { $0.debt == debt.id }?.offer ?? .zero
      : plan.payments.first { $0.debt == debt.id }?.amount ?? .zero
    let available = priority ? monthly.availableForPriority : monthly.availableForNonPriority
    let tolerance = tolerance(around: fair)
    let holding = flags.first { $0.subject == .debt(debt.id) && $0.action >= .hold }

    let verdict: OfferCheck.Verdict
    let reason: String
    let offered = "\(text(amount)) a month"
    if recommendation == .stop || recommendation == .hold || holding != nil {
      verdict = .hold
      let cause = holding?.code ?? flags.filter { $0.isCaseLevel }.max { $0.action < $1.action }!.code
      reason = "Do not agree \(offered) now: collection is on hold (\(cause.rawValue))."
    } else if amount > available {
      verdict = .unaffordable
      reason =
        "\(offered) is more than the \(text(available)) a month available\(priority ? "" : " for non-priority debts")."
    } else if amount - fair > tolerance {
      verdict = .aboveFairShare
      reason =
        "\(offered) is more than this debt's fair share of \(text(fair)); other creditors would get less."
    } else if fair - amount > tolerance {
      verdict = .belowFairShare
      reason = "\(offered) is less than this debt's fair share of \(text(fair))."
    } else {
      verdict = .realistic
      reason = "\(offered) is realistic: within \(text(tolerance)) of the fair share of \(text(fair))."
    }
    return OfferCheck(
      debt: debt.id, verdict: verdict, monthlyOffer: amount, fairShare: fair, available: available,
      tolerance: tolerance,
      reason: reason)
  }
}
