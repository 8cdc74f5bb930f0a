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
  /// Calls `visit` with each member's name bytes, name length and value
  /// token index, in order; false when `value` is not an object or a member
  /// name has escapes. The caller keeps the first index seen for each name
  /// (in locals, which stay in registers).
  @inline(__always)
  static func forEachMember(_ value: JSONNode, _ visit: (UnsafePointer<UInt8>, Int, Int32) -> Void) -> Bool {
    let token = value.token
    guard token.kind == .object else { return false }
    let base = value.bytes.baseAddress!
    let tokens = value.tokens
    var k = value.index &+ 1
    let end = Int(token.end)
    while k < end {
      let name = tokens[k]
      if name.escaped { return false }
      visit(base + Int(name.start), Int(name.end &- name.start), Int32(truncatingIfNeeded: k &+ 1))
      let member = tokens[k &+ 1]
      k = member.kind == .array || member.kind == .object ? Int(member.end) : k &+ 2
    }
    return true
  }

  /// Keeps `index` in `slot` if the slot is still empty (the first occurrence wins).
  @inline(__always)
  static func keep(_ slot: inout Int32, _ index: Int32) {
    if slot == 0 { slot = index }
  }

  /// Whether the bytes at `p` spell `literal` (the length already matched).
  ///
  /// Compared a word at a time (overlapping words for odd lengths), so a
  /// name costs a few compares; the literal's words fold to constants.
  @inline(__always)
  static func equal(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let a = UnsafeRawPointer(p)
    let b = UnsafeRawPointer(literal.utf8Start)
    let count = literal.utf8CodeUnitCount
    @inline(__always) func same<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> Bool {
      a.loadUnaligned(fromByteOffset: offset, as: T.self)
        == b.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
    switch count {
    case 0: return true
    case 1: return p[0] == b.load(as: UInt8.self)
    case 2...3: return same(0, UInt16.self) && same(count &- 2, UInt16.self)
    case 4...7: return same(0, UInt32.self) && same(count &- 4, UInt32.self)
    default:
      var k = 0
      while k &+ 8 < count {
        if !same(k, UInt64.self) { return false }
        k &+= 8
      }
      return same(count &- 8, UInt64.self)
    }
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
    UnsafeBufferPointer(
      start: value.bytes.baseAddress! + Int(token.start), count: Int(token.end &- token.start))
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
    return FieldReader.plainDecimal(
      text(value, token), maxFractionDigits: maxFractionDigits,
      readable: value.bytes.count &- Int(token.start))
  }

  /// ``decimal(_:_:_:)`` as a call with plain values, for the debt reader:
  /// the compiler calls it there anyway, and a token passed whole was
  /// packed into registers at every call.
  @inline(__always)
  static func decimalByCall(_ value: JSONNode, _ token: JSONTape.Token, _ maxFractionDigits: Int?) -> Rational? {
    guard (token.kind == .string || token.kind == .number) && !token.escaped else { return nil }
    let start = Int(token.start)
    return decimal(
      at: value.bytes.baseAddress! + start, Int(token.end &- token.start), readable: value.bytes.count &- start,
      maxFractionDigits)
  }

  /// What ``FieldReader/plainDecimal(_:maxFractionDigits:readable:)`` gives for the `count` bytes at `p`.
  @inline(never)
  static func decimal(at p: UnsafePointer<UInt8>, _ count: Int, readable: Int, _ maxFractionDigits: Int?)
    -> Rational?
  {
    FieldReader.plainDecimal(
      UnsafeBufferPointer(start: p, count: count), maxFractionDigits: maxFractionDigits, readable: readable)
  }

  /// `lhs <= rhs`, by cross-multiplying in 128 bits when both are held in
  /// machine integers (denominators are positive), where the operator is a call.
  @inline(__always)
  static func notAbove(_ lhs: Rational, _ rhs: Rational) -> Bool {
    if let (a, b) = lhs.machineParts, let (c, d) = rhs.machineParts {
      return Int128(a) &* Int128(d) <= Int128(c) &* Int128(b)
    }
    return lhs <= rhs
  }

  /// A frequency's name (what `Frequency.table` finds), or nil.
  @inline(__always)
  static func frequency(_ value: JSONNode, _ token: JSONTape.Token) -> Frequency? {
    guard token.kind == .string && !token.escaped else { return nil }
    return frequency(named: value.bytes.baseAddress! + Int(token.start), Int(token.end &- token.start))
  }

  /// The frequency spelled by the `count` bytes at `p`, or nil.
  ///
  /// A call (its callers are large, and the compiler called it anyway)
  /// with plain values: a token passed whole was packed into registers at
  /// every call.
  @inline(never)
  static func frequency(named p: UnsafePointer<UInt8>, _ count: Int) -> Frequency? {
    switch count {
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

  /// A currency's code (what `Currency.named` finds), or nil.
  @inline(__always)
  static func currency(_ value: JSONNode) -> Currency? {
    guard let text = plainString(value, value.token), text.count == 3 else { return nil }
    let p = text.baseAddress!
    if equal(p, "GBP") { return .gbp }
    if equal(p, "SEK") { return .sek }
    if equal(p, "NOK") { return .nok }
    if equal(p, "DKK") { return .dkk }
    if equal(p, "EUR") { return .eur }
    return nil
  }

  /// A vulnerability's name (what `Vulnerability(rawValue:)` finds), or nil.
  @inline(__always)
  static func vulnerability(_ value: JSONNode) -> Vulnerability? {
    guard let text = plainString(value, value.token) else { return nil }
    let p = text.baseAddress!
    switch text.count {
    case 6: return equal(p, "health") ? .health : nil
    case 10:
      if equal(p, "life_event") { return .lifeEvent }
      if equal(p, "resilience") { return .resilience }
      if equal(p, "capability") { return .capability }
      return nil
    case 15: return equal(p, "mental_capacity") ? .mentalCapacity : nil
    default: return nil
    }
  }

  /// The age of a plain child object `{"age": n}` (what the general reader
  /// reads: plain digits from 0 to 25), or nil.
  @inline(__always)
  static func childAge(_ value: JSONNode) -> Int? {
    var ageSlot: Int32 = 0
    guard
      forEachMember(value, { p, count, index in if count == 3 && equal(p, "age") { keep(&ageSlot, index) } }),
      let token = present(value, ageSlot)
    else { return nil }
    return int(value, token, in: 0...25)
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
}

extension Line {
  /// The lines of an income or expenditure array when every one is plain;
  /// otherwise nil, and the general reader reads the array again for the
  /// same lines or the same error.
  static func plainList(
    _ array: JSONNode, direction: SFSCategory.Direction, minorDigits: Int, categories: borrowing SFSCategories
  ) -> [Line]? {
    let end = Int(array.token.end)
    var lines: [Line] = []
    // At most one plain line in 7 tokens (an object and three members), so
    // this bounds the count without walking the array; exact for lines of
    // three members, the common shape.
    lines.reserveCapacity((end &- array.index &- 1) / 7)
    var k = array.index &+ 1
    while k < end {
      let element = array.node(k)
      guard let line = plain(element, direction: direction, minorDigits: minorDigits, categories: categories)
      else {
        return nil
      }
      lines.append(consume line)
      k = element.next
    }
    return lines
  }

  /// A plain line (see ``PlainReading``), or nil.
  @inline(__always)
  static func plain(
    _ value: JSONNode, direction: SFSCategory.Direction, minorDigits: Int, categories: borrowing SFSCategories
  ) -> Line? {
    var categorySlot: Int32 = 0
    var amountSlot: Int32 = 0
    var frequencySlot: Int32 = 0
    let plain = PlainReading.forEachMember(value) { p, count, index in
      switch count {
      case 8: if PlainReading.equal(p, "category") { PlainReading.keep(&categorySlot, index) }
      case 6: if PlainReading.equal(p, "amount") { PlainReading.keep(&amountSlot, index) }
      case 9: if PlainReading.equal(p, "frequency") { PlainReading.keep(&frequencySlot, index) }
      default: break
      }
    }
    guard plain,
      let categoryToken = PlainReading.present(value, categorySlot),
      let name = PlainReading.plainString(value, categoryToken),
      let category = categories.category(utf8: name), category.direction == direction,
      let amountToken = PlainReading.present(value, amountSlot),
      let amount = PlainReading.decimal(value, amountToken, minorDigits),
      let frequencyToken = PlainReading.present(value, frequencySlot),
      let frequency = PlainReading.frequency(value, frequencyToken)
    else { return nil }
    // Consumed, not copied: a copy retained the category and the amount
    // for the line and released the originals.
    return Line(category: consume category, amount: consume amount, frequency: frequency)
  }
}

extension Payment {
  /// A plain payment object (frequency monthly when absent), or nil.
  @inline(__always)
  static func plain(_ value: JSONNode, minorDigits: Int) -> Payment? {
    var amountSlot: Int32 = 0
    var frequencySlot: Int32 = 0
    let plain = PlainReading.forEachMember(value) { p, count, index in
      switch count {
      case 6: if PlainReading.equal(p, "amount") { PlainReading.keep(&amountSlot, index) }
      case 9: if PlainReading.equal(p, "frequency") { PlainReading.keep(&frequencySlot, index) }
      default: break
      }
    }
    guard plain,
      let amountToken = PlainReading.present(value, amountSlot),
      let amount = PlainReading.decimal(value, amountToken, minorDigits)
    else { return nil }
    var frequency = Frequency.monthly
    if let token = PlainReading.present(value, frequencySlot) {
      guard let named = PlainReading.frequency(value, token) else { return nil }
      frequency = named
    }
    return Payment(amount: amount, frequency: frequency)
  }
}

extension AgreedPlan {
  /// The entries of a `payments` array when each is a plain payment naming
  /// one of `debtIDs` by a plain string; otherwise nil, and the general
  /// reader reads the array for the same entries or the same error.
  static func plainPayments(
    _ array: JSONNode, minorDigits: Int, debtIDs: DebtIDs, names: UnsafeMutablePointer<NameCache>? = nil
  ) -> [(debt: String, payment: Payment)]? {
    let end = Int(array.token.end)
    var payments: [(debt: String, payment: Payment)] = []
    payments.reserveCapacity(array.elementCount)
    var k = array.index &+ 1
    while k < end {
      let entry = array.node(k)
      var debtSlot: Int32 = 0
      guard
        PlainReading.forEachMember(
          entry,
          { p, count, index in
            if count == 4 && PlainReading.equal(p, "debt") { PlainReading.keep(&debtSlot, index) }
          }),
        let debtToken = PlainReading.present(entry, debtSlot),
        let debtText = PlainReading.plainString(entry, debtToken),
        let payment = Payment.plain(entry, minorDigits: minorDigits)
      else { return nil }
      let debt =
        names?.pointee.string(debtText, readable: entry.bytes.count &- Int(debtToken.start))
        ?? String(checkedUTF8: debtText)
      guard debtIDs.contains(debt) else { return nil }
      payments.append((debt: debt, payment: payment))
      k = entry.next
    }
    return payments
  }
}

extension Debt {
  /// The debts of a `debts` array when every one is plain and no id repeats;
  /// otherwise nil, and the general reader reads the array again for the
  /// same debts or the same error.
  ///
  /// Each debt is built straight into the array's storage: appending a
  /// built `Debt` copied the 180-byte value (retaining every field) and
  /// destroyed the original. The storage comes from `reserveCapacity`,
  /// specialized here: `Array(unsafeUninitializedCapacity:)` allocates
  /// through an unspecialized library call that looks up the storage
  /// class's metadata on every call (~330 instructions).
  static func plainList(_ array: JSONNode, minorDigits: Int, names: UnsafeMutablePointer<NameCache>? = nil)
    -> [Debt]?
  {
    let count = array.elementCount
    var debts: [Debt] = []
    guard count > 0 else { return debts }
    debts.reserveCapacity(count)
    var plain = true
    withUnsafeMutablePointer(to: &plain) { plain in
      debts.append(
        contentsOf: PlainDebts(
          array: array, count: count, minorDigits: minorDigits, names: names, plain: plain))
    }
    return plain ? debts : nil
  }

  /// The plain debts of an array as a sequence that writes them straight
  /// into the storage `Array.append(contentsOf:)` hands it (and yields
  /// nothing else); clears `plain` and stops at the first debt that is not.
  private struct PlainDebts: Sequence {
    let array: JSONNode
    let count: Int
    let minorDigits: Int
    let names: UnsafeMutablePointer<NameCache>?
    let plain: UnsafeMutablePointer<Bool>

    func makeIterator() -> EmptyCollection<Debt>.Iterator { EmptyCollection<Debt>.Iterator() }

    var underestimatedCount: Int { 0 }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Debt>) -> (
      EmptyCollection<Debt>.Iterator, Int
    ) {
      var initialized = 0
      let end = Int(array.token.end)
      let minorDigits = minorDigits
      withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: 16) { few in
        var ids = PlainDebtIDs(expecting: count, few: few.baseAddress!)
        var k = array.index &+ 1
        while k < end {
          let element = array.node(k)
          guard initialized < count, initialized < buffer.count,
            initializePlain(
              buffer.baseAddress! + initialized, element, minorDigits: minorDigits, ids: &ids, names: names)
          else {
            plain.pointee = false
            return
          }
          initialized &+= 1
          k = element.next
        }
      }
      return (EmptyCollection<Debt>.Iterator(), initialized)
    }
  }

  /// Builds the plain debt `value` (see ``PlainReading``) at `debt` and notes
  /// its id; false, leaving `debt` uninitialized, when it is not plain or
  /// its id was seen before.
  @inline(__always)
  private static func initializePlain(
    _ debt: UnsafeMutablePointer<Debt>, _ value: JSONNode, minorDigits: Int, ids: inout PlainDebtIDs,
    names: UnsafeMutablePointer<NameCache>?
  ) -> Bool {
    var s = DebtSlots()
    guard PlainReading.forEachMember(value, { p, count, index in s.keep(p, count, index) }),
      let idToken = PlainReading.present(value, s.id),
      let idText = PlainReading.plainString(value, idToken), idText.count > 0,
      let kindToken = PlainReading.present(value, s.kind),
      let kindText = PlainReading.plainString(value, kindToken),
      let kind = Case.debtKindTable.index(kindText),
      let balanceToken = PlainReading.present(value, s.balance),
      let balance = PlainReading.decimalByCall(value, balanceToken, minorDigits)
    else { return false }
    var creditorText: UnsafeBufferPointer<UInt8>?
    var creditorReadable = 0
    if let token = PlainReading.present(value, s.creditor) {
      guard let text = PlainReading.plainString(value, token) else { return false }
      creditorText = text
      creditorReadable = value.bytes.count &- Int(token.start)
    }
    // Rational(0), not .zero: a constant, where the global was loaded and copied.
    var arrears = Rational(0)
    if let token = PlainReading.present(value, s.arrears) {
      guard let amount = PlainReading.decimalByCall(value, token, minorDigits) else { return false }
      arrears = amount
    }
    guard PlainReading.notAbove(arrears, balance) else { return false }
    var contractualPayment: Payment?
    let contractualSlot = s.contractualPayment
    if PlainReading.present(value, contractualSlot) != nil {
      guard let payment = Payment.plain(value.node(Int(contractualSlot)), minorDigits: minorDigits) else {
        return false
      }
      contractualPayment = payment
    }
    var requiredPayment: Payment?
    let requiredSlot = s.requiredPayment
    if PlainReading.present(value, requiredSlot) != nil {
      guard let payment = Payment.plain(value.node(Int(requiredSlot)), minorDigits: minorDigits) else {
        return false
      }
      requiredPayment = payment
    }
    var arrearsMonths: Int?
    if let token = PlainReading.present(value, s.arrearsMonths) {
      guard let months = PlainReading.int(value, token, in: 1...600) else { return false }
      arrearsMonths = months
    }
    var annualInterestRate = Rational(0)
    if let token = PlainReading.present(value, s.annualInterestRate) {
      guard let rate = PlainReading.decimalByCall(value, token, nil) else { return false }
      annualInterestRate = rate
    }
    guard PlainReading.notAbove(annualInterestRate, Rational(100)) else { return false }
    var interestFrozen = false
    if let token = PlainReading.present(value, s.interestFrozen) {
      guard let flag = PlainReading.bool(token) else { return false }
      interestFrozen = flag
    }
    var stage = Stage.none
    if let token = PlainReading.present(value, s.stage) {
      guard let named = PlainReading.stage(value, token) else { return false }
      stage = named
    }
    var excludeFromPlan = false
    if let token = PlainReading.present(value, s.excludeFromPlan) {
      guard let flag = PlainReading.bool(token) else { return false }
      excludeFromPlan = flag
    }
    let id =
      names?.pointee.string(idText, readable: value.bytes.count &- Int(idToken.start))
      ?? String(checkedUTF8: idText)
    guard ids.insert(id, text: idText) else { return false }
    var creditor = ""
    if let creditorText {
      creditor =
        names?.pointee.string(creditorText, readable: creditorReadable) ?? String(checkedUTF8: creditorText)
    }
    Debt.initialize(
      debt, id: id, creditor: creditor, kind: "", kindPosition: Int8(kind),
      balance: balance, arrears: arrears, contractualPayment: contractualPayment,
      requiredPayment: requiredPayment, arrearsMonths: arrearsMonths, annualInterestRate: annualInterestRate,
      interestFrozen: interestFrozen, stage: stage, excludeFromPlan: excludeFromPlan)
    return true
  }

  /// Initializes the debt at `debt` one stored property at a time, each
  /// value moved into place: `debt.initialize(to: Debt(...))` built the
  /// value, copied it (retaining every field), destroyed the original and
  /// copied the bytes again.
  ///
  /// Every stored property of `Debt` must be initialized here: a test
  /// counts them (``Debt/storedPropertyCount``).
  @inline(__always)
  static func initialize(
    _ debt: UnsafeMutablePointer<Debt>, id: consuming String, creditor: consuming String,
    kind: consuming String,
    kindPosition: Int8,
    balance: consuming Rational, arrears: consuming Rational, contractualPayment: consuming Payment?,
    requiredPayment: consuming Payment?, arrearsMonths: Int?, annualInterestRate: consuming Rational,
    interestFrozen: Bool, stage: Stage, excludeFromPlan: Bool
  ) {
    let raw = UnsafeMutableRawPointer(debt)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.id)!).initializeMemory(as: String.self, to: id)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.creditor)!).initializeMemory(
      as: String.self, to: creditor)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.kindName)!).initializeMemory(
      as: String.self, to: kind)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.kindPosition)!).initializeMemory(
      as: Int8.self, to: kindPosition)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.balance)!).initializeMemory(
      as: Rational.self, to: balance)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.arrears)!).initializeMemory(
      as: Rational.self, to: arrears)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.contractualPayment)!).initializeMemory(
      as: Payment?.self, to: contractualPayment)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.requiredPayment)!).initializeMemory(
      as: Payment?.self, to: requiredPayment)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.arrearsMonths)!).initializeMemory(
      as: Int?.self, to: arrearsMonths)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.annualInterestRate)!).initializeMemory(
      as: Rational.self, to: annualInterestRate)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.interestFrozen)!).initializeMemory(
      as: Bool.self, to: interestFrozen)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.stage)!).initializeMemory(as: Stage.self, to: stage)
    raw.advanced(by: MemoryLayout<Debt>.offset(of: \Debt.excludeFromPlan)!).initializeMemory(
      as: Bool.self, to: excludeFromPlan)
  }

  /// How many stored properties ``initialize(_:id:creditor:kind:kindPosition:balance:arrears:contractualPayment:requiredPayment:arrearsMonths:annualInterestRate:interestFrozen:stage:excludeFromPlan:)`` initializes.
  static let storedPropertyCount = 13
}

