// The scans are static inline functions in include/CByteScan.h (so Swift inlines
// them); a C target needs one source file.
#include "CByteScan.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

/// A block of 64 bytes at `bytes` from a line of `count - index` more bytes: itself,
/// or the rest copied into `tail` and padded with spaces (neither quote, backslash,
/// control byte nor non-ASCII).
static inline const uint8_t *json_block(const uint8_t *bytes, size_t index, size_t count,
                                        uint8_t tail[64]) {
  if (count - index >= 64) return bytes + index;
  memset(tail, ' ', 64);
  memcpy(tail, bytes + index, count - index);
  return tail;
}

static unsigned json_flags(unsigned slashes, unsigned controls, unsigned high) {
  return (slashes ? LEADSCREEN_JSON_BACKSLASH : 0) | (controls ? LEADSCREEN_JSON_CONTROL : 0) |
         (high ? LEADSCREEN_JSON_NON_ASCII : 0);
}

#if defined(__SSE2__)
static unsigned json_index_sse2(const uint8_t *bytes, size_t count, uint64_t *quotes) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  unsigned slashes = 0, controls = 0, high = 0;
  uint8_t tail[64];
  for (size_t index = 0, word = 0; index < count; index += 64, word++) {
    const uint8_t *block = json_block(bytes, index, count, tail);
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
  return json_flags(slashes, controls, high);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) static unsigned json_index_avx2(const uint8_t *bytes,
                                                                size_t count, uint64_t *quotes) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i control = _mm256_set1_epi8(0x1F);
  unsigned slashes = 0, controls = 0, high = 0;
  uint8_t tail[64];
  for (size_t index = 0, word = 0; index < count; index += 64, word++) {
    const uint8_t *block = json_block(bytes, index, count, tail);
    __m256i low = _mm256_loadu_si256((const __m256i *)(const void *)block);
    __m256i upper = _mm256_loadu_si256((const __m256i *)(const void *)(block + 32));
    quotes[word] = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quote)) |
                   (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(upper, quote))
                       << 32;
    slashes |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
        _mm256_cmpeq_epi8(low, backslash), _mm256_cmpeq_epi8(upper, backslash)));
    controls |= (unsigned)_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_max_epu8(low, control), control),
                        _mm256_cmpeq_epi8(_mm256_max_epu8(upper, control), control)));
    high |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(low, upper));
  }
  return json_flags(slashes, controls, high);
}

// -1 until checked; every thread that checks stores the same value (relaxed atomics).
static int has_avx2 = -1;
#endif

static unsigned json_index_portable(const uint8_t *bytes, size_t count, uint64_t *quotes) {
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
}

unsigned leadscreen_json_index(const uint8_t *bytes, size_t count, uint64_t *quotes) {
#if defined(__x86_64__) && defined(__GNUC__)
  int known = __atomic_load_n(&has_avx2, __ATOMIC_RELAXED);
  if (known < 0) {
    __builtin_cpu_init();
    known = __builtin_cpu_supports("avx2");
    __atomic_store_n(&has_avx2, known, __ATOMIC_RELAXED);
  }
  if (known) return json_index_avx2(bytes, count, quotes);
#endif
#if defined(__SSE2__)
  return json_index_sse2(bytes, count, quotes);
#else
  return json_index_portable(bytes, count, quotes);
#endif
}

unsigned leadscreen_json_index_using(int implementation, const uint8_t *bytes, size_t count,
                                     uint64_t *quotes) {
  switch (implementation) {
  case 0:
    return json_index_portable(bytes, count, quotes);
#if defined(__SSE2__)
  case 1:
    return json_index_sse2(bytes, count, quotes);
#endif
#if defined(__x86_64__) && defined(__GNUC__)
  case 2:
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return json_index_avx2(bytes, count, quotes);
    return 0xFFFFFFFFu;
#endif
  default:
    return 0xFFFFFFFFu;
  }
}
