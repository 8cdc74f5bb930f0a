import HeadroomTestSupport
import Testing

@testable import Headroom

/// The tokenizer's scanners against each other: stage 1's quote bitmap
/// (each instruction set) against a byte-at-a-time reference, and the plain
/// and careful scanners against the strict one on seeded JSON texts, valid
/// and broken. Whatever a fast scanner accepts, the strict one accepts
/// with the very same tokens; valid text is accepted by all.
@Suite struct JSONScanTests {
  /// A token as plain values, to compare and print.
  struct Written: Equatable, CustomStringConvertible {
    var kind: UInt8
    var escaped: Bool
    var start: Int32
    var end: Int32
    var description: String { "\(kind)\(escaped ? "e" : "")[\(start),\(end)]" }
  }

  static func tokens(_ bytes: [UInt8], _ scanning: JSONTape.Scanning) -> [Written]? {
    bytes.withUnsafeBufferPointer { buffer in
      JSONTape.tokens(buffer, scanning: scanning)?.map {
        Written(kind: $0.kind.rawValue, escaped: $0.escaped, start: $0.start, end: $0.end)
      }
    }
  }

  /// Whether a byte inside a string needs careful handling.
  static func isCareful(_ byte: UInt8) -> Bool { byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") }

  /// Stage 1 by the definition: plain when no string (quotes paired from
  /// the start) holds a careful byte and none is left open.
  static func referenceBitmap(_ bytes: [UInt8]) -> (plain: Bool, bits: [UInt64]) {
    var bits = [UInt64](repeating: 0, count: (bytes.count + 63) / 64)
    var inside = false
    var plain = true
    for (k, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") {
        bits[k / 64] |= 1 << UInt64(k % 64)
        inside.toggle()
      } else if inside && isCareful(byte) {
        plain = false
      }
    }
    return (plain && !inside, plain && !inside ? bits : [])
  }

  // MARK: Generated texts

  /// Seeded JSON texts: objects, arrays, strings of every length (across
  /// 64-byte blocks), numbers of every form, literals, optional whitespace,
  /// and now and then an escape, non-ASCII text or deep nesting.
  struct Texts {
    var random: SeededGenerator
    /// Whether to put whitespace between tokens.
    var spaced = false
    /// Whether strings may hold escapes and non-ASCII text.
    var careful = false

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func space() -> String {
      guard spaced && chance(40) else { return "" }
      return String(
        (0..<Int.random(in: 1...3, using: &random)).map { _ in
          [" ", "\n", "\t", "\r"].randomElement(using: &random)!
        })
    }

    mutating func string() -> String {
      let length =
        chance(20) ? Int.random(in: 40...150, using: &random) : Int.random(in: 0...12, using: &random)
      let plain = Array("abcdefghijklmnopqrstuvwxyzABC0123456789 -_.,:{}[]/'#~")
      var text = "\""
      for _ in 0..<length {
        if careful && chance(5) {
          text += [#"\n"#, #"\""#, #"\\"#, #"\/"#, #"\u00e9"#, #"\ud83d\ude00"#, "é", "€", "😀", "\u{7F}"]
            .randomElement(using: &random)!
        } else {
          text.append(plain.randomElement(using: &random)!)
        }
      }
      return text + "\""
    }

    mutating func number() -> String {
      var text = chance(30) ? "-" : ""
      text += chance(20) ? "0" : random.digits(Int.random(in: 1...(chance(10) ? 30 : 6), using: &random))
      if chance(40) { text += "." + random.digits(Int.random(in: 1...8, using: &random)) }
      if chance(15) {
        text += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)!
        text += String(Int.random(in: 0...400, using: &random))
      }
      return text
    }

