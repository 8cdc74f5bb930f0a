/// Why a case could not be assessed: a code, the field path, and what was expected.
public struct CaseError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable {
    case invalidJSON = "invalid_json"
    case invalidXML = "invalid_xml"
    case missingField = "missing_field"
    case wrongType = "wrong_type"
    case invalidAmount = "invalid_amount"
    case invalidDate = "invalid_date"
    case invalidValue = "invalid_value"
    case unknownCategory = "unknown_category"
    case unknownDebtKind = "unknown_debt_kind"
    case unknownDebt = "unknown_debt"
    case duplicateID = "duplicate_id"
    case unknownPolicy = "unknown_policy"
    case policyNotInForce = "policy_not_in_force"
  }

  public var code: Code
  /// Where in the case, e.g. `debts[2].balance`; empty for the whole document.
  public var path: String
  public var message: String

  public init(_ code: Code, path: String, _ message: String) {
    self.code = code
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }

  /// The same error seen from the enclosing value: `prefix` goes in front of
  /// the path (`debts[2]` and `balance` make `debts[2].balance`).
  func within(_ prefix: String) -> CaseError {
    var error = self
    if path.isEmpty {
      error.path = prefix
    } else if !prefix.isEmpty {
      error.path = path.utf8.first == UInt8(ascii: "[") ? prefix + path : prefix + "." + path
    }
    return error
  }
}