/// The ids of the debts read so far on the plain path, for the duplicate
/// check: while there are at most 16 debts, the bytes of each id (compared
/// directly, where a list of Strings cost a String compare and an append
/// per debt); past that, a set.
///
/// Bytes decide only for ASCII ids, where equal Strings are equal bytes;
/// an id with other bytes is not plain (the general reader compares it as
/// a String).
private struct PlainDebtIDs {
  /// The bytes of each id so far, while at most 16 (room for 16).
  private let few: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
  private var known = 0
  private var many: Set<String>?

  init(expecting count: Int, few: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>) {
    self.few = few
    if count > 16 { many = Set(minimumCapacity: count) }
  }

  /// Notes `id` (whose bytes are `text`); false when it was seen before or,
  /// while few, is not ASCII.
  @inline(__always)
  mutating func insert(_ id: String, text: UnsafeBufferPointer<UInt8>) -> Bool {
    if many != nil { return many!.insert(id).inserted }
    let p = text.baseAddress!
    let n = text.count
    var high: UInt8 = 0
    for k in 0..<n { high |= p[k] }
    guard high < 0x80, known < 16 else { return false }
    for j in 0..<known where few[j].count == n {
      let other = few[j].baseAddress!
      var k = 0
      while k < n && other[k] == p[k] { k &+= 1 }
      if k == n { return false }
    }
    (few + known).initialize(to: text)
    known &+= 1
    return true
  }
}

