extension Case {
  /// Reads a case from a parsed JSON document (SPEC §3).
  ///
  /// Unknown members are ignored. `defaultCurrency` applies when the case
  /// names none; `categories` is the SFS table lines are checked against.
  public init(
    json: JSONValue, defaultCurrency: Currency, categories: SFSCategories = .standard
  ) throws(CaseError) {
    self = try json.decoding { root throws(CaseError) in
      try Case(node: root, defaultCurrency: defaultCurrency, categories: categories)
    }
  }

  /// Reads a case from a tape node (the bulk path: no tree is built).
  init(node: JSONNode, defaultCurrency: Currency, categories: SFSCategories = .standard) throws(CaseError) {
    let root = try FieldReader(node, path: "")
    id = try root.string("id")
    asOf = try root.date("as_of")
    policy = try root.optionalString("policy")
    if let code = try root.optionalString("currency") {
      guard let currency = Currency.named(code) else {
        throw CaseError(
          .invalidValue, path: "currency", "expected GBP, SEK, NOK, DKK or EUR, found '\(code.prefix(8))'")
      }
      self.currency = currency
    } else {
      currency = defaultCurrency
    }
    let currency = self.currency

    guard
      let household = try root.nested("household", { fields throws(CaseError) in try Household(fields) })
    else {
      throw CaseError(.missingField, path: "household", "expected the household (adults, children)")
    }
    self.household = household
    income = try root.elements("income") { value throws(CaseError) in
      try Line(FieldReader(value, path: ""), direction: .income, currency: currency, categories: categories)
    }
    expenditure = try root.elements("expenditure") { value throws(CaseError) in
      try Line(
        FieldReader(value, path: ""), direction: .expenditure, currency: currency, categories: categories)
    }
    var seen: Set<String> = []
    debts = try root.elements("debts") { value throws(CaseError) in
      let debt = try Debt(FieldReader(value, path: ""), currency: currency)
      guard seen.insert(debt.id).inserted else {
        throw CaseError(.duplicateID, path: "id", "expected a debt id used once, found '\(debt.id)' again")
      }
      return debt
    }
    let debtIDs = seen
    circumstances =
      try root.nested("circumstances") { fields throws(CaseError) in
        try Circumstances(fields, debtIDs: debtIDs)
      } ?? .none
    offer = try root.nested("offer") { fields throws(CaseError) in
      let debt = try fields.string("debt")
      guard debtIDs.contains(debt) else {
        throw CaseError(
          .unknownDebt, path: fields.child("debt"), "expected the id of a debt in the case, found '\(debt)'")
      }
      return Offer(debt: debt, payment: try Payment(fields, currency: currency))
    }
    agreedPlan = try root.nested("agreed_plan") { fields throws(CaseError) in
      let agreedOn = try fields.date("agreed_on")
      let payments = try fields.elements("payments") { value throws(CaseError) in
        let entry = try FieldReader(value, path: "")
        let debt = try entry.string("debt")
        guard debtIDs.contains(debt) else {
          throw CaseError(
            .unknownDebt, path: entry.child("debt"), "expected the id of a debt in the case, found '\(debt)'")
        }
        return (debt, try Payment(entry, currency: currency))
      }
      return AgreedPlan(agreedOn: agreedOn, payments: payments)
    }
  }
}

extension Household {
  init(_ fields: FieldReader) throws(CaseError) {
    adults = try fields.int("adults", in: 1...99)
    childAges = try fields.elements("children") { value throws(CaseError) in
      try FieldReader(value, path: "").int("age", in: 0...25)
    }
    guard childAges.count <= 99 else {
      throw CaseError(.invalidValue, path: fields.child("children"), "expected at most 99 children")
    }
    vehicles = try fields.int("vehicles", in: 0...99, default: 0)
  }
}

extension Frequency {
  static let expected = "one of " + Frequency.allCases.map(\.rawValue).joined(separator: ", ")
}

extension Payment {
  /// Reads `amount` and `frequency` (default monthly) from an object.
  init(_ fields: FieldReader, currency: Currency) throws(CaseError) {
    amount = try fields.amount("amount", currency)
    frequency = try fields.choice("frequency", Frequency.expected, default: .monthly) {
      Frequency(rawValue: $0)
    }
  }
}

