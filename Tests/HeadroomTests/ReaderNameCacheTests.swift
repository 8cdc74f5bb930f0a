import HeadroomTestSupport
import Testing

@testable import Headroom

/// The thread's name cache gives the String `String(checkedUTF8:)` makes,
/// whatever it held before and whatever follows the text.
@Suite struct ReaderNameCacheTests {
  static let pool = [
    "D1", "D2", "D10", "Card Co", "Water plc", "High Street Loans", "Catalogue Direct", "Borough Council",
    "Lowell Portfolio I Ltd", "Gældsstyrelsen", "Kronofogden – Stockholm", "exactly-sixteen!", "a", "",
    "thirty-two bytes exactly, yes!!!", "thirty-three bytes exactly, yes!!",
  ]

  @Test func cachedStringsAreTheTextsStrings() {
    let cache = NameCache()
    defer { cache.free() }
    var random = SeededGenerator(seed: 2_026_1125_06)
    let letters = Array("abcdefghijklmnopqrstuvwxyzABC 0123456789-_".utf8)
    for _ in 0..<50_000 {
      var name: [UInt8]
      if Bool.random(using: &random) {
        name = Array(Self.pool.randomElement(using: &random)!.utf8)
      } else {
        // Many distinct names, so slots are taken over.
        name = (0..<Int.random(in: 1...34, using: &random)).map { _ in letters.randomElement(using: &random)!
        }
      }
      let tail = (0..<Int.random(in: 0...40, using: &random)).map { _ in
        letters.randomElement(using: &random)!
      }
      let bytes = name + tail
      let got = bytes.withUnsafeBufferPointer { buffer in
        cache.string(UnsafeBufferPointer(rebasing: buffer[0..<name.count]), readable: buffer.count)
      }
      let expected = name.withUnsafeBufferPointer { String(checkedUTF8: $0) }
      #expect(got == expected)
      #expect(Array(got.utf8) == name)
    }
  }

  /// Debt lists read with the cache and without: the same ids and creditors, in order.
  @Test func debtListsReadTheSameWithTheCache() throws {
    let names = UnsafeMutablePointer<NameCache>.allocate(capacity: 1)
    names.initialize(to: NameCache())
    defer {
      names.pointee.free()
      names.deinitialize(count: 1)
      names.deallocate()
    }
    var random = SeededGenerator(seed: 2_026_1125_07)
    for _ in 0..<500 {
      let count = Int.random(in: 1...6, using: &random)
      let debts = (0..<count).map { k in
        let creditor = Self.pool.randomElement(using: &random)!
        return
          #"{"id": "D\#(k + 1)\#(Bool.random(using: &random) ? "x" : "")", "creditor": "\#(creditor)", "kind": "other", "balance": "10.00"}"#
      }
      let text = "[" + debts.joined(separator: ", ") + "]"
      let bytes = Array(text.utf8)
      let (cached, plain): ([Debt]?, [Debt]?) = bytes.withUnsafeBufferPointer { buffer in
        let tape = try! JSONTape(buffer)
        return tape.withRoot { root in
          (
            Debt.plainList(root, minorDigits: 2, names: names),
            Debt.plainList(root, minorDigits: 2)
          )
        }
      }
      let a = try #require(cached)
      let b = try #require(plain)
      #expect(a.map(\.id) == b.map(\.id))
      #expect(a.map(\.creditor) == b.map(\.creditor))
    }
  }
}
