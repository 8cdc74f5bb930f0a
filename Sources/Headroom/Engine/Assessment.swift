/// The full answer for one case (SPEC §9): every figure exact, rounded only
/// when written out.
public struct Assessment: Sendable {
  public var caseID: String
  public var asOf: CivilDate
  public var policy: PolicyReference
  public var currency: Currency
  public var monthly: Affordability
  /// Every debt: priority debts first (SPEC §6).
  public var order: [String]
  public var priorityOffers: [PriorityOffer]
  public var plan: Plan
  public var guidelines: [GuidelineCheck]
  public var flags: [Flag]
  public var offerCheck: OfferCheck?
  public var audit: Audit?
  public var recommendation: Recommendation
  /// How money is rounded when written (the pack's R1 mode).
  public var displayRounding: RoundingMode
}

/// The pack and version a result was computed under.
public struct PolicyReference: Sendable {
  public var id: String
  public var version: String
  public var digest: String
  public var overlayDigest: String?
}

/// The monthly affordability figures (SPEC §4), exact, in major units.
public struct Affordability: Sendable {
  public var income: Rational
  /// Itemised expenditure outside the savings and debt-admin-fee sections.
  public var expenditure: Rational
  public var savings: Rational
  public var adminFee: Rational
  /// The protected living amount, under a protected-amount pack.
  public var protected: Rational?
  public var availableForPriority: Rational
  public var availableForNonPriority: Rational
}

/// A monthly offer towards one priority debt's arrears (SPEC §4).
public struct PriorityOffer: Sendable {
  public var debt: String
  public var target: Rational
  public var offer: Rational
  public var consequence: String
}

/// The household's plan for its non-priority debts (SPEC §5).
public struct Plan: Sendable {
  public enum Kind: String, Sendable {
    case none
    case token
    case proRata = "pro_rata"
  }

  public var kind: Kind
  public var pot: Rational
  public var unallocated: Rational
  /// Monthly payment per plan debt, in `order`.
  public var payments: [(debt: String, amount: Rational)]
  public var termMonths: Int?
  public var reviewOn: CivilDate?
  /// The period each debt clears in, by month then `order`.
  public var clears: [(debt: String, month: Int)]
  public var totalInterest: Rational
  /// Debts the schedule leaves owing at its horizon.
  public var stillOwing: [(debt: String, balance: Rational)]
  /// The month-by-month rows, when asked for.
  public var schedule: [ScheduleRow]?
}

/// One debt's line in one period of the schedule.
public struct ScheduleRow: Sendable {
  public var period: Int
  public var date: CivilDate
  public var debt: String
  public var interest: Rational
  public var payment: Rational
  public var balanceAfter: Rational
}

/// A spending-guideline comparison for one SFS group.
public struct GuidelineCheck: Sendable {
  public var group: String
  public var spend: Rational
  public var guideline: Rational
  public var exceeded: Bool
}

/// What a flag asks the collector to do, strongest last.
public enum Action: Int, Sendable, Comparable, CaseIterable {
  case info, review, refer, hold, stop

  public static func < (lhs: Action, rhs: Action) -> Bool { lhs.rawValue < rhs.rawValue }

  public var name: String {
    switch self {
    case .info: return "info"
    case .review: return "review"
    case .refer: return "refer"
    case .hold: return "hold"
    case .stop: return "stop"
    }
  }
}

/// The case-level answer: the strongest action of the case-level flags.
public enum Recommendation: String, Sendable, CaseIterable {
  case proceed, review, refer, hold, stop

  init(strongest action: Action?) {
    switch action {
    case nil, .info?: self = .proceed
    case .review?: self = .review
    case .refer?: self = .refer
    case .hold?: self = .hold
    case .stop?: self = .stop
    }
  }
}

/// A reason to pause, refer or review (SPEC §7).
public struct Flag: Sendable {
  public enum Code: String, Sendable, CaseIterable {
    // In SPEC §7 table order, which is also output order.
    case breathingSpace = "BREATHING_SPACE"
    case adviceHold = "ADVICE_HOLD"
    case deficitBudget = "DEFICIT_BUDGET"
    case priorityShortfall = "PRIORITY_SHORTFALL"
    case insolvency = "INSOLVENCY"
    case mentalCapacity = "MENTAL_CAPACITY"
    case dispute = "DISPUTE"
    case vulnerability = "VULNERABILITY"
    case guidelineExceeded = "GUIDELINE_EXCEEDED"
    case tokenPlan = "TOKEN_PLAN"
    case longTerm = "LONG_TERM"
    case neverClears = "NEVER_CLEARS"
    case staleIE = "STALE_IE"
    case policyFiguresDated = "POLICY_FIGURES_DATED"
  }

  /// What a flag is about: a debt (it governs that debt alone) or a guideline group.
  public enum Subject: Sendable, Equatable {
    case debt(String)
    case group(String)

    public var name: String {
      switch self {
      case .debt(let id): return id
      case .group(let group): return group
      }
    }
  }

  public var code: Code
  public var action: Action
  public var subject: Subject?
  /// The first day the flag no longer applies; nil when open-ended.
  public var until: CivilDate?
  public var rule: String
  public var message: String

  /// Whether the flag counts towards the recommendation.
  public var isCaseLevel: Bool {
    if case .debt = subject { return false }
    return true
  }
}

/// The verdict on an offer made during a call (SPEC §9.1).
public struct OfferCheck: Sendable {
  public enum Verdict: String, Sendable, CaseIterable {
    case hold, unaffordable
    case aboveFairShare = "above_fair_share"
    case belowFairShare = "below_fair_share"
    case realistic
  }

  public var debt: String
  public var verdict: Verdict
  public var monthlyOffer: Rational
  public var fairShare: Rational
  public var available: Rational
  public var tolerance: Rational
  public var reason: String
}

/// The fairness audit of an agreed plan (SPEC §9.2).
public struct Audit: Sendable {
  public struct Finding: Sendable {
    public enum Code: String, Sendable, CaseIterable {
      case planUnaffordable = "PLAN_UNAFFORDABLE"
      case fairShareDeviation = "FAIR_SHARE_DEVIATION"
      case priorityNeglected = "PRIORITY_NEGLECTED"
      case agreedDuringHold = "AGREED_DURING_HOLD"
      case reviewOverdue = "REVIEW_OVERDUE"
      case tokenReviewOverdue = "TOKEN_REVIEW_OVERDUE"
      case longTerm = "LONG_TERM"
    }
    public enum Severity: String, Sendable { case breach, concern }

    public var code: Code
    public var severity: Severity
    public var subject: String?
    public var detail: String
  }

  public var findings: [Finding]
  /// The largest |paid − fair| / fair over the plan's debts with a fair share above zero.
  public var maxShareDeviation: Rational
  /// The plan's monthly total to non-priority debts, exact.
  public var nonPriorityTotal: Rational
  /// Fair share and amount paid per §5.1 debt, in `order`.
  public var shares: [(debt: String, paid: Rational, fair: Rational)]
}
