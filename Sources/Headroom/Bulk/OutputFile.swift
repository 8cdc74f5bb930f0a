#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output written under a temporary name and renamed into place only by
/// ``commit()``: an interrupted run leaves nothing half-written under the
/// final name.
///
/// Bytes are staged in one aligned block, and full blocks go to the disk
/// with ``DirectIO`` where the file system takes it (about 3 s less kernel
/// time per 1.6 GB of results here). The last, partial block is always
/// written the ordinary way. The bytes in the file are the same either way.
public final class OutputFile {
  public let path: String
  private let temporaryPath: String
  private var fd: Int32
  /// The staging block, aligned for direct I/O.
  private let storage = AlignedBytes(count: OutputFile.blockSize)
  private var block: UnsafeMutableRawBufferPointer { storage.bytes }
  private var count = 0
  private var mode = Mode.undecided

  private enum Mode { case undecided, direct, buffered }

  /// Whether full blocks have been going to the disk directly.
  package var writesDirectly: Bool { mode == .direct }

  /// The block size: a multiple of ``DirectIO/alignment``, and large enough
  /// that one write per block costs little.
  package static let blockSize = 4 << 20

  public convenience init(path: String) throws(BulkError) {
    try self.init(path: path, directIO: true)
  }

  /// An output file; `directIO: false` never tries direct I/O (for tests
  /// that compare the two ways of writing).
  package init(path: String, directIO: Bool) throws(BulkError) {
    self.path = path
    if !directIO { mode = .buffered }
    temporaryPath = path + ".partial-\(getpid())"
    fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw BulkError("cannot create '\(temporaryPath)': \(String(cString: strerror(errno)))")
    }
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
    try write(bytes)
    try append(0x0A)
  }

  /// Appends raw bytes.
  public func write(_ bytes: [UInt8]) throws(BulkError) {
    let failure = bytes.withUnsafeBytes { raw -> BulkError? in
      do throws(BulkError) { try append(raw) } catch { return error }
      return nil
    }
    if let failure { throw failure }
  }

  /// Appends what `writer` holds (e.g. a batch's result lines, newlines
  /// included).
  public func write(_ writer: JSONWriter) throws(BulkError) {
    try writer.withUnsafeBytes { (bytes) throws(BulkError) in try append(bytes) }
  }

  private func append(_ byte: UInt8) throws(BulkError) {
    block[count] = byte
    count += 1
    if count == block.count { try writeBlock() }
  }

  private func append(_ bytes: UnsafeRawBufferPointer) throws(BulkError) {
    var offset = 0
    while offset < bytes.count {
      let n = min(bytes.count - offset, block.count - count)
      (block.baseAddress! + count).copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
      count += n
      offset += n
      if count == block.count { try writeBlock() }
    }
  }

  /// Writes the full staging block; the first one decides the mode.
  private func writeBlock() throws(BulkError) {
    if mode == .undecided { mode = DirectIO.set(fd, true) ? .direct : .buffered }
    try writeStaged()
  }

  /// Writes `block[0..<count]` and empties it.
  private func writeStaged() throws(BulkError) {
    var offset = 0
    while offset < count {
      let n = Glibc.write(fd, block.baseAddress! + offset, count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        // A file system may take O_DIRECT at open yet refuse the write, or a
        // short write may have left the offset unaligned: go on buffered.
        if errno == EINVAL && mode == .direct {
          mode = .buffered
          _ = DirectIO.set(fd, false)
          continue
        }
        throw BulkError("cannot write '\(temporaryPath)': \(String(cString: strerror(errno)))")
      }
      offset += n
    }
    count = 0
  }

  /// Writes the last block, syncs, closes and renames the file into place.
  public func commit() throws(BulkError) {
    // The last block is seldom a whole number of disk blocks.
    if mode == .direct {
      mode = .buffered
      _ = DirectIO.set(fd, false)
    }
    try writeStaged()
    guard fsync(fd) == 0, close(fd) == 0 else {
      throw BulkError("cannot finish '\(temporaryPath)': \(String(cString: strerror(errno)))")
    }
    fd = -1
    guard rename(temporaryPath, path) == 0 else {
      throw BulkError("cannot rename '\(temporaryPath)' to '\(path)': \(String(cString: strerror(errno)))")
    }
  }
}
