/// The figures of one pack version, ready for the engine (SPEC §8).
///
/// Money figures are exact major units in the pack's currency.
public struct PolicyFigures: Sendable {
  public enum ProRataBasis: String, Sendable {
    case balance
    case contractualPayment = "contractual_payment"
  }

  /// Monthly factor per frequency, indexed like `Frequency.allCases`.
  let monthlyFactors: [Rational]
  /// Every factor over one common denominator, when they all fit: what
  /// affordability sums on machine integers.
  let monthlyTerms: MonthlyTerms?
  public var displayRounding: RoundingMode
  public var interestRounding: RoundingMode
  public var priorityArrearsMonths: Int
  public var minPayment: Rational
  public var tokenPayment: Rational
  public var tokenReviewMonths: Int
  public var adviceHoldDays: Int
  public var breathingSpaceDays: Int
  public var mentalHealthExtensionDays: Int
  public var deficitHoldDays: Int
  public var staleIEMonths: Int
  public var planReviewMonths: Int
  public var figuresDatedMonths: Int
  public var maxTermMonths: Int
  public var maxScheduleMonths: Int
  public var offerToleranceMinimum: Rational
  public var offerToleranceFraction: Rational
  public var proRataBasis: ProRataBasis
  public var redistribute: Bool
  public var freezeInterest: Bool
  /// Rank and consequence per priority kind; non-priority kinds are absent.
  public var priorityKinds: [String: PriorityKind] {
    didSet { priorityByKind = Self.priorityByKind(priorityKinds) }
  }
  public var guidelines: [Guideline]
  /// The rule or guidance each flag code rests on.
  public var rules: [String: String] {
    didSet { rulesByCode = Self.rulesByCode(rules) }
  }
  /// ``priorityKinds`` by position in ``Case/debtKinds``: a lookup per debt
  /// without hashing a String.
  private(set) var priorityByKind: [PriorityKind?] = []
  /// ``rules`` by position in `Flag.Code.allCases` ("" when absent).
  private(set) var rulesByCode: [String] = []
  public var protectedAmount: ProtectedAmount?

  /// The monthly equivalent of `amount` paid at `frequency`, exact.
  @inlinable
  public func monthly(_ amount: Rational, _ frequency: Frequency) -> Rational {
    frequency == .monthly ? amount : amount * monthlyFactor(frequency)
  }

  public func monthlyFactor(_ frequency: Frequency) -> Rational {
    monthlyFactors[Frequency.allCases.firstIndex(of: frequency)!]
  }

  /// What a monthly amount comes to per `frequency` period: the inverse of
  /// ``monthly(_:_:)``, exact (Kronofogden's period tables, rounded to whole
  /// kronor, come out of this with the 30-day month).
  public func perPeriod(_ monthlyAmount: Rational, _ frequency: Frequency) -> Rational {
    monthlyAmount / monthlyFactor(frequency)
  }

  /// The monthly equivalent of a payment, exact.
  public func monthly(_ payment: Payment) -> Rational { monthly(payment.amount, payment.frequency) }
}

/// What a priority debt risks, and how soon it is dealt with.
public struct PriorityKind: Sendable {
  public var rank: Int
  public var consequence: String
}

/// A spending-guideline figure for one SFS group, scaled by household.
public struct Guideline: Sendable {
  public var group: String
  public var firstAdult: Rational
  public var eachFurtherAdult: Rational
  public var eachChild: Rational

  /// The monthly figure for a household.
  public func amount(for household: Household) -> Rational {
    Self.amount(
      firstAdult, eachFurtherAdult, eachChild, adults: household.adults, children: household.childAges.count)
  }

  /// ``amount(for:)`` from the figures themselves: called on a guideline in
  /// an array, the method copied the guideline out first.
  static func amount(
    _ firstAdult: Rational, _ eachFurtherAdult: Rational, _ eachChild: Rational, adults: Int, children: Int
  ) -> Rational {
    // A term whose count is zero adds nothing: left out, not multiplied by zero.
    var total = firstAdult
    if adults != 1 { total = total + eachFurtherAdult * Rational(adults - 1) }
    if children != 0 { total = total + eachChild * Rational(children) }
    return total
  }
}

