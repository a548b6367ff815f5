/*
** csvwrite.c -- writing a labelled matrix as CSV, numbers locale-independent
** and, by default, with as few digits as read back to the same double.
*/
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "csvwrite.h"
#include "fileout.h"

void cl_csv_format_number (double v, int digits, char decimal, char *buf) {
  const char *dp = localeconv()->decimal_point;  /* snprintf follows it */
  int prec = digits > 0 ? digits : 15;
  double back;
  char *p;
  size_t k = strlen(dp);
  for (;;) {
    snprintf(buf, 32, "%.*g", prec, v);
    if (k > 0 && (p = strstr(buf, dp)) != NULL) {
      *p = decimal;
      memmove(p + 1, p + k, strlen(p + k) + 1);
    }
    if (digits > 0 || prec == 17
        || (cl_csv_parse_number(buf, decimal, 0, &back) && back == v))
      return;
    prec++;
  }
}

static int needs_quotes (const char *s, char sep) {
  size_t n = strlen(s);
  if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' '
                || s[n - 1] == '\t'))
    return 1;
  for (; *s != '\0'; s++)
    if (*s == sep || *s == '"' || *s == '\n' || *s == '\r') return 1;
  return 0;
}

static void put_text (FILE *f, const char *s, char sep);

/* OWASP's CSV-injection rule: text that a spreadsheet would run as a formula
** (a leading = + - @ tab or CR) gets a leading single quote; numbers do not */
int cl_csv_is_formula (const char *s) {
  double v;
  return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL
         && !cl_csv_parse_number(s, '.', 0, &v)
         && !cl_csv_parse_number(s, ',', 0, &v);
}

static void put_label (FILE *f, const char *s, const cl_csv_writeopts *o) {
  if (!o->formulas && cl_csv_is_formula(s)) {
    char *q = (char *)malloc(strlen(s) + 2);
    if (q != NULL) {
      q[0] = '\'';
      strcpy(q + 1, s);
      put_text(f, q, o->sep);
      free(q);
      return;
    }
    fputc('\'', f);  /* out of memory: the quote alone still neutralises */
  }
  put_text(f, s, o->sep);
}

static void put_text (FILE *f, const char *s, char sep) {
  if (!needs_quotes(s, sep)) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s != '\0'; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static int check_finite (const char *path, const cl_matrix *m,
                         const char *const *rownames,
                         const char *const *colnames, cl_error *err) {
  size_t k = cl_matrix_first_nonfinite(m), n = cl_matrix_size(m);
  for (; k < n; k++) {
    size_t i = k % m->rows, j = k / m->rows;
    if (!isinf(m->data[k])) continue;
    return cl_fail(err, CL_EDOMAIN, "%s: element [%zu, %zu]%s%s%s%s%s is %s; "
                   "only finite numbers and NaN (written as NA) can be written",
                   path, i + 1, j + 1, rownames || colnames ? " (" : "",
                   rownames ? rownames[i] : "", rownames && colnames ? ", " : "",
                   colnames ? colnames[j] : "", rownames || colnames ? ")" : "",
                   m->data[k] > 0 ? "inf" : "-inf");
  }
  return CL_OK;
}

int cl_csv_write (const char *path, const cl_matrix *m,
                  const char *const *rownames, const char *const *colnames,
                  const cl_csv_writeopts *o, cl_error *err) {
  char num[32];
  size_t i, j;
  cl_fileout out;
  FILE *f;
  if (check_finite(path, m, rownames, colnames, err) != CL_OK)
    return CL_EDOMAIN;
  if (cl_fileout_open(&out, path, err) != CL_OK) return CL_EIO;
  f = out.f;  /* stdio's errors are sticky: the commit checks them all */
  if (o->bom) fputs("\xEF\xBB\xBF", f);
  if (colnames != NULL) {
    if (rownames != NULL) fputc(o->sep, f);  /* empty corner cell */
    for (j = 0; j < m->cols; j++) {
      if (j > 0) fputc(o->sep, f);
      put_label(f, colnames[j], o);
    }
    fputc('\n', f);
  }
  for (i = 0; i < m->rows; i++) {
    if (rownames != NULL) {
      put_label(f, rownames[i], o);
      if (m->cols > 0) fputc(o->sep, f);
    }
    for (j = 0; j < m->cols; j++) {
      double v = CL_AT(m, i, j);
      if (j > 0) fputc(o->sep, f);
      if (isnan(v)) put_text(f, o->na, o->sep);
      else {
        cl_csv_format_number(v, o->digits, o->decimal, num);
        fputs(num, f);
      }
    }
    fputc('\n', f);
  }
  return cl_fileout_commit(&out, err);
}
