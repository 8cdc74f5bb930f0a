#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed list of names, looked up by their UTF-8 bytes without making a
/// `String`: member names, debt kinds, frequencies, SFS categories.
///
/// An open-addressing hash table (FNV-1a) over the names' bytes, kept in one
/// flat array. A name listed twice keeps its first position.
struct KeyTable: Sendable {
  let names: [String]
  /// Every name's bytes, one after another; name k is `text[offsets[k]..<offsets[k + 1]]`.
  private let text: [UInt8]
  private let offsets: [Int32]
  /// Position + 1 of the name in each bucket, 0 when empty.
  private let buckets: [Int32]
  private let mask: Int

  init(_ names: [String]) {
    self.names = names
    var text: [UInt8] = []
    var offsets: [Int32] = [0]
    for name in names {
      text.append(contentsOf: name.utf8)
      offsets.append(Int32(text.count))
    }
    var size = 8
    while size < names.count * 4 { size *= 2 }
    var buckets = [Int32](repeating: 0, count: size)
    text.withUnsafeBufferPointer { bytes in
      for k in names.indices {
        let start = Int(offsets[k])
        let count = Int(offsets[k + 1]) - start
        var slot = KeyTable.hash(bytes.baseAddress.map { UnsafeRawPointer($0 + start) }, count) & (size - 1)
        var duplicate = false
        while buckets[slot] != 0 {
          let other = Int(buckets[slot]) - 1
          let otherStart = Int(offsets[other])
          if Int(offsets[other + 1]) - otherStart == count
            && (count == 0 || memcmp(bytes.baseAddress! + otherStart, bytes.baseAddress! + start, count) == 0)
          {
            duplicate = true
            break
          }
          slot = (slot + 1) & (size - 1)
        }
        if !duplicate { buckets[slot] = Int32(k + 1) }
      }
    }
    self.text = text
    self.offsets = offsets
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
      var k = 0
      while k &+ 8 < count {
        if !equal(k, UInt64.self) { return false }
        k &+= 8
      }
      return equal(count &- 8, UInt64.self)
    }
    if count >= 4 { return equal(0, UInt32.self) && equal(count &- 4, UInt32.self) }
    if count >= 2 { return equal(0, UInt16.self) && equal(count &- 2, UInt16.self) }
    return equal(0, UInt8.self)
  }

  /// The position of the name spelled by `bytes`, or nil.
  func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    let key = bytes.baseAddress.map { UnsafeRawPointer($0) }
    return text.withUnsafeBufferPointer { text -> Int? in
      offsets.withUnsafeBufferPointer { offsets -> Int? in
        buckets.withUnsafeBufferPointer { buckets -> Int? in
          var slot = KeyTable.hash(key, count) & mask
          while true {
            let entry = Int(buckets[slot])
            if entry == 0 { return nil }
            let start = Int(offsets[entry - 1])
            if Int(offsets[entry]) - start == count
              && (count == 0 || KeyTable.same(UnsafeRawPointer(text.baseAddress! + start), key!, count))
            {
              return entry - 1
            }
            slot = (slot + 1) & mask
          }
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
