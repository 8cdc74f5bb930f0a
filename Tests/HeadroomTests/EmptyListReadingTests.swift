import HeadroomTestSupport
import Testing

@testable import Headroom

/// `ObjectReader.isEmptyArray` (which lets circumstances skip the element
/// readers for `[]`) says yes exactly when `elements` reads no elements
/// without an error, and circumstances read the same either way.
@Suite struct EmptyListReadingTests {
  /// Member values, some empty (with seeded whitespace), some not, some not arrays.
  static func values(_ random: inout SeededGenerator) -> [String?] {
    let spaces = [" ", "\n", "\t", "\r\n ", ""]
    func space() -> String { spaces[Int.random(in: 0..<spaces.count, using: &random)] }
    return [
      nil, "null", "[]", "[\(space())]", "[\(space())\(space())]", "[\(space())\"health\"\(space())]",
      "[\"health\",\(space())\"life_event\"]", "[[]]", "[null]", "[{}]", "{}", "\"\"", "0", "true",
    ]
  }

  static func withFields<R>(_ text: String, _ body: (ObjectReader<CircumstancesKey>) throws -> R) throws -> R
  {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
      let tape = try JSONTape(buffer)
      return try tape.withRoot { root in try body(try ObjectReader<CircumstancesKey>(root)) }
    }
  }

  static func object(_ key: String, _ value: String?) -> String {
    guard let value else { return "{\"insolvency\": null}" }
    return "{\"\(key)\": \(value)}"
  }

  @Test func emptyArrayCheckAgreesWithElements() throws {
    var random = SeededGenerator(seed: 81)
    for _ in 0..<50 {
      for value in Self.values(&random) {
        for key in [CircumstancesKey.vulnerabilities, .disputedDebts] {
          let name = key == .vulnerabilities ? "vulnerabilities" : "disputed_debts"
          try Self.withFields(Self.object(name, value)) { fields in
            var calls = 0
            let read: [Int]? = try? fields.elements(key) { _ throws(CaseError) in
              calls += 1
              return 1
            }
            let empty = read.map(\.isEmpty) ?? false
            #expect(fields.isEmptyArray(key) == empty, "\(name): \(value ?? "absent")")
            if fields.isEmptyArray(key) { #expect(calls == 0) }
          }
        }
      }
    }
  }

  @Test func circumstancesReadTheSameLists() throws {
    let debts = DebtIDs(distinct: [])
    let cases: [(String, [Vulnerability]?, [String]?)] = [
      ("{}", [], []),
      ("{\"vulnerabilities\": [], \"disputed_debts\": [ ]}", [], []),
      ("{\"vulnerabilities\": null, \"disputed_debts\": null}", [], []),
      ("{\"vulnerabilities\": [\"health\", \"resilience\"]}", [.health, .resilience], []),
      ("{\"vulnerabilities\": {}}", nil, []),
      ("{\"vulnerabilities\": [\"nope\"]}", nil, []),
      ("{\"disputed_debts\": [\"d1\"]}", [], nil),
      ("{\"disputed_debts\": \"d1\"}", [], nil),
    ]
    for (text, vulnerabilities, disputed) in cases {
      let read: Circumstances? = try Self.withFields(text) { fields in
        try? Circumstances(fields, debtIDs: debts)
      }
      if let vulnerabilities, let disputed {
        let read = try #require(read, "\(text)")
        #expect(read.vulnerabilities == vulnerabilities, "\(text)")
        #expect(read.disputedDebts == disputed, "\(text)")
      } else {
        #expect(read == nil, "\(text) must be refused")
      }
    }
  }
}
