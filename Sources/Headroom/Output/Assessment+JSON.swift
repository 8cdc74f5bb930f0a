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
    writer.writing { w in
      write(to: &w)
      w.newline()
    }
  }

  /// Money as written: fixed decimals, rounded by the pack's display mode (R1).
  public func text(_ amount: Rational) -> String {
    Money(rounding: amount, displayRounding, currency: currency).description
  }

  func write(to writer: inout JSONWriter) { writer.writing { write(to: &$0) } }

  /// The result object, written with one ownership check for all its writes.
  func write(to w: inout JSONWriter.Owned) {
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

    w.beginObject(member: "monthly")
    w.member("income", money: monthly.income, digits, mode)
    w.member("expenditure", money: monthly.expenditure, digits, mode)
    w.member("savings", money: monthly.savings, digits, mode)
    w.member("admin_fee", money: monthly.adminFee, digits, mode)
    if let protected = monthly.protected {
      w.member("protected", money: protected, digits, mode)
    }
    w.member("available_for_priority", money: monthly.availableForPriority, digits, mode)
    w.member("available_for_non_priority", money: monthly.availableForNonPriority, digits, mode)
    w.endObject()
    w.beginObject(member: "exact")
    w.member("income", exact: monthly.income)
    w.member("expenditure", exact: monthly.expenditure)
    w.member("savings", exact: monthly.savings)
    w.member("admin_fee", exact: monthly.adminFee)
    if let protected = monthly.protected {
      w.member("protected", exact: protected)
    }
    w.member("available_for_priority", exact: monthly.availableForPriority)
    w.member("available_for_non_priority", exact: monthly.availableForNonPriority)
    w.endObject()

    w.beginArray(member: "order")
    for id in order { w.string(id) }
    w.endArray()

    // Loops over arrays read each field in place rather than copying the
    // element: the money, day and null writes may release (as far as the
    // compiler can tell), so a copied element's strings would be retained
    // around them, with atomic counts.
    w.beginArray(member: "priority_offers")
    priorityOffers.withUnsafeBufferPointer { offers in
      for i in offers.indices {
        w.beginObject()
        w.key(raw: "debt")
        w.string(offers[i].debt)
        w.member("target", money: offers[i].target, digits, mode)
        w.member("offer", money: offers[i].offer, digits, mode)
        w.key(raw: "consequence")
        w.string(offers[i].consequence)
        w.endObject()
      }
    }
    w.endArray()

    w.beginObject(member: "plan")
    w.key(raw: "kind")
    w.string(literal: plan.kind.text)
    w.member("pot", money: plan.pot, digits, mode)
    w.member("unallocated", money: plan.unallocated, digits, mode)
    w.beginArray(member: "payments")
    plan.payments.withUnsafeBufferPointer { payments in
      for i in payments.indices {
        w.beginObject()
        w.key(raw: "debt")
        w.string(payments[i].debt)
        w.member("amount", money: payments[i].amount, digits, mode)
        w.endObject()
      }
    }
    w.endArray()
    w.key(raw: "term_months")
    w.int(plan.termMonths)
    w.key(raw: "review_on")
    w.date(plan.reviewOn)
    w.beginArray(member: "clears")
    for clear in plan.clears {
      w.beginObject()
      w.key(raw: "debt")
      w.string(clear.debt)
      w.key(raw: "month")
      w.int(clear.month)
      w.endObject()
    }
    w.endArray()
    w.member("total_interest", money: plan.totalInterest, digits, mode)
    if !plan.stillOwing.isEmpty {
      w.beginArray(member: "still_owing")
      plan.stillOwing.withUnsafeBufferPointer { stillOwing in
        for i in stillOwing.indices {
          w.beginObject()
          w.key(raw: "debt")
          w.string(stillOwing[i].debt)
          w.member("balance", money: stillOwing[i].balance, digits, mode)
          w.endObject()
        }
      }
      w.endArray()
    }
    w.endObject()

    w.beginArray(member: "guidelines")
    guidelines.withUnsafeBufferPointer { guidelines in
      for i in guidelines.indices {
        w.beginObject()
        w.key(raw: "group")
        w.string(guidelines[i].group)
        w.member("spend", money: guidelines[i].spend, digits, mode)
        w.member("guideline", money: guidelines[i].guideline, digits, mode)
        w.key(raw: "exceeded")
        w.bool(guidelines[i].exceeded)
        w.endObject()
      }
    }
    w.endArray()

    w.beginArray(member: "flags")
    flags.withUnsafeBufferPointer { flags in
      for i in flags.indices {
        w.beginObject()
        w.key(raw: "code")
        w.string(literal: flags[i].code.text)
        w.key(raw: "action")
        w.string(literal: flags[i].action.text)
        w.key(raw: "subject")
        switch flags[i].subject {
        case .debt(let id)?: w.string(id)
        case .group(let group)?: w.string(group)
        case nil: w.null()
        }
        w.key(raw: "until")
        w.date(flags[i].until)
        w.key(raw: "rule")
        w.string(flags[i].rule)
        w.key(raw: "message")
        w.string(flags[i].message)
        w.endObject()
      }
    }
    w.endArray()

    // Optional chaining borrows each in place; `if let` copied it whole.
    offerCheck?.write(to: &w, digits, mode)
    audit?.write(to: &w)

    w.key(raw: "recommendation")
    w.string(literal: recommendation.text)
    w.endObject()
  }
}

