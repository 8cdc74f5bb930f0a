/// A batch's input lines with their bytes in one buffer.
///
/// A bulk run's reading thread copies every line it reads; into an array of
/// its own, each line cost a malloc and a free there (a 2 KB line is past
/// glibc's per-thread cache), about a tenth of that thread's time. A block
/// is one buffer a batch, emptied and reused from batch to batch.
public struct LineBlock: Sendable {
  /// Every kept line's bytes, one after another (no newlines, no trailing CRs).
  private var bytes: [UInt8] = []
  private var entries: [Entry] = []

  /// One line: its number, and where its bytes are (`start` is -1 for a
  /// line too long to keep, whose length is `count`).
  private struct Entry {
    var number: Int
    var start: Int
    var count: Int
  }

  public init() {}

  /// The number of lines.
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }
  /// The bytes of all the kept lines.
  public var byteCount: Int { bytes.count }

  /// Empties the block, keeping its memory for the next batch.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }

  /// Appends line `number` with a copy of `line`'s bytes.
  public mutating func append(number: Int, bytes line: UnsafeRawBufferPointer) {
    entries.append(Entry(number: number, start: bytes.count, count: line.count))
    bytes.append(contentsOf: line)
  }

  /// Appends line `number`, too long to keep: only its length.
  public mutating func append(number: Int, tooLong length: Int) {
    entries.append(Entry(number: number, start: -1, count: length))
  }

  /// Line `index` (0-based), its bytes copied out.
  public subscript(index: Int) -> InputLine {
    let entry = entries[index]
    guard entry.start >= 0 else { return InputLine(number: entry.number, content: .tooLong(length: entry.count)) }
    return InputLine(number: entry.number, content: .bytes(Array(bytes[entry.start..<entry.start + entry.count])))
  }

  /// Calls `body` with each line in order, its bytes borrowed for the call.
  public func forEach(_ body: (InputLine.Borrowed) -> Void) {
    bytes.withUnsafeBufferPointer { all in
      for entry in entries {
        if entry.start < 0 {
          body(InputLine.Borrowed(number: entry.number, content: .tooLong(length: entry.count)))
        } else {
          let line = UnsafeBufferPointer(rebasing: all[entry.start..<entry.start + entry.count])
          body(InputLine.Borrowed(number: entry.number, content: .bytes(line)))
        }
      }
    }
  }
}

extension InputLine {
  /// A line whose bytes belong to a ``LineBlock``: valid only during the
  /// call it is passed to.
  public struct Borrowed {
    public enum Content {
      /// The line's bytes, without the newline (and without a trailing CR).
      case bytes(UnsafeBufferPointer<UInt8>)
      /// A line longer than the reader keeps; its bytes were skipped.
      case tooLong(length: Int)
    }

    /// 1-based, counting every line, blank ones included.
    public var number: Int
    public var content: Content
  }

  /// Calls `body` with this line, its bytes borrowed for the call.
  func withBorrowed<Result>(_ body: (Borrowed) -> Result) -> Result {
    switch content {
    case .bytes(let bytes):
      bytes.withUnsafeBufferPointer { body(Borrowed(number: number, content: .bytes($0))) }
    case .tooLong(let length): body(Borrowed(number: number, content: .tooLong(length: length)))
    }
  }
}
