#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One input line of a JSONL file.
public struct InputLine: Sendable {
  public enum Content: Sendable {
    /// The line's bytes, without the newline (and without a trailing CR).
    case bytes([UInt8])
    /// A line longer than the reader keeps; its bytes were skipped.
    case tooLong(length: Int)
  }

  /// 1-based, counting every line, blank ones included.
  public var number: Int
  public var content: Content
}

/// Reads a file line by line in large chunks, with memory bounded by the
/// chunk size and the longest line it keeps (`maxLineBytes`); longer lines
/// are reported, not held. A last line without a newline is still a line.
///
/// A regular file of at least ``directReadBytes`` is read with ``DirectIO``
/// where the file system takes it: each read fills whole aligned blocks of
/// the buffer, so the part line left at the end of one chunk is moved to
/// just before an aligned offset. A smaller file is read the ordinary way:
/// it is likely in the page cache already, and a direct read would fetch it
/// from the disk again where a bulk run is too short to hide the wait.
public struct LineReader {
  public static let defaultMaxLineBytes = 1 << 20
  /// The least buffer: large enough that a direct read moves a few MiB.
  static let chunkBytes = 4 << 20
  /// The smallest file read directly (64 MiB, about 32,000 cases).
  package static let directReadBytes = 64 << 20

  private let fd: Int32
  private let ownsDescriptor: Bool
  private let maxLineBytes: Int
  private let storage: AlignedBytes
  private var buffer: UnsafeMutableRawBufferPointer { storage.bytes }
  private var start = 0
  private var end = 0
  private var eof = false
  private var number = 0
  /// Whether reads bypass the page cache (see ``DirectIO``).
  package private(set) var readsDirectly = false
  /// Total bytes consumed so far (for progress).
  public private(set) var bytesRead = 0

  /// Opens `path` for reading; throws a message naming the file.
  public init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(BulkError) {
    try self.init(path: path, maxLineBytes: maxLineBytes, directFrom: LineReader.directReadBytes)
  }

  /// A reader of `path` that tries direct I/O for a file of at least
  /// `directFrom` bytes; nil never tries it (for tests that compare the two
  /// ways of reading).
  package init(path: String, maxLineBytes: Int, directFrom: Int?) throws(BulkError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw BulkError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
    self.init(descriptor: fd, owns: true, maxLineBytes: maxLineBytes)
    // Only a regular file: O_DIRECT on a pipe means packet mode.
    var status = stat()
    if let directFrom, fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_size >= directFrom
    {
      readsDirectly = DirectIO.set(fd, true)
    }
  }

  init(descriptor: Int32, owns: Bool, maxLineBytes: Int) {
    fd = descriptor
    ownsDescriptor = owns
    self.maxLineBytes = maxLineBytes
    // Room for the longest kept line, plus up to one alignment before it and
    // one block of read after it: a full buffer always means a long line.
    let least = maxLineBytes + 1 + 2 * DirectIO.alignment
    storage = AlignedBytes(count: DirectIO.alignedUp(max(LineReader.chunkBytes, least)))
  }

  public func close() { if ownsDescriptor { _ = Glibc.close(fd) } }

  /// Fills the buffer after compacting it; returns false at end of file.
  private mutating func fill() throws(BulkError) -> Bool {
    if start > 0 {
      let count = end - start
      // A direct read goes to an aligned offset: the kept bytes end there.
      let to = readsDirectly ? DirectIO.alignedUp(count) - count : 0
      if count > 0 { _ = memmove(buffer.baseAddress! + to, buffer.baseAddress! + start, count) }
      start = to
      end = to + count
    }
    while true {
      let room = readsDirectly ? (buffer.count - end) & ~(DirectIO.alignment - 1) : buffer.count - end
      guard room > 0 else { return true }
      let n = Glibc.read(fd, buffer.baseAddress! + end, room)
      if n < 0 {
        if errno == EINTR { continue }
        // Refused at read time, or left unaligned by a short read: go on
        // with ordinary reads from the same offset.
        if errno == EINVAL && readsDirectly {
          readsDirectly = false
          _ = DirectIO.set(fd, false)
          continue
        }
        throw BulkError("read failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 {
        eof = true
        return false
      }
      end += n
      bytesRead += n
      return true
    }
  }

  /// The index of the first newline in `buffer[from..<end]`, or nil (memchr).
  private func newline(from: Int) -> Int? {
    guard from < end else { return nil }
    guard let hit = memchr(buffer.baseAddress! + from, 0x0A, end - from) else { return nil }
    return UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.baseAddress!)
  }

  /// The line in `buffer[from..<to]`, without a trailing CR: valid until the next fill.
  private func line(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
    let count = to > from && buffer[to - 1] == 0x0D ? to - from - 1 : to - from
    return UnsafeRawBufferPointer(start: buffer.baseAddress! + from, count: count)
  }

  /// What the next line is.
  private enum Found {
    /// Its bytes in the buffer, valid until the next fill.
    case bytes(UnsafeRawBufferPointer)
    case tooLong(length: Int)
  }

  /// The next line's number and what it is, or nil at end of file.
  private mutating func nextLine() throws(BulkError) -> (number: Int, found: Found)? {
    while true {
      if let newline = newline(from: start) {
        number += 1
        // The limit holds exactly, whatever room the buffer has.
        if newline - start > maxLineBytes {
          let length = newline - start
          start = newline + 1
          return (number, .tooLong(length: length))
        }
        let found = line(start, newline)
        start = newline + 1
        return (number, .bytes(found))
      }
      if end - start > maxLineBytes {
        let length = try skipLongLine()
        return (number, .tooLong(length: length))
      }
      let more = eof ? false : try fill()
      if !more {
        guard end > start else { return nil }
        number += 1
        let found = line(start, end)
        start = end
        return (number, .bytes(found))
      }
    }
  }

  /// The next line, its bytes copied, or nil at end of file.
  public mutating func next() throws(BulkError) -> InputLine? {
    guard let (number, found) = try nextLine() else { return nil }
    switch found {
    // From a collection, which is specialized here: `Array(unsafeUninitializedCapacity:)`
    // allocated through the library's generic path (~650 instructions a line).
    case .bytes(let bytes): return InputLine(number: number, content: .bytes(Array(bytes)))
    case .tooLong(let length): return InputLine(number: number, content: .tooLong(length: length))
    }
  }

  /// Appends lines to `block` until it holds `count` or the file ends.
  public mutating func read(upTo count: Int, into block: inout LineBlock) throws(BulkError) {
    while block.count < count, let (number, found) = try nextLine() {
      switch found {
      case .bytes(let bytes): block.append(number: number, bytes: bytes)
      case .tooLong(let length): block.append(number: number, tooLong: length)
      }
    }
  }

  /// Skips to the end of a line that is too long to keep, counting it: its length.
  private mutating func skipLongLine() throws(BulkError) -> Int {
    number += 1
    var length = 0
    while true {
      if let newline = newline(from: start) {
        length += newline - start
        start = newline + 1
        return length
      }
      length += end - start
      start = end
      let more = try fill()
      if !more { return length }
    }
  }
}

/// A bulk run's own failure (I/O), as opposed to a bad input line.
public struct BulkError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
