// Public initialisers, so a caller can build and assess a case in process.
// `Assessment(assessing:under:)` validates what JSON reading would have checked.

extension Case {

  /// Checks what the JSON reader checks, for cases built in process.
  ///
  /// Every case goes through here, read or built, so it copies no debt and
  /// puts a path together only for the error it throws.
  func validate() throws(CaseError) {
    guard household.adults >= 1 else {
      throw CaseError(.invalidValue, path: "household.adults", "expected at least one adult")
    }
    var ids = DebtIDs(capacity: debts.count)
    for index in debts.indices {
      guard ids.insert(debts[index].id) else {
        throw CaseError(
          .duplicateID, path: "debts[\(index)].id",
          "expected a debt id used once, found '\(debts[index].id)' again")
      }
      guard Case.debtKindTable.index(debts[index].kind) != nil else {
        throw CaseError(
          .unknownDebtKind, path: "debts[\(index)].kind",
          "expected a debt kind (SPEC §3), found '\(debts[index].kind)'")
      }
      guard debts[index].balance.signum >= 0, debts[index].arrears.signum >= 0,
        debts[index].arrears <= debts[index].balance, debts[index].annualInterestRate.signum >= 0
      else {
        throw CaseError(
          .invalidValue, path: "debts[\(index)]",
          "expected non-negative amounts with arrears no larger than the balance")
      }
    }
    for index in circumstances.disputedDebts.indices where !ids.contains(circumstances.disputedDebts[index]) {
      throw CaseError(
        .unknownDebt, path: "circumstances.disputed_debts[\(index)]",
        "expected the id of a debt in the case, found '\(circumstances.disputedDebts[index])'")
    }
    if let offer, !ids.contains(offer.debt) {
      throw CaseError(
        .unknownDebt, path: "offer.debt", "expected the id of a debt in the case, found '\(offer.debt)'")
    }
    if let payments = agreedPlan?.payments {
      for index in payments.indices where !ids.contains(payments[index].debt) {
        throw CaseError(
          .unknownDebt, path: "agreed_plan.payments[\(index)].debt",
          "expected the id of a debt in the case, found '\(payments[index].debt)'")
      }
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