/// The value token index of each member a plain debt reads (0: absent),
/// the first occurrence of each name kept.
private struct DebtSlots {
  var id: Int32 = 0
  var creditor: Int32 = 0
  var kind: Int32 = 0
  var balance: Int32 = 0
  var arrears: Int32 = 0
  var contractualPayment: Int32 = 0
  var requiredPayment: Int32 = 0
  var arrearsMonths: Int32 = 0
  var annualInterestRate: Int32 = 0
  var interestFrozen: Int32 = 0
  var stage: Int32 = 0
  var excludeFromPlan: Int32 = 0

  /// Keeps `index` for the member named by the `count` bytes at `p`, if it is one of the debt's.
  @inline(__always)
  mutating func keep(_ p: UnsafePointer<UInt8>, _ count: Int, _ index: Int32) {
    switch count {
    case 2: if PlainReading.equal(p, "id") { PlainReading.keep(&id, index) }
    case 4: if PlainReading.equal(p, "kind") { PlainReading.keep(&kind, index) }
    case 5: if PlainReading.equal(p, "stage") { PlainReading.keep(&stage, index) }
    case 7:
      if PlainReading.equal(p, "balance") {
        PlainReading.keep(&balance, index)
      } else if PlainReading.equal(p, "arrears") {
        PlainReading.keep(&arrears, index)
      }
    case 8: if PlainReading.equal(p, "creditor") { PlainReading.keep(&creditor, index) }
    case 14: if PlainReading.equal(p, "arrears_months") { PlainReading.keep(&arrearsMonths, index) }
    case 15: if PlainReading.equal(p, "interest_frozen") { PlainReading.keep(&interestFrozen, index) }
    case 16: if PlainReading.equal(p, "required_payment") { PlainReading.keep(&requiredPayment, index) }
    case 17: if PlainReading.equal(p, "exclude_from_plan") { PlainReading.keep(&excludeFromPlan, index) }
    case 19: if PlainReading.equal(p, "contractual_payment") { PlainReading.keep(&contractualPayment, index) }
    case 20:
      if PlainReading.equal(p, "annual_interest_rate") { PlainReading.keep(&annualInterestRate, index) }
    default: break
    }
  }
}
