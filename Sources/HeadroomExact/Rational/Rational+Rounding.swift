import CGMP

/// How a value between two integers (or two minor units) is resolved.
public enum RoundingMode: String, Sendable, CaseIterable, Codable {
  /// To the nearest; halves away from zero. SPEC R1 and R4.
  case halfUp = "half_up"
  /// To the nearest; halves to the even neighbour (banker's rounding).
  case halfEven = "half_even"
  /// Toward minus infinity. SPEC R2 `floor_minor`.
  case floor
  /// Toward plus infinity. SPEC R2 `ceil_minor`.
  case ceiling = "ceil"
  /// Toward zero (truncation).
  case towardZero = "toward_zero"
}

extension Rational {
  /// The largest integer not above this value.
  @inlinable
  public func floor() -> Rational {
    if case .small(let n, let d) = storage {
      if d == 1 { return self }
      let q = n / d
      return Rational(reducedNumerator: n < 0 ? q - 1 : q, denominator: 1)
    }
    return integerPartViaGMP()
  }

  /// The smallest integer not below this value.
  @inlinable
  public func ceiling() -> Rational {
    -(-self).floor()
  }

  /// This value rounded to an integer by `mode`.
  @inlinable
  public func rounded(_ mode: RoundingMode) -> Rational {
    if case .small(let n, let d) = storage {
      if d == 1 { return self }
      return Rational(reducedNumerator: Rational.roundedQuotient(n, d, mode), denominator: 1)
    }
    if isInteger { return self }
    let down = floor()
    switch mode {
    case .floor: return down
    case .ceiling: return down + .one
    case .towardZero: return signum < 0 ? down + .one : down
    case .halfUp, .halfEven:
      let fraction = self - down  // strictly between 0 and 1
      let half = Rational(reducedNumerator: 1, denominator: 2)
      if fraction < half { return down }
      if half < fraction { return down + .one }
      if mode == .halfUp { return signum < 0 ? down : down + .one }
      return down.isEven ? down : down + .one
    }
  }

  /// `n / d` rounded to an integer by `mode`, in machine integers (`Int64`,
  /// `Int128`): the allocation-free path for callers that keep whole minor units.
  ///
  /// - Precondition: `d > 0`.
  @inlinable @inline(__always)
  public static func roundedQuotient<Integer: FixedWidthInteger & SignedInteger>(
    _ n: Integer, _ d: Integer, _ mode: RoundingMode
  ) -> Integer {
    precondition(d > 0, "Rational: division by zero")
    // Floor division: n = q·d + r with 0 <= r < d.
    var q = n / d
    var r = n % d
    if r < 0 {
      q -= 1
      r += d
    }
    if r == 0 { return q }
    let up: Bool
    switch mode {
    case .floor: up = false
    case .ceiling: up = true
    case .towardZero: up = n < 0
    case .halfUp, .halfEven:
      let rest = d - r  // distance to the next integer; compared without overflow
      if r != rest {
        up = r > rest
      } else if mode == .halfUp {
        up = n > 0
      } else {
        up = q & 1 != 0
      }
    }
    return up ? q + 1 : q
  }

  /// Whether this integer is even. - Precondition: `isInteger`.
  @usableFromInline
  var isEven: Bool {
    switch storage {
    case .small(let n, _): return n & 1 == 0
    case .big: return (self / 2).isInteger
    }
  }

  /// This value rounded by `mode` to a multiple of 10^-`places` (`places`
  /// decimal places; 2 rounds money to the penny), exactly.
  @inlinable
  public func rounded(toDecimalPlaces places: Int, _ mode: RoundingMode) -> Rational {
    if case .small(_, let d) = storage, places >= 0, places < Rational.smallPowersOfTen.count,
      Rational.smallPowersOfTen[places] % d == 0
    {
      return self  // already on the grid
    }
    if let units = roundedUnits(places: places, mode) { return Rational(decimalUnits: units, places: places) }
    return scaled(byPowerOfTen: places).rounded(mode).scaled(byPowerOfTen: -places)
  }

