#ifndef CJSONSCAN_H
#define CJSONSCAN_H

#include <stdint.h>

/// Stage 1 of the JSON tokenizer: where a text's quotes are, found 64 bytes
/// at a time with vector compares (SSE2 on x86-64, AVX2 when the processor
/// has it, plain C elsewhere).
///
/// Sets bit k of `quotes[k / 64]` when byte k is a quote, for all
/// `(count + 63) / 64` words. Returns 0 when the text is plain: every
/// string (counting quotes in pairs from the start) holds only ASCII bytes
/// from 0x20 up but a backslash, so its closing quote is the next quote
/// after its opening one, and the text does not end inside a string. Returns -1
/// otherwise, when the text needs careful handling (escapes, non-ASCII or
/// control bytes in a string, an unterminated string); `quotes` is then
/// unspecified. Bytes outside strings are not judged: that is the
/// grammar's job.
int headroom_json_quotes(const uint8_t *bytes, intptr_t count, uint64_t *quotes);

/// ``headroom_json_quotes`` with a given instruction set, for tests:
/// 0 plain C, 1 SSE2, 2 AVX2. Returns -2 when the processor lacks it.
int headroom_json_quotes_using(int instructions, const uint8_t *bytes, intptr_t count, uint64_t *quotes);

#endif
