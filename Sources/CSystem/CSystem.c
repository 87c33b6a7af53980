#define _GNU_SOURCE
#include "CSystem.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

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

static char bus_error_message[512];
static volatile size_t bus_error_length;

static void leadscreen_bus_error(int signal) {
  (void)signal;
  size_t length = bus_error_length;
  size_t written = 0;
  while (written < length) {
    ssize_t count = write(2, bus_error_message + written, length - written);
    if (count <= 0) break;
    written += (size_t)count;
  }
  _exit(66);
}

void leadscreen_exit_on_bus_error(const char *path) {
  static int installed = 0;
  size_t path_length = strnlen(path, 400);
  const char *head = "leadscreen: cannot read ";
  const char *tail = ": the file became shorter while it was read\n";
  size_t length = 0;
  memcpy(bus_error_message, head, strlen(head));
  length += strlen(head);
  memcpy(bus_error_message + length, path, path_length);
  length += path_length;
  memcpy(bus_error_message + length, tail, strlen(tail));
  length += strlen(tail);
  bus_error_length = length;
  if (!installed) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = leadscreen_bus_error;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
    installed = 1;
  }
}
