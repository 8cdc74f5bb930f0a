import HeadroomTestSupport
import Testing

@testable import Headroom

/// The word-at-a-time decimal reader against the byte-by-byte one: the
/// same value (the same Rational) or both nil, whatever follows the text.
@Suite struct ReaderDecimalWordTests {
  static let maxima: [Int?] = [0, 1, 2, 3, 6, nil]

  /// Reads the first `count` bytes of `bytes` both ways (the word reader
  /// may load all of `bytes`, at least 8).
  static func check(_ bytes: [UInt8], count: Int, sink: inout Int) {
    bytes.withUnsafeBufferPointer { buffer in
      let text = UnsafeBufferPointer(rebasing: buffer[0..<count])
      for places in maxima {
        let word = FieldReader.plainDecimal(text, maxFractionDigits: places, readable: buffer.count)
        let bytewise = FieldReader.plainDecimalByteByByte(text, maxFractionDigits: places)
        #expect(word == bytewise, "\(String(decoding: text, as: UTF8.self)) places \(places ?? -1)")
        if word != nil { sink += 1 }
      }
    }
  }

  @Test func seededTextsReadTheSameEitherWay() {
    let alphabet =
      Array("00112233445566778899....-+e/: ".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xAE, 0xB0, 0xFF]
    var random = SeededGenerator(seed: 2_026_1125_05)
    var read = 0
    for _ in 0..<60_000 {
      let count = Int.random(in: 1...8, using: &random)
      let plain = Bool.random(using: &random)
      var bytes = (0..<count).map { _ in
        plain
          ? UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random)
          : alphabet.randomElement(using: &random)!
      }
      if plain && count >= 3 && Bool.random(using: &random) {
        bytes[Int.random(in: 0..<count, using: &random)] = UInt8(ascii: ".")
      }
      // What follows the text in the line: digits, points, quotes, anything.
      bytes += (0..<8).map { _ in alphabet.randomElement(using: &random)! }
      Self.check(bytes, count: count, sink: &read)
    }
    #expect(read > 20_000)
  }

  /// Every text of up to four bytes from digits, points and a neighbour of each.
  @Test func everyShortTextReadsTheSameEitherWay() {
    let alphabet = Array("0159./:".utf8)
    var read = 0
    var texts: [[UInt8]] = [[]]
    for _ in 1...4 {
      texts = texts.flatMap { text in alphabet.map { text + [$0] } }
      for text in texts {
        Self.check(text + Array("9.9\"}, 1".utf8), count: text.count, sink: &read)
      }
    }
    #expect(read > 500)
  }

  /// Eight digits, the most one word holds, and the reductions of 2 and 5.
  @Test func knownValues() {
    func word(_ text: String, _ places: Int? = nil) -> Rational? {
      Array((text + "________").utf8).withUnsafeBufferPointer {
        FieldReader.plainDecimalWord($0.baseAddress!, text.utf8.count, maxFractionDigits: places)
      }
    }
    #expect(word("99999999") == Rational(99_999_999))
    #expect(word("12.50") == Rational(25) / Rational(2))
    #expect(word("0.04") == Rational(1) / Rational(25))
    #expect(word("600.00") == Rational(600))
    #expect(word("0.125", 2) == nil)
    #expect(word("1234.5.") == nil)
    #expect(word(".5") == nil)
    #expect(word("5.") == nil)
  }
}
