/// A total an SFS document states that differs from Headroom's exact
/// recomputation of the same SFS definition.
public struct SFSDiscrepancy: Sendable, Equatable {
  /// The stated field's path, e.g. `overview.total-monthly-income`.
  public var field: String
  public var stated: Rational
  public var recomputed: Rational
  /// Whether the figure is a head count (`total-number-in-household`), not money.
  public var isCount: Bool

  /// The two values as written: whole numbers for a count, pounds and pence otherwise.
  public var text: (stated: String, recomputed: String) {
    (Self.format(stated, isCount), Self.format(recomputed, isCount))
  }

  static func format(_ value: Rational, _ isCount: Bool) -> String {
    isCount ? value.description : Money(rounding: value, .halfUp, currency: .gbp).description
  }
}

extension SFSDocument {
  /// Headroom's exact value of what a stated figure totals.
  public func recomputed(_ measure: Measure) -> Rational {
    func sum(_ include: (Line) -> Bool) -> Rational {
      lines.reduce(Rational.zero) { include($1) ? $0 + $1.monthly : $0 }
    }
    let savings = sum { $0.category.section == "savings" }
    let adminFee = sum { $0.category.section == "debt-admin-fee" }
    let income = sum { $0.category.direction == .income }
    let outgoings = sum { $0.category.direction == .expenditure } - savings - adminFee
    let offers = debts.reduce(Rational.zero) { $1.priority ? $0 + $1.repaymentOffer : $0 }
    switch measure {
    case .lines(let prefix): return sum { $0.path.hasPrefix(prefix) }
    case .income: return income
    case .outgoings: return outgoings
    case .incomeMinusOutgoings: return income - outgoings
    case .savings: return savings
    case .adminFee: return adminFee
    case .availableForPriority: return income - outgoings - savings - adminFee
    case .priorityOffers: return offers
    case .availableForNonPriority: return income - outgoings - savings - adminFee - offers
    case .priorityDebts: return debts.reduce(Rational.zero) { $1.priority ? $0 + $1.amountOwed : $0 }
    case .nonPriorityDebts: return debts.reduce(Rational.zero) { $1.priority ? $0 : $0 + $1.amountOwed }
    case .householdSize:
      return Rational(
        1 + (jointApplication ? 1 : 0) + childrenUnder16 + children16To18 + otherDependents + nonDependents)
    }
  }

  /// Every stated figure that differs from its recomputation, in reading order.
  ///
  /// Every amount is a whole number of pence, so the comparison is exact:
  /// a difference of one penny is reported.
  public var discrepancies: [SFSDiscrepancy] {
    stated.compactMap { figure in
      let recomputed = recomputed(figure.measure)
      return recomputed == figure.value
        ? nil
        : SFSDiscrepancy(
          field: figure.field, stated: figure.value, recomputed: recomputed,
          isCount: figure.measure == .householdSize)
    }
  }
}

/// An SFS document as a SPEC §3 case, with the assumptions made and the
/// stated totals that disagree with Headroom's recomputation.
public struct SFSImport: Sendable {
  /// The age assumed for each child under 16, and for each child aged 16–18.
  public static let childAges = (under16: 15, from16To18: 17)

  public var household: Case
  public var discrepancies: [SFSDiscrepancy]
  public var assumptions: [String]

