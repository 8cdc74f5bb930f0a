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
  ///
  /// Each object's members are found in one pass (``ObjectReader``); fields
  /// are then read, and errors thrown, in the order below.
  init(node: JSONNode, defaultCurrency: Currency, categories: borrowing SFSCategories = .standard)
    throws(CaseError)
  {
    self = try Case.read(
      ObjectReader<CaseKey>(node), policy: nil, defaultCurrency: defaultCurrency, categories: categories)
  }

  /// Reads a case from its root object's members; `policy` is the root's
  /// `policy` string when the caller has already read it (nil: read here).
  /// With `names`, plain debts' ids and creditors are taken from it (the
  /// same Strings).
  ///
  /// A static function building each field in a local and the case at the
  /// end: as an initializer reading `self` part-built, the whole case was
  /// built in a temporary, copied out (retaining every field) and destroyed.
  static func read(
    _ root: ObjectReader<CaseKey>, policy knownPolicy: String?, defaultCurrency: Currency,
    categories: borrowing SFSCategories = .standard, names: UnsafeMutablePointer<NameCache>? = nil
  ) throws(CaseError) -> Case {
    // Not through `names`: case ids differ case by case.
    let id = try root.string(.id)
    let asOf = try root.date(.asOf)
    var policy = knownPolicy
    if policy == nil { policy = try root.optionalString(.policy) }
    let currency: Currency
    if let value = root.value(.currency), let known = PlainReading.currency(value) {
      currency = known
    } else if let code = try root.optionalString(.currency) {
      guard let named = Currency.named(code) else {
        throw CaseError(
          .invalidValue, path: "currency", "expected GBP, SEK, NOK, DKK or EUR, found '\(code.prefix(8))'")
      }
      currency = named
    } else {
      currency = defaultCurrency
    }
    let minorDigits = currency.minorDigits

    guard
      let household = try root.nested(
        .household,
        { (fields: ObjectReader<HouseholdKey>) throws(CaseError) in
          try Household(fields)
        })
    else {
      throw CaseError(.missingField, path: "household", "expected the household (adults, children)")
    }
    // Lines and debts are read straight from the tape when plain (see
    // PlainReading); anything else goes through ObjectReader, for the same
    // value or the same error.
    let income: [Line]
    if let array = root.value(.income), array.token.kind == .array,
      let lines = Line.plainList(array, direction: .income, minorDigits: minorDigits, categories: categories)
    {
      income = lines
    } else {
      income = try root.elements(.income) { value throws(CaseError) in
        try Line(ObjectReader(value), direction: .income, currency: currency, categories: categories)
      }
    }
    let expenditure: [Line]
    if let array = root.value(.expenditure), array.token.kind == .array,
      let lines = Line.plainList(
        array, direction: .expenditure, minorDigits: minorDigits, categories: categories)
    {
      expenditure = lines
    } else {
      expenditure = try root.elements(.expenditure) { value throws(CaseError) in
        try Line(ObjectReader(value), direction: .expenditure, currency: currency, categories: categories)
      }
    }
    let debts: [Debt]
    var seen: DebtIDs
    if let array = root.value(.debts), array.token.kind == .array,
      let plain = Debt.plainList(array, minorDigits: minorDigits, names: names)
    {
      debts = plain
      seen = DebtIDs(distinct: plain)
    } else {
      seen = DebtIDs(capacity: 8)
      debts = try root.elements(.debts) { value throws(CaseError) in
        let debt = try Debt(ObjectReader(value), currency: currency)
        guard seen.insert(debt.id) else { throw Debt.duplicate(debt.id) }
        return debt
      }
    }
    let debtIDs = seen
    let circumstances =
      try root.nested(.circumstances) { (fields: ObjectReader<CircumstancesKey>) throws(CaseError) in
        try Circumstances(fields, debtIDs: debtIDs)
      } ?? .none
    let offer = try root.nested(.offer) { (fields: ObjectReader<PaymentKey>) throws(CaseError) in
      let debt = try fields.string(.debt)
      guard debtIDs.contains(debt) else {
        throw CaseError(
          .unknownDebt, path: fields.child(.debt), "expected the id of a debt in the case, found '\(debt)'")
      }
      return Offer(debt: debt, payment: try Payment(fields, currency: currency))
    }
    let agreedPlan = try root.nested(.agreedPlan) { (fields: ObjectReader<AgreedPlanKey>) throws(CaseError) in
      let agreedOn = try fields.date(.agreedOn)
      if let array = fields.value(.payments), array.token.kind == .array,
        let payments = AgreedPlan.plainPayments(
          array, minorDigits: minorDigits, debtIDs: debtIDs, names: names)
      {
        return AgreedPlan(agreedOn: agreedOn, payments: payments)
      }
      let payments = try fields.elements(.payments) { value throws(CaseError) in
        let entry = try ObjectReader<PaymentKey>(value)
        let debt = try entry.string(.debt)
        guard debtIDs.contains(debt) else {
          throw CaseError(
            .unknownDebt, path: entry.child(.debt), "expected the id of a debt in the case, found '\(debt)'")
        }
        // Labelled as AgreedPlan stores them, so the array is not converted.
        return (debt: debt, payment: try Payment(entry, currency: currency))
      }
      return AgreedPlan(agreedOn: agreedOn, payments: payments)
    }
    // Built field by field in a temporary and moved out: the memberwise
    // initializer built the case, copied it whole (every field retained)
    // and destroyed the original.
    return withUnsafeTemporaryAllocation(of: Case.self, capacity: 1) { buffer in
      let made = buffer.baseAddress!
      Case.initialize(
        made, id: id, asOf: asOf, policy: policy, currency: currency, household: household, income: income,
        expenditure: expenditure, debts: debts, circumstances: circumstances, offer: offer,
        agreedPlan: agreedPlan)
      return made.move()
    }
  }

  /// Initializes the case at `made` one stored property at a time, each
  /// value moved into place (see ``Debt/initialize(_:id:creditor:kind:kindPosition:balance:arrears:contractualPayment:requiredPayment:arrearsMonths:annualInterestRate:interestFrozen:stage:excludeFromPlan:)``).
  ///
  /// Every stored property of `Case` must be initialized here: a test
  /// counts them (``Case/storedPropertyCount``).
  @inline(__always)
  static func initialize(
    _ made: UnsafeMutablePointer<Case>, id: consuming String, asOf: CivilDate, policy: consuming String?,
    currency: Currency, household: consuming Household, income: consuming [Line],
    expenditure: consuming [Line],
    debts: consuming [Debt], circumstances: consuming Circumstances, offer: consuming Offer?,
    agreedPlan: consuming AgreedPlan?
  ) {
    let raw = UnsafeMutableRawPointer(made)
    @inline(__always) func field<T>(_ path: KeyPath<Case, T>) -> UnsafeMutableRawPointer {
      raw + MemoryLayout<Case>.offset(of: path)!
    }
    field(\.id).initializeMemory(as: String.self, to: id)
    field(\.asOf).initializeMemory(as: CivilDate.self, to: asOf)
    field(\.policy).initializeMemory(as: String?.self, to: policy)
    field(\.currency).initializeMemory(as: Currency.self, to: currency)
    field(\.household).initializeMemory(as: Household.self, to: household)
    field(\.income).initializeMemory(as: [Line].self, to: income)
    field(\.expenditure).initializeMemory(as: [Line].self, to: expenditure)
    field(\.debts).initializeMemory(as: [Debt].self, to: debts)
    field(\.circumstances).initializeMemory(as: Circumstances.self, to: circumstances)
    field(\.offer).initializeMemory(as: Offer?.self, to: offer)
    field(\.agreedPlan).initializeMemory(as: AgreedPlan?.self, to: agreedPlan)
  }

  /// How many stored properties ``initialize(_:id:asOf:policy:currency:household:income:expenditure:debts:circumstances:offer:agreedPlan:)`` initializes.
  static let storedPropertyCount = 11
}

