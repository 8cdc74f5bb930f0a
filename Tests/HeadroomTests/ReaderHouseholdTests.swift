import HeadroomTestSupport
import Testing

@testable import Headroom

/// The household read with its plain shortcuts (whole numbers and `[]`
/// straight from the tape) against the general readers alone; and the
/// circumstances built in place covering every stored property.
@Suite struct ReaderHouseholdTests {
  @Test func inPlaceCircumstancesCoverEveryStoredProperty() {
    #expect(Mirror(reflecting: Circumstances()).children.count == Circumstances.storedPropertyCount)
  }

  /// The household as the general readers read it.
  static func general(_ fields: ObjectReader<HouseholdKey>) throws(CaseError) -> Household {
    let adults = try fields.int(.adults, in: 1...99)
    let childAges = try fields.elements(.children) { value throws(CaseError) in
      try ObjectReader<ChildKey>(value).int(.age, in: 0...25)
    }
    guard childAges.count <= 99 else {
      throw CaseError(.invalidValue, path: fields.child(.children), "expected at most 99 children")
    }
    let vehicles = try fields.int(.vehicles, in: 0...99, default: 0)
    return Household(adults: adults, childAges: childAges, vehicles: vehicles)
  }

  static func describe(_ result: Result<Household, CaseError>) -> String {
    switch result {
    case .success(let h): return "\(h.adults) \(h.childAges) \(h.vehicles)"
    case .failure(let e): return "\(e.code) \(e.path) \(e.message)"
    }
  }

  @Test func householdsReadTheSameEitherWay() throws {
    let numbers = [
      "0", "1", "2", "99", "100", "-1", "-0", "1.0", "1e1", "123456789012345678901", "\"2\"", "null", "true",
      "[]",
    ]
    let children = [
      "[]", "[ ]", "null", "[{\"age\": 3}]", "[{\"age\": 30}]", "{}", "[1]", "[{\"age\": 3}, {\"age\": 0}]",
    ]
    var random = SeededGenerator(seed: 2_026_1125_08)
    var read = 0
    for _ in 0..<3_000 {
      var members: [String] = []
      if Int.random(in: 0..<6, using: &random) > 0 {
        members.append("\"adults\": \(numbers.randomElement(using: &random)!)")
      }
      if Bool.random(using: &random) {
        members.append("\"children\": \(children.randomElement(using: &random)!)")
      }
      if Bool.random(using: &random) {
        members.append("\"vehicles\": \(numbers.randomElement(using: &random)!)")
      }
      if Int.random(in: 0..<5, using: &random) == 0 { members.append("\"adults\": 2") }
      members.shuffle(using: &random)
      let text = "{" + members.joined(separator: ", ") + "}"
      let bytes = Array(text.utf8)
      let (fast, slow) = try bytes.withUnsafeBufferPointer { buffer in
        try JSONTape(buffer).withRoot { root in
          let fields = try! ObjectReader<HouseholdKey>(root)
          return (
            Self.describe(Result { () throws(CaseError) in try Household(fields) }),
            Self.describe(Result { () throws(CaseError) in try Self.general(fields) })
          )
        }
      }
      #expect(fast == slow, "\(text)")
      if !fast.contains(" ") || fast.first?.isNumber == true { read += 1 }
    }
    #expect(read > 300)
  }
}
