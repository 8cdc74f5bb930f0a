internal import CJSONScan

/// A JSON document as a flat list of tokens over its bytes: one strict
/// pass, no tree, no strings made until a reader asks for one.
///
/// Containers record where they end, so a reader can skip a member without
/// looking inside. The bytes must outlive the tape (the caller holds them).
public struct JSONTape {
  enum Kind: UInt8 { case null, `true`, `false`, number, string, array, object }

  struct Token {
    var kind: Kind
    /// For strings: whether the text has escapes to decode.
    var escaped: Bool
    /// Scalars: the text's byte range (inside the quotes for strings).
    /// Containers: `start` is the bracket's offset, `end` the index of the
    /// first token after the container.
    var start: Int32
    var end: Int32
  }

  let bytes: UnsafeBufferPointer<UInt8>
  let tokens: TokenStorage

  /// Tokenizes one JSON value filling `bytes` (whitespace around it allowed).
  public init(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
    self.bytes = bytes
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      tokens = TokenStorage(capacity: 0)
      throw JSONSyntaxError(offset: 0, message: "unexpected end of input")
    }
    let (capacity, quoteWords) = JSONTape.room(bytes.count)
    tokens = TokenStorage(capacity: capacity, quoteWords: quoteWords)
    try JSONTape.tokenize(base, bytes.count, capacity: capacity, quotes: tokens.quotes, into: tokens.base)
  }

  /// How many tokens and quote-bitmap words a text of `count` bytes needs.
  ///
  /// A complete value of t tokens spans at least 2t - 1 bytes (each token
  /// but a bare digit owns two bytes: quotes, brackets, a separator), and
  /// each container still open when the text breaks off costs one more, so
  /// this capacity is never exceeded and the scanner stores without checks.
  @inline(__always)
  static func room(_ count: Int) -> (tokens: Int, quoteWords: Int) {
    (count / 2 + JSONParser.maxDepth + 2, (count &+ 63) &>> 6)
  }

  /// Tokenizes the `n` (> 0) bytes at `base` into `tokens` (room for
  /// `capacity`), with `quotes` (room for one bit a byte) to scan with.
  @inline(__always)
  static func tokenize(
    _ base: UnsafePointer<UInt8>, _ n: Int, capacity: Int, quotes: UnsafeMutablePointer<UInt64>,
    into tokens: UnsafeMutablePointer<Token>
  ) throws(JSONSyntaxError) {
    // Well-formed text (what nightly files hold) is tokenized by one flat
    // loop: for plain objects and arrays (stage 1, in C, says which) one
    // that takes strings' ends from a bitmap of the quotes, for other text
    // one that scans strings byte by byte. Anything they do not accept is
    // scanned again from the start by the recursive scanner, which gives
    // the same tokens or the error.
    if let last = PlainScanner.plainText(base, n, quotes) {
      if PlainScanner.scan(base, n, last, quotes, tokens) != nil { return }
    } else if FastScanner.scan(base, n, tokens, capacity) != nil {
      return
    }
    _ = try Scanner.scan(base, n, tokens)
  }

  /// Tokenizes `bytes` and runs `body` on the root value, the tokens held
  /// in the thread's spare memory for the call (see ``TokenStorage``): the
  /// bulk reader's tape, with no object made and freed for it. `body` also
  /// gets the thread's ``NameCache``. A syntax error is thrown as ``CaseError/Code/invalidJSON`` with an empty path.
  ///
  /// Nodes point into the memory and the bytes, so none may outlive `body`.
  static func withRoot<R>(
    of bytes: UnsafeBufferPointer<UInt8>,
    _ body: (JSONNode, UnsafeMutablePointer<NameCache>) throws(CaseError) -> R
  ) throws(CaseError) -> R {
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      let error = JSONSyntaxError(offset: 0, message: "unexpected end of input")
      throw CaseError(.invalidJSON, path: "", error.description)
    }
    let (capacity, quoteWords) = room(bytes.count)
    let lease = TokenStorage.Lease(capacity: capacity, quoteWords: quoteWords)
    defer { lease.end() }
    do throws(JSONSyntaxError) {
      try tokenize(base, bytes.count, capacity: capacity, quotes: lease.quotes, into: lease.base)
    } catch {
      throw CaseError(.invalidJSON, path: "", error.description)
    }
    return try body(JSONNode(tokens: lease.base, bytes: bytes, index: 0), lease.names)
  }

  /// Runs `body` on the root value. Nodes point into the tape and its bytes,
  /// so none may outlive `body`.
  func withRoot<R, E: Error>(_ body: (JSONNode) throws(E) -> R) throws(E) -> R {
    defer { withExtendedLifetime(tokens) {} }
    return try body(JSONNode(tokens: tokens.base, bytes: bytes, index: 0))
  }
}

/// Memory for one tape's tokens (and the quote bitmap its text is
/// scanned with), handed from tape to tape on each thread.
///
/// A tape of a 2 KB line needs 12 KB; allocating and freeing that for
/// every line cost about a twentieth of scanning it. When a tape goes, its
/// memory becomes the thread's spare (up to ``largestKept`` bytes) and
/// the next tape on the thread takes it if it is large enough. Tokens are
/// plain values: the memory is never initialized or deinitialized as such.
final class TokenStorage {
  /// The memory, held for the storage's life.
  private let lease: Lease
  var base: UnsafeMutablePointer<JSONTape.Token> { lease.base }
  /// Room for one bit per byte of the text, before the tokens.
  var quotes: UnsafeMutablePointer<UInt64> { lease.quotes }

  /// The most bytes kept as a thread's spare (768 KB).
  static let largestKept = 786_432