// The members each case object knows, in the order of their tables.

enum CaseKey: Int, MemberKey {
  case id, asOf, policy, currency, household, income, expenditure, debts, circumstances, offer, agreedPlan
  static let table = KeyTable([
    "id", "as_of", "policy", "currency", "household", "income", "expenditure", "debts", "circumstances",
    "offer",
    "agreed_plan",
  ])

  /// `table.index` as a switch on the length and a word compare or two.
  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let key: CaseKey?
    switch count {
    case 2: key = PlainReading.equal(p, "id") ? .id : nil
    case 5:
      key =
        PlainReading.equal(p, "as_of")
        ? .asOf : PlainReading.equal(p, "debts") ? .debts : PlainReading.equal(p, "offer") ? .offer : nil
    case 6: key = PlainReading.equal(p, "policy") ? .policy : PlainReading.equal(p, "income") ? .income : nil
    case 8: key = PlainReading.equal(p, "currency") ? .currency : nil
    case 9: key = PlainReading.equal(p, "household") ? .household : nil
    case 11:
      key =
        PlainReading.equal(p, "expenditure")
        ? .expenditure : PlainReading.equal(p, "agreed_plan") ? .agreedPlan : nil
    case 13: key = PlainReading.equal(p, "circumstances") ? .circumstances : nil
    default: key = nil
    }
    return key?.rawValue
  }
}

