import ArgumentParser
import Headroom

/// `headroom export-sfs`: a case as an SFS summary document.
struct ExportSFS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-sfs",
    abstract: "Write a case as a Standard Financial Statement summary (sfs-summary-schema.json).",
    discussion: """
      The summary carries Headroom's recomputed monthly totals (rounded half up
      to the penny), the priority offers and the non-priority plan payments or
      token payments.
      """)

  @Argument(help: "The case file (SPEC §3 JSON).")
  var caseFile: String

  @OptionGroup var policy: PolicyOptions

  func run() throws {
    try reportingErrors {
      let (household, pack) = try readCase(file: caseFile, options: policy)
      let bytes = try caseErrors(in: caseFile) { () throws(CaseError) in
        try SFSSummary.jsonBytes(for: household, under: pack)
      }
      print(String(decoding: bytes, as: UTF8.self))
    }
  }
}
