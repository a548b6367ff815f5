/*
** fuzz_csvread.c -- libFuzzer harness for core/csvread.c: the input is a file,
** read with every separator (sniffed, ',', ';', tab) and decimal mark, then
** checked and turned into numbers and columns as lua/lcsv.c does; where
** csv.read's fast path (core/csvmatrix.c) takes the file, its numbers and
** labels must be the general reader's.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/csvmatrix.h"
#include "../../core/csvread.h"
#include "fuzz_bytes.h"

static char path[64];

int LLVMFuzzerInitialize (int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  snprintf(path, sizeof path, "/dev/shm/fuzz_csvread.%d.csv", (int)getpid());
  return 0;
}

/* the table's bookkeeping after a successful read */
static void check_table (const cl_csv_table *t, char sep) {
  size_t i, j, last_line = 1;
  FUZZ_ASSERT(t->nrows >= 1 && t->row[0] == 0);
  FUZZ_ASSERT(t->row[t->nrows] == t->nfields);
  FUZZ_ASSERT(sep != 0 ? t->sep == sep && !t->sniffed
                       : t->sniffed && strchr(",;\t", t->sep) != NULL);
  for (i = 0; i < t->nrows; i++) {
    FUZZ_ASSERT(t->row[i] < t->row[i + 1]);  /* no row is empty */
    for (j = 0; j < cl_csv_width(t, i); j++) {
      size_t k = t->row[i] + j;
      FUZZ_ASSERT(t->field[k] < t->textlen);
      FUZZ_ASSERT(t->field[k] + strlen(cl_csv_cell(t, i, j)) < t->textlen);
      FUZZ_ASSERT(cl_csv_line(t, i, j) >= last_line);  /* lines only grow */
      last_line = cl_csv_line(t, i, j);
      FUZZ_ASSERT(k + 1 == t->nfields  /* fields split in place, in order */
                  || t->field[k] + strlen(cl_csv_cell(t, i, j)) < t->field[k + 1]);
    }
  }
}

/* csv.read and csv.read_table's use of the table under one option set; col0
** columns of labels (or codes and labels) come before the numbers */
static void read_numbers (const cl_csv_table *t, int header, size_t col0,
                          const cl_csv_numfmt *fmt) {
  size_t r0 = header ? 1 : 0, w, nr, i, j;
  cl_error err;
  double *out;
  int numeric, st;
  if (header && t->nrows < 2) return;
  if (cl_csv_check_width(t, header, &err) != CL_OK) {
    FUZZ_ASSERT(strlen(err.msg) > 0);
    return;
  }
  w = cl_csv_width(t, 0);
  nr = t->nrows - r0;
  if (w > col0) {
    out = (double *)malloc((w - col0) * nr * sizeof(double));
    st = cl_csv_numbers(t, header, col0, fmt, out, &err);
    FUZZ_ASSERT(st == CL_OK || (st == CL_EPARSE && strlen(err.msg) > 0));
    if (st == CL_OK && !fmt->na)  /* the table's fast path = one cell's */
      for (j = col0; j < w; j++)
        for (i = r0; i < t->nrows; i++) {
          double v;
          FUZZ_ASSERT(cl_csv_parse_number(cl_csv_cell(t, i, j), fmt->decimal,
                                          fmt->thousands, &v));
          FUZZ_ASSERT(memcmp(&v, &out[(j - col0) * nr + i - r0], sizeof v) == 0);
        }
    free(out);
  }
  out = (double *)malloc(nr * sizeof(double));
  for (j = 0; j < w; j++) {
    st = cl_csv_column(t, header, j, fmt, out, &numeric, &err);
    FUZZ_ASSERT(st == CL_OK || (st == CL_EPARSE && strlen(err.msg) > 0));
  }
  free(out);
}

static void all_options (const cl_csv_table *t, char decimal) {
  static const char *const marks[] = {"-", "..", "NA"};
  const char thousands[] = {0, decimal == '.' ? ',' : '.', '\''};
  cl_csv_numfmt fmt;
  int header, na;
  size_t k, col0;
  for (header = 0; header < 2; header++)
    for (col0 = 0; col0 < 3; col0++)
      for (na = 0; na < 3; na++)
        for (k = 0; k < sizeof thousands; k++) {
          fmt.decimal = decimal;
          fmt.thousands = thousands[k];
          fmt.na = na > 0;
          fmt.na_strings = na == 2 ? marks : NULL;
          fmt.n_na = na == 2 ? 3 : 0;
          read_numbers(t, header, col0, &fmt);
        }
}

