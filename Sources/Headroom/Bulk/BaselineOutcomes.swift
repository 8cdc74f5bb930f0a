#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Last night's outcomes, one record per case id, packed into byte chunks.
///
/// A portfolio of millions of cases must fit beside the run: each case costs
/// its id and its outcome as ``Outcome/encoded`` bytes (about 40 for a
/// typical case), a 16-byte record and 8 to 16 bytes of index; no String or
/// array per case. Chunks are fixed-size, so the store never copies what
/// it holds to grow.
///
/// Records keep the order in which ids first appear; a repeated id keeps its
/// first place and its last outcome.
struct BaselineOutcomes {
  /// Where a record's bytes are: its id, then its encoded outcome.
  private struct Record {
    var chunk: UInt32
    var offset: UInt32
    var idLength: UInt32
    var outcomeLength: UInt32
  }

  private static let chunkSize = 1 << 20

  private var chunks: [[UInt8]] = []
  private var records: [Record] = []
  /// Open addressing, linear probing: record number + 1, or 0 when empty.
  private var slots: [Int32] = []
  /// Whether tonight's run has seen each record's id.
  private var seen: [Bool] = []

  var count: Int { records.count }

  /// Adds `id`'s outcome (``Outcome/encoded``), replacing an earlier one.
  mutating func insert(id: String, outcome: [UInt8]) {
    if slots.isEmpty { rehash() }
    var id = id
    id.withUTF8 { id in
      let (slot, found) = find(id)
      let record = store(id, outcome)
      if let found {
        records[found] = record
        return
      }
      records.append(record)
      seen.append(false)
      slots[slot] = Int32(records.count)
      if records.count * 2 > slots.count { rehash() }
    }
  }

  /// The encoded outcome stored for `id`, marking the id seen; nil when new.
  mutating func visit<R>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
    var id = id
    let found = id.withUTF8 { find($0).found }
    guard let found else { return body(nil) }
    seen[found] = true
    return outcome(found, body)
  }

  /// Runs `body` on each record whose id tonight's run did not see, in
  /// record order: the id and its encoded outcome.
  func forEachUnseen(_ body: (String, UnsafeBufferPointer<UInt8>) -> Void) {
    for index in records.indices where !seen[index] {
      let record = records[index]
      let start = Int(record.offset)
      let id = String(decoding: chunks[Int(record.chunk)][start..<start + Int(record.idLength)], as: UTF8.self)
      outcome(index) { body(id, $0!) }
    }
  }

  private func outcome<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
    let record = records[index]
    return chunks[Int(record.chunk)].withUnsafeBufferPointer { chunk in
      let start = Int(record.offset) + Int(record.idLength)
      return body(UnsafeBufferPointer(rebasing: chunk[start..<start + Int(record.outcomeLength)]))
    }
  }

  /// Copies `id` and `outcome` into the last chunk, or a new one when full.
  private mutating func store(_ id: UnsafeBufferPointer<UInt8>, _ outcome: [UInt8]) -> Record {
    let length = id.count + outcome.count
    if chunks.isEmpty || chunks[chunks.count - 1].count + length > chunks[chunks.count - 1].capacity {
      var chunk: [UInt8] = []
      chunk.reserveCapacity(max(Self.chunkSize, length))
      chunks.append(chunk)
    }
    let last = chunks.count - 1
    let offset = chunks[last].count
    chunks[last].append(contentsOf: id)
    chunks[last].append(contentsOf: outcome)
    return Record(
      chunk: UInt32(last), offset: UInt32(offset), idLength: UInt32(id.count),
      outcomeLength: UInt32(outcome.count))
  }

  /// The slot where `id` is, or the empty slot where it would go, and the
  /// record number when it is there.
  private func find(_ id: UnsafeBufferPointer<UInt8>) -> (slot: Int, found: Int?) {
    if slots.isEmpty { return (0, nil) }
    let mask = slots.count - 1
    var slot = Self.hash(id) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { return (slot, nil) }
      if matches(entry - 1, id) { return (slot, entry - 1) }
      slot = (slot + 1) & mask
    }
  }

  private func matches(_ index: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    let record = records[index]
    guard Int(record.idLength) == id.count else { return false }
    return chunks[Int(record.chunk)].withUnsafeBufferPointer { chunk in
      id.isEmpty || memcmp(chunk.baseAddress! + Int(record.offset), id.baseAddress!, id.count) == 0
    }
  }

  /// Doubles the index (at least 1,024 slots) and puts every record back.
  private mutating func rehash() {
    slots = [Int32](repeating: 0, count: max(1024, slots.count * 2))
    let mask = slots.count - 1
    for index in records.indices {
      let record = records[index]
      let hash = chunks[Int(record.chunk)].withUnsafeBufferPointer { chunk in
        Self.hash(UnsafeBufferPointer(rebasing: chunk[Int(record.offset)..<Int(record.offset + record.idLength)]))
      }
      var slot = hash & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index + 1)
    }
  }

  private static func hash(_ id: UnsafeBufferPointer<UInt8>) -> Int {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(id))
    return hasher.finalize()
  }
}

/// Writes ``Outcome/encoded`` bytes: strings from Swift or straight from a
/// result line's bytes, with the same result.
struct OutcomeEncoder {
  private(set) var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(48) }

  /// A count, as LEB128.
  mutating func count(_ n: Int) { number(UInt64(n)) }

  /// A string's UTF-8 bytes: a vocabulary word, a plain amount or literal.
  mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
    if let word = Outcome.word(utf8) {
      number(UInt64(word) << 2 | 1)
    } else if let units = Outcome.plainAmount(utf8) {
      number(units << 2 | 2)
    } else {
      number(UInt64(utf8.count) << 2)
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { string($0) }
  }

  private mutating func number(_ n: UInt64) {
    var n = n
    while n >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
      n >>= 7
    }
    bytes.append(UInt8(n))
  }
}