  private struct Spare {
    var memory: UnsafeMutableRawPointer?
    var capacity: Int
    /// The thread's ``NameCache`` (made with the record, freed with it).
    var names: UnsafeMutablePointer<NameCache>? = nil
  }

  /// Each thread's spare, freed with the thread.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let created = pthread_key_create(&key) { record in
      guard let record = record as UnsafeMutableRawPointer? else { return }
      let spare = record.assumingMemoryBound(to: Spare.self)
      spare.pointee.memory?.deallocate()
      if let names = spare.pointee.names {
        names.pointee.free()
        names.deinitialize(count: 1)
        names.deallocate()
      }
      spare.deallocate()
    }
    precondition(created == 0, "TokenStorage: no thread-specific key")
    return key
  }()

  private static func spare() -> UnsafeMutablePointer<Spare> {
    if let record = pthread_getspecific(key) { return record.assumingMemoryBound(to: Spare.self) }
    let record = UnsafeMutablePointer<Spare>.allocate(capacity: 1)
    let names = UnsafeMutablePointer<NameCache>.allocate(capacity: 1)
    names.initialize(to: NameCache())
    record.initialize(to: Spare(memory: nil, capacity: 0, names: names))
    pthread_setspecific(key, record)
    return record
  }

  /// Room for `quoteWords` words of quote bitmap and then at least
  /// `capacity` tokens: the thread's spare if large enough.
  init(capacity: Int, quoteWords: Int = 0) { lease = Lease(capacity: capacity, quoteWords: quoteWords) }

  deinit { lease.end() }

  /// The thread's spare if large enough (it is then no longer the spare),
  /// else new memory; its size; and the thread's name cache.
  @inline(__always)
  private static func take(capacity: Int, quoteWords: Int) -> (
    UnsafeMutableRawPointer, Int, UnsafeMutablePointer<NameCache>
  ) {
    let needed = max(quoteWords &* 8 &+ capacity &* MemoryLayout<JSONTape.Token>.stride, 1)
    let spare = Self.spare()
    let names = spare.pointee.names!
    if let kept = spare.pointee.memory, spare.pointee.capacity >= needed {
      spare.pointee.memory = nil
      return (kept, spare.pointee.capacity, names)
    }
    return (.allocate(byteCount: needed, alignment: 8), needed, names)
  }

  /// Makes `memory` the thread's spare if there is none or it is larger
  /// (and at most ``largestKept``); frees whichever is not kept.
  @inline(__always)
  private static func giveBack(_ memory: UnsafeMutableRawPointer, capacity: Int) {
    let spare = Self.spare()
    if let kept = spare.pointee.memory {
      guard capacity > spare.pointee.capacity && capacity <= Self.largestKept else {
        memory.deallocate()
        return
      }
      kept.deallocate()
    } else if capacity > Self.largestKept {
      memory.deallocate()
      return
    }
    spare.pointee.memory = memory
    spare.pointee.capacity = capacity
  }

  /// Token memory held for one scope, without an object (a storage holds
  /// one for its life): the thread's spare if large enough, handed back by
  /// ``end()``.
  struct Lease {
    let base: UnsafeMutablePointer<JSONTape.Token>
    let quotes: UnsafeMutablePointer<UInt64>
    /// The thread's name cache, for the reader to use during the lease.
    let names: UnsafeMutablePointer<NameCache>
    private let memory: UnsafeMutableRawPointer
    private let capacity: Int

    @inline(__always)
    init(capacity: Int, quoteWords: Int) {
      (memory, self.capacity, names) = TokenStorage.take(capacity: capacity, quoteWords: quoteWords)
      // Bound afresh: the last tape may have split the memory elsewhere.
      quotes = memory.bindMemory(to: UInt64.self, capacity: quoteWords)
      base = (memory + quoteWords &* 8).bindMemory(to: JSONTape.Token.self, capacity: capacity)
    }

    /// Hands the memory back; the lease must not be used after.
    @inline(__always)
    func end() { TokenStorage.giveBack(memory, capacity: capacity) }
  }
}

/// The Strings made lately from short unescaped string texts (ids,
/// creditors), by their bytes: nightly files repeat a few names case after
/// case, and a String made again cost about 140 instructions (and, past 15
/// bytes, an allocation and a free), where finding it here costs a hash
/// and a compare of four words.
///
/// One per thread (see ``TokenStorage``), used only by that thread's reader.
/// A text is cached only when it is 1 to 32 bytes and 32 bytes may be
/// loaded from its start (the line goes on past it); the String given is
/// always the one `String(checkedUTF8:)` makes of the text.
struct NameCache {
  private struct Entry {
    var words: SIMD4<UInt64> = .zero
    /// The text's length; 0: empty slot (empty texts are not cached).
    var count = 0
    var string = ""
  }

  /// Room enough that the few dozen names of a nightly file seldom share a
  /// slot: with 64, pairs of them kept taking each other's slot, and each
  /// take made the String again.
  private static let slotCount = 256
  /// The longest text cached, in bytes.
  static let longest = 32
  private let entries: UnsafeMutablePointer<Entry>

  init() {
    entries = .allocate(capacity: Self.slotCount)
    entries.initialize(repeating: Entry(), count: Self.slotCount)
  }

  /// Frees the entries; the cache must not be used after.
  func free() {
    entries.deinitialize(count: Self.slotCount)
    entries.deallocate()
  }

