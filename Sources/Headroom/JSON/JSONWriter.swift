/// Writes JSON bytes in the order it is told: the caller fixes key order, so
/// the same result always gives the same bytes.
///
/// The bytes live in a plain allocation owned by a private object; a copy of
/// a writer shares them until either side writes (copy on write), so a
/// writer behaves like any value. Each write checks room and ownership once,
/// then stores bytes directly; ``writing(_:)`` checks ownership once for a
/// whole run of writes. Like an array, a writer can be sent to another
/// thread: copies never write to shared bytes.
public struct JSONWriter: @unchecked Sendable {
  /// Owns `base`; its only job is to free it, and to tell whether this writer
  /// is the only one using it.
  fileprivate final class Storage {
    var base: UnsafeMutablePointer<UInt8>
    init(capacity: Int) { base = .allocate(capacity: capacity) }
    /// Takes over `base`, an allocation of its own.
    init(adopting base: UnsafeMutablePointer<UInt8>) { self.base = base }
    deinit { base.deallocate() }
  }

  private var storage: Storage
  private var base: UnsafeMutablePointer<UInt8>
  private var room: Int
  /// Bytes written.
  public private(set) var count = 0
  /// Whether the next value or member needs a comma before it. One flag is
  /// enough: opening a container or writing a key clears it, and every value
  /// (a closed container included) sets it for the level it belongs to.
  private var needsComma = false
  /// The last policy reference written, with its bytes: every result
  /// under one pack writes the same one (see ``PolicyReference``).
  private var policyMemo: PolicyMemo?

  /// The bytes written so far (a copy).
  public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  public init() { self.init(capacity: 2048) }

  /// A writer with room for `capacity` bytes before it needs to grow.
  public init(capacity: Int) {
    room = max(16, capacity)
    storage = Storage(capacity: room)
    base = storage.base
  }

