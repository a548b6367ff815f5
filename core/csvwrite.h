/*
** csvwrite.h -- writing a matrix with its row and column labels as CSV, with
** a chosen separator and decimal mark, numbers exact to the last bit.
*/
#ifndef CL_CSVWRITE_H
#define CL_CSVWRITE_H

#include <stddef.h>

#include "matrix.h"
#include "status.h"

typedef struct cl_csv_writeopts {
  char sep;          /* field separator */
  char decimal;      /* '.' or ',' (differs from sep) */
  int digits;        /* significant digits 1..17; 0: the fewest (at most 17)
                        that read back as the same double */
  const char *na;    /* written for NaN */
  int bom;           /* start with a UTF-8 byte order mark (for Excel) */
  int formulas;      /* 0: labels a spreadsheet would run as formulas get a
                        leading ' (OWASP); 1: written as they are */
} cl_csv_writeopts;

/* Formats v into buf (at least 32 bytes) locale-independently. */
void cl_csv_format_number (double v, int digits, char decimal, char *buf);

/* 1 when the text s would be a formula in a spreadsheet: it starts with
** = + - @ tab or CR and is not a number (OWASP's CSV-injection rule) */
int cl_csv_is_formula (const char *s);

/* Writes m to path (whole or not at all, through core/fileout.c): a header row when colnames is not NULL (with an empty
** corner cell when rownames is not NULL), then one row per matrix row led by
** its label. Fields are quoted when they hold the separator, a quote, a line
** break or leading or trailing blanks. An infinite element is an error. */
int cl_csv_write (const char *path, const cl_matrix *m,
                  const char *const *rownames, const char *const *colnames,
                  const cl_csv_writeopts *o, cl_error *err);

#endif
