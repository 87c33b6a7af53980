#ifndef LEADSCREEN_CDIGEST_H
#define LEADSCREEN_CDIGEST_H

#include <stdint.h>

/// One SHA-256 (FIPS 180-4) compression: `state` (eight words) absorbs the 64-byte
/// `block` (any alignment). Uses the SHA extensions where the CPU has them (checked once), else
/// portable C.
void leadscreen_sha256_compress(uint32_t state[8], const void *block);

/// The portable C compression alone (what machines without the SHA extensions run),
/// for tests that compare the two.
void leadscreen_sha256_compress_portable(uint32_t state[8], const void *block);

#endif
