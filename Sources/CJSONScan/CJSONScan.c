// Stage 1 of Headroom's JSON tokenizer (see CJSONScan.h): quotes and the
// bytes that need care, found per 64-byte block as bitmasks with the widest
// vector compares the processor has, and strings told apart from the rest
// by the parity of the quotes before each byte.

#include "CJSONScan.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#define HEADROOM_X86_64 1
#endif

// Bit k set when an odd number of the bits at or below k are set in `x`:
// for quotes, from each opening quote up to (not including) its closing one.
static inline uint64_t prefix_xor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// One 64-byte block's quotes and careful bytes (a backslash, below 0x20, or
// 0x80 and up) as masks: the block's quotes are stored, and 0 is returned
// when a careful byte lies inside a string. `inside` is all ones while the
// text before the block ends inside a string.
static inline int quote_block(uint64_t quote, uint64_t careful, uint64_t *inside, uint64_t *out) {
  *out = quote;
  if (careful) {
    // Whitespace outside strings is common in pretty text; only bytes inside count.
    if (careful & (prefix_xor(quote) ^ *inside)) return 0;
  }
  *inside ^= -(uint64_t)__builtin_parityll(quote);
  return 1;
}

// The scan over whole blocks and the space-padded last one, with the
// classifier of one instruction set.
#define HEADROOM_QUOTES_BODY(classify)                                  \
  uint64_t inside = 0, quote, careful;                                  \
  intptr_t i = 0;                                                       \
  for (; i + 64 <= count; i += 64) {                                    \
    classify(bytes + i, &quote, &careful);                              \
    if (!quote_block(quote, careful, &inside, quotes++)) return -1;     \
  }                                                                     \
  if (i < count) {                                                      \
    uint8_t last[64];                                                   \
    memset(last, ' ', sizeof last);                                     \
    memcpy(last, bytes + i, (size_t)(count - i));                       \
    classify(last, &quote, &careful);                                   \
    if (!quote_block(quote, careful, &inside, quotes)) return -1;       \
  }                                                                     \
  return inside ? -1 : 0;

// The portable classifier: eight bytes at a time in a 64-bit word (the
// SWAR tests below are exact per byte: no carry crosses a byte).
static inline uint64_t load_word(const uint8_t *bytes) {
  uint64_t word = 0;
  // Byte k to bits 8k..8k+7 on any machine; one load on a little-endian one.
  for (int k = 0; k < 8; k++) word |= (uint64_t)bytes[k] << (8 * k);
  return word;
}

// The high bit of each byte of `flags` (each 0x80 or 0) as 8 bits, byte k to bit k.
static inline uint64_t gather(uint64_t flags) { return ((flags >> 7) * 0x0102040810204080ULL) >> 56; }

static inline void classify_portable(const uint8_t *block, uint64_t *quote, uint64_t *careful) {
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
  uint64_t q = 0, c = 0;
  for (int k = 0; k < 8; k++) {
    uint64_t word = load_word(block + 8 * k);
    // 0x80 in each byte that is a quote (a backslash): its XOR with one is zero.
    uint64_t x = word ^ (ones * '"'), y = word ^ (ones * '\\');
    uint64_t quotes = ~(((x & low7) + low7) | x | low7);
    uint64_t backslashes = ~(((y & low7) + low7) | y | low7);
    // Below 0x20: adding 0x60 to the low seven bits leaves bit 7 clear; 0x80 and up: bit 7 set.
    uint64_t odd = ((~((word & low7) + ones * 0x60) | word) & high) | backslashes;
    q |= gather(quotes) << (8 * k);
    c |= gather(odd) << (8 * k);
  }
  *quote = q;
  *careful = c;
}

static int quotes_portable(const uint8_t *bytes, intptr_t count, uint64_t *quotes) {
  HEADROOM_QUOTES_BODY(classify_portable)
}

#if HEADROOM_X86_64

static inline void classify_sse2(const uint8_t *block, uint64_t *quote, uint64_t *careful) {
  const __m128i quotes = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(' ');
  uint64_t q = 0, c = 0;
  for (int k = 0; k < 4; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(block + 16 * k));
    // Signed: below 0x20, or 0x80 and up.
    __m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, backslash));
    q |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quotes)) << (16 * k);
    c |= (uint64_t)(uint16_t)_mm_movemask_epi8(odd) << (16 * k);
  }
  *quote = q;
  *careful = c;
}

static int quotes_sse2(const uint8_t *bytes, intptr_t count, uint64_t *quotes) {
  HEADROOM_QUOTES_BODY(classify_sse2)
}

