#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Direct I/O (Linux `O_DIRECT`) for the bulk files: transfers between the
/// disk and the process's own buffers, bypassing the page cache.
///
/// On the virtual machines Headroom runs its nightly jobs on, a new
/// page-cache page costs the host a fault: passing a 2 GB portfolio and
/// 1.6 GB of results through the cache cost 2–5 s of kernel time, a quarter
/// of a 1,000,000-case run. Direct transfers need the buffer address, the
/// size and the file offset to be multiples of ``alignment``; a file system
/// that refuses them gets ordinary reads and writes instead, with the same
/// bytes.
enum DirectIO {
  /// The alignment of direct transfers: a multiple of every logical block
  /// size in use (512 B and 4 KiB).
  static let alignment = 4096

  /// Turns direct I/O on or off for `fd`; false when the system refuses.
  static func set(_ fd: Int32, _ on: Bool) -> Bool {
    #if os(Linux)
      let flags = fcntl(fd, F_GETFL)
      guard flags >= 0 else { return false }
      // Glibc's Swift module has O_DIRECT only under its internal name.
      return fcntl(fd, F_SETFL, on ? flags | __O_DIRECT : flags & ~__O_DIRECT) == 0
    #else
      return false
    #endif
  }

  /// `count` rounded up to a multiple of ``alignment``.
  static func alignedUp(_ count: Int) -> Int { (count + alignment - 1) & ~(alignment - 1) }
}

/// Bytes aligned for direct I/O, freed with their owner.
final class AlignedBytes {
  let bytes: UnsafeMutableRawBufferPointer

  init(count: Int) { bytes = .allocate(byteCount: count, alignment: DirectIO.alignment) }

  deinit { bytes.deallocate() }
}
