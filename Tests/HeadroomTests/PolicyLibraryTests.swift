@testable import Headroom
import HeadroomTestSupport
import Testing

/// The library hands out each loaded pack by reference; what a case is
/// assessed under must be the pack `pack(for:)` and `read(json:)` give.
@Suite struct PolicyLibraryTests {
  static let base = """
    {"id": "L-1", "as_of": "2026-11-22", "policy": "gb-sfs", "household": {"adults": 1},
     "income": [{"category": "client-salary-or-wages", "amount": "1200.00", "frequency": "monthly"}],
     "expenditure": [{"category": "rent", "amount": "600.00", "frequency": "monthly"}],
     "debts": [{"id": "D1", "kind": "credit_card", "balance": "900.00"},
               {"id": "D2", "kind": "council_tax", "balance": "300.00", "arrears": "300.00"}]}
    """

  @Test func eachPackIsLoadedOnceAndSharedAfter() throws {
    let library = PolicyLibrary()
    var random = SeededGenerator(seed: 2_026_1125)
    var first: [String: PolicyLibrary.LoadedPack] = [:]
    for _ in 0..<200 {
      let requested: String? = Bool.random(using: &random) ? nil : PolicyPack.bundledIDs.randomElement(using: &random)
      let key = requested ?? "gb-sfs"
      let loaded = try library.loadedPack(for: requested)
      #expect(loaded.pack.id == key)
      if let earlier = first[key] { #expect(earlier === loaded) } else { first[key] = loaded }
      let copy = try library.pack(for: requested)
      #expect(copy.id == key && copy.digest == loaded.pack.digest)
      #expect(copy.digest == (try PolicyPack.bundled(key)).digest)
    }
    #expect(Set(first.keys) == Set(PolicyPack.bundledIDs))
  }

  /// `Assessment(json:)` (the shared pack) writes what reading the case and
  /// assessing it under the copied pack writes.
  @Test func theSharedPackAssessesLikeTheCopy() throws {
    let library = PolicyLibrary()
    for text in [Self.base, Self.base.replacingOccurrences(of: #""policy": "gb-sfs", "#, with: "")] {
      var bytes = Array(text.utf8)
      let (shared, copied): (Assessment, Assessment) = try bytes.withUnsafeMutableBufferPointer { buffer in
        let input = UnsafeBufferPointer(buffer)
        let (household, pack) = try library.read(json: input)
        #expect(pack.id == "gb-sfs")
        return (
          try Assessment(json: input, policies: library),
          try Assessment(assessing: household, under: pack)
        )
      }
      var a = JSONWriter()
      shared.writeJSONLine(to: &a)
      var b = JSONWriter()
      copied.writeJSONLine(to: &b)
      #expect(a.bytes == b.bytes)
      #expect(a.bytes.count > 100)
    }
  }
}
