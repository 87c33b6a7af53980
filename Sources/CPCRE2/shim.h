#ifndef LEADSCREEN_CPCRE2_SHIM_H
#define LEADSCREEN_CPCRE2_SHIM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/// PCRE2_ZERO_TERMINATED and PCRE2_UNSET are casts of ~0 that Swift cannot import.
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
static inline PCRE2_SIZE cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
