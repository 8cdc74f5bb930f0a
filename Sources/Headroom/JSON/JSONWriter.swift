/// Writes JSON bytes in the order it is told: the caller fixes key order, so
/// the same result always gives the same bytes.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  /// Whether the next value or member needs a comma before it. One flag is
  /// enough: opening a container or writing a key clears it, and every value
  /// (a closed container included) sets it for the level it belongs to.
  private var needsComma = false

  public init() { bytes.reserveCapacity(2048) }

  /// A writer that appends to `buffer` (e.g. a batch's output), which must
  /// end at a value boundary: the first value written needs no comma.
  init(appendingTo buffer: [UInt8]) { bytes = buffer }

  /// Hands the bytes over and leaves the writer empty, without copying them.
  mutating func takeBytes() -> [UInt8] {
    needsComma = false
    var taken: [UInt8] = []
    swap(&taken, &bytes)
    return taken
  }

  @inline(__always)
  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = true
  }

  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Writes a member name; the next write is its value.
  public mutating func key(_ name: String) {
    separate()
    writeString(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes a member name that is a literal needing no escaping (plain
  /// ASCII, no `"`, `\` or control characters), copied as is.
  @inline(__always)
  mutating func key(raw name: StaticString) {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  public mutating func string(_ value: String) {
    separate()
    writeString(value)
  }
  public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }

  /// Writes a string known to need no escaping (an enum's raw value, a code
  /// from this library), copied without looking at its bytes.
  mutating func string(safe value: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
  }

  public mutating func null() {
    separate()
    appendLiteral("null")
  }
  public mutating func bool(_ value: Bool) {
    separate()
    appendLiteral(value ? "true" : "false")
  }
  public mutating func int(_ value: Int) {
    separate()
    appendDecimal(Int64(value))
  }
  public mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }

  /// Writes a day as a quoted `"YYYY-MM-DD"`, the same text as its description.
  mutating func date(_ value: CivilDate) {
    let (y, m, d) = value.components
    guard (0...9999).contains(y) else {
      string(value.description)
      return
    }
    separate()
    var scratch: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &scratch) { raw in
      raw[0] = UInt8(ascii: "\"")
      raw[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: y / 1000)
      raw[2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: y / 100 % 10)
      raw[3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: y / 10 % 10)
      raw[4] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: y % 10)
      raw[5] = UInt8(ascii: "-")
      raw[6] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m / 10)
      raw[7] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
      raw[8] = UInt8(ascii: "-")
      raw[9] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: d / 10)
      raw[10] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: d % 10)
      raw[11] = UInt8(ascii: "\"")
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<12]))
    }
  }
  mutating func date(_ value: CivilDate?) { if let value { date(value) } else { null() } }

  /// Writes `minorUnits` as a quoted fixed-decimal string: `"1234.56"`, `"-0.05"`.
  public mutating func fixedDecimal(minorUnits: Int64, digits: Int) {
    separate()
    // Sign, up to 20 digits, a point, any zero padding, two quotes: laid out
    // back to front in a scratch buffer, then copied once.
    guard digits <= 20 else {
      bytes.append(UInt8(ascii: "\""))
      bytes.append(
        contentsOf: Money.format(minorUnits: Rational(Int(minorUnits)), minorDigits: digits).utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &scratch) { raw in
      var end = raw.count
      end -= 1
      raw[end] = UInt8(ascii: "\"")
      var magnitude = minorUnits.magnitude
      var n = 0
      repeat {
        if n == digits && n > 0 {
          end -= 1
          raw[end] = UInt8(ascii: ".")
        }
        end -= 1
        raw[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
        n += 1
      } while magnitude > 0 || n <= digits
      if minorUnits < 0 {
        end -= 1
        raw[end] = UInt8(ascii: "-")
      }
      end -= 1
      raw[end] = UInt8(ascii: "\"")
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[end...]))
    }
  }

  /// Writes a rational's exact form, `"110011/60"` or `"1650"`, as a string.
  public mutating func exact(_ value: Rational) {
    if let (n, d) = value.machineParts {
      separate()
      bytes.append(UInt8(ascii: "\""))
      appendDecimal(n)
      if d != 1 {
        bytes.append(UInt8(ascii: "/"))
        appendDecimal(d)
      }
      bytes.append(UInt8(ascii: "\""))
    } else {
      string(value.description)
    }
  }

  /// Writes a parsed value back out, members in their order.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .number(let text):
      separate()
      bytes.append(contentsOf: text.utf8)
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
    bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends an integer's decimal digits, with a `-` when negative.
  private mutating func appendDecimal(_ value: Int64) {
    if value >= 0 && value < 10 {
      bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
      return
    }
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &scratch) { raw in
      var end = raw.count
      var magnitude = value.magnitude
      repeat {
        end -= 1
        raw[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      if value < 0 {
        end -= 1
        raw[end] = UInt8(ascii: "-")
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[end...]))
    }
  }

  private mutating func writeString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    // Most strings need no escaping: copy them in one go.
    let copied = value.withUTF8 { utf8 -> Bool in
      guard !JSONWriter.needsEscaping(utf8) else { return false }
      bytes.append(contentsOf: utf8)
      return true
    }
    if copied {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [
          UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)],
        ])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether any byte is a control character, `"` or `\`: eight bytes at a
  /// time, then the tail one by one.
  @inline(__always)
  static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = utf8.count
    guard let base = utf8.baseAddress else { return false }
    var i = 0
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i + 8 <= count {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      // A byte is < 0x20, or equal to 0x22 or 0x5C, exactly when the
      // corresponding "has zero byte" test below flags it; bytes >= 0x80 are
      // masked out by `~word`.
      let control = (word &- ones &* 0x20) & ~word & highs
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      let quoteHit = (quote &- ones) & ~quote & highs
      let backslashHit = (backslash &- ones) & ~backslash & highs
      if control | quoteHit | backslashHit != 0 { return true }
      i += 8
    }
    while i < count {
      let byte = base[i]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
      i += 1
    }
    return false
  }
}
