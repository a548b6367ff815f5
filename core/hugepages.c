/*
** hugepages.c -- madvise(MADV_HUGEPAGE) on the aligned interior of a buffer
** (Linux, see hugepages.h); nothing where the call does not exist.
*/
#include <stdint.h>
#include <sys/mman.h>

#include "hugepages.h"

#define HUGE_PAGE ((uintptr_t)2 << 20)

void cl_hugepages (void *p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t hi = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);
  if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}
