/// Writes JSON bytes in the order it is told: the caller fixes key order, so
/// the same result always gives the same bytes.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  public init() { bytes.reserveCapacity(2048) }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }
  public mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }
  public mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes a member name; the next write is its value.
  public mutating func key(_ name: String) {
    separate()
    writeString(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma[needsComma.count - 1] = false
  }

  public mutating func string(_ value: String) {
    separate()
    writeString(value)
  }
  public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
  public mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
  }
  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }
  public mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }
  public mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }

  /// Writes `minorUnits` as a quoted fixed-decimal string: `"1234.56"`, `"-0.05"`.
  public mutating func fixedDecimal(minorUnits: Int64, digits: Int) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    if minorUnits < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = minorUnits.magnitude
    // Digits, least significant first, padded to digits + 1 so there is a unit digit.
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let count = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
      var n = 0
      repeat {
        raw[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        n += 1
      } while magnitude > 0 || n <= digits
      return n
    }
    withUnsafeBytes(of: &scratch) { raw in
      for k in stride(from: count - 1, through: 0, by: -1) {
        if k == digits - 1 { bytes.append(UInt8(ascii: ".")) }
        bytes.append(raw[k])
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Writes a rational's exact form, `"110011/60"` or `"1650"`, as a string.
  public mutating func exact(_ value: Rational) {
    if let (n, d) = value.machineParts {
      separate()
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: String(n).utf8)
      if d != 1 {
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: String(d).utf8)
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

  private mutating func writeString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    // Most strings need no escaping: copy them in one go.
    let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { utf8 in
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        return false
      }
      bytes.append(contentsOf: utf8)
      return true
    }
    if copied == true {
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
}
