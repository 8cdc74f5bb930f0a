extension SFSDocument {
  /// Reads an SFS document from JSON text (the schemas' own format).
  ///
  /// Amounts are JSON numbers (or decimal strings) read from their literal
  /// text; counts are whole numbers; flags are `true` or `false`.
  public init(json bytes: [UInt8]) throws(SFSError) {
    let tree: JSONValue
    do {
      tree = try JSONParser.parse(bytes)
    } catch {
      throw SFSError(problems: [CaseError(.invalidJSON, path: "", error.description)])
    }
    try self.init(tree: tree, textual: false)
  }
}
