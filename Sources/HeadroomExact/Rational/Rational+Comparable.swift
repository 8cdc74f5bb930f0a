import CGMP

extension Rational: Comparable {
  @inlinable
  public static func == (lhs: Rational, rhs: Rational) -> Bool {
    // One representation per value: machine-sized and GMP values never meet.
    switch (lhs.storage, rhs.storage) {
    case (.small(let a, let b), .small(let c, let d)): return a == c && b == d
    case (.big, .big): return compareViaGMP(lhs, rhs) == 0
    default: return false
    }
  }

  @inlinable
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
      if b == d { return a < c }
      // 64 × 64 bits fits 128: the cross products are exact.
      return Int128(a) * Int128(d) < Int128(c) * Int128(b)
    }
    return compareViaGMP(lhs, rhs) < 0
  }

  @usableFromInline
  static func compareViaGMP(_ lhs: Rational, _ rhs: Rational) -> Int32 {
    lhs.withMPQ { a in rhs.withMPQ { b in cgmp_mpq_cmp(a, b) } }
  }
}
