/*
** csvread.c -- reading CSV files through libcsv's streaming parser into
** growable buffers, and locale-independent numbers with helpful errors.
*/
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "csvread.h"

#define CHUNK 65536     /* bytes read from the file at a time */
#define NUMBUF 320      /* longest number accepted, in bytes */
#define SHOWN 60        /* bytes of a cell or label shown in a message */

void cl_csv_init (cl_csv_table *t) {
  memset(t, 0, sizeof(*t));
}

void cl_csv_free (cl_csv_table *t) {
  free(t->path);
  free(t->text);
  free(t->field);
  free(t->line);
  free(t->row);
  cl_csv_init(t);
}

/* ---------------------------------------------------------------- */
/* parsing the file                                                 */
/* ---------------------------------------------------------------- */

typedef struct reader {
  cl_csv_table *t;
  size_t line;      /* the file line being fed to libcsv */
  size_t col;       /* fields seen so far in the current row */
  int cr;           /* the last byte fed was \r (a \r\n may be split) */
  size_t linelen;   /* bytes of the current line so far */
  size_t max_line;
  int status;
  cl_error *err;
} reader;

/* returns p resized to hold `need` elements of size `elem` (capacity
** doubling; *cap updated), or NULL with p untouched */
static void *grow (void *p, size_t *cap, size_t need, size_t elem) {
  size_t n = *cap ? *cap : 64;
  if (need <= *cap) return p;
  while (n < need) {
    if (n > ((size_t)-1) / 2 / elem) return NULL;
    n *= 2;
  }
  if ((p = realloc(p, n * elem)) != NULL) *cap = n;
  return p;
}

/* makes room for one more field; line and field share fieldcap */
static int grow_fields (cl_csv_table *t) {
  size_t cap = t->fieldcap, need = t->nfields + 1;
  size_t *q;
  if (need <= cap) return 1;
  if ((q = (size_t *)grow(t->line, &cap, need, sizeof(size_t))) == NULL)
    return 0;
  t->line = q;
  if ((q = (size_t *)realloc(t->field, cap * sizeof(size_t))) == NULL)
    return 0;  /* line is merely bigger than fieldcap says: still safe */
  t->field = q;
  t->fieldcap = cap;
  return 1;
}

static int grow_text (cl_csv_table *t, size_t n) {
  char *q = (char *)grow(t->text, &t->textcap, t->textlen + n + 1, 1);
  if (q != NULL) t->text = q;
  return q != NULL;
}

/* a new row needs its start and the final sentinel */
static int grow_rows (cl_csv_table *t) {
  size_t *q = (size_t *)grow(t->row, &t->rowcap, t->nrows + 2, sizeof(size_t));
  if (q != NULL) t->row = q;
  return q != NULL;
}

