import Foundation
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The output file stages bytes in aligned blocks and may write full ones
/// with direct I/O: whatever the pieces and the mode, the committed file
/// holds exactly the bytes appended, in order.
@Suite struct OutputFileTests {
  static let block = OutputFile.blockSize

  /// Seeded piece sizes from none to more than a block, through every
  /// `write` entry point, with totals that end inside a block and exactly
  /// on a block boundary (no tail left for the ordinary write).
  @Test(arguments: [(seed: 1, total: 2 * block + 12_345), (seed: 2, total: 2 * block), (seed: 3, total: 777)])
  func committedBytesAreTheBytesWritten(seed: Int, total: Int) throws {
    var random = SeededGenerator(seed: UInt64(seed))
    var expected: [UInt8] = []
    expected.reserveCapacity(total)
    var pieces: [[UInt8]] = []
    while expected.count < total {
      let wanted = [0, 1, 100, 4095, 4096, 65_537, OutputFileTests.block + 3].randomElement(using: &random)!
      let count = min(wanted, total - expected.count)
      var piece = (0..<count).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
      // Every third piece goes through writeLine, which adds its last byte.
      if pieces.count % 3 == 1, count > 0 { piece[count - 1] = 0x0A }
      pieces.append(piece)
      expected += piece
    }
    for directIO in [true, false] {
      let path = NSTemporaryDirectory() + "headroom-output-\(seed)-\(directIO)-\(getpid()).txt"
      defer { try? FileManager.default.removeItem(atPath: path) }
      let file = try OutputFile(path: path, directIO: directIO)
      for (k, piece) in pieces.enumerated() {
        switch k % 3 {
        case 1 where !piece.isEmpty: try file.writeLine(Array(piece.dropLast()))
        case 0, 1: try file.write(piece)
        default:
          var writer = JSONWriter()
          writer.append(contentsOf: piece)
          try file.write(writer)
        }
      }
      if !directIO { #expect(!file.writesDirectly) }
      try file.commit()
      let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(written.count == expected.count)
      #expect(written == expected, "direct I/O \(directIO), wrote directly \(file.writesDirectly)")
    }
  }

  /// writeLine adds one newline per call, across a block boundary too.
  @Test func linesEndInNewlines() throws {
    let path = NSTemporaryDirectory() + "headroom-output-lines-\(getpid()).txt"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try OutputFile(path: path)
    let line = [UInt8](repeating: 0x61, count: 1_000_000)  // 1,000,001 bytes a line with its newline
    for _ in 0..<5 { try file.writeLine(line) }
    try file.commit()
    let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(written.count == 5_000_005)
    #expect(
      written.indices.filter { written[$0] == 0x0A } == [
        1_000_000, 2_000_001, 3_000_002, 4_000_003, 5_000_004,
      ])
  }

  /// A file dropped without commit leaves neither the final name nor the
  /// partial file, even after whole blocks went to the disk.
  @Test func anUncommittedFileLeavesNothing() throws {
    let directory = NSTemporaryDirectory() + "headroom-output-drop-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let file = try OutputFile(path: directory + "/results.jsonl")
      try file.write([UInt8](repeating: 0x62, count: OutputFileTests.block + 10))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
  }
}