enum HouseholdKey: Int, MemberKey {
  case adults, children, vehicles
  static let table = KeyTable(["adults", "children", "vehicles"])

  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let key: HouseholdKey?
    switch count {
    case 6: key = PlainReading.equal(p, "adults") ? .adults : nil
    case 8:
      key =
        PlainReading.equal(p, "children") ? .children : PlainReading.equal(p, "vehicles") ? .vehicles : nil
    default: key = nil
    }
    return key?.rawValue
  }
}

enum ChildKey: Int, MemberKey {
  case age
  static let table = KeyTable(["age"])

  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    count == 3 && PlainReading.equal(p, "age") ? ChildKey.age.rawValue : nil
  }
}

/// A payment (`amount`, `frequency`), an offer or an agreed plan's payment (`debt` too).
enum PaymentKey: Int, MemberKey {
  case amount, frequency, debt
  static let table = KeyTable(["amount", "frequency", "debt"])

  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let key: PaymentKey?
    switch count {
    case 4: key = PlainReading.equal(p, "debt") ? .debt : nil
    case 6: key = PlainReading.equal(p, "amount") ? .amount : nil
    case 9: key = PlainReading.equal(p, "frequency") ? .frequency : nil
    default: key = nil
    }
    return key?.rawValue
  }
}

enum LineKey: Int, MemberKey {
  case category, amount, frequency
  static let table = KeyTable(["category", "amount", "frequency"])
}

enum DebtKey: Int, MemberKey {
  case id, creditor, kind, balance, arrears, contractualPayment, requiredPayment, arrearsMonths
  case annualInterestRate, interestFrozen, stage, excludeFromPlan
  static let table = KeyTable([
    "id", "creditor", "kind", "balance", "arrears", "contractual_payment", "required_payment",
    "arrears_months",
    "annual_interest_rate", "interest_frozen", "stage", "exclude_from_plan",
  ])
}

enum CircumstancesKey: Int, MemberKey {
  case breathingSpace, adviceSoughtOn, vulnerabilities, insolvency, disputedDebts, ieRecordedOn
  static let table = KeyTable([
    "breathing_space", "advice_sought_on", "vulnerabilities", "insolvency", "disputed_debts",
    "ie_recorded_on",
  ])

  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let key: CircumstancesKey?
    switch count {
    case 10: key = PlainReading.equal(p, "insolvency") ? .insolvency : nil
    case 14:
      key =
        PlainReading.equal(p, "disputed_debts")
        ? .disputedDebts : PlainReading.equal(p, "ie_recorded_on") ? .ieRecordedOn : nil
    case 15:
      key =
        PlainReading.equal(p, "breathing_space")
        ? .breathingSpace : PlainReading.equal(p, "vulnerabilities") ? .vulnerabilities : nil
    case 16: key = PlainReading.equal(p, "advice_sought_on") ? .adviceSoughtOn : nil
    default: key = nil
    }
    return key?.rawValue
  }
}

enum BreathingSpaceKey: Int, MemberKey {
  case kind, start, end
  static let table = KeyTable(["kind", "start", "end"])
}

enum AgreedPlanKey: Int, MemberKey {
  case agreedOn, payments
  static let table = KeyTable(["agreed_on", "payments"])

  @inline(__always)
  static func position(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let key: AgreedPlanKey?
    switch count {
    case 8: key = PlainReading.equal(p, "payments") ? .payments : nil
    case 9: key = PlainReading.equal(p, "agreed_on") ? .agreedOn : nil
    default: key = nil
    }
    return key?.rawValue
  }
}

extension Household {
  init(_ fields: ObjectReader<HouseholdKey>) throws(CaseError) {
    adults = try fields.int(.adults, in: 1...99)
    // `[]` read straight from the tape; anything else through the general
    // readers, for the same value or error.
    childAges =
      fields.isEmptyArray(.children)
      ? []
      : try fields.elements(.children) { value throws(CaseError) in
        if let age = PlainReading.childAge(value) { return age }
        return try ObjectReader<ChildKey>(value).int(.age, in: 0...25)
      }
    guard childAges.count <= 99 else {
      throw CaseError(.invalidValue, path: fields.child(.children), "expected at most 99 children")
    }
    vehicles = try fields.int(.vehicles, in: 0...99, default: 0)
  }
}

