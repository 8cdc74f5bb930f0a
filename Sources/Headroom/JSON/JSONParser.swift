/// A strict RFC 8259 reader over UTF-8 bytes.
///
/// It refuses invalid UTF-8, unescaped control characters (NUL included),
/// trailing bytes after the value, and nesting deeper than ``maxDepth``, so no
/// input can exhaust the stack.
public struct JSONParser {
  public static let maxDepth = 64

  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0
  private var depth = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses one JSON value filling the whole of `bytes` (whitespace around it allowed).
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.value()
    parser.skipWhitespace()
    guard parser.i == bytes.count else { throw parser.error("unexpected bytes after the value") }
    return value
  }

  /// Parses a JSON text held in a `String` or byte array.
  public static func parse(_ text: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    let array = Array(text)
    let result: Result<JSONValue, JSONSyntaxError> = array.withUnsafeBufferPointer { buffer in
      do throws(JSONSyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: i, message: message)
  }

  private mutating func skipWhitespace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0A, 0x0D: i += 1
      default: return
      }
    }
  }

  private mutating func value() throws(JSONSyntaxError) -> JSONValue {
    guard i < bytes.count else { throw error("unexpected end of input") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    case 0: throw error("NUL byte")
    default: throw error("expected a value")
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let count = word.utf8CodeUnitCount
    guard i + count <= bytes.count else { throw error("unexpected end of input") }
    for k in 0..<count where bytes[i + k] != word.utf8Start[k] {
      throw error("expected a value")
    }
    i += count
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth)") }
  }

  private mutating func object() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    i += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
      i += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name") }
      let key = try string()
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
      i += 1
      skipWhitespace()
      members.append((key, try value()))
      skipWhitespace()
      guard i < bytes.count else { throw error("unexpected end of input") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard bytes[i] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
      i += 1
      depth -= 1
      return .object(members)
    }
  }

  private mutating func array() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    i += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
      i += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try value())
      skipWhitespace()
      guard i < bytes.count else { throw error("unexpected end of input") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard bytes[i] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
      i += 1
      depth -= 1
      return .array(elements)
    }
  }

  /// A number token, checked against the JSON grammar, returned as text.
  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit") }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
      if i < bytes.count && isDigit(bytes[i]) { throw error("leading zero in a number") }
    } else {
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit after '.'") }
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      i += 1
      if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected an exponent") }
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  private mutating func string() throws(JSONSyntaxError) -> String {
    i += 1
    let start = i
    // Fast path: no escapes.
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        guard let text = String(validating: run, as: UTF8.self) else {
          i = start
          throw error("invalid UTF-8 in a string")
        }
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 {
        throw error(byte == 0 ? "NUL byte in a string" : "unescaped control character in a string")
      }
      i += 1
    }
    var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
    while i < bytes.count {
      let byte = bytes[i]
      switch byte {
      case UInt8(ascii: "\""):
        i += 1
        guard let text = String(validating: scratch, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string")
        }
        return text
      case UInt8(ascii: "\\"):
        i += 1
        guard i < bytes.count else { throw error("unexpected end of input") }
        let escape = bytes[i]
        i += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate") }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00..<0xE000).contains(scalar) {
            throw error("unpaired surrogate")
          }
          if scalar == 0 { throw error("NUL character in a string") }
          scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
          throw error("invalid escape")
        }
      default:
        if byte < 0x20 {
          throw error(byte == 0 ? "NUL byte in a string" : "unescaped control character in a string")
        }
        scratch.append(byte)
        i += 1
      }
    }
    throw error("unterminated string")
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw error("unexpected end of input") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[i]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | digit
      i += 1
    }
    return value
  }
}
