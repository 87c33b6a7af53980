#ifndef LEADSCREEN_CBYTESCAN_H
#define LEADSCREEN_CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>
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

#endif
