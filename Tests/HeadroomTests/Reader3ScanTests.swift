import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The plain scanner's member path (a name, its colon and a string value
/// read without a trip through the value dispatch) against the strict
/// scanner: compact objects of string members, cut and broken at every
/// offset, give the strict scanner's tokens or are refused.
@Suite struct Reader3ScanTests {
  /// A compact object of `count` members, most of them strings (some
  /// across 64-byte blocks), now and then a number, literal or container.
  static func object(_ random: inout SeededGenerator, members count: Int, depth: Int = 0) -> String {
    let members = (0..<count).map { k -> String in
      let name = "\"" + String(repeating: "n", count: Int.random(in: 0...20, using: &random)) + "\(k)\""
      let roll = Int.random(in: 0..<100, using: &random)
      let value: String
      if roll < 70 {
        let length = Int.random(in: 0..<100, using: &random) < 10 ? 70 : Int.random(in: 0...24, using: &random)
        value = "\"" + String(repeating: "v", count: length) + "\""
      } else if roll < 80 {
        value = random.digits(Int.random(in: 1...6, using: &random))
      } else if roll < 85 {
        value = ["true", "false", "null"].randomElement(using: &random)!
      } else if depth < 3 {
        let inner = object(&random, members: Int.random(in: 0...4, using: &random), depth: depth + 1)
        value = Int.random(in: 0..<2, using: &random) == 0 ? inner : "[" + inner + "]"
      } else {
        value = "[]"
      }
      return name + ":" + value
    }
    return "{" + members.joined(separator: ",") + "}"
  }

  /// Whole objects are taken by the plain scanner with the strict tokens.
  @Test func compactStringMembersTokenizeAlike() {
    var random = SeededGenerator(seed: 301)
    for _ in 0..<800 {
      let text = Array(Self.object(&random, members: Int.random(in: 0...12, using: &random)).utf8)
      #expect(JSONScanTests.check(text, JSONScanTests.show(text)), "plain refused \(JSONScanTests.show(text))")
    }
  }

  /// Every cut, and a breaking byte put at every offset, of compact
  /// objects: the plain scanner refuses or agrees with the strict one.
  @Test func brokenStringMembersAreRefusedAlike() {
    var random = SeededGenerator(seed: 302)
    let breakers = JSONScanTests.Texts.breakers
    for round in 0..<40 {
      let text = Array(Self.object(&random, members: Int.random(in: 1...8, using: &random)).utf8)
      for at in 0...text.count {
        JSONScanTests.check(Array(text[..<at]), "round \(round) cut at \(at)")
        guard at < text.count else { continue }
        var changed = text
        changed[at] = breakers.randomElement(using: &random)!
        JSONScanTests.check(changed, "round \(round) byte at \(at): \(JSONScanTests.show(changed))")
        var spaced = text
        spaced.insert([0x20, 0x0A, 0x09].randomElement(using: &random)!, at: at)
        JSONScanTests.check(spaced, "round \(round) space at \(at): \(JSONScanTests.show(spaced))")
      }
    }
  }

  /// A string member placed at each offset around block edges, followed by
  /// what may follow a member: another member, the end, space, or garbage.
  @Test func stringMembersAtBlockEdges() {
    for padding in 0...130 {
      for value in [#""""#, #""abc""#, #""\#(String(repeating: "q", count: 64))""#] {
        for tail in ["}", ",\"b\":\"c\"}", " }", ",\"b\":1}", "x}", "\"}", ",}", ",\"b\" :\"c\"}", ":}", "}}"] {
          let text = "{\"" + String(repeating: "p", count: padding) + "\":" + value + tail
          JSONScanTests.check(Array(text.utf8), text.debugDescription)
          let nested = "[{\"a\":" + value + ",\"" + String(repeating: "p", count: padding) + "\":" + value + tail + "]"
          JSONScanTests.check(Array(nested.utf8), nested.debugDescription)
        }
      }
    }
  }

  /// Stage 1's one-pass path (no careful byte anywhere) and its fallback:
  /// texts of every length up to three blocks with quotes paired or left
  /// open, then with a careful byte put inside or outside a string, give
  /// the reference's verdict and bitmap with every instruction set.
  @Test func quoteBitmapWithAndWithoutCarefulBytes() {
    var random = SeededGenerator(seed: 303)
    let fillers = Array("ab:,{}[] 09".utf8)
    for length in 0...200 {
      for round in 0..<6 {
        var text = (0..<length).map { _ in fillers.randomElement(using: &random)! }
        // Some quotes, paired or not.
        for _ in 0..<Int.random(in: 0...6, using: &random) where length > 0 {
          text[Int.random(in: 0..<length, using: &random)] = UInt8(ascii: "\"")
        }
        if round >= 3 && length > 0 {
          text[Int.random(in: 0..<length, using: &random)] =
            [0x0A, 0x09, 0x00, 0x1F, 0x5C, 0x80, 0xC3, 0xFF].randomElement(using: &random)!
        }
        let expected = JSONScanTests.referenceBitmap(text)
        for instructions: Int32 in 0...2 {
          guard let found = text.withUnsafeBufferPointer({ JSONTape.quoteBitmap($0, instructions: instructions) })
          else { continue }
          #expect(
            found.plain == expected.plain && found.bits == expected.bits,
            "set \(instructions): \(JSONScanTests.show(text))")
        }
      }
    }
  }
}
