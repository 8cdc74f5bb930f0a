import CGMP

// Each operation first tries machine integers, reducing before multiplying
// (Knuth, TAOCP vol. 2, 4.5.1) so intermediates stay small. Any overflow,
// reported by the *ReportingOverflow operations, sends the operation to GMP.

extension Rational: AdditiveArithmetic {
  @inlinable
  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
      let sum = smallSum(a, b, c, d)
    {
      return sum
    }
    return viaGMP(lhs, rhs) { cgmp_mpq_add($0, $1, $2) }
  }

  @inlinable
  public static func - (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
      let difference = smallSum(a, b, -c, d)  // -c cannot overflow: c != Int64.min
    {
      return difference
    }
    return viaGMP(lhs, rhs) { cgmp_mpq_sub($0, $1, $2) }
  }

  @inlinable
  public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }

  @inlinable
  public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }

  /// a/b + c/d in machine integers, or nil on overflow.
  @inlinable
  static func smallSum(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
    // A zero term (a frequent savings, fee or interest figure) leaves the
    // other, already reduced: no gcd, and so no machine division.
    if c == 0 { return Rational(reducedNumerator: a, denominator: b) }
    if a == 0 { return Rational(reducedNumerator: c, denominator: d) }
    if b == d {
      let (s, o) = a.addingReportingOverflow(c)
      if o { return nil }
      if b == 1 { return Rational(reducedNumerator: s, denominator: 1) }
      let g = Int64(gcd(s.magnitude, UInt64(b)))
      return Rational(reducedNumerator: s / g, denominator: b / g)
    }
    // A whole number shares no factor with the other denominator.
    let g = b == 1 || d == 1 ? 1 : Int64(gcd(UInt64(b), UInt64(d)))
    if g == 1 {
      let (ad, o1) = a.multipliedReportingOverflow(by: d)
      let (cb, o2) = c.multipliedReportingOverflow(by: b)
      let (n, o3) = ad.addingReportingOverflow(cb)
      let (den, o4) = b.multipliedReportingOverflow(by: d)
      if o1 || o2 || o3 || o4 { return nil }
      return Rational(reducedNumerator: n, denominator: den)
    }
    let bg = b / g
    let dg = d / g
    let (adg, o1) = a.multipliedReportingOverflow(by: dg)
    let (cbg, o2) = c.multipliedReportingOverflow(by: bg)
    let (t, o3) = adg.addingReportingOverflow(cbg)
    if o1 || o2 || o3 { return nil }
    let g2 = Int64(gcd(t.magnitude, UInt64(g)))
    let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
    if o4 { return nil }
    return Rational(reducedNumerator: t / g2, denominator: den)
  }
}

extension Rational {
  @inlinable
  public static prefix func - (operand: Rational) -> Rational {
    switch operand.storage {
    case .small(let n, let d): return Rational(storage: .small(-n, d))
    case .big:
      let result = GMPRational()
      operand.withMPQ { cgmp_mpq_neg(result.value, $0) }
      return Rational(storage: .big(result)).normalized()
    }
  }

  @inlinable
  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
      let product = smallProduct(a, b, c, d)
    {
      return product
    }
    return viaGMP(lhs, rhs) { cgmp_mpq_mul($0, $1, $2) }
  }

  /// The quotient. - Precondition: `rhs != 0`.
  @inlinable
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(rhs.signum != 0, "Rational: division by zero")
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
      // a/b ÷ c/d = a/b × d/c, with the sign moved to the numerator.
      if let quotient = c < 0 ? smallProduct(a, b, -d, -c) : smallProduct(a, b, d, c) {
        return quotient
      }
    }
    return viaGMP(lhs, rhs) { cgmp_mpq_div($0, $1, $2) }
  }

  @inlinable
  public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }

  @inlinable
  public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }

  /// a/b × c/d in machine integers (both reduced, b, d > 0), or nil on overflow.
  @inlinable
  static func smallProduct(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
    if b == 1 && d == 1 {
      let (n, o) = a.multipliedReportingOverflow(by: c)
      return o ? nil : Rational(reducedNumerator: n, denominator: 1)
    }
    // Over a denominator of one, the gcd is one: no machine division for it.
    let g1 = d == 1 ? 1 : Int64(gcd(a.magnitude, UInt64(d)))
    let g2 = b == 1 ? 1 : Int64(gcd(c.magnitude, UInt64(b)))
    let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
    let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
    if o1 || o2 { return nil }
    return Rational(reducedNumerator: n, denominator: den)
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  @inlinable
  public init(integerLiteral value: Int) { self.init(value) }
}
