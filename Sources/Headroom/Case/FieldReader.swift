/// Reads the members of one JSON object, naming the field path in every error.
///
/// A member that is absent or `null` counts as missing. `path` is where the
/// object stands. Readers made by ``nested(_:_:)`` and ``elements(_:_:)``
/// start from an empty path and put the member's path in front of an error
/// only when one is thrown, so reading a good case builds no path strings.
struct FieldReader {
  let node: JSONNode
  let path: String

  init(_ value: JSONNode, path: String) throws(CaseError) {
    guard value.token.kind == .object else {
      throw CaseError(.wrongType, path: path, "expected an object, found \(value.kindName)")
    }
    self.node = value
    self.path = path
  }

  /// The object's members in order (names decoded).
  var members: [(key: String, value: JSONNode)] { node.members }

  func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  func value(_ key: String) -> JSONNode? {
    guard let value = node.member(key), !value.isNull else { return nil }
    return value
  }

  func required(_ key: String, _ what: String) throws(CaseError) -> JSONNode {
    guard let value = value(key) else { throw CaseError(.missingField, path: child(key), "expected \(what)") }
    return value
  }

  func string(_ key: String) throws(CaseError) -> String {
    try Self.string(required(key, "a string"), path: child(key))
  }

  func optionalString(_ key: String) throws(CaseError) -> String? {
    guard let value = value(key) else { return nil }
    return try Self.string(value, path: child(key))
  }

  static func string(_ value: JSONNode, path: @autoclosure () -> String) throws(CaseError) -> String {
    guard value.token.kind == .string else {
      throw CaseError(.wrongType, path: path(), "expected a string, found \(value.kindName)")
    }
    return value.string
  }

  /// An amount of money: a decimal string or number, non-negative, with at most
  /// the currency's minor digits.
  func amount(_ key: String, _ currency: Currency) throws(CaseError) -> Rational {
    try Self.decimal(required(key, "an amount"), path: child(key), maxFractionDigits: currency.minorDigits)
  }

  func optionalAmount(_ key: String, _ currency: Currency) throws(CaseError) -> Rational? {
    guard let value = value(key) else { return nil }
    return try Self.decimal(value, path: child(key), maxFractionDigits: currency.minorDigits)
  }

  /// A non-negative exact decimal of any number of places (a rate).
  func optionalDecimal(_ key: String) throws(CaseError) -> Rational? {
    guard let value = value(key) else { return nil }
    return try Self.decimal(value, path: child(key), maxFractionDigits: nil)
  }

  static func decimal(_ value: JSONNode, path: @autoclosure () -> String, maxFractionDigits: Int?)
    throws(CaseError) -> Rational
  {
    let kind = value.token.kind
    guard kind == .number || kind == .string else {
      throw CaseError(.wrongType, path: path(), "expected a decimal amount, found \(value.kindName)")
    }
    if !value.token.escaped,
      let plain = plainDecimal(
        value.text, maxFractionDigits: maxFractionDigits,
        readable: value.bytes.count &- Int(value.token.start))
    {
      return plain
    }
    do {
      if value.token.escaped {
        return try DecimalText.parse(value.string, maxFractionDigits: maxFractionDigits, allowNegative: false)
      }
      return try DecimalText.parse(
        utf8: value.text, maxFractionDigits: maxFractionDigits, allowNegative: false)
    } catch {
      throw CaseError(.invalidAmount, path: path(), "\(error)")
    }
  }

