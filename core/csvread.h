/*
** csvread.h -- reading CSV files (RFC 4180, split in place) into rows of text fields,
** and turning cells into numbers locale-independently, with decimal commas,
** thousands separators and error messages that name the file, line and column.
*/
#ifndef CL_CSVREAD_H
#define CL_CSVREAD_H

#include <stddef.h>

#include "status.h"

/* A parsed file: every field as a NUL-terminated string in one buffer (the
** file's own, split in place), with the file line each row's first field
** ends on (1-based) for error messages. */
typedef struct cl_csv_table {
  char *path;          /* a copy of the file name, for messages */
  char *text;          /* all fields, each NUL-terminated */
  size_t textlen, textcap;
  size_t *field;       /* offset of each field in text */
  size_t nfields, fieldcap;
  size_t *row;         /* index of each row's first field; row[nrows] = nfields */
  size_t *line;        /* line of each row's first field (cl_csv_line) */
  size_t nrows, rowcap;
  char sep;            /* the separator used (given or guessed) */
  int sniffed;         /* 1 when sep was guessed from the first line */
} cl_csv_table;

/* How cells are read as numbers. */
typedef struct cl_csv_numfmt {
  char decimal;        /* '.' or ',' */
  char thousands;      /* 0, or a group separator besides the spaces
                          (' ', U+00A0, U+202F) that are always accepted */
  int na;              /* empty cells and na_strings (NULL: "NA") are
                          missing (NaN); when 0 they are errors */
  const char *const *na_strings;
  size_t n_na;
} cl_csv_numfmt;

/* How a file is read (cl_csv_read_opts). */
typedef struct cl_csv_readopts {
  char sep;            /* 0: guessed, as below */
  char decimal;        /* '.' or ',' (for guessing sep) */
  int trim;            /* 1: spaces around unquoted fields are dropped (and
                          around quoted ones allowed); 0: kept, as R and RFC
                          4180 keep them */
  size_t max_line;     /* a physical line longer than this is an error (a
                          binary file, /dev/zero); 0: CL_CSV_MAX_LINE */
} cl_csv_readopts;

#define CL_CSV_MAX_LINE ((size_t)64 << 20)

void cl_csv_init (cl_csv_table *t);
/* Reads the file at path. sep 0 guesses it from the first line: the most
** frequent of tab, ';' and ',' outside quotes (ties in that order; with
** decimal ',', ',' only when neither of the others occurs; ',' when none
** does). A UTF-8 byte order mark is skipped; blank
** lines are ignored; fields must be valid UTF-8. On error t stays freeable. */
int cl_csv_read (cl_csv_table *t, const char *path, char sep, char decimal,
                 cl_error *err);
/* The same with every option; cl_csv_read keeps spaces and the 64 MB limit.
** Returns CL_EINTR when cl_interrupt is raised while reading. */
int cl_csv_read_opts (cl_csv_table *t, const char *path,
                      const cl_csv_readopts *o, cl_error *err);
/* Splits the n bytes at text as cl_csv_read_opts splits a file's (name only
** for messages). */
int cl_csv_read_text (cl_csv_table *t, const char *name, const char *text,
                      size_t n, const cl_csv_readopts *o, cl_error *err);
void cl_csv_free (cl_csv_table *t);

#define cl_csv_width(t, i)  ((t)->row[(i) + 1] - (t)->row[i])
#define cl_csv_cell(t, i, j)  ((t)->text + (t)->field[(t)->row[i] + (j)])
/* the file line field j of row i ends on */
size_t cl_csv_line (const cl_csv_table *t, size_t i, size_t j);

/* Every row must have as many fields as row 0 (the header when header). */
int cl_csv_check_width (const cl_csv_table *t, int header, cl_error *err);

/* Parses the whole string s as a number: optional sign, digits with optional
** groups of three separated by spaces, U+00A0, U+202F or `thousands`, an
** optional `decimal` fraction and exponent; surrounding spaces allowed.
** Returns 1 and sets *v on success, 0 otherwise. */
int cl_csv_parse_number (const char *s, char decimal, char thousands, double *v);
/* The same for the n bytes at s (no NUL needed). dp is the locale's decimal
** point for the rare strtod (localeconv() is not for threads: look it up
** once), or NULL to look it up when needed. */
int cl_csv_parse_span (const char *s, size_t n, char decimal, char thousands,
                       const char *dp, double *v);

/* The plain number ([sign] digits [decimal digits] [e [sign] digits]) at
** the start of [s, end): returns its length and sets *v as
** cl_csv_parse_span would for those bytes, or returns 0 when s does not
** start with one. For a reader that finds a field's end by parsing it. */
size_t cl_csv_parse_prefix (const char *s, const char *end, char decimal,
                            const char *dp, double *v);

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, no surrogates) */
int cl_csv_valid_utf8 (const unsigned char *s, size_t n);

/* Fills out (column-major, rows from 1 if header else 0, fields from col0)
** with the numbers of a rectangular table (by up to 4 threads when it has
** 100,000 cells or more). A cell that is not a number (or
** missing while fmt->na is off) is an error naming file, line, column (with
** its header label), the cell, and the likely cause. */
int cl_csv_numbers (const cl_csv_table *t, int header, size_t col0,
                    const cl_csv_numfmt *fmt, double *out, cl_error *err);

/* Reads field column j of the data rows into out (one double per data row).
** Sets *numeric to 1 when every cell is a number or missing, to 0 when the
** column is text. Returns CL_EPARSE (with the message for its first bad cell)
** when the column is text under fmt but numbers under the other decimal
** mark: most likely a wrong {decimal=} option, not a text column. */
int cl_csv_column (const cl_csv_table *t, int header, size_t j,
                   const cl_csv_numfmt *fmt, double *out, int *numeric,
                   cl_error *err);

#endif
