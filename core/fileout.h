/*
** fileout.h -- output files written whole or not at all: the data go to a
** temporary file in the destination's folder, every write, flush, fsync and
** close is checked, and only then is it renamed over the destination (POSIX
** rename is atomic). A failure, a full disk or a kill leaves the previous
** file as it was; on Linux the temporary is unnamed (O_TMPFILE) until it is
** complete, so even SIGKILL leaves no partial file behind.
*/
#ifndef CL_FILEOUT_H
#define CL_FILEOUT_H

#include <stdio.h>

#include "status.h"

typedef struct cl_fileout {
  FILE *f;             /* write here with stdio; errors are caught at commit */
  char *path;          /* the destination */
  char *tmp;           /* the named temporary, or NULL while unnamed */
  int direct;          /* a device or pipe, written in place */
} cl_fileout;

/* Opens a temporary file beside path. On error nothing is left open. */
int cl_fileout_open (cl_fileout *o, const char *path, cl_error *err);
/* Writes n bytes (a short write is an error naming the file). */
int cl_fileout_write (cl_fileout *o, const void *p, size_t n, cl_error *err);
/* Flushes, syncs and closes the temporary and renames it to the destination;
** on any error removes it and returns a message naming the destination. */
int cl_fileout_commit (cl_fileout *o, cl_error *err);
/* Abandons the output: closes and removes the temporary. Safe to repeat. */
void cl_fileout_abort (cl_fileout *o);

/* Creates the folder dir and its parents (as mkdir -p). An empty path or the
** root of the file system is refused: outputs are never spread over "/". */
int cl_fileout_mkdir (const char *dir, cl_error *err);

#endif
