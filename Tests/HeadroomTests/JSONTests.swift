import Headroom
import HeadroomTestSupport
import Testing

/// The JSON reader and writer: strict reading, and the writer's fast paths
/// agreeing with the plain formatting they replace.
@Suite struct JSONTests {
  func written(_ body: (inout JSONWriter) -> Void) -> String {
    var w = JSONWriter()
    body(&w)
    return String(decoding: w.bytes, as: UTF8.self)
  }

  @Test func fixedDecimalEdges() {
    #expect(written { $0.fixedDecimal(minorUnits: 0, digits: 2) } == #""0.00""#)
    #expect(written { $0.fixedDecimal(minorUnits: -5, digits: 2) } == #""-0.05""#)
    #expect(written { $0.fixedDecimal(minorUnits: 123456, digits: 2) } == #""1234.56""#)
    #expect(written { $0.fixedDecimal(minorUnits: 7, digits: 0) } == #""7""#)
    #expect(written { $0.fixedDecimal(minorUnits: 1234, digits: 4) } == #""0.1234""#)
    #expect(written { $0.fixedDecimal(minorUnits: Int64.min, digits: 2) } == #""-92233720368547758.08""#)
  }

  @Test func fixedDecimalAgreesWithMoneyFormat() {
    var random = SeededGenerator(seed: 31)
    for _ in 0..<10_000 {
      let units =
        Int64.random(in: Int64.min...Int64.max, using: &random) >> Int.random(in: 0...60, using: &random)
      let digits = Int.random(in: 0...4, using: &random)
      let expected = "\"" + Money.format(minorUnits: Rational(Int(units)), minorDigits: digits) + "\""
      #expect(written { $0.fixedDecimal(minorUnits: units, digits: digits) } == expected)
    }
  }

  @Test func exactFormsAgreeWithDescription() {
    var random = SeededGenerator(seed: 32)
    for _ in 0..<10_000 {
      let value = random.rational()
      #expect(written { $0.exact(value) } == "\"\(value.description)\"")
    }
  }

  @Test func stringsAreEscaped() {
    #expect(written { $0.string("plain") } == #""plain""#)
    #expect(written { $0.string("a\"b\\c\nd\u{1}") } == #""a\"b\\c\nd\u0001""#)
    #expect(written { $0.string("Gældsstyrelsen") } == "\"Gældsstyrelsen\"")
  }

  @Test func readerKeepsNumberTextAndRefusesBadInput() throws {
    let value = try JSONParser.parse(Array(#"{"a": 1650.00, "b": -0.5e-3, "c": "\u00e6\ud83d\ude00"}"#.utf8))
    #expect(value["a"] == .number("1650.00"))
    #expect(value["b"] == .number("-0.5e-3"))
    #expect(value["c"] == .string("æ😀"))
    for bad in ["{", "[1,]", "01", "1.", "\"\u{1}\"", "{\"a\" 1}", "nul", "[1] 2", "\"\\ud800\"", "\"\\x\""] {
      #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONParser.parse(Array(bad.utf8)) }
    }
  }
}
