import Headroom
import HeadroomTestSupport
import Testing

/// The JSON reader and writer: strict reading, and the writer's fast paths
/// agreeing with the plain formatting they replace.
@Suite struct JSONTests {
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

  /// Well-formed text takes the flat scanner; the same values must come out
  /// whatever the spacing, nesting, escapes or literals.
  @Test func wellFormedTextReadsTheSameWhateverTheSpacing() throws {
    let compact =
      #"{"a":[1,{"b":"x y","c":[]},{}],"d":{"e":null,"f":true,"g":false},"h":"\u00e6\n","i":"Gældsstyrelsen","j":-0.5e+3,"k":[[[]]]}"#
    let spaced =
      #" { "a" : [ 1 , { "b" : "x y" , "c" : [ ] } , { } ] ,"d":{ "e":null,"f" :true ,"g": false},"#
      + "\n\t\r" + #" "h" : "\u00e6\n" , "i" : "Gældsstyrelsen", "j" : -0.5e+3 , "k" : [ [ [ ] ] ] } "# + "\n"
    let a = try JSONParser.parse(Array(compact.utf8))
    let b = try JSONParser.parse(Array(spaced.utf8))
    #expect(a == b)
    #expect(a["d"]?["f"] == .bool(true))
    #expect(a["h"] == .string("æ\n"))
    #expect(a["i"] == .string("Gældsstyrelsen"))
    #expect(a["j"] == .number("-0.5e+3"))
    #expect(
      a["a"] == .array([.number("1"), .object([("b", .string("x y")), ("c", .array([]))]), .object([])]))
    for scalar in ["0", "-7", "\"\"", "true", "null", " [ ] ", "{}"] {
      #expect(throws: Never.self, "\(scalar)") { try JSONParser.parse(Array(scalar.utf8)) }
    }
  }

  /// Errors are found by the recursive scanner: same offsets and messages.
  @Test func errorsNameTheirOffset() {
    func errorIn(_ bytes: [UInt8]) -> JSONSyntaxError? {
      do {
        _ = try JSONParser.parse(bytes)
        return nil
      } catch { return error }
    }
    func error(_ text: String) -> JSONSyntaxError? { errorIn(Array(text.utf8)) }
    #expect(error(#"{"a":1,}"#)?.offset == 7)
    #expect(error(#"[1,2"#)?.message == "unexpected end of input")
    #expect(error(#"{"a":01}"#)?.message == "leading zero in a number")
    #expect(error(#"{"a":"x"#)?.message == "unterminated string")
    #expect(error("[\"a\u{0}\"]")?.message == "NUL byte in a string")
    #expect(error(#"{"a":tru}"#)?.message == "expected a value")
    #expect(error(#"{"a":1}}"#)?.message == "unexpected bytes after the value")
    #expect(
      error(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))?.message
        == "nesting deeper than 64")
    #expect(error(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
    #expect(errorIn([0x22, 0xC3, 0x28, 0x22])?.message == "invalid UTF-8 in a string")
  }
}
