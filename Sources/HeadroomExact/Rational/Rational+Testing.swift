import CGMP

/// Hooks for tests only: force an operation through GMP, so the fast path can
/// be checked against it.
extension Rational {
  @_spi(Testing)
  public enum Operation: Sendable, CaseIterable { case add, subtract, multiply, divide }

  /// `lhs op rhs` computed by GMP whatever the operands' size.
  @_spi(Testing)
  public static func viaGMPForTesting(_ lhs: Rational, _ operation: Operation, _ rhs: Rational) -> Rational {
    switch operation {
    case .add: return viaGMP(lhs, rhs) { cgmp_mpq_add($0, $1, $2) }
    case .subtract: return viaGMP(lhs, rhs) { cgmp_mpq_sub($0, $1, $2) }
    case .multiply: return viaGMP(lhs, rhs) { cgmp_mpq_mul($0, $1, $2) }
    case .divide: return viaGMP(lhs, rhs) { cgmp_mpq_div($0, $1, $2) }
    }
  }

  /// The comparison computed by GMP.
  @_spi(Testing)
  public static func compareViaGMPForTesting(_ lhs: Rational, _ rhs: Rational) -> Int {
    Int(compareViaGMP(lhs, rhs).signum())
  }
}