  /// Calls `body` with the bytes written so far, without copying them.
  public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try withExtendedLifetime(storage) { () throws(E) -> R in
      try body(UnsafeRawBufferPointer(start: base, count: count))
    }
  }

  /// Room the writer has before it needs to grow.
  public var capacity: Int { room }

  /// Makes room for `n` bytes in all, so that writing up to there never grows.
  public mutating func reserveCapacity(_ n: Int) {
    if n > room || !isKnownUniquelyReferenced(&storage) {
      replaceStorage(capacity: Swift.max(n, room), keeping: count)
    }
  }

  /// Forgets the bytes written, keeping the room for the next ones.
  public mutating func removeAll() {
    if !isKnownUniquelyReferenced(&storage) { replaceStorage(capacity: room, keeping: 0) }
    count = 0
    needsComma = false
  }

  @inline(never)
  private mutating func replaceStorage(capacity newCapacity: Int, keeping kept: Int) {
    let replacement = Storage(capacity: newCapacity)
    replacement.base.update(from: base, count: kept)
    storage = replacement
    base = replacement.base
    room = newCapacity
  }

  /// Calls `body` with this writer's bytes made its own: one ownership check
  /// for all the writes `body` makes, where each write on the writer itself
  /// checks again (the writer could have been copied in between).
  ///
  /// Sound because ``Owned`` cannot be copied, and the writer cannot be
  /// used (nor copied) while `body` runs.
  @inline(__always)
  mutating func writing<R>(_ body: (inout Owned) -> R) -> R {
    if _slowPath(!isKnownUniquelyReferenced(&storage)) { replaceStorage(capacity: room, keeping: count) }
    var owned = Owned(base: base, room: room, count: count, needsComma: needsComma, policyMemo: policyMemo)
    let result = body(&owned)
    if let grown = owned.grown { storage = grown }
    if owned.policyMemo !== policyMemo { policyMemo = owned.policyMemo }
    base = owned.base
    room = owned.room
    count = owned.count
    needsComma = owned.needsComma
    return result
  }

  /// A writer's bytes while ``JSONWriter/writing(_:)`` runs: the same
  /// writes, each after one room check and no ownership check.
  struct Owned: ~Copyable {
    /// Storage allocated when the bytes outgrew the writer's (the writer takes it over).
    fileprivate var grown: Storage?
    fileprivate var base: UnsafeMutablePointer<UInt8>
    fileprivate var room: Int
    /// Bytes written.
    fileprivate(set) var count: Int
    fileprivate var needsComma: Bool
    /// The writer's ``PolicyMemo`` (handed back to it at the end).
    var policyMemo: PolicyMemo?

    fileprivate init(
      base: UnsafeMutablePointer<UInt8>, room: Int, count: Int, needsComma: Bool, policyMemo: PolicyMemo?
    ) {
      self.base = base
      self.room = room
      self.count = count
      self.needsComma = needsComma
      self.policyMemo = policyMemo
    }
  }

  // Each write on the writer itself: one ownership check, then the same
  // write on its owned bytes.

  /// Appends bytes as they are (e.g. a line some other writer produced).
  public mutating func append(contentsOf bytes: [UInt8]) { writing { $0.append(contentsOf: bytes) } }
  /// Ends a JSONL line: a newline, after which the next value needs no comma.
  public mutating func newline() { writing { $0.newline() } }
  public mutating func beginObject() { writing { $0.beginObject() } }
  public mutating func endObject() { writing { $0.endObject() } }
  public mutating func beginArray() { writing { $0.beginArray() } }
  public mutating func endArray() { writing { $0.endArray() } }
  /// Writes a member name; the next write is its value.
  public mutating func key(_ name: String) { writing { $0.key(name) } }
  /// Writes a member name that is a literal needing no escaping (plain
  /// ASCII, no `"`, `\` or control characters), copied as is.
  mutating func key(raw name: StaticString) { writing { $0.key(raw: name) } }
  /// `key(raw: name)` then `money(amount, digits, mode)`: the same bytes.
  mutating func member(_ name: StaticString, money amount: Rational, _ digits: Int, _ mode: RoundingMode) {
    writing { $0.member(name, money: amount, digits, mode) }
  }
  /// `key(raw: name)` then `exact(value)`: the same bytes.
  mutating func member(_ name: StaticString, exact value: Rational) {
    writing { $0.member(name, exact: value) }
  }
  /// `key(raw: name)` then `beginObject()`: the same bytes.
  mutating func beginObject(member name: StaticString) { writing { $0.beginObject(member: name) } }
  /// `key(raw: name)` then `beginArray()`: the same bytes.
  mutating func beginArray(member name: StaticString) { writing { $0.beginArray(member: name) } }
  public mutating func string(_ value: String) { writing { $0.string(value) } }
  public mutating func string(_ value: String?) { writing { $0.string(value) } }
  /// Writes a string known to need no escaping (an enum's raw value, a code
  /// from this library), copied without looking at its bytes.
  mutating func string(safe value: String) { writing { $0.string(safe: value) } }
  public mutating func null() { writing { $0.null() } }
  public mutating func bool(_ value: Bool) { writing { $0.bool(value) } }
  public mutating func int(_ value: Int) { writing { $0.int(value) } }
  public mutating func int(_ value: Int?) { writing { $0.int(value) } }
  /// Writes a day as a quoted `"YYYY-MM-DD"`, the same text as its description.
  mutating func date(_ value: CivilDate) { writing { $0.date(value) } }
  mutating func date(_ value: CivilDate?) { writing { $0.date(value) } }
  /// Writes `minorUnits` as a quoted fixed-decimal string: `"1234.56"`, `"-0.05"`.
  public mutating func fixedDecimal(minorUnits: Int64, digits: Int) {
    writing { $0.fixedDecimal(minorUnits: minorUnits, digits: digits) }
  }
  /// Writes a rational's exact form, `"110011/60"` or `"1650"`, as a string.
  public mutating func exact(_ value: Rational) { writing { $0.exact(value) } }
  /// Writes a parsed value back out, members in their order.
  public mutating func value(_ value: JSONValue) { writing { $0.value(value) } }
}

extension JSONWriter.Owned {
  /// Appends bytes as they are (e.g. a line some other writer produced).
  mutating func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Ends a JSONL line: a newline, after which the next value needs no comma.
  mutating func newline() {
    reserve(1)[0] = 0x0A
    count &+= 1
    needsComma = false
  }