extension Frequency {
  static let expected = "one of " + Frequency.allCases.map(\.rawValue).joined(separator: ", ")
  /// Every frequency, in the order of `table`.
  static let ordered = Frequency.allCases
  static let table = KeyTable(Frequency.allCases.map(\.rawValue))
}

extension Stage {
  static let ordered = Stage.allCases
  static let table = KeyTable(Stage.allCases.map(\.name))
}

extension Payment {
  /// Reads `amount` and `frequency` (default monthly) from an object.
  init(_ fields: ObjectReader<PaymentKey>, currency: Currency) throws(CaseError) {
    amount = try fields.amount(.amount, currency)
    frequency = try fields.choice(
      .frequency, Frequency.table, Frequency.ordered, Frequency.expected, default: .monthly)
  }
}

extension Line {
  init(
    _ fields: ObjectReader<LineKey>, direction: SFSCategory.Direction, currency: Currency,
    categories: borrowing SFSCategories
  ) throws(CaseError) {
    let value = try fields.required(.category, "a string")
    let token = value.token
    if token.kind == .string && !token.escaped, let known = categories.category(utf8: value.text),
      known.direction == direction
    {
      category = known
    } else {
      // Escapes, a wrong type, an unknown name or the wrong direction: the
      // general path, for the same category or the same error.
      let name = try FieldReader.string(value, path: fields.child(.category))
      guard let category = categories[name] else {
        throw CaseError(
          .unknownCategory, path: fields.child(.category),
          "expected an SFS category, found '\(name.prefix(60))'")
      }
      guard category.direction == direction else {
        throw CaseError(
          .unknownCategory, path: fields.child(.category),
          "expected an \(direction.rawValue) category, found the \(category.direction.rawValue) category '\(name)'"
        )
      }
      self.category = category
    }
    amount = try fields.amount(.amount, currency)
    frequency = try fields.choice(.frequency, Frequency.table, Frequency.ordered, Frequency.expected)
  }
}

extension Case {
  /// ``debtKinds``, looked up by bytes.
  static let debtKindTable = KeyTable(debtKinds)
}

extension Debt {
  /// The position of `kind` in ``Case/debtKinds``, or -1 when SPEC §3 does not define it.
  static func position(ofKind kind: String) -> Int8 {
    Case.debtKindTable.index(kind).map { Int8($0) } ?? -1
  }
}

extension Debt {
  /// The error for a debt id used twice in one case.
  static func duplicate(_ id: String) -> CaseError {
    CaseError(.duplicateID, path: "id", "expected a debt id used once, found '\(id)' again")
  }

  init(_ fields: ObjectReader<DebtKey>, currency: Currency) throws(CaseError) {
    id = try fields.string(.id)
    guard !id.isEmpty else {
      throw CaseError(.invalidValue, path: fields.child(.id), "expected a non-empty id")
    }
    creditor = try fields.optionalString(.creditor) ?? ""
    let kindValue = try fields.required(.kind, "a string")
    let kindToken = kindValue.token
    // A defined kind is held by its position alone (see `Debt.kindName`).
    if kindToken.kind == .string && !kindToken.escaped, let known = Case.debtKindTable.index(kindValue.text) {
      kindPosition = Int8(known)
    } else {
      let text = try FieldReader.string(kindValue, path: fields.child(.kind))
      guard let known = Case.debtKindTable.index(text) else {
        throw CaseError(
          .unknownDebtKind, path: fields.child(.kind),
          "expected a debt kind of SPEC §3, found '\(text.prefix(40))'")
      }
      kindPosition = Int8(known)
    }
    kindName = ""
    balance = try fields.amount(.balance, currency)
    arrears = try fields.optionalAmount(.arrears, currency) ?? .zero
    guard arrears <= balance else {
      throw CaseError(
        .invalidValue, path: fields.child(.arrears), "expected arrears no larger than the balance")
    }
    contractualPayment = try fields.nested(.contractualPayment) {
      (f: ObjectReader<PaymentKey>) throws(CaseError) in
      try Payment(f, currency: currency)
    }
    requiredPayment = try fields.nested(.requiredPayment) { (f: ObjectReader<PaymentKey>) throws(CaseError) in
      try Payment(f, currency: currency)
    }
    arrearsMonths =
      fields.value(.arrearsMonths) == nil ? nil : try fields.int(.arrearsMonths, in: 1...600)
    annualInterestRate = try fields.optionalDecimal(.annualInterestRate) ?? .zero
    guard annualInterestRate <= 100 else {
      throw CaseError(
        .invalidValue, path: fields.child(.annualInterestRate),
        "expected a yearly rate as a fraction, at most 100")
    }
    interestFrozen = try fields.bool(.interestFrozen, default: false)
    stage = try fields.choice(
      .stage, Stage.table, Stage.ordered, "none, arrears, default, court_order or enforcement",
      default: Stage.none)
    excludeFromPlan = try fields.bool(.excludeFromPlan, default: false)
  }
}

