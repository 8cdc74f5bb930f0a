/// A parsed JSON document. Numbers keep their literal text, so an amount
/// written as a JSON number is read exactly, never through a binary float.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's literal text, as written (`1650.00`, `1e3`).
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in document order; a repeated key keeps its first occurrence on lookup.
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// The member named `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short name for the kind of value, for error messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// Why a JSON text could not be read.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Byte offset of the problem, from 0.
  public var offset: Int
  public var message: String
  public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
