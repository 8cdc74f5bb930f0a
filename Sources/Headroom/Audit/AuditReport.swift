import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A portfolio audit that an auditor can hand to a regulator: one
/// self-contained HTML file (``html()``) and the same report in Markdown
/// (``markdown()``).
///
/// Nothing in it comes from the clock or from hash order: the same input,
/// packs and `generatedAt` give the same bytes.
public struct AuditReport: Sendable {
  /// Where the plans came from and what became of every line.
  public struct Input: Sendable {
    /// The input file's name (its last path component, so the report does
    /// not depend on where the file was read from).
    public var name: String
    /// `sha256:` and the hex digest of the file's bytes.
    public var digest: String
    /// Non-blank lines read.
    public var read: Int
    /// Plans audited (lines written to the findings file).
    public var audited: Int
    /// Cases without an `agreed_plan`: counted, not audited.
    public var skipped: Int
    public var rejected: Int
    public var blank: Int
    /// Rejects per code.
    public var rejectCodes: [String: Int]

    public init(
      name: String, digest: String, read: Int, audited: Int, skipped: Int, rejected: Int, blank: Int,
      rejectCodes: [String: Int]
    ) {
      self.name = name
      self.digest = digest
      self.read = read
      self.audited = audited
      self.skipped = skipped
      self.rejected = rejected
      self.blank = blank
      self.rejectCodes = rejectCodes
    }

    /// The counts of a bulk run's tally.
    public init(path: String, digest: String, tally: BulkTally) {
      self.init(
        name: String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path)),
        digest: digest, read: tally.read, audited: tally.written, skipped: tally.skipped,
        rejected: tally.rejected, blank: tally.blank, rejectCodes: tally.rejectCodes)
    }

    /// `read = audited + skipped + rejected`.
    public var balances: Bool { read == audited + skipped + rejected }
  }

  public var audit: PortfolioAudit
  public var input: Input
  /// When the report was generated, ISO 8601, as given.
  public var generatedAt: String

  public init(audit: PortfolioAudit, input: Input, generatedAt: String) {
    self.audit = audit
    self.input = input
    self.generatedAt = generatedAt
  }

  /// Reject codes in code-point order.
  var rejectCodesSorted: [(code: String, count: Int)] {
    input.rejectCodes.sorted {
      $0.key.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value))
    }.map { ($0.key, $0.value) }
  }
}

// MARK: - Input digest

extension AuditReport {
  /// The SHA-256 of a file's bytes, `sha256:` and 64 hex digits, read in
  /// 1 MiB chunks (memory does not grow with the file).
  public static func sha256(ofFileAt path: String) throws(BulkError) -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BulkError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
    defer { _ = close(fd) }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress!, raw.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw BulkError("cannot read '\(path)': \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      buffer.withUnsafeBytes { raw in
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[..<n]))
      }
    }
    return sha256Text(hasher.finalize())
  }
}

// MARK: - Time stamps

extension AuditReport {
  /// The current time, UTC, to the second: `2026-11-22T09:30:00Z`.
  ///
  /// Read with `clock_gettime(CLOCK_REALTIME)` as whole seconds; no binary
  /// floating point is involved.
  public static func now() -> String {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return timestamp(secondsSinceEpoch: Int(time.tv_sec))
  }

  /// Seconds since 1970-01-01T00:00:00Z as an ISO 8601 UTC time stamp.
  public static func timestamp(secondsSinceEpoch seconds: Int) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
    let rest = seconds - days * 86_400
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return
      "\(CivilDate(daysSinceEpoch: days))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
  }

  /// Whether `text` is an ISO 8601 date or date and time, as `--timestamp`
  /// accepts: `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, a fraction of a
  /// second, and a zone (`Z` or `±HH:MM`).
  public static func isTimestamp(_ text: String) -> Bool {
    let u = Array(text.utf8)
    guard u.count >= 10, CivilDate(String(decoding: u[0..<10], as: UTF8.self)) != nil else { return false }
    var i = 10
    if i == u.count { return true }
    func digit(_ k: Int) -> Int? {
      guard k < u.count, u[k] >= UInt8(ascii: "0"), u[k] <= UInt8(ascii: "9") else { return nil }
      return Int(u[k] - UInt8(ascii: "0"))
    }
    func pair(_ k: Int, max: Int) -> Bool {
      guard let a = digit(k), let b = digit(k + 1) else { return false }
      return a * 10 + b <= max
    }
    guard u[i] == UInt8(ascii: "T"), pair(i + 1, max: 23), i + 3 < u.count, u[i + 3] == UInt8(ascii: ":"),
      pair(i + 4, max: 59)
    else { return false }
    i += 6
    if i < u.count, u[i] == UInt8(ascii: ":") {
      guard pair(i + 1, max: 60) else { return false }
      i += 3
      if i < u.count, u[i] == UInt8(ascii: ".") {
        i += 1
        let start = i
        while digit(i) != nil { i += 1 }
        guard i > start else { return false }
      }
    }
    if i == u.count { return true }
    if u[i] == UInt8(ascii: "Z") { return i + 1 == u.count }
    guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), i + 6 == u.count, pair(i + 1, max: 23),
      u[i + 3] == UInt8(ascii: ":"), pair(i + 4, max: 59)
    else { return false }
    return true
  }
}
