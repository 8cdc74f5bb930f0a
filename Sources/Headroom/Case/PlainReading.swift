import HeadroomExact

/// The common shape of lines, debts and their payments, read straight from
/// the tape in one forward walk: member names are matched by a switch on
/// their length and bytes, and values are taken only when they are plain
/// (unescaped strings, plain decimals and whole numbers, known names, no
/// `null` where a value is required).
///
/// Each reader returns nil as soon as anything is not plain; the caller then
/// reads the same object with ``ObjectReader``, which gives the same value
/// or throws the same error (code, path, message) as before. A value is
/// returned here only when that reader would have returned the same value:
/// the first occurrence of a repeated name counts, `null` counts as absent,
/// and every check it makes is made here too.
enum PlainReading {
  /// The value token index of each known member (0: absent), the first
  /// occurrence of each name kept; nil when `value` is not an object or a
  /// member name has escapes.
  @inline(__always)
  static func members(_ value: JSONNode, _ match: (UnsafePointer<UInt8>, Int) -> Int) -> MemberSlots? {
    let token = value.token
    guard token.kind == .object else { return nil }
    var slots = MemberSlots()
    let base = value.bytes.baseAddress!
    let tokens = value.tokens
    var k = value.index &+ 1
    let end = Int(token.end)
    while k < end {
      let name = tokens[k]
      if name.escaped { return nil }
      let position = match(base + Int(name.start), Int(name.end &- name.start))
      if position >= 0 && slots[position] == 0 { slots[position] = Int32(truncatingIfNeeded: k &+ 1) }
      let member = tokens[k &+ 1]
      k = member.kind == .array || member.kind == .object ? Int(member.end) : k &+ 2
    }
    return slots
  }

  /// Whether the bytes at `p` spell `literal` (the length already matched).
  @inline(__always)
  static func equal(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let q = literal.utf8Start
    var k = 0
    let count = literal.utf8CodeUnitCount
    while k < count {
      if p[k] != q[k] { return false }
      k &+= 1
    }
    return true
  }

  /// The token of member `slot`, or nil when absent or `null`.
  @inline(__always)
  static func present(_ value: JSONNode, _ slot: Int32) -> JSONTape.Token? {
    guard slot != 0 else { return nil }
    let token = value.tokens[Int(slot)]
    return token.kind == .null ? nil : token
  }