extension JSONWriter {
  /// Money as written (see ``JSONWriter/Owned/money(_:_:_:)``).
  mutating func money(_ amount: Rational, _ digits: Int, _ mode: RoundingMode) {
    writing { $0.money(amount, digits, mode) }
  }
}

extension JSONWriter.Owned {
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

extension OfferCheck {
  /// The `offer_check` member of the result.
  fileprivate func write(to w: inout JSONWriter.Owned, _ digits: Int, _ mode: RoundingMode) {
    w.beginObject(member: "offer_check")
    w.key(raw: "verdict")
    w.string(literal: verdict.text)
    w.member("monthly_offer", money: monthlyOffer, digits, mode)
    w.member("fair_share", money: fairShare, digits, mode)
    w.member("available", money: available, digits, mode)
    w.key(raw: "reason")
    w.string(reason)
    w.endObject()
  }
}

extension Audit {
  /// The `audit` member of the result.
  fileprivate func write(to w: inout JSONWriter.Owned) {
    w.key(raw: "audit")
    Audit.write(findings: findings, maxShareDeviation: maxShareDeviation, to: &w)
  }
}

extension PolicyReference {
  /// `{"id", "version", "digest"[, "overlay_digest"]}`.
  func write(to writer: inout JSONWriter) { writer.writing { write(to: &$0) } }

  /// Written from the writer's ``PolicyMemo`` when it holds the same
  /// reference (each result under one pack has the same one).
  func write(to w: inout JSONWriter.Owned) {
    if let memo = w.policyMemo, memo.reference.isIdentical(to: self) {
      w.value(json: memo.json)
      return
    }
    let json = w.recordingValue { writeFields(to: &$0) }
    w.policyMemo = PolicyMemo(reference: self, json: json)
  }

  /// Whether each field is the very same string value as `other`'s (the
  /// same two words: the same stored bytes, or the same small string), so
  /// that the two are written alike. Cheaper than comparing bytes, and
  /// exact where `==` is not (canonically equivalent strings can differ in
  /// bytes). References made from one pack share their strings.
  func isIdentical(to other: PolicyReference) -> Bool {
    @inline(__always) func words(_ s: String) -> (UInt64, UInt64) {
      unsafeBitCast(s, to: (UInt64, UInt64).self)
    }
    @inline(__always) func same(_ a: String, _ b: String) -> Bool { words(a) == words(b) }
    guard same(id, other.id), same(version, other.version), same(digest, other.digest) else { return false }
    switch (overlayDigest, other.overlayDigest) {
    case (nil, nil): return true
    case (let a?, let b?): return same(a, b)
    default: return false
    }
  }

