/// Turns one JSONL input line into a result line or a reject (SPEC §10).
///
/// Shared by every bulk command, so each reads cases and rejects bad lines
/// the same way; `render` decides what a command writes for an assessment
/// (nil: count the case as skipped).
public struct CaseLineProcessor: Sendable {
  public let policies: PolicyLibrary
  public let asOf: CivilDate?
  public let maxLineBytes: Int
  /// Also keep each written case's ``Outcome`` in its batch (for comparing
  /// with a baseline), when processing into batches.
  public var keepsOutcomes = false
  /// What a command writes for an assessment; nil: the SPEC §9 result.
  private let customRender: (@Sendable (Assessment) -> [UInt8]?)?

  public var render: @Sendable (Assessment) -> [UInt8]? { customRender ?? { $0.jsonBytes() } }

  /// A processor that writes each case's SPEC §9 result.
  public init(
    policies: PolicyLibrary, asOf: CivilDate? = nil, maxLineBytes: Int = LineReader.defaultMaxLineBytes
  ) {
    self.policies = policies
    self.asOf = asOf
    self.maxLineBytes = maxLineBytes
    customRender = nil
  }

  /// A processor that writes what `render` makes of each assessment.
  public init(
    policies: PolicyLibrary, asOf: CivilDate? = nil, maxLineBytes: Int = LineReader.defaultMaxLineBytes,
    render: @escaping @Sendable (Assessment) -> [UInt8]?
  ) {
    self.policies = policies
    self.asOf = asOf
    self.maxLineBytes = maxLineBytes
    customRender = render
  }

  public func process(_ line: InputLine) -> LineResult {
    switch line.withBorrowed(read) {
    case .blank: return .blank
    case .rejected(let reject): return .rejected(reject)
    case .assessed(let assessment):
      guard let output = render(assessment) else { return .skipped }
      return .written(output, assessment)
    }
  }

  /// Processes one line straight into `batch`: a result line (and newline)
  /// onto its output, a reject onto its rejects, and the counts onto its
  /// tally. The same lines, rejects and counts as ``process(_:)``.
  public func process(_ line: InputLine, into batch: inout BulkRunner.Batch) {
    line.withBorrowed { process($0, into: &batch) }
  }

  /// Processes one line of a batch's ``LineBlock`` straight into the batch,
  /// as ``process(_:into:)-(InputLine,_)`` does.
  public func process(_ line: InputLine.Borrowed, into batch: inout BulkRunner.Batch) {
    switch read(line) {
    case .blank: batch.tally.blank += 1
    case .rejected(let reject): self.reject(reject, into: &batch)
    case .assessed(let assessment):
      batch.tally.read += 1
      if let customRender {
        guard let output = customRender(assessment) else {
          batch.tally.skipped += 1
          return
        }
        batch.output.append(contentsOf: output)
        batch.output.newline()
      } else {
        assessment.writeJSONLine(to: &batch.output)
      }
      batch.tally.written += 1
      batch.tally.count(assessment)
      if keepsOutcomes { batch.outcomes.append((assessment.caseID, Outcome(assessment).encoded)) }
    }
  }

  /// What one line is before anything is written: blank, a reject, or an assessment.
  private enum Read {
    case blank
    case rejected(Reject)
    case assessed(Assessment)
  }

  /// Reads and assesses one line (SPEC §10: too long, malformed or invalid is a reject).
  @inline(__always)
  private func read(_ line: InputLine.Borrowed) -> Read {
    switch line.content {
    case .tooLong(let length):
      return .rejected(.tooLong(line.number, length: length, limit: maxLineBytes))
    case .bytes(let bytes):
      if InputLine.isBlank(bytes) { return .blank }
      do throws(CaseError) {
        return .assessed(try policies.assessment(json: bytes, asOf: asOf))
      } catch {
        return .rejected(Reject(line: line.number, bytes: Array(bytes), error: error))
      }
    }
  }

  private func reject(_ reject: Reject, into batch: inout BulkRunner.Batch) {
    batch.tally.read += 1
    batch.tally.rejected += 1
    batch.tally.rejectCodes[reject.code, default: 0] += 1
    batch.rejects.append(reject)
  }
}