/* the fast path under one option set: when it takes the file, the general
** reader must read it too, to the same bits and labels */
static void fast_path (const cl_csv_readopts *o, int header, size_t col0,
                       const cl_csv_numfmt *fmt) {
  cl_csv_matrix m;
  cl_csv_table t;
  cl_error err;
  double *fast, *general;
  size_t nr, nc, i, j;
  cl_csv_matrix_init(&m);
  if (cl_csv_matrix_open(&m, path, o, header, col0, &err) != CL_OK) {
    cl_csv_matrix_close(&m);
    return;
  }
  nr = m.nrows;
  nc = m.width - col0;
  FUZZ_ASSERT(nr > 0 && nc > 0);
  fast = (double *)malloc(nr * nc * sizeof(double));
  general = (double *)malloc(nr * nc * sizeof(double));
  if (cl_csv_matrix_fill(&m, fmt, fast, &err) == CL_OK) {
    cl_csv_init(&t);
    FUZZ_ASSERT(cl_csv_read_opts(&t, path, o, &err) == CL_OK);
    FUZZ_ASSERT(cl_csv_check_width(&t, header, &err) == CL_OK);
    FUZZ_ASSERT(t.nrows - (header ? 1 : 0) == nr && cl_csv_width(&t, 0) == m.width);
    FUZZ_ASSERT(cl_csv_numbers(&t, header, col0, fmt, general, &err) == CL_OK);
    FUZZ_ASSERT(memcmp(fast, general, nr * nc * sizeof(double)) == 0);
    for (j = 0; header && j < m.width; j++)
      FUZZ_ASSERT(strcmp(cl_csv_cell(&m.head, 0, j), cl_csv_cell(&t, 0, j)) == 0);
    if (col0 > 0) {
      size_t *offset = (size_t *)malloc(nr * sizeof(size_t));
      char *text = (char *)malloc(m.label_at[m.nbands]);
      FUZZ_ASSERT(cl_csv_matrix_labels(&m, offset, text, &err) == CL_OK);
      for (i = 0; i < nr; i++) {
        const char *want = cl_csv_cell(&t, i + (header ? 1 : 0), col0 - 1);
        FUZZ_ASSERT(m.label[i].n == strlen(want)
                    && memcmp(m.label[i].s, want, m.label[i].n) == 0
                    && strcmp(text + offset[i], want) == 0);
      }
      free(offset);
      free(text);
    }
    cl_csv_free(&t);
  }
  free(fast);
  free(general);
  cl_csv_matrix_close(&m);
}

static void fast_options (char sep, char decimal) {
  static const char *const marks[] = {"-", "..", "NA"};
  cl_csv_readopts o = {sep, decimal, 0, 0};
  cl_csv_numfmt fmt = {decimal, 0, 0, NULL, 0};
  int header, na;
  size_t col0;
  for (header = 0; header < 2; header++)
    for (col0 = 0; col0 < 3; col0++)
      for (na = 0; na < 3; na++) {
        fmt.na = na > 0;
        fmt.na_strings = na == 2 ? marks : NULL;
        fmt.n_na = na == 2 ? 3 : 0;
        fmt.thousands = na == 1 ? (decimal == '.' ? ',' : '.') : 0;
        fast_path(&o, header, col0, &fmt);
      }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const char seps[] = {0, ',', ';', '\t'};
  static const char decimals[] = {'.', ','};
  FILE *f = fopen(path, "wb");
  cl_csv_table t;
  cl_error err;
  size_t s, d;
  if (f == NULL) abort();
  if (size > 0 && fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  cl_csv_init(&t);  /* one table reused: cl_csv_read frees what it held */
  for (s = 0; s < sizeof seps; s++)
    for (d = 0; d < sizeof decimals; d++) {
      int st = cl_csv_read(&t, path, seps[s], decimals[d], &err);
      fast_options(seps[s], decimals[d]);
      if (st != CL_OK) {
        FUZZ_ASSERT(st == CL_EPARSE && strlen(err.msg) > 0);
        continue;
      }
      check_table(&t, seps[s]);
      all_options(&t, decimals[d]);
    }
  cl_csv_free(&t);
  remove(path);
  return 0;
}
