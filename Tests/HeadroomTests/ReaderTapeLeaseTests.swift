import HeadroomTestSupport
import Testing

@testable import Headroom

/// The bulk reader's scoped tape (``JSONTape/withRoot(of:_:)``, memory
/// leased from the thread's spare) against a ``JSONTape`` value: the same
/// tree or the same error; and the lease's memory handed on only when free.
@Suite struct ReaderTapeLeaseTests {
  static func scoped(_ bytes: [UInt8]) -> Result<JSONValue, CaseError> {
    bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CaseError) -> JSONValue in
        try JSONTape.withRoot(of: buffer) { root, _ in root.value }
      }
    }
  }

  static func general(_ bytes: [UInt8]) -> Result<JSONValue, CaseError> {
    bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CaseError) -> JSONValue in
        do throws(JSONSyntaxError) {
          return try JSONTape(buffer).withRoot { $0.value }
        } catch {
          throw CaseError(.invalidJSON, path: "", error.description)
        }
      }
    }
  }

  static func describe(_ result: Result<JSONValue, CaseError>) -> String {
    switch result {
    case .success(let value):
      var writer = JSONWriter()
      writer.value(value)
      return String(decoding: writer.bytes, as: UTF8.self)
    case .failure(let error): return "\(error.code) \(error.path) \(error.message)"
    }
  }

  /// Every prefix of a case, and the case with seeded bytes replaced.
  @Test func scopedTapesReadLikeTapeValues() {
    let text = Array(PlainReadingTests.text(debt: PlainReadingTests.plainDebt).utf8)
    var inputs = (0...text.count).map { Array(text.prefix($0)) }
    var random = SeededGenerator(seed: 2_026_1125_04)
    let replacements: [UInt8] = Array(#"{}[]",:\ 0a-.e"#.utf8) + [0x00, 0x1F, 0xC3, 0xFF]
    for _ in 0..<2_000 {
      var bytes = text
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes[Int.random(in: 0..<bytes.count, using: &random)] = replacements.randomElement(using: &random)!
      }
      inputs.append(bytes)
    }
    inputs.append(Array("  \n".utf8))
    var read = 0
    for bytes in inputs {
      let scoped = Self.describe(Self.scoped(bytes))
      #expect(scoped == Self.describe(Self.general(bytes)), "\(String(decoding: bytes, as: UTF8.self))")
      if scoped.hasPrefix("{") { read += 1 }
    }
    #expect(read > 100)
  }

  @Test func leasedMemoryIsHandedOnOnlyWhenFree() {
    // Holds whatever spare an earlier test left on this thread.
    let earlier = TokenStorage(capacity: 1)
    var first: UnsafeMutablePointer<JSONTape.Token>
    do {
      let lease = TokenStorage.Lease(capacity: 100, quoteWords: 2)
      first = lease.base
      let meanwhile = TokenStorage.Lease(capacity: 50, quoteWords: 1)
      let storage = TokenStorage(capacity: 50)
      #expect(meanwhile.base != first && storage.base != first && storage.base != meanwhile.base)
      withExtendedLifetime(storage) {}
      meanwhile.end()
      lease.end()
    }
    // The larger of the two handed back is kept.
    let next = TokenStorage.Lease(capacity: 100, quoteWords: 2)
    #expect(next.base == first)
    next.end()
    let storage = TokenStorage(capacity: 100, quoteWords: 2)
    #expect(storage.base == first)
    withExtendedLifetime((storage, earlier)) {}
  }
}