static int valid_utf8 (const unsigned char *s, size_t n) {
  size_t i = 0, k, m;
  unsigned long c, min;
  while (i < n) {
    c = s[i];
    if (c < 0x80) { i++; continue; }
    else if ((c & 0xE0) == 0xC0) { k = 1; min = 0x80; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { k = 2; min = 0x800; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { k = 3; min = 0x10000; c &= 0x07; }
    else return 0;
    if (n - i <= k) return 0;
    for (m = 1; m <= k; m++) {
      if ((s[i + m] & 0xC0) != 0x80) return 0;
      c = (c << 6) | (s[i + m] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    i += k + 1;
  }
  return 1;
}

static void on_field (void *s, size_t n, void *ud) {
  reader *r = (reader *)ud;
  cl_csv_table *t = r->t;
  if (r->status != CL_OK) return;
  if (s == NULL) n = 0;  /* an empty unquoted field */
  if (n > 0 && memchr(s, '\0', n) != NULL) {
    r->status = cl_fail(r->err, CL_EPARSE, "%s:%zu: column %zu contains a NUL "
                        "byte (is the file UTF-16? save it as UTF-8)",
                        t->path, r->line, r->col + 1);
    return;
  }
  if (!valid_utf8((const unsigned char *)s, n)) {
    r->status = cl_fail(r->err, CL_EPARSE, "%s:%zu: column %zu is not valid "
                        "UTF-8 (is the file in another encoding, such as "
                        "Windows-1251? save it as UTF-8)",
                        t->path, r->line, r->col + 1);
    return;
  }
  if (!grow_fields(t) || !grow_text(t, n) || (r->col == 0 && !grow_rows(t))) {
    r->status = cl_fail(r->err, CL_ENOMEM, "%s: out of memory", t->path);
    return;
  }
  if (r->col == 0) t->row[t->nrows] = t->nfields;
  t->field[t->nfields] = t->textlen;
  t->line[t->nfields] = r->line;
  t->nfields++;
  if (n > 0) memcpy(t->text + t->textlen, s, n);
  t->textlen += n;
  t->text[t->textlen++] = '\0';
  r->col++;
}

static void on_row (int c, void *ud) {
  reader *r = (reader *)ud;
  (void)c;
  if (r->status != CL_OK || r->col == 0) return;
  r->t->nrows++;
  r->col = 0;
}

/* libcsv trims spaces and tabs around unquoted fields; not tabs when they
** separate fields; with trimming off (R's way), nothing is a space */
static int is_space (unsigned char c) { return c == ' '; }
static int no_space (unsigned char c) { (void)c; return 0; }

static char sniff (const char *s, size_t n, char decimal) {
  size_t comma = 0, semi = 0, tab = 0, i;
  int quoted = 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\n' || c == '\r') break;
    else if (c == ',') comma++;
    else if (c == ';') semi++;
    else if (c == '\t') tab++;
  }
  if (decimal == ',' && (semi > 0 || tab > 0)) comma = 0;
  if (tab > 0 && tab >= semi && tab >= comma) return '\t';
  if (semi > 0 && semi >= comma) return ';';
  if (comma > 0) return ',';
  return decimal == ',' ? ';' : ',';
}

/* libcsv grows its field buffer a fixed block (128 bytes) at a time, so a
** 64 MB field took half a million reallocs, each a copy of the field where
** realloc cannot grow in place (ASan's, most allocators'): quadratic. This
** pair hands it blocks with a hidden capacity that doubles. */
typedef union block_head { size_t cap; max_align_t align; } block_head;

static void *grow_block (void *p, size_t n) {
  block_head *h = p != NULL ? (block_head *)p - 1 : NULL;
  size_t cap = h != NULL ? h->cap : 256;
  if (h != NULL && n <= h->cap) return p;
  while (cap < n) {
    if (cap > (SIZE_MAX - sizeof(block_head)) / 2) return NULL;
    cap *= 2;
  }
  if ((h = (block_head *)realloc(h, sizeof(block_head) + cap)) == NULL)
    return NULL;
  h->cap = cap;
  return h + 1;
}

static void free_block (void *p) {
  if (p != NULL) free((block_head *)p - 1);
}

/* feeds s to the parser one line at a time, so that r->line is right; a
** line ends with \n, \r\n, or a lone \r as libcsv also reads it (Excel's
** "CSV (Macintosh)" files), which gave every line the number 1 */
static int feed (struct csv_parser *p, reader *r, const char *s, size_t n) {
  while (n > 0) {
    size_t k = 0;
    int newline = 0;
    if (!(r->cr && s[0] == '\n')) {  /* not the end of a split \r\n */
      while (k < n && s[k] != '\n' && s[k] != '\r') k++;
      newline = k < n;
    }
    if (k + 1 < n && s[k] == '\r' && s[k + 1] == '\n') k++;
    if (k < n) k++;
    r->cr = s[k - 1] == '\r';
    r->linelen += k;
    if (r->linelen > r->max_line)  /* the line end counted too */
      return cl_fail(r->err, CL_EPARSE, "%s:%zu: a line longer than %zu bytes "
                     "(is this a CSV file? the limit is the max_line option)",
                     r->t->path, r->line, r->max_line);
    if (csv_parse(p, s, k, on_field, on_row, r) != k) {
      if (csv_error(p) == CSV_EPARSE)
        return cl_fail(r->err, CL_EPARSE, "%s:%zu: misplaced quote (a quote "
                       "inside an unquoted field, or text after a closing "
                       "quote)", r->t->path, r->line);
      return cl_fail(r->err, CL_ENOMEM, "%s: %s", r->t->path,
                     csv_strerror(csv_error(p)));
    }
    if (r->status != CL_OK) return r->status;
    if (newline) { r->line++; r->linelen = 0; }
    s += k;
    n -= k;
  }
  return CL_OK;
}

/* Sizes the buffers from the file's size, sparing the copies of repeated
** doubling; a wrong guess (or a size that cannot be known) only costs time.
** Only a regular file's end is its size: a folder's is LONG_MAX on Linux. */
static void reserve (cl_csv_table *t, FILE *f) {
  struct stat st;
  long size;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0
      || fseek(f, 0, SEEK_SET) != 0) {
    rewind(f);
    return;
  }
  if ((t->text = (char *)malloc((size_t)size + 1)) != NULL)
    t->textcap = (size_t)size + 1;
  t->field = (size_t *)malloc(((size_t)size / 4 + 1) * sizeof(size_t));
  t->line = (size_t *)malloc(((size_t)size / 4 + 1) * sizeof(size_t));
  if (t->field != NULL && t->line != NULL) t->fieldcap = (size_t)size / 4 + 1;
}

/* the parsing proper, once the file is open and the buffers exist */
static int parse_file (FILE *f, char *buf, struct csv_parser *p, reader *r,
                       const cl_csv_readopts *o) {
  char sep = o->sep, decimal = o->decimal;
  cl_csv_table *t = r->t;
  size_t n;
  int status, first = 1;
  while ((n = fread(buf, 1, CHUNK, f)) > 0) {
    char *s = buf;
    if (first) {
      if (n >= 2 && ((buf[0] == '\xFF' && buf[1] == '\xFE')
                     || (buf[0] == '\xFE' && buf[1] == '\xFF')))
        return cl_fail(r->err, CL_EPARSE, "%s: the file is UTF-16; save it "
                       "as UTF-8", t->path);
      if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
      t->sniffed = (sep == 0);
      t->sep = sep ? sep : sniff(s, n, decimal);
      csv_set_delim(p, (unsigned char)t->sep);
      if (!o->trim) csv_set_space_func(p, no_space);
      else csv_set_space_func(p, t->sep == '\t' ? is_space : NULL);
    }
    first = 0;
    if ((status = cl_check_interrupt(r->err)) != CL_OK) return status;
    if ((status = feed(p, r, s, n)) != CL_OK) return status;
  }
  if (ferror(f))
    return cl_fail(r->err, CL_EIO, "cannot read %s: %s", t->path,
                   strerror(errno));
  if (csv_fini(p, on_field, on_row, r) != 0)
    return cl_fail(r->err, CL_EPARSE, "%s:%zu: a quoted field is not closed "
                   "by the end of the file", t->path, r->line);
  if (r->status != CL_OK) return r->status;
  if (t->nrows == 0)
    return cl_fail(r->err, CL_EPARSE, "%s: the file is empty", t->path);
  t->row[t->nrows] = t->nfields;
  return CL_OK;
}

int cl_csv_read (cl_csv_table *t, const char *path, char sep, char decimal,
                 cl_error *err) {
  cl_csv_readopts o;
  o.sep = sep;
  o.decimal = decimal;
  o.trim = 0;
  o.max_line = 0;
  return cl_csv_read_opts(t, path, &o, err);
}

int cl_csv_read_opts (cl_csv_table *t, const char *path,
                      const cl_csv_readopts *o, cl_error *err) {
  struct csv_parser p;
  reader r;
  FILE *f;
  char *buf;
  int status;
  size_t len = strlen(path);
  cl_csv_free(t);
  if ((t->path = (char *)malloc(len + 1)) == NULL)
    return cl_fail(err, CL_ENOMEM, "out of memory");
  memcpy(t->path, path, len + 1);
  if ((f = fopen(path, "rb")) == NULL)
    return cl_fail(err, CL_EIO, "cannot open %s: %s", path, strerror(errno));
  reserve(t, f);
  buf = (char *)malloc(CHUNK);
  if (buf == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI
                                  | CSV_EMPTY_IS_NULL) != 0) {
    free(buf);
    fclose(f);
    return cl_fail(err, CL_ENOMEM, "%s: out of memory", path);
  }
  csv_set_realloc_func(&p, grow_block);
  csv_set_free_func(&p, free_block);
  r.t = t;
  r.line = 1;
  r.col = 0;
  r.cr = 0;
  r.linelen = 0;
  r.max_line = o->max_line ? o->max_line : CL_CSV_MAX_LINE;
  r.status = CL_OK;
  r.err = err;
  status = parse_file(f, buf, &p, &r, o);
  csv_free(&p);
  free(buf);
  fclose(f);
  return status;
}

int cl_csv_check_width (const cl_csv_table *t, int header, cl_error *err) {
  size_t w = cl_csv_width(t, 0), i;
  for (i = 1; i < t->nrows; i++) {
    size_t n = cl_csv_width(t, i);
    if (n != w)
      return cl_fail(err, CL_EPARSE, "%s:%zu: %zu field%s, the %s has %zu",
                     t->path, cl_csv_line(t, i, 0), n, n == 1 ? "" : "s",
                     header ? "header" : "first row", w);
  }
  return CL_OK;
}

/* ---------------------------------------------------------------- */
/* numbers                                                          */
/* ---------------------------------------------------------------- */

/* length of the blank at s (space, tab, U+00A0, U+202F), or 0 */
static size_t blank_at (const char *s, const char *end) {
  if (s < end && (*s == ' ' || *s == '\t')) return 1;
  if (end - s >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) return 2;
  if (end - s >= 3 && memcmp(s, "\xE2\x80\xAF", 3) == 0) return 3;
  return 0;
}

/* length of the blank ending at end, or 0 */
static size_t blank_before (const char *s, const char *end) {
  if (end > s && (end[-1] == ' ' || end[-1] == '\t')) return 1;
  if (end - s >= 2 && memcmp(end - 2, "\xC2\xA0", 2) == 0) return 2;
  if (end - s >= 3 && memcmp(end - 3, "\xE2\x80\xAF", 3) == 0) return 3;
  return 0;
}

/* length of a thousands separator at s, or 0 */
static size_t group_at (const char *s, const char *end, char thousands) {
  if (s < end && thousands != 0 && *s == thousands) return 1;
  if (s < end && *s == '\t') return 0;
  return blank_at(s, end);
}

#define isdigit_(c)  ((c) >= '0' && (c) <= '9')

/* A number in C notation, and its value as mantissa * 10^exp10 when the
** mantissa has few enough digits for that to be exact. */
typedef struct decimal_number {
  char text[NUMBUF];
  size_t n;
  int negative;
  unsigned long long mantissa;
  int digits;          /* significant digits in mantissa (more: not exact) */
  long exp10;
} decimal_number;

static int push (decimal_number *d, char c) {
  if (d->n >= NUMBUF - 1) return 0;
  d->text[d->n++] = c;
  return 1;
}

static int push_digit (decimal_number *d, char c, int fraction) {
  if (d->mantissa > 0 || c != '0') {
    if (d->digits < 19) d->mantissa = d->mantissa * 10 + (unsigned)(c - '0');
    d->digits++;
  }
  if (fraction) d->exp10--;
  return push(d, c);
}

/* Checks the grammar and writes the number in C notation into d. */
static int normalise (const char *s, char decimal, char thousands,
                      decimal_number *d) {
  const char *end = s + strlen(s);
  size_t k, intdigits = 0, fracdigits = 0, group = 0;
  long e = 0;
  int grouped = 0, eneg = 0;
  d->n = 0;
  d->negative = 0;
  d->mantissa = 0;
  d->digits = 0;
  d->exp10 = 0;
  if (thousands == decimal) thousands = 0;
  while ((k = blank_at(s, end)) > 0) s += k;
  while ((k = blank_before(s, end)) > 0) end -= k;
  if (s < end && (*s == '+' || *s == '-')) {
    if (*s == '-' && !push(d, '-')) return 0;
    d->negative = (*s == '-');
    s++;
  }
  while (s < end) {
    if (isdigit_(*s)) {
      if (!push_digit(d, *s++, 0)) return 0;
      intdigits++;
      group++;
    } else if (intdigits > 0 && (k = group_at(s, end, thousands)) > 0) {
      if (grouped ? group != 3 : group > 3) return 0;
      grouped = 1;
      group = 0;
      s += k;
      if (s == end || !isdigit_(*s)) return 0;
    } else break;
  }
  if (grouped && group != 3) return 0;
  if (s < end && *s == decimal) {
    if (!push(d, '.')) return 0;
    s++;
    while (s < end && isdigit_(*s)) {
      if (!push_digit(d, *s++, 1)) return 0;
      fracdigits++;
    }
  }
  if (intdigits + fracdigits == 0) return 0;
  if (s < end && (*s == 'e' || *s == 'E')) {
    size_t expdigits = 0;
    if (!push(d, 'e')) return 0;
    s++;
    if (s < end && (*s == '+' || *s == '-')) {
      eneg = (*s == '-');
      if (!push(d, *s++)) return 0;
    }
    while (s < end && isdigit_(*s)) {
      if (e < 100000) e = e * 10 + (*s - '0');
      if (!push(d, *s++)) return 0;
      expdigits++;
    }
    if (expdigits == 0) return 0;
  }
  d->exp10 += eneg ? -e : e;
  d->text[d->n] = '\0';
  return s == end;
}

int cl_csv_parse_number (const char *s, char decimal, char thousands, double *v) {
  static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22};
  decimal_number d;
  char local[NUMBUF + 16], *endp;
  const char *dp, *src;
  double x;
  if (!normalise(s, decimal, thousands, &d)) return 0;
  if (d.mantissa == 0 && d.digits == 0) {
    *v = d.negative ? -0.0 : 0.0;
    return 1;
  }
  if (d.digits <= 15 && d.exp10 >= -22 && d.exp10 <= 22) {
    /* both factors are exact doubles, so one operation rounds correctly
    ** (Clinger 1990, the fast path of every strtod) */
    x = (double)d.mantissa;
    x = d.exp10 < 0 ? x / pow10[-d.exp10] : x * pow10[d.exp10];
    *v = d.negative ? -x : x;
    return 1;
  }
  src = d.text;
  dp = localeconv()->decimal_point;
  if (strcmp(dp, ".") != 0 && strlen(dp) < 16) {
    /* strtod follows the locale (a script may call os.setlocale): write the
    ** locale's decimal point, as Lua's own lobject.c does */
    char *p = strchr(d.text, '.');
    if (p != NULL) {
      memcpy(local, d.text, (size_t)(p - d.text));
      strcpy(local + (p - d.text), dp);
      strcat(local, p + 1);
      src = local;
    }
  }
  x = strtod(src, &endp);
  if (*endp != '\0' || !isfinite(x)) return 0;
  *v = x;
  return 1;
}

