/*
** mapguard.h -- a file mapped into memory that another program truncates
** while it is read: touching a page past the new end raises SIGBUS, which
** kills the process (and a REPL user's session). Between cl_mapguard_begin
** and cl_mapguard_end a SIGBUS handler is installed (the one before it is
** put back after); cl_mapguard_call runs a function on this thread and,
** when that function touches a page of the given range the file no longer
** has, jumps back out of it (siglongjmp to a thread-local sigsetjmp, the
** standard way) and reports it, so the caller can return an ordinary error.
** A SIGBUS anywhere else is a real bug: the previous action is restored and
** the fault repeats under it (a crash, or AddressSanitizer's report).
**
** The jump abandons fn wherever it touched the mapping, so fn must hold no
** lock and keep what it allocates where its caller frees it; it never
** leaves malloc half done, as malloc itself never reads the mapping.
*/
#ifndef CL_MAPGUARD_H
#define CL_MAPGUARD_H

#include <stddef.h>

/* installs the handler, for as long as a file is mapped (counted: several
** may be, on several threads) */
void cl_mapguard_begin (void);
void cl_mapguard_end (void);

/* Runs *result = fn(arg). Returns 1, or 0 when fn touched a page of
** [map, map + n) that is gone (then *result is not set). Not nested. */
int cl_mapguard_call (const void *map, size_t n, int (*fn)(void *), void *arg,
                      int *result);

#endif
