/// Why a policy pack could not be loaded or used.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the pack, e.g. `versions[0].figures.min_payment.value`.
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
