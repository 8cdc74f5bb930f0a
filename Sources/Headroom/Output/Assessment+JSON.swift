extension Assessment {
  /// The SPEC §9 result as one line of JSON, keys in contract order.
  ///
  /// The same assessment always gives the same bytes.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter()
    write(to: &writer)
    return writer.bytes
  }

  /// Appends the SPEC §9 result line and a newline to `writer` (e.g. a
  /// batch's output): the same bytes as ``jsonBytes()``, without a buffer of
  /// its own.
  public func writeJSONLine(to writer: inout JSONWriter) {
    write(to: &writer)
    writer.newline()
  }

  /// Money as written: fixed decimals, rounded by the pack's display mode (R1).
  public func text(_ amount: Rational) -> String {
    Money(rounding: amount, displayRounding, currency: currency).description
  }

  func write(to w: inout JSONWriter) {
    let digits = currency.minorDigits
    let mode = displayRounding
    w.beginObject()
    w.key(raw: "id")
    w.string(caseID)
    w.key(raw: "as_of")
    w.date(asOf)
    w.key(raw: "policy")
    policy.write(to: &w)
    w.key(raw: "currency")
    w.string(currency.code)

    w.key(raw: "monthly")
    w.beginObject()
    w.key(raw: "income")
    w.money(monthly.income, digits, mode)
    w.key(raw: "expenditure")
    w.money(monthly.expenditure, digits, mode)
    w.key(raw: "savings")
    w.money(monthly.savings, digits, mode)
    w.key(raw: "admin_fee")
    w.money(monthly.adminFee, digits, mode)
    if let protected = monthly.protected {
      w.key(raw: "protected")
      w.money(protected, digits, mode)
    }
    w.key(raw: "available_for_priority")
    w.money(monthly.availableForPriority, digits, mode)
    w.key(raw: "available_for_non_priority")
    w.money(monthly.availableForNonPriority, digits, mode)
    w.endObject()
    w.key(raw: "exact")
    w.beginObject()
    w.key(raw: "income")
    w.exact(monthly.income)
    w.key(raw: "expenditure")
    w.exact(monthly.expenditure)
    w.key(raw: "savings")
    w.exact(monthly.savings)
    w.key(raw: "admin_fee")
    w.exact(monthly.adminFee)
    if let protected = monthly.protected {
      w.key(raw: "protected")
      w.exact(protected)
    }
    w.key(raw: "available_for_priority")
    w.exact(monthly.availableForPriority)
    w.key(raw: "available_for_non_priority")
    w.exact(monthly.availableForNonPriority)
    w.endObject()

    w.key(raw: "order")
    w.beginArray()
    for id in order { w.string(id) }
    w.endArray()

    w.key(raw: "priority_offers")
    w.beginArray()
    for offer in priorityOffers {
      w.beginObject()
      w.key(raw: "debt")
      w.string(offer.debt)
      w.key(raw: "target")
      w.money(offer.target, digits, mode)
      w.key(raw: "offer")
      w.money(offer.offer, digits, mode)
      w.key(raw: "consequence")
      w.string(offer.consequence)
      w.endObject()
    }
    w.endArray()

    w.key(raw: "plan")
    w.beginObject()
    w.key(raw: "kind")
    w.string(safe: plan.kind.rawValue)
    w.key(raw: "pot")
    w.money(plan.pot, digits, mode)
    w.key(raw: "unallocated")
    w.money(plan.unallocated, digits, mode)
    w.key(raw: "payments")
    w.beginArray()
    for payment in plan.payments {
      w.beginObject()
      w.key(raw: "debt")
      w.string(payment.debt)
      w.key(raw: "amount")
      w.money(payment.amount, digits, mode)
      w.endObject()
    }
    w.endArray()
    w.key(raw: "term_months")
    w.int(plan.termMonths)
    w.key(raw: "review_on")
    w.date(plan.reviewOn)
    w.key(raw: "clears")
    w.beginArray()
    for clear in plan.clears {
      w.beginObject()
      w.key(raw: "debt")
      w.string(clear.debt)
      w.key(raw: "month")
      w.int(clear.month)
      w.endObject()
    }
    w.endArray()
    w.key(raw: "total_interest")
    w.money(plan.totalInterest, digits, mode)
    if !plan.stillOwing.isEmpty {
      w.key(raw: "still_owing")
      w.beginArray()
      for owing in plan.stillOwing {
        w.beginObject()
        w.key(raw: "debt")
        w.string(owing.debt)
        w.key(raw: "balance")
        w.money(owing.balance, digits, mode)
        w.endObject()
      }
      w.endArray()
    }
    w.endObject()

    w.key(raw: "guidelines")
    w.beginArray()
    for check in guidelines {
      w.beginObject()
      w.key(raw: "group")
      w.string(check.group)
      w.key(raw: "spend")
      w.money(check.spend, digits, mode)
      w.key(raw: "guideline")
      w.money(check.guideline, digits, mode)
      w.key(raw: "exceeded")
      w.bool(check.exceeded)
      w.endObject()
    }
    w.endArray()

    w.key(raw: "flags")
    w.beginArray()
    for flag in flags {
      w.beginObject()
      w.key(raw: "code")
      w.string(safe: flag.code.rawValue)
      w.key(raw: "action")
      w.string(safe: flag.action.name)
      w.key(raw: "subject")
      switch flag.subject {
      case .debt(let id)?: w.string(id)
      case .group(let group)?: w.string(group)
      case nil: w.null()
      }
      w.key(raw: "until")
      w.date(flag.until)
      w.key(raw: "rule")
      w.string(flag.rule)
      w.key(raw: "message")
      w.string(flag.message)
      w.endObject()
    }
    w.endArray()

    if let check = offerCheck {
      w.key(raw: "offer_check")
      w.beginObject()
      w.key(raw: "verdict")
      w.string(safe: check.verdict.rawValue)
      w.key(raw: "monthly_offer")
      w.money(check.monthlyOffer, digits, mode)
      w.key(raw: "fair_share")
      w.money(check.fairShare, digits, mode)
      w.key(raw: "available")
      w.money(check.available, digits, mode)
      w.key(raw: "reason")
      w.string(check.reason)
      w.endObject()
    }

    if let audit {
      w.key(raw: "audit")
      Audit.write(findings: audit.findings, maxShareDeviation: audit.maxShareDeviation, to: &w)
    }

    w.key(raw: "recommendation")
    w.string(safe: recommendation.rawValue)
    w.endObject()
  }
}

