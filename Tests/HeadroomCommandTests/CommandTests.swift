import Foundation
import Testing

/// Runs the built `headroom` command as a user would.
struct Headroom {
  static let binary: URL = {
    // The tests run from the build folder that also holds the command.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("headroom").path),
      folder.path != "/"
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("headroom")
  }()

  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh scratch folder.
  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite struct AllocateCommandTests {
  @Test func reproducesThePublishedChecks() throws {
    let a = try Headroom.run(["allocate", "--amount", "100.00", "--weights", "500,1000,233,200"])
    #expect(a.status == 0)
    #expect(a.stdout == "25.87\n51.73\n12.05\n10.35\n")
    let b = try Headroom.run(["allocate", "--amount", "160.00", "--weights", "4550,6700,1200"])
    #expect(b.stdout == "58.47\n86.11\n15.42\n")
  }

  @Test func fractionsMinimumAndCaps() throws {
    // 10.00 over 1/3 : 2/3 -> 333.33p and 666.67p: floors 333 + 666, the
    // left-over penny to the larger fraction (0.67) -> 3.33 and 6.67.
    let a = try Headroom.run(["allocate", "--amount", "10.00", "--weights", "1/3,2/3"])
    #expect(a.stdout == "3.33\n6.67\n")
    // Caps 2 each on 10.00: 6.00 is unallocated, reported on stderr.
    let b = try Headroom.run(["allocate", "--amount", "10.00", "--weights", "1,1,1", "--caps", "2,2,2"])
    #expect(b.stdout == "2.00\n2.00\n2.00\n")
    #expect(b.stderr.contains("unallocated: 4.00"))
    // Input order tie-break: 0.03 over three equal weights, then 0.02.
    let c = try Headroom.run(["allocate", "--amount", "0.02", "--weights", "1,1,1", "--tie-break", "index"])
    #expect(c.stdout == "0.01\n0.01\n0.00\n")
  }

  @Test func badInputIsAClearErrorNotACrash() throws {
    for bad in ["1,200.00", "1e3", "-5", "", " 5", "NaN", "12.345"] {
      let run = try Headroom.run(["allocate", "--amount=\(bad)", "--weights", "1,2"])
      // An empty value is a usage error (64) from the option parser; the rest are bad data (65).
      #expect(run.status == (bad.isEmpty ? 64 : 65), "\(bad)")
      #expect(run.stderr.contains("--amount"), "\(bad)")
    }
    let weights = try Headroom.run(["allocate", "--amount", "1.00", "--weights", "1,x"])
    #expect(weights.status == 65)
    #expect(weights.stderr.contains("--weights[1]"))
  }
}

@Suite struct CaseCommandTests {
  let example = Headroom.fixtures.appendingPathComponent("cases/spec-example.json").path

  @Test func assessJSONIsDeterministic() throws {
    let a = try Headroom.run(["assess", example, "--json"])
    let b = try Headroom.run(["assess", example, "--json"])
    #expect(a.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout.contains(#""available_for_non_priority":"578.51""#))
  }

  @Test func agentScreenLeadsWithTheRecommendation() throws {
    let run = try Headroom.run(["assess", example])
    #expect(run.stdout.hasPrefix("RECOMMENDATION: HOLD (BREATHING_SPACE, ADVICE_HOLD, VULNERABILITY)"))
    #expect(run.stdout.contains("Borough Council"))
    #expect(run.stdout.contains("until 2027-01-09"))
  }

  @Test func checkOfferAfterTheHolds() throws {
    // On 2027-02-01 the holds have ended: 25.00 against a fair share of 578.51
    // is more than the tolerance (57.85) below it.
    let run = try Headroom.run([
      "check-offer", example, "--debt", "D2", "--amount", "25.00", "--as-of", "2027-02-01",
    ])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("BELOW_FAIR_SHARE: "))
    #expect(run.stdout.contains("Tolerance        57.85"))
    let unknown = try Headroom.run(["check-offer", example, "--debt", "D9", "--amount", "25.00"])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("--debt"))
  }

  @Test func scheduleAsCSV() throws {
    let run = try Headroom.run(["plan", example, "--schedule", "--format", "csv"])
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "period,date,debt,interest,payment,balance_after")
    // D1 pays 53.34 a month for 11 months and 53.26 in month 12 (640 - 11 x 53.34).
    #expect(lines.contains("12,2027-11-22,D1,0.00,53.26,0.00"))
    #expect(lines.contains("6,2027-05-22,D2,0.00,307.45,0.00"))  // 3200 - 5 x 578.51
  }
}

