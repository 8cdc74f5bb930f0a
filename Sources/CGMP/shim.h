// Wrappers for the GMP names Swift cannot import: function-like macros
// (mpq_sgn, mpq_numref, mpq_denref) and the mpq_/mpz_ names that gmp.h
// #defines to their __gmpq_/__gmpz_ symbols.
#ifndef HEADROOM_CGMP_SHIM_H
#define HEADROOM_CGMP_SHIM_H

#include <gmp.h>

static inline void cgmp_mpq_init(mpq_ptr q) { mpq_init(q); }
static inline void cgmp_mpq_clear(mpq_ptr q) { mpq_clear(q); }
static inline void cgmp_mpq_canonicalize(mpq_ptr q) { mpq_canonicalize(q); }
static inline void cgmp_mpq_set(mpq_ptr r, mpq_srcptr a) { mpq_set(r, a); }
static inline void cgmp_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void cgmp_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void cgmp_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void cgmp_mpq_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
static inline void cgmp_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline int cgmp_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int cgmp_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline mpz_ptr cgmp_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr cgmp_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline mpz_srcptr cgmp_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr cgmp_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }

static inline void cgmp_mpz_set_si(mpz_ptr z, long v) { mpz_set_si(z, v); }
static inline int cgmp_mpz_set_str(mpz_ptr z, const char *s, int base) { return mpz_set_str(z, s, base); }
static inline long cgmp_mpz_get_si(mpz_srcptr z) { return mpz_get_si(z); }
static inline int cgmp_mpz_fits_slong_p(mpz_srcptr z) { return mpz_fits_slong_p(z); }
static inline int cgmp_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline int cgmp_mpz_cmp_si(mpz_srcptr z, long v) { return mpz_cmp_si(z, v); }
static inline size_t cgmp_mpz_sizeinbase(mpz_srcptr z, int base) { return mpz_sizeinbase(z, base); }
static inline char *cgmp_mpz_get_str(char *s, int base, mpz_srcptr z) { return mpz_get_str(s, base, z); }
static inline void cgmp_mpz_mul_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_mul_ui(r, a, b); }
/// Quotient rounded toward minus infinity.
static inline void cgmp_mpz_fdiv_q(mpz_ptr q, mpz_srcptr n, mpz_srcptr d) { mpz_fdiv_q(q, n, d); }
/// Quotient and remainder rounded toward minus infinity.
static inline void cgmp_mpz_fdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr n, mpz_srcptr d) { mpz_fdiv_qr(q, r, n, d); }
static inline size_t cgmp_mpz_size(mpz_srcptr z) { return mpz_size(z); }
static inline mp_limb_t cgmp_mpz_getlimbn(mpz_srcptr z, mp_size_t n) { return mpz_getlimbn(z, n); }

#endif