    /// A value whose containers get rarer with depth (none past 4 levels).
    mutating func value(depth: Int) -> String {
      let containers = max(0, 65 - 15 * depth)
      let roll = Int.random(in: 0..<100, using: &random)
      if roll < containers / 2 {
        let members = (0..<Int.random(in: 0...6, using: &random)).map { _ in
          space() + string() + space() + ":" + space() + value(depth: depth + 1) + space()
        }
        return "{" + (members.isEmpty ? space() : members.joined(separator: ",")) + "}"
      }
      if roll < containers {
        let elements = (0..<Int.random(in: 0...6, using: &random)).map { _ in
          space() + value(depth: depth + 1) + space()
        }
        return "[" + (elements.isEmpty ? space() : elements.joined(separator: ",")) + "]"
      }
      return [string(), string(), number(), "true", "false", "null"].randomElement(using: &random)!
    }

    /// A whole text: a value, sometimes nested just under or past the limit.
    mutating func text() -> [UInt8] {
      var body = value(depth: 0)
      if chance(5) {
        let levels = JSONParser.maxDepth - 1 + Int.random(in: 0...2, using: &random)
        let open = (0..<levels).map { _ in chance(50) ? "[" : "{\"k\":" }
        body = open.joined() + body + open.reversed().map { $0 == "[" ? "]" : "}" }.joined()
      }
      return Array((space() + body + space()).utf8)
    }

    /// Bytes that break texts in the ways that matter to the scanners.
    static let breakers: [UInt8] =
      [
        0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0,
        0xFF,
      ]
      + Array("{}[],:-+.0123456789eEtfnrlsau/".utf8)

