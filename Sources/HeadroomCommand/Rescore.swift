import ArgumentParser
import Headroom

/// `headroom rescore`: the nightly re-assessment of a whole portfolio.
struct Rescore: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-assess every case of a JSONL portfolio, in parallel, and say what changed.",
    discussion: """
      Every non-blank input line gives exactly one result line (in input order)
      or one reject line. Outputs are written under temporary names and renamed
      into place only when the run completes. Exit 0 when the run completed,
      rejects included; 65 with --strict when any line was rejected (only the
      rejects and the summary are kept then); 74 on an I/O failure.
      """)

  @Argument(help: "The portfolio: one SPEC §3 case per line.")
  var portfolio: String

  @Option(help: "Where to write the results (JSONL).")
  var out: String

  @Option(help: "Where to write the rejects (JSONL).")
  var rejects: String

  @Option(help: "Where to write the summary (JSON).")
  var summary: String?

  @Option(help: "Last night's results, to compare with.")
  var baseline: String?

  @Option(help: "Where to write one record per changed case (needs --baseline).")
  var changes: String?

  @OptionGroup var bulk: BulkOptions
  @OptionGroup var policy: PolicyOptions

  func validate() throws {
    if (baseline == nil) != (changes == nil) {
      throw ValidationError("--baseline and --changes go together")
    }
  }

  func run() throws {
    try reportingErrors {
      var processor = CaseLineProcessor(policies: try policy.library(), asOf: try policy.asOfDate())
      let results = try bulkFile(out)
      let rejectFile = try bulkFile(rejects)
      let detector = try baseline.map { path in
        do { return try ChangeDetector(baselinePath: path) } catch { throw FileError("\(error)") }
      }
      processor.keepsOutcomes = detector != nil
      let changeFile = try changes.map(bulkFile)
      var tally = BulkTally()
      var progress = Progress(path: portfolio)
      let start = monotonicNanoseconds()
      do {
        // Each batch's result lines arrive as one block, in input order.
        try BulkRunner(jobs: bulk.workerCount).run(
          path: portfolio, processInto: processor.process(_:into:),
          emit: { (batch: BulkRunner.Batch) throws(BulkError) in
            tally.add(batch.tally)
            try results.write(batch.output)
            for reject in batch.rejects { try rejectFile.writeLine(reject.jsonBytes()) }
            if let detector {
              for (id, outcome) in batch.outcomes {
                if let record = detector.compare(id: id, encoded: outcome) { try changeFile!.writeLine(record) }
              }
            }
          },
          progress: { bytes, _ in progress.update(bytes: bytes, cases: tally.read) })
        if let detector { for record in detector.gone() { try changeFile!.writeLine(record) } }
      } catch {
        throw FileError("\(error)")
      }
      progress.finish()
      let elapsed = monotonicNanoseconds() - start
      let failed = bulk.strict && tally.rejected > 0
      do {
        if !failed {
          try results.commit()
          try changeFile?.commit()
        }
        try rejectFile.commit()
        if let summary {
          let file = try OutputFile(path: summary)
          try file.writeLine(tally.jsonBytes(nanoseconds: elapsed, transitions: detector?.transitions))
          try file.commit()
        }
      } catch {
        throw FileError("\(error)")
      }
      printError(tally.text(nanoseconds: elapsed, transitions: detector?.transitions), newline: false)
      if failed { throw InputError("--strict: \(tally.rejected) lines rejected; see \(rejects)") }
    }
  }
}

/// An output file for a bulk command, or a FileError.
func bulkFile(_ path: String) throws -> OutputFile {
  do { return try OutputFile(path: path) } catch { throw FileError("\(error)") }
}