__attribute__((target("avx2,popcnt")))
static inline void classify_avx2(const uint8_t *block, uint64_t *quote, uint64_t *careful) {
  const __m256i quotes = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
  const __m256i space = _mm256_set1_epi8(' ');
  __m256i low = _mm256_loadu_si256((const __m256i *)block);
  __m256i high = _mm256_loadu_si256((const __m256i *)(block + 32));
  // Signed: below 0x20, or 0x80 and up.
  __m256i odd_low = _mm256_or_si256(_mm256_cmpgt_epi8(space, low), _mm256_cmpeq_epi8(low, backslash));
  __m256i odd_high = _mm256_or_si256(_mm256_cmpgt_epi8(space, high), _mm256_cmpeq_epi8(high, backslash));
  *quote = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quotes))
           | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, quotes)) << 32;
  *careful = (uint64_t)(uint32_t)_mm256_movemask_epi8(odd_low)
             | (uint64_t)(uint32_t)_mm256_movemask_epi8(odd_high) << 32;
}

// Whether any of the 64 bytes at `block` is careful, as a vector folded
// into `careful` (a byte with its top bit set where one was).
__attribute__((target("avx2,popcnt")))
static inline __m256i quotes_only_avx2(const uint8_t *block, uint64_t *quote, __m256i careful) {
  const __m256i quotes = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
  const __m256i space = _mm256_set1_epi8(' ');
  __m256i low = _mm256_loadu_si256((const __m256i *)block);
  __m256i high = _mm256_loadu_si256((const __m256i *)(block + 32));
  *quote = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quotes))
           | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, quotes)) << 32;
  // Signed: below 0x20, or 0x80 and up; and backslashes.
  careful = _mm256_or_si256(careful, _mm256_cmpgt_epi8(space, low));
  careful = _mm256_or_si256(careful, _mm256_cmpgt_epi8(space, high));
  careful = _mm256_or_si256(careful, _mm256_cmpeq_epi8(low, backslash));
  return _mm256_or_si256(careful, _mm256_cmpeq_epi8(high, backslash));
}

// Most texts (compact ASCII lines) hold no careful byte at all: one pass
// stores the quotes and notes only whether a careful byte occurs anywhere;
// without one the text is plain exactly when its quotes pair up. A text
// with one is scanned again block by block, which then decides.
__attribute__((target("avx2,popcnt")))
static int quotes_avx2(const uint8_t *bytes, intptr_t count, uint64_t *quotes) {
  __m256i careful = _mm256_setzero_si256();
  uint64_t parity = 0, quote;
  uint64_t *out = quotes;
  intptr_t i = 0;
  for (; i + 64 <= count; i += 64) {
    careful = quotes_only_avx2(bytes + i, &quote, careful);
    *out++ = quote;
    parity ^= quote;
  }
  if (i < count) {
    uint8_t last[64];
    memset(last, ' ', sizeof last);
    memcpy(last, bytes + i, (size_t)(count - i));
    careful = quotes_only_avx2(last, &quote, careful);
    *out = quote;
    parity ^= quote;
  }
  if (_mm256_testz_si256(careful, careful)) return __builtin_parityll(parity) ? -1 : 0;
  {
    HEADROOM_QUOTES_BODY(classify_avx2)
  }
}

// Whether the processor and the system (which must save the wide
// registers) support AVX2.
static int has_avx2(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  if (!(c & bit_OSXSAVE) || !(c & bit_AVX) || !(c & bit_POPCNT)) return 0;
  unsigned low, high;
  __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  if ((low & 6) != 6) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b & bit_AVX2) != 0;
}

// 0 not yet known, 1 SSE2, 2 AVX2.
static int best_instructions;

static int instructions(void) {
  int known = __atomic_load_n(&best_instructions, __ATOMIC_RELAXED);
  if (known) return known;
  known = has_avx2() ? 2 : 1;
  __atomic_store_n(&best_instructions, known, __ATOMIC_RELAXED);
  return known;
}

#endif

int headroom_json_quotes_using(int instructions_wanted, const uint8_t *bytes, intptr_t count,
                               uint64_t *quotes) {
  if (count < 0 || count > INT32_MAX) return -1;
  switch (instructions_wanted) {
  case 0:
    return quotes_portable(bytes, count, quotes);
#if HEADROOM_X86_64
  case 1:
    return quotes_sse2(bytes, count, quotes);
  case 2:
    return instructions() == 2 ? quotes_avx2(bytes, count, quotes) : -2;
#endif
  default:
    return -2;
  }
}

int headroom_json_quotes(const uint8_t *bytes, intptr_t count, uint64_t *quotes) {
#if HEADROOM_X86_64
  if (count < 0 || count > INT32_MAX) return -1;
  return instructions() == 2 ? quotes_avx2(bytes, count, quotes) : quotes_sse2(bytes, count, quotes);
#else
  return headroom_json_quotes_using(0, bytes, count, quotes);
#endif
}
