import CGMP

/// A heap-held GMP rational: the slow path of ``Rational``.
///
/// It is immutable once built, so sharing it across threads is safe. `deinit`
/// clears the GMP value exactly once.
@usableFromInline
final class GMPRational: @unchecked Sendable {
  @usableFromInline
  let value: UnsafeMutablePointer<__mpq_struct>

  /// A zero, to be written by one GMP operation before anyone reads it.
  @usableFromInline
  init() {
    value = .allocate(capacity: 1)
    cgmp_mpq_init(value)
  }

  /// `numerator / denominator`, reduced.
  @usableFromInline
  init(numerator: Int64, denominator: Int64) {
    precondition(denominator != 0, "Rational: division by zero")
    value = .allocate(capacity: 1)
    cgmp_mpq_init(value)
    cgmp_mpz_set_si(cgmp_mpq_numref(value), Int(numerator))
    cgmp_mpz_set_si(cgmp_mpq_denref(value), Int(denominator))
    cgmp_mpq_canonicalize(value)
  }

  /// The integer written by `digits` (ASCII decimal digits, no sign), times
  /// `sign`, over `10^scale`.
  @usableFromInline
  init(decimalDigits digits: String, negative: Bool, scale: Int) {
    value = .allocate(capacity: 1)
    cgmp_mpq_init(value)
    let text = (negative ? "-" : "") + digits
    let ok = cgmp_mpz_set_str(cgmp_mpq_numref(value), text, 10)
    precondition(ok == 0, "GMPRational: digits were validated by the caller")
    let den = "1" + String(repeating: "0", count: scale)
    _ = cgmp_mpz_set_str(cgmp_mpq_denref(value), den, 10)
    cgmp_mpq_canonicalize(value)
  }

  deinit {
    cgmp_mpq_clear(value)
    value.deallocate()
  }

  @usableFromInline
  var signum: Int { Int(cgmp_mpq_sgn(value)) }

  @usableFromInline
  var isInteger: Bool { cgmp_mpz_cmp_si(cgmp_mpq_denref_const(value), 1) == 0 }

  /// The parts, when both fit machine integers and the numerator is not `Int64.min`.
  var smallParts: (Int64, Int64)? {
    let num = cgmp_mpq_numref_const(value)
    let den = cgmp_mpq_denref_const(value)
    guard cgmp_mpz_fits_slong_p(num) != 0, cgmp_mpz_fits_slong_p(den) != 0 else { return nil }
    let n = Int64(cgmp_mpz_get_si(num))
    guard n != .min else { return nil }
    return (n, Int64(cgmp_mpz_get_si(den)))
  }

  var numeratorString: String { Self.string(cgmp_mpq_numref_const(value)) }
  var denominatorString: String { Self.string(cgmp_mpq_denref_const(value)) }

  static func string(_ z: mpz_srcptr) -> String {
    // sizeinbase may overstate by one; +2 leaves room for a sign and the NUL.
    let capacity = cgmp_mpz_sizeinbase(z, 10) + 2
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    _ = cgmp_mpz_get_str(buffer, 10, z)
    return String(cString: buffer)
  }

  /// Feeds the limbs and signs of numerator and denominator to `hasher`.
  func hash(into hasher: inout Hasher) {
    for z in [cgmp_mpq_numref_const(value), cgmp_mpq_denref_const(value)] {
      hasher.combine(cgmp_mpz_sgn(z))
      let count = cgmp_mpz_size(z)
      hasher.combine(count)
      for i in 0..<count { hasher.combine(cgmp_mpz_getlimbn(z, i)) }
    }
  }
}

extension Rational {
  /// Runs `body` with this value as a GMP rational; small values are copied
  /// into a temporary that is cleared afterwards.
  @usableFromInline
  func withMPQ<R>(_ body: (mpq_srcptr) -> R) -> R {
    switch storage {
    case .big(let box):
      return withExtendedLifetime(box) { body(box.value) }
    case .small(let n, let d):
      var q = __mpq_struct()
      return withUnsafeMutablePointer(to: &q) { p in
        cgmp_mpq_init(p)
        defer { cgmp_mpq_clear(p) }
        cgmp_mpz_set_si(cgmp_mpq_numref(p), Int(n))
        cgmp_mpz_set_si(cgmp_mpq_denref(p), Int(d))
        return body(p)
      }
    }
  }

  /// `op(lhs, rhs)` computed by GMP, moved back to machine integers if it fits.
  @usableFromInline
  static func viaGMP(
    _ lhs: Rational, _ rhs: Rational,
    _ op: (mpq_ptr, mpq_srcptr, mpq_srcptr) -> Void
  ) -> Rational {
    let result = GMPRational()
    lhs.withMPQ { a in rhs.withMPQ { b in op(result.value, a, b) } }
    return Rational(storage: .big(result)).normalized()
  }
}
