import ArgumentParser
import Foundation
import Headroom

/// Options every case command shares: which pack, which overlay, which day.
struct PolicyOptions: ParsableArguments {
  @Option(help: "A bundled pack id (gb-sfs, se-kfm, no-sit, dk-gst) or a pack file; default: the case's own.")
  var policy: String?

  @Option(help: "A JSON file whose figures replace or extend the pack's (e.g. licensed SFS guidelines).")
  var overlay: String?

  @Option(help: "Assess as of this day (YYYY-MM-DD) instead of the case's as_of.")
  var asOf: String?

  func library() throws -> PolicyLibrary {
    let overlayBytes = try overlay.map { try readFile($0) }
    guard let policy else { return PolicyLibrary(source: .named, overlay: overlayBytes) }
    if PolicyPack.bundledIDs.contains(policy) {
      return PolicyLibrary(source: .bundled(policy), overlay: overlayBytes)
    }
    return PolicyLibrary(source: .file(try readFile(policy)), overlay: overlayBytes)
  }

  func asOfDate() throws -> CivilDate? {
    guard let asOf else { return nil }
    guard let date = CivilDate(asOf) else {
      throw ValidationError("--as-of: expected a calendar date YYYY-MM-DD, found '\(asOf)'")
    }
    return date
  }
}

/// The whole of a file, or a FileError naming it.
func readFile(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw FileError("cannot read '\(path)'")
  }
  return [UInt8](data)
}

/// Reads the case in `path` and finds its pack. A bad case becomes an
/// InputError naming the file, the field and the code.
func readCase(file path: String, options: PolicyOptions) throws -> (Case, PolicyPack) {
  let bytes = try readFile(path)
  let library = try options.library()
  let asOf = try options.asOfDate()
  return try caseErrors(in: path) { () throws(CaseError) in
    try bytes.withUnsafeBufferPointer { buffer throws(CaseError) in
      try library.read(json: buffer, asOf: asOf)
    }
  }
}

/// Runs `body`, turning a CaseError into an InputError naming the file, the field and the code.
func caseErrors<T>(in path: String, _ body: () throws(CaseError) -> T) throws -> T {
  do {
    return try body()
  } catch {
    throw InputError("\(path): \(error.description) [\(error.code.rawValue)]")
  }
}

/// Reads and assesses the case in `path`; `adjust` may change the case first.
func assess(
  file path: String, options: PolicyOptions, includeSchedule: Bool = false,
  adjust: (inout Case) throws(CaseError) -> Void = { _ in }
) throws -> (Case, Assessment) {
  var (household, pack) = try readCase(file: path, options: options)
  return try caseErrors(in: path) { () throws(CaseError) in
    try adjust(&household)
    let assessment = try Assessment(
      assessing: household, under: pack, options: AssessmentOptions(includeSchedule: includeSchedule))
    return (household, assessment)
  }
}