extension JSONWriter {
  /// Money as written: `amount` in minor units, rounded by `mode`, as fixed
  /// decimals. Straight from machine integers when they hold it; otherwise
  /// by exact arithmetic (the same value either way).
  mutating func money(_ amount: Rational, _ digits: Int, _ mode: RoundingMode) {
    if let units = amount.roundedUnits(places: digits, mode) {
      fixedDecimal(minorUnits: units, digits: digits)
    } else {
      string(Money.format(minorUnits: amount.scaled(byPowerOfTen: digits).rounded(mode), minorDigits: digits))
    }
  }
}

extension PolicyReference {
  /// `{"id", "version", "digest"[, "overlay_digest"]}`.
  func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key(raw: "id")
    w.string(id)
    w.key(raw: "version")
    w.string(version)
    w.key(raw: "digest")
    w.string(digest)
    if let overlayDigest {
      w.key(raw: "overlay_digest")
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
    w.key(raw: "findings")
    w.beginArray()
    for finding in findings {
      w.beginObject()
      w.key(raw: "code")
      w.string(safe: finding.code.rawValue)
      w.key(raw: "severity")
      w.string(safe: finding.severity.rawValue)
      w.key(raw: "subject")
      w.string(finding.subject)
      w.key(raw: "detail")
      w.string(finding.detail)
      w.endObject()
    }
    w.endArray()
    w.key(raw: "max_share_deviation")
    // The same text as deviationText: 4 places, half up.
    w.money(maxShareDeviation, 4, .halfUp)
    w.endObject()
  }
}
