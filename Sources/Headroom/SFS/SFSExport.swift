/// Writes an SFS summary document (`sfs-summary-schema.json`) for a case:
/// Headroom's recomputed totals and the repayment offers of its plan.
public enum SFSSummary {
  /// The summary of `household` assessed under `pack`, as JSON bytes.
  ///
  /// Every amount is the exact monthly figure rounded by the pack's display
  /// rounding (R1, `half_up` to the penny) and written as a JSON number.
  public static func jsonBytes(for household: Case, under pack: PolicyPack) throws(CaseError) -> [UInt8] {
    let assessment = try Assessment(assessing: household, under: pack)
    guard let figures = pack.version(on: household.asOf)?.figures else { return [] }
    var w = JSONWriter()
    func money(_ amount: Rational) { w.value(.number(assessment.text(amount))) }
    func field(_ key: String, _ amount: Rational) {
      w.key(key)
      money(amount)
    }
    func monthly(_ categories: [String]) -> Rational {
      var total = Rational.zero
      for line in household.income + household.expenditure where categories.contains(line.category.name) {
        total += figures.monthly(line.amount, line.frequency)
      }
      return total
    }

    let people = household.household
    let adults = people.adults
    let under16 = people.childAges.filter { $0 < 16 }.count
    let from16To18 = people.childAges.filter { (16...18).contains($0) }.count
    let otherDependents = max(0, adults - 2) + people.childAges.filter { $0 > 18 }.count
    let a = assessment.monthly

    w.beginObject()
    w.key("client-name")
    w.string(household.id)
    w.key("client-date-of-birth")
    w.string("")
    w.key("is-joint-application")
    w.bool(adults >= 2)
    w.key("client-address")
    w.string("")
    for (key, count) in [
      ("dependent-children-under-16", under16), ("dependent-children-16-18", from16To18),
      ("other-dependents", otherDependents), ("non-dependents", 0),
      ("total-number-in-household", adults + people.childAges.count), ("vehicles", people.vehicles),
    ] {
      w.key(key)
      w.int(count)
    }
    w.key("housing-tenure")
    w.string("other")
    w.key("housing-tenure-other")
    w.string("not recorded")
    w.key("client-employment-status")
    w.beginArray()
    w.string("Other")
    w.endArray()
    w.key("client-employment-status-other")
    w.string("not recorded")

    w.key("overview")
    w.beginObject()
    field("total-monthly-income", a.income)
    field("total-monthly-outgoings", a.expenditure)
    field("savings-contribution", a.savings)
    field("debt-admin-fee", a.adminFee)
    field("total-available-for-priority-debts", a.availableForPriority)
    field("total-available-for-non-priority-debts", a.availableForNonPriority)
    w.endObject()

    /// A summary group: its fields, then its stated total.
    func group(_ path: [String], total: String, _ amount: Rational? = nil) {
      w.key(path[path.count - 1])
      w.beginObject()
      let fields = SFSLayout.summary.filter { $0.group == path }
      for summaryField in fields { field(summaryField.key, monthly(summaryField.categories)) }
      field(total, amount ?? monthly(fields.flatMap(\.categories)))
      w.endObject()
    }
    group(SFSLayout.income, total: "total-monthly-income", a.income)
    w.key("monthly-outgoings")
    w.beginObject()
    group(SFSLayout.fixed, total: "total-fixed-costs")
    group(SFSLayout.flexible, total: "total-flexible-costs")
    field("total-monthly-outgoings", a.expenditure)
    w.endObject()

    let priority = household.debts.filter { figures.priorityKinds[$0.kind] != nil }
    let byID = Dictionary(household.debts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let ordered = assessment.order.compactMap { byID[$0] }
    w.key("debts")
    w.beginObject()
    w.key("priority-debts")
    w.beginArray()
    for debt in ordered where figures.priorityKinds[debt.kind] != nil {
      w.beginObject()
      w.key("creditor")
      w.string(debt.creditor.isEmpty ? debt.id : debt.creditor)
      field("amount-owed", debt.arrears)
      field("repayment-offer", assessment.priorityOffers.first { $0.debt == debt.id }?.offer ?? .zero)
      w.endObject()
    }
    w.endArray()
    field("total-priority-debts", priority.reduce(Rational.zero) { $0 + $1.arrears })
    w.key("non-priority-debts")
    w.beginArray()
    var owed = Rational.zero
    for debt in ordered where figures.priorityKinds[debt.kind] == nil {
      owed += debt.balance
      w.beginObject()
      w.key("creditor")
      w.string(debt.creditor.isEmpty ? debt.id : debt.creditor)
      field("amount-owed", debt.balance)
      field("repayment-offer", assessment.plan.payments.first { $0.debt == debt.id }?.amount ?? .zero)
      w.key("ccj")
      w.bool(debt.stage >= .courtOrder)
      w.endObject()
    }
    w.endArray()
    field("total-non-priority-debts", owed)
    if assessment.plan.kind == .token {
      field("token-payments", assessment.plan.payments.reduce(Rational.zero) { $0 + $1.amount })
    }
    w.endObject()

    w.key("notes")
    w.beginArray()
    for note in notes(household, assessment) { w.string(note) }
    w.endArray()
    w.endObject()
    return w.bytes
  }

  static func notes(_ household: Case, _ a: Assessment) -> [String] {
    var notes = [
      "Written by Headroom from case \(household.id) as of \(a.asOf) under policy \(a.policy.id) \(a.policy.version) (\(a.policy.digest)). Every figure is Headroom's exact recomputation, rounded half up to the penny.",
      "Headroom records no name, date of birth, address, housing tenure or employment: client-name is the case id and the others are left empty or 'not recorded'.",
    ]
    switch a.plan.kind {
    case .none: notes.append("Plan: none; nothing is available for non-priority debts.")
    case .token:
      notes.append(
        "Plan: token payments of \(a.text(a.plan.payments.first?.amount ?? .zero)) a month to each non-priority creditor"
          + (a.plan.reviewOn.map { ", review on \($0)." } ?? "."))
    case .proRata:
      notes.append(
        "Plan: pro rata, \(a.text(a.plan.pot)) a month to non-priority creditors"
          + (a.plan.termMonths.map { " over \($0) months." } ?? "."))
    }
    let flags = a.flags.map(\.code.rawValue)
    notes.append(
      "Recommendation: \(a.recommendation.rawValue)"
        + (flags.isEmpty ? "." : " (flags: \(flags.joined(separator: ", "))).")
    )
    return notes
  }
}
