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

#if defined(__SSE2__)
/// The bits of the bytes of `chunk` equal to `value`.
static inline unsigned leadscreen_equal_bits(__m128i chunk, __m128i value) {
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, value));
}

/// The bits of the bytes of `chunk` below 0x20.
static inline unsigned leadscreen_control_bits(__m128i chunk) {
  const __m128i control = _mm_set1_epi8(0x1F);
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(chunk, control), control));
}
#endif

/// One pass over a JSON line's `count` bytes: bit i of `quotes[i / 64]` is set when
/// byte i is a double quote (`quotes` has room for (count + 63) / 64 words), and the
/// result tells whether there is a backslash, a control byte or a byte that is not
/// ASCII (`LEADSCREEN_JSON_*` flags). With neither backslash nor control byte, the
/// quotes are exactly the strings' delimiters. 64 bytes at a time with SSE2 (the
/// last partial block from a copy padded with spaces), else one by one.
static inline unsigned leadscreen_json_index(const uint8_t *bytes, size_t count,
                                             uint64_t *quotes) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  unsigned slashes = 0, controls = 0, high = 0;
  uint8_t tail[64];
  for (size_t index = 0, word = 0; index < count; index += 64, word++) {
    const uint8_t *block = bytes + index;
    if (count - index < 64) {
      memset(tail, ' ', sizeof tail);
      memcpy(tail, block, count - index);
      block = tail;
    }
    uint64_t found = 0;
    for (int part = 0; part < 4; part++) {
      __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(block + 16 * part));
      found |= (uint64_t)leadscreen_equal_bits(chunk, quote) << (16 * part);
      slashes |= leadscreen_equal_bits(chunk, backslash);
      controls |= leadscreen_control_bits(chunk);
      high |= (unsigned)_mm_movemask_epi8(chunk);
    }
    quotes[word] = found;
  }
  return (slashes ? LEADSCREEN_JSON_BACKSLASH : 0) | (controls ? LEADSCREEN_JSON_CONTROL : 0) |
         (high ? LEADSCREEN_JSON_NON_ASCII : 0);
#else
  unsigned flags = 0;
  for (size_t index = 0; index < count; index++) {
    if (index % 64 == 0) quotes[index / 64] = 0;
    uint8_t byte = bytes[index];
    if (byte == '"') quotes[index / 64] |= (uint64_t)1 << (index % 64);
    else if (byte == '\\') flags |= LEADSCREEN_JSON_BACKSLASH;
    else if (byte < 0x20) flags |= LEADSCREEN_JSON_CONTROL;
    else if (byte >= 0x80) flags |= LEADSCREEN_JSON_NON_ASCII;
  }
  return flags;
#endif
}

#endif
