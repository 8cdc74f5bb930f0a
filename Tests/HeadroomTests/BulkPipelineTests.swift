import Foundation
import Testing

@testable import Headroom

/// The bulk pipeline: batches come back in input order whatever the number
/// of workers, and a failed write stops the run cleanly.
@Suite struct BulkPipelineTests {
  /// Every batch is emitted once, in input order: the line numbers the
  /// rejects carry rise through the run, and every non-blank line is counted.
  @Test(arguments: [1, 2, 5]) func batchesArriveInInputOrder(jobs: Int) throws {
    let path = try BulkFastPathTests.portfolio(200 + jobs)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let processor = CaseLineProcessor(policies: PolicyLibrary())
    var runner = BulkRunner(jobs: jobs)
    runner.batchSize = 2
    var rejectLines: [Int] = []
    var tally = BulkTally()
    var lastProgress = (bytes: 0, lines: 0)
    try runner.run(
      path: path, processInto: processor.process(_:into:),
      emit: { (batch: BulkRunner.Batch) throws(BulkError) in
        tally.add(batch.tally)
        rejectLines += batch.rejects.map(\.line)
      },
      progress: { bytes, lines in
        #expect(bytes >= lastProgress.bytes && lines >= lastProgress.lines)
        lastProgress = (bytes, lines)
      })
    // The portfolio: 60 cases, bad objects at k = 3, 20, 37, 54 (k % 17 == 3),
    // "not json" at k = 7, 26, 45 (k % 19 == 7) and blank lines at k = 5, 18,
    // 31, 44, 57 (k % 13 == 5): 72 lines in all, 67 of them read.
    #expect(tally.read == 67 && tally.blank == 5)
    #expect(tally.written + tally.rejected == tally.read)
    #expect(rejectLines.count == 7)
    #expect(rejectLines == rejectLines.sorted())
    #expect(lastProgress.lines == 72)
  }

  /// A write that fails ends the run with its error after the batches
  /// before it, and none after; the workers still in flight finish first.
  @Test(arguments: [1, 2, 5]) func aFailedEmitEndsTheRun(jobs: Int) throws {
    let path = try BulkFastPathTests.portfolio(300 + jobs)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let processor = CaseLineProcessor(policies: PolicyLibrary())
    var runner = BulkRunner(jobs: jobs)
    runner.batchSize = 3
    var emitted = 0
    var message: String?
    do throws(BulkError) {
      try runner.run(
        path: path, processInto: processor.process(_:into:),
        emit: { (batch: BulkRunner.Batch) throws(BulkError) in
          if emitted == 4 { throw BulkError("disk full") }
          emitted += 1
        })
    } catch {
      message = error.description
    }
    #expect(message == "disk full")
    #expect(emitted == 4)
  }
}