/// A statutory protected living amount (Nordic packs, SPEC §4 and §8).
public struct ProtectedAmount: Sendable {
  /// The rate for a household of one adult.
  public var singleAdult: Rational
  /// Per-adult rates when there are several adults: the first, the second, then each further one.
  public var firstOfSeveral: Rational
  public var secondOfSeveral: Rational
  public var eachFurtherAdult: Rational
  /// Age bands, inclusive, for children.
  public var childBands: [(fromAge: Int, toAge: Int, amount: Rational)]
  /// From this household member on (counting from the eldest), rates are scaled by `reductionFactor`.
  public var reductionFromMember: Int?
  public var reductionFactor: Rational
  /// Expenditure categories counted as housing costs on top of the norm.
  public var housingCategories: Set<String>
  /// Whole SFS sections counted as housing costs (less `housingExceptions`).
  public var housingSections: Set<String>
  public var housingExceptions: Set<String>

  /// Whether an expenditure line of `category` is a housing cost.
  public func isHousing(_ category: SFSCategory) -> Bool {
    housingCategories.contains(category.name)
      || (housingSections.contains(category.section) && !housingExceptions.contains(category.name))
  }

  /// The statutory norm for a household, before housing costs.
  public func norm(for household: Household) -> Rational {
    var rates: [Rational] = []
    if household.adults == 1 {
      rates.append(singleAdult)
    } else {
      for k in 0..<household.adults {
        rates.append(k == 0 ? firstOfSeveral : k == 1 ? secondOfSeveral : eachFurtherAdult)
      }
    }
    for age in household.childAges.sorted(by: >) {
      rates.append(childBands.first { $0.fromAge <= age && age <= $0.toAge }?.amount ?? .zero)
    }
    var total = Rational.zero
    for (index, rate) in rates.enumerated() {
      if let from = reductionFromMember, index + 1 >= from {
        total += rate * reductionFactor
      } else {
        total += rate
      }
    }
    return total
  }
}