  private func writeFields(to w: inout JSONWriter.Owned) {
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
  static func write(findings: [Finding], maxShareDeviation: Rational, to writer: inout JSONWriter) {
    writer.writing { write(findings: findings, maxShareDeviation: maxShareDeviation, to: &$0) }
  }

  static func write(findings: [Finding], maxShareDeviation: Rational, to w: inout JSONWriter.Owned) {
    w.beginObject()
    w.beginArray(member: "findings")
    // Fields read in place, as Assessment.write's loops read them.
    findings.withUnsafeBufferPointer { findings in
      for i in findings.indices {
        w.beginObject()
        w.key(raw: "code")
        w.string(literal: findings[i].code.text)
        w.key(raw: "severity")
        w.string(literal: findings[i].severity.text)
        w.key(raw: "subject")
        w.string(findings[i].subject)
        w.key(raw: "detail")
        w.string(findings[i].detail)
        w.endObject()
      }
    }
    w.endArray()
    // The same text as deviationText: 4 places, half up.
    w.member("max_share_deviation", money: maxShareDeviation, 4, .halfUp)
    w.endObject()
  }
}

/// A policy reference and the bytes it was written as, kept by a writer:
/// results under one pack all write the same reference, which is then
/// copied, not formatted again.
final class PolicyMemo {
  /// Kept as it was written: its strings stay alive and unchanged, so a
  /// reference identical to it has the same bytes.
  let reference: PolicyReference
  let json: [UInt8]

  init(reference: PolicyReference, json: [UInt8]) {
    self.reference = reference
    self.json = json
  }
}

// Codes as literals: written with no String made and released per code
// (that release also made the compiler retain the strings written beside
// them). Each is its raw value (or name); the tests check every case.

extension Plan.Kind {
  var text: StaticString {
    switch self {
    case .none: "none"
    case .token: "token"
    case .proRata: "pro_rata"
    }
  }
}

extension Flag.Code {
  var text: StaticString {
    switch self {
    case .breathingSpace: "BREATHING_SPACE"
    case .adviceHold: "ADVICE_HOLD"
    case .deficitBudget: "DEFICIT_BUDGET"
    case .priorityShortfall: "PRIORITY_SHORTFALL"
    case .insolvency: "INSOLVENCY"
    case .mentalCapacity: "MENTAL_CAPACITY"
    case .dispute: "DISPUTE"
    case .vulnerability: "VULNERABILITY"
    case .guidelineExceeded: "GUIDELINE_EXCEEDED"
    case .tokenPlan: "TOKEN_PLAN"
    case .longTerm: "LONG_TERM"
    case .neverClears: "NEVER_CLEARS"
    case .staleIE: "STALE_IE"
    case .policyFiguresDated: "POLICY_FIGURES_DATED"
    }
  }
}

extension Action {
  var text: StaticString {
    switch self {
    case .info: "info"
    case .review: "review"
    case .refer: "refer"
    case .hold: "hold"
    case .stop: "stop"
    }
  }
}

extension OfferCheck.Verdict {
  var text: StaticString {
    switch self {
    case .hold: "hold"
    case .unaffordable: "unaffordable"
    case .aboveFairShare: "above_fair_share"
    case .belowFairShare: "below_fair_share"
    case .realistic: "realistic"
    }
  }
}

extension Recommendation {
  var text: StaticString {
    switch self {
    case .proceed: "proceed"
    case .review: "review"
    case .refer: "refer"
    case .hold: "hold"
    case .stop: "stop"
    }
  }
}

extension Audit.Finding.Code {
  var text: StaticString {
    switch self {
    case .planUnaffordable: "PLAN_UNAFFORDABLE"
    case .fairShareDeviation: "FAIR_SHARE_DEVIATION"
    case .priorityNeglected: "PRIORITY_NEGLECTED"
    case .agreedDuringHold: "AGREED_DURING_HOLD"
    case .reviewOverdue: "REVIEW_OVERDUE"
    case .tokenReviewOverdue: "TOKEN_REVIEW_OVERDUE"
    case .longTerm: "LONG_TERM"
    }
  }
}

extension Audit.Finding.Severity {
  var text: StaticString {
    switch self {
    case .breach: "breach"
    case .concern: "concern"
    }
  }
}
