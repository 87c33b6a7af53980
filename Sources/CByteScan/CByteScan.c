// The scans are static inline functions in include/CByteScan.h (so Swift inlines
// them); a C target needs one source file.
#include "CByteScan.h"
