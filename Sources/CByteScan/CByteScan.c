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

#if defined(__x86_64__) && defined(__GNUC__)
// The CPU features the scans and the hash choose by, each checked once.
enum { LEADSCREEN_CPU_AVX2, LEADSCREEN_CPU_SSE42, LEADSCREEN_CPU_FEATURES };
// -1 until checked; every thread that checks stores the same value (relaxed atomics).
static int cpu_features[LEADSCREEN_CPU_FEATURES] = {-1, -1};

/// Whether the CPU has `feature` (`__builtin_cpu_supports` wants a literal name, hence
/// the switch).
static int cpu_has(int feature) {
  int known = __atomic_load_n(&cpu_features[feature], __ATOMIC_RELAXED);
  if (known < 0) {
    __builtin_cpu_init();
    known = feature == LEADSCREEN_CPU_AVX2 ? __builtin_cpu_supports("avx2") != 0
                                           : __builtin_cpu_supports("sse4.2") != 0;
    __atomic_store_n(&cpu_features[feature], known, __ATOMIC_RELAXED);
  }
  return known;
}
#endif

// MARK: - JSON line index
//
// One scan per implementation (portable, SSE2, AVX2), inlined into both entry points:
// with `lines` 0 it indexes `limit` bytes as they are (leadscreen_json_index); with
// `lines` 1 it stops at the first newline, whose offset goes to `*length`
// (leadscreen_json_index_line). Blocks wholly before the newline only say whether they
// hold a backslash, a control byte or a non-ASCII byte; the newline's block, which
// bytes, so that those after it do not count.

/// The flags of a line whose blocks before the last gave `slashes`, `controls` and
/// `high` (bits of bytes), and whose last block gave `s`, `c` and `h`, of which the
/// bits below `keep` count.
static unsigned json_line_flags(uint64_t slashes, uint64_t controls, uint64_t high, uint64_t s,
                                uint64_t c, uint64_t h, uint64_t keep) {
  return json_flags((slashes | (s & keep)) != 0, (controls | (c & keep)) != 0,
                    (high | (h & keep)) != 0);
}

/// The bits below bit `position` (0 to 63).
static inline uint64_t bits_below(unsigned position) {
  return position == 0 ? 0 : ~0ull >> (64 - position);
}

static inline unsigned json_scan_portable(const uint8_t *bytes, size_t limit, uint64_t *quotes,
                                         size_t *length, int lines) {
  unsigned flags = 0;
  size_t index = 0;
  for (; index < limit; index++) {
    if (index % 64 == 0) quotes[index / 64] = 0;
    uint8_t byte = bytes[index];
    if (lines && byte == '\n') break;
    if (byte == '"') quotes[index / 64] |= (uint64_t)1 << (index % 64);
    else if (byte == '\\') flags |= LEADSCREEN_JSON_BACKSLASH;
    else if (byte < 0x20) flags |= LEADSCREEN_JSON_CONTROL;
    else if (byte >= 0x80) flags |= LEADSCREEN_JSON_NON_ASCII;
  }
  *length = index;
  return flags;
}

#if defined(__SSE2__)
__attribute__((always_inline)) static inline unsigned json_scan_sse2(const uint8_t *bytes,
                                                                   size_t limit, uint64_t *quotes,
                                                                   size_t *length, int lines) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i newline = _mm_set1_epi8('\n');
  uint64_t slashes = 0, controls = 0, high = 0;
  uint8_t tail[64];
  for (size_t index = 0, word = 0; index < limit; index += 64, word++) {
    const uint8_t *block = json_block(bytes, index, limit, tail);
    uint64_t q = 0, s = 0, c = 0, h = 0, n = 0;
    for (int part = 0; part < 4; part++) {
      __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(block + 16 * part));
      unsigned shift = 16 * (unsigned)part;
      q |= (uint64_t)leadscreen_equal_bits(chunk, quote) << shift;
      s |= (uint64_t)leadscreen_equal_bits(chunk, backslash) << shift;
      c |= (uint64_t)leadscreen_control_bits(chunk) << shift;
      h |= (uint64_t)(unsigned)_mm_movemask_epi8(chunk) << shift;
      if (lines) n |= (uint64_t)leadscreen_equal_bits(chunk, newline) << shift;
    }
    if (n != 0) {
      unsigned position = (unsigned)__builtin_ctzll(n);
      uint64_t keep = bits_below(position);
      quotes[word] = q & keep;
      *length = index + position;
      return json_line_flags(slashes, controls, high, s, c, h, keep);
    }
    quotes[word] = q;
    slashes |= s;
    controls |= c;
    high |= h;
  }
  *length = limit;
  return json_line_flags(slashes, controls, high, 0, 0, 0, 0);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
