/// Counts kept while a bulk run goes: merged batch by batch, so the totals
/// do not depend on how work was split between threads.
public struct BulkTally: Sendable {
  public var read = 0
  public var written = 0
  public var rejected = 0
  public var blank = 0
  /// Cases without an agreed plan (the audit command counts and skips them).
  public var skipped = 0
  public var recommendations: [String: Int] = [:]
  public var planKinds: [String: Int] = [:]
  public var flags: [String: Int] = [:]
  public var offerVerdicts: [String: Int] = [:]
  public var auditFindings: [String: Int] = [:]
  public var rejectCodes: [String: Int] = [:]
  /// "id version digest" of each pack used, with its count.
  public var policies: [String: Int] = [:]

  public init() {}

  public mutating func add(_ other: BulkTally) {
    read += other.read
    written += other.written
    rejected += other.rejected
    blank += other.blank
    skipped += other.skipped
    for (k, v) in other.recommendations { recommendations[k, default: 0] += v }
    for (k, v) in other.planKinds { planKinds[k, default: 0] += v }
    for (k, v) in other.flags { flags[k, default: 0] += v }
    for (k, v) in other.offerVerdicts { offerVerdicts[k, default: 0] += v }
    for (k, v) in other.auditFindings { auditFindings[k, default: 0] += v }
    for (k, v) in other.rejectCodes { rejectCodes[k, default: 0] += v }
    for (k, v) in other.policies { policies[k, default: 0] += v }
  }

  /// Counts one assessment's outcomes.
  public mutating func count(_ a: Assessment) {
    recommendations[a.recommendation.rawValue, default: 0] += 1
    planKinds[a.plan.kind.rawValue, default: 0] += 1
    for flag in a.flags { flags[flag.code.rawValue, default: 0] += 1 }
    if let check = a.offerCheck { offerVerdicts[check.verdict.rawValue, default: 0] += 1 }
    for finding in a.audit?.findings ?? [] { auditFindings[finding.code.rawValue, default: 0] += 1 }
    policies["\(a.policy.id) \(a.policy.version) \(a.policy.digest)", default: 0] += 1
  }
}