  /// The String of `text`, an unescaped string's checked UTF-8, of which
  /// `readable` bytes may be loaded from its start.
  @inline(__always)
  func string(_ text: UnsafeBufferPointer<UInt8>, readable: Int) -> String {
    let count = text.count
    guard count > 0 && count <= Self.longest && readable >= Self.longest, let p = text.baseAddress else {
      return String(checkedUTF8: text)
    }
    let raw = UnsafeRawPointer(p)
    /// Word `k` of the text, the bytes past its end cleared (the same memory order on either side).
    @inline(__always) func word(_ k: Int) -> UInt64 {
      let loaded = raw.loadUnaligned(fromByteOffset: k &* 8, as: UInt64.self)
      let left = count &- k &* 8
      if left >= 8 { return loaded }
      if left <= 0 { return 0 }
      return loaded & UInt64(littleEndian: (1 &<< UInt64(left &* 8)) &- 1)
    }
    let words = SIMD4(word(0), word(1), word(2), word(3))
    let mixed =
      (words[0] ^ (words[1] &* 0x9E37_79B9_7F4A_7C15) ^ (words[2] &* 0xD6E8_FEB8_6659_FD93)
        ^ (words[3] &* 0xFF51_AFD7_ED55_8CCD) ^ UInt64(truncatingIfNeeded: count)) &* 0xC2B2_AE3D_27D4_EB4F
    let entry = entries + Int(truncatingIfNeeded: mixed &>> 56)
    if entry.pointee.count == count && entry.pointee.words == words {
      return entry.pointee.string
    }
    let made = String(checkedUTF8: text)
    entry.pointee = Entry(words: words, count: count, string: made)
    return made
  }
}

/// What a byte means inside a JSON string: 0 plain ASCII, 1 the closing
/// quote, 2 a backslash, 3 a control character, 4 a byte of a multi-byte
/// UTF-8 sequence. One table load per byte in the scanner's inner loop.
nonisolated(unsafe) private let stringByteClass: UnsafePointer<UInt8> = {
  let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
  for byte in 0..<256 {
    table[byte] =
      byte < 0x20 ? 3 : byte >= 0x80 ? 4 : byte == 0x22 ? 1 : byte == 0x5C ? 2 : 0
  }
  return UnsafePointer(table)
}()

/// The common case of ``Scanner`` as one loop over local state, without
/// recursion or a call per token: containers open and close on a small
/// stack of their opening tokens.
///
/// It accepts only text ``Scanner`` accepts and then writes the very tokens
/// ``Scanner`` writes (same kinds, offsets, ends and escape flags), checking
/// strings' escapes and UTF-8 with the same code. On anything else (a syntax
/// error, nesting past ``JSONParser/maxDepth``) it gives nil, without
/// deciding what the error is: ``Scanner`` runs from the start and says.
/// The pieces of JSON's grammar both flat scanners read the same way.
private enum Lexeme {
  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  /// Where the number starting at `start` (RFC 8259: no leading zeros, no
  /// bare point) ends, or nil when no number starts there.
  @inline(__always)
  static func numberEnd(_ base: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int? {
    var i = start
    if base[i] == UInt8(ascii: "-") { i &+= 1 }
    guard i < n, isDigit(base[i]) else { return nil }
    if base[i] == UInt8(ascii: "0") {
      i &+= 1
      if i < n && isDigit(base[i]) { return nil }
    } else {
      while i < n && isDigit(base[i]) { i &+= 1 }
    }
    if i < n && base[i] == UInt8(ascii: ".") {
      i &+= 1
      guard i < n, isDigit(base[i]) else { return nil }
      while i < n && isDigit(base[i]) { i &+= 1 }
    }
    if i < n && (base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E")) {
      i &+= 1
      if i < n && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) { i &+= 1 }
      guard i < n, isDigit(base[i]) else { return nil }
      while i < n && isDigit(base[i]) { i &+= 1 }
    }
    return i
  }

  /// Where `word` (true, false or null) ends if it is spelled at `start`, else nil.
  @inline(__always)
  static func literalEnd(_ word: StaticString, _ base: UnsafePointer<UInt8>, from start: Int, count n: Int)
    -> Int?
  {
    let length = word.utf8CodeUnitCount
    guard start &+ length <= n else { return nil }
    for k in 0..<length where base[start &+ k] != word.utf8Start[k] { return nil }
    return start &+ length
  }
}

