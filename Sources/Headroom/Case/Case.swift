/// One household's assessment input (SPEC §3).
///
/// Amounts are exact major units (`Rational`), already validated: balances and
/// line amounts are non-negative and have at most the currency's decimals.
public struct Case: Sendable {
  public init(
    id: String, asOf: CivilDate, policy: String? = nil, currency: Currency = .gbp, household: Household,
    income: [Line] = [], expenditure: [Line] = [], debts: [Debt] = [], circumstances: Circumstances = .none,
    offer: Offer? = nil, agreedPlan: AgreedPlan? = nil
  ) {
    self.id = id
    self.asOf = asOf
    self.policy = policy
    self.currency = currency
    self.household = household
    self.income = income
    self.expenditure = expenditure
    self.debts = debts
    self.circumstances = circumstances
    self.offer = offer
    self.agreedPlan = agreedPlan
  }

  public var id: String
  /// The day the assessment speaks for.
  public var asOf: CivilDate
  /// The policy pack the case names; a caller may override it.
  public var policy: String?
  public var currency: Currency
  public var household: Household
  public var income: [Line]
  public var expenditure: [Line]
  public var debts: [Debt]
  public var circumstances: Circumstances
  public var offer: Offer?
  public var agreedPlan: AgreedPlan?
}

/// Who lives in the household.
public struct Household: Sendable {
  public init(adults: Int, childAges: [Int] = [], vehicles: Int = 0) {
    self.adults = adults
    self.childAges = childAges
    self.vehicles = vehicles
  }

  public var adults: Int
  public var childAges: [Int]
  public var vehicles: Int
}

/// How often an amount falls due.
public enum Frequency: String, Sendable, CaseIterable {
  case daily, weekly, fortnightly
  case fourWeekly = "four_weekly"
  case monthly, quarterly
  case halfYearly = "half_yearly"
  case annually
}

/// An amount with a frequency: a payment, an offer, a contractual instalment.
public struct Payment: Sendable {
  public var amount: Rational
  public var frequency: Frequency

  public init(amount: Rational, frequency: Frequency) {
    self.amount = amount
    self.frequency = frequency
  }
}

/// One income or expenditure line of the statement.
public struct Line: Sendable {
  public init(category: SFSCategory, amount: Rational, frequency: Frequency) {
    self.category = category
    self.amount = amount
    self.frequency = frequency
  }

  public var category: SFSCategory
  public var amount: Rational
  public var frequency: Frequency
}

/// Where a debt stands in recovery; later stages sort first among equals.
public enum Stage: Int, Sendable, Comparable, CaseIterable {
  case none, arrears, `default`, courtOrder, enforcement

  public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }

  public var name: String {
    switch self {
    case .none: return "none"
    case .arrears: return "arrears"
    case .default: return "default"
    case .courtOrder: return "court_order"
    case .enforcement: return "enforcement"
    }
  }

  public init?(name: String) {
    guard let stage = Stage.allCases.first(where: { $0.name == name }) else { return nil }
    self = stage
  }
}

/// One debt the household owes.
public struct Debt: Sendable {
  public init(
    id: String, creditor: String = "", kind: String, balance: Rational, arrears: Rational = .zero,
    contractualPayment: Payment? = nil, requiredPayment: Payment? = nil, arrearsMonths: Int? = nil,
    annualInterestRate: Rational = .zero, interestFrozen: Bool = false, stage: Stage = .none,
    excludeFromPlan: Bool = false
  ) {
    self.id = id
    self.creditor = creditor
    let position = Debt.position(ofKind: kind)
    self.kindName = position >= 0 ? "" : kind
    self.kindPosition = position
    self.balance = balance
    self.arrears = arrears
    self.contractualPayment = contractualPayment
    self.requiredPayment = requiredPayment
    self.arrearsMonths = arrearsMonths
    self.annualInterestRate = annualInterestRate
    self.interestFrozen = interestFrozen
    self.stage = stage
    self.excludeFromPlan = excludeFromPlan
  }

