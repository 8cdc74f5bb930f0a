/// The rule a finding rests on, for the report (SPEC §9.2 and the rules it cites).
public struct AuditRule: Sendable {
  public var code: Audit.Finding.Code
  public var severity: Audit.Finding.Severity
  /// The regulation or SPEC section it rests on.
  public var rule: String
  /// What the finding means, in a line.
  public var meaning: String

  /// One rule per finding code, in SPEC §9.2 order.
  public static let all: [AuditRule] = [
    AuditRule(
      code: .planUnaffordable, severity: .breach, rule: "FCA CONC 7.3 (affordability); SPEC §9.2",
      meaning: "The plan pays non-priority debts more than is available for them."),
    AuditRule(
      code: .fairShareDeviation, severity: .concern, rule: "Pro-rata fairness between creditors; SPEC §5.2",
      meaning:
        "A creditor's payment differs from its fair share of the same total by more than the tolerance."
    ),
    AuditRule(
      code: .priorityNeglected, severity: .breach, rule: "FCA CONC 7.3 (priority debts first); SPEC §4",
      meaning: "Priority arrears targets are not met while non-priority debts are paid."),
    AuditRule(
      code: .agreedDuringHold, severity: .breach,
      rule:
        "Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020; FCA CONC 7.3.10G (advice hold); FCA CONC 7.14 (disputed debts)",
      meaning: "Agreed during Breathing Space or a debt-advice hold, or the plan pays a disputed debt."),
    AuditRule(
      code: .reviewOverdue, severity: .concern, rule: "FCA CONC 8.8 (annual review)",
      meaning: "Agreed 12 months or more ago and the income and expenditure is 12 months old or more."),
    AuditRule(
      code: .tokenReviewOverdue, severity: .concern, rule: "FCA CONC 7.3 (token payments kept under review)",
      meaning: "Token payments not reviewed by the pack's token review date."),
    AuditRule(
      code: .longTerm, severity: .concern, rule: "FCA CONC 7.3 (sustainable repayment); SPEC §9.2",
      meaning: "At the agreed payments, a debt would not clear within the pack's maximum term."),
  ]

  public static func of(_ code: Audit.Finding.Code) -> AuditRule { all.first { $0.code == code }! }
}

/// A portfolio's audit in figures: totals, counts by finding, the histogram of
/// `max_share_deviation` and the worst plans.
///
/// Fed one record at a time in input order; memory is bounded whatever the
/// portfolio's size. Every comparison is exact (no binary floating point).
public struct PortfolioAudit: Sendable {
  /// One plan as the report lists it.
  public struct ListedPlan: Sendable {
    public var id: String
    /// Position among the plans audited, from 1.
    public var sequence: Int
    public var maxShareDeviation: Rational
    public var deviationText: String
    public var monthlyTotal: String
    public var availableForNonPriority: String
    public var currency: String
    public var breaches: Int
    public var concerns: Int
    /// `CODE` or `CODE:subject`, in finding order.
    public var findings: [String]
  }

  /// A pack as results name it.
  public struct PolicyUse: Hashable, Sendable, Comparable {
    public var id: String
    public var version: String
    public var digest: String
    public var overlayDigest: String?

    public static func < (a: PolicyUse, b: PolicyUse) -> Bool {
      (a.id, a.version, a.digest, a.overlayDigest ?? "") < (b.id, b.version, b.digest, b.overlayDigest ?? "")
    }
  }

  /// A histogram bucket of `max_share_deviation`: `(lower, upper]`, or exactly 0.
  public struct Bucket: Sendable {
    public var lower: Rational?
    public var upper: Rational?
    public var label: String

    public func contains(_ value: Rational) -> Bool {
      if let lower, value <= lower { return false }
      if let upper, value > upper { return false }
      if lower == nil && upper != nil { return value == .zero }
      return true
    }
  }

  /// The fixed buckets: 0; (0, 0.05]; (0.05, 0.10]; (0.10, 0.25]; (0.25, 0.50]; (0.50, 1]; above 1.
  /// A plan is placed by its `max_share_deviation` as written (4 places).
  public static let buckets: [Bucket] = {
    let edges: [(Rational, String)] = [
      (.zero, "0"), (Rational(1, 20), "0.05"), (Rational(1, 10), "0.10"), (Rational(1, 4), "0.25"),
      (Rational(1, 2), "0.50"), (.one, "1"),
    ]
    var buckets = [Bucket(lower: nil, upper: .zero, label: "0")]
    for k in 1..<edges.count {
      buckets.append(
        Bucket(lower: edges[k - 1].0, upper: edges[k].0, label: "(\(edges[k - 1].1), \(edges[k].1)]"))
    }
    buckets.append(Bucket(lower: .one, upper: nil, label: "above 1"))
    return buckets
  }()

