/// One line of an audit's findings file: an agreed plan's findings (SPEC §9.2)
/// and the figures they rest on.
///
/// Built from an ``Assessment`` of a case with an `agreed_plan`; a case without
/// one has no record (the audit command counts it as skipped).
public struct AuditRecord: Sendable {
  public var id: String
  public var asOf: CivilDate
  public var policy: PolicyReference
  public var currency: Currency
  public var findings: [Audit.Finding]
  /// The largest |paid − fair| / fair, exact.
  public var maxShareDeviation: Rational
  /// The plan's monthly total to non-priority debts, exact.
  public var monthlyTotal: Rational
  /// *An*, exact.
  public var availableForNonPriority: Rational
  /// Amount paid and fair share per SPEC §5.1 debt, in `order`, exact.
  public var shares: [(debt: String, paid: Rational, fair: Rational)]
  /// How money is rounded when written (the pack's R1 mode).
  public var displayRounding: RoundingMode

  /// The record for `assessment`, or nil when the case has no agreed plan.
  public init?(_ assessment: Assessment) {
    guard let audit = assessment.audit else { return nil }
    id = assessment.caseID
    asOf = assessment.asOf
    policy = assessment.policy
    currency = assessment.currency
    findings = audit.findings
    maxShareDeviation = audit.maxShareDeviation
    monthlyTotal = audit.nonPriorityTotal
    availableForNonPriority = assessment.monthly.availableForNonPriority
    shares = audit.shares
    displayRounding = assessment.displayRounding
  }

  /// Whether any finding is a breach.
  public var hasBreach: Bool { findings.contains { $0.severity == .breach } }
  /// Whether any finding is a concern.
  public var hasConcern: Bool { findings.contains { $0.severity == .concern } }

  /// Money as written: fixed decimals, rounded by the pack's display mode (R1).
  public func text(_ amount: Rational) -> String {
    Money(rounding: amount, displayRounding, currency: currency).description
  }

  /// `max_share_deviation` as written: 4 places, half up.
  public var deviationText: String { AuditRecord.deviationText(maxShareDeviation) }

  /// `max_share_deviation` as written, as an exact value (4 places, half up).
  public var writtenDeviation: Rational { AuditRecord.rounded(maxShareDeviation) }

  /// A share deviation as the SPEC writes it: a decimal to 4 places, half up.
  public static func deviationText(_ deviation: Rational) -> String { Audit.deviationText(deviation) }

  static func rounded(_ deviation: Rational) -> Rational {
    deviation.scaled(byPowerOfTen: 4).rounded(.halfUp).scaled(byPowerOfTen: -4)
  }

  /// The findings line, keys in a fixed order:
  ///
  ///     {"id", "audit": {"findings": [{"code", "severity", "subject", "detail"}],
  ///      "max_share_deviation"}, "monthly_total", "available_for_non_priority",
  ///      "fair_shares": [{"debt", "paid", "fair"}], "as_of", "currency",
  ///      "policy": {"id", "version", "digest"[, "overlay_digest"]}}
  public func jsonBytes() -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    w.key("id")
    w.string(id)
    w.key("audit")
    Audit.write(findings: findings, maxShareDeviation: maxShareDeviation, to: &w)
    w.key("monthly_total")
    w.string(text(monthlyTotal))
    w.key("available_for_non_priority")
    w.string(text(availableForNonPriority))
    w.key("fair_shares")
    w.beginArray()
    for share in shares {
      w.beginObject()
      w.key("debt")
      w.string(share.debt)
      w.key("paid")
      w.string(text(share.paid))
      w.key("fair")
      w.string(text(share.fair))
      w.endObject()
    }
    w.endArray()
    w.key("as_of")
    w.string(asOf.description)
    w.key("currency")
    w.string(currency.code)
    w.key("policy")
    policy.write(to: &w)
    w.endObject()
    return w.bytes
  }
}

extension CaseLineProcessor {
  /// The processor of `headroom audit`: rescore's reader and reject handling,
  /// writing an ``AuditRecord`` per case with an agreed plan and skipping the rest.
  public static func audit(
    policies: PolicyLibrary, asOf: CivilDate? = nil, maxLineBytes: Int = LineReader.defaultMaxLineBytes
  ) -> CaseLineProcessor {
    CaseLineProcessor(policies: policies, asOf: asOf, maxLineBytes: maxLineBytes) {
      AuditRecord($0)?.jsonBytes()
    }
  }
}
