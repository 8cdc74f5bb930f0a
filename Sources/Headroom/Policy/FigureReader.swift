/// Reads a version's figures: each is `{"value": …, "source": KEY}`, and the
/// source must be one of the pack's `sources`.
final class FigureReader {
  let fields: FieldReader
  let sources: Set<String>
  /// Every figure read, in the order read.
  private(set) var listing: [(figure: String, source: String, value: JSONValue)] = []

  init(_ json: JSONNode, path: String, sources: Set<String>) throws(CaseError) {
    fields = try FieldReader(json, path: path)
    self.sources = sources
  }

  /// The value of figure `name`, or nil when the pack leaves it out.
  func optional(_ name: String) throws(CaseError) -> (value: JSONNode, path: String)? {
    guard let figure = try fields.object(name) else { return nil }
    let source = try figure.string("source")
    guard sources.contains(source) else {
      throw CaseError(
        .invalidValue, path: figure.child("source"), "expected a key of the pack's sources, found '\(source)'"
      )
    }
    let value = try figure.required("value", "the figure's value")
    listing.append((name, source, value.value))
    return (value, figure.child("value"))
  }

  func required(_ name: String) throws(CaseError) -> (value: JSONNode, path: String) {
    guard let figure = try optional(name) else {
      throw CaseError(
        .missingField, path: fields.child(name), "expected the figure with its value and source")
    }
    return figure
  }

  func int(_ name: String, in range: ClosedRange<Int>) throws(CaseError) -> Int {
    let (value, path) = try required(name)
    return try FieldReader.int(value, path: path, in: range)
  }

  func amount(_ name: String, _ currency: Currency) throws(CaseError) -> Rational {
    let (value, path) = try required(name)
    return try FieldReader.decimal(value, path: path, maxFractionDigits: currency.minorDigits)
  }

  func fraction(_ name: String) throws(CaseError) -> Rational {
    let (value, path) = try required(name)
    return try FieldReader.fraction(value, path: path)
  }

  func bool(_ name: String) throws(CaseError) -> Bool {
    let (value, path) = try required(name)
    guard value.token.kind == .true || value.token.kind == .false else {
      throw CaseError(.wrongType, path: path, "expected true or false, found \(value.kindName)")
    }
    return value.token.kind == .true
  }

  func choice<T>(_ name: String, _ what: String, _ parse: (String) -> T?) throws(CaseError) -> T {
    let (value, path) = try required(name)
    let text = try FieldReader.string(value, path: path)
    guard let result = parse(text) else {
      throw CaseError(.invalidValue, path: path, "expected \(what), found '\(text)'")
    }
    return result
  }
}