  public static let defaultListLimit = 10
  public static let rejectSampleLimit = 20

  public private(set) var plansAudited = 0
  public private(set) var plansWithBreach = 0
  public private(set) var plansWithConcern = 0
  public private(set) var plansWithoutFindings = 0
  public private(set) var breachFindings = 0
  public private(set) var concernFindings = 0
  /// Findings per code (a plan may have several of one code).
  public private(set) var findings: [Audit.Finding.Code: Int] = [:]
  /// Plans with at least one finding of the code.
  public private(set) var plans: [Audit.Finding.Code: Int] = [:]
  /// Plans per bucket of ``buckets``.
  public private(set) var histogram = [Int](repeating: 0, count: PortfolioAudit.buckets.count)
  /// The plans with the largest `max_share_deviation` (then id, then input order),
  /// among plans with a finding or a deviation above zero.
  public private(set) var worst: [ListedPlan] = []
  /// Plans with a breach, first by id (then input order).
  public private(set) var breaches: [ListedPlan] = []
  /// Plans per pack.
  public private(set) var policies: [PolicyUse: Int] = [:]
  /// The first rejects, in input order.
  public private(set) var rejectSample: [Reject] = []
  public let listLimit: Int

  public init(listLimit: Int = PortfolioAudit.defaultListLimit) { self.listLimit = max(0, listLimit) }

  /// Counts one bulk result: a plan's record, a reject, or nothing.
  public mutating func add(_ result: LineResult) {
    switch result {
    case .written(_, let assessment): if let record = AuditRecord(assessment) { add(record) }
    case .rejected(let reject): add(reject)
    case .blank, .skipped: break
    }
  }

  public mutating func add(_ reject: Reject) {
    if rejectSample.count < PortfolioAudit.rejectSampleLimit { rejectSample.append(reject) }
  }

  public mutating func add(_ record: AuditRecord) {
    plansAudited += 1
    let breachCount = record.findings.count { $0.severity == .breach }
    let concernCount = record.findings.count - breachCount
    breachFindings += breachCount
    concernFindings += concernCount
    if breachCount > 0 { plansWithBreach += 1 }
    if concernCount > 0 { plansWithConcern += 1 }
    if record.findings.isEmpty { plansWithoutFindings += 1 }
    var codes: Set<Audit.Finding.Code> = []
    for finding in record.findings {
      findings[finding.code, default: 0] += 1
      codes.insert(finding.code)
    }
    for code in codes { plans[code, default: 0] += 1 }

    let written = record.writtenDeviation
    if let bucket = PortfolioAudit.buckets.firstIndex(where: { $0.contains(written) }) {
      histogram[bucket] += 1
    }
    let use = PolicyUse(
      id: record.policy.id, version: record.policy.version, digest: record.policy.digest,
      overlayDigest: record.policy.overlayDigest)
    policies[use, default: 0] += 1

    guard listLimit > 0, !record.findings.isEmpty || record.maxShareDeviation.signum > 0 else { return }
    let listed = ListedPlan(
      id: record.id, sequence: plansAudited, maxShareDeviation: record.maxShareDeviation,
      deviationText: record.deviationText, monthlyTotal: record.text(record.monthlyTotal),
      availableForNonPriority: record.text(record.availableForNonPriority), currency: record.currency.code,
      breaches: breachCount, concerns: concernCount,
      findings: record.findings.map { finding in
        finding.subject.map { "\(finding.code.rawValue):\($0)" } ?? finding.code.rawValue
      })
    keep(listed, in: &worst, before: PortfolioAudit.worse)
    if breachCount > 0 { keep(listed, in: &breaches, before: PortfolioAudit.byID) }
  }

  /// Largest deviation first, then id in code-point order, then input order.
  static func worse(_ a: ListedPlan, _ b: ListedPlan) -> Bool {
    if a.maxShareDeviation != b.maxShareDeviation { return a.maxShareDeviation > b.maxShareDeviation }
    return byID(a, b)
  }

  static func byID(_ a: ListedPlan, _ b: ListedPlan) -> Bool {
    if a.id != b.id {
      return a.id.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.id.unicodeScalars.map(\.value))
    }
    return a.sequence < b.sequence
  }

  /// Inserts `plan` into the sorted, bounded `list`.
  private func keep(
    _ plan: ListedPlan, in list: inout [ListedPlan], before: (ListedPlan, ListedPlan) -> Bool
  ) {
    let index = list.firstIndex { before(plan, $0) } ?? list.count
    guard index < listLimit else { return }
    list.insert(plan, at: index)
    if list.count > listLimit { list.removeLast() }
  }

  /// Packs in id, version, digest order, with their plan counts.
  public var policiesSorted: [(policy: PolicyUse, plans: Int)] {
    policies.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
