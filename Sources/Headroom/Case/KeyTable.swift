#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed list of names, looked up by their UTF-8 bytes without making a
/// `String`: member names, debt kinds, frequencies, SFS categories.
///
/// An open-addressing hash table over the names' bytes, kept in one flat
/// array. A name listed twice keeps its first position.
struct KeyTable: Sendable {
  let names: [String]
  /// Every name's bytes, one after another.
  private let text: [UInt8]
  /// One word per bucket, 0 when empty: the name's position + 1 in bits
  /// 0-15, its length in bits 16-31 and its offset in `text` in bits 32-63,
  /// so a probe loads one word before comparing bytes.
  private let buckets: [UInt64]
  private let mask: Int

  init(_ names: [String]) {
    precondition(names.count < 0xFFFF, "KeyTable: too many names")
    self.names = names
    var text: [UInt8] = []
    var entries: [UInt64] = []
    for (k, name) in names.enumerated() {
      let count = name.utf8.count
      precondition(count <= 0xFFFF, "KeyTable: a name too long")
      entries.append(UInt64(k + 1) | UInt64(count) << 16 | UInt64(text.count) << 32)
      text.append(contentsOf: name.utf8)
    }
    var size = 8
    while size < names.count * 4 { size *= 2 }
    var buckets = [UInt64](repeating: 0, count: size)
    text.withUnsafeBufferPointer { bytes in
      for entry in entries {
        let start = Int(entry >> 32)
        let count = Int((entry >> 16) & 0xFFFF)
        var slot = KeyTable.hash(bytes.baseAddress.map { UnsafeRawPointer($0 + start) }, count) & (size - 1)
        var duplicate = false
        while buckets[slot] != 0 {
          let other = buckets[slot]
          let otherStart = Int(other >> 32)
          if Int((other >> 16) & 0xFFFF) == count
            && (count == 0 || memcmp(bytes.baseAddress! + otherStart, bytes.baseAddress! + start, count) == 0)
          {
            duplicate = true
            break
          }
          slot = (slot + 1) & (size - 1)
        }
        if !duplicate { buckets[slot] = entry }
      }
    }
    self.text = text
    self.buckets = buckets
    self.mask = size - 1
  }

  /// A cheap hash of the length and the first, middle and last bytes: the
  /// names are few and fixed, and a collision costs one more comparison.
  @inline(__always) static func hash(_ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    guard let bytes, count > 0 else { return 0 }
    let first = UInt64(bytes.load(as: UInt8.self))
    let middle = UInt64(bytes.load(fromByteOffset: count &>> 1, as: UInt8.self))
    let last = UInt64(bytes.load(fromByteOffset: count &- 1, as: UInt8.self))
    let h = (UInt64(truncatingIfNeeded: count) | first &<< 16 | middle &<< 24 | last &<< 32) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: h &>> 40)
  }

  /// Whether the `count` (> 0) bytes at `a` and `b` are the same: a word
  /// at a time, the last word overlapping the one before (no call to
  /// `memcmp`, which cost more than the compare for names this short).
  @inline(__always) static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    @inline(__always) func equal<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> Bool {
      a.loadUnaligned(fromByteOffset: offset, as: T.self) == b.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
    if count >= 8 {
      // The first and last words first: most names differ there, and names
      // of up to 16 bytes are then compared whole.
      guard equal(0, UInt64.self) && equal(count &- 8, UInt64.self) else { return false }
      var k = 8
      while k < count &- 8 {
        if !equal(k, UInt64.self) { return false }
        k &+= 8
      }
      return true
    }
    if count >= 4 { return equal(0, UInt32.self) && equal(count &- 4, UInt32.self) }
    if count >= 2 { return equal(0, UInt16.self) && equal(count &- 2, UInt16.self) }
    return equal(0, UInt8.self)
  }

  /// The position of the name spelled by `bytes`, or nil.
  ///
  /// Always inlined: the readers look up a category or a kind for every
  /// line and debt, and the call (with a copy of the table's fields) cost
  /// about a third of the lookup.
  @inline(__always)
  func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    let key = bytes.baseAddress.map { UnsafeRawPointer($0) }
    return text.withUnsafeBufferPointer { text -> Int? in
      buckets.withUnsafeBufferPointer { buckets -> Int? in
        var slot = KeyTable.hash(key, count) & mask
        while true {
          let entry = buckets[slot]
          if entry == 0 { return nil }
          if Int(truncatingIfNeeded: (entry &>> 16) & 0xFFFF) == count
            && (count == 0 || KeyTable.same(UnsafeRawPointer(text.baseAddress! + Int(entry &>> 32)), key!, count))
          {
            return Int(truncatingIfNeeded: entry & 0xFFFF) &- 1
          }
          slot = (slot &+ 1) & mask
        }
      }
    }
  }

  /// The position of `name`, or nil.
  func index(_ name: String) -> Int? {
    var name = name
    return name.withUTF8 { index($0) }
  }
}

/// Debt ids seen so far, for the duplicate and unknown-id checks: a plain
/// list while short (cases have a handful of debts), a set once long, or
/// the debts themselves when their ids are known to be distinct.
struct DebtIDs {
  private var list: [String] = []
  private var set: Set<String>?
  /// Debts whose ids are these (``init(distinct:)``), searched in place.
  private var debts: [Debt] = []

  init(capacity: Int = 0) { list.reserveCapacity(min(capacity, 16)) }

  /// The ids of `debts`, which must all differ: no list is built while
  /// they are few (one reference to the array is kept), a set when many.
  init(distinct debts: [Debt]) {
    if debts.count > 16 {
      set = Set(debts.lazy.map(\.id))
    } else {
      self.debts = debts
    }
  }

  /// Adds `id`; false if it was already there.
  mutating func insert(_ id: String) -> Bool {
    if !debts.isEmpty {
      list = debts.map(\.id)
      debts = []
    }
    if set != nil { return set!.insert(id).inserted }
    for known in list where known == id { return false }
    list.append(id)
    if list.count > 16 {
      set = Set(list)
      list = []
    }
    return true
  }

  func contains(_ id: String) -> Bool {
    if let set { return set.contains(id) }
    for index in debts.indices where debts[index].id == id { return true }
    for known in list where known == id { return true }
    return false
  }
}
