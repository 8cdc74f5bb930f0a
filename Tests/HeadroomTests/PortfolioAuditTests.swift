import Foundation
import Headroom
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `headroom audit` over the fixture portfolio of `fixtures/audit/`, whose
/// findings are worked out by hand in `fixtures/audit/NOTES.md`.
@Suite struct PortfolioAuditTests {
  static let plansPath = fixturesURL.appendingPathComponent("audit/plans.jsonl").path
  static let stamp = "2026-11-22T09:00:00Z"

  /// What one audit run produced, collected the way the command collects it.
  struct Run {
    var findings: [[UInt8]] = []
    var rejects: [Reject] = []
    var tally = BulkTally()
    var audit = PortfolioAudit()
    var report: AuditReport!

    /// The findings lines, parsed, by id.
    func records() throws -> [String: JSONValue] {
      var out: [String: JSONValue] = [:]
      for line in findings {
        let json = try JSONParser.parse(line)
        guard case .string(let id)? = json["id"] else { throw BulkError("findings line without an id") }
        out[id] = json
      }
      return out
    }
  }

  /// Runs the audit's processor over `path` exactly as the command does.
  static func run(
    _ path: String = plansPath, jobs: Int = 2, batchSize: Int = 4, stamp: String = stamp
  ) throws -> Run {
    let processor = CaseLineProcessor.audit(policies: PolicyLibrary())
    var runner = BulkRunner(jobs: jobs)
    runner.batchSize = batchSize
    var run = Run()
    try runner.run(
      path: path, process: processor.process,
      emit: { (batch: BulkRunner.Batch) throws(BulkError) in
        run.tally.add(batch.tally)
        for result in batch.results {
          switch result {
          case .written(let bytes, _): run.findings.append(bytes)
          case .rejected(let reject): run.rejects.append(reject)
          case .blank, .skipped: break
          }
          run.audit.add(result)
        }
      })
    run.report = AuditReport(
      audit: run.audit,
      input: AuditReport.Input(path: path, digest: try AuditReport.sha256(ofFileAt: path), tally: run.tally),
      generatedAt: stamp)
    return run
  }

  // MARK: The fixture portfolio, plan by plan

