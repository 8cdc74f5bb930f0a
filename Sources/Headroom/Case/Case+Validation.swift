// Public initialisers, so a caller can build and assess a case in process.
// `Assessment(assessing:under:)` validates what JSON reading would have checked.

extension Case {

  /// Checks what the JSON reader checks, for cases built in process.
  func validate() throws(CaseError) {
    guard household.adults >= 1 else {
      throw CaseError(.invalidValue, path: "household.adults", "expected at least one adult")
    }
    var ids: Set<String> = []
    for (index, debt) in debts.enumerated() {
      let path = "debts[\(index)]"
      guard ids.insert(debt.id).inserted else {
        throw CaseError(
          .duplicateID, path: "\(path).id", "expected a debt id used once, found '\(debt.id)' again")
      }
      guard Case.debtKinds.contains(debt.kind) else {
        throw CaseError(
          .unknownDebtKind, path: "\(path).kind", "expected a debt kind (SPEC §3), found '\(debt.kind)'")
      }
      guard debt.balance.signum >= 0, debt.arrears.signum >= 0, debt.arrears <= debt.balance,
        debt.annualInterestRate.signum >= 0
      else {
        throw CaseError(
          .invalidValue, path: path, "expected non-negative amounts with arrears no larger than the balance")
      }
    }
    for (index, id) in circumstances.disputedDebts.enumerated() where !ids.contains(id) {
      throw CaseError(
        .unknownDebt, path: "circumstances.disputed_debts[\(index)]",
        "expected the id of a debt in the case, found '\(id)'")
    }
    if let offer, !ids.contains(offer.debt) {
      throw CaseError(
        .unknownDebt, path: "offer.debt", "expected the id of a debt in the case, found '\(offer.debt)'")
    }
    for (index, payment) in (agreedPlan?.payments ?? []).enumerated() where !ids.contains(payment.debt) {
      throw CaseError(
        .unknownDebt, path: "agreed_plan.payments[\(index)].debt",
        "expected the id of a debt in the case, found '\(payment.debt)'")
    }
  }
}

extension Line {

  /// A line of the named standard SFS category; nil if there is no such category.
  public init?(_ category: String, _ amount: Rational, _ frequency: Frequency = .monthly) {
    guard let known = SFSCategories.standard[category] else { return nil }
    self.init(category: known, amount: amount, frequency: frequency)
  }
}
