import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// ``KeyTable`` lookups by bytes against a dictionary of the same names
/// (the first position of a repeated name), on seeded name lists and
/// probes that differ from a name in one byte, its length, or not at all.
@Suite struct Reader3KeyTableTests {
  static func position(_ table: KeyTable, _ name: [UInt8]) -> Int? {
    // The bytes sit inside a larger buffer, as names do inside a line.
    let padded = [0x22] + name + [0x22, 0x7D]
    return padded.withUnsafeBufferPointer { buffer in
      table.index(UnsafeBufferPointer(rebasing: buffer[1..<(1 + name.count)]))
    }
  }

  @Test func lookupsAgreeWithADictionary() {
    var random = SeededGenerator(seed: 311)
    let alphabet = Array("abcde-_xyz".utf8)
    for round in 0..<300 {
      let count = Int.random(in: 0...120, using: &random)
      var names: [[UInt8]] = []
      for _ in 0..<count {
        if !names.isEmpty && Int.random(in: 0..<10, using: &random) == 0 {
          names.append(names.randomElement(using: &random)!)  // a repeat keeps its first position
        } else {
          let length = Int.random(in: 0..<10, using: &random) == 0 ? 0 : Int.random(in: 1...40, using: &random)
          names.append((0..<length).map { _ in alphabet.randomElement(using: &random)! })
        }
      }
      var expected: [[UInt8]: Int] = [:]
      for (k, name) in names.enumerated() where expected[name] == nil { expected[name] = k }
      let table = KeyTable(names.map { String(decoding: $0, as: UTF8.self) })
      for name in names {
        #expect(Self.position(table, name) == expected[name], "round \(round): \(name)")
        guard !name.isEmpty else { continue }
        // One byte changed, one dropped, one added.
        var changed = name
        let at = Int.random(in: 0..<name.count, using: &random)
        changed[at] = alphabet.randomElement(using: &random)!
        var shorter = name
        shorter.remove(at: at)
        let longer = name + [alphabet.randomElement(using: &random)!]
        for probe in [changed, shorter, longer] {
          #expect(Self.position(table, probe) == expected[probe], "round \(round): \(probe)")
        }
      }
      #expect(Self.position(table, []) == expected[[]])
    }
  }

  /// The tables the readers use find each of their names at its position.
  @Test func readerTablesFindTheirNames() {
    for table in [Case.debtKindTable, CaseKey.table, DebtKey.table, LineKey.table] {
      for (k, name) in table.names.enumerated() {
        #expect(Self.position(table, Array(name.utf8)) == k, "\(name)")
      }
    }
    for (k, category) in SFSCategories.standard.all.enumerated() {
      let found = Array(category.name.utf8).withUnsafeBufferPointer { SFSCategories.standard.category(utf8: $0) }
      #expect(found?.name == category.name, "\(k): \(category.name)")
    }
  }
}