private enum FastScanner {
  static func scan(
    _ base: UnsafePointer<UInt8>, _ n: Int, _ tokens: UnsafeMutablePointer<JSONTape.Token>, _ capacity: Int
  ) -> Int? {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: JSONParser.maxDepth + 1) { stack in
      scan(base, n, tokens, capacity, stack.baseAddress!)
    }
  }

  static func scan(
    _ base: UnsafePointer<UInt8>, _ n: Int, _ tokens: UnsafeMutablePointer<JSONTape.Token>, _ capacity: Int,
    _ stack: UnsafeMutablePointer<Int32>
  ) -> Int? {
    let classes = stringByteClass
    var i = 0
    var count = 0
    var depth = 0

    @inline(__always) func skipSpace() {
      while i < n && Lexeme.isSpace(base[i]) { i &+= 1 }
    }
    @inline(__always) func append(_ kind: JSONTape.Kind, _ escaped: Bool, _ start: Int, _ end: Int) -> Bool {
      guard count < capacity else { return false }
      (tokens + count).initialize(
        to: JSONTape.Token(
          kind: kind, escaped: escaped, start: Int32(truncatingIfNeeded: start),
          end: Int32(truncatingIfNeeded: end)))
      count &+= 1
      return true
    }
    /// A string whose opening quote is at `i`.
    @inline(__always) func string() -> Bool {
      let start = i &+ 1
      var j = start
      var escaped = false
      var ascii = true
      while true {
        j = JSONTape.plainStringBytes(base, from: j, count: n, classes: classes)
        guard j < n else { return false }
        let byte = base[j]
        // The closing quote, tested first: most strings end at their first special byte.
        if byte == UInt8(ascii: "\"") {
          if escaped || !ascii {
            let raw = UnsafeBufferPointer(start: base + start, count: j &- start)
            if escaped {
              guard (try? JSONTape.decode(raw, at: start)) != nil else { return false }
            } else {
              guard String(validating: raw, as: UTF8.self) != nil else { return false }
            }
          }
          guard append(.string, escaped, start, j) else { return false }
          i = j &+ 1
          return true
        }
        switch classes[Int(byte)] {
        case 2:
          escaped = true
          j &+= 2
        case 3:
          return false
        default:
          ascii = false
          j &+= 1
        }
      }
    }
    /// A member name at `i`, its colon and the space around it.
    @inline(__always) func name() -> Bool {
      guard i < n, base[i] == UInt8(ascii: "\""), string(), i < n else { return false }
      // The colon, looked for first: it mostly follows the name at once.
      if base[i] != UInt8(ascii: ":") {
        skipSpace()
        guard i < n, base[i] == UInt8(ascii: ":") else { return false }
      }
      i &+= 1
      skipSpace()
      return true
    }
    @inline(__always) func literal(_ word: StaticString, _ kind: JSONTape.Kind) -> Bool {
      guard let end = Lexeme.literalEnd(word, base, from: i, count: n), append(kind, false, i, end) else {
        return false
      }
      i = end
      return true
    }
    @inline(__always) func number() -> Bool {
      guard let end = Lexeme.numberEnd(base, from: i, count: n), append(.number, false, i, end) else {
        return false
      }
      i = end
      return true
    }

    skipSpace()
    value: while true {
      // A value starts at i.
      guard i < n else { return nil }
      let byte = base[i]
      switch byte {
      case UInt8(ascii: "\""):
        guard string() else { return nil }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth &+= 1
        guard depth <= JSONParser.maxDepth else { return nil }
        let object = byte == UInt8(ascii: "{")
        // The opening token's index, doubled, plus 1 for an object.
        stack[depth] = Int32(truncatingIfNeeded: count &<< 1 | (object ? 1 : 0))
        guard append(object ? .object : .array, false, i, 0) else { return nil }
        i &+= 1
        skipSpace()
        guard i < n else { return nil }
        if base[i] == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          tokens[Int(stack[depth] &>> 1)].end = Int32(truncatingIfNeeded: count)
          depth &-= 1
          i &+= 1
        } else {
          if object { guard name() else { return nil } }
          continue value
        }
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard number() else { return nil }
      case UInt8(ascii: "t"):
        guard literal("true", .true) else { return nil }
      case UInt8(ascii: "f"):
        guard literal("false", .false) else { return nil }
      case UInt8(ascii: "n"):
        guard literal("null", .null) else { return nil }
      default:
        return nil
      }
      // After a value: the end of the text, a comma or a closing bracket.
      while true {
        if depth == 0 {
          skipSpace()
          return i == n ? count : nil
        }
        guard i < n else { return nil }
        // The byte itself first: mostly a comma or a bracket, not space.
        var next = base[i]
        if Lexeme.isSpace(next) {
          skipSpace()
          guard i < n else { return nil }
          next = base[i]
        }
        let top = stack[depth]
        let open = Int(top &>> 1)
        let object = top & 1 != 0
        if next == UInt8(ascii: ",") {
          i &+= 1
          skipSpace()
          if object { guard name() else { return nil } }
          continue value
        }
        guard next == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
        tokens[open].end = Int32(truncatingIfNeeded: count)
        depth &-= 1
        i &+= 1
      }
    }
  }
}

/// Stage 2 of the tokenizer for plain text (see `headroom_json_quotes`):
/// ``FastScanner``'s grammar, with each string's end taken from the quote
/// bitmap instead of found byte by byte.
///
/// It accepts only text ``Scanner`` accepts and then writes the very tokens
/// ``Scanner`` writes; on anything else it gives nil, and ``Scanner`` runs
/// from the start and says what is wrong. It relies on what stage 1
/// promises of plain text: the closing quote of a string is the next
/// quote, and what lies between is ASCII from 0x20 up but a backslash
/// (so the string is valid and unescaped). Whitespace is looked for only
/// where the expected byte is not found: compact text has none.
///
/// It takes only text whose first byte but whitespace is an opening
/// bracket and whose last is a closing one (see ``plainText(_:_:_:)``).
/// Every byte the grammar looks at before it closes that last bracket is
/// then at or before it, so only closing a container needs a check
/// against the end of the text; and the text ends only when a container
/// closes.
private enum PlainScanner {
  /// Stage 1 (its bitmap into `quotes`, room for one bit a byte), and
  /// whether this scanner takes the text: the offset of its last bracket
  /// if it is plain, its first byte but whitespace is `{` or `[` and its
  /// last is `}` or `]`.
  static func plainText(_ base: UnsafePointer<UInt8>, _ n: Int, _ quotes: UnsafeMutablePointer<UInt64>)
    -> Int?
  {
    var first = 0
    while first < n && Lexeme.isSpace(base[first]) { first &+= 1 }
    var last = n &- 1
    while last > first && Lexeme.isSpace(base[last]) { last &-= 1 }
    // '[' and ']' differ from '{' and '}' only in bit 5.
    guard last > first, base[first] | 0x20 == UInt8(ascii: "{"), base[last] | 0x20 == UInt8(ascii: "}") else {
      return nil
    }
    return headroom_json_quotes(base, n, quotes) == 0 ? last : nil
  }