extension Circumstances {
  /// Each field read into a local, then the whole built in place (see
  /// ``Case/read(_:policy:defaultCurrency:categories:names:)``): assigned
  /// field by field, it was built in a temporary and copied out whole.
  init(_ fields: ObjectReader<CircumstancesKey>, debtIDs: DebtIDs) throws(CaseError) {
    let breathingSpace = try fields.nested(.breathingSpace) {
      (f: ObjectReader<BreathingSpaceKey>) throws(CaseError) in
      BreathingSpace(
        kind: try f.choice(.kind, "standard or mental_health") { BreathingSpace.Kind(rawValue: $0) },
        start: try f.date(.start),
        end: try f.optionalDate(.end))
    }
    let adviceSoughtOn = try fields.optionalDate(.adviceSoughtOn)
    // Most cases list no vulnerabilities and no disputed debts: `[]` then,
    // without the element readers (the second captures and retains `debtIDs`).
    let vulnerabilities: [Vulnerability] =
      fields.isEmptyArray(.vulnerabilities)
      ? []
      : try fields.elements(.vulnerabilities) { value throws(CaseError) in
        if let vulnerability = PlainReading.vulnerability(value) { return vulnerability }
        let name = try FieldReader.string(value, path: "")
        guard let vulnerability = Vulnerability(rawValue: name) else {
          throw CaseError(
            .invalidValue, path: "",
            "expected one of " + Vulnerability.allCases.map(\.rawValue).joined(separator: ", ")
              + ", found '\(name.prefix(40))'")
        }
        return vulnerability
      }
    let insolvency: String? =
      try fields.value(.insolvency) == nil
      ? nil
      : fields.choice(
        .insolvency, "one of " + Circumstances.insolvencyKinds.sorted().joined(separator: ", ")
      ) {
        Circumstances.insolvencyKinds.contains($0) ? $0 : nil
      }
    let disputedDebts: [String] =
      fields.isEmptyArray(.disputedDebts)
      ? []
      : try fields.elements(.disputedDebts) { value throws(CaseError) in
        let id = try FieldReader.string(value, path: "")
        guard debtIDs.contains(id) else {
          throw CaseError(
            .unknownDebt, path: "", "expected the id of a debt in the case, found '\(id.prefix(40))'")
        }
        return id
      }
    let ieRecordedOn = try fields.optionalDate(.ieRecordedOn)
    self = withUnsafeTemporaryAllocation(of: Circumstances.self, capacity: 1) { buffer in
      let made = buffer.baseAddress!
      let raw = UnsafeMutableRawPointer(made)
      @inline(__always) func field<T>(_ path: KeyPath<Circumstances, T>) -> UnsafeMutableRawPointer {
        raw + MemoryLayout<Circumstances>.offset(of: path)!
      }
      // Every stored property (a test counts them: `storedPropertyCount`).
      field(\.breathingSpace).initializeMemory(as: BreathingSpace?.self, to: breathingSpace)
      field(\.adviceSoughtOn).initializeMemory(as: CivilDate?.self, to: adviceSoughtOn)
      field(\.vulnerabilities).initializeMemory(as: [Vulnerability].self, to: vulnerabilities)
      field(\.insolvency).initializeMemory(as: String?.self, to: insolvency)
      field(\.disputedDebts).initializeMemory(as: [String].self, to: disputedDebts)
      field(\.ieRecordedOn).initializeMemory(as: CivilDate?.self, to: ieRecordedOn)
      return made.move()
    }
  }

  /// How many stored properties ``init(_:debtIDs:)`` initializes in place.
  static let storedPropertyCount = 6
}