/// The bits of the bytes of two 32-byte halves (as `_mm256_movemask_epi8` gives them).
__attribute__((target("avx2"))) static inline uint64_t bits64(__m256i low, __m256i upper) {
  return (uint64_t)(uint32_t)_mm256_movemask_epi8(low) |
         (uint64_t)(uint32_t)_mm256_movemask_epi8(upper) << 32;
}

__attribute__((target("avx2"), always_inline)) static inline unsigned json_scan_avx2(
    const uint8_t *bytes, size_t limit, uint64_t *quotes, size_t *length, int lines) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i control = _mm256_set1_epi8(0x1F);
  const __m256i newline = _mm256_set1_epi8('\n');
  uint64_t slashes = 0, controls = 0, high = 0;
  uint8_t tail[64];
  for (size_t index = 0, word = 0; index < limit; index += 64, word++) {
    const uint8_t *block = json_block(bytes, index, limit, tail);
    __m256i low = _mm256_loadu_si256((const __m256i *)(const void *)block);
    __m256i upper = _mm256_loadu_si256((const __m256i *)(const void *)(block + 32));
    uint64_t q = bits64(_mm256_cmpeq_epi8(low, quote), _mm256_cmpeq_epi8(upper, quote));
    uint64_t n =
        lines ? bits64(_mm256_cmpeq_epi8(low, newline), _mm256_cmpeq_epi8(upper, newline)) : 0;
    __m256i lowSlash = _mm256_cmpeq_epi8(low, backslash);
    __m256i upperSlash = _mm256_cmpeq_epi8(upper, backslash);
    __m256i lowControl = _mm256_cmpeq_epi8(_mm256_max_epu8(low, control), control);
    __m256i upperControl = _mm256_cmpeq_epi8(_mm256_max_epu8(upper, control), control);
    if (n == 0) {
      // A block wholly in the line: which bytes does not matter, only whether any.
      quotes[word] = q;
      slashes |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(lowSlash, upperSlash));
      controls |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(lowControl, upperControl));
      high |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(low, upper));
      continue;
    }
    // The block of the newline: only the bytes before it count.
    unsigned position = (unsigned)__builtin_ctzll(n);
    uint64_t keep = bits_below(position);
    quotes[word] = q & keep;
    *length = index + position;
    return json_line_flags(slashes, controls, high, bits64(lowSlash, upperSlash),
                           bits64(lowControl, upperControl), bits64(low, upper), keep);
  }
  *length = limit;
  return json_line_flags(slashes, controls, high, 0, 0, 0, 0);
}
#endif

// Each implementation's two scans: a line's bytes as given (a newline among them is a
// control byte), and a line's bytes up to its first newline.
static unsigned json_index_portable(const uint8_t *bytes, size_t count, uint64_t *quotes) {
  size_t length;
  return json_scan_portable(bytes, count, quotes, &length, 0);
}

static unsigned json_line_portable(const uint8_t *bytes, size_t limit, uint64_t *quotes,
                                   size_t *length) {
  return json_scan_portable(bytes, limit, quotes, length, 1);
}

#if defined(__SSE2__)
static unsigned json_index_sse2(const uint8_t *bytes, size_t count, uint64_t *quotes) {
  size_t length;
  return json_scan_sse2(bytes, count, quotes, &length, 0);
}

static unsigned json_line_sse2(const uint8_t *bytes, size_t limit, uint64_t *quotes,
                               size_t *length) {
  return json_scan_sse2(bytes, limit, quotes, length, 1);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) static unsigned json_index_avx2(const uint8_t *bytes,
                                                                size_t count, uint64_t *quotes) {
  size_t length;
  return json_scan_avx2(bytes, count, quotes, &length, 0);
}

__attribute__((target("avx2"))) static unsigned json_line_avx2(const uint8_t *bytes, size_t limit,
                                                               uint64_t *quotes, size_t *length) {
  return json_scan_avx2(bytes, limit, quotes, length, 1);
}
#endif

unsigned leadscreen_json_index(const uint8_t *bytes, size_t count, uint64_t *quotes) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu_has(LEADSCREEN_CPU_AVX2)) return json_index_avx2(bytes, count, quotes);
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
    if (cpu_has(LEADSCREEN_CPU_AVX2)) return json_index_avx2(bytes, count, quotes);
    return 0xFFFFFFFFu;
