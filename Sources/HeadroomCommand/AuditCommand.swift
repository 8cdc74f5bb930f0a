import ArgumentParser
import Headroom

/// `headroom audit`: the fairness audit of every agreed plan in a portfolio.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Audit every agreed plan of a JSONL portfolio and write a report for compliance.",
    discussion: """
      Reads cases like rescore (same reader, same rejects, in parallel, output
      in input order). Each case with an agreed_plan gives one findings line
      (SPEC §9.2 findings, max_share_deviation, the plan's monthly total,
      available_for_non_priority and fair shares); a case without one is
      counted as skipped; a bad line gives one reject line. The report is one
      self-contained HTML file (and optionally Markdown): the same input,
      packs and --timestamp give the same bytes. Outputs are renamed into
      place only when the run completes. Exit 0 when the run completed,
      rejects included; 65 with --strict when any line was rejected (only the
      rejects and the summary are kept then); 74 on an I/O failure.
      """)

  @Argument(help: "The plans: one SPEC §3 case per line.")
  var plans: String

  @Option(help: "Where to write one findings line per agreed plan (JSONL).")
  var out: String

  @Option(help: "Where to write the report (self-contained HTML).")
  var report: String

  @Option(help: "Where to write the report in Markdown too.")
  var markdown: String?

  @Option(
    help: "Where to write the rejects (JSONL); default: the --out path with '.rejects' before '.jsonl'.")
  var rejects: String?

  @Option(help: "Where to write the run summary (JSON).")
  var summary: String?

  @Option(help: "The report's generation time (ISO 8601); default: now, UTC, to the second.")
  var timestamp: String?

  @OptionGroup var bulk: BulkOptions
  @OptionGroup var policy: PolicyOptions

  func validate() throws {
    if let timestamp, !AuditReport.isTimestamp(timestamp) {
      throw ValidationError(
        "--timestamp: expected ISO 8601 (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]), found '\(timestamp)'")
    }
  }

  /// The rejects path when none is given.
  var rejectsPath: String {
    if let rejects { return rejects }
    return out.hasSuffix(".jsonl") ? String(out.dropLast(6)) + ".rejects.jsonl" : out + ".rejects"
  }

  func run() throws {
    try reportingErrors {
      let generatedAt = timestamp ?? AuditReport.now()
      let processor = CaseLineProcessor.audit(policies: try policy.library(), asOf: try policy.asOfDate())
      let digest: String
      do { digest = try AuditReport.sha256(ofFileAt: plans) } catch { throw FileError("\(error)") }
      let findings = try bulkFile(out)
      let rejectFile = try bulkFile(rejectsPath)
      var tally = BulkTally()
      var audit = PortfolioAudit()
      var progress = Progress(path: plans)
      let start = monotonicNanoseconds()
      do {
        try BulkRunner(jobs: bulk.workerCount).run(
          path: plans, process: processor.process,
          emit: { (batch: BulkRunner.Batch) throws(BulkError) in
            tally.add(batch.tally)
            for result in batch.results {
              switch result {
              case .written(let bytes, _): try findings.writeLine(bytes)
              case .rejected(let reject): try rejectFile.writeLine(reject.jsonBytes())
              case .blank, .skipped: break
              }
              audit.add(result)
            }
          },
          progress: { bytes, _ in progress.update(bytes: bytes, cases: tally.read) })
      } catch {
        throw FileError("\(error)")
      }
      progress.finish()
      let elapsed = monotonicNanoseconds() - start
      let failed = bulk.strict && tally.rejected > 0
      let document = AuditReport(
        audit: audit, input: AuditReport.Input(path: plans, digest: digest, tally: tally),
        generatedAt: generatedAt)
      do {
        if !failed {
          try findings.commit()
          let html = try OutputFile(path: report)
          try html.write(Array(document.html().utf8))
          try html.commit()
          if let markdown {
            let file = try OutputFile(path: markdown)
            try file.write(Array(document.markdown().utf8))
            try file.commit()
          }
        }
        try rejectFile.commit()
        if let summary {
          let file = try OutputFile(path: summary)
          try file.writeLine(tally.jsonBytes(nanoseconds: elapsed))
          try file.commit()
        }
      } catch {
        throw FileError("\(error)")
      }
      printError(tally.text(nanoseconds: elapsed), newline: false)
      printError(
        "plans audited \(audit.plansAudited): with a breach \(audit.plansWithBreach), with a concern \(audit.plansWithConcern)"
      )
      if failed { throw InputError("--strict: \(tally.rejected) lines rejected; see \(rejectsPath)") }
    }
  }
}
