import HeadroomExact

/// A plain-English message (flag, offer check, audit finding) built by
/// appending bytes: literal text, strings, days, whole numbers and money.
///
/// It writes exactly what string interpolation of the same pieces writes
/// (`CivilDate.description`, `String(Int)`, `Money.description`), without the
/// generic interpolation machinery or an intermediate `String` per piece.
struct MessageText {
  /// The message while it fits in place (nearly all do): no array to
  /// allocate, grow and free besides the String itself.
  private var inline = InlineBytes()
  private var inlineCount = 0
  /// Every byte, once the message has outgrown `inline`.
  private var spilled: [UInt8]?
  /// How money is rounded and written: the pack's display rounding, the currency's minor digits.
  private let rounding: RoundingMode
  private let minorDigits: Int

  init(_ assessor: Assessor) {
    self.init(rounding: assessor.figures.displayRounding, minorDigits: assessor.currency.minorDigits)
  }

  init(rounding: RoundingMode, minorDigits: Int) {
    self.rounding = rounding
    self.minorDigits = minorDigits
  }

  /// The message.
  var string: String {
    if let spilled { return String(decoding: spilled, as: UTF8.self) }
    var inline = inline
    let count = inlineCount
    return withUnsafeBytes(of: &inline) { raw in
      String(
        decoding: UnsafeBufferPointer(
          start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count), as: UTF8.self)
    }
  }

  @inline(__always)
  mutating func add(_ literal: StaticString) {
    literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
  }

  mutating func add(text: String) {
    var text = text
    text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Appends `source`, in place while it fits, else to `spilled`.
  private mutating func append(_ source: UnsafeRawBufferPointer) {
    let count = inlineCount
    if spilled == nil && count + source.count <= MemoryLayout<InlineBytes>.size {
      withUnsafeMutableBytes(of: &inline) { raw in
        UnsafeMutableRawBufferPointer(rebasing: raw[count..<count + source.count]).copyMemory(from: source)
      }
      inlineCount = count + source.count
      return
    }
    if spilled == nil {
      var all: [UInt8] = []
      all.reserveCapacity(2 * MemoryLayout<InlineBytes>.size)
      withUnsafeBytes(of: &inline) { all.append(contentsOf: $0[..<count]) }
      spilled = all
    }
    spilled!.append(contentsOf: source)
  }

  private mutating func append(byte: UInt8) {
    withUnsafeBytes(of: byte) { append($0) }
  }

  /// `texts` joined by ", ".
  mutating func add(list texts: some Sequence<String>) {
    var first = true
    for text in texts {
      if !first { add(", ") }
      first = false
      add(text: text)
    }
  }

  /// The same text as `String(value)`.
  mutating func add(_ value: Int) {
    if value < 0 { append(byte: UInt8(ascii: "-")) }
    add(digitsOf: UInt64(value.magnitude), minimumWidth: 1)
  }

  /// `YYYY-MM-DD`: the same text as `CivilDate.description`.
  mutating func add(_ date: CivilDate) {
    let (year, month, day) = date.components
    guard year >= 0 else {
      add(text: date.description)
      return
    }
    add(digitsOf: UInt64(year), minimumWidth: 4)
    append(byte: UInt8(ascii: "-"))
    add(digitsOf: UInt64(month), minimumWidth: 2)
    append(byte: UInt8(ascii: "-"))
    add(digitsOf: UInt64(day), minimumWidth: 2)
  }

  /// Money as written (`Assessor.text`): `amount` (major units) rounded to
  /// the minor unit by the display rounding, with the currency's decimals.
  mutating func add(money amount: Rational) {
    guard let units = amount.roundedUnits(places: minorDigits, rounding) else {
      add(
        text: Money.format(
          minorUnits: amount.scaled(byPowerOfTen: minorDigits).rounded(rounding), minorDigits: minorDigits))
      return
    }
    if units < 0 { append(byte: UInt8(ascii: "-")) }
    let value = units.magnitude
    guard minorDigits > 0 else {
      add(digitsOf: value, minimumWidth: 1)
      return
    }
    let scale = UInt64(MessageText.powersOfTen[minorDigits])
    add(digitsOf: value / scale, minimumWidth: 1)
    append(byte: UInt8(ascii: "."))
    add(digitsOf: value % scale, minimumWidth: minorDigits)
  }

  /// The decimal digits of `value`, zero-padded on the left to `minimumWidth`
  /// (at most 20): written straight into the message while it fits in place.
  private mutating func add(digitsOf value: UInt64, minimumWidth: Int) {
    var width = 1
    var rest = value
    while rest >= 10 {
      rest /= 10
      width += 1
    }
    let count = max(width, minimumWidth)
    let start = inlineCount
    guard spilled == nil, count <= 20, start + count <= MemoryLayout<InlineBytes>.size else {
      addSpilled(digitsOf: value, minimumWidth: minimumWidth)
      return
    }
    withUnsafeMutableBytes(of: &inline) { raw in
      let bytes = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
      var end = start + count
      var rest = value
      repeat {
        end -= 1
        bytes[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest != 0
      while end > start {
        end -= 1
        bytes[end] = UInt8(ascii: "0")
      }
    }
    inlineCount = start + count
  }

  /// `add(digitsOf:minimumWidth:)` by way of a buffer and `append`, for a
  /// message that has outgrown its place.
  private mutating func addSpilled(digitsOf value: UInt64, minimumWidth: Int) {
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
    withUnsafeMutableBytes(of: &buffer) { raw in
      var end = raw.count
      var rest = value
      repeat {
        end -= 1
        raw[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest != 0
      while raw.count - end < minimumWidth && end > 0 {
        end -= 1
        raw[end] = UInt8(ascii: "0")
      }
      append(UnsafeRawBufferPointer(rebasing: raw[end...]))
    }
  }

  /// 10^0 through 10^18, the same literal as `Rational.smallPowersOfTen`
  /// (laid out at load, with no first-use check on each access).
  static let powersOfTen: [Int64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
    1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
  ]
}

/// 256 bytes of room for a message, held in place.
private struct InlineBytes {
  typealias Eight = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
  var words: (Eight, Eight, Eight, Eight) = (
    (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0)
  )
}