extension Line {
  init(
    _ fields: FieldReader, direction: SFSCategory.Direction, currency: Currency, categories: SFSCategories
  ) throws(CaseError) {
    let name = try fields.string("category")
    guard let category = categories[name] else {
      throw CaseError(
        .unknownCategory, path: fields.child("category"),
        "expected an SFS category, found '\(name.prefix(60))'")
    }
    guard category.direction == direction else {
      throw CaseError(
        .unknownCategory, path: fields.child("category"),
        "expected an \(direction.rawValue) category, found the \(category.direction.rawValue) category '\(name)'"
      )
    }
    self.category = category
    amount = try fields.amount("amount", currency)
    frequency = try fields.choice("frequency", Frequency.expected) { Frequency(rawValue: $0) }
  }
}

extension Debt {
  init(_ fields: FieldReader, currency: Currency) throws(CaseError) {
    id = try fields.string("id")
    guard !id.isEmpty else {
      throw CaseError(.invalidValue, path: fields.child("id"), "expected a non-empty id")
    }
    creditor = try fields.optionalString("creditor") ?? ""
    kind = try fields.string("kind")
    guard Case.debtKinds.contains(kind) else {
      throw CaseError(
        .unknownDebtKind, path: fields.child("kind"),
        "expected a debt kind of SPEC §3, found '\(kind.prefix(40))'")
    }
    balance = try fields.amount("balance", currency)
    arrears = try fields.optionalAmount("arrears", currency) ?? .zero
    guard arrears <= balance else {
      throw CaseError(
        .invalidValue, path: fields.child("arrears"), "expected arrears no larger than the balance")
    }
    contractualPayment = try fields.nested("contractual_payment") { f throws(CaseError) in
      try Payment(f, currency: currency)
    }
    requiredPayment = try fields.nested("required_payment") { f throws(CaseError) in
      try Payment(f, currency: currency)
    }
    arrearsMonths =
      fields.value("arrears_months") == nil ? nil : try fields.int("arrears_months", in: 1...600)
    annualInterestRate = try fields.optionalDecimal("annual_interest_rate") ?? .zero
    guard annualInterestRate <= 100 else {
      throw CaseError(
        .invalidValue, path: fields.child("annual_interest_rate"),
        "expected a yearly rate as a fraction, at most 100")
    }
    interestFrozen = try fields.bool("interest_frozen", default: false)
    stage = try fields.choice(
      "stage", "none, arrears, default, court_order or enforcement", default: Stage.none
    ) {
      Stage(name: $0)
    }
    excludeFromPlan = try fields.bool("exclude_from_plan", default: false)
  }
}

extension Circumstances {
  init(_ fields: FieldReader, debtIDs: Set<String>) throws(CaseError) {
    breathingSpace = try fields.nested("breathing_space") { f throws(CaseError) in
      BreathingSpace(
        kind: try f.choice("kind", "standard or mental_health") { BreathingSpace.Kind(rawValue: $0) },
        start: try f.date("start"),
        end: try f.optionalDate("end"))
    }
    adviceSoughtOn = try fields.optionalDate("advice_sought_on")
    vulnerabilities = try fields.elements("vulnerabilities") { value throws(CaseError) in
      let name = try FieldReader.string(value, path: "")
      guard let vulnerability = Vulnerability(rawValue: name) else {
        throw CaseError(
          .invalidValue, path: "",
          "expected one of " + Vulnerability.allCases.map(\.rawValue).joined(separator: ", ")
            + ", found '\(name.prefix(40))'")
      }
      return vulnerability
    }
    insolvency =
      try fields.value("insolvency") == nil
      ? nil
      : fields.choice(
        "insolvency", "one of " + Circumstances.insolvencyKinds.sorted().joined(separator: ", ")
      ) {
        Circumstances.insolvencyKinds.contains($0) ? $0 : nil
      }
    disputedDebts = try fields.elements("disputed_debts") { value throws(CaseError) in
      let id = try FieldReader.string(value, path: "")
      guard debtIDs.contains(id) else {
        throw CaseError(
          .unknownDebt, path: "", "expected the id of a debt in the case, found '\(id.prefix(40))'")
      }
      return id
    }
    ieRecordedOn = try fields.optionalDate("ie_recorded_on")
  }
}
