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
    let id = offer.debt
    let priority = isPriority(at: debtIndex[id]!)
    let amount = figures.monthly(offer.payment)
    var fair = Rational.zero
    if priority {
      if let k = offers.firstIndex(where: { $0.debt == id }) { fair = offers[k].offer }
    } else {
      if let k = plan.payments.firstIndex(where: { $0.debt == id }) { fair = plan.payments[k].amount }
    }
    let available = priority ? monthly.availableForPriority : monthly.availableForNonPriority
    let tolerance = tolerance(around: fair)
    // The first flag on this debt that holds it, and else the first of the
    // strongest case-level flags.
    var holding: Flag.Code?
    for flag in flags where flag.action >= .hold {
      if case .debt(let subject) = flag.subject, subject == id {
        holding = flag.code
        break
      }
    }

    let verdict: OfferCheck.Verdict
    var m = MessageText(self)
    if recommendation == .stop || recommendation == .hold || holding != nil {
      verdict = .hold
      var cause: Flag.Code! = holding
      if cause == nil {
        var strongest: Action?
        for flag in flags where flag.isCaseLevel && strongest.map({ $0 < flag.action }) ?? true {
          strongest = flag.action
          cause = flag.code
        }
      }
      m.add("Do not agree ")
      m.add(money: amount)
      m.add(" a month now: collection is on hold (")
      m.add(text: cause.rawValue)
      m.add(").")
    } else if amount > available {
      verdict = .unaffordable
      m.add(money: amount)
      m.add(" a month is more than the ")
      m.add(money: available)
      m.add(priority ? " a month available." : " a month available for non-priority debts.")
    } else if amount - fair > tolerance {
      verdict = .aboveFairShare
      m.add(money: amount)
      m.add(" a month is more than this debt's fair share of ")
      m.add(money: fair)
      m.add("; other creditors would get less.")
    } else if fair - amount > tolerance {
      verdict = .belowFairShare
      m.add(money: amount)
      m.add(" a month is less than this debt's fair share of ")
      m.add(money: fair)
      m.add(".")
    } else {
      verdict = .realistic
      m.add(money: amount)
      m.add(" a month is realistic: within ")
      m.add(money: tolerance)
      m.add(" of the fair share of ")
      m.add(money: fair)
      m.add(".")
    }
    let reason = m.string
    return OfferCheck(
      debt: id, verdict: verdict, monthlyOffer: amount, fairShare: fair, available: available,
      tolerance: tolerance,
      reason: reason)
  }
}