  /// This value in units of 10^-`places` (pence for 2), rounded by `mode`,
  /// when the result fits a machine integer; nil otherwise (then round
  /// exactly: `scaled(byPowerOfTen:)` and `rounded(_:)`). The shared fast path
  /// of everything that writes or rounds money.
  ///
  /// Always inlined, with 2 places as a constant and whole values not
  /// divided: each amount written costs this, and the call cost as much as
  /// the rounding. Products past 64 bits are rounded out of line.
  @inlinable @inline(__always)
  public func roundedUnits(places: Int, _ mode: RoundingMode) -> Int64? {
    guard case .small(let n, let d) = storage, places >= 0, places <= 18 else { return nil }
    let scale = places == 2 ? 100 : Rational.smallPowersOfTen[places]
    let (scaled, overflow) = n.multipliedReportingOverflow(by: scale)
    if !overflow { return d == 1 ? scaled : Rational.roundedQuotient(scaled, d, mode) }
    return Rational.wideRoundedUnits(n, d, scale: scale, mode)
  }

  /// `n × scale / d` rounded by `mode`, in 128 bits, if it fits 64.
  @usableFromInline @inline(never)
  static func wideRoundedUnits(_ n: Int64, _ d: Int64, scale: Int64, _ mode: RoundingMode) -> Int64? {
    // |n| < 2^63 and 10^18 < 2^60: the product fits 128 bits.
    Int64(exactly: Rational.roundedQuotient(Int128(n) * Int128(scale), Int128(d), mode))
  }

  /// `units × 10^-places`, reduced by stripping the factors 2 and 5 the two
  /// share: the decimal `"12.50"` is `Rational(decimalUnits: 1250, places: 2)`
  /// = 25/2, with no general gcd.
  ///
  /// Always inlined: money read from text and written back comes through
  /// here for every amount, and the call cost as much as the reduction.
  ///
  /// - Precondition: `0 <= places <= 18`.
  @inlinable @inline(__always)
  public init(decimalUnits units: Int64, places: Int) {
    precondition(places >= 0 && places <= 18, "Rational: places out of range")
    if units == 0 || places == 0 {
      self = units == .min ? Rational(Int(units), 1) : Rational(storage: .small(units, 1))
      return
    }
    if units == .min {
      self = Rational(Int(units), Int(Rational.smallPowersOfTen[places]))
      return
    }
    // The twos: as many as both have. An arithmetic shift divides exactly.
    let twos = Swift.min(units.trailingZeroBitCount, places)
    var n = units &>> twos
    // The fives: one division by the constant 5 each (a multiply).
    var fives = places
    repeat {
      let quotient = n / 5
      if quotient &* 5 != n { break }
      n = quotient
      fives &-= 1
    } while fives > 0
    // 2^a × 5^b with a, b <= 18 is at most 10^18: no overflow.
    var d = Int64(1) &<< (places &- twos)
    while fives > 0 {
      d &*= 5
      fives &-= 1
    }
    self.init(storage: .small(n, d))
  }

  /// `self × 10^exponent`, exactly.
  @inlinable
  public func scaled(byPowerOfTen exponent: Int) -> Rational {
    exponent >= 0
      ? self * Rational.powerOfTen(exponent)
      : self / Rational.powerOfTen(-exponent)
  }

  /// 10^exponent for `exponent >= 0`.
  @usableFromInline
  static func powerOfTen(_ exponent: Int) -> Rational {
    if exponent < smallPowersOfTen.count {
      return Rational(reducedNumerator: smallPowersOfTen[exponent], denominator: 1)
    }
    return Rational(
      storage: .big(
        GMPRational(
          decimalDigits: "1" + String(repeating: "0", count: exponent), negative: false, scale: 0)))
  }

  /// 10^0 through 10^18. Written out: a literal array is laid out when the
  /// program loads, where a computed one is made on first use and every
  /// access checks that it has been (a `swift_once` call).
  @usableFromInline
  static let smallPowersOfTen: [Int64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
    1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
  ]

  @usableFromInline
  func integerPartViaGMP() -> Rational {
    let result = GMPRational()
    withMPQ { q in
      cgmp_mpz_fdiv_q(cgmp_mpq_numref(result.value), cgmp_mpq_numref_const(q), cgmp_mpq_denref_const(q))
    }
    // The new value's denominator is GMP's initial 1.
    return Rational(storage: .big(result)).normalized()
  }
}