  @inline(__always)
  static func text(_ value: JSONNode, _ token: JSONTape.Token) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: value.bytes.baseAddress! + Int(token.start), count: Int(token.end &- token.start))
  }

  /// An unescaped string's bytes, or nil.
  @inline(__always)
  static func plainString(_ value: JSONNode, _ token: JSONTape.Token) -> UnsafeBufferPointer<UInt8>? {
    token.kind == .string && !token.escaped ? text(value, token) : nil
  }

  /// What ``FieldReader/decimal(_:path:maxFractionDigits:)`` returns for a
  /// plain decimal, or nil.
  @inline(__always)
  static func decimal(_ value: JSONNode, _ token: JSONTape.Token, _ maxFractionDigits: Int?) -> Rational? {
    guard (token.kind == .string || token.kind == .number) && !token.escaped else { return nil }
    return FieldReader.plainDecimal(text(value, token), maxFractionDigits: maxFractionDigits)
  }

  /// A frequency's name (what `Frequency.table` finds), or nil.
  @inline(__always)
  static func frequency(_ value: JSONNode, _ token: JSONTape.Token) -> Frequency? {
    guard let text = plainString(value, token) else { return nil }
    let p = text.baseAddress!
    switch text.count {
    case 5: return equal(p, "daily") ? .daily : nil
    case 6: return equal(p, "weekly") ? .weekly : nil
    case 7: return equal(p, "monthly") ? .monthly : nil
    case 8: return equal(p, "annually") ? .annually : nil
    case 9: return equal(p, "quarterly") ? .quarterly : nil
    case 11:
      if equal(p, "fortnightly") { return .fortnightly }
      if equal(p, "four_weekly") { return .fourWeekly }
      if equal(p, "half_yearly") { return .halfYearly }
      return nil
    default: return nil
    }
  }

  /// A stage's name (what `Stage.table` finds), or nil.
  @inline(__always)
  static func stage(_ value: JSONNode, _ token: JSONTape.Token) -> Stage? {
    guard let text = plainString(value, token) else { return nil }
    let p = text.baseAddress!
    switch text.count {
    case 4: return equal(p, "none") ? Stage.none : nil
    case 7:
      if equal(p, "arrears") { return .arrears }
      if equal(p, "default") { return .default }
      return nil
    case 11:
      if equal(p, "court_order") { return .courtOrder }
      if equal(p, "enforcement") { return .enforcement }
      return nil
    default: return nil
    }
  }

  /// `true` or `false`, or nil for any other kind.
  @inline(__always)
  static func bool(_ token: JSONTape.Token) -> Bool? {
    token.kind == .true ? true : token.kind == .false ? false : nil
  }

  /// Plain digits within `range` (what ``FieldReader/int(_:path:in:)`` reads from bytes), or nil.
  @inline(__always)
  static func int(_ value: JSONNode, _ token: JSONTape.Token, in range: ClosedRange<Int>) -> Int? {
    guard token.kind == .number else { return nil }
    let digits = text(value, token)
    guard digits.count > 0 && digits.count <= 18 else { return nil }
    var number = 0
    for byte in digits {
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      number = number &* 10 &+ Int(digit)
    }
    return range.contains(number) ? number : nil
  }

  // Member positions, in the order of the key enums' tables.

  @inline(__always)
  static func lineKey(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
    switch count {
    case 8: return equal(p, "category") ? LineKey.category.rawValue : -1
    case 6: return equal(p, "amount") ? LineKey.amount.rawValue : -1
    case 9: return equal(p, "frequency") ? LineKey.frequency.rawValue : -1
    default: return -1
    }
  }

  @inline(__always)
  static func paymentKey(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
    switch count {
    case 6: return equal(p, "amount") ? PaymentKey.amount.rawValue : -1
    case 9: return equal(p, "frequency") ? PaymentKey.frequency.rawValue : -1
    default: return -1
    }
  }

  @inline(__always)
  static func debtKey(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
    switch count {
    case 2: return equal(p, "id") ? DebtKey.id.rawValue : -1
    case 4: return equal(p, "kind") ? DebtKey.kind.rawValue : -1
    case 5: return equal(p, "stage") ? DebtKey.stage.rawValue : -1
    case 7:
      if equal(p, "balance") { return DebtKey.balance.rawValue }
      if equal(p, "arrears") { return DebtKey.arrears.rawValue }
      return -1
    case 8: return equal(p, "creditor") ? DebtKey.creditor.rawValue : -1
    case 14: return equal(p, "arrears_months") ? DebtKey.arrearsMonths.rawValue : -1
    case 15: return equal(p, "interest_frozen") ? DebtKey.interestFrozen.rawValue : -1
    case 16: return equal(p, "required_payment") ? DebtKey.requiredPayment.rawValue : -1
    case 17: return equal(p, "exclude_from_plan") ? DebtKey.excludeFromPlan.rawValue : -1
    case 19: return equal(p, "contractual_payment") ? DebtKey.contractualPayment.rawValue : -1
    case 20: return equal(p, "annual_interest_rate") ? DebtKey.annualInterestRate.rawValue : -1
    default: return -1
    }
  }
}

extension Line {
  /// A plain line (see ``PlainReading``), or nil.
  @inline(__always)
  static func plain(
    _ value: JSONNode, direction: SFSCategory.Direction, minorDigits: Int, categories: borrowing SFSCategories
  ) -> Line? {
    guard let slots = PlainReading.members(value, PlainReading.lineKey),
      let categoryToken = PlainReading.present(value, slots[LineKey.category.rawValue]),
      let name = PlainReading.plainString(value, categoryToken),
      let category = categories.category(utf8: name), category.direction == direction,
      let amountToken = PlainReading.present(value, slots[LineKey.amount.rawValue]),
      let amount = PlainReading.decimal(value, amountToken, minorDigits),
      let frequencyToken = PlainReading.present(value, slots[LineKey.frequency.rawValue]),
      let frequency = PlainReading.frequency(value, frequencyToken)
    else { return nil }
    return Line(category: category, amount: amount, frequency: frequency)
  }
}

