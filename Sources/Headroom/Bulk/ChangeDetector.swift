/// The parts of a result the morning team acts on.
public struct Outcome: Equatable, Sendable {
  public var recommendation: String
  public var planKind: String
  /// `CODE` or `CODE:subject`, sorted.
  public var flags: [String]
  /// Debt and amount as written.
  public var payments: [[String]]

  public init(_ a: Assessment) {
    recommendation = a.recommendation.rawValue
    planKind = a.plan.kind.rawValue
    flags = a.flags.map { flag in
      flag.subject.map { "\(flag.code.rawValue):\($0.name)" } ?? flag.code.rawValue
    }.sorted()
    payments = a.plan.payments.map { [$0.debt, a.text($0.amount)] }
  }

  init(recommendation: String, planKind: String, flags: [String], payments: [[String]]) {
    self.recommendation = recommendation
    self.planKind = planKind
    self.flags = flags
    self.payments = payments
  }
}

/// Compares tonight's outcomes with last night's results (`--baseline`) and
/// writes one record per case whose outcome changed, was new, or is gone.
///
/// The baseline is held in memory as one compact outcome per case id
/// (``BaselineOutcomes``): about 130 bytes a case.
public final class ChangeDetector {
  private var baseline = BaselineOutcomes()
  /// Count of each transition, e.g. `recommendation proceed -> hold`.
  public private(set) var transitions: [String: Int] = [:]
  public private(set) var changed = 0

  /// Loads last night's results; lines that are not results (or are too
  /// long to read) are skipped and counted.
  public init(baselinePath: String) throws(BulkError) {
    var reader = try LineReader(path: baselinePath)
    defer { reader.close() }
    var unreadable = 0
    while let line = try reader.next() {
      guard case .bytes(let bytes) = line.content else {
        unreadable += 1  // too long to be a result
        continue
      }
      if line.isBlank { continue }
      let read = bytes.withUnsafeBufferPointer { buffer -> (String, [UInt8])? in
        guard let tape = try? JSONTape(buffer) else { return nil }
        return tape.withRoot { root in
          guard let id = root.member("id"), id.token.kind == .string, let outcome = Outcome.encoded(result: root)
          else { return nil }
          return (id.string, outcome)
        }
      }
      guard let (id, outcome) = read else {
        unreadable += 1
        continue
      }
      baseline.insert(id: id, outcome: outcome)
    }
    if unreadable > 0 { transitions["baseline lines unreadable"] = unreadable }
  }

  /// The change record for one case of tonight's run, or nil when unchanged.
  public func compare(id: String, _ now: Outcome) -> [UInt8]? { compare(id: id, encoded: now.encoded) }

  /// The change record for one case of tonight's run, given its outcome as
  /// ``Outcome/encoded`` bytes (made on a worker thread), or nil when
  /// unchanged: an unchanged case costs a lookup and a byte comparison.
  public func compare(id: String, encoded: [UInt8]) -> [UInt8]? {
    // nil: new tonight; .some(nil): unchanged.
    let stored: Outcome?? = baseline.visit(id) { stored in
      guard let stored else { return nil }
      if stored.elementsEqual(encoded) { return .some(nil) }
      return Outcome(encoded: stored)
    }
    if case .some(nil) = stored { return nil }
    let now = encoded.withUnsafeBufferPointer { Outcome(encoded: $0) }
    var w = JSONWriter()
    w.beginObject()
    w.key("id")
    w.string(id)
    guard let before = stored ?? nil else {
      transitions["new", default: 0] += 1
      changed += 1
      w.key("change")
      w.string("new")
      w.key("recommendation")
      w.string(now.recommendation)
      w.key("plan_kind")
      w.string(now.planKind)
      w.endObject()
      return w.bytes
    }
    changed += 1
    w.key("change")
    w.string("changed")
    if before.recommendation != now.recommendation {
      transitions["recommendation \(before.recommendation) -> \(now.recommendation)", default: 0] += 1
      pair(&w, "recommendation", before.recommendation, now.recommendation)
    }
    if before.planKind != now.planKind {
      transitions["plan_kind \(before.planKind) -> \(now.planKind)", default: 0] += 1
      pair(&w, "plan_kind", before.planKind, now.planKind)
    }
    let added = now.flags.filter { !before.flags.contains($0) }
    let removed = before.flags.filter { !now.flags.contains($0) }
    if !added.isEmpty || !removed.isEmpty {
      for flag in added { transitions["flag added \(flag.split(separator: ":")[0])", default: 0] += 1 }
      for flag in removed { transitions["flag removed \(flag.split(separator: ":")[0])", default: 0] += 1 }
      w.key("flags_added")
      strings(&w, added)
      w.key("flags_removed")
      strings(&w, removed)
    }
    if before.payments != now.payments {
      transitions["payments changed", default: 0] += 1
      w.key("payments")
      w.beginObject()
      w.key("before")
      payments(&w, before.payments)
      w.key("after")
      payments(&w, now.payments)
      w.endObject()
    }
    w.endObject()
    return w.bytes
  }

  /// Records for baseline cases that did not appear tonight, in baseline order.
  public func gone() -> [[UInt8]] {
    var records: [[UInt8]] = []
    baseline.forEachUnseen { id, encoded in
      transitions["gone", default: 0] += 1
      changed += 1
      var w = JSONWriter()
      w.beginObject()
      w.key("id")
      w.string(id)
      w.key("change")
      w.string("gone")
      w.key("recommendation")
      w.string(Outcome(encoded: encoded).recommendation)
      w.endObject()
      records.append(w.bytes)
    }
    return records
  }

  private func pair(_ w: inout JSONWriter, _ key: String, _ before: String, _ after: String) {
    w.key(key)
    w.beginObject()
    w.key("before")
    w.string(before)
    w.key("after")
    w.string(after)
    w.endObject()
  }

  private func strings(_ w: inout JSONWriter, _ values: [String]) {
    w.beginArray()
    for value in values { w.string(value) }
    w.endArray()
  }

  private func payments(_ w: inout JSONWriter, _ values: [[String]]) {
    w.beginArray()
    for value in values {
      w.beginObject()
      w.key("debt")
      w.string(value[0])
      w.key("amount")
      w.string(value[1])
      w.endObject()
    }
    w.endArray()
  }
}
