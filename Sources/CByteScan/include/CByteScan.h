#ifndef LEADSCREEN_CBYTESCAN_H
#define LEADSCREEN_CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The offset of the first byte in `bytes[0..<count]` that ends a run of plain JSON
/// string text: a quote, a backslash or a control byte (below 0x20); `count` when
/// there is none. Sixteen bytes at a time with SSE2 (every x86-64), else one by one.
static inline size_t leadscreen_json_string_run(const uint8_t *bytes, size_t count) {
  size_t index = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control = _mm_set1_epi8(0x1F);
  for (; index + 16 <= count; index += 16) {
    __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index));
    // A byte is at most 0x1F exactly when max(byte, 0x1F) == 0x1F (unsigned).
    __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
        _mm_cmpeq_epi8(_mm_max_epu8(chunk, control), control));
    int mask = _mm_movemask_epi8(special);
    if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
  }
#endif
  for (; index < count; index++) {
    uint8_t byte = bytes[index];
    if (byte == '"' || byte == '\\' || byte < 0x20) return index;
  }
  return count;
}

/// The offset of the first byte in `bytes[0..<count]` that is not ASCII (0x80 or
/// more); `count` when there is none. 32 bytes at a time with SSE2, else one by one.
static inline size_t leadscreen_ascii_run(const uint8_t *bytes, size_t count) {
  size_t index = 0;
#if defined(__SSE2__)
  for (; index + 32 <= count; index += 32) {
    __m128i low = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index));
    __m128i high = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index + 16));
    if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0) break;
  }
  for (; index + 16 <= count; index += 16) {
    int mask = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(bytes + index)));
    if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
  }
#endif
  for (; index < count; index++) {
    if (bytes[index] >= 0x80) return index;
  }
  return count;
}

/// Asks the CPU to bring the cache line at `address` in for a read soon (a hint: it
/// never faults, whatever the address).
static inline void leadscreen_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

/// What ``leadscreen_json_index`` found besides the quotes.
enum {
  LEADSCREEN_JSON_BACKSLASH = 1,
  LEADSCREEN_JSON_CONTROL = 2,  // a byte below 0x20
  LEADSCREEN_JSON_NON_ASCII = 4,  // a byte of 0x80 or more
};


/// One pass over a JSON line's `count` bytes: bit i of `quotes[i / 64]` is set when
/// byte i is a double quote (`quotes` has room for (count + 63) / 64 words), and the
/// result tells whether there is a backslash, a control byte or a byte that is not
/// ASCII (`LEADSCREEN_JSON_*` flags). With neither backslash nor control byte, the
/// quotes are exactly the strings' delimiters. 64 bytes at a time, with AVX2 where
/// the CPU has it, else SSE2 (the last partial block from a copy padded with spaces).
unsigned leadscreen_json_index(const uint8_t *bytes, size_t count, uint64_t *quotes);

/// ``leadscreen_json_index`` by one implementation, for tests: 0 one byte at a time,
/// 1 SSE2, 2 AVX2. Returns 0xFFFFFFFF (quotes untouched) where that one cannot run.
unsigned leadscreen_json_index_using(int implementation, const uint8_t *bytes, size_t count,
                                     uint64_t *quotes);

/// ``leadscreen_json_index`` of the line that starts at `bytes`, found in the same pass:
/// the line ends at the first newline within `limit` bytes, whose offset goes to
/// `*length` (`limit` when there is none: the caller then finds the line the other way).
/// The quotes and the flags are those of the line's bytes before the newline, as
/// ``leadscreen_json_index`` gives them for `*length` bytes (`quotes` has room for
/// (limit + 63) / 64 words). Bytes after the newline are read (full blocks of 64 within
/// `limit`) but do not count.
unsigned leadscreen_json_index_line(const uint8_t *bytes, size_t limit, uint64_t *quotes,
                                    size_t *length);

/// ``leadscreen_json_index_line`` by one implementation, for tests (as
/// ``leadscreen_json_index_using``).
unsigned leadscreen_json_index_line_using(int implementation, const uint8_t *bytes, size_t limit,
                                          uint64_t *quotes, size_t *length);

/// A 64-bit hash of `bytes[0..<count]` for in-memory tables (never 0; not the same
/// across machines or builds, so never stored). Three lanes of the CPU's CRC-32C
/// instruction where it has one (SSE 4.2), else multiply-and-shift lanes; a final mix
/// spreads the bits. Not keyed: tables using it compare the bytes as well.
uint64_t leadscreen_hash64(const uint8_t *bytes, size_t count);

/// ``leadscreen_hash64`` by one implementation, for tests: 0 portable, 1 CRC-32C.
/// Returns 0 where that one cannot run.
uint64_t leadscreen_hash64_using(int implementation, const uint8_t *bytes, size_t count);

/// One name of ``leadscreen_field_table``: its first (up to) eight bytes and, when it
/// is longer than eight, its last eight, as little-endian words; its length; its field.
typedef struct {
  uint64_t first;
  uint64_t last;
  uint32_t length;
  uint32_t field;
} leadscreen_field_entry;

/// The input field names leadscreen knows, by a perfect hash (FieldNameTable.c, written
/// by scripts/field_name_table.py): empty slots have length 0.
extern const leadscreen_field_entry leadscreen_field_table[64];
extern const uint64_t leadscreen_field_multiplier;

/// What ``leadscreen_field_name`` returns for a name it does not know.
#define LEADSCREEN_FIELD_NONE 255u

/// The field (``FieldName``'s raw value) named exactly by `bytes[0..<count]`, or
/// ``LEADSCREEN_FIELD_NONE``. Reads only those bytes (overlapping loads of two, four or
/// eight), hashes them into one slot and compares that slot's name: no branch per
/// candidate name, no call (Swift inlines it).
static inline uint32_t leadscreen_field_name(const uint8_t *bytes, size_t count) {
  uint64_t first, last = 0;
  if (count >= 8) {
    if (count > 16) return LEADSCREEN_FIELD_NONE;
    memcpy(&first, bytes, 8);
    if (count > 8) memcpy(&last, bytes + count - 8, 8);
  } else if (count >= 4) {
    uint32_t low, high;
    memcpy(&low, bytes, 4);
    memcpy(&high, bytes + count - 4, 4);
    first = (uint64_t)low | (uint64_t)high << (8 * (count - 4));
  } else if (count >= 2) {
    uint16_t low, high;
    memcpy(&low, bytes, 2);
    memcpy(&high, bytes + count - 2, 2);
    first = (uint64_t)low | (uint64_t)high << (8 * (count - 2));
  } else if (count == 1) {
    first = bytes[0];
  } else {
    return LEADSCREEN_FIELD_NONE;
  }
  uint64_t mixed = first ^ (last * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)count;
  const leadscreen_field_entry *entry =
      &leadscreen_field_table[(mixed * leadscreen_field_multiplier) >> 58];
  return entry->first == first && entry->last == last && entry->length == count
             ? entry->field
             : LEADSCREEN_FIELD_NONE;
}

#endif