  /// Plain `[0-9]+(\.[0-9]+)?` text of at most 18 bytes, within
  /// `maxFractionDigits`: the value `DecimalText.parse` gives for it (the
  /// same integer over the same power of ten). Anything else gives nil, for
  /// `DecimalText` to read or refuse.
  ///
  /// `readable` is how many bytes may be loaded from the text's start
  /// (at least its count; nil: just the text). When 8 may, text of at most
  /// 8 bytes (most amounts) is read as one word (``plainDecimalWord``);
  /// longer text byte by byte.
  @inline(__always)
  static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int?, readable: Int? = nil)
    -> Rational?
  {
    let count = text.count
    if count > 0 && count <= 8 && (readable ?? count) >= 8, let p = text.baseAddress {
      return plainDecimalWord(p, count, maxFractionDigits: maxFractionDigits)
    }
    return plainDecimalByteByByte(text, maxFractionDigits: maxFractionDigits)
  }

  /// ``plainDecimalByteByByte(_:maxFractionDigits:)`` for the `count`
  /// (1...8) bytes at `p`, 8 of which may be loaded: the bytes are taken as
  /// one little-endian word, the point found and taken out, every other byte
  /// checked to be a digit and the digits combined in pairs, fours and
  /// eights (three multiplies), in integers throughout.
  ///
  /// Always inlined: each case reads some 40 amounts, and the call cost
  /// about a fifth of the read.
  @inline(__always)
  static func plainDecimalWord(_ p: UnsafePointer<UInt8>, _ count: Int, maxFractionDigits: Int?) -> Rational?
  {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let loaded = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    // The text's bytes only; those past it read as 0, never a point or a digit.
    let word = count == 8 ? loaded : loaded & ((1 &<< UInt64(count &* 8)) &- 1)
    // A zero byte where the text has a point: the lowest flagged byte is
    // exactly the first point (flags above a zero byte may be false).
    let pointless = word ^ (ones &* 0x2E)
    let points = (pointless &- ones) & ~pointless & highs
    var digits = word
    var digitCount = count
    var places = 0
    if points != 0 {
      let point = points.trailingZeroBitCount &>> 3
      // One digit or more on each side of the point.
      guard point >= 1 && point <= count &- 2 else { return nil }
      places = count &- 1 &- point
      if let maxFractionDigits, places > maxFractionDigits { return nil }
      // The bytes after the point moved down over it; a second point stays, and fails below.
      let below = (UInt64(1) &<< UInt64(point &* 8)) &- 1
      digits = (word & below) | ((word &>> 8) & ~below)
      digitCount = count &- 1
    }
    // The digits moved to the top of the word, '0's below them: eight
    // digits, most significant first in memory order.
    let padding = 8 &- digitCount
    if padding > 0 {
      digits = digits &<< UInt64(padding &* 8) | ((ones &* 0x30) & ((1 &<< UInt64(padding &* 8)) &- 1))
    }
    // Each byte less '0' must be 0...9: a byte below '0' sets its own top
    // bit (and may borrow from the next, which is then not read: the text
    // is refused either way); one above '9' sets it when 0x76 is added.
    let values = digits &- ones &* 0x30
    guard ((values &+ ones &* 0x76) | values) & highs == 0 else { return nil }
    var v = values
    v = (v &* 10 &+ (v &>> 8)) & 0x00FF_00FF_00FF_00FF
    v = (v &* 100 &+ (v &>> 16)) & 0x0000_FFFF_0000_FFFF
    v = (v &* 10_000 &+ (v &>> 32)) & 0xFFFF_FFFF
    return Rational(decimalUnits: Int64(truncatingIfNeeded: v), places: places)
  }

  /// Plain `[0-9]+(\.[0-9]+)?` text of at most 18 bytes, within
  /// `maxFractionDigits`: the value `DecimalText.parse` gives for it (the
  /// same integer over the same power of ten), read in one pass. Anything
  /// else gives nil, for `DecimalText` to read or refuse.
  static func plainDecimalByteByByte(_ text: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int?) -> Rational?
  {
    let count = text.count
    guard count > 0 && count <= 18, let p = text.baseAddress else { return nil }
    // The whole part: one digit or more, up to the first other byte.
    var digit = p[0] &- UInt8(ascii: "0")
    guard digit < 10 else { return nil }
    var value = 0
    var k = 0
    repeat {
      value = value &* 10 &+ Int(digit)
      k &+= 1
      guard k < count else { return Rational(decimalUnits: Int64(value), places: 0) }
      digit = p[k] &- UInt8(ascii: "0")
    } while digit < 10
    // Then a point and one digit or more, to the end.
    guard p[k] == UInt8(ascii: "."), k &+ 1 < count else { return nil }
    let fractionDigits = count &- k &- 1
    if let maxFractionDigits, fractionDigits > maxFractionDigits { return nil }
    k &+= 1
    repeat {
      digit = p[k] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value &* 10 &+ Int(digit)
      k &+= 1
    } while k < count
    return Rational(decimalUnits: Int64(value), places: fractionDigits)
  }

  func date(_ key: String) throws(CaseError) -> CivilDate {
    try Self.date(required(key, "a date YYYY-MM-DD"), path: child(key))
  }

  func optionalDate(_ key: String) throws(CaseError) -> CivilDate? {
    guard let value = value(key) else { return nil }
    return try Self.date(value, path: child(key))
  }

  static func date(_ value: JSONNode, path: @autoclosure () -> String) throws(CaseError) -> CivilDate {
    let token = value.token
    if token.kind == .string && !token.escaped, let date = civilDate(value.text) { return date }
    // Escapes or a bad date: the general path, for the same date or error.
    let text = try string(value, path: path())
    guard let date = CivilDate(text) else {
      throw CaseError(
        .invalidDate, path: path(), "expected a calendar date YYYY-MM-DD, found '\(text.prefix(40))'")
    }
    return date
  }

  /// `YYYY-MM-DD` read from bytes, exactly as `CivilDate(_:)` reads the same text.
  ///
  /// The first eight bytes are checked as one word (digits and dashes in
  /// place); `CivilDate(year:month:day:)` then checks the day exists.
  static func civilDate(_ text: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    guard text.count == 10, let p = text.baseAddress else { return nil }
    let raw = UnsafeRawPointer(p)
    // "YYYY-MM-": bytes 0-3, 5 and 6 digits, 4 and 7 dashes (byte k at bits 8k).
    let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    let digitBytes: UInt64 = 0x00FF_FF00_FFFF_FFFF
    let digits = head & digitBytes
    let highNibbles: UInt64 = 0x00F0_F000_F0F0_F0F0
    let threes: UInt64 = 0x0030_3000_3030_3030
    guard head & ~digitBytes == 0x2D00_002D_0000_0000,
      digits & highNibbles == threes,
      (digits &+ 0x0006_0600_0606_0606) & highNibbles == threes
    else { return nil }
    let d0 = p[8] &- UInt8(ascii: "0")
    let d1 = p[9] &- UInt8(ascii: "0")
    guard d0 < 10 && d1 < 10 else { return nil }
    @inline(__always) func digit(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (head &>> (k &* 8)) & 0x0F) }
    return CivilDate(
      year: digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3), month: digit(5) &* 10 &+ digit(6),
      day: Int(d0) &* 10 &+ Int(d1))
  }

  func int(_ key: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws(CaseError) -> Int {
    guard let value = value(key) else {
      if let fallback { return fallback }
      throw CaseError(.missingField, path: child(key), "expected a whole number")
    }
    return try Self.int(value, path: child(key), in: range)
  }

  static func int(_ value: JSONNode, path: @autoclosure () -> String, in range: ClosedRange<Int>)
    throws(CaseError) -> Int
  {
    guard value.token.kind == .number else {
      throw CaseError(.wrongType, path: path(), "expected a whole number, found \(value.kindName)")
    }
    // Plain digits (what cases hold) are read from the bytes; signs,
    // fractions, exponents, long numbers and errors take the general path.
    if let plain = PlainReading.int(value, value.token, in: range) { return plain }
    let text = String(decoding: value.text, as: UTF8.self)
    guard let number = Int(text), range.contains(number) else {
      throw CaseError(
        .invalidValue, path: path(),
        "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(text.prefix(40))")
    }
    return number
  }

  func bool(_ key: String, default fallback: Bool) throws(CaseError) -> Bool {
    guard let value = value(key) else { return fallback }
    guard value.token.kind == .true || value.token.kind == .false else {
      throw CaseError(.wrongType, path: child(key), "expected true or false, found \(value.kindName)")
    }
    return value.token.kind == .true
  }

  /// The elements of an array member, each with its path; absent means empty.
  func array(_ key: String) throws(CaseError) -> [(value: JSONNode, path: String)] {
    guard let value = value(key) else { return [] }
    guard value.token.kind == .array else {
      throw CaseError(.wrongType, path: child(key), "expected an array, found \(value.kindName)")
    }
    let base = child(key)
    return value.elements.enumerated().map { ($1, "\(base)[\($0)]") }
  }

  /// Reads each element of array member `key` with `body`; an error from
  /// `body` names the element (`debts[2]`) in front of its own path. Absent
  /// means empty.
  func elements<T>(_ key: String, _ body: (JSONNode) throws(CaseError) -> T) throws(CaseError) -> [T] {
    guard let value = value(key) else { return [] }
    guard value.token.kind == .array else {
      throw CaseError(.wrongType, path: child(key), "expected an array, found \(value.kindName)")
    }
    return try value.mapElements(path: child(key), body)
  }

  /// Reads object member `key` with `body`, or nil when it is absent; an error
  /// from `body` names the member in front of its own path.
  func nested<T>(_ key: String, _ body: (FieldReader) throws(CaseError) -> T) throws(CaseError) -> T? {
    guard let value = value(key) else { return nil }
    do throws(CaseError) {
      return try body(FieldReader(value, path: ""))
    } catch {
      throw error.within(child(key))
    }
  }

  func object(_ key: String) throws(CaseError) -> FieldReader? {
    guard let value = value(key) else { return nil }
    return try FieldReader(value, path: child(key))
  }

  /// A member whose value must be one of `allowed`.
  func choice<T>(_ key: String, _ what: String, default fallback: T? = nil, _ parse: (String) -> T?)
    throws(CaseError) -> T
  {
    guard let value = value(key) else {
      if let fallback { return fallback }
      throw CaseError(.missingField, path: child(key), "expected \(what)")
    }
    let text = try Self.string(value, path: child(key))
    guard let result = parse(text) else {
      throw CaseError(.invalidValue, path: child(key), "expected \(what), found '\(text.prefix(40))'")
    }
    return result
  }
}

