import HeadroomTestSupport
import Testing

@testable import Headroom

/// `JSONWriter.writing(_:)` (one ownership check for a run of writes) writes
/// the same bytes as the same writes made one by one on the writer, grows
/// the same, and never writes into bytes a copy of the writer still shares.
@Suite struct OwnedWriterTests {
  /// One write, made either on the writer or on its owned bytes.
  enum Step {
    case beginObject, endObject, beginArray, endArray, null, newline
    case key(String)
    case string(String)
    case int(Int)
    case bool(Bool)
    case date(CivilDate)
    case money(Rational, Int)
    case exact(Rational)
    case member(Rational)

    func apply(to w: inout JSONWriter) {
      switch self {
      case .beginObject: w.beginObject()
      case .endObject: w.endObject()
      case .beginArray: w.beginArray()
      case .endArray: w.endArray()
      case .null: w.null()
      case .newline: w.newline()
      case .key(let name): w.key(name)
      case .string(let text): w.string(text)
      case .int(let value): w.int(value)
      case .bool(let value): w.bool(value)
      case .date(let day): w.date(day)
      case .money(let amount, let digits): w.money(amount, digits, .halfEven)
      case .exact(let value): w.exact(value)
      case .member(let value): w.member("m", exact: value)
      }
    }

    func apply(to w: inout JSONWriter.Owned) {
      switch self {
      case .beginObject: w.beginObject()
      case .endObject: w.endObject()
      case .beginArray: w.beginArray()
      case .endArray: w.endArray()
      case .null: w.null()
      case .newline: w.newline()
      case .key(let name): w.key(name)
      case .string(let text): w.string(text)
      case .int(let value): w.int(value)
      case .bool(let value): w.bool(value)
      case .date(let day): w.date(day)
      case .money(let amount, let digits): w.money(amount, digits, .halfEven)
      case .exact(let value): w.exact(value)
      case .member(let value): w.member("m", exact: value)
      }
    }
  }

  static func steps(_ random: inout SeededGenerator, count: Int) -> [Step] {
    let texts = ["", "a", "d1", "Lender \"Q\"", "line\nbreak", String(repeating: "long text ", count: 7)]
    return (0..<count).map { _ in
      switch Int.random(in: 0..<14, using: &random) {
      case 0: return .beginObject
      case 1: return .endObject
      case 2: return .beginArray
      case 3: return .endArray
      case 4: return .null
      case 5: return .newline
      case 6: return .key(texts[Int.random(in: 0..<texts.count, using: &random)])
      case 7: return .string(texts[Int.random(in: 0..<texts.count, using: &random)])
      case 8: return .int(Int.random(in: -1_000_000...1_000_000, using: &random))
      case 9: return .bool(Bool.random(using: &random))
      case 10: return .date(CivilDate(daysSinceEpoch: Int.random(in: 0...30_000, using: &random)))
      case 11: return .money(random.rational(), Int.random(in: 0...4, using: &random))
      case 12: return .exact(random.rational())
      default: return .member(random.rational())
      }
    }
  }

  @Test func sameBytesAsWritingOneByOne() {
    var random = SeededGenerator(seed: 71)
    for round in 0..<300 {
      let steps = Self.steps(&random, count: Int.random(in: 0..<120, using: &random))
      let capacity = [0, 16, 40, 2048][round % 4]
      var oneByOne = JSONWriter(capacity: capacity)
      for step in steps { step.apply(to: &oneByOne) }
      var owned = JSONWriter(capacity: capacity)
      // Split into a few runs, with writes on the writer in between.
      var k = 0
      while k < steps.count {
        let end = min(steps.count, k + Int.random(in: 1...40, using: &random))
        owned.writing { w in
          for step in steps[k..<end] { step.apply(to: &w) }
        }
        k = end
        if k < steps.count {
          steps[k].apply(to: &owned)
          k += 1
        }
      }
      #expect(owned.bytes == oneByOne.bytes, "round \(round)")
      #expect(owned.count == oneByOne.count)
    }
  }

  @Test func copiesKeepTheirBytes() {
    var random = SeededGenerator(seed: 72)
    for round in 0..<200 {
      let before = Self.steps(&random, count: Int.random(in: 0..<30, using: &random))
      let after = Self.steps(&random, count: Int.random(in: 1..<80, using: &random))
      let other = Self.steps(&random, count: Int.random(in: 1..<80, using: &random))
      var writer = JSONWriter(capacity: round % 2 == 0 ? 16 : 4096)
      for step in before { step.apply(to: &writer) }
      var copy = writer
      let shared = writer.bytes
      writer.writing { w in
        for step in after { step.apply(to: &w) }
      }
      // The copy still holds what was written before, and writes of its own
      // do not reach the writer.
      #expect(copy.bytes == shared, "round \(round)")
      copy.writing { w in
        for step in other { step.apply(to: &w) }
      }
      var expected = JSONWriter()
      for step in before + after { step.apply(to: &expected) }
      var expectedCopy = JSONWriter()
      for step in before + other { step.apply(to: &expectedCopy) }
      #expect(writer.bytes == expected.bytes, "round \(round)")
      #expect(copy.bytes == expectedCopy.bytes, "round \(round)")
    }
  }

  @Test func resultLinesAreTheSameAsTheirBytes() throws {
    // writeJSONLine writes each line inside one `writing` run; jsonBytes on
    // a fresh writer. Both give the same line, after other output too, and
    // a copy taken in between keeps its bytes.
    var generator = PortfolioGenerator(seed: 73)
    let policies = PolicyLibrary()
    var writer = JSONWriter(capacity: 16)
    writer.string("before")
    writer.newline()
    var expected = writer.bytes
    for number in 1...200 {
      let line = generator.nextCase(number: number)
      let assessment = try line.withUnsafeBufferPointer { try Assessment(json: $0, policies: policies) }
      let copy = writer
      assessment.writeJSONLine(to: &writer)
      expected += assessment.jsonBytes() + [0x0A]
      #expect(copy.bytes.count < writer.bytes.count)
      #expect(copy.bytes == Array(expected.prefix(copy.count)))
    }
    #expect(writer.bytes == expected)
  }
}