#endif
  default:
    return 0xFFFFFFFFu;
  }
}

unsigned leadscreen_json_index_line(const uint8_t *bytes, size_t limit, uint64_t *quotes,
                                    size_t *length) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu_has(LEADSCREEN_CPU_AVX2)) return json_line_avx2(bytes, limit, quotes, length);
#endif
#if defined(__SSE2__)
  return json_line_sse2(bytes, limit, quotes, length);
#else
  return json_line_portable(bytes, limit, quotes, length);
#endif
}

unsigned leadscreen_json_index_line_using(int implementation, const uint8_t *bytes, size_t limit,
                                          uint64_t *quotes, size_t *length) {
  switch (implementation) {
  case 0:
    return json_line_portable(bytes, limit, quotes, length);
#if defined(__SSE2__)
  case 1:
    return json_line_sse2(bytes, limit, quotes, length);
#endif
#if defined(__x86_64__) && defined(__GNUC__)
  case 2:
    if (cpu_has(LEADSCREEN_CPU_AVX2)) return json_line_avx2(bytes, limit, quotes, length);
    return 0xFFFFFFFFu;
#endif
  default:
    return 0xFFFFFFFFu;
  }
}

// MARK: - Hash

static inline uint64_t load64(const uint8_t *bytes) {
  uint64_t word;
  memcpy(&word, bytes, 8);
  return word;
}

/// The last 0-7 bytes (or, from 8 bytes on, the last eight: overlapping bytes hashed
/// before) as a word.
static inline uint64_t tail64(const uint8_t *bytes, size_t count, size_t index) {
  if (index >= count) return 0;
  if (count >= 8) return load64(bytes + count - 8);
  uint64_t word = 0;
  for (size_t shift = 0; index < count; index++, shift += 8) word |= (uint64_t)bytes[index] << shift;
  return word;
}

static inline uint64_t hash_finish(uint64_t h) {
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 32;
  // Never 0 (an empty slot), every bit otherwise left as mixed: tables index by the
  // low bits.
  return h != 0 ? h : 1;
}

static uint64_t hash64_portable(const uint8_t *bytes, size_t count) {
  uint64_t a = 0x9E3779B97F4A7C15ull ^ count, b = 0xC2B2AE3D27D4EB4Full;
  size_t index = 0;
  for (; index + 16 <= count; index += 16) {
    a = (a ^ load64(bytes + index)) * 0xFF51AFD7ED558CCDull;
    b = (b ^ load64(bytes + index + 8)) * 0xC4CEB9FE1A85EC53ull;
    a ^= a >> 32;
    b ^= b >> 29;
  }
  for (; index + 8 <= count; index += 8) {
    a = (a ^ load64(bytes + index)) * 0xFF51AFD7ED558CCDull;
    a ^= a >> 32;
  }
  b ^= tail64(bytes, count, index);
  return hash_finish(a ^ b * 0x9E3779B97F4A7C15ull);
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <nmmintrin.h>

__attribute__((target("sse4.2"))) static uint64_t hash64_crc(const uint8_t *bytes, size_t count) {
  // Three independent lanes: the instruction's latency overlaps.
  uint64_t a = count, b = 0x9E3779B9u, c = 0x85EBCA6Bu;
  size_t index = 0;
  for (; index + 24 <= count; index += 24) {
    a = _mm_crc32_u64(a, load64(bytes + index));
    b = _mm_crc32_u64(b, load64(bytes + index + 8));
    c = _mm_crc32_u64(c, load64(bytes + index + 16));
  }
  for (; index + 8 <= count; index += 8) a = _mm_crc32_u64(a, load64(bytes + index));
  // The tail through a multiply too: CRC lanes alone are 32 bits each.
  uint64_t tail = tail64(bytes, count, index);
  c = _mm_crc32_u64(c, tail);
  return hash_finish((a << 32 | b) ^ (c + tail) * 0x9E3779B97F4A7C15ull);
}
#endif

uint64_t leadscreen_hash64(const uint8_t *bytes, size_t count) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu_has(LEADSCREEN_CPU_SSE42)) return hash64_crc(bytes, count);
#endif
  return hash64_portable(bytes, count);
}

uint64_t leadscreen_hash64_using(int implementation, const uint8_t *bytes, size_t count) {
  switch (implementation) {
  case 0:
    return hash64_portable(bytes, count);
#if defined(__x86_64__) && defined(__GNUC__)
  case 1:
    return cpu_has(LEADSCREEN_CPU_SSE42) ? hash64_crc(bytes, count) : 0;
#endif
  default:
    return 0;
  }
}