extension FieldReader {
  /// A non-negative exact fraction or decimal: `"1/10"`, `"0.1"`, `"365/12"`.
  static func fraction(_ value: JSONNode, path: @autoclosure () -> String) throws(CaseError) -> Rational {
    let kind = value.token.kind
    guard kind == .number || kind == .string else {
      throw CaseError(.wrongType, path: path(), "expected a fraction, found \(value.kindName)")
    }
    let text = value.string
    do {
      let fraction = try Rational(parsing: text)
      guard fraction.signum >= 0 else { throw DecimalTextError.negativeNotAllowed }
      return fraction
    } catch {
      throw CaseError(.invalidAmount, path: path(), "\(error)")
    }
  }

  /// An object of string members, in order (a pack's `sources`); absent is empty.
  func stringMap(_ key: String) throws(CaseError) -> [(key: String, citation: String)] {
    guard let object = try object(key) else { return [] }
    var result: [(key: String, citation: String)] = []
    for member in object.members {
      result.append((member.key, try FieldReader.string(member.value, path: object.child(member.key))))
    }
    return result
  }
}

extension JSONNode {
  /// Reads each element of this array with `body`, into an array sized once;
  /// an error from `body` gets the element's path (`path[2]`) in front of its own.
  func mapElements<T>(path: @autoclosure () -> String, _ body: (JSONNode) throws(CaseError) -> T)
    throws(CaseError) -> [T]
  {
    let end = Int(token.end)
    var count = 0
    var k = index + 1
    while k < end {
      k = node(k).next
      count += 1
    }
    var result: [T] = []
    result.reserveCapacity(count)
    k = index + 1
    var position = 0
    while k < end {
      let element = node(k)
      do throws(CaseError) {
        result.append(try body(element))
      } catch {
        throw error.within("\(path())[\(position)]")
      }
      k = element.next
      position += 1
    }
    return result
  }
}
