/// Counts kept while a bulk run goes: merged batch by batch, so the totals
/// do not depend on how work was split between threads.
///
/// Per-case outcomes (recommendation, plan kind, flags, offer verdict, audit
/// findings, pack) are counted in small arrays indexed by the engine's enums,
/// so counting a case hashes no strings; the `String`-keyed dictionaries are
/// built from them when read (the summary and the change counts read them once).
public struct BulkTally: Sendable {
  public var read = 0
  public var written = 0
  public var rejected = 0
  public var blank = 0
  /// Cases without an agreed plan (the audit command counts and skips them).
  public var skipped = 0
  public var rejectCodes: [String: Int] = [:]

  private var recommendationCounts = [Int](repeating: 0, count: Recommendation.allCases.count)
  private var planKindCounts = [Int](repeating: 0, count: 3)
  private var flagCounts = [Int](repeating: 0, count: Flag.Code.allCases.count)
  private var verdictCounts = [Int](repeating: 0, count: OfferCheck.Verdict.allCases.count)
  private var findingCounts = [Int](repeating: 0, count: Audit.Finding.Code.allCases.count)
  /// Packs used, in the order first met, with their counts.
  private var packs: [(id: String, version: String, digest: String, count: Int)] = []

  public init() {}

  public var recommendations: [String: Int] { Self.named(recommendationCounts, Self.recommendationNames) }
  public var planKinds: [String: Int] { Self.named(planKindCounts, Self.planKindNames) }
  public var flags: [String: Int] { Self.named(flagCounts, Self.flagNames) }
  public var offerVerdicts: [String: Int] { Self.named(verdictCounts, Self.verdictNames) }
  public var auditFindings: [String: Int] { Self.named(findingCounts, Self.findingNames) }
  /// "id version digest" of each pack used, with its count.
  public var policies: [String: Int] {
    var out: [String: Int] = [:]
    for pack in packs { out["\(pack.id) \(pack.version) \(pack.digest)", default: 0] += pack.count }
    return out
  }

  public mutating func add(_ other: BulkTally) {
    read += other.read
    written += other.written
    rejected += other.rejected
    blank += other.blank
    skipped += other.skipped
    for (k, v) in other.rejectCodes { rejectCodes[k, default: 0] += v }
    Self.add(other.recommendationCounts, to: &recommendationCounts)
    Self.add(other.planKindCounts, to: &planKindCounts)
    Self.add(other.flagCounts, to: &flagCounts)
    Self.add(other.verdictCounts, to: &verdictCounts)
    Self.add(other.findingCounts, to: &findingCounts)
    for pack in other.packs {
      countPack(id: pack.id, version: pack.version, digest: pack.digest, by: pack.count)
    }
  }

  /// Counts one assessment's outcomes.
  public mutating func count(_ a: Assessment) {
    recommendationCounts[Self.index(a.recommendation)] += 1
    planKindCounts[Self.index(a.plan.kind)] += 1
    for flag in a.flags { flagCounts[Self.index(flag.code)] += 1 }
    if let verdict = a.offerCheck?.verdict { verdictCounts[Self.index(verdict)] += 1 }
    if let audit = a.audit {
      for finding in audit.findings { findingCounts[Self.index(finding.code)] += 1 }
    }
    countPack(id: a.policy.id, version: a.policy.version, digest: a.policy.digest, by: 1)
  }

  private mutating func countPack(id: String, version: String, digest: String, by n: Int) {
    // A run uses one pack or a handful: a short scan beats hashing the digest.
    for k in packs.indices where packs[k].id == id && packs[k].version == version && packs[k].digest == digest
    {
      packs[k].count += n
      return
    }
    packs.append((id, version, digest, n))
  }

  private static func add(_ counts: [Int], to total: inout [Int]) {
    for k in counts.indices where counts[k] != 0 { total[k] += counts[k] }
  }

  private static func named(_ counts: [Int], _ names: [String]) -> [String: Int] {
    var out: [String: Int] = [:]
    for (k, n) in counts.enumerated() where n != 0 { out[names[k]] = n }
    return out
  }

  // MARK: Enum positions
  //
  // Each `index` is a bijection onto 0..<allCases.count (checked by tests);
  // the names are laid out by the same function, so they always agree.

  static func names<E: CaseIterable & RawRepresentable<String>>(_ index: (E) -> Int) -> [String] {
    names(Array(E.allCases), index)
  }

  static func names<E: RawRepresentable<String>>(_ cases: [E], _ index: (E) -> Int) -> [String] {
    var names = [String](repeating: "", count: cases.count)
    for value in cases { names[index(value)] = value.rawValue }
    return names
  }

  /// Plan.Kind is not CaseIterable; a new kind fails to compile in `index`.
  static let planKinds: [Plan.Kind] = [.none, .token, .proRata]

  static let recommendationNames: [String] = names(index as (Recommendation) -> Int)
  static let planKindNames: [String] = names(planKinds, index as (Plan.Kind) -> Int)
  static let flagNames: [String] = names(index as (Flag.Code) -> Int)
  static let verdictNames: [String] = names(index as (OfferCheck.Verdict) -> Int)
  static let findingNames: [String] = names(index as (Audit.Finding.Code) -> Int)

  static func index(_ value: Recommendation) -> Int {
    switch value {
    case .proceed: return 0
    case .review: return 1
    case .refer: return 2
    case .hold: return 3
    case .stop: return 4
    }
  }

  static func index(_ value: Plan.Kind) -> Int {
    switch value {
    case .none: return 0
    case .token: return 1
    case .proRata: return 2
    }
  }

  static func index(_ value: Flag.Code) -> Int {
    switch value {
    case .breathingSpace: return 0
    case .adviceHold: return 1
    case .deficitBudget: return 2
    case .priorityShortfall: return 3
    case .insolvency: return 4
    case .mentalCapacity: return 5
    case .dispute: return 6
    case .vulnerability: return 7
    case .guidelineExceeded: return 8
    case .tokenPlan: return 9
    case .longTerm: return 10
    case .neverClears: return 11
    case .staleIE: return 12
    case .policyFiguresDated: return 13
    }
  }

  static func index(_ value: OfferCheck.Verdict) -> Int {
    switch value {
    case .hold: return 0
    case .unaffordable: return 1
    case .aboveFairShare: return 2
    case .belowFairShare: return 3
    case .realistic: return 4
    }
  }

  static func index(_ value: Audit.Finding.Code) -> Int {
    switch value {
    case .planUnaffordable: return 0
    case .fairShareDeviation: return 1
    case .priorityNeglected: return 2
    case .agreedDuringHold: return 3
    case .reviewOverdue: return 4
    case .tokenReviewOverdue: return 5
    case .longTerm: return 6
    }
  }
}