  /// Per plan: findings as `CODE` or `CODE:subject`, max_share_deviation,
  /// monthly_total, available_for_non_priority, fair shares as `debt paid fair`.
  static let expected:
    [String: (findings: [String], deviation: String, total: String, available: String, shares: [String])] = [
      "P01-clean": ([], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]),
      "P02-unaffordable": (["PLAN_UNAFFORDABLE"], "0.0000", "150.00", "100.00", ["C1 150.00 150.00"]),
      "P03-deviation": (
        ["FAIR_SHARE_DEVIATION:B"], "0.3000", "40.00", "500.00", ["A 33.00 30.00", "B 7.00 10.00"]
      ),
      "P04-at-tolerance": ([], "0.1000", "20.00", "500.00", ["A 11.00 10.00", "B 9.00 10.00"]),
      "P05-over-tolerance": (
        ["FAIR_SHARE_DEVIATION:A", "FAIR_SHARE_DEVIATION:B"], "0.1010", "20.00", "500.00",
        ["A 11.01 10.00", "B 8.99 10.00"]
      ),
      "P06-left-out": (
        ["FAIR_SHARE_DEVIATION:A", "FAIR_SHARE_DEVIATION:B"], "1.0000", "40.00", "500.00",
        ["A 40.00 20.00", "B 0.00 20.00"]
      ),
      "P07-long-term": (["LONG_TERM"], "0.0000", "20.00", "500.00", ["C1 20.00 20.00"]),
      "P08-term-84": ([], "0.0000", "20.00", "500.00", ["C1 20.00 20.00"]),
      "P09-priority-neglected": (
        ["PLAN_UNAFFORDABLE", "PRIORITY_NEGLECTED"], "0.0000", "10.00", "0.00", ["C1 10.00 10.00"]
      ),
      "P10-breathing-space-last-day": (
        ["AGREED_DURING_HOLD"], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]
      ),
      "P11-breathing-space-day-after": ([], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]),
      "P12-advice-hold-last-day": (["AGREED_DURING_HOLD"], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]),
      "P13-advice-hold-day-after": ([], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]),
      "P14-disputed": (
        ["FAIR_SHARE_DEVIATION:C1", "AGREED_DURING_HOLD:C2"], "0.2000", "50.00", "500.00", ["C1 40.00 50.00"]
      ),
      "P15-review-overdue": (["REVIEW_OVERDUE"], "0.0000", "50.00", "500.00", ["C1 50.00 50.00"]),
      "P16-token-at-review-date": (["TOKEN_REVIEW_OVERDUE"], "0.0000", "1.00", "500.00", ["C1 1.00 1.00"]),
      "P17-token-before-review-date": ([], "0.0000", "1.00", "500.00", ["C1 1.00 1.00"]),
      "P18-weekly": ([], "0.0001", "43.33", "500.00", ["C1 43.33 43.33"]),
      "P19-far-off": (
        ["FAIR_SHARE_DEVIATION:B", "FAIR_SHARE_DEVIATION:A", "LONG_TERM"], "8.0000", "50.00", "500.00",
        ["B 5.00 45.00", "A 45.00 5.00"]
      ),
    ]

  static func findings(_ record: JSONValue) -> [String] {
    guard case .array(let list)? = record["audit"]?["findings"] else { return ["?"] }
    return list.map { finding in
      guard case .string(let code)? = finding["code"] else { return "?" }
      if case .string(let subject)? = finding["subject"] { return "\(code):\(subject)" }
      return code
    }
  }

  static func string(_ value: JSONValue?) -> String? {
    if case .string(let text)? = value { return text }
    return nil
  }

  @Test func everyPlanHasTheFindingsWrittenDownInNotes() throws {
    let records = try Self.run().records()
    #expect(records.keys.sorted() == Self.expected.keys.sorted())
    for (id, want) in Self.expected {
      let record = try #require(records[id], "\(id)")
      #expect(Self.findings(record) == want.findings, "\(id)")
      #expect(Self.string(record["audit"]?["max_share_deviation"]) == want.deviation, "\(id)")
      #expect(Self.string(record["monthly_total"]) == want.total, "\(id)")
      #expect(Self.string(record["available_for_non_priority"]) == want.available, "\(id)")
      guard case .array(let shares)? = record["fair_shares"] else {
        Issue.record("\(id): no fair_shares")
        continue
      }
      let got = shares.map { share in
        [share["debt"], share["paid"], share["fair"]].map { Self.string($0) ?? "?" }.joined(separator: " ")
      }
      #expect(got == want.shares, "\(id)")
      #expect(Self.string(record["policy"]?["id"]) == "gb-sfs", "\(id)")
      #expect(Self.string(record["policy"]?["version"]) == "2026.1", "\(id)")
    }
  }

  @Test func everyFindingCodeIsCovered() throws {
    let records = try Self.run().records()
    let codes = Set(records.values.flatMap { Self.findings($0).map { String($0.split(separator: ":")[0]) } })
    #expect(codes == Set(Audit.Finding.Code.allCases.map(\.rawValue)))
  }

  @Test func boundaries() throws {
    let records = try Self.run().records()
    func codes(_ id: String) -> [String] { records[id].map(Self.findings) ?? ["missing"] }
    // Agreed on the last day of a hold, then on the first day after it ended.
    #expect(codes("P10-breathing-space-last-day") == ["AGREED_DURING_HOLD"])
    #expect(codes("P11-breathing-space-day-after") == [])
    #expect(codes("P12-advice-hold-last-day") == ["AGREED_DURING_HOLD"])
    #expect(codes("P13-advice-hold-day-after") == [])
    // Payments exactly at the tolerance (|11 − 10| = |9 − 10| = 1.00) are no deviation.
    #expect(codes("P04-at-tolerance") == [])
    #expect(Self.string(records["P04-at-tolerance"]?["audit"]?["max_share_deviation"]) == "0.1000")
    // ... and A at 33.00 against 30.00 (tolerance 3.00) is none either; only B is.
    #expect(codes("P03-deviation") == ["FAIR_SHARE_DEVIATION:B"])
    // A token plan exactly at its review date, then one day before it.
    #expect(codes("P16-token-at-review-date") == ["TOKEN_REVIEW_OVERDUE"])
    #expect(codes("P17-token-before-review-date") == [])
    // Twelve months to the day; 84 months to the month.
    #expect(codes("P15-review-overdue") == ["REVIEW_OVERDUE"])
    #expect(codes("P08-term-84") == [])
  }

  @Test func casesWithoutAPlanAreSkippedAndBadLinesRejected() throws {
    let run = try Self.run()
    #expect(run.tally.read == 22)
    #expect(run.tally.written == 19)
    #expect(run.tally.skipped == 1)
    #expect(run.tally.rejected == 2)
    #expect(run.tally.blank == 1)
    #expect(run.tally.balances)
    #expect(run.rejects.map(\.line) == [22, 23])
    #expect(run.rejects.map(\.code) == ["unknown_debt_kind", "invalid_json"])
    #expect(run.rejects.map(\.id) == ["R01-bad-kind", nil])
    #expect(run.rejects.map(\.path) == ["debts[0].kind", ""])
    #expect(try !run.records().keys.contains("S01-no-agreed-plan"))
  }

  // MARK: The report

  /// Text of every element with an `id`, read back with an XML parser.
  final class IDReader: NSObject, XMLParserDelegate {
    var values: [String: String] = [:]
    var open: [(id: String?, text: String)] = []
    var elements: [String] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append(name)
      open.append((attributes["id"], ""))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
      for k in open.indices { open[k].text += string }
    }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      let element = open.removeLast()
      if let id = element.id { values[id] = element.text }
    }
  }

  static func parseHTML(_ html: String) -> (ok: Bool, reader: IDReader, error: String) {
    let parser = XMLParser(data: Data(html.utf8))
    let reader = IDReader()
    parser.delegate = reader
    let ok = parser.parse()
    return (ok, reader, parser.parserError.map { "\($0)" } ?? "")
  }

  @Test func htmlIsWellFormedAndSelfContained() throws {
    let html = try Self.run().report.html()
    let (ok, reader, error) = Self.parseHTML(html)
    #expect(ok, "\(error)")
    #expect(reader.elements.first == "html")
    #expect(reader.elements.contains("svg"))
    #expect(reader.elements.contains("style"))
    let lower = html.lowercased()
    for forbidden in [
      "http:", "https:", "//", "src=", "href=", "@import", "url(", "<script", "<link", "<img",
    ] {
      #expect(!lower.contains(forbidden), "\(forbidden)")
    }
  }

  /// The counts the report must show, recomputed from the findings lines alone.
  struct Counts: Equatable {
    var audited = 0
    var breach = 0
    var concern = 0
    var clean = 0
    var findings: [String: Int] = [:]
    var plans: [String: Int] = [:]
    var breachFindings = 0
    var concernFindings = 0
    var buckets = [Int](repeating: 0, count: 7)

    init(_ records: [JSONValue]) throws {
      for record in records {
        audited += 1
        guard case .array(let list)? = record["audit"]?["findings"] else { continue }
        var severities: Set<String> = []
        var codes: Set<String> = []
        for finding in list {
          guard case .string(let code)? = finding["code"], case .string(let severity)? = finding["severity"]
          else { continue }
          findings[code, default: 0] += 1
          codes.insert(code)
          severities.insert(severity)
          if severity == "breach" { breachFindings += 1 } else { concernFindings += 1 }
        }
        for code in codes { plans[code, default: 0] += 1 }
        if severities.contains("breach") { breach += 1 }
        if severities.contains("concern") { concern += 1 }
        if list.isEmpty { clean += 1 }
        // Buckets: 0; (0, 0.05]; (0.05, 0.10]; (0.10, 0.25]; (0.25, 0.50]; (0.50, 1]; above 1.
        let text = PortfolioAuditTests.string(record["audit"]?["max_share_deviation"]) ?? "?"
        let value = try Rational(parsing: text)
        let edges = [Rational(1, 20), Rational(1, 10), Rational(1, 4), Rational(1, 2), Rational(1)]
        let bucket = value == .zero ? 0 : (edges.firstIndex { value <= $0 }.map { $0 + 1 } ?? 6)
        buckets[bucket] += 1
      }
    }
  }

  @Test func reportCountsEqualTheFindingsCounts() throws {
    let run = try Self.run()
    let counts = try Counts(run.findings.map { try JSONParser.parse($0) })
    // The hand-made figures of NOTES.md.
    #expect(counts.audited == 19)
    #expect(counts.breach == 5)
    #expect(counts.concern == 8)
    #expect(counts.clean == 7)
    #expect(
      counts.findings == [
        "PLAN_UNAFFORDABLE": 2, "FAIR_SHARE_DEVIATION": 8, "PRIORITY_NEGLECTED": 1, "AGREED_DURING_HOLD": 3,
        "REVIEW_OVERDUE": 1, "TOKEN_REVIEW_OVERDUE": 1, "LONG_TERM": 2,
      ])
    #expect(counts.plans["FAIR_SHARE_DEVIATION"] == 5)
    #expect(counts.breachFindings == 6)
    #expect(counts.concernFindings == 12)
    #expect(counts.buckets == [12, 1, 1, 2, 1, 1, 1])

    // The HTML report shows the same counts.
    let (ok, reader, error) = Self.parseHTML(run.report.html())
    #expect(ok, "\(error)")
    let shown = reader.values
    #expect(shown["plans-audited"] == "\(counts.audited)")
    #expect(shown["plans-breach"] == "\(counts.breach)")
    #expect(shown["plans-concern"] == "\(counts.concern)")
    #expect(shown["plans-clean"] == "\(counts.clean)")
    #expect(shown["findings-breach"] == "\(counts.breachFindings)")
    #expect(shown["findings-concern"] == "\(counts.concernFindings)")
    for code in Audit.Finding.Code.allCases.map(\.rawValue) {
      #expect(shown["findings-\(code)"] == "\(counts.findings[code] ?? 0)", "\(code)")
      #expect(shown["plans-\(code)"] == "\(counts.plans[code] ?? 0)", "\(code)")
    }
    for k in 0..<7 { #expect(shown["bucket-\(k)"] == "\(counts.buckets[k])", "bucket \(k)") }
    #expect(shown["lines-read"] == "22")
    #expect(shown["lines-skipped"] == "1")
    #expect(shown["lines-rejected"] == "2")
    #expect(shown["lines-blank"] == "1")
    #expect(shown["input-digest"] == (try AuditReport.sha256(ofFileAt: Self.plansPath)))

    // So does the Markdown report.
    let markdown = run.report.markdown()
    let rules = Dictionary(uniqueKeysWithValues: AuditRule.all.map { ($0.code.rawValue, $0) })
    for (code, rule) in rules {
      let row =
        "| `\(code)` | \(rule.severity.rawValue) | \(counts.findings[code] ?? 0) | \(counts.plans[code] ?? 0) | "
      #expect(markdown.contains(row), "\(code)")
    }
    #expect(markdown.contains("| Plans audited | 19 |"))
    #expect(markdown.contains("| Plans with a breach | 5 | 26.3 % |"))
    #expect(markdown.contains("| Plans with a concern | 8 | 42.1 % |"))
    #expect(markdown.contains("| (0.05, 0.10] | 1 |"))
    #expect(markdown.contains("| (0.10, 0.25] | 2 |"))
    #expect(markdown.contains("| Lines rejected | 2 |"))
  }

  @Test func worstPlansAndBreachesAreListedInOrder() throws {
    let audit = try Self.run().audit
    #expect(
      audit.worst.map(\.id) == [
        "P19-far-off", "P06-left-out", "P03-deviation", "P14-disputed", "P05-over-tolerance",
        "P04-at-tolerance",
        "P18-weekly", "P02-unaffordable", "P07-long-term", "P09-priority-neglected",
      ])
    #expect(audit.worst.first?.deviationText == "8.0000")
    #expect(audit.worst.first?.findings == ["FAIR_SHARE_DEVIATION:B", "FAIR_SHARE_DEVIATION:A", "LONG_TERM"])
    #expect(
      audit.breaches.map(\.id) == [
        "P02-unaffordable", "P09-priority-neglected", "P10-breathing-space-last-day",
        "P12-advice-hold-last-day",
        "P14-disputed",
      ])
    #expect(audit.policiesSorted.map(\.plans) == [19])
    #expect(audit.policiesSorted.first?.policy.id == "gb-sfs")
  }

  @Test func sameInputAndTimestampGiveTheSameBytes() throws {
    let one = try Self.run(jobs: 1, batchSize: 1024)
    let many = try Self.run(jobs: 3, batchSize: 2)
    #expect(one.findings == many.findings)
    #expect(one.report.html() == many.report.html())
    #expect(one.report.markdown() == many.report.markdown())
    #expect(one.report.html().contains(Self.stamp))
    let later = try Self.run(stamp: "2026-11-23T09:00:00Z")
    #expect(later.report.html() != one.report.html())
    #expect(
      later.report.html().replacingOccurrences(of: "2026-11-23T09:00:00Z", with: Self.stamp)
        == one.report.html())
  }

  // MARK: Input digest and time stamps

  @Test func inputDigestIsTheSHA256OfTheFileStreamed() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "headroom-audit-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    // FIPS 180-2 test vector.
    let abc = directory.appendingPathComponent("abc")
    try Data("abc".utf8).write(to: abc)
    #expect(
      try AuditReport.sha256(ofFileAt: abc.path)
        == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

    // A file of several read chunks: a policy pack padded with 3 MiB of
    // trailing whitespace, whose digest the pack reader computes in one go.
    let pack = try Data(
      contentsOf: fixturesURL.deletingLastPathComponent().appendingPathComponent(
        "Sources/Headroom/Resources/Policies/gb-sfs.json"))
    let padded = [UInt8](pack) + [UInt8](repeating: 0x20, count: 3 << 20) + [0x0A]
    let big = directory.appendingPathComponent("padded.json")
    try Data(padded).write(to: big)
    #expect(try AuditReport.sha256(ofFileAt: big.path) == PolicyPack(bytes: padded).digest)

    #expect(throws: BulkError.self) {
      try AuditReport.sha256(ofFileAt: directory.appendingPathComponent("none").path)
    }
  }

  @Test func timestamps() throws {
    #expect(AuditReport.timestamp(secondsSinceEpoch: 0) == "1970-01-01T00:00:00Z")
    #expect(AuditReport.timestamp(secondsSinceEpoch: -1) == "1969-12-31T23:59:59Z")
    let day = try #require(CivilDate("2026-11-22"))
    #expect(AuditReport.timestamp(secondsSinceEpoch: day.daysSinceEpoch * 86_400 + 32_400) == Self.stamp)
    #expect(AuditReport.isTimestamp(AuditReport.now()))
    for good in [
      "2026-11-22", "2026-11-22T09:00", "2026-11-22T09:00:00Z", "2026-11-22T09:00:00.123Z",
      "2026-11-22T09:00:00+01:00", "2026-11-22T23:59:60-05:30",
    ] {
      #expect(AuditReport.isTimestamp(good), "\(good)")
    }
    for bad in [
      "", "2026-11-31", "2026-11-22 09:00", "2026-11-22T24:00", "2026-11-22T09:00:00.Z", "2026-11-22T09Z",
      "2026-11-22T09:00:00+0100", "yesterday",
    ] {
      #expect(!AuditReport.isTimestamp(bad), "\(bad)")
    }
  }
}
