#define _GNU_SOURCE
#include "CSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int leadscreen_punch_hole(int fd, long long offset, long long length) {
#if defined(__linux__) && defined(FALLOC_FL_PUNCH_HOLE)
  return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
  (void)fd;
  (void)offset;
  (void)length;
  errno = EOPNOTSUPP;
  return -1;
#endif
}

int leadscreen_set_malloc_arenas(int count) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
  return mallopt(M_ARENA_MAX, count);
#else
  (void)count;
  return 0;
#endif
}

int leadscreen_prefault(void *address, unsigned long length) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t start = (uintptr_t)address & ~(page - 1);
  uintptr_t end = ((uintptr_t)address + length + page - 1) & ~(page - 1);
  return madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
  (void)address;
  (void)length;
  errno = EOPNOTSUPP;
  return -1;
#endif
}
