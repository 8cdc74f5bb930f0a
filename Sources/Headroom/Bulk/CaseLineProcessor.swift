/// Turns one JSONL input line into a result line or a reject (SPEC §10).
///
/// Shared by every bulk command, so each reads cases and rejects bad lines
/// the same way; `render` decides what a command writes for an assessment
/// (nil: count the case as skipped).
public struct CaseLineProcessor: Sendable {
  public let policies: PolicyLibrary
  public let asOf: CivilDate?
  public let maxLineBytes: Int
  public let render: @Sendable (Assessment) -> [UInt8]?

  public init(
    policies: PolicyLibrary, asOf: CivilDate? = nil, maxLineBytes: Int = LineReader.defaultMaxLineBytes,
    render: @escaping @Sendable (Assessment) -> [UInt8]? = { $0.jsonBytes() }
  ) {
    self.policies = policies
    self.asOf = asOf
    self.maxLineBytes = maxLineBytes
    self.render = render
  }

  public func process(_ line: InputLine) -> LineResult {
    switch line.content {
    case .tooLong(let length):
      return .rejected(.tooLong(line.number, length: length, limit: maxLineBytes))
    case .bytes(let bytes):
      if line.isBlank { return .blank }
      do throws(CaseError) {
        let assessment = try bytes.withUnsafeBufferPointer { buffer throws(CaseError) in
          try Assessment(json: buffer, policies: policies, asOf: asOf)
        }
        guard let output = render(assessment) else { return .skipped }
        return .written(output, assessment)
      } catch {
        return .rejected(Reject(line: line.number, bytes: bytes, error: error))
      }
    }
  }
}