  /// Tokenizes plain text whose last bracket is at `last` (see ``plainText(_:_:_:)``).
  static func scan(
    _ base: UnsafePointer<UInt8>, _ n: Int, _ last: Int, _ quotes: UnsafePointer<UInt64>,
    _ tokens: UnsafeMutablePointer<JSONTape.Token>
  ) -> Int? {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: JSONParser.maxDepth + 1) { stack in
      scan(base, n, last, quotes, tokens, stack.baseAddress!)
    }
  }

  /// `tokens` has room for every token the text can hold (see
  /// ``JSONTape/init(_:)``), so appending is a store.
  static func scan(
    _ base: UnsafePointer<UInt8>, _ n: Int, _ last: Int, _ quotes: UnsafePointer<UInt64>,
    _ tokens: UnsafeMutablePointer<JSONTape.Token>, _ stack: UnsafeMutablePointer<Int32>
  ) -> Int? {
    var i = 0
    var count = 0
    var depth = 0
    /// Whether the innermost open container is an object.
    var object = false
    // Each open container's opening token index, doubled, plus 1 for an
    // object; the entry below the outermost says "not an object".
    stack[0] = 0

    @inline(__always) func skipSpace() {
      while i < n && Lexeme.isSpace(base[i]) { i &+= 1 }
    }
    @inline(__always) func append(_ kind: JSONTape.Kind, _ start: Int, _ end: Int) {
      (tokens + count).initialize(
        to: JSONTape.Token(
          kind: kind, escaped: false, start: Int32(truncatingIfNeeded: start),
          end: Int32(truncatingIfNeeded: end)))
      count &+= 1
    }
    /// A string whose opening quote is at `i`: it ends at the next quote.
    @inline(__always) func string() -> Bool {
      let start = i &+ 1
      var word = start &>> 6
      var bits = quotes[word] &>> UInt64(truncatingIfNeeded: start & 63)
      var end = start
      if bits == 0 {
        // The string crosses into the next word or further.
        repeat {
          word &+= 1
          guard word &<< 6 < n else { return false }
          bits = quotes[word]
        } while bits == 0
        end = word &<< 6
      }
      end &+= bits.trailingZeroBitCount
      append(.string, start, end)
      i = end &+ 1
      return true
    }
    /// A member name at `i` (or after space), its colon and the space after.
    @inline(__always) func name() -> Bool {
      if base[i] != UInt8(ascii: "\"") {
        skipSpace()
        guard base[i] == UInt8(ascii: "\"") else { return false }
      }
      guard string() else { return false }
      if base[i] != UInt8(ascii: ":") {
        skipSpace()
        guard base[i] == UInt8(ascii: ":") else { return false }
      }
      i &+= 1
      return true
    }
    @inline(__always) func literal(_ word: StaticString, _ kind: JSONTape.Kind) -> Bool {
      guard let end = Lexeme.literalEnd(word, base, from: i, count: n) else { return false }
      append(kind, i, end)
      i = end
      return true
    }
    @inline(__always) func number() -> Bool {
      guard let end = Lexeme.numberEnd(base, from: i, count: n) else { return false }
      append(.number, i, end)
      i = end
      return true
    }
    /// Opens a container whose bracket is at `i` and moves past it and any
    /// space after; false when nesting goes past ``JSONParser/maxDepth``.
    @inline(__always) func open(object opened: Bool) -> Bool {
      depth &+= 1
      guard depth <= JSONParser.maxDepth else { return false }
      object = opened
      stack[depth] = Int32(truncatingIfNeeded: count &<< 1 | (opened ? 1 : 0))
      append(opened ? .object : .array, i, 0)
      i &+= 1
      if Lexeme.isSpace(base[i]) { skipSpace() }
      return true
    }
    /// Closes the innermost container, whose closing bracket is at `i`.
    @inline(__always) func close() {
      tokens[Int(stack[depth] &>> 1)].end = Int32(truncatingIfNeeded: count)
      depth &-= 1
      object = stack[depth] & 1 != 0
      i &+= 1
    }
    /// The token count if only whitespace follows the root, which has closed.
    @inline(__always) func end() -> Int? {
      skipSpace()
      return i == n ? count : nil
    }

    // Until the last bracket closes, i <= last: reading base[i] is safe.
    value: while true {
      // A value starts at i, or after space.
      let byte = base[i]
      switch byte {
      case UInt8(ascii: "\""):
        guard string() else { return nil }
      case UInt8(ascii: "{"):
        // Objects and arrays apart, so each knows its kind and closing bracket as constants.
        guard open(object: true) else { return nil }
        if base[i] == UInt8(ascii: "}") {
          close()
          if depth == 0 { return end() }
          // Past the last bracket with containers open: cut short.
          guard i <= last else { return nil }
        } else {
          guard name() else { return nil }
          // A string member value is read here, with no trip through the dispatch.
          guard base[i] == UInt8(ascii: "\"") else { continue value }
          guard string() else { return nil }
        }
      case UInt8(ascii: "["):
        guard open(object: false) else { return nil }
        guard base[i] == UInt8(ascii: "]") else { continue value }
        close()
        if depth == 0 { return end() }
        guard i <= last else { return nil }
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard number() else { return nil }
      case UInt8(ascii: "t"):
        guard literal("true", .true) else { return nil }
      case UInt8(ascii: "f"):
        guard literal("false", .false) else { return nil }
      case UInt8(ascii: "n"):
        guard literal("null", .null) else { return nil }
      case 0x20, 0x0A, 0x0D, 0x09:
        skipSpace()
        continue value
      default:
        return nil
      }
      // After a value (inside a container: the root is one): a comma or a
      // closing bracket.
      while true {
        let next = base[i]
        if next == UInt8(ascii: ",") {
          i &+= 1
          guard object else { continue value }
          // Most members of compact text are a name and a string: the string
          // is read here, and members go on while a comma follows, all in
          // the same object. (After the colon i <= last still holds: the
          // colon is not the last bracket; so after the string.)
          while true {
            guard name() else { return nil }
            guard base[i] == UInt8(ascii: "\"") else { continue value }
            guard string() else { return nil }
            guard base[i] == UInt8(ascii: ",") else { break }
            i &+= 1
          }
          // The object mostly closes right after its last member.
          if base[i] == UInt8(ascii: "}") {
            close()
            if depth == 0 { return end() }
            guard i <= last else { return nil }
          }
          continue
        }
        if next == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          close()
          if depth == 0 { return end() }
          guard i <= last else { return nil }
        } else {
          guard Lexeme.isSpace(next) else { return nil }
          skipSpace()
        }
      }
    }
  }
}