extension PolicyFigures {
  init(_ figures: FigureReader, model: PolicyPack.Model, currency: Currency) throws(CaseError) {
    let (frequencyJSON, frequencyPath) = try figures.required("frequencies")
    let table = try FieldReader(frequencyJSON, path: frequencyPath)
    monthlyFactors = try Frequency.allCases.map { frequency throws(CaseError) in
      try FieldReader.fraction(
        table.required(frequency.rawValue, "a monthly factor"), path: table.child(frequency.rawValue))
    }
    monthlyTerms = MonthlyTerms(factors: monthlyFactors)
    displayRounding = try figures.choice("display_rounding", "a rounding mode") { RoundingMode(rawValue: $0) }
    interestRounding = try figures.choice("interest_rounding", "a rounding mode") {
      RoundingMode(rawValue: $0)
    }
    priorityArrearsMonths = try figures.int("priority_arrears_months", in: 1...600)
    minPayment = try figures.amount("min_payment", currency)
    tokenPayment = try figures.amount("token_payment", currency)
    tokenReviewMonths = try figures.int("token_review_months", in: 1...120)
    adviceHoldDays = try figures.int("advice_hold_days", in: 0...3650)
    breathingSpaceDays = try figures.int("breathing_space_days", in: 0...3650)
    mentalHealthExtensionDays = try figures.int("mental_health_extension_days", in: 0...3650)
    deficitHoldDays = try figures.int("deficit_hold_days", in: 0...3650)
    staleIEMonths = try figures.int("stale_ie_months", in: 1...120)
    planReviewMonths = try figures.int("plan_review_months", in: 1...120)
    figuresDatedMonths = try figures.int("figures_dated_months", in: 1...120)
    maxTermMonths = try figures.int("max_term_months", in: 1...1200)
    maxScheduleMonths = try figures.int("max_schedule_months", in: 1...1200)
    offerToleranceMinimum = try figures.amount("offer_tolerance_minimum", currency)
    offerToleranceFraction = try figures.fraction("offer_tolerance_fraction")
    proRataBasis = try figures.choice("pro_rata_basis", "balance or contractual_payment") {
      ProRataBasis(rawValue: $0)
    }
    redistribute = try figures.bool("redistribute")
    freezeInterest = try figures.bool("freeze_interest")

    let (kindsJSON, kindsPath) = try figures.required("debt_kinds")
    let kinds = try FieldReader(kindsJSON, path: kindsPath)
    var priorityKinds: [String: PriorityKind] = [:]
    for kind in Case.debtKinds {
      guard kinds.members.contains(where: { $0.key == kind }) else {
        throw CaseError(.missingField, path: kinds.child(kind), "expected a rank or null for every debt kind")
      }
      guard let rule = try kinds.object(kind) else { continue }  // null: non-priority
      priorityKinds[kind] = PriorityKind(
        rank: try rule.int("rank", in: 1...99),
        consequence: try rule.choice("consequence", "home, liberty, essential_supply, enforcement or goods") {
          // The literal, not the text read: a literal is never reference
          // counted, and each priority offer of every case copies it.
          name in ["home", "liberty", "essential_supply", "enforcement", "goods"].first { $0 == name }
        })
    }
    self.priorityKinds = priorityKinds
    priorityByKind = Self.priorityByKind(priorityKinds)

    guidelines = []
    if let (guidelinesJSON, guidelinesPath) = try figures.optional("guidelines") {
      let groups = try FieldReader(guidelinesJSON, path: guidelinesPath)
      for member in groups.members {
        let rule = try FieldReader(member.value, path: groups.child(member.key))
        guidelines.append(
          Guideline(
            group: member.key,
            firstAdult: try rule.amount("first_adult", currency),
            eachFurtherAdult: try rule.amount("each_further_adult", currency),
            eachChild: try rule.amount("each_child", currency)))
      }
    }

    var rules: [String: String] = [:]
    if let (rulesJSON, rulesPath) = try figures.optional("rules") {
      let table = try FieldReader(rulesJSON, path: rulesPath)
      for member in table.members {
        rules[member.key] = try FieldReader.string(member.value, path: table.child(member.key))
      }
    }
    self.rules = rules
    rulesByCode = Self.rulesByCode(rules)

    protectedAmount = nil
    if model == .protectedAmount {
      let (json, path) = try figures.required("protected_amount")
      protectedAmount = try ProtectedAmount(FieldReader(json, path: path), currency: currency)
    }
  }
}

extension ProtectedAmount {
  init(_ fields: FieldReader, currency: Currency) throws(CaseError) {
    singleAdult = try fields.amount("single_adult", currency)
    firstOfSeveral = try fields.amount("first_of_several_adults", currency)
    secondOfSeveral = try fields.amount("second_of_several_adults", currency)
    eachFurtherAdult = try fields.amount("each_further_adult", currency)
    childBands = try fields.array("children").map { (value, path) throws(CaseError) in
      let band = try FieldReader(value, path: path)
      return (
        try band.int("from_age", in: 0...25), try band.int("to_age", in: 0...25),
        try band.amount("amount", currency)
      )
    }
    if let reduction = try fields.object("reduction") {
      reductionFromMember = try reduction.int("from_member", in: 1...99)
      reductionFactor = try FieldReader.fraction(
        reduction.required("factor", "a fraction"), path: reduction.child("factor"))
    } else {
      reductionFromMember = nil
      reductionFactor = .one
    }
    func names(_ key: String) throws(CaseError) -> Set<String> {
      Set(
        try fields.array(key).map { (value, path) throws(CaseError) in
          try FieldReader.string(value, path: path)
        })
    }
    housingCategories = try names("housing_categories")
    housingSections = try names("housing_sections")
    housingExceptions = try names("housing_exceptions")
  }
}

