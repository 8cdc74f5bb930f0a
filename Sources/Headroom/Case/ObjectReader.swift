/// The member names one kind of case object knows, in a fixed order
/// (an `Int` enum whose `table` lists the names in the same order).
protocol MemberKey: RawRepresentable<Int> {
  static var table: KeyTable { get }
  /// The position in `table` of the name spelled by the `count` bytes at
  /// `name`, or nil: what `table.index` finds.
  static func position(_ name: UnsafePointer<UInt8>, _ count: Int) -> Int?
}

extension MemberKey {
  @inline(__always)
  static func position(_ name: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    table.index(UnsafeBufferPointer(start: name, count: count))
  }
}

/// A token index for each known member (0: absent); up to 16 members.
///
/// One SIMD vector: a store to one lane is one instruction, where a tuple
/// written through `withUnsafeMutableBytes` was copied whole at every store.
struct MemberSlots {
  private var storage = SIMD16<Int32>()

  subscript(position: Int) -> Int32 {
    get {
      precondition(position >= 0 && position < 16)
      return storage[position]
    }
    set {
      precondition(position >= 0 && position < 16)
      storage[position] = newValue
    }
  }
}

/// Reads one case object (SPEC §3) like ``FieldReader`` with an empty path,
/// but finds its members in a single pass: each member name is looked up
/// by its bytes in `K.table`, and the first occurrence of each name is kept
/// (what ``JSONNode/member(_:)`` would find). A field then costs one load
/// instead of a search over the members.
///
/// Errors name the member alone (`balance`); ``nested(_:_:)`` and
/// ``elements(_:_:)`` put the enclosing path in front when one is thrown.
struct ObjectReader<K: MemberKey> {
  let node: JSONNode
  private var slots = MemberSlots()

  init(_ value: JSONNode) throws(CaseError) {
    let token = value.token
    guard token.kind == .object else {
      throw CaseError(.wrongType, path: "", "expected an object, found \(value.kindName)")
    }
    node = value
    let base = value.bytes.baseAddress!
    var k = value.index + 1
    let end = Int(token.end)
    while k < end {
      let name = value.tokens[k]
      let position =
        name.escaped
        ? K.table.index(value.node(k).string)
        : K.position(base + Int(name.start), Int(name.end &- name.start))
      if let position, slots[position] == 0 { slots[position] = Int32(truncatingIfNeeded: k + 1) }
      let member = value.tokens[k + 1]
      k = member.kind == .array || member.kind == .object ? Int(member.end) : k + 2
    }
  }

  /// The member's name: its path, seen from this object.
  func child(_ key: K) -> String { K.table.names[key.rawValue] }

  /// The member, or nil when absent or `null`.
  func value(_ key: K) -> JSONNode? {
    let slot = slots[key.rawValue]
    guard slot != 0 else { return nil }
    let value = node.node(Int(slot))
    return value.isNull ? nil : value
  }

  func required(_ key: K, _ what: @autoclosure () -> String) throws(CaseError) -> JSONNode {
    guard let value = value(key) else {
      throw CaseError(.missingField, path: child(key), "expected \(what())")
    }
    return value
  }

  func string(_ key: K) throws(CaseError) -> String {
    try FieldReader.string(required(key, "a string"), path: child(key))
  }

  func optionalString(_ key: K) throws(CaseError) -> String? {
    guard let value = value(key) else { return nil }
    return try FieldReader.string(value, path: child(key))
  }

  func amount(_ key: K, _ currency: Currency) throws(CaseError) -> Rational {
    try FieldReader.decimal(
      required(key, "an amount"), path: child(key), maxFractionDigits: currency.minorDigits)
  }

  func optionalAmount(_ key: K, _ currency: Currency) throws(CaseError) -> Rational? {
    guard let value = value(key) else { return nil }
    return try FieldReader.decimal(value, path: child(key), maxFractionDigits: currency.minorDigits)
  }

  func optionalDecimal(_ key: K) throws(CaseError) -> Rational? {
    guard let value = value(key) else { return nil }
    return try FieldReader.decimal(value, path: child(key), maxFractionDigits: nil)
  }