  /// Room for `n` more bytes: where they go.
  @inline(__always)
  private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    if _slowPath(room &- count < n) { grow(to: Swift.max(room, count &+ n, room &* 2)) }
    return base + count
  }

  /// Moves the bytes to a larger allocation. Releases no object (a second
  /// growth moves `grown`'s bytes rather than replacing it), and says so to
  /// the compiler, as the string writes below do: see ``string(_:)``.
  @_effects(releasenone) @inline(never)
  private mutating func grow(to newCapacity: Int) {
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    bytes.update(from: base, count: count)
    if let grown {
      grown.base.deallocate()
      grown.base = bytes
    } else {
      grown = JSONWriter.Storage(adopting: bytes)
    }
    base = bytes
    room = newCapacity
  }

  @inline(__always)
  private mutating func append(_ byte: UInt8) {
    reserve(1)[0] = byte
    count &+= 1
  }

  @inline(__always)
  private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    let n = buffer.count
    guard n > 0 else { return }
    reserve(n).update(from: buffer.baseAddress!, count: n)
    count &+= n
  }

  @inline(__always)
  private mutating func append(_ buffer: UnsafeRawBufferPointer) {
    let n = buffer.count
    guard n > 0 else { return }
    UnsafeMutableRawPointer(reserve(n)).copyMemory(from: buffer.baseAddress!, byteCount: n)
    count &+= n
  }

  @inline(__always)
  private mutating func separate() {
    if needsComma { append(UInt8(ascii: ",")) }
    needsComma = true
  }

  /// Room for a value of `n` bytes after the comma it may need (written
  /// here): one check for both.
  @inline(__always)
  private mutating func reserveValue(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    var p = reserve(n &+ 1)
    if needsComma {
      p[0] = UInt8(ascii: ",")
      p += 1
      count &+= 1
    }
    needsComma = true
    return p
  }

  @inline(__always) mutating func beginObject() { open(UInt8(ascii: "{")) }
  @inline(__always) mutating func endObject() { close(UInt8(ascii: "}")) }
  @inline(__always) mutating func beginArray() { open(UInt8(ascii: "[")) }
  @inline(__always) mutating func endArray() { close(UInt8(ascii: "]")) }

  @inline(__always)
  private mutating func open(_ bracket: UInt8) {
    let p = reserve(2)
    if needsComma {
      p[0] = UInt8(ascii: ",")
      p[1] = bracket
      count &+= 2
    } else {
      p[0] = bracket
      count &+= 1
    }
    needsComma = false
  }

  @inline(__always)
  private mutating func close(_ bracket: UInt8) {
    append(bracket)
    needsComma = true
  }

  /// Writes a member name; the next write is its value.
  mutating func key(_ name: String) {
    separate()
    writeString(name)
    append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes a member name that is a literal needing no escaping (plain
  /// ASCII, no `"`, `\` or control characters), copied as is.
  @inline(__always)
  mutating func key(raw name: StaticString) {
    _ = member(name, room: 0)
    needsComma = false  // the value that follows writes no comma before itself
  }

  /// Writes `"name":` (after the comma it may need) with room for `room`
  /// more bytes after it, one check for both; returns where the value goes.
  @inline(__always)
  mutating func member(_ name: StaticString, room: Int) -> UnsafeMutablePointer<UInt8> {
    let length = name.utf8CodeUnitCount
    var p = reserve(length &+ 4 &+ room)
    if needsComma {
      p[0] = UInt8(ascii: ",")
      p += 1
      count &+= 1
    }
    p[0] = UInt8(ascii: "\"")
    (p + 1).update(from: name.utf8Start, count: length)
    p[length &+ 1] = UInt8(ascii: "\"")
    p[length &+ 2] = UInt8(ascii: ":")
    count &+= length &+ 3
    needsComma = true
    return p + (length &+ 3)
  }

  /// `key(raw: name)` then `money(amount, digits, mode)`: the same bytes,
  /// with one room check when the amount is in machine integers.
  @_transparent
  mutating func member(_ name: StaticString, money amount: Rational, _ digits: Int, _ mode: RoundingMode) {
    if digits >= 0 && digits <= 18, let units = amount.roundedUnits(places: digits, mode) {
      let p = member(name, room: JSONWriter.fixedDecimalRoom)
      count &+= JSONWriter.writeFixedDecimal(units, digits: digits, at: p)
    } else {
      key(raw: name)
      money(amount, digits, mode)
    }
  }

  /// `key(raw: name)` then `exact(value)`: the same bytes, with one room check.
  @_transparent
  mutating func member(_ name: StaticString, exact value: Rational) {
    if let (n, d) = value.machineParts {
      let p = member(name, room: JSONWriter.exactRoom)
      count &+= JSONWriter.writeExact(n, d, at: p)
    } else {
      key(raw: name)
      exact(value)
    }
  }

  /// `key(raw: name)` then `beginObject()`: the same bytes, in one write.
  @_transparent
  mutating func beginObject(member name: StaticString) {
    member(name, room: 1)[0] = UInt8(ascii: "{")
    count &+= 1
    needsComma = false
  }

  /// `key(raw: name)` then `beginArray()`: the same bytes, in one write.
  @_transparent
  mutating func beginArray(member name: StaticString) {
    member(name, room: 1)[0] = UInt8(ascii: "[")
    count &+= 1
    needsComma = false
  }

  /// Writes `value` as a JSON string, escaped where it must be.
  ///
  /// Marked as releasing nothing (true: its only retain of `value`, on the
  /// escaping path, is balanced, and growth releases nothing) so that a
  /// caller writing a string stored in an array or struct it borrows need
  /// not retain that string around the call: the retain and release are
  /// atomic, and strings shared between workers (group names) contend.
  @_effects(releasenone)
  mutating func string(_ value: String) {
    let copied = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      guard !JSONWriter.needsEscaping(utf8) else { return false }
      quote(utf8, at: reserveValue(utf8.count &+ 2))
      return true
    }
    if copied == true { return }
    separate()
    writeString(value)
  }
  @_effects(releasenone)
  mutating func string(_ value: String?) { if let value { string(value) } else { null() } }

  /// Writes a string known to need no escaping (an enum's raw value, a code
  /// from this library), copied without looking at its bytes. Releases
  /// nothing, as ``string(_:)``.
  @_effects(releasenone)
  mutating func string(safe value: String) {
    let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
      quote(utf8, at: reserveValue(utf8.count &+ 2))
    }
    if done == nil { string(value) }
  }

  /// Writes a literal needing no escaping (plain ASCII, no `"`, `\` or
  /// control characters) as a string, copied as is.
  @inline(__always)
  mutating func string(literal text: StaticString) {
    let n = text.utf8CodeUnitCount
    quote(UnsafeBufferPointer(start: text.utf8Start, count: n), at: reserveValue(n &+ 2))
  }

  mutating func null() {
    separate()
    appendLiteral("null")
  }
  mutating func bool(_ value: Bool) {
    separate()
    appendLiteral(value ? "true" : "false")
  }
  mutating func int(_ value: Int) {
    let magnitude = value.magnitude
    let width = JSONWriter.digitCount(UInt64(magnitude))
    let sign = value < 0 ? 1 : 0
    let p = reserveValue(width &+ sign)
    if sign == 1 { p[0] = UInt8(ascii: "-") }
    JSONWriter.writeDigits(UInt64(magnitude), width: width, endingAt: p + (width &+ sign))
    count &+= width &+ sign
  }
  mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }

  /// Writes a day as a quoted `"YYYY-MM-DD"`, the same text as its description.
  mutating func date(_ value: CivilDate) {
    let (y, m, d) = value.components
    guard (0...9999).contains(y) else {
      string(value.description)
      return
    }
    // Digits in pairs from the table: one division for the year.
    let table = JSONWriter.digitPairs.utf8Start
    let century = y / 100
    let yy = (y &- century &* 100) &* 2
    let p = reserveValue(12)
    p[0] = UInt8(ascii: "\"")
    p[1] = table[century &* 2]
    p[2] = table[century &* 2 &+ 1]
    p[3] = table[yy]
    p[4] = table[yy &+ 1]
    p[5] = UInt8(ascii: "-")
    p[6] = table[m &* 2]
    p[7] = table[m &* 2 &+ 1]
    p[8] = UInt8(ascii: "-")
    p[9] = table[d &* 2]
    p[10] = table[d &* 2 &+ 1]
    p[11] = UInt8(ascii: "\"")
    count &+= 12
  }
  mutating func date(_ value: CivilDate?) { if let value { date(value) } else { null() } }

  /// Writes `minorUnits` as a quoted fixed-decimal string: `"1234.56"`, `"-0.05"`.
  mutating func fixedDecimal(minorUnits: Int64, digits: Int) {
    guard digits >= 0, digits <= 20 else {
      string(Money.format(minorUnits: Rational(Int(minorUnits)), minorDigits: digits))
      return
    }
    let total = JSONWriter.fixedDecimalCount(minorUnits, digits: digits)
    JSONWriter.writeFixedDecimal(minorUnits, digits: digits, total: total, at: reserveValue(total))
    count &+= total
  }

  /// Writes a rational's exact form, `"110011/60"` or `"1650"`, as a string.
  mutating func exact(_ value: Rational) {
    if let (n, d) = value.machineParts {
      let p = reserveValue(JSONWriter.exactRoom)
      count &+= JSONWriter.writeExact(n, d, at: p)
    } else {
      string(value.description)
    }
  }

  /// Writes `json`, the bytes of one whole value, as the next value.
  mutating func value(json: [UInt8]) {
    json.withUnsafeBufferPointer { bytes in
      let n = bytes.count
      let p = reserveValue(n)
      if n > 0 { p.update(from: bytes.baseAddress!, count: n) }
      count &+= n
    }
  }

  /// Runs `body`, which writes one value, and returns that value's bytes
  /// (without the comma before it).
  mutating func recordingValue(_ body: (inout Self) -> Void) -> [UInt8] {
    separate()
    needsComma = false
    let start = count
    body(&self)
    return Array(UnsafeBufferPointer(start: base + start, count: count &- start))
  }

  /// Writes a parsed value back out, members in their order.
  mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .number(let text):
      separate()
      var text = text
      text.withUTF8 { append($0) }
    case .string(let s): string(s)
    case .array(let elements):
      beginArray()
      for element in elements { self.value(element) }
      endArray()
    case .object(let members):
      beginObject()
      for member in members {
        key(member.key)
        self.value(member.value)
      }
      endObject()
    }
  }

  @inline(__always)
  private mutating func appendLiteral(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Writes `utf8` between quotes at `p`, which has room for its bytes and two more.
  @inline(__always)
  private mutating func quote(_ utf8: UnsafeBufferPointer<UInt8>, at p: UnsafeMutablePointer<UInt8>) {
    let n = utf8.count
    p[0] = UInt8(ascii: "\"")
    if n > 0 { JSONWriter.copy(utf8.baseAddress!, to: p + 1, count: n) }
    p[n &+ 1] = UInt8(ascii: "\"")
    count &+= n &+ 2
  }

  private mutating func writeString(_ value: String) {
    // Most strings need no escaping: copy them in one go.
    let copied = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      guard !JSONWriter.needsEscaping(utf8) else { return false }
      quote(utf8, at: reserve(utf8.count &+ 2))
      return true
    }
    if copied == true { return }
    append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): appendPair(UInt8(ascii: "\\"), UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): appendPair(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
      case 0x0A: appendPair(UInt8(ascii: "\\"), UInt8(ascii: "n"))
      case 0x0D: appendPair(UInt8(ascii: "\\"), UInt8(ascii: "r"))
      case 0x09: appendPair(UInt8(ascii: "\\"), UInt8(ascii: "t"))
      case 0..<0x20:
        let hex: StaticString = "0123456789abcdef"
        appendPair(UInt8(ascii: "\\"), UInt8(ascii: "u"))
        appendPair(0x30, 0x30)
        appendPair(hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)])
      default: append(byte)
      }
    }
    append(UInt8(ascii: "\""))
  }

  private mutating func appendPair(_ a: UInt8, _ b: UInt8) {
    let p = reserve(2)
    p[0] = a
    p[1] = b
    count &+= 2
  }
}

