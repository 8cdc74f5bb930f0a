import CGMP

/// An exact rational number: always reduced, with a positive denominator.
///
/// Small values live in two machine integers and never allocate. An operation
/// whose result would overflow them moves to a GMP-backed representation
/// without the caller noticing: no trap, no wrong answer. A value that fits
/// machine integers again moves back, so every value has exactly one
/// representation and `==` and `hash(into:)` can compare storage directly.
///
/// Dividing by zero is a precondition failure; callers validate input first.
public struct Rational: Sendable {
  @usableFromInline
  enum Storage: Sendable {
    /// Numerator and denominator: `den > 0`, `gcd(|num|, den) == 1`, and
    /// `num != Int64.min`, so negation and magnitudes never overflow.
    case small(Int64, Int64)
    /// A value that does not fit `.small`.
    case big(GMPRational)
  }

  @usableFromInline
  var storage: Storage

  @inlinable
  init(storage: Storage) { self.storage = storage }

  /// Builds a value from parts that are already reduced with `den > 0`.
  @inlinable
  init(reducedNumerator num: Int64, denominator den: Int64) {
    if num == .min {
      self.storage = .big(GMPRational(numerator: num, denominator: den))
    } else {
      self.storage = .small(num, den)
    }
  }
}

// MARK: - Creating values

extension Rational {
  /// Zero.
  public static let zero = Rational(reducedNumerator: 0, denominator: 1)
  /// One.
  public static let one = Rational(reducedNumerator: 1, denominator: 1)

  /// The integer `value`.
  @inlinable
  public init(_ value: Int) {
    self.init(reducedNumerator: Int64(value), denominator: 1)
  }

  /// The fraction `numerator / denominator`, reduced.
  ///
  /// - Precondition: `denominator != 0`.
  public init(_ numerator: Int, _ denominator: Int) {
    precondition(denominator != 0, "Rational: division by zero")
    let n = Int64(numerator)
    let d = Int64(denominator)
    if n == .min || d == .min {
      self = Rational(storage: .big(GMPRational(numerator: n, denominator: d))).normalized()
      return
    }
    var num = d < 0 ? -n : n
    var den = d < 0 ? -d : d
    let g = Rational.gcd(num.magnitude, den.magnitude)
    if g > 1 {
      num /= Int64(g)
      den /= Int64(g)
    }
    self.init(reducedNumerator: num, denominator: den)
  }

  /// Moves a GMP-backed value back to machine integers when it fits.
  @usableFromInline
  func normalized() -> Rational {
    guard case .big(let box) = storage, let (n, d) = box.smallParts else { return self }
    return Rational(storage: .small(n, d))
  }
}

// MARK: - Inspecting values

extension Rational {
  /// -1, 0 or 1.
  @inlinable
  public var signum: Int {
    switch storage {
    case .small(let n, _): return n == 0 ? 0 : (n < 0 ? -1 : 1)
    case .big(let box): return box.signum
    }
  }

  /// Whether the denominator is 1.
  @inlinable
  public var isInteger: Bool {
    switch storage {
    case .small(_, let d): return d == 1
    case .big(let box): return box.isInteger
    }
  }

  /// Whether the value is held in machine integers (the allocation-free path).
  @_spi(Testing)
  public var isMachineSized: Bool {
    if case .small = storage { return true }
    return false
  }

  /// The absolute value.
  public var magnitude: Rational { signum < 0 ? -self : self }

  /// The numerator and denominator in decimal, numerator signed.
  public var decimalParts: (numerator: String, denominator: String) {
    switch storage {
    case .small(let n, let d): return (String(n), String(d))
    case .big(let box): return (box.numeratorString, box.denominatorString)
    }
  }

  /// Numerator and denominator, when the value is held in machine integers.
  @inlinable
  public var machineParts: (numerator: Int64, denominator: Int64)? {
    if case .small(let n, let d) = storage { return (n, d) }
    return nil
  }

  /// The value as an `Int`, when it is an integer that fits one.
  public var exactInt: Int? {
    if case .small(let n, 1) = storage { return Int(n) }
    return nil
  }
}

// MARK: - Common denominators

/// The least common denominator of the fractions taken in so far, on machine
/// integers: lets a caller run sums of fractions as whole numbers of 1/`value`.
public struct CommonDenominator: Sendable {
  /// 1 until a fraction is taken in.
  public private(set) var value: Int64 = 1
  /// The largest denominator wanted.
  public let limit: Int64

  public init(limit: Int64 = .max) { self.limit = limit }

  /// Takes `fraction`'s denominator in; false, with `value` unchanged, when
  /// the fraction or the new denominator is past machine integers or `limit`.
  public mutating func include(_ fraction: Rational) -> Bool {
    guard case .small(_, let d) = fraction.storage else { return false }
    if value % d == 0 { return true }
    let (lcm, overflow) = (value / Int64(Rational.gcd(UInt64(value), UInt64(d)))).multipliedReportingOverflow(
      by: d)
    guard !overflow, lcm <= limit else { return false }
    value = lcm
    return true
  }
}

extension Rational {
  /// The least common denominator of `values` (see ``CommonDenominator``),
  /// or nil when it is past machine integers or `limit`.
  public static func commonDenominator(of values: some Sequence<Rational>, limit: Int64 = .max) -> Int64? {
    var common = CommonDenominator(limit: limit)
    for value in values where !common.include(value) { return nil }
    return common.value
  }
}

// MARK: - Integer helpers

extension Rational {
  /// Greatest common divisor (binary algorithm); `gcd(0, x) == x`.
  ///
  /// One remainder first: for operands of very different sizes (a large
  /// numerator against a small denominator) the binary steps then run over
  /// the small one's bits, not one step per bit of the large one.
  @inlinable
  static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var a = a
    var b = b
    if a == 0 { return b }
    if b == 0 { return a }
    if a > b {
      a %= b
      if a == 0 { return b }
    } else {
      b %= a
      if b == 0 { return a }
    }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
      b >>= b.trailingZeroBitCount
      if a > b { swap(&a, &b) }
      b -= a
    } while b != 0
    return a << shift
  }
}