extension Outcome {
  /// The outcome as bytes: recommendation, plan kind, flag count, flags,
  /// payment count, then debt and amount of each payment. Two outcomes are
  /// equal exactly when their encodings are.
  ///
  /// Each string starts with a LEB128 number whose low two bits say what
  /// follows: 0, its UTF-8 bytes (the number's rest is their count); 1,
  /// nothing (the rest indexes the vocabulary of recommendations, plan
  /// kinds and flag codes); 2, nothing (the rest is a plain two-place
  /// amount such as `2459.12` in minor units). Counts are plain LEB128.
  var encoded: [UInt8] {
    var encoder = OutcomeEncoder()
    encoder.string(recommendation)
    encoder.string(planKind)
    encoder.count(flags.count)
    for flag in flags { encoder.string(flag) }
    encoder.count(payments.count)
    for payment in payments {
      encoder.string(payment[0])
      encoder.string(payment[1])
    }
    return encoder.bytes
  }

  /// Reads back an ``encoded`` outcome.
  init(encoded bytes: UnsafeBufferPointer<UInt8>) {
    var i = 0
    func number() -> UInt64 {
      var n: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        let byte = bytes[i]
        i += 1
        n |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return n }
        shift += 7
      }
    }
    func string() -> String {
      let n = number()
      switch n & 3 {
      case 1: return String(decoding: Self.vocabulary[Int(n >> 2)], as: UTF8.self)
      case 2:
        let units = n >> 2
        let cents = units % 100
        return "\(units / 100).\(cents < 10 ? "0" : "")\(cents)"
      default:
        let count = Int(n >> 2)
        defer { i += count }
        return String(decoding: bytes[i..<i + count], as: UTF8.self)
      }
    }
    let recommendation = string()
    let planKind = string()
    let flags = (0..<number()).map { _ in string() }
    let payments = (0..<number()).map { _ in [string(), string()] }
    self.init(recommendation: recommendation, planKind: planKind, flags: flags, payments: payments)
  }

  /// The words an outcome is mostly made of, each stored as one byte.
  private static let vocabulary: [[UInt8]] =
    (Recommendation.allCases.map(\.rawValue) + ["none", "token", "pro_rata"]
    + Flag.Code.allCases.map(\.rawValue)).map { Array($0.utf8) }

  /// The vocabulary's word numbers by word length, for ``word(_:)``.
  private static let wordsByLength: [[Int]] = {
    var byLength = [[Int]](repeating: [], count: 1 + (vocabulary.map(\.count).max() ?? 0))
    for (index, word) in vocabulary.enumerated() where !byLength[word.count].contains(where: { vocabulary[$0] == word }) {
      byLength[word.count].append(index)
    }
    return byLength
  }()

  /// The vocabulary number of the word `utf8` spells, or nil.
  static func word(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
    guard utf8.count > 0, utf8.count < wordsByLength.count else { return nil }
    for index in wordsByLength[utf8.count] {
      let same = vocabulary[index].withUnsafeBufferPointer { word in
        memcmp(word.baseAddress!, utf8.baseAddress!, utf8.count) == 0
      }
      if same { return index }
    }
    return nil
  }

  /// The value in minor units of a plain amount with two places (`0.05`,
  /// `2459.12`: no sign, no leading zero, at most 17 digits), the form
  /// results write; otherwise nil.
  static func plainAmount(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
    let count = utf8.count
    guard count >= 4, count <= 18, utf8[count - 3] == UInt8(ascii: "."),
      utf8[0] != UInt8(ascii: "0") || count == 4
    else { return nil }
    var units: UInt64 = 0
    for position in 0..<count where position != count - 3 {
      let digit = utf8[position] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      units = units * 10 + UInt64(digit)
    }
    return units
  }

  /// The encoded outcome of a written result line, straight from its bytes;
  /// nil when a part is missing.
  static func encoded(result json: JSONNode) -> [UInt8]? {
    guard let recommendation = json.member("recommendation"), recommendation.token.kind == .string,
      let plan = json.member("plan"), let kind = plan.member("kind"), kind.token.kind == .string,
      let flags = json.member("flags"), flags.token.kind == .array,
      let payments = plan.member("payments"), payments.token.kind == .array
    else { return nil }
    var encoder = OutcomeEncoder()
    func string(_ node: JSONNode) {
      if node.token.escaped { encoder.string(node.string) } else { encoder.string(node.text) }
    }
    string(recommendation)
    string(kind)
    let flagTexts = Self.flags(flags)
    encoder.count(flagTexts.count)
    for flag in flagTexts { encoder.string(flag) }
    var paid: [(debt: JSONNode, amount: JSONNode)] = []
    var k = payments.index + 1
    while k < Int(payments.token.end) {
      let payment = payments.node(k)
      k = payment.next
      guard let debt = payment.member("debt"), debt.token.kind == .string,
        let amount = payment.member("amount"), amount.token.kind == .string
      else { continue }
      paid.append((debt, amount))
    }
    encoder.count(paid.count)
    for payment in paid {
      string(payment.debt)
      string(payment.amount)
    }
    return encoder.bytes
  }

  /// A result's flags as `CODE` or `CODE:subject`, sorted.
  private static func flags(_ flags: JSONNode) -> [String] {
    flags.elements.compactMap { flag -> String? in
      guard let code = flag.member("code"), code.token.kind == .string else { return nil }
      if let subject = flag.member("subject"), subject.token.kind == .string {
        return "\(code.string):\(subject.string)"
      }
      return code.string
    }.sorted()
  }
}
