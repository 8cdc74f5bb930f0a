import Foundation
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The line reader, with and without direct I/O, against lines split from
/// the same text independently: every line, number, CR and long line the
/// same, across the reader's 4 MiB chunks and aligned reads.
@Suite struct LineReaderTests {
  /// What a reader should return for `text`, worked out by splitting it.
  static func expectedLines(_ text: [UInt8], maxLineBytes: Int) -> [InputLine] {
    var pieces = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if text.last == 0x0A || text.isEmpty { pieces.removeLast() }
    return pieces.enumerated().map { k, piece in
      if piece.count > maxLineBytes {
        return InputLine(number: k + 1, content: .tooLong(length: piece.count))
      }
      let kept = piece.last == 0x0D ? Array(piece.dropLast()) : piece
      return InputLine(number: k + 1, content: .bytes(kept))
    }
  }

  static func describe(_ lines: [InputLine]) -> [String] {
    lines.map { line in
      switch line.content {
      case .bytes(let bytes):
        return "\(line.number) bytes \(bytes.count) \(bytes.prefix(8)) \(bytes.suffix(8))"
      case .tooLong(let length): return "\(line.number) too long \(length)"
      }
    }
  }

  /// Seeded lines: blank, short, at a 4 KiB multiple, just under, at and
  /// over the limit, some ending in CR, the last one with or without a
  /// newline; about 9 MiB in all, or one line longer than a chunk.
  @Test(arguments: [
    (seed: 1, maxLineBytes: 10_000), (seed: 2, maxLineBytes: 10_000), (seed: 3, maxLineBytes: 5 << 20),
  ])
  func directAndOrdinaryReadsGiveTheSameLines(seed: Int, maxLineBytes: Int) throws {
    var random = SeededGenerator(seed: UInt64(seed))
    var text: [UInt8] = []
    let target = 9 << 20
    while text.count < target {
      let length: Int
      switch Int.random(in: 0..<20, using: &random) {
      case 0: length = 0
      case 1: length = 4096 * Int.random(in: 1...3, using: &random)
      case 2: length = maxLineBytes + Int.random(in: -2...2, using: &random)
      case 3: length = min(maxLineBytes, 1 << 20) * 5 + 7
      default: length = Int.random(in: 1...3_000, using: &random)
      }
      text += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
      if Bool.random(using: &random), Int.random(in: 0..<4, using: &random) == 0 { text.append(0x0D) }
      text.append(0x0A)
    }
    if seed % 2 == 0 { text.removeLast() }  // a last line without its newline
    let path = NSTemporaryDirectory() + "headroom-lines-\(seed)-\(getpid()).jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(text).write(to: URL(fileURLWithPath: path))
    let expected = LineReaderTests.describe(LineReaderTests.expectedLines(text, maxLineBytes: maxLineBytes))
    // Many lines; with the large limit, a few kept lines longer than a chunk.
    #expect(expected.count > (maxLineBytes > LineReader.chunkBytes ? 5 : 1_000))
    for directIO in [true, false] {
      var reader = try LineReader(path: path, maxLineBytes: maxLineBytes, directFrom: directIO ? 0 : nil)
      defer { reader.close() }
      var lines: [InputLine] = []
      while let line = try reader.next() { lines.append(line) }
      let read = LineReaderTests.describe(lines)
      #expect(read.count == expected.count, "direct I/O \(directIO), read directly \(reader.readsDirectly)")
      #expect(read == expected, "direct I/O \(directIO), read directly \(reader.readsDirectly)")
      #expect(reader.bytesRead == text.count)
      // The same lines read into blocks of seeded sizes, one block reused
      // as a bulk run reuses it, borrowed and copied out alike.
      var blocks = try LineReader(path: path, maxLineBytes: maxLineBytes, directFrom: directIO ? 0 : nil)
      defer { blocks.close() }
      var block = LineBlock()
      var copied: [InputLine] = []
      var borrowed: [InputLine] = []
      while true {
        block.removeAll()
        let size = Int.random(in: 1...2_000, using: &random)
        try blocks.read(upTo: size, into: &block)
        #expect(block.count <= size)
        copied += (0..<block.count).map { block[$0] }
        block.forEach { line in
          switch line.content {
          case .bytes(let bytes): borrowed.append(InputLine(number: line.number, content: .bytes(Array(bytes))))
          case .tooLong(let length): borrowed.append(InputLine(number: line.number, content: .tooLong(length: length)))
          }
        }
        if block.count < size { break }
      }
      #expect(LineReaderTests.describe(copied) == expected, "blocks, direct I/O \(directIO)")
      #expect(LineReaderTests.describe(borrowed) == expected, "borrowed, direct I/O \(directIO)")
    }
  }

  /// Direct reads only for a file of at least the threshold (a small one is
  /// likely in the page cache), and never for one that is not a regular file.
  @Test func directReadsAreForLargeRegularFiles() throws {
    let path = NSTemporaryDirectory() + "headroom-lines-small-\(getpid()).jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("{}\n".utf8).write(to: URL(fileURLWithPath: path))
    let small = try LineReader(path: path)
    #expect(!small.readsDirectly)
    small.close()
    let pipe = try LineReader(path: "/dev/zero", maxLineBytes: 16, directFrom: 0)
    #expect(!pipe.readsDirectly)
    pipe.close()
    #expect(LineReader.directReadBytes == 64 << 20)
  }
}
