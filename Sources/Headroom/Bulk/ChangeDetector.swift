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

  /// Reads the outcome back from a written result line.
  init?(result json: JSONValue) {
    guard case .string(let recommendation)? = json["recommendation"],
      case .string(let kind)? = json["plan"]?["kind"],
      case .array(let flags)? = json["flags"],
      case .array(let payments)? = json["plan"]?["payments"]
    else { return nil }
    self.recommendation = recommendation
    planKind = kind
    self.flags = flags.compactMap { flag -> String? in
      guard case .string(let code)? = flag["code"] else { return nil }
      if case .string(let subject)? = flag["subject"] { return "\(code):\(subject)" }
      return code
    }.sorted()
    self.payments = payments.compactMap { payment -> [String]? in
      guard case .string(let debt)? = payment["debt"], case .string(let amount)? = payment["amount"] else {
        return nil
      }
      return [debt, amount]
    }
  }
}

/// Compares tonight's outcomes with last night's results (`--baseline`) and
/// writes one record per case whose outcome changed, was new, or is gone.
///
/// The baseline is held in memory as one compact outcome per case id.
public final class ChangeDetector {
  private var baseline: [String: Outcome] = [:]
  private var baselineOrder: [String] = []
  private var seen: Set<String> = []
  /// Count of each transition, e.g. `recommendation proceed -> hold`.
  public private(set) var transitions: [String: Int] = [:]
  public private(set) var changed = 0

  /// Loads last night's results; lines that are not results are skipped and counted.
  public init(baselinePath: String) throws(BulkError) {
    var reader = try LineReader(path: baselinePath)
    defer { reader.close() }
    var unreadable = 0
    while let line = try reader.next() {
      guard case .bytes(let bytes) = line.content, !line.isBlank else { continue }
      guard let json = try? JSONParser.parse(bytes), case .string(let id)? = json["id"],
        let outcome = Outcome(result: json)
      else {
        unreadable += 1
        continue
      }
      if baseline.updateValue(outcome, forKey: id) == nil { baselineOrder.append(id) }
    }
    if unreadable > 0 { transitions["baseline lines unreadable"] = unreadable }
  }

  /// The change record for one case of tonight's run, or nil when unchanged.
  public func compare(id: String, _ now: Outcome) -> [UInt8]? {
    seen.insert(id)
    var w = JSONWriter()
    w.beginObject()
    w.key("id")
    w.string(id)
    guard let before = baseline[id] else {
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
    guard before != now else { return nil }
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
    baselineOrder.filter { !seen.contains($0) }.map { id in
      transitions["gone", default: 0] += 1
      changed += 1
      var w = JSONWriter()
      w.beginObject()
      w.key("id")
      w.string(id)
      w.key("change")
      w.string("gone")
      w.key("recommendation")
      w.string(baseline[id]!.recommendation)
      w.endObject()
      return w.bytes
    }
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