  /// Maps `document` to a case named `id`, assessed as of `asOf` under `policy`.
  public init(_ document: SFSDocument, id: String, asOf: CivilDate, policy: String, currency: Currency) {
    let ages =
      Array(repeating: Self.childAges.under16, count: document.childrenUnder16)
      + Array(repeating: Self.childAges.from16To18, count: document.children16To18)
    var income: [Line] = []
    var expenditure: [Line] = []
    for line in document.lines where line.monthly.signum != 0 {
      let entry = Line(category: line.category, amount: line.monthly, frequency: .monthly)
      if line.category.direction == .income { income.append(entry) } else { expenditure.append(entry) }
    }
    var debts: [Debt] = []
    var counts = (priority: 0, other: 0)
    for debt in document.debts {
      if debt.priority {
        counts.priority += 1
        debts.append(
          Debt(
            id: "P\(counts.priority)", creditor: debt.creditor, kind: "other_priority",
            balance: debt.amountOwed, arrears: debt.amountOwed))
      } else {
        counts.other += 1
        debts.append(
          Debt(
            id: "N\(counts.other)", creditor: debt.creditor, kind: "other", balance: debt.amountOwed,
            stage: debt.ccj ? .courtOrder : .none))
      }
    }
    household = Case(
      id: id, asOf: asOf, policy: policy, currency: currency,
      household: Household(
        adults: document.jointApplication ? 2 : 1, childAges: ages, vehicles: document.vehicles),
      income: income, expenditure: expenditure, debts: debts)
    discrepancies = document.discrepancies

    assumptions = [
      "The SFS gives children only as counts: each child under 16 is taken as aged \(Self.childAges.under16) and each child aged 16-18 as \(Self.childAges.from16To18), the oldest age of each band, which no bundled pack costs less than a younger child."
    ]
    if document.otherDependents + document.nonDependents > 0 {
      assumptions.append(
        "Other dependents (\(document.otherDependents)) and non-dependents (\(document.nonDependents)) are not counted in the household: the case has the client\(document.jointApplication ? ", the partner" : "") and the dependent children."
      )
    }
    if document.debts.contains(where: { $0.repaymentOffer.signum != 0 }) {
      assumptions.append(
        "The document's repayment offers are checked against its totals but not carried into the case: Headroom works out its own offers."
      )
    }
    if document.kind == .summary {
      assumptions.append(
        "A summary gives section totals only: each is read as the section's 'other' category (total-water as water-supply)."
      )
    }
  }

  /// The case as SPEC §3 JSON, with `assumptions` and `discrepancies` added
  /// (a case reader ignores both).
  public func jsonBytes() -> [UInt8] {
    var w = JSONWriter()
    let currency = household.currency
    func money(_ amount: Rational) {
      w.string(Money(rounding: amount, .halfUp, currency: currency).description)
    }
    w.beginObject()
    w.key("id")
    w.string(household.id)
    w.key("as_of")
    w.string(household.asOf.description)
    w.key("policy")
    w.string(household.policy)
    w.key("currency")
    w.string(currency.code)
    w.key("household")
    w.beginObject()
    w.key("adults")
    w.int(household.household.adults)
    w.key("children")
    w.beginArray()
    for age in household.household.childAges {
      w.beginObject()
      w.key("age")
      w.int(age)
      w.endObject()
    }
    w.endArray()
    w.key("vehicles")
    w.int(household.household.vehicles)
    w.endObject()
    for (key, lines) in [("income", household.income), ("expenditure", household.expenditure)] {
      w.key(key)
      w.beginArray()
      for line in lines {
        w.beginObject()
        w.key("category")
        w.string(line.category.name)
        w.key("amount")
        money(line.amount)
        w.key("frequency")
        w.string(line.frequency.rawValue)
        w.endObject()
      }
      w.endArray()
    }
    w.key("debts")
    w.beginArray()
    for debt in household.debts {
      w.beginObject()
      w.key("id")
      w.string(debt.id)
      w.key("creditor")
      w.string(debt.creditor)
      w.key("kind")
      w.string(debt.kind)
      w.key("balance")
      money(debt.balance)
      w.key("arrears")
      money(debt.arrears)
      w.key("stage")
      w.string(debt.stage.name)
      w.endObject()
    }
    w.endArray()
    w.key("assumptions")
    w.beginArray()
    for assumption in assumptions { w.string(assumption) }
    w.endArray()
    w.key("discrepancies")
    w.beginArray()
    for discrepancy in discrepancies {
      let text = discrepancy.text
      w.beginObject()
      w.key("field")
      w.string(discrepancy.field)
      w.key("stated")
      w.string(text.stated)
      w.key("recomputed")
      w.string(text.recomputed)
      w.endObject()
    }
    w.endArray()
    w.endObject()
    return w.bytes
  }
}
