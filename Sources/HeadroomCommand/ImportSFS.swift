import ArgumentParser
import Foundation
import Headroom

/// `headroom import-sfs`: a Standard Financial Statement (JSON or XML) as a SPEC §3 case.
struct ImportSFS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-sfs",
    abstract: "Read a Standard Financial Statement (JSON or XML) and print a SPEC §3 case.",
    discussion: """
      Reads an SFS data-entry document (or an SFS summary, as export-sfs writes
      it). Every stated total is checked against Headroom's exact recomputation;
      each difference is printed on standard error and listed in the case's
      `discrepancies`, and never stops the import. Implausible or malformed
      values are refused (exit 65), every one named by its field path.
      """)

  @Argument(help: "The SFS document: .json or .xml (otherwise the first character decides).")
  var document: String

  @Option(help: "The case's as_of (YYYY-MM-DD); default: today (UTC).")
  var asOf: String?

  @Option(help: "The case id; default: the document's file name without its extension.")
  var id: String?

  @Option(help: "The policy pack the case names: gb-sfs, se-kfm, no-sit or dk-gst.")
  var policy: String = "gb-sfs"

  func validate() throws {
    if let asOf, CivilDate(asOf) == nil {
      throw ValidationError("--as-of: expected a calendar date YYYY-MM-DD, found '\(asOf)'")
    }
    guard PolicyPack.bundledIDs.contains(policy) else {
      throw ValidationError(
        "--policy: expected one of \(PolicyPack.bundledIDs.joined(separator: ", ")), found '\(policy)'")
    }
    if let id, id.isEmpty { throw ValidationError("--id: expected a non-empty id") }
  }

  func run() throws {
    try reportingErrors {
      let bytes = try readFile(document)
      let sfs: SFSDocument
      do throws(SFSError) {
        sfs = isXML(bytes) ? try SFSDocument(xml: bytes) : try SFSDocument(json: bytes)
      } catch {
        throw InputError(
          "\(document): refused, \(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"):\n"
            + error.problems.map { "  \($0.description) [\($0.code.rawValue)]" }.joined(separator: "\n"))
      }
      let pack = try caseErrors(in: document) { () throws(CaseError) in
        try PolicyLibrary(source: .bundled(policy)).pack(for: nil)
      }
      let asOf = self.asOf.flatMap { CivilDate($0) } ?? CivilDate(String(AuditReport.now().prefix(10)))!
      let caseID = id ?? URL(fileURLWithPath: document).deletingPathExtension().lastPathComponent
      let result = SFSImport(sfs, id: caseID, asOf: asOf, policy: policy, currency: pack.currency)
      for discrepancy in result.discrepancies {
        let text = discrepancy.text
        printError(
          "headroom: \(document): discrepancy: \(discrepancy.field): stated \(text.stated), recomputed \(text.recomputed)"
        )
      }
      print(String(decoding: result.jsonBytes(), as: UTF8.self))
    }
  }

  /// `.xml` or `.json` by extension; otherwise XML when the first non-blank character is `<`.
  private func isXML(_ bytes: [UInt8]) -> Bool {
    let lower = document.lowercased()
    if lower.hasSuffix(".xml") { return true }
    if lower.hasSuffix(".json") { return false }
    let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
    return bytes.first { !blank.contains($0) } == UInt8(ascii: "<")
  }
}
