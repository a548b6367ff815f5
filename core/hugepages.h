/*
** hugepages.h -- asks Linux to back a large buffer with 2 MB pages
** (transparent huge pages, madvise(2) MADV_HUGEPAGE). The packed distances
** of hclust are walked down columns, one element per row of the triangle:
** with 4 kB pages nearly every step misses the TLB; with 2 MB pages a few
** hundred rows share one entry. A hint only: nothing changes but speed.
*/
#ifndef CL_HUGEPAGES_H
#define CL_HUGEPAGES_H

#include <stddef.h>

/* advises huge pages for the 2 MB-aligned part of [p, p + bytes), before
** the buffer is first written (the kernel picks page sizes on first touch) */
void cl_hugepages (void *p, size_t bytes);

#endif