@Suite struct RescoreCommandTests {
  /// A portfolio with every kind of bad line the issue names, between good ones.
  func writeBadPortfolio(_ url: URL, good: [String]) throws {
    var data = Data()
    func line(_ bytes: [UInt8]) { data.append(contentsOf: bytes + [0x0A]) }
    line(Array(good[0].utf8))  // 1
    line(Array("{\"id\": \"M-1\", \"as_of\": ".utf8))  // 2: malformed JSON
    line([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])  // 3: invalid UTF-8
    line([])  // 4: blank
    line(Array(good[1].utf8))  // 5
    line(Array(String(repeating: " ", count: 20_000_000).utf8) + Array("{}".utf8))  // 6: a 20 MB line
    line(Array("{\"id\": \"N-1\"\u{0}}".utf8))  // 7: NUL byte
    let digits = String(repeating: "9", count: 1001)
    line(Array(good[2].replacingOccurrences(of: "\"amount\":\"", with: "\"amount\":\"\(digits)").utf8))  // 8: 1,001 digits
    line((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }.filter { $0 != 0x0A })  // 9: binary garbage
    data.append(contentsOf: Array(good[3].utf8.dropLast(40)))  // 10: truncated last line, no newline
    try data.write(to: url)
  }

  @Test func everyLineIsAResultOrARejectAndJobsNeverChangeTheBytes() throws {
    let dir = try Headroom.scratch()
    let generated = try Headroom.run(["generate", "--count", "4", "--seed", "5"])
    let good = generated.stdout.split(separator: "\n").map(String.init)
    #expect(good.count == 4)
    let input = dir.appendingPathComponent("in.jsonl")
    try writeBadPortfolio(input, good: good)

    let out = dir.appendingPathComponent("out.jsonl").path
    let rejects = dir.appendingPathComponent("rejects.jsonl").path
    let summary = dir.appendingPathComponent("summary.json").path
    let run = try Headroom.run([
      "rescore", input.path, "--out", out, "--rejects", rejects, "--summary", summary,
    ])
    #expect(run.status == 0)
    let results = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
    #expect(results.count == 2)
    #expect(results[0].hasPrefix(#"{"id":"C-1""#))
    #expect(results[1].hasPrefix(#"{"id":"C-2""#))
    // Lines 2, 3, 6, 7, 8, 9, 10 are rejects, in order; line 4 is blank.
    let lines = rejected.map { line -> Int in
      let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return json?["line"] as? Int ?? -1
    }
    #expect(lines == [2, 3, 6, 7, 8, 9, 10])
    #expect(rejected[2].contains("line_too_long"))
    #expect(rejected[4].contains("invalid_amount") && rejected[4].contains(#""id":"C-3""#))
    #expect(rejected[4].contains("expected at most 1000 digits"))
    let summaryText = try String(contentsOfFile: summary, encoding: .utf8)
    #expect(summaryText.contains(#""read":9,"written":2,"rejected":7"#))
    #expect(summaryText.contains(#""balanced":true"#))

    let out1 = dir.appendingPathComponent("out1.jsonl").path
    let single = try Headroom.run([
      "rescore", input.path, "--out", out1, "--rejects", rejects + "1", "--jobs", "1",
    ])
    #expect(single.status == 0)
    #expect(FileManager.default.contentsEqual(atPath: out, andPath: out1))

    let strict = try Headroom.run([
      "rescore", input.path, "--out", out + "s", "--rejects", rejects + "s", "--strict",
    ])
    #expect(strict.status == 65)
    #expect(!FileManager.default.fileExists(atPath: out + "s"))  // results are not renamed into place
  }

