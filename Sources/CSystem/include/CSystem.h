#ifndef LEADSCREEN_CSYSTEM_H
#define LEADSCREEN_CSYSTEM_H

// C library calls Glibc's Swift module does not export.

/// Gives `length` bytes of `fd` from `offset` back to the file system, keeping the
/// file's size (fallocate(2) with FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE).
/// Returns 0, or -1 with errno set (also where the system or the file system
/// cannot do it).
int leadscreen_punch_hole(int fd, long long offset, long long length);

/// Asks the kernel to map the pages of `length` bytes at `address` now, writable
/// (madvise(2) MADV_POPULATE_WRITE, Linux 5.14 and later): one call instead of a page
/// fault per page on first touch. A hint: returns 0, or -1 where it failed or there
/// is no such call (the pages then fault in as they are touched).
int leadscreen_prefault(void *address, unsigned long length);

/// Makes a bus error (SIGBUS: a mapped input file became shorter than its mapping
/// while it was read) end the process with `leadscreen: cannot read PATH: ...` on
/// standard error and exit status 66, as a failed read does, instead of a crash.
/// `path` names the file mapped last (it is copied, up to 400 bytes).
void leadscreen_exit_on_bus_error(const char *path);

#endif