extension JSONWriter {
  /// The most bytes ``fixedDecimal(minorUnits:digits:)`` writes for 0 <= `digits` <= 18:
  /// quotes, sign, point and 19 digits.
  static let fixedDecimalRoom = 23

  /// How many bytes ``fixedDecimal(minorUnits:digits:)`` writes (0 <= `digits`
  /// <= 20): at least `digits` + 1 digits, so there is a unit digit.
  @inline(__always)
  static func fixedDecimalCount(_ minorUnits: Int64, digits: Int) -> Int {
    let width = Swift.max(JSONWriter.digitCount(minorUnits.magnitude), digits &+ 1)
    return width &+ (minorUnits < 0 ? 1 : 0) &+ (digits > 0 ? 1 : 0) &+ 2
  }

  /// Writes the `total` bytes of the quoted fixed decimal at `p`: the
  /// fraction digits, then the point, then the integer digits.
  @inline(__always)
  static func writeFixedDecimal(
    _ minorUnits: Int64, digits: Int, total: Int, at p: UnsafeMutablePointer<UInt8>
  ) {
    let magnitude = minorUnits.magnitude
    let sign = minorUnits < 0 ? 1 : 0
    p[0] = UInt8(ascii: "\"")
    if sign == 1 { p[1] = UInt8(ascii: "-") }
    let last = p + (total &- 1)
    last[0] = UInt8(ascii: "\"")
    if digits > 0 {
      // Constant divisors for the usual 2 places (and 4, share deviations).
      let (whole, fraction): (UInt64, UInt64)
      switch digits {
      case 2: (whole, fraction) = (magnitude / 100, magnitude % 100)
      case 4: (whole, fraction) = (magnitude / 10_000, magnitude % 10_000)
      default: (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: JSONWriter.powerOfTen(digits))
      }
      JSONWriter.writeDigits(fraction, width: digits, endingAt: last)
      last[-digits &- 1] = UInt8(ascii: ".")
      JSONWriter.writeDigits(whole, width: total &- 3 &- sign &- digits, endingAt: last - (digits &+ 1))
    } else {
      JSONWriter.writeDigits(magnitude, width: total &- 2 &- sign, endingAt: last)
    }
  }