  public var id: String
  public var creditor: String
  /// One of the SPEC §3 kinds; the pack ranks it or treats it as non-priority.
  public var kind: String {
    get { kindPosition >= 0 ? Case.debtKinds[Int(kindPosition)] : kindName }
    set {
      kindPosition = Debt.position(ofKind: newValue)
      kindName = kindPosition >= 0 ? "" : newValue
    }
  }
  /// The text of a kind SPEC §3 does not define; empty for a defined kind,
  /// which `kindPosition` names. Reading a case then copies no kind String
  /// per debt (a retain, and an atomic one for names over 15 bytes) that
  /// the engine never reads. Set through `kind`, which keeps both in step.
  var kindName: String
  /// The position of `kind` in ``Case/debtKinds``, or -1 for a kind SPEC §3
  /// does not define: found where the debt is made (the reader has it
  /// already), so the engine ranks a debt without looking its kind up by text.
  var kindPosition: Int8
  public var balance: Rational
  public var arrears: Rational
  public var contractualPayment: Payment?
  public var requiredPayment: Payment?
  public var arrearsMonths: Int?
  /// Per year, as a fraction (0.229 for 22.9 %).
  public var annualInterestRate: Rational
  public var interestFrozen: Bool
  public var stage: Stage
  public var excludeFromPlan: Bool
}

/// A Breathing Space moratorium.
public struct BreathingSpace: Sendable {
  public init(kind: Kind, start: CivilDate, end: CivilDate? = nil) {
    self.kind = kind
    self.start = start
    self.end = end
  }

  public enum Kind: String, Sendable {
    case standard
    case mentalHealth = "mental_health"
  }
  public var kind: Kind
  public var start: CivilDate
  /// For a mental-health crisis moratorium: when crisis treatment ended, if known.
  public var end: CivilDate?
}

/// A vulnerability driver (FCA FG21/1) or a lack of mental capacity.
public enum Vulnerability: String, Sendable, CaseIterable {
  case health
  case lifeEvent = "life_event"
  case resilience, capability
  case mentalCapacity = "mental_capacity"
}

/// The facts that can put collection on hold.
public struct Circumstances: Sendable {
  public init(
    breathingSpace: BreathingSpace? = nil, adviceSoughtOn: CivilDate? = nil,
    vulnerabilities: [Vulnerability] = [],
    insolvency: String? = nil, disputedDebts: [String] = [], ieRecordedOn: CivilDate? = nil
  ) {
    self.breathingSpace = breathingSpace
    self.adviceSoughtOn = adviceSoughtOn
    self.vulnerabilities = vulnerabilities
    self.insolvency = insolvency
    self.disputedDebts = disputedDebts
    self.ieRecordedOn = ieRecordedOn
  }

  public var breathingSpace: BreathingSpace?
  public var adviceSoughtOn: CivilDate?
  public var vulnerabilities: [Vulnerability]
  /// The insolvency procedure in force, if any (`dro`, `iva`, `bankruptcy`, …).
  public var insolvency: String?
  public var disputedDebts: [String]
  public var ieRecordedOn: CivilDate?

  public static let none = Circumstances()

  /// The insolvency procedures SPEC §7 names.
  public static let insolvencyKinds: Set<String> = [
    "dro", "iva", "bankruptcy", "trust_deed", "sequestration", "skuldsanering", "gjeldsordning",
    "gaeldssanering",
  ]
}

/// A repayment offered for one debt, to be checked (SPEC §9.1).
public struct Offer: Sendable {
  public var debt: String
  public var payment: Payment

  public init(debt: String, payment: Payment) {
    self.debt = debt
    self.payment = payment
  }
}

/// A plan already agreed, to be audited (SPEC §9.2).
public struct AgreedPlan: Sendable {
  public init(agreedOn: CivilDate, payments: [(debt: String, payment: Payment)]) {
    self.agreedOn = agreedOn
    self.payments = payments
  }

  public var agreedOn: CivilDate
  public var payments: [(debt: String, payment: Payment)]
}

extension Case {
  /// The debt named `id`, if any.
  public func debt(_ id: String) -> Debt? { debts.first { $0.id == id } }

  /// The debt kinds SPEC §3 defines; every pack maps each one.
  public static let debtKinds: [String] = [
    "mortgage", "secured_loan", "rent", "ground_rent_service_charge", "council_tax", "magistrates_fine",
    "child_maintenance", "tv_licence", "gas", "electricity", "income_tax", "vat", "national_insurance",
    "hire_purchase_essential", "other_priority", "credit_card", "store_card", "personal_loan", "overdraft",
    "catalogue", "payday_loan", "buy_now_pay_later", "water", "parking_penalty", "benefit_overpayment",
    "family_friend", "other",
  ]
}
