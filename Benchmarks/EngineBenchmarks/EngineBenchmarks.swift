import Benchmark
import Foundation
import Headroom

// The engine: one case assessed in process (an agent's call), and a rescore
// of 10,000 generated cases through the bulk path (the nightly job).

/// A typical generated case: the first of seed 1 with 10 expenditure lines and 5 debts.
final class OneCase: Sendable {
  let json: [UInt8]
  let household: Case
  let pack: PolicyPack
  let policies: PolicyLibrary

  init() throws {
    let policies = PolicyLibrary()
    self.policies = policies
    var generator = PortfolioGenerator(seed: 1)
    for number in 1... {
      let bytes = generator.nextCase(number: number)
      let (household, pack) = try bytes.withUnsafeBufferPointer { try policies.read(json: $0) }
      if household.expenditure.count == 10 && household.debts.count == 5 {
        json = bytes
        self.household = household
        self.pack = pack
        return
      }
    }
    fatalError("unreachable")
  }
}

/// 10,000 generated cases (seed 1) in a temporary JSONL file.
final class Portfolio: Sendable {
  static let count = 10_000
  let directory: String
  let input: String

  init() throws {
    directory = NSTemporaryDirectory() + "headroom-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    input = directory + "/portfolio.jsonl"
    var generator = PortfolioGenerator(seed: 1)
    var bytes: [UInt8] = []
    for number in 1...Portfolio.count {
      bytes += generator.nextCase(number: number)
      bytes.append(0x0A)
    }
    try Data(bytes).write(to: URL(fileURLWithPath: input))
  }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }

  /// What `headroom rescore` does, without the summary: results and rejects
  /// written under temporary names and renamed into place.
  func rescore(jobs: Int) throws {
    let processor = CaseLineProcessor(policies: PolicyLibrary())
    let results = try OutputFile(path: directory + "/results.jsonl")
    let rejects = try OutputFile(path: directory + "/rejects.jsonl")
    var written = 0
    // The same path as the command: each line written straight into its batch.
    try BulkRunner(jobs: jobs).run(
      path: input, processInto: processor.process(_:into:),
      emit: { (batch: BulkRunner.Batch) throws(BulkError) in
        try results.write(batch.output)
        for reject in batch.rejects { try rejects.writeLine(reject.jsonBytes()) }
        written += batch.tally.written
      })
    try results.commit()
    try rejects.commit()
    precondition(written == Portfolio.count, "every generated case is assessed")
  }
}

let benchmarks: @Sendable () -> Void = {
  let single = Benchmark.Configuration(
    metrics: [.wallClock, .instructions, .mallocCountTotal, .freeCountTotal, .mallocFreeDelta, .throughput],
    timeUnits: .microseconds,
    maxDuration: .seconds(3),
    maxIterations: 100_000
  )

  // MARK: One case, in process

  // JSON text to Assessment: what `headroom assess` and every bulk line do before rendering.
  Benchmark("Assess one case (JSON in)", configuration: single) { benchmark, fixture in
    let assessment = fixture.json.withUnsafeBufferPointer { buffer in
      try? Assessment(json: buffer, policies: fixture.policies)
    }
    blackHole(assessment)
  } setup: {
    try OneCase()
  }

  // The engine alone, from an already-read Case.
  Benchmark("Assess one case (Case in)", configuration: single) { benchmark, fixture in
    blackHole(try? Assessment(assessing: fixture.household, under: fixture.pack))
  } setup: {
    try OneCase()
  }

  // JSON text in, SPEC §9 result bytes out: one bulk line's work.
  Benchmark("Assess one case (JSON in, JSON out)", configuration: single) { benchmark, fixture in
    let output = fixture.json.withUnsafeBufferPointer { buffer in
      try? Assessment(json: buffer, policies: fixture.policies).jsonBytes()
    }
    blackHole(output)
  } setup: {
    try OneCase()
  }

  // MARK: Bulk rescore

  let bulk = Benchmark.Configuration(
    metrics: [
      .wallClock, .cpuTotal, .instructions, .mallocCountTotal, .mallocFreeDelta, .peakMemoryResident,
    ],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(20),
    maxIterations: 10
  )
  for jobs in [1, 2] {
    var portfolio: Portfolio?
    Benchmark("Rescore 10,000 cases, \(jobs) job\(jobs == 1 ? "" : "s")", configuration: bulk) { benchmark in
      do { try portfolio!.rescore(jobs: jobs) } catch { benchmark.error("rescore failed: \(error)") }
    } setup: {
      portfolio = try Portfolio()
    } teardown: {
      portfolio?.remove()
      portfolio = nil
    }
  }
}