  /// Writes `minorUnits` as a quoted fixed decimal at `p`, which has room
  /// for ``fixedDecimalRoom`` bytes (0 <= `digits` <= 18); returns how many
  /// it wrote. Not inlined: each member that writes money calls it.
  @inline(never)
  static func writeFixedDecimal(_ minorUnits: Int64, digits: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
    if digits == 2 && minorUnits >= 0 && minorUnits < 100_000_000 {
      return writeCents(UInt64(minorUnits), at: p)
    }
    let total = fixedDecimalCount(minorUnits, digits: digits)
    writeFixedDecimal(minorUnits, digits: digits, total: total, at: p)
    return total
  }

  /// ``writeFixedDecimal(_:digits:at:)`` for 2 places and 0 <= `cents` <
  /// 10^8 (money as results hold it): the width found by comparisons, not
  /// a loop of divisions, and the digits written two at a time.
  @inline(__always)
  static func writeCents(_ cents: UInt64, at p: UnsafeMutablePointer<UInt8>) -> Int {
    let whole = cents / 100
    let fraction = Int(truncatingIfNeeded: cents &- whole &* 100)
    let wholeWidth =
      whole < 100
      ? (whole < 10 ? 1 : 2) : whole < 10_000 ? (whole < 1_000 ? 3 : 4) : (whole < 100_000 ? 5 : 6)
    let total = wholeWidth &+ 5
    let table = JSONWriter.digitPairs.utf8Start
    p[0] = UInt8(ascii: "\"")
    p[total &- 1] = UInt8(ascii: "\"")
    p[total &- 2] = table[fraction &* 2 &+ 1]
    p[total &- 3] = table[fraction &* 2]
    p[total &- 4] = UInt8(ascii: ".")
    JSONWriter.writeDigits(whole, width: wholeWidth, endingAt: p + (total &- 4))
    return total
  }