/// The strict RFC 8259 scanner behind ``JSONTape``.
///
/// It refuses invalid UTF-8, unescaped control characters (NUL included),
/// bad escapes and unpaired surrogates, trailing bytes, and nesting deeper
/// than ``JSONParser/maxDepth``, so no input can exhaust the stack.
///
/// It works on raw pointers: `tokens` has room for every token the text can
/// hold (see ``JSONTape/init(_:)``), so appending is a store.
private struct Scanner {
  let base: UnsafePointer<UInt8>
  let n: Int
  let tokens: UnsafeMutablePointer<JSONTape.Token>
  let classes: UnsafePointer<UInt8>
  var i = 0
  var count = 0
  var depth = 0

  init(base: UnsafePointer<UInt8>, count n: Int, tokens: UnsafeMutablePointer<JSONTape.Token>) {
    self.base = base
    self.n = n
    self.tokens = tokens
    self.classes = stringByteClass
  }

  func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: i, message: message) }

  /// The whole text as one value with whitespace around it: the token count.
  static func scan(
    _ base: UnsafePointer<UInt8>, _ n: Int, _ tokens: UnsafeMutablePointer<JSONTape.Token>
  ) throws(JSONSyntaxError) -> Int {
    var scanner = Scanner(base: base, count: n, tokens: tokens)
    scanner.skipWhitespace()
    try scanner.value()
    scanner.skipWhitespace()
    guard scanner.i == n else { throw scanner.error("unexpected bytes after the value") }
    return scanner.count
  }

  @inline(__always) mutating func append(
    _ kind: JSONTape.Kind, escaped: Bool = false, _ start: Int, _ end: Int
  ) {
    (tokens + count).initialize(
      to: JSONTape.Token(
        kind: kind, escaped: escaped, start: Int32(truncatingIfNeeded: start),
        end: Int32(truncatingIfNeeded: end)))
    count &+= 1
  }

  @inline(__always) mutating func skipWhitespace() {
    var j = i
    while j < n {
      switch base[j] {
      case 0x20, 0x09, 0x0A, 0x0D: j &+= 1
      default:
        i = j
        return
      }
    }
    i = j
  }

  mutating func value() throws(JSONSyntaxError) {
    guard i < n else { throw error("unexpected end of input") }
    switch base[i] {
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "{"): try container(object: true)
    case UInt8(ascii: "["): try container(object: false)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    case UInt8(ascii: "t"): try literal("true", .true)
    case UInt8(ascii: "f"): try literal("false", .false)
    case UInt8(ascii: "n"): try literal("null", .null)
    case 0: throw error("NUL byte")
    default: throw error("expected a value")
    }
  }

  mutating func literal(_ word: StaticString, _ kind: JSONTape.Kind) throws(JSONSyntaxError) {
    let length = word.utf8CodeUnitCount
    guard i + length <= n else { throw error("unexpected end of input") }
    for k in 0..<length where base[i + k] != word.utf8Start[k] { throw error("expected a value") }
    append(kind, i, i + length)
    i += length
  }

  mutating func container(object: Bool) throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth)") }
    let opening = count
    append(object ? .object : .array, i, 0)
    let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
    i += 1
    skipWhitespace()
    if i < n && base[i] == close {
      i += 1
    } else {
      while true {
        skipWhitespace()
        if object {
          guard i < n, base[i] == UInt8(ascii: "\"") else { throw error("expected a member name") }
          try string()
          skipWhitespace()
          guard i < n, base[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
          i += 1
          skipWhitespace()
        }
        try value()
        skipWhitespace()
        guard i < n else { throw error("unexpected end of input") }
        let byte = base[i]
        if byte == UInt8(ascii: ",") {
          i += 1
          continue
        }
        guard byte == close else { throw error(object ? "expected ',' or '}'" : "expected ',' or ']'") }
        i += 1
        break
      }
    }
    tokens[opening].end = Int32(truncatingIfNeeded: count)
    depth -= 1
  }

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  /// A number token, checked against the JSON grammar.
  mutating func number() throws(JSONSyntaxError) {
    let start = i
    if base[i] == UInt8(ascii: "-") { i += 1 }
    guard i < n, isDigit(base[i]) else { throw error("expected a digit") }
    if base[i] == UInt8(ascii: "0") {
      i += 1
      if i < n && isDigit(base[i]) { throw error("leading zero in a number") }
    } else {
      while i < n && isDigit(base[i]) { i += 1 }
    }
    if i < n && base[i] == UInt8(ascii: ".") {
      i += 1
      guard i < n, isDigit(base[i]) else { throw error("expected a digit after '.'") }
      while i < n && isDigit(base[i]) { i += 1 }
    }
    if i < n && (base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E")) {
      i += 1
      if i < n && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) { i += 1 }
      guard i < n, isDigit(base[i]) else { throw error("expected an exponent") }
      while i < n && isDigit(base[i]) { i += 1 }
    }
    append(.number, start, i)
  }

  /// A string token: checks escapes, control characters and UTF-8.
  ///
  /// Inlined into its three callers (member names, values in objects and in
  /// arrays): a call cost as much as scanning a short name.
  @inline(__always) mutating func string() throws(JSONSyntaxError) {
    let start = i + 1
    var j = start
    var escaped = false
    var ascii = true
    while true {
      j = JSONTape.plainStringBytes(base, from: j, count: n, classes: classes)
      guard j < n else { break }
      switch classes[Int(base[j])] {
      case 1:
        if !ascii && !escaped {
          guard
            String(validating: UnsafeBufferPointer(start: base + start, count: j - start), as: UTF8.self)
              != nil
          else {
            i = start
            throw error("invalid UTF-8 in a string")
          }
        }
        i = j + 1
        if escaped {
          // Decoding checks escapes, surrogates and UTF-8 in one pass.
          _ = try JSONTape.decode(UnsafeBufferPointer(start: base + start, count: j - start), at: start)
        }
        append(.string, escaped: escaped, start, j)
        return
      case 2:
        escaped = true
        j &+= 2
      case 3:
        i = j
        throw error(base[j] == 0 ? "NUL byte in a string" : "unescaped control character in a string")
      default:
        ascii = false
        j &+= 1
      }
    }
    i = n
    throw error("unterminated string")
  }
}

