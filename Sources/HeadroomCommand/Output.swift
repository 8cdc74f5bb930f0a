#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one line to standard error.
func printError(_ line: String, newline: Bool = true) {
  var bytes = Array((line + (newline ? "\n" : "")).utf8)
  bytes.withUnsafeMutableBytes { raw in
    var offset = 0
    while offset < raw.count {
      let written = write(2, raw.baseAddress! + offset, raw.count - offset)
      if written <= 0 { return }
      offset += written
    }
  }
}

/// Buffered writes to standard output, for large outputs.
struct StandardOutput {
  private var pending: [UInt8] = []

  mutating func write(_ bytes: [UInt8]) {
    pending.append(contentsOf: bytes)
    if pending.count >= 1 << 20 { flush() }
  }

  mutating func flush() {
    pending.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
    pending.removeAll(keepingCapacity: true)
  }
}
