/// An amount of minor units as the schedule counts them: in steps of
/// 1/`scale` of a unit, so that amounts with fractions of a penny (a weekly
/// court-ordered instalment is 52/12 of itself a month) stay exact too.
///
/// The schedule runs first on machine integers (`Int64`, then `Int128`),
/// which never allocate; an overflow (a nil result) while a debt is stepped
/// hands the run, as it stood before that step, to the next representation
/// (exact rationals last), and one anywhere else runs the same loop again on
/// the next, so the figures never depend on which one finished.
///
/// The operations return nil rather than throw: the optimizer calls
/// non-throwing witnesses directly from the specialized loop, but went through
/// the witness table for typed-throwing ones, at hundreds of instructions a step.
protocol MinorUnits: Comparable {
  static var zero: Self { get }
  /// `value` units, counted in steps of 1/`scale`; nil when this
  /// representation cannot hold it.
  init?(_ value: Rational, scale: Int64)
  /// The exact number of units.
  func units(scale: Int64) -> Rational
  /// Whether the amount is above zero.
  var isPositive: Bool { get }
  static func plus(_ a: Self, _ b: Self) -> Self?
  static func minus(_ a: Self, _ b: Self) -> Self?
  /// `self × count`.
  func times(_ count: Int) -> Self?
  /// How many payments of `payment` (above zero) it takes to pay off `self`:
  /// ⌈self / payment⌉, or `limit` if that is more.
  func paymentsToClear(paying payment: Self, limit: Int) -> Int

  /// A monthly rate made ready for ``interest(at:_:)``.
  associatedtype Rate
  static func rate(_ monthlyRate: Rational, scale: Int64) -> Rate?
  /// `self × rate`, rounded to a whole unit by `mode` (SPEC R4).
  func interest(at rate: Rate, _ mode: RoundingMode) -> Self?
}

/// A schedule figure outgrew the representation it was running on.
struct MinorUnitsOverflow: Error {}

/// Unwraps a ``MinorUnits`` result, or abandons the run.
@inline(__always)
func checked<Value>(_ value: Value?) throws(MinorUnitsOverflow) -> Value {
  guard let value else { throw MinorUnitsOverflow() }
  return value
}

/// A monthly rate n/d for whole steps of 1/scale of a unit: interest on
/// `steps` is round(steps × n / (d × scale)) units, counted in steps again.
struct MachineRate<Integer: FixedWidthInteger & SignedInteger> {
  let numerator: Integer
  /// d × scale.
  let divisor: Integer
  let scale: Integer
}

/// The arithmetic both machine-integer tiers share.
extension MinorUnits where Self: FixedWidthInteger & SignedInteger {
  var isPositive: Bool { self > 0 }

  static func plus(_ a: Self, _ b: Self) -> Self? {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
  }

  static func minus(_ a: Self, _ b: Self) -> Self? {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? nil : difference
  }

  func times(_ count: Int) -> Self? {
    let (product, overflow) = multipliedReportingOverflow(by: Self(count))
    return overflow ? nil : product
  }

  func paymentsToClear(paying payment: Self, limit: Int) -> Int {
    let (whole, rest) = quotientAndRemainder(dividingBy: payment)
    let count = rest == 0 ? whole : whole + 1
    return count >= Self(limit) ? limit : Int(count)
  }

  static func rate(_ monthlyRate: Rational, scale: Int64) -> MachineRate<Self>? {
    guard let (n, d) = monthlyRate.machineParts else { return nil }
    let (divisor, overflow) = Self(d).multipliedReportingOverflow(by: Self(scale))
    return overflow ? nil : MachineRate(numerator: Self(n), divisor: divisor, scale: Self(scale))
  }

  func interest(at rate: MachineRate<Self>, _ mode: RoundingMode) -> Self? { checkedInterest(at: rate, mode) }

  /// round(self × n / (d × scale)) × scale, or nil on overflow.
  func checkedInterest(at rate: MachineRate<Self>, _ mode: RoundingMode) -> Self? {
    let (product, o1) = multipliedReportingOverflow(by: rate.numerator)
    if o1 { return nil }
    let units = Rational.roundedQuotient(product, rate.divisor, mode)
    let (steps, o2) = units.multipliedReportingOverflow(by: rate.scale)
    return o2 ? nil : steps
  }
}