  /// 10^e for 0 <= e <= 19.
  @inline(__always)
  static func powerOfTen(_ e: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<e { p &*= 10 }
    return p
  }

  /// How many decimal digits `v` has (1 for zero).
  @inline(__always)
  static func digitCount(_ v: UInt64) -> Int {
    var n = 1
    var x = v
    while x >= 100 {
      x /= 100
      n &+= 2
    }
    return x >= 10 ? n &+ 1 : n
  }

  /// "00", "01", … "99".
  static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

  /// Writes the low `width` decimal digits of `v` (zero padded) just before
  /// `end`, two at a time.
  @inline(__always)
  static func writeDigits(_ v: UInt64, width: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
    let table = JSONWriter.digitPairs.utf8Start
    var x = v
    var p = end
    var left = width
    while left >= 2 {
      let pair = Int(truncatingIfNeeded: x % 100) &* 2
      x /= 100
      p -= 2
      p[0] = table[pair]
      p[1] = table[pair &+ 1]
      left &-= 2
    }
    if left == 1 { (p - 1)[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: x % 10) }
  }

  /// 19 digits, `/` and 19 digits.
  static let exactRoom = 42

  /// Writes the exact form of `n/d` (`d` > 0) at `p`, which has room for
  /// ``exactRoom`` bytes: `"`, sign, numerator, then `/` and denominator
  /// unless whole, `"`. Returns how many bytes it wrote.
  @inline(never)
  static func writeExact(_ n: Int64, _ d: Int64, at p: UnsafeMutablePointer<UInt8>) -> Int {
    let top = n.magnitude
    let topWidth = JSONWriter.digitCount(top)
    let sign = n < 0 ? 1 : 0
    let bottomWidth = d == 1 ? 0 : JSONWriter.digitCount(d.magnitude)
    let total = 2 &+ sign &+ topWidth &+ (d == 1 ? 0 : 1 &+ bottomWidth)
    p[0] = UInt8(ascii: "\"")
    if sign == 1 { p[1] = UInt8(ascii: "-") }
    let topEnd = p + (1 &+ sign &+ topWidth)
    JSONWriter.writeDigits(top, width: topWidth, endingAt: topEnd)
    if d != 1 {
      topEnd[0] = UInt8(ascii: "/")
      JSONWriter.writeDigits(d.magnitude, width: bottomWidth, endingAt: topEnd + (1 &+ bottomWidth))
    }
    p[total &- 1] = UInt8(ascii: "\"")
    return total
  }

