import HeadroomTestSupport
import Testing

@testable import Headroom

/// The bulk read (the root's members found once for the pack and the case,
/// the case built in place) against the general one: the policy found by
/// `JSONNode.member`, the case read by `Case(node:)`, assessed under the
/// copied pack. Same result bytes, or the same error code, path and message.
@Suite struct ReaderSharedRootTests {
  /// Every stored property of `Case` is one `Case.initialize` sets.
  @Test func inPlaceInitializationCoversEveryStoredProperty() {
    let household = Case(
      id: "C", asOf: CivilDate(year: 2026, month: 1, day: 1)!, household: Household(adults: 1))
    #expect(Mirror(reflecting: household).children.count == Case.storedPropertyCount)
  }

  /// What a run writes for one line: the result line, or the error.
  static func outcome(_ result: Result<Assessment, CaseError>) -> String {
    switch result {
    case .success(let assessment):
      var writer = JSONWriter()
      assessment.writeJSONLine(to: &writer)
      return String(decoding: writer.bytes, as: UTF8.self)
    case .failure(let error):
      return "\(error.code) \(error.path) \(error.message)"
    }
  }

  static func general(_ text: String, _ library: PolicyLibrary, asOf: CivilDate?) -> Result<
    Assessment, CaseError
  > {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CaseError) -> Assessment in
        let tape: JSONTape
        do throws(JSONSyntaxError) { tape = try JSONTape(buffer) } catch {
          throw CaseError(.invalidJSON, path: "", error.description)
        }
        let (household, pack) = try tape.withRoot { (root) throws(CaseError) -> (Case, PolicyPack) in
          var requested: String?
          if let name = root.member("policy"), name.token.kind == .string { requested = name.string }
          let pack = try library.pack(for: requested)
          var household = try Case(node: root, defaultCurrency: pack.currency)
          if let asOf { household.asOf = asOf }
          return (household, pack)
        }
        return try Assessment(assessing: household, under: pack)
      }
    }
  }

  static func bulk(_ text: String, _ library: PolicyLibrary, asOf: CivilDate?) -> Result<
    Assessment, CaseError
  > {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CaseError) -> Assessment in try library.assessment(json: buffer, asOf: asOf) }
    }
  }

  /// One case's text, its root members in a seeded order with seeded
  /// variations of `policy` (absent, null, a number, escaped, repeated,
  /// unknown) and of the other members.
  static func text(_ random: inout SeededGenerator) -> String {
    var members: [String] = [
      #""id": "R-\#(Int.random(in: 1...999, using: &random))""#,
      #""as_of": "\#(["2026-11-22", "2026-02-30", "2019-01-01"].randomElement(using: &random)!)""#,
      #""household": {"adults": \#(Int.random(in: 0...3, using: &random))}"#,
      #""income": [{"category": "client-salary-or-wages", "amount": "1200.00", "frequency": "monthly"}]"#,
      #""expenditure": [{"category": "rent", "amount": "600.00", "frequency": "monthly"}]"#,
      #""debts": [{"id": "D1", "kind": "credit_card", "balance": "900.00"}, {"id": "D2", "kind": "council_tax", "balance": "300.00", "arrears": "300.00"}]"#,
    ]
    let policies = [
      #""policy": "gb-sfs""#, #""policy": null"#, #""policy": 7"#, #""pol\u0069cy": "gb-sfs""#,
      #""policy": "nowhere""#, #""policy": "se-kfm""#, #""policy": "gb-\u0073fs""#,
    ]
    for _ in 0..<Int.random(in: 0...2, using: &random) {
      members.append(policies.randomElement(using: &random)!)
    }
    if Bool.random(using: &random) {
      members.append(#""currency": "\#(["GBP", "SEK", "XYZ"].randomElement(using: &random)!)""#)
    }
    if Int.random(in: 0..<8, using: &random) == 0 { members.removeFirst() }
    members.shuffle(using: &random)
    return "{" + members.joined(separator: ", ") + "}"
  }

  @Test func theBulkReadAgreesWithTheGeneralOne() {
    var random = SeededGenerator(seed: 2_026_1125_03)
    let overrides: [CivilDate?] = [nil, CivilDate(year: 2026, month: 12, day: 1)]
    for source in [PolicySource.named, .bundled("gb-sfs")] {
      let library = PolicyLibrary(source: source)
      var assessed = 0
      for _ in 0..<400 {
        let text = Self.text(&random)
        let asOf = overrides.randomElement(using: &random)!
        let fast = Self.outcome(Self.bulk(text, library, asOf: asOf))
        #expect(fast == Self.outcome(Self.general(text, library, asOf: asOf)), "\(text)")
        if fast.hasPrefix("{") { assessed += 1 }
      }
      #expect(assessed > 50)
    }
  }

  /// Roots that are not objects: the pack's error (a bad overlay) comes first, as before.
  @Test func rootsThatAreNotObjectsFailAsBefore() {
    for text in ["[1, 2]", "\"case\"", "17", "null"] {
      for library in [PolicyLibrary(), PolicyLibrary(overlay: Array("{".utf8))] {
        let fast = Self.outcome(Self.bulk(text, library, asOf: nil))
        #expect(fast == Self.outcome(Self.general(text, library, asOf: nil)))
        #expect(!fast.hasPrefix("{"))
      }
    }
  }
}