extension JSONTape {
  /// The position of the first byte at or after `j` that ends a plain run
  /// inside a string: a quote, a backslash, a control character or a
  /// non-ASCII byte (`classes` not 0), or `n`. Shared by both scanners.
  ///
  /// Eight bytes at a time while none is special; the lowest byte each test
  /// flags is exact, so the first special byte is found without a loop.
  @inline(__always)
  static func plainStringBytes(
    _ base: UnsafePointer<UInt8>, from start: Int, count n: Int, classes: UnsafePointer<UInt8>
  ) -> Int {
    var j = start
    while j &+ 8 <= n {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
      let ones: UInt64 = 0x0101_0101_0101_0101
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      let special =
        ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        | word
      let flags = special & (ones &* 0x80)
      if flags != 0 { return j &+ (flags.trailingZeroBitCount &>> 3) }
      j &+= 8
    }
    while j < n && classes[Int(base[j])] == 0 { j &+= 1 }
    return j
  }
}

extension JSONTape {
  /// The tokenizer's scanners, for tests that compare them on one text.
  enum Scanning: CaseIterable {
    /// Stage 1 in C, then ``PlainScanner``.
    case plain
    /// ``FastScanner``.
    case careful
    /// ``Scanner``, which ``JSONTape/init(_:)`` trusts for errors.
    case strict
  }

  /// The tokens `scanning` makes of `bytes`, or nil when it does not accept
  /// them (`.plain` also when the text is not a plain object or array).
  static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, scanning: Scanning) -> [Token]? {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
    let capacity = bytes.count / 2 + JSONParser.maxDepth + 2
    let storage = TokenStorage(capacity: capacity, quoteWords: (bytes.count + 63) / 64)
    let count: Int?
    switch scanning {
    case .plain:
      count = PlainScanner.plainText(base, bytes.count, storage.quotes).flatMap {
        PlainScanner.scan(base, bytes.count, $0, storage.quotes, storage.base)
      }
    case .careful:
      count = FastScanner.scan(base, bytes.count, storage.base, capacity)
    case .strict:
      count = try? Scanner.scan(base, bytes.count, storage.base)
    }
    return count.map { Array(UnsafeBufferPointer(start: storage.base, count: $0)) }
  }

  /// Stage 1 with one instruction set (0 plain C, 1 SSE2, 2 AVX2), for
  /// tests: whether the text is plain and its quote bitmap (when plain),
  /// or nil when this processor lacks the instruction set.
  static func quoteBitmap(_ bytes: UnsafeBufferPointer<UInt8>, instructions: Int32) -> (
    plain: Bool, bits: [UInt64]
  )? {
    var bits = [UInt64](repeating: 0, count: max((bytes.count + 63) / 64, 1))
    // A valid address even for no bytes (stage 1 reads none then).
    var nothing: UInt8 = 0
    let result = bits.withUnsafeMutableBufferPointer { words in
      withUnsafePointer(to: &nothing) { nothing in
        headroom_json_quotes_using(
          instructions, bytes.baseAddress ?? nothing, bytes.count, words.baseAddress!)
      }
    }
    if result == -2 { return nil }
    return (result == 0, result == 0 ? Array(bits.prefix((bytes.count + 63) / 64)) : [])
  }

  /// Decodes a string's escaped text (the bytes inside the quotes).
  static func decode(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError) -> String {
    func fail(_ k: Int, _ message: String) -> JSONSyntaxError {
      JSONSyntaxError(offset: offset + k, message: message)
    }
    var scratch: [UInt8] = []
    scratch.reserveCapacity(raw.count)
    var k = 0
    func hex4(_ k: inout Int) throws(JSONSyntaxError) -> UInt32 {
      guard k + 4 <= raw.count else { throw fail(k, "unexpected end of input") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = raw[k]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: throw fail(k, "invalid \\u escape")
        }
        value = value << 4 | digit
        k += 1
      }
      return value
    }
    while k < raw.count {
      let byte = raw[k]
      guard byte == UInt8(ascii: "\\") else {
        scratch.append(byte)
        k += 1
        continue
      }
      k += 1
      guard k < raw.count else { throw fail(k, "unexpected end of input") }
      let escape = raw[k]
      k += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
      case UInt8(ascii: "b"): scratch.append(0x08)
      case UInt8(ascii: "f"): scratch.append(0x0C)
      case UInt8(ascii: "n"): scratch.append(0x0A)
      case UInt8(ascii: "r"): scratch.append(0x0D)
      case UInt8(ascii: "t"): scratch.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4(&k)
        if (0xD800..<0xDC00).contains(scalar) {
          guard k + 1 < raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") else {
            throw fail(k, "unpaired surrogate")
          }
          k += 2
          let low = try hex4(&k)
          guard (0xDC00..<0xE000).contains(low) else { throw fail(k, "unpaired surrogate") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw fail(k, "unpaired surrogate")
        }
        if scalar == 0 { throw fail(k, "NUL character in a string") }
        scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
      default:
        throw fail(k, "invalid escape")
      }
    }
    guard let text = String(validating: scratch, as: UTF8.self) else {
      throw fail(0, "invalid UTF-8 in a string")
    }
    return text
  }
}