/* ---------------------------------------------------------------- */
/* cells to numbers, with messages that say what is wrong           */
/* ---------------------------------------------------------------- */

static int is_missing (const char *cell, const cl_csv_numfmt *f) {
  size_t k;
  if (!f->na) return 0;
  if (cell[0] == '\0') return 1;
  if (f->na_strings == NULL) return strcmp(cell, "NA") == 0;
  for (k = 0; k < f->n_na; k++)
    if (strcmp(cell, f->na_strings[k]) == 0) return 1;
  return 0;
}

/* number of bytes of s to show: at most SHOWN, cut at a character boundary */
static int shown (const char *s) {
  size_t n = strlen(s);
  if (n <= SHOWN) return (int)n;
  n = SHOWN;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return (int)n;
}

static const char *sep_name (char c) {
  switch (c) {
    case '\t': return "\\t";
    case ',': return ",";
    default: return ";";
  }
}

/* why cell is not a number under f: a hint in parentheses, or "" */
static void number_hint (const cl_csv_table *t, const char *cell,
                         const cl_csv_numfmt *f, char *hint, size_t size) {
  static const char *const marks[] = {"N/A", "n/a", "#N/A", "-", "--", "..",
                                      "...", ":", "x", "X", NULL};
  char other = f->decimal == '.' ? ',' : '.';
  const char *word = f->decimal == '.' ? "commas" : "points";
  double v;
  int as_decimal = cl_csv_parse_number(cell, other, 0, &v);
  int as_both = cl_csv_parse_number(cell, other, f->decimal, &v);
  int as_thousands = f->thousands != other
                     && cl_csv_parse_number(cell, f->decimal, other, &v);
  size_t k;
  hint[0] = '\0';
  if (cell[0] == '\0' || strcmp(cell, "NA") == 0) {
    snprintf(hint, size, " (pass {na=true} to read empty cells and NA as "
             "missing values)");
    return;
  }
  for (k = 0; marks[k] != NULL; k++)
    if (strcmp(cell, marks[k]) == 0) {
      snprintf(hint, size, " (a mark for missing values? pass {na={\"%s\"}})",
               cell);
      return;
    }
  if (as_decimal && as_thousands)
    snprintf(hint, size, " (the file uses decimal %s? pass {decimal=\"%c\"}; "
             "or '%c' between thousands? pass {thousands=\"%c\"})",
             word, other, other, other);
  else if (as_decimal)
    snprintf(hint, size, " (the file uses decimal %s? pass {decimal=\"%c\"})",
             word, other);
  else if (as_both)
    snprintf(hint, size, " (the file uses decimal %s and '%c' between "
             "thousands? pass {decimal=\"%c\", thousands=\"%c\"})",
             word, f->decimal, other, f->decimal);
  else if (as_thousands)
    snprintf(hint, size, " ('%c' between thousands? pass {thousands=\"%c\"})",
             other, other);
  else if (t->sniffed) {
    const char *c;
    for (c = "\t;,"; *c != '\0'; c++)
      if (*c != t->sep && !(*c == ',' && f->decimal == ',')
          && strchr(cell, *c) != NULL) {
        snprintf(hint, size, " (the separator was guessed as '%s'; pass "
                 "{sep=\"%s\"})", sep_name(t->sep), sep_name(*c));
        return;
      }
  }
}

