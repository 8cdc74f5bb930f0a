extension Assessment {
  /// The SPEC §9 result as one line of JSON, keys in contract order.
  ///
  /// The same assessment always gives the same bytes.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter()
    write(to: &writer)
    return writer.bytes
  }

  /// Money as written: fixed decimals, rounded by the pack's display mode (R1).
  public func text(_ amount: Rational) -> String {
    Money(rounding: amount, displayRounding, currency: currency).description
  }

  func write(to w: inout JSONWriter) {
    let digits = currency.minorDigits
    let mode = displayRounding
    /// Money as written, straight into the buffer when it fits machine integers.
    func money(_ amount: Rational) {
      let units = amount.scaled(byPowerOfTen: digits).rounded(mode)
      if let small = units.exactInt {
        w.fixedDecimal(minorUnits: Int64(small), digits: digits)
      } else {
        w.string(Money.format(minorUnits: units, minorDigits: digits))
      }
    }
    w.beginObject()
    w.key("id")
    w.string(caseID)
    w.key("as_of")
    w.string(asOf.description)
    w.key("policy")
    policy.write(to: &w)
    w.key("currency")
    w.string(currency.code)

    let figures: [(String, Rational?)] = [
      ("income", monthly.income), ("expenditure", monthly.expenditure), ("savings", monthly.savings),
      ("admin_fee", monthly.adminFee), ("protected", monthly.protected),
      ("available_for_priority", monthly.availableForPriority),
      ("available_for_non_priority", monthly.availableForNonPriority),
    ]
    w.key("monthly")
    w.beginObject()
    for (name, value) in figures {
      if let value {
        w.key(name)
        money(value)
      }
    }
    w.endObject()
    w.key("exact")
    w.beginObject()
    for (name, value) in figures {
      if let value {
        w.key(name)
        w.exact(value)
      }
    }
    w.endObject()

    w.key("order")
    w.beginArray()
    for id in order { w.string(id) }
    w.endArray()

    w.key("priority_offers")
    w.beginArray()
    for offer in priorityOffers {
      w.beginObject()
      w.key("debt")
      w.string(offer.debt)
      w.key("target")
      money(offer.target)
      w.key("offer")
      money(offer.offer)
      w.key("consequence")
      w.string(offer.consequence)
      w.endObject()
    }
    w.endArray()

    w.key("plan")
    w.beginObject()
    w.key("kind")
    w.string(plan.kind.rawValue)
    w.key("pot")
    money(plan.pot)
    w.key("unallocated")
    money(plan.unallocated)
    w.key("payments")
    w.beginArray()
    for payment in plan.payments {
      w.beginObject()
      w.key("debt")
      w.string(payment.debt)
      w.key("amount")
      money(payment.amount)
      w.endObject()
    }
    w.endArray()
    w.key("term_months")
    w.int(plan.termMonths)
    w.key("review_on")
    w.string(plan.reviewOn?.description)
    w.key("clears")
    w.beginArray()
    for clear in plan.clears {
      w.beginObject()
      w.key("debt")
      w.string(clear.debt)
      w.key("month")
      w.int(clear.month)
      w.endObject()
    }
    w.endArray()
    w.key("total_interest")
    money(plan.totalInterest)
    if !plan.stillOwing.isEmpty {
      w.key("still_owing")
      w.beginArray()
      for owing in plan.stillOwing {
        w.beginObject()
        w.key("debt")
        w.string(owing.debt)
        w.key("balance")
        money(owing.balance)
        w.endObject()
      }
      w.endArray()
    }
    w.endObject()

    w.key("guidelines")
    w.beginArray()
    for check in guidelines {
      w.beginObject()
      w.key("group")
      w.string(check.group)
      w.key("spend")
      money(check.spend)
      w.key("guideline")
      money(check.guideline)
      w.key("exceeded")
      w.bool(check.exceeded)
      w.endObject()
    }
    w.endArray()

    w.key("flags")
    w.beginArray()
    for flag in flags {
      w.beginObject()
      w.key("code")
      w.string(flag.code.rawValue)
      w.key("action")
      w.string(flag.action.name)
      w.key("subject")
      w.string(flag.subject?.name)
      w.key("until")
      w.string(flag.until?.description)
      w.key("rule")
      w.string(flag.rule)
      w.key("message")
      w.string(flag.message)
      w.endObject()
    }
    w.endArray()

    if let check = offerCheck {
      w.key("offer_check")
      w.beginObject()
      w.key("verdict")
      w.string(check.verdict.rawValue)
      w.key("monthly_offer")
      money(check.monthlyOffer)
      w.key("fair_share")
      money(check.fairShare)
      w.key("available")
      money(check.available)
      w.key("reason")
      w.string(check.reason)
      w.endObject()
    }

    if let audit {
      w.key("audit")
      Audit.write(findings: audit.findings, maxShareDeviation: audit.maxShareDeviation, to: &w)
    }

    w.key("recommendation")
    w.string(recommendation.rawValue)
    w.endObject()
  }
}

extension PolicyReference {
  /// `{"id", "version", "digest"[, "overlay_digest"]}`.
  func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("id")
    w.string(id)
    w.key("version")
    w.string(version)
    w.key("digest")
    w.string(digest)
    if let overlayDigest {
      w.key("overlay_digest")
      w.string(overlayDigest)
    }
    w.endObject()
  }
}

extension Audit {
  /// A share deviation as the SPEC writes it: a decimal to 4 places, half up.
  public static func deviationText(_ deviation: Rational) -> String {
    Money.format(minorUnits: deviation.scaled(byPowerOfTen: 4).rounded(.halfUp), minorDigits: 4)
  }

  /// The SPEC §9.2 `audit` object: `{"findings": [...], "max_share_deviation"}`.
  static func write(findings: [Finding], maxShareDeviation: Rational, to w: inout JSONWriter) {
    w.beginObject()
    w.key("findings")
    w.beginArray()
    for finding in findings {
      w.beginObject()
      w.key("code")
      w.string(finding.code.rawValue)
      w.key("severity")
      w.string(finding.severity.rawValue)
      w.key("subject")
      w.string(finding.subject)
      w.key("detail")
      w.string(finding.detail)
      w.endObject()
    }
    w.endArray()
    w.key("max_share_deviation")
    w.string(deviationText(maxShareDeviation))
    w.endObject()
  }
}