  /// Copies `count` (> 0) bytes: up to 16 as two overlapping words (of 8,
  /// 4, 2 or 1 bytes), reading and writing only those bytes; longer ones
  /// with `memmove`. Most strings written are short, and the call to
  /// `memmove` cost more than the copy.
  @inline(__always)
  static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    @inline(__always) func move<T: FixedWidthInteger>(_: T.Type) {
      let size = MemoryLayout<T>.size
      let first = from.loadUnaligned(as: T.self)
      let last = from.loadUnaligned(fromByteOffset: count &- size, as: T.self)
      to.storeBytes(of: first, as: T.self)
      to.storeBytes(of: last, toByteOffset: count &- size, as: T.self)
    }
    if count > 16 {
      to.copyMemory(from: from, byteCount: count)
    } else if count >= 8 {
      move(UInt64.self)
    } else if count >= 4 {
      move(UInt32.self)
    } else if count >= 2 {
      move(UInt16.self)
    } else {
      target[0] = source[0]
    }
  }

  /// Whether any byte is a control character, `"` or `\`: eight bytes at a
  /// time, the last eight overlapping the ones before; a shorter text in
  /// one word too (two overlapping halves, or its bytes padded with spaces).
  @inline(__always)
  static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = utf8.count
    guard let base = utf8.baseAddress, count > 0 else { return false }
    let raw = UnsafeRawPointer(base)
    if count >= 8 {
      var i = 0
      while i &+ 8 < count {
        if escapes(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
        i &+= 8
      }
      return escapes(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    }
    if count >= 4 {
      let low = UInt64(raw.loadUnaligned(as: UInt32.self))
      let high = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
      return escapes(low | high &<< 32)
    }
    // One to three bytes: the first, middle and last cover them all.
    let word =
      UInt64(base[0]) | UInt64(base[count &>> 1]) &<< 8 | UInt64(base[count &- 1]) &<< 16
      | 0x2020_2020_2000_0000
    return escapes(word)
  }

  /// Whether any of the eight bytes of `word` is below 0x20, `"` or `\`.
  ///
  /// A byte is flagged exactly when the corresponding "has zero byte" test
  /// below flags it (a borrow can only flag a byte above one that is
  /// flagged anyway); bytes >= 0x80 are masked out by `~word`.
  @inline(__always)
  static func escapes(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (word &- ones &* 0x20) & ~word & highs
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let quoteHit = (quote &- ones) & ~quote & highs
    let backslashHit = (backslash &- ones) & ~backslash & highs
    return control | quoteHit | backslashHit != 0
  }
}