static int cell_error (const cl_csv_table *t, int header, size_t i, size_t j,
                       const cl_csv_numfmt *f, cl_error *err) {
  const char *cell = cl_csv_cell(t, i, j);
  const char *label = header ? cl_csv_cell(t, 0, j) : "";
  char hint[200];
  number_hint(t, cell, f, hint, sizeof(hint));
  return cl_fail(err, CL_EPARSE, "%s:%zu: column %zu%s%.*s%s: %s%.*s%s%s%s",
                 t->path, cl_csv_line(t, i, j), j + 1,
                 label[0] ? " (\"" : "", shown(label), label,
                 label[0] ? "\")" : "",
                 cell[0] ? "\"" : "empty cell", shown(cell), cell,
                 (int)strlen(cell) > shown(cell) ? "..." : "",
                 cell[0] ? "\" is not a number" : "", hint);
}

int cl_csv_numbers (const cl_csv_table *t, int header, size_t col0,
                    const cl_csv_numfmt *f, double *out, cl_error *err) {
  size_t r0 = header ? 1 : 0, nr = t->nrows - r0;
  size_t w = cl_csv_width(t, 0), i, j;
  for (i = r0; i < t->nrows; i++)
    for (j = col0; j < w; j++) {
      const char *cell = cl_csv_cell(t, i, j);
      double *v = &out[(j - col0) * nr + (i - r0)];
      if (is_missing(cell, f)) *v = NAN;
      else if (!cl_csv_parse_number(cell, f->decimal, f->thousands, v))
        return cell_error(t, header, i, j, f, err);
    }
  return CL_OK;
}

int cl_csv_column (const cl_csv_table *t, int header, size_t j,
                   const cl_csv_numfmt *f, double *out, int *numeric,
                   cl_error *err) {
  size_t r0 = header ? 1 : 0, i, bad = 0;
  cl_csv_numfmt alt = *f;
  double v;
  *numeric = 1;
  for (i = r0; i < t->nrows; i++) {
    const char *cell = cl_csv_cell(t, i, j);
    if (is_missing(cell, f)) out[i - r0] = NAN;
    else if (!cl_csv_parse_number(cell, f->decimal, f->thousands, &out[i - r0])
             && *numeric) {
      *numeric = 0;
      bad = i;
    }
  }
  if (*numeric) return CL_OK;
  alt.decimal = f->decimal == '.' ? ',' : '.';
  alt.thousands = 0;
  for (i = r0; i < t->nrows; i++) {
    const char *cell = cl_csv_cell(t, i, j);
    if (!is_missing(cell, f) && !cl_csv_parse_number(cell, alt.decimal, 0, &v))
      return CL_OK;  /* text */
  }
  return cell_error(t, header, bad, j, f, err);
}
