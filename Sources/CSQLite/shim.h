#ifndef LEADSCREEN_CSQLITE_SHIM_H
#define LEADSCREEN_CSQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast of -1 to a function pointer that Swift cannot import:
/// it tells sqlite3_bind_* to copy the bytes before the call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
