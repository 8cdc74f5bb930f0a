import ArgumentParser
import Headroom

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options every bulk command shares.
struct BulkOptions: ParsableArguments {
  @Option(help: "Worker threads; default: every core. Never changes the bytes written.")
  var jobs: Int?

  @ArgumentParser.Flag(help: "Fail the run (exit 65) when any line is rejected.")
  var strict = false

  var workerCount: Int { max(1, jobs ?? sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs: expected at least 1, found \(jobs)") }
  }
}

/// Nanoseconds since an arbitrary start.
func monotonicNanoseconds() -> Int {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

/// A progress line on standard error, only when it is a terminal.
struct Progress {
  let totalBytes: Int
  let start = monotonicNanoseconds()
  let enabled = isatty(2) == 1
  var cases = 0

  init(path: String) {
    var info = stat()
    totalBytes = stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  mutating func update(bytes: Int, cases: Int) {
    self.cases = cases
    guard enabled else { return }
    let elapsed = max(1, monotonicNanoseconds() - start)
    let rate = cases * 1_000_000_000 / elapsed
    let eta =
      bytes > 0 && totalBytes > bytes ? (totalBytes - bytes) * (elapsed / 1_000_000) / bytes / 1000 : 0
    printError("\r\(cases) cases, \(rate) cases/s, ETA \(eta) s   ", newline: false)
  }

  func finish() { if enabled { printError("") } }
}