extension Payment {
  /// A plain payment object (frequency monthly when absent), or nil.
  @inline(__always)
  static func plain(_ value: JSONNode, minorDigits: Int) -> Payment? {
    guard let slots = PlainReading.members(value, PlainReading.paymentKey),
      let amountToken = PlainReading.present(value, slots[PaymentKey.amount.rawValue]),
      let amount = PlainReading.decimal(value, amountToken, minorDigits)
    else { return nil }
    var frequency = Frequency.monthly
    if let token = PlainReading.present(value, slots[PaymentKey.frequency.rawValue]) {
      guard let named = PlainReading.frequency(value, token) else { return nil }
      frequency = named
    }
    return Payment(amount: amount, frequency: frequency)
  }
}

extension Debt {
  /// A plain debt (see ``PlainReading``), or nil.
  static func plain(_ value: JSONNode, minorDigits: Int) -> Debt? {
    guard let s = PlainReading.members(value, PlainReading.debtKey),
      let idToken = PlainReading.present(value, s[DebtKey.id.rawValue]),
      let idText = PlainReading.plainString(value, idToken), idText.count > 0,
      let kindToken = PlainReading.present(value, s[DebtKey.kind.rawValue]),
      let kindText = PlainReading.plainString(value, kindToken),
      let kind = Case.debtKindTable.index(kindText),
      let balanceToken = PlainReading.present(value, s[DebtKey.balance.rawValue]),
      let balance = PlainReading.decimal(value, balanceToken, minorDigits)
    else { return nil }
    var creditorText: UnsafeBufferPointer<UInt8>?
    if let token = PlainReading.present(value, s[DebtKey.creditor.rawValue]) {
      guard let text = PlainReading.plainString(value, token) else { return nil }
      creditorText = text
    }
    var arrears = Rational.zero
    if let token = PlainReading.present(value, s[DebtKey.arrears.rawValue]) {
      guard let amount = PlainReading.decimal(value, token, minorDigits) else { return nil }
      arrears = amount
    }
    guard arrears <= balance else { return nil }
    var contractualPayment: Payment?
    let contractualSlot = s[DebtKey.contractualPayment.rawValue]
    if PlainReading.present(value, contractualSlot) != nil {
      guard let payment = Payment.plain(value.node(Int(contractualSlot)), minorDigits: minorDigits) else {
        return nil
      }
      contractualPayment = payment
    }
    var requiredPayment: Payment?
    let requiredSlot = s[DebtKey.requiredPayment.rawValue]
    if PlainReading.present(value, requiredSlot) != nil {
      guard let payment = Payment.plain(value.node(Int(requiredSlot)), minorDigits: minorDigits) else {
        return nil
      }
      requiredPayment = payment
    }
    var arrearsMonths: Int?
    if let token = PlainReading.present(value, s[DebtKey.arrearsMonths.rawValue]) {
      guard let months = PlainReading.int(value, token, in: 1...600) else { return nil }
      arrearsMonths = months
    }
    var annualInterestRate = Rational.zero
    if let token = PlainReading.present(value, s[DebtKey.annualInterestRate.rawValue]) {
      guard let rate = PlainReading.decimal(value, token, nil) else { return nil }
      annualInterestRate = rate
    }
    guard annualInterestRate <= 100 else { return nil }
    var interestFrozen = false
    if let token = PlainReading.present(value, s[DebtKey.interestFrozen.rawValue]) {
      guard let flag = PlainReading.bool(token) else { return nil }
      interestFrozen = flag
    }
    var stage = Stage.none
    if let token = PlainReading.present(value, s[DebtKey.stage.rawValue]) {
      guard let named = PlainReading.stage(value, token) else { return nil }
      stage = named
    }
    var excludeFromPlan = false
    if let token = PlainReading.present(value, s[DebtKey.excludeFromPlan.rawValue]) {
      guard let flag = PlainReading.bool(token) else { return nil }
      excludeFromPlan = flag
    }
    return Debt(
      id: String(decoding: idText, as: UTF8.self),
      creditor: creditorText.map { String(decoding: $0, as: UTF8.self) } ?? "",
      kind: Case.debtKinds[kind], balance: balance, arrears: arrears, contractualPayment: contractualPayment,
      requiredPayment: requiredPayment, arrearsMonths: arrearsMonths, annualInterestRate: annualInterestRate,
      interestFrozen: interestFrozen, stage: stage, excludeFromPlan: excludeFromPlan)
  }
}
