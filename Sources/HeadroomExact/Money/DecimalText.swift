/// What was wrong with a decimal amount's text.
public enum DecimalTextError: Error, Equatable, Sendable, CustomStringConvertible {
  case empty
  case whitespace
  case thousandsSeparator
  case exponent
  case notANumber
  case invalidCharacter(String)
  case missingDigits
  case negativeNotAllowed
  case tooManyFractionDigits(allowed: Int, found: Int)
  case tooManyDigits(limit: Int, found: Int)
  case zeroDenominator

  public var description: String {
    switch self {
    case .empty: return "expected a decimal amount, found an empty string"
    case .whitespace: return "expected a decimal amount without spaces"
    case .thousandsSeparator: return "expected a decimal amount without thousands separators"
    case .exponent: return "expected a plain decimal amount, not an exponent"
    case .notANumber: return "expected a decimal amount, found a non-number"
    case .invalidCharacter(let c): return "expected digits and an optional '.', found '\(c)'"
    case .missingDigits: return "expected digits on both sides of the decimal point"
    case .negativeNotAllowed: return "expected a non-negative amount"
    case .tooManyFractionDigits(let allowed, let found):
      return allowed == 0
        ? "expected a whole number, found \(found) decimal places"
        : "expected at most \(allowed) decimal places, found \(found)"
    case .tooManyDigits(let limit, let found):
      return "expected at most \(limit) digits, found \(found)"
    case .zeroDenominator: return "expected a non-zero denominator"
    }
  }
}

/// The strict decimal grammar of SPEC §1: `-?[0-9]+(\.[0-9]+)?`, nothing else.
///
/// No binary floating point is on this path: digits accumulate in a machine
/// integer while they fit (18 digits) and are handed to GMP as text after.
public enum DecimalText {
  /// The most digits an amount may have (SPEC §1).
  public static let maxDigits = 1000

  /// Parses `text`, exactly, in major units.
  ///
  /// - Parameters:
  ///   - maxFractionDigits: the most decimal places allowed (the currency's
  ///     minor digits), or nil for any number.
  ///   - allowNegative: whether a leading `-` is accepted.
  public static func parse(
    _ text: String, maxFractionDigits: Int?, allowNegative: Bool
  ) throws(DecimalTextError) -> Rational {
    var text = text
    let result: Result<Rational, DecimalTextError> = text.withUTF8 { bytes in
      do throws(DecimalTextError) {
        return .success(
          try parse(utf8: bytes, maxFractionDigits: maxFractionDigits, allowNegative: allowNegative))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses UTF-8 bytes; see ``parse(_:maxFractionDigits:allowNegative:)``.
  public static func parse(
    utf8 bytes: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int?, allowNegative: Bool
  ) throws(DecimalTextError) -> Rational {
    let (negative, digits, fractionDigits) = try scan(bytes, allowNegative: allowNegative)
    if let maxFractionDigits, fractionDigits > maxFractionDigits {
      throw .tooManyFractionDigits(allowed: maxFractionDigits, found: fractionDigits)
    }
    if digits <= 18 {
      var value: Int64 = 0
      for byte in bytes where byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
        value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
      }
      return Rational(Int(negative ? -value : value), Int(Rational.smallPowersOfTen[fractionDigits]))
    }
    var text = ""
    text.reserveCapacity(digits)
    for byte in bytes where byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
      text.unicodeScalars.append(Unicode.Scalar(byte))
    }
    return Rational(
      storage: .big(GMPRational(decimalDigits: text, negative: negative, scale: fractionDigits))
    ).normalized()
  }

  /// Checks the grammar; returns the sign, the digit count and the number of
  /// decimal places.
  static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, allowNegative: Bool
  ) throws(DecimalTextError) -> (negative: Bool, digits: Int, fractionDigits: Int) {
    guard !bytes.isEmpty else { throw .empty }
    var i = 0
    let negative = bytes[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    var integerDigits = 0
    var fractionDigits = 0
    var seenPoint = false
    while i < bytes.count {
      let byte = bytes[i]
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
      case UInt8(ascii: ".") where !seenPoint:
        if integerDigits == 0 { throw .missingDigits }
        seenPoint = true
      default:
        throw classify(bytes)
      }
      i += 1
    }
    if integerDigits == 0 || (seenPoint && fractionDigits == 0) { throw .missingDigits }
    if negative && !allowNegative { throw .negativeNotAllowed }
    let digits = integerDigits + fractionDigits
    if digits > maxDigits { throw .tooManyDigits(limit: maxDigits, found: digits) }
    return (negative, digits, fractionDigits)
  }

  /// Names what is wrong with text that broke the grammar.
  static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalTextError {
    let text = String(decoding: bytes, as: UTF8.self)
    let lower = text.lowercased()
    if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return .whitespace }
    if lower.contains("nan") || lower.contains("inf") { return .notANumber }
    if text.contains(",") || text.contains("_") || text.contains("'") { return .thousandsSeparator }
    let body = text.drop(while: { $0 == "-" || $0 == "+" })
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }),
      body[..<e].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), e != body.startIndex
    {
      return .exponent
    }
    if let bad = text.first(where: { !("0"..."9").contains($0) && $0 != "." && $0 != "-" }) {
      return .invalidCharacter(String(bad))
    }
    if text.filter({ $0 == "." }).count > 1 { return .invalidCharacter(".") }
    return .invalidCharacter("-")
  }
}