/// The fast path: whole steps in a machine word.
extension Int64: MinorUnits {
  init?(_ value: Rational, scale: Int64) {
    guard let (n, d) = value.machineParts, scale % d == 0 else { return nil }
    let (steps, overflow) = n.multipliedReportingOverflow(by: scale / d)
    if overflow { return nil }
    self = steps
  }

  func units(scale: Int64) -> Rational { scale == 1 ? Rational(Int(self)) : Rational(Int(self), Int(scale)) }
}

/// The second tier: a debt whose interest outruns its payment for 600 months
/// can pass Int64 (64 % a year multiplies a balance by about 3 × 10^13) and
/// still fit 128 bits.
extension Int128: MinorUnits {
  init?(_ value: Rational, scale: Int64) {
    guard let steps = Int64(value, scale: scale) else { return nil }
    self = Int128(steps)
  }

  func units(scale: Int64) -> Rational {
    if let small = Int(exactly: self) { return scale == 1 ? Rational(small) : Rational(small, Int(scale)) }
    // high · 2^64 + low, the low word in two 32-bit halves so every part
    // fits Int64: a few exact operations, rather than printing and parsing.
    let high = Int64(truncatingIfNeeded: self >> 64)
    let low = UInt64(truncatingIfNeeded: self)
    let word = Rational(1 << 32)
    let value =
      (Rational(Int(high)) * word + Rational(Int(low >> 32))) * word + Rational(Int(low & 0xFFFF_FFFF))
    return scale == 1 ? value : value / Rational(Int(scale))
  }

  /// As the shared version, but dividing by one 128-by-64-bit machine
  /// division when the quotient fits 64 bits (it does until a balance passes
  /// about 10^19 times the rate's divisor), instead of two software 128-bit
  /// divisions.
  func interest(at rate: MachineRate<Int128>, _ mode: RoundingMode) -> Int128? {
    let (product, overflow) = multipliedReportingOverflow(by: rate.numerator)
    guard !overflow, product >= 0, let divisor = UInt64(exactly: rate.divisor), divisor > 0,
      divisor <= UInt64(Int64.max)
    else { return checkedInterest(at: rate, mode) }
    let wide = UInt128(product)
    let (high, low) = (UInt64(wide >> 64), UInt64(truncatingIfNeeded: wide))
    guard high < divisor else { return checkedInterest(at: rate, mode) }
    let (quotient, remainder) = divisor.dividingFullWidth((high, low))
    // The rounding of remainder/divisor (0 or 1); a half under half_even goes to the even quotient.
    var bump = Rational.roundedQuotient(Int64(remainder), Int64(divisor), mode)
    if mode == .halfEven && remainder == divisor - remainder { bump = Int64(quotient & 1) }
    let units = Int128(quotient) + Int128(bump)
    if rate.scale == 1 { return units }  // whole units: the usual case
    let (steps, o2) = units.multipliedReportingOverflow(by: rate.scale)
    return o2 ? nil : steps
  }
}

/// The exact path, for whatever machine integers cannot hold: never nil.
extension Rational: MinorUnits {
  init?(_ value: Rational, scale: Int64) { self = value * Rational(Int(scale)) }
  func units(scale: Int64) -> Rational { self / Rational(Int(scale)) }
  var isPositive: Bool { signum > 0 }
  static func plus(_ a: Rational, _ b: Rational) -> Rational? { a + b }
  static func minus(_ a: Rational, _ b: Rational) -> Rational? { a - b }
  func times(_ count: Int) -> Rational? { self * Rational(count) }

  func paymentsToClear(paying payment: Rational, limit: Int) -> Int {
    let count = (self / payment).ceiling()
    return count >= Rational(limit) ? limit : count.exactInt!
  }

  static func rate(_ monthlyRate: Rational, scale: Int64) -> (rate: Rational, step: Rational)? {
    (monthlyRate, Rational(Int(scale)))
  }

  func interest(at rate: (rate: Rational, step: Rational), _ mode: RoundingMode) -> Rational? {
    (self / rate.step * rate.rate).rounded(mode) * rate.step
  }
}