    /// A text changed in one place: cut short, a byte put in, dropped,
    /// changed, or a stretch repeated.
    mutating func mutated(_ text: [UInt8]) -> [UInt8] {
      guard !text.isEmpty else { return [Self.breakers.randomElement(using: &random)!] }
      var bytes = text
      let at = Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: bytes.removeSubrange(at...)
      case 1: bytes.insert(Self.breakers.randomElement(using: &random)!, at: at)
      case 2: bytes.remove(at: at)
      case 3: bytes[at] = Self.breakers.randomElement(using: &random)!
      default:
        let end = min(bytes.count, at + Int.random(in: 1...8, using: &random))
        bytes.insert(contentsOf: bytes[at..<end], at: at)
      }
      return bytes
    }
  }

  /// Checks every scanner on one text: a fast scanner gives the strict
  /// scanner's tokens or refuses; valid text is accepted by the careful
  /// scanner, and by the plain one when stage 1 calls it plain and it
  /// starts and ends with brackets. Returns whether the plain scanner
  /// accepted it.
  @discardableResult
  static func check(_ bytes: [UInt8], _ label: @autoclosure () -> String) -> Bool {
    let strict = tokens(bytes, .strict)
    let careful = tokens(bytes, .careful)
    let plain = tokens(bytes, .plain)
    // The plain scanner takes plain text that may be an object or an array.
    let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
    let last = bytes.last { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
    let isPlain =
      bytes.withUnsafeBufferPointer { JSONTape.quoteBitmap($0, instructions: 0)!.plain }
      && (first == UInt8(ascii: "{") || first == UInt8(ascii: "["))
      && (last == UInt8(ascii: "}") || last == UInt8(ascii: "]"))
    if let careful { #expect(careful == strict, "careful: \(label())") }
    if let plain { #expect(plain == strict, "plain: \(label())") }
    if strict != nil {
      #expect(careful != nil, "careful refused valid text: \(label())")
      if isPlain { #expect(plain != nil, "plain refused valid plain text: \(label())") }
    }
    // And the tape as a whole: its tokens are the strict scanner's, or it throws.
    let whole: [Written]? = bytes.withUnsafeBufferPointer { buffer in
      guard let tape = try? JSONTape(buffer) else { return nil }
      return tape.withRoot { root in
        UnsafeBufferPointer(start: root.tokens, count: strict?.count ?? 0).map {
          Written(kind: $0.kind.rawValue, escaped: $0.escaped, start: $0.start, end: $0.end)
        }
      }
    }
    #expect(whole == strict, "tape: \(label())")
    return plain != nil
  }

  static func show(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self).debugDescription }

  // MARK: Tests

  /// Stage 1 agrees with the byte-at-a-time reference with every
  /// instruction set, on texts cut at every length around block edges and
  /// with careful bytes in and out of strings.
  @Test func quoteBitmapAgreesWithReference() {
    var texts = Texts(random: SeededGenerator(seed: 41), spaced: true, careful: true)
    var sets = 0
    for round in 0..<600 {
      var bytes = texts.text()
      if round % 2 == 1 { bytes = texts.mutated(bytes) }
      // Every cut of the first 200 bytes, then a few longer ones.
      let cuts = Array(0...min(bytes.count, 200)) + (bytes.count > 200 ? [bytes.count] : [])
      for cut in cuts where round < 40 || cut == bytes.count || cut % 61 == 0 {
        let prefix = Array(bytes[..<cut])
        let expected = Self.referenceBitmap(prefix)
        for instructions: Int32 in 0...2 {
          guard
            let found = prefix.withUnsafeBufferPointer({
              JSONTape.quoteBitmap($0, instructions: instructions)
            })
          else { continue }
          sets = max(sets, Int(instructions) + 1)
          #expect(
            found.plain == expected.plain && found.bits == expected.bits,
            "set \(instructions): \(Self.show(prefix))")
          if found.plain != expected.plain || found.bits != expected.bits { return }
        }
      }
    }
    // Plain C and SSE2 at least ran on x86-64; plain C alone elsewhere.
    #if arch(x86_64)
      #expect(sets >= 2)
    #else
      #expect(sets == 1)
    #endif
  }

  /// Stage 1 judges every byte value at every offset of a block (and the
  /// next), inside a string and outside one, as the reference does.
  @Test func quoteBitmapSeesEveryByte() {
    for byte in UInt8.min...UInt8.max {
      for at in 1..<130 {
        // Inside: a string from offset 0 to 131 holding `byte` at `at`; outside: after it.
        var inside =
          [UInt8(ascii: "\"")] + [UInt8](repeating: UInt8(ascii: "a"), count: 130) + [UInt8(ascii: "\"")]
        inside[at] = byte
        var outside = inside + [UInt8](repeating: UInt8(ascii: " "), count: 70)
        outside[132 + at % 70] = byte
        for text in [inside, outside, Array(inside[..<(at + 1)])] {
          let expected = Self.referenceBitmap(text)
          for instructions: Int32 in 0...2 {
            guard
              let found = text.withUnsafeBufferPointer({
                JSONTape.quoteBitmap($0, instructions: instructions)
              })
            else { continue }
            #expect(
              found.plain == expected.plain && found.bits == expected.bits,
              "set \(instructions): byte \(byte) at \(at) of \(text.count)")
            if found.plain != expected.plain || found.bits != expected.bits { return }
          }
        }
      }
    }
  }

  /// Valid seeded texts, compact and spaced, plain and not: every scanner
  /// gives the strict scanner's tokens, and the plain one takes every
  /// plain text (so the comparison is not vacuous).
  @Test func validTextsTokenizeAlike() {
    for (seed, spaced, careful) in [
      (51, false, false), (52, true, false), (53, false, true), (54, true, true),
    ] {
      var texts = Texts(random: SeededGenerator(seed: UInt64(seed)), spaced: spaced, careful: careful)
      var plainAccepted = 0
      var longest = 0
      for _ in 0..<1_500 {
        let bytes = texts.text()
        longest = max(longest, bytes.count)
        if Self.check(bytes, Self.show(bytes)) { plainAccepted += 1 }
      }
      #expect(plainAccepted > (careful ? 100 : 800), "seed \(seed): plain scanner took \(plainAccepted)")
      // Texts of several 64-byte blocks were among them.
      #expect(longest > 512, "seed \(seed): longest text \(longest) bytes")
    }
  }

  /// Broken texts (cut short, control bytes, NULs, invalid UTF-8, bad
  /// escapes, stray quotes and brackets): the fast scanners refuse them or
  /// agree with the strict one.
  @Test func brokenTextsAreRefusedAlike() {
    for (seed, spaced, careful) in [
      (61, false, false), (62, true, false), (63, false, true), (64, true, true),
    ] {
      var texts = Texts(random: SeededGenerator(seed: UInt64(seed)), spaced: spaced, careful: careful)
      for _ in 0..<2_500 {
        var bytes = texts.mutated(texts.text())
        if texts.chance(20) { bytes = texts.mutated(bytes) }
        Self.check(bytes, Self.show(bytes))
      }
    }
  }

  /// Every cut of a compact case-like line is checked, so strings,
  /// numbers and literals end at every offset of a 64-byte block.
  @Test func everyCutOfALine() {
    let line = Array(
      #"{"id":"C-1","n":[0,-1.5e+3,12345678901234567890,true,false,null],"s":"\#(String(repeating: "x", count: 70))","o":{"a":{},"b":[],"c":[[{"d":"e"}]]},"z":-0.25}"#
        .utf8)
    for cut in 0...line.count {
      Self.check(Array(line[..<cut]), "cut at \(cut)")
    }
    #expect(Self.check(line, "whole"))
  }

  /// A string, number or literal placed at each offset around block edges,
  /// with the text's end right after it or with bytes to come.
  @Test func scalarsAtBlockEdges() {
    for scalar in [
      #""abc""#, #""""#, #""\#(String(repeating: "q", count: 64))""#, "7", "-0.5", "1e9", "true", "null",
      #""a\nb""#, "\"é\"",
    ] {
      for padding in 0...130 {
        for tail in ["", "]", " ] ", ",1]", "x]", "\"]"] {
          let text = "[" + String(repeating: " ", count: padding) + scalar + tail
          Self.check(Array(text.utf8), text.debugDescription)
        }
      }
    }
  }

  /// Texts around the plain scanner's bracket rule: roots that close
  /// early or late, scalars before a bracket, brackets that do not match.
  @Test func textsAroundTheLastBracket() {
    let texts = [
      "[]", "{}", " [ ] ", "\n{\t}\r\n", "[[]", "[]]", "[] ]", "[],[]", "[1]]", "{\"a\":1}}", "\"a\" ]",
      "1 ]", "[\"a\"",
      "[}", "{]", "[[[]]]", "[[[]] ]", "[[]]]", "{\"a\":[]}", "{\"a\":{}", "{\"a\"}", "{\"a\":}", "[,]",
      "[1,]", "{,}",
      "[\"]\"]", "[\"]\"", "[\"\"\"]", "[tru]", "[true ]", "[nul]", "[-]", "[01]", "[1.]", "[1e]", "[1e+]",
    ]
    var plainAccepted = 0
    for text in texts where Self.check(Array(text.utf8), text.debugDescription) { plainAccepted += 1 }
    #expect(plainAccepted == 9, "plain scanner took \(plainAccepted)")
  }

  /// Nesting at and past the limit, in plain and careful text.
  @Test func nestingDepthLimit() {
    for depth in [JSONParser.maxDepth - 1, JSONParser.maxDepth, JSONParser.maxDepth + 1, 200] {
      for inner in ["1", #""s""#, #""\u0041""#, "[]", "{}"] {
        let text = String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
        let accepted = Self.tokens(Array(text.utf8), .strict) != nil
        #expect(
          accepted == (depth + (inner == "[]" || inner == "{}" ? 1 : 0) <= JSONParser.maxDepth),
          "depth \(depth) \(inner)")
        Self.check(Array(text.utf8), "depth \(depth) \(inner)")
      }
    }
  }
}
