import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// The plain readers' value calls (frequency names and decimals read from
/// pointers) against the general readers, on every name, near misses and
/// seeded decimal texts inside JSON lines.
@Suite struct Reader3PlainValueTests {
  /// Each frequency name, and each with one byte changed, cut or extended,
  /// reads as `Frequency(rawValue:)` reads the same text.
  @Test func frequencyNamesAgreeWithRawValues() {
    var random = SeededGenerator(seed: 321)
    var probes: [[UInt8]] = []
    for frequency in Frequency.allCases {
      let name = Array(frequency.rawValue.utf8)
      probes.append(name)
      for at in name.indices {
        var changed = name
        changed[at] = UInt8.random(in: 0x21...0x7E, using: &random)
        probes.append(changed)
        probes.append(Array(name[..<at]))
      }
      probes.append(name + [UInt8(ascii: "y")])
    }
    var found = 0
    for probe in probes {
      // The name inside a line, with bytes after it, as the readers see it.
      let line = probe + Array("\"}]".utf8)
      let read = line.withUnsafeBufferPointer { PlainReading.frequency(named: $0.baseAddress!, probe.count) }
      let expected = Frequency(rawValue: String(decoding: probe, as: UTF8.self))
      #expect(read == expected, "\(String(decoding: probe, as: UTF8.self))")
      if read != nil { found += 1 }
    }
    #expect(found >= Frequency.allCases.count)
  }

  /// Seeded decimal texts (plain, with too many places, signs, exponents,
  /// stray bytes, up to 20 bytes) as JSON strings and numbers in a debt
  /// object: the debt reader's decimal call gives what the general
  /// ``FieldReader/decimal(_:path:maxFractionDigits:)`` gives, or nil where
  /// that throws or the text is not plain.
  @Test func debtDecimalsAgreeWithTheGeneralReader() {
    var random = SeededGenerator(seed: 322)
    for round in 0..<3_000 {
      var text = random.digits(Int.random(in: 1...12, using: &random))
      if Int.random(in: 0..<3, using: &random) > 0 {
        text += "." + random.digits(Int.random(in: 1...6, using: &random))
      }
      switch Int.random(in: 0..<12, using: &random) {
      case 0: text = "-" + text
      case 1: text += "e2"
      case 2: text.insert(".", at: text.startIndex)
      case 3: text = "0" + text
      case 4: text += String(repeating: "9", count: 10)
      default: break
      }
      let quoted = Int.random(in: 0..<4, using: &random) > 0
      let json = "{\"balance\":" + (quoted ? "\"\(text)\"" : text) + ",\"id\":\"D1\"}"
      let maxFractionDigits: Int? = [2, 3, 0, nil].randomElement(using: &random)!
      let bytes = Array(json.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        guard let tape = try? JSONTape(buffer) else { return }
        tape.withRoot { root in
          guard let value = root.member("balance") else { return }
          let read = PlainReading.decimalByCall(value, value.token, maxFractionDigits)
          let general = try? FieldReader.decimal(value, path: "balance", maxFractionDigits: maxFractionDigits)
          if let read {
            #expect(read == general, "round \(round): \(json) \(String(describing: maxFractionDigits))")
          }
          // Plain digits within the places are always read here.
          let plainDigits = quoted && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
          if plainDigits && general != nil && text.utf8.count <= 18 && !text.hasPrefix("0") {
            #expect(read != nil, "round \(round): \(json) not read")
          }
        }
      }
    }
  }
}
