/*
** lmatrix_format.c -- a matrix as an aligned table with its labels and
** dimensions, like R's print.matrix: numbers with `digits` significant
** digits, locale-independent, missing values as NA. As R does, a column
** shares one number of decimals so that its decimal points line up. On a
** terminal the table is trimmed to its width; elsewhere wide tables wrap into
** column blocks.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lcl.h"
#include "lmatrix_format.h"

#define MAX_LABEL 24   /* longest row label shown on a narrow terminal */
#define WIDE_LABEL 48  /* ... and on a wide one, or in a file */
#define MAX_COLLABEL 14

/* display width of a UTF-8 string: one column per code point */
static size_t utf8_width (const char *s, size_t len) {
  size_t k, w = 0;
  for (k = 0; k < len; k++)
    if (((unsigned char)s[k] & 0xC0) != 0x80) w++;
  return w;
}

/* byte length of the first `cols` characters of s */
static size_t utf8_prefix (const char *s, size_t len, size_t cols) {
  size_t k, w = 0;
  for (k = 0; k < len; k++) {
    if (((unsigned char)s[k] & 0xC0) != 0x80) {
      if (w == cols) return k;
      w++;
    }
  }
  return len;
}

/* adds s, cut to at most maxw characters (with a trailing '~' when cut) and
** padded to width w, right-aligned when right is set */
static void add_cell (luaL_Buffer *b, const char *s, size_t w, size_t maxw, int right) {
  size_t len = strlen(s), sw = utf8_width(s, len), k;
  int cut = sw > maxw;
  if (cut) { len = utf8_prefix(s, len, maxw - 1); sw = maxw; }
  if (right) for (k = sw; k < w; k++) luaL_addchar(b, ' ');
  luaL_addlstring(b, s, len);
  if (cut) luaL_addchar(b, '~');
  if (!right) for (k = sw; k < w; k++) luaL_addchar(b, ' ');
}

/* decimals needed to show x with at most `digits` significant digits,
** trailing zeros dropped */
static int decimals_needed (double x, int digits) {
  char buf[64], *e, *end;
  int exponent, sig;
  if (!isfinite(x) || x == 0) return 0;
  snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
  e = strchr(buf, 'e');
  exponent = atoi(e + 1);
  for (end = e - 1; *end == '0'; end--) ;
  sig = 0;
  for (char *p = buf; p <= end; p++)
    if (*p >= '0' && *p <= '9') sig++;
  return sig - 1 - exponent > 0 ? sig - 1 - exponent : 0;
}

/* one column's format, as R's formatReal chooses it: a shared count of
** decimals, or -1 for %g when fixed notation would be wider than scientific */
static int column_decimals (const cl_matrix *m, size_t j, size_t nrows, int digits) {
  size_t i;
  int dec = 0, intw = 1, neg = 0, fixedw, sciw;
  for (i = 0; i < nrows; i++) {
    double x = CL_AT(m, i, j);
    int d = decimals_needed(x, digits);
    if (!isfinite(x)) continue;
    if (fabs(x) >= 1e15) return -1;
    if (d > dec) dec = d;
    if (x < 0) neg = 1;
    if (fabs(x) >= 1) {
      int w = (int)floor(log10(fabs(x))) + 1;
      if (w > intw) intw = w;
    }
  }
  fixedw = neg + intw + (dec > 0 ? dec + 1 : 0);
  sciw = neg + (digits > 1 ? digits + 1 : 1) + 4;  /* d.ddddde-05 */
  return fixedw <= sciw ? dec : -1;
}

static void format_number (char *buf, size_t n, double x, int digits, int dec) {
  if (isnan(x)) snprintf(buf, n, "NA");
  else if (isinf(x)) snprintf(buf, n, x > 0 ? "Inf" : "-Inf");
  else if (dec < 0) snprintf(buf, n, "%.*g", digits, x);
  else snprintf(buf, n, "%.*f", dec, x);
}

static size_t terminal_width (void) {
  struct winsize ws;
  const char *cols = getenv("COLUMNS");
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
      ws.ws_col > 20)
    return ws.ws_col;
  if (cols != NULL && atoi(cols) > 20) return (size_t)atoi(cols);
  return 0;  /* not a terminal: no trimming */
}

static const char *col_header (lua_State *L, size_t j, char *buf, size_t n) {
  const char *s = lcl_label(L, 1, 2, j);
  if (s != NULL) return s;
  snprintf(buf, n, "[,%zu]", j + 1);
  return buf;
}

static const char *row_header (lua_State *L, size_t i, char *buf, size_t n) {
  const char *s = lcl_label(L, 1, 1, i);
  if (s != NULL) return s;
  snprintf(buf, n, "[%zu,]", i + 1);
  return buf;
}

