import Dispatch

/// What one input line became.
public enum LineResult: Sendable {
  case blank
  /// An output line (without newline), and the assessment behind it.
  case written([UInt8], Assessment)
  /// Counted, not written (e.g. a case with no agreed plan, in an audit).
  case skipped
  case rejected(Reject)
}

/// A line that could not be processed: its number, its id if readable, and why.
public struct Reject: Sendable {
  public var line: Int
  public var id: String?
  public var code: String
  public var path: String
  public var message: String

  public init(line: Int, id: String?, code: String, path: String, message: String) {
    self.line = line
    self.id = id
    self.code = code
    self.path = path
    self.message = message
  }

  public func jsonBytes() -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    w.key("line")
    w.int(line)
    if let id {
      w.key("id")
      w.string(id)
    }
    w.key("code")
    w.string(code)
    w.key("path")
    w.string(path)
    w.key("message")
    w.string(message)
    w.endObject()
    return w.bytes
  }
}

/// Runs a line-by-line job over a JSONL file in parallel, writing outputs in
/// input order: the bytes never depend on the number of jobs.
///
/// Lines are read in batches; up to `jobs` workers process them while the
/// calling thread reads ahead and hands finished batches to `emit` in input
/// order. Memory stays bounded by `batchSize × (2 × jobs + 2)` lines whatever
/// the file size.
public struct BulkRunner: Sendable {
  public var jobs: Int
  public var batchSize = 1024
  public var maxLineBytes = LineReader.defaultMaxLineBytes

  public init(jobs: Int) { self.jobs = max(1, jobs) }

  /// One processed batch.
  public struct Batch: Sendable {
    /// The batch's input lines.
    public var lines = LineBlock()
    /// One result per line, for a run with `process`.
    public var results: [LineResult] = []
    public var tally = BulkTally()
    /// For a run with `processInto`: the batch's output lines, each ending
    /// in a newline, in input order.
    public var output = JSONWriter(capacity: 0)
    /// For a run with `processInto`: the rejected lines, in input order.
    public var rejects: [Reject] = []
    /// For a run with `processInto` whose processor keeps outcomes: each
    /// written case's id and outcome (``Outcome/encoded``), in input order.
    public var outcomes: [(id: String, outcome: [UInt8])] = []
  }

  /// Reads `path`, runs `process` on every line, and hands each batch, in
  /// order, to `emit`. `progress` gets (bytes read, lines read) after each batch.
  public func run(
    path: String,
    process: @escaping @Sendable (InputLine) -> LineResult,
    emit: (Batch) throws(BulkError) -> Void,
    progress: (Int, Int) -> Void = { _, _ in }
  ) throws(BulkError) {
    try pipeline(path: path, work: { batch in Self.process(&batch, process) }, emit: emit, progress: progress)
  }

  /// Reads `path` and has `process` write every line's outcome straight into
  /// its batch (output lines, rejects, tally; see
  /// ``CaseLineProcessor/process(_:into:)``), then hands each batch, in order,
  /// to `emit`. One output buffer per batch, reused from batch to batch, and
  /// no result per line: the fast path for commands that only write lines.
  public func run(
    path: String,
    processInto process: @escaping @Sendable (InputLine.Borrowed, inout Batch) -> Void,
    emit: (Batch) throws(BulkError) -> Void,
    progress: (Int, Int) -> Void = { _, _ in }
  ) throws(BulkError) {
    try pipeline(
      path: path,
      work: { batch in
        // The lines stay in the batch, to be reused by the calling thread
        // that read them.
        let lines = batch.lines
        lines.forEach { line in process(line, &batch) }
      }, emit: emit, progress: progress)
  }

