import Foundation
import Headroom
import Testing

/// The golden suite: hand-checked cases in `fixtures/golden/`.
///
/// Each fixture is `{"note": why the numbers are right, "case": a SPEC §3 case,
/// "expected": the SPEC §9 result}`. Every key present in `expected` must equal
/// the engine's output; objects match on the keys the fixture gives (so it may
/// leave out digests and messages), arrays element by element and in full.
@Suite struct GoldenTests {
  static let folder = fixturesURL.appendingPathComponent("golden")

  static let names: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()

  @Test func theSuiteIsThere() {
    #expect(Self.names.count >= 20, "expected at least 20 golden fixtures, found \(Self.names.count)")
  }

  @Test(arguments: names) func fixture(_ name: String) throws {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
    let fixture = try JSONParser.parse(bytes)
    guard case .string(let note)? = fixture["note"], !note.isEmpty else {
      Issue.record("\(name): a fixture must say why its numbers are right (note)")
      return
    }
    let caseJSON = try #require(fixture["case"], "\(name): no case")
    let expected = try #require(fixture["expected"], "\(name): no expected result")
    var writer = JSONWriter()
    writer.value(caseJSON)
    let assessment = try writer.bytes.withUnsafeBufferPointer { buffer in
      try Assessment(json: buffer, policies: PolicyLibrary())
    }
    let actual = try JSONParser.parse(assessment.jsonBytes())
    for difference in Self.differences(expected: expected, actual: actual, path: "") {
      Issue.record("\(name): \(difference)")
    }
  }

  /// Where `actual` departs from `expected`, as readable lines.
  static func differences(expected: JSONValue, actual: JSONValue?, path: String) -> [String] {
    guard let actual else { return ["\(path): missing, expected \(text(expected))"] }
    switch (expected, actual) {
    case (.object(let members), .object):
      return members.flatMap { member in
        differences(
          expected: member.value, actual: actual[member.key],
          path: path.isEmpty ? member.key : "\(path).\(member.key)")
      }
    case (.array(let want), .array(let got)):
      guard want.count == got.count else {
        return [
          "\(path): expected \(want.count) entries \(text(expected)), found \(got.count) \(text(actual))"
        ]
      }
      return zip(want, got).enumerated().flatMap {
        differences(expected: $1.0, actual: $1.1, path: "\(path)[\($0)]")
      }
    default:
      return expected == actual ? [] : ["\(path): expected \(text(expected)), found \(text(actual))"]
    }
  }

  static func text(_ value: JSONValue) -> String {
    var writer = JSONWriter()
    writer.value(value)
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}
