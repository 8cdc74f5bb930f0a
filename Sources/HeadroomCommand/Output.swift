#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one line to standard error.
func printError(_ line: String) {
  var bytes = Array((line + "\n").utf8)
  bytes.withUnsafeMutableBytes { raw in
    var offset = 0
    while offset < raw.count {
      let written = write(2, raw.baseAddress! + offset, raw.count - offset)
      if written <= 0 { return }
      offset += written
    }
  }
}
