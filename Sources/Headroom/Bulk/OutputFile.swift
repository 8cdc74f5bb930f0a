#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output written under a temporary name and renamed into place only by
/// ``commit()``: an interrupted run leaves nothing half-written under the
/// final name.
public final class OutputFile {
  public let path: String
  private let temporaryPath: String
  private var fd: Int32
  private var pending: [UInt8] = []
  private static let flushAt = 1 << 20

  public init(path: String) throws(BulkError) {
    self.path = path
    temporaryPath = path + ".partial-\(getpid())"
    fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw BulkError("cannot create '\(temporaryPath)': \(String(cString: strerror(errno)))")
    }
    pending.reserveCapacity(OutputFile.flushAt * 2)
  }

  deinit {
    // Not committed: remove the partial file.
    if fd >= 0 {
      _ = close(fd)
      _ = unlink(temporaryPath)
    }
  }

  /// Appends `bytes` and a newline.
  public func writeLine(_ bytes: [UInt8]) throws(BulkError) {
    pending.append(contentsOf: bytes)
    pending.append(0x0A)
    if pending.count >= OutputFile.flushAt { try flush() }
  }

  /// Appends raw bytes.
  public func write(_ bytes: [UInt8]) throws(BulkError) {
    pending.append(contentsOf: bytes)
    if pending.count >= OutputFile.flushAt { try flush() }
  }

  /// Appends what `writer` holds (e.g. a batch's result lines, newlines
  /// included); a large block goes to the file without being copied.
  public func write(_ writer: JSONWriter) throws(BulkError) {
    try writer.withUnsafeBytes { (bytes) throws(BulkError) in
      if bytes.count < OutputFile.flushAt {
        pending.append(contentsOf: bytes)
        if pending.count >= OutputFile.flushAt { try flush() }
      } else {
        try flush()
        try writeAll(bytes)
      }
    }
  }

  private func flush() throws(BulkError) {
    let failure = pending.withUnsafeBytes { raw -> BulkError? in
      do throws(BulkError) { try writeAll(raw) } catch { return error }
      return nil
    }
    if let failure { throw failure }
    pending.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(BulkError) {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        throw BulkError("cannot write '\(temporaryPath)': \(String(cString: strerror(errno)))")
      }
      offset += n
    }
  }

  /// Flushes, syncs, closes and renames the file into place.
  public func commit() throws(BulkError) {
    try flush()
    guard fsync(fd) == 0, close(fd) == 0 else {
      throw BulkError("cannot finish '\(temporaryPath)': \(String(cString: strerror(errno)))")
    }
    fd = -1
    guard rename(temporaryPath, path) == 0 else {
      throw BulkError("cannot rename '\(temporaryPath)' to '\(path)': \(String(cString: strerror(errno)))")
    }
  }
}