  /// The pipeline behind both `run`s: the calling thread reads batches
  /// ahead and emits finished ones in input order, while up to `jobs`
  /// workers process the batches in between, each taking the next batch
  /// as soon as it is free. Reading and writing overlap the processing, and
  /// no worker waits for a slow batch elsewhere.
  ///
  /// At most `window` batches are in flight, so memory stays bounded by
  /// `batchSize × window` lines whatever the file size.
  private func pipeline(
    path: String,
    work: @escaping @Sendable (inout Batch) -> Void,
    emit: (Batch) throws(BulkError) -> Void,
    progress: (Int, Int) -> Void
  ) throws(BulkError) {
    var reader = try LineReader(path: path, maxLineBytes: maxLineBytes)
    defer { reader.close() }
    // `jobs` batches being processed, as many queued behind them, and two
    // more: the one being written and the one being read.
    let window = jobs * 2 + 2
    let slots = SendableBuffer(UnsafeMutableBufferPointer<Batch>.allocate(capacity: window))
    let finished = (0..<window).map { _ in DispatchSemaphore(value: 0) }
    let workers = DispatchSemaphore(value: jobs)
    let inFlight = DispatchGroup()
    // Batches [emitted, read) are in the slots, batch b in slot b % window.
    var emitted = 0
    var read = 0
    var linesRead = 0
    var atEnd = false
    // Line blocks and output buffers of emitted batches, for the next ones.
    var spareLines: [LineBlock] = []
    var spareOutputs: [JSONWriter] = []
    defer {
      // After a failed emit: let the workers finish before the slots go.
      inFlight.wait()
      for batch in emitted..<read { _ = (slots.buffer.baseAddress! + batch % window).move() }
      slots.buffer.deallocate()
    }
    while true {
      while !atEnd && read - emitted < window {
        var batch = Batch()
        if var spare = spareLines.popLast() {
          spare.removeAll()
          batch.lines = spare
        }
        try reader.read(upTo: batchSize, into: &batch.lines)
        if batch.lines.count < batchSize { atEnd = true }
        if batch.lines.isEmpty { break }
        if var spare = spareOutputs.popLast() {
          spare.removeAll()
          batch.output = spare
        } else {
          // Results are about as long as the cases they come from.
          let inputBytes = batch.lines.byteCount + batch.lines.count
          batch.output.reserveCapacity(inputBytes + inputBytes / 4)
        }
        let slot = read % window
        (slots.buffer.baseAddress! + slot).initialize(to: batch)
        read += 1
        linesRead += batch.lines.count
        let done = finished[slot]
        DispatchQueue.global().async(group: inFlight) {
          workers.wait()
          work(&slots.buffer[slot])
          workers.signal()
          done.signal()
        }
      }
      if emitted == read { break }
      let slot = emitted % window
      finished[slot].wait()
      let batch = (slots.buffer.baseAddress! + slot).move()
      emitted += 1
      try emit(batch)
      spareLines.append(batch.lines)
      spareOutputs.append(batch.output)
      progress(reader.bytesRead, linesRead)
    }
  }

  static func process(_ batch: inout Batch, _ process: (InputLine) -> LineResult) {
    batch.results.reserveCapacity(batch.lines.count)
    for index in 0..<batch.lines.count {
      let result = process(batch.lines[index])
      switch result {
      case .blank: batch.tally.blank += 1
      case .written(_, let assessment):
        batch.tally.read += 1
        batch.tally.written += 1
        batch.tally.count(assessment)
      case .skipped:
        batch.tally.read += 1
        batch.tally.skipped += 1
      case .rejected(let reject):
        batch.tally.read += 1
        batch.tally.rejected += 1
        batch.tally.rejectCodes[reject.code, default: 0] += 1
      }
      batch.results.append(result)
    }
  }
}

/// Lets worker threads write disjoint elements of one buffer.
private struct SendableBuffer<T>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<T>
  init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

extension InputLine {
  /// Whether the line holds nothing but JSON whitespace.
  public var isBlank: Bool {
    guard case .bytes(let bytes) = content else { return false }
    return InputLine.isBlank(bytes)
  }

  /// Whether `bytes` are nothing but JSON whitespace.
  static func isBlank(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }
}

extension Reject {
  /// The reject for a line that was too long to read.
  public static func tooLong(_ line: Int, length: Int, limit: Int) -> Reject {
    Reject(
      line: line, id: nil, code: "line_too_long", path: "",
      message: "expected a case of at most \(limit) bytes, found a line of \(length) bytes")
  }

  /// The reject for a case error, with the case's id when it could be read.
  public init(line: Int, bytes: [UInt8], error: CaseError) {
    var id: String?
    if let parsed = try? JSONParser.parse(bytes), case .string(let text)? = parsed["id"] { id = text }
    self.init(line: line, id: id, code: error.code.rawValue, path: error.path, message: error.message)
  }
}
