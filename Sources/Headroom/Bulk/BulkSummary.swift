/// Elapsed time in nanoseconds as decimal text with three places (no binary float).
func secondsText(nanoseconds: Int) -> String {
  Money.format(minorUnits: Rational(nanoseconds / 1_000_000), minorDigits: 3)
}

extension BulkTally {
  /// Whether every non-blank line became a result, a skip or a reject.
  public var balances: Bool { read == written + rejected + skipped }

  /// Cases per second over `nanoseconds`, rounded down.
  public func throughput(nanoseconds: Int) -> Int {
    nanoseconds > 0 ? Int((Int128(read) * 1_000_000_000) / Int128(nanoseconds)) : 0
  }

  /// The summary as JSON: counts, throughput, packs, and any transitions.
  public func jsonBytes(nanoseconds: Int, transitions: [String: Int]? = nil) -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    w.key("read")
    w.int(read)
    w.key("written")
    w.int(written)
    w.key("rejected")
    w.int(rejected)
    if skipped > 0 {
      w.key("skipped")
      w.int(skipped)
    }
    w.key("blank_lines")
    w.int(blank)
    w.key("balanced")
    w.bool(balances)
    w.key("elapsed_seconds")
    w.string(secondsText(nanoseconds: nanoseconds))
    w.key("cases_per_second")
    w.int(throughput(nanoseconds: nanoseconds))
    w.key("policies")
    w.beginArray()
    for (key, count) in policies.sorted(by: { $0.key < $1.key }) {
      let parts = key.split(separator: " ").map(String.init)
      w.beginObject()
      w.key("id")
      w.string(parts[0])
      w.key("version")
      w.string(parts[1])
      w.key("digest")
      w.string(parts[2])
      w.key("cases")
      w.int(count)
      w.endObject()
    }
    w.endArray()
    for (name, counts) in [
      ("recommendations", recommendations), ("plan_kinds", planKinds), ("flags", flags),
      ("offer_verdicts", offerVerdicts), ("audit_findings", auditFindings), ("reject_codes", rejectCodes),
    ] + (transitions.map { [("transitions", $0)] } ?? []) {
      w.key(name)
      w.beginObject()
      for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
        w.key(key)
        w.int(count)
      }
      w.endObject()
    }
    w.endObject()
    return w.bytes
  }

  /// A few plain lines for standard error.
  public func text(nanoseconds: Int, transitions: [String: Int]? = nil) -> String {
    func line(_ name: String, _ counts: [String: Int]) -> String {
      counts.isEmpty
        ? ""
        : "\(name): "
          + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
    }
    var out =
      "read \(read) = written \(written) + rejected \(rejected)"
      + (skipped > 0 ? " + skipped \(skipped)" : "")
    out += " (\(balances ? "balanced" : "NOT BALANCED")); \(blank) blank lines\n"
    out += "\(secondsText(nanoseconds: nanoseconds)) s, \(throughput(nanoseconds: nanoseconds)) cases/s\n"
    for key in policies.keys.sorted() { out += "policy \(key)\n" }
    out += line("recommendations", recommendations) + line("plan kinds", planKinds) + line("flags", flags)
    out +=
      line("offer verdicts", offerVerdicts) + line("audit findings", auditFindings)
      + line("rejects", rejectCodes)
    if let transitions { out += line("transitions", transitions) }
    return out
  }
}