/* width and trim > 0: show the columns that fit; width > 0 without trim:
** wrap into blocks; maxrows: rows shown before the rest is summarised */
static int format_matrix (lua_State *L, size_t width, int trim, size_t maxrows,
                          int digits) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t shown_rows = m->rows > maxrows ? maxrows : m->rows;
  size_t i, j, labw = 0, *colw, start;
  size_t maxlab = width == 0 ? WIDE_LABEL : width / 3;
  int *coldec;
  char num[64], hdr[64];
  luaL_Buffer b;
  colw = (size_t *)lua_newuserdatauv(L, (m->cols ? m->cols : 1) * sizeof(size_t), 0);
  coldec = (int *)lua_newuserdatauv(L, (m->cols ? m->cols : 1) * sizeof(int), 0);
  if (maxlab < MAX_LABEL) maxlab = MAX_LABEL;
  if (maxlab > WIDE_LABEL) maxlab = WIDE_LABEL;
  for (i = 0; i < shown_rows; i++) {
    const char *s = row_header(L, i, hdr, sizeof hdr);
    size_t w = utf8_width(s, strlen(s));
    if (w > labw) labw = w;
  }
  if (labw > maxlab) labw = maxlab;
  for (j = 0; j < m->cols; j++) {
    const char *s = col_header(L, j, hdr, sizeof hdr);
    size_t w = utf8_width(s, strlen(s));
    colw[j] = w > MAX_COLLABEL ? MAX_COLLABEL : w;
    coldec[j] = column_decimals(m, j, shown_rows, digits);
    for (i = 0; i < shown_rows; i++) {
      format_number(num, sizeof num, CL_AT(m, i, j), digits, coldec[j]);
      if (strlen(num) > colw[j]) colw[j] = strlen(num);
    }
  }
  luaL_buffinit(L, &b);
  snprintf(hdr, sizeof hdr, "%zu x %zu matrix", m->rows, m->cols);
  luaL_addstring(&b, hdr);
  start = 0;
  do {  /* one block of columns that fits the width */
    size_t end = start, used = labw;
    while (end < m->cols && (width == 0 || end == start ||
                             used + 1 + colw[end] <= width)) {
      used += 1 + colw[end];
      end++;
    }
    luaL_addchar(&b, '\n');
    add_cell(&b, "", labw, labw, 0);
    for (j = start; j < end; j++) {
      luaL_addchar(&b, ' ');
      add_cell(&b, col_header(L, j, hdr, sizeof hdr), colw[j], colw[j], 1);
    }
    for (i = 0; i < shown_rows; i++) {
      luaL_addchar(&b, '\n');
      add_cell(&b, row_header(L, i, hdr, sizeof hdr), labw, labw, 0);
      for (j = start; j < end; j++) {
        luaL_addchar(&b, ' ');
        format_number(num, sizeof num, CL_AT(m, i, j), digits, coldec[j]);
        add_cell(&b, num, colw[j], colw[j], 1);
      }
    }
    if (shown_rows < m->rows) {
      snprintf(hdr, sizeof hdr, "\n... %zu more rows", m->rows - shown_rows);
      luaL_addstring(&b, hdr);
    }
    if (trim && end < m->cols) {
      snprintf(hdr, sizeof hdr, "\n... %zu more columns", m->cols - end);
      luaL_addstring(&b, hdr);
      break;
    }
    start = end;
  } while (start < m->cols);
  luaL_pushresult(&b);
  return 1;
}

int lmatrix_tostring (lua_State *L) {
  size_t width = terminal_width();
  return format_matrix(L, width, width > 0, 40, 6);
}

int lmatrix_format (lua_State *L) {
  lua_Integer width = 0, rows = 1000000, digits = 6;
  int trim = 0;
  lcl_checkmatrix(L, 1);
  if (lua_istable(L, 2)) {
    if (lua_getfield(L, 2, "width") != LUA_TNIL) { width = luaL_checkinteger(L, -1); trim = 1; }
    if (lua_getfield(L, 2, "rows") != LUA_TNIL) rows = luaL_checkinteger(L, -1);
    if (lua_getfield(L, 2, "digits") != LUA_TNIL) digits = luaL_checkinteger(L, -1);
    lua_pop(L, 3);
  }
  luaL_argcheck(L, digits >= 1 && digits <= 17, 2, "digits must be 1..17");
  luaL_argcheck(L, width >= 0 && rows >= 0, 2, "width and rows must be >= 0");
  lua_settop(L, 1);
  return format_matrix(L, (size_t)width, trim, (size_t)rows, (int)digits);
}
