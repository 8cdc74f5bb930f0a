import ArgumentParser
import Headroom

/// `headroom generate`: a synthetic portfolio for demos, benchmarks and tests.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a realistic, deterministic synthetic portfolio (JSONL) to standard output.")

  @Option(help: "How many cases.")
  var count: Int

  @Option(help: "The seed: the same seed always gives the same bytes.")
  var seed: UInt64 = 1

  @Option(help: "The pack the cases name: gb-sfs, se-kfm, no-sit or dk-gst.")
  var policy: String = "gb-sfs"

  @Option(help: "The as_of date of every case (YYYY-MM-DD).")
  var asOf: String = "2026-11-22"

  func validate() throws {
    guard count >= 0 else { throw ValidationError("--count: expected a non-negative number") }
    guard PolicyPack.bundledIDs.contains(policy) else {
      throw ValidationError("--policy: expected one of \(PolicyPack.bundledIDs.joined(separator: ", "))")
    }
    guard CivilDate(asOf) != nil else { throw ValidationError("--as-of: expected YYYY-MM-DD") }
  }

  func run() {
    var generator = PortfolioGenerator(seed: seed, policy: policy, asOf: CivilDate(asOf)!)
    var output = StandardOutput()
    for number in 0..<count {
      output.write(generator.nextCase(number: number + 1))
      output.write([0x0A])
    }
    output.flush()
  }
}