extension JSONValue {
  /// Runs a tape reader over this tree (written out and tokenized again), so
  /// values built in memory are read by the same code as values from files.
  func decoding<T>(_ body: (JSONNode) throws(CaseError) -> T) throws(CaseError) -> T {
    var writer = JSONWriter()
    writer.value(self)
    let bytes = writer.bytes
    let result: Result<T, CaseError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(CaseError) {
        let tape: JSONTape
        do throws(JSONSyntaxError) { tape = try JSONTape(buffer) } catch {
          throw CaseError(.invalidJSON, path: "", error.description)
        }
        return .success(try tape.withRoot(body))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

extension String {
  /// The String of bytes a tape has checked as UTF-8 (an unescaped string's
  /// text), copied straight into its storage: cheaper than
  /// `String(decoding:as:)`, whose repairing path every string took.
  init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    self.init(unsafeUninitializedCapacity: bytes.count) { storage in
      _ = storage.initialize(fromContentsOf: bytes)
      return bytes.count
    }
  }
}

/// One value in a ``JSONTape``: plain pointers, so passing nodes around
/// costs no reference counting (see ``JSONTape/withRoot(_:)``).
struct JSONNode {
  let tokens: UnsafePointer<JSONTape.Token>
  let bytes: UnsafeBufferPointer<UInt8>
  let index: Int

  var token: JSONTape.Token { tokens[index] }

  /// The node at token `index` of the same tape.
  func node(_ index: Int) -> JSONNode { JSONNode(tokens: tokens, bytes: bytes, index: index) }

  var kindName: String {
    switch token.kind {
    case .null: return "null"
    case .true, .false: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  var isNull: Bool { token.kind == .null }

  /// The raw text of a number or an unescaped string.
  var text: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
  }

  /// How many bytes may be loaded from the start of the value's text.
  var readable: Int { bytes.count &- Int(token.start) }

  /// A string's value, decoded (the tape already checked it).
  var string: String {
    let token = self.token
    if token.escaped { return (try? JSONTape.decode(text, at: Int(token.start))) ?? "" }
    return String(checkedUTF8: text)
  }

  /// Whether a string's raw text equals `key` (keys are compared unescaped).
  func hasText(_ key: String) -> Bool {
    let token = self.token
    if token.escaped { return string == key }
    let count = Int(token.end &- token.start)
    guard key.utf8.count == count else { return false }
    if count == 0 { return true }
    return key.utf8.withContiguousStorageIfAvailable { utf8 in
      memcmp(bytes.baseAddress! + Int(token.start), utf8.baseAddress!, count) == 0
    } ?? (string == key)
  }

  /// The index of the token after this value.
  var next: Int {
    let token = self.token
    return token.kind == .array || token.kind == .object ? Int(token.end) : index + 1
  }

  /// An object's member named `key`, or nil (the first one if repeated).
  func member(_ key: String) -> JSONNode? {
    guard token.kind == .object else { return nil }
    var k = index + 1
    let end = Int(token.end)
    while k < end {
      let name = node(k)
      let value = node(k + 1)
      if name.hasText(key) { return value }
      k = value.next
    }
    return nil
  }

  /// An object's members in order, names decoded.
  var members: [(key: String, value: JSONNode)] {
    var result: [(key: String, value: JSONNode)] = []
    var k = index + 1
    let end = Int(token.end)
    while k < end {
      let value = node(k + 1)
      result.append((node(k).string, value))
      k = value.next
    }
    return result
  }

  /// How many elements an array has, counted without making a list.
  var elementCount: Int {
    let end = Int(token.end)
    var count = 0
    var k = index &+ 1
    while k < end {
      k = node(k).next
      count &+= 1
    }
    return count
  }

  /// An array's elements in order.
  var elements: [JSONNode] {
    var result: [JSONNode] = []
    var k = index + 1
    let end = Int(token.end)
    while k < end {
      let element = node(k)
      result.append(element)
      k = element.next
    }
    return result
  }

  /// The value as a tree.
  var value: JSONValue {
    switch token.kind {
    case .null: return .null
    case .true: return .bool(true)
    case .false: return .bool(false)
    case .number: return .number(String(decoding: text, as: UTF8.self))
    case .string: return .string(string)
    case .array: return .array(elements.map(\.value))
    case .object: return .object(members.map { ($0.key, $0.value.value) })
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