  @Test func baselineWritesChangeRecords() throws {
    let dir = try Headroom.scratch()
    let generated = try Headroom.run(["generate", "--count", "50", "--seed", "9"])
    let portfolio = dir.appendingPathComponent("p.jsonl")
    try generated.stdout.write(to: portfolio, atomically: true, encoding: .utf8)
    let yesterday = dir.appendingPathComponent("y.jsonl").path
    _ = try Headroom.run(["rescore", portfolio.path, "--out", yesterday, "--rejects", yesterday + ".rej"])
    // Tonight: drop the first case, and re-score as of two months later.
    let tonight = dir.appendingPathComponent("t.jsonl")
    try generated.stdout.split(separator: "\n").dropFirst().joined(separator: "\n").write(
      to: tonight, atomically: true, encoding: .utf8)
    let changes = dir.appendingPathComponent("c.jsonl").path
    let summary = dir.appendingPathComponent("s.json").path
    let run = try Headroom.run([
      "rescore", tonight.path, "--out", dir.appendingPathComponent("r.jsonl").path, "--rejects",
      dir.appendingPathComponent("x.jsonl").path, "--baseline", yesterday, "--changes", changes, "--summary",
      summary,
      "--as-of", "2027-01-22",
    ])
    #expect(run.status == 0)
    let records = try String(contentsOfFile: changes, encoding: .utf8).split(separator: "\n")
    #expect(
      records.last == #"{"id":"C-1","change":"gone","recommendation":"# + records.last!.split(separator: ":")
        .last!)
    #expect(records.contains { $0.contains(#""change":"changed""#) && $0.contains("POLICY_FIGURES_DATED") })
    let summaryText = try String(contentsOfFile: summary, encoding: .utf8)
    #expect(summaryText.contains(#""gone":1"#))
    #expect(summaryText.contains(#""flag added POLICY_FIGURES_DATED":49"#))
  }

  @Test func generateIsDeterministic() throws {
    let a = try Headroom.run(["generate", "--count", "200", "--seed", "42"])
    let b = try Headroom.run(["generate", "--count", "200", "--seed", "42"])
    let c = try Headroom.run(["generate", "--count", "200", "--seed", "43"])
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
    #expect(a.stdout.split(separator: "\n").count == 200)
  }
}

@Suite struct SFSCommandTests {
  let sfs = Headroom.fixtures.appendingPathComponent("sfs")

  @Test func importReportsDiscrepanciesAndExportWritesTheSummary() throws {
    let run = try Headroom.run([
      "import-sfs", sfs.appendingPathComponent("joint-household.xml").path, "--as-of", "2026-11-22", "--id",
      "T-7",
    ])
    #expect(run.status == 0)
    let lines = run.stderr.split(separator: "\n")
    // The 13 worked by hand in fixtures/sfs/NOTES.md.
    #expect(lines.count == 13)
    #expect(
      lines.last?.hasSuffix("discrepancy: debts.total-non-priority-debts: stated 5050.00, recomputed 5470.00")
        == true)
    #expect(run.stdout.hasPrefix(#"{"id":"T-7","as_of":"2026-11-22","policy":"gb-sfs","currency":"GBP""#))

    let dir = try Headroom.scratch()
    let caseFile = dir.appendingPathComponent("case.json")
    try run.stdout.write(to: caseFile, atomically: true, encoding: .utf8)
    let export = try Headroom.run(["export-sfs", caseFile.path])
    #expect(export.status == 0)
    #expect(export.stdout.contains(#""total-available-for-non-priority-debts":609.02"#))
    #expect(
      export.stdout.contains(
        #"{"creditor":"High Street Loans","amount-owed":1850.00,"repayment-offer":205.98,"ccj":true}"#))
  }

  @Test func implausibleDocumentsAreRefusedWithEveryFieldNamed() throws {
    let run = try Headroom.run([
      "import-sfs",
      Headroom.fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "shared/external/sfs-dds-v1.1/sfs-data-entry-example-data.xml"
      ).path,
    ])
    #expect(run.status == 65)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("refused, 6 problems"))
    #expect(
      run.stderr.contains(
        "dependent-children-under-16: expected a whole number from 0 to 20, found 1234 [invalid_value]"))
    let badDate = try Headroom.run(["import-sfs", "x.json", "--as-of", "2026-13-01"])
    #expect(badDate.status == 64)
    let missing = try Headroom.run(["import-sfs", "/nonexistent/sfs.json"])
    #expect(missing.status == 74)
  }
}