extension PolicyFigures {
  /// The priority kind of a debt kind, or nil for a non-priority one.
  func priorityKind(of kind: String) -> PriorityKind? {
    guard let position = Case.debtKindTable.index(kind) else { return priorityKinds[kind] }
    return priorityByKind[position]
  }

  /// The priority kind of the debt at `index` in `debts`, or nil for a
  /// non-priority one: through the kind position the debt carries (no
  /// lookup by text), by name only for a kind SPEC §3 does not define.
  /// (An array and an index, not a `Debt`: passing one copied it.)
  @inline(__always)
  func priorityKind(ofDebtAt index: Int, in debts: borrowing [Debt]) -> PriorityKind? {
    let kind = Int(debts[index].kindPosition)
    return kind >= 0 ? priorityByKind[kind] : priorityKind(of: debts[index].kind)
  }

  /// Whether the debt at `index` in `debts` is a priority debt: as
  /// ``priorityKind(ofDebtAt:in:)``, without copying the kind out.
  @inline(__always)
  func isPriority(debtAt index: Int, in debts: borrowing [Debt]) -> Bool {
    let kind = Int(debts[index].kindPosition)
    return kind >= 0 ? priorityByKind[kind] != nil : priorityKind(of: debts[index].kind) != nil
  }

  /// The rule a flag code rests on, or "".
  func rule(for code: Flag.Code) -> String { rulesByCode[code.position] }

  private static let codes = Flag.Code.allCases

  fileprivate static func priorityByKind(_ kinds: [String: PriorityKind]) -> [PriorityKind?] {
    Case.debtKinds.map { kinds[$0] }
  }

  fileprivate static func rulesByCode(_ rules: [String: String]) -> [String] {
    codes.map { rules[$0.rawValue] ?? "" }
  }
}

/// The monthly factors as whole multiples of 1/`common`, the least common
/// denominator of all of them: Σ units × factor is then Σ units × multiple
/// over `common`, summed on machine integers with no per-case gcd.
///
/// The monthly factor is taken as one, as ``PolicyFigures/monthly(_:_:)`` does.
struct MonthlyTerms: Sendable {
  /// The least common denominator of the factors, at most 2^20.
  let common: Int64
  /// factor × `common` per frequency, in `Frequency.allCases` order.
  let daily, weekly, fortnightly, fourWeekly, monthly, quarterly, halfYearly, annually: Int64

  /// Nil when a factor is past machine integers or the common denominator passes 2^20.
  init?(factors: [Rational]) {
    guard factors.count == 8 else { return nil }
    var common = CommonDenominator(limit: 1 << 20)
    for k in factors.indices where k != 4 {
      guard common.include(factors[k]) else { return nil }
    }
    let l = common.value
    var multiples: [Int64] = []
    for k in factors.indices {
      if k == 4 {
        multiples.append(l)
        continue
      }
      guard case (let n, let d)? = factors[k].machineParts else { return nil }
      let (multiple, overflow) = n.multipliedReportingOverflow(by: l / d)
      if overflow { return nil }
      multiples.append(multiple)
    }
    self.common = l
    (daily, weekly, fortnightly, fourWeekly, monthly) =
      (multiples[0], multiples[1], multiples[2], multiples[3], multiples[4])
    (quarterly, halfYearly, annually) = (multiples[5], multiples[6], multiples[7])
  }
}

extension Flag.Code {
  /// The code's position in `allCases` (SPEC §7 table order), by a switch
  /// rather than a search of `allCases`.
  var position: Int {
    switch self {
    case .breathingSpace: 0
    case .adviceHold: 1
    case .deficitBudget: 2
    case .priorityShortfall: 3
    case .insolvency: 4
    case .mentalCapacity: 5
    case .dispute: 6
    case .vulnerability: 7
    case .guidelineExceeded: 8
    case .tokenPlan: 9
    case .longTerm: 10
    case .neverClears: 11
    case .staleIE: 12
    case .policyFiguresDated: 13
    }
  }
}
