/*
** csvmatrix.h -- the fast path of csv.read: a labelled numeric matrix read
** from a regular file mapped into memory (never copied, never written) and
** cut at line ends into bands, each scanned and turned into numbers by its
** own thread, as data.table's fread reads. Anything beyond plain rows --
** a quoted field over several lines or with "" in it, blank lines inside
** the data, a lone \r, a cell that is not a number, rows of another width,
** a line near max_line -- sends the file to the general reader
** (csvread.h), which gives the result or the message it always gave.
** A file that another program truncates while it is read gives CL_EIO and
** a message naming it (mapguard.h), never a SIGBUS.
*/
#ifndef CL_CSVMATRIX_H
#define CL_CSVMATRIX_H

#include <stddef.h>

#include "csvread.h"
#include "status.h"

/* status: this file needs the general reader (no message) */
#define CL_CSV_GENERAL (-1)

#define CL_CSV_BANDS 4  /* most threads */

typedef struct cl_csv_span {
  const char *s;
  size_t n;
} cl_csv_span;

typedef struct cl_csv_matrix {
  cl_csv_table head;   /* the first line, split: column labels, sep */
  const char *path;    /* the caller's, for messages */
  char *map;           /* the file, read-only */
  size_t mapsize;
  int header;          /* the first line is the header */
  size_t col0;         /* fields before the numbers; col0 - 1 has labels */
  size_t width;        /* fields per row */
  size_t max_line;
  size_t nrows;        /* data rows */
  size_t nbands;
  const char *cut[CL_CSV_BANDS + 1];  /* band k: from cut[k] to cut[k + 1] */
  size_t first[CL_CSV_BANDS + 1];     /* band k's first row; then nrows */
  cl_csv_span *label;  /* the row labels (col0 > 0), in the mapped file */
  size_t label_at[CL_CSV_BANDS + 1];  /* band k's labels' place in a block
                                         of them all; then the block's size */
} cl_csv_matrix;

void cl_csv_matrix_init (cl_csv_matrix *m);
/* Maps the file, splits its first line (sep given or guessed as
** cl_csv_read_opts guesses it) and counts the data rows (o->trim must be
** 0). Returns CL_OK with m->nrows and m->width, CL_CSV_GENERAL, or CL_EIO
** (message in err) when the file shrank meanwhile; either way
** cl_csv_matrix_close frees what m holds. path must outlive m's use. */
int cl_csv_matrix_open (cl_csv_matrix *m, const char *path,
                        const cl_csv_readopts *o, int header, size_t col0,
                        cl_error *err);
/* Fills out (m->nrows x (m->width - m->col0), column-major) with the
** numbers as cl_csv_numbers reads them, and m->label. Returns CL_OK,
** CL_CSV_GENERAL, CL_EINTR when cl_interrupt is raised, or CL_EIO when the
** file shrank. */
int cl_csv_matrix_fill (cl_csv_matrix *m, const cl_csv_numfmt *f, double *out,
                        cl_error *err);
/* After a fill: writes the row labels, each NUL-terminated, one after
** another into text (m->label_at[m->nbands] bytes) and their offsets in it
** into offset (m->nrows), a band per thread. CL_OK, or CL_EIO when the
** file shrank. */
int cl_csv_matrix_labels (cl_csv_matrix *m, size_t *offset, char *text,
                          cl_error *err);
void cl_csv_matrix_close (cl_csv_matrix *m);

#endif