  func date(_ key: K) throws(CaseError) -> CivilDate {
    let value = try required(key, "a date YYYY-MM-DD")
    // A plain date here, before the general reader and its path closure.
    if let date = Self.plainDate(value) { return date }
    return try FieldReader.date(value, path: child(key))
  }

  func optionalDate(_ key: K) throws(CaseError) -> CivilDate? {
    guard let value = value(key) else { return nil }
    if let date = Self.plainDate(value) { return date }
    return try FieldReader.date(value, path: child(key))
  }

  /// An unescaped string's date, or nil (then the general reader decides).
  @inline(__always)
  private static func plainDate(_ value: JSONNode) -> CivilDate? {
    let token = value.token
    guard token.kind == .string && !token.escaped else { return nil }
    return FieldReader.civilDate(value.text)
  }

  func int(_ key: K, in range: ClosedRange<Int>, default fallback: Int? = nil) throws(CaseError) -> Int {
    guard let value = value(key) else {
      if let fallback { return fallback }
      throw CaseError(.missingField, path: child(key), "expected a whole number")
    }
    // Plain digits here, before the general reader and its path closure.
    if let plain = PlainReading.int(value, value.token, in: range) { return plain }
    return try FieldReader.int(value, path: child(key), in: range)
  }

  func bool(_ key: K, default fallback: Bool) throws(CaseError) -> Bool {
    guard let value = value(key) else { return fallback }
    let kind = value.token.kind
    guard kind == .true || kind == .false else {
      throw CaseError(.wrongType, path: child(key), "expected true or false, found \(value.kindName)")
    }
    return kind == .true
  }

  /// A member whose value must be a string `parse` accepts.
  func choice<T>(
    _ key: K, _ what: @autoclosure () -> String, default fallback: T? = nil, _ parse: (String) -> T?
  ) throws(CaseError) -> T {
    guard let value = value(key) else {
      if let fallback { return fallback }
      throw CaseError(.missingField, path: child(key), "expected \(what())")
    }
    let text = try FieldReader.string(value, path: child(key))
    guard let result = parse(text) else {
      throw CaseError(.invalidValue, path: child(key), "expected \(what()), found '\(text.prefix(40))'")
    }
    return result
  }

  /// A member naming one of `table`'s names: found by its bytes when it is
  /// a plain string; anything else (escapes, a wrong type, an unknown name)
  /// goes through ``choice(_:_:default:_:)`` for the same value or error.
  func choice<T>(
    _ key: K, _ table: KeyTable, _ values: [T], _ what: @autoclosure () -> String, default fallback: T? = nil
  ) throws(CaseError) -> T {
    if let value = value(key) {
      let token = value.token
      if token.kind == .string && !token.escaped, let position = table.index(value.text) {
        return values[position]
      }
    }
    return try choice(key, what(), default: fallback) { name in table.index(name).map { values[$0] } }
  }

  /// Whether array member `key` is absent, `null` or `[]`: what
  /// ``elements(_:_:)`` reads as no elements without calling its body, so a
  /// caller can skip it (and the closure it would build).
  @inline(__always)
  func isEmptyArray(_ key: K) -> Bool {
    guard let value = value(key) else { return true }
    let token = value.token
    return token.kind == .array && Int(token.end) == value.index &+ 1
  }

  /// Reads each element of array member `key` with `body`; an error from
  /// `body` names the element (`debts[2]`) in front of its own path. Absent
  /// means empty.
  func elements<T>(_ key: K, _ body: (JSONNode) throws(CaseError) -> T) throws(CaseError) -> [T] {
    guard let value = value(key) else { return [] }
    guard value.token.kind == .array else {
      throw CaseError(.wrongType, path: child(key), "expected an array, found \(value.kindName)")
    }
    return try value.mapElements(path: child(key), body)
  }

  /// Reads object member `key` with `body`, or nil when it is absent; an error
  /// from `body` names the member in front of its own path.
  func nested<L: MemberKey, T>(_ key: K, _ body: (ObjectReader<L>) throws(CaseError) -> T) throws(CaseError)
    -> T?
  {
    guard let value = value(key) else { return nil }
    do throws(CaseError) {
      return try body(ObjectReader<L>(value))
    } catch {
      throw error.within(child(key))
    }
  }
}
