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
public struct LineReader {
  public static let defaultMaxLineBytes = 1 << 20

  private let fd: Int32
  private let ownsDescriptor: Bool
  private let maxLineBytes: Int
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var eof = false
  private var number = 0
  /// Total bytes consumed so far (for progress).
  public private(set) var bytesRead = 0

  /// Opens `path` for reading; throws a message naming the file.
  public init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(BulkError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BulkError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
    self.init(descriptor: fd, owns: true, maxLineBytes: maxLineBytes)
  }

  init(descriptor: Int32, owns: Bool, maxLineBytes: Int) {
    fd = descriptor
    ownsDescriptor = owns
    self.maxLineBytes = maxLineBytes
    buffer = [UInt8](repeating: 0, count: max(1 << 20, maxLineBytes + 1))
  }

  public func close() { if ownsDescriptor { _ = Glibc.close(fd) } }

  /// Fills the buffer after compacting it; returns false at end of file.
  private mutating func fill() throws(BulkError) -> Bool {
    if start > 0 {
      let count = end - start
      if count > 0 {
        buffer.withUnsafeMutableBufferPointer { b in
          _ = memmove(b.baseAddress!, b.baseAddress! + start, count)
        }
      }
      end = count
      start = 0
    }
    guard end < buffer.count else { return true }
    let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + end, b.count - end) }
    if n < 0 { throw BulkError("read failed: \(String(cString: strerror(errno)))") }
    if n == 0 {
      eof = true
      return false
    }
    end += n
    bytesRead += n
    return true
  }

  /// The index of the first newline in `buffer[from..<end]`, or nil (memchr).
  private func newline(from: Int) -> Int? {
    guard from < end else { return nil }
    return buffer.withUnsafeBufferPointer { b -> Int? in
      guard let hit = memchr(b.baseAddress! + from, 0x0A, end - from) else { return nil }
      return UnsafeRawPointer(hit) - UnsafeRawPointer(b.baseAddress!)
    }
  }

  /// A copy of `buffer[from..<to]`.
  private func copy(_ from: Int, _ to: Int) -> [UInt8] {
    let count = to - from
    guard count > 0 else { return [] }
    return buffer.withUnsafeBufferPointer { b in
      [UInt8](unsafeUninitializedCapacity: count) { line, initialized in
        line.baseAddress!.update(from: b.baseAddress! + from, count: count)
        initialized = count
      }
    }
  }

  /// The next line, or nil at end of file.
  public mutating func next() throws(BulkError) -> InputLine? {
    while true {
      if let newline = newline(from: start) {
        number += 1
        var lineEnd = newline
        if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = copy(start, lineEnd)
        start = newline + 1
        return InputLine(number: number, content: .bytes(line))
      }
      if end - start > maxLineBytes {
        return try skipLongLine()
      }
      let more = eof ? false : try fill()
      if !more {
        guard end > start else { return nil }
        number += 1
        let line = copy(start, end)
        start = end
        return InputLine(number: number, content: .bytes(line))
      }
    }
  }

  /// Skips to the end of a line that is too long to keep.
  private mutating func skipLongLine() throws(BulkError) -> InputLine {
    number += 1
    var length = 0
    while true {
      if let newline = newline(from: start) {
        length += newline - start
        start = newline + 1
        return InputLine(number: number, content: .tooLong(length: length))
      }
      length += end - start
      start = end
      let more = try fill()
      if !more { return InputLine(number: number, content: .tooLong(length: length)) }
    }
  }
}

/// A bulk run's own failure (I/O), as opposed to a bad input line.
public struct BulkError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
