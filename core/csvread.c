/*
** csvread.c -- reading CSV files (RFC 4180, with the lenient line ends and
** blank lines of real files) into rows of text fields, and locale-independent
** numbers with helpful errors. The file is read whole into one buffer and
** split in place in a single pass: each field is NUL-terminated where it
** lies (quoted fields shift left as their quotes go), so no field is copied
** twice. Numbers go through the Eisel-Lemire algorithm (fastfloat.c), with
** strtod only for the rare cases it cannot decide; a large table's cells
** are turned into numbers by one thread per core, a band of rows each.
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
#include <threads.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvread.h"
#include "fastfloat.h"

#define CHUNK ((size_t)1 << 20)  /* bytes read from the file at a time */
#define NUMBUF 320      /* longest number accepted, in bytes */
#define SHOWN 60        /* bytes of a cell or label shown in a message */
#define SAMPLE 65536    /* bytes looked at to guess the number of fields */
#define PAD 16          /* zero bytes after the text's NUL: a 16-byte load
                           from any byte of the text stays in the buffer */
#define THREADS 4       /* most threads turning cells into numbers */
#define PARALLEL_CELLS 100000  /* fewer cells: one thread */

/* the number parser's parts, inlined into both of its entry points */
#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

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
/* reading the file into memory                                     */
/* ---------------------------------------------------------------- */

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

/* the file line (1-based) of offset k of the text as read: line ends are
** \n, \r\n and a lone \r (Excel's "CSV (Macintosh)" files) */
static size_t line_at (const char *s, size_t k) {
  size_t line = 1, i;
  for (i = 0; i < k; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= k || s[i + 1] != '\n')))
      line++;
  return line;
}

/* 1 when s[0..n) has a byte >= 0x80 or a NUL: then each field is checked */
static int unusual_bytes (const char *s, size_t n) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    any |= x | ((x - ones) & ~x);  /* the high bit of a byte that was 0 */
  }
  for (; i < n; i++) any |= (unsigned char)s[i] | (s[i] == 0 ? 0x80 : 0);
  return (any & highs) != 0;
}

/* length of the unfinished line at the end of s[0..n), given the length
** carried from before s */
static size_t tail_length (const char *s, size_t n, size_t carry) {
  size_t i = n;
  while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r') i--;
  return i > 0 ? n - i : carry + n;
}

/* Reads the whole file into t->text (NUL after the end), CHUNK bytes at a
** time so that an endless line (/dev/zero) stops at max_line and Ctrl-C
** stops a long read. A regular file's size sizes the buffer. */
static int slurp (cl_csv_table *t, FILE *f, size_t max_line, int *unusual,
                  cl_error *err) {
  struct stat st;
  size_t carry = 0, n;
  int status;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
      && (unsigned long long)st.st_size < (size_t)-1 - CHUNK)
    /* one byte to find the end without growing; the NUL and PAD after */
    t->text = (char *)grow(NULL, &t->textcap, (size_t)st.st_size + 2 + PAD, 1);
  *unusual = 0;
  for (;;) {
    size_t room = t->textcap - t->textlen;
    if (room < 2) {
      char *q = (char *)grow(t->text, &t->textcap, t->textlen + CHUNK + 1, 1);
      if (q == NULL)
        return cl_fail(err, CL_ENOMEM, "%s: out of memory", t->path);
      t->text = q;
      room = t->textcap - t->textlen;
    }
    if ((status = cl_check_interrupt(err)) != CL_OK) return status;
    n = fread(t->text + t->textlen, 1, room - 1 < CHUNK ? room - 1 : CHUNK, f);
    if (n == 0) break;
    *unusual |= unusual_bytes(t->text + t->textlen, n);
    carry = tail_length(t->text + t->textlen, n, carry);
    t->textlen += n;
    if (carry > max_line)
      return cl_fail(err, CL_EPARSE, "%s:%zu: a line longer than %zu bytes "
                     "(is this a CSV file? the limit is the max_line option)",
                     t->path, line_at(t->text, t->textlen - carry), max_line);
  }
  if (ferror(f))
    return cl_fail(err, CL_EIO, "cannot read %s: %s", t->path,
                   strerror(errno));
  if (t->textcap < t->textlen + 1 + PAD) {
    char *q = (char *)realloc(t->text, t->textlen + 1 + PAD);
    if (q == NULL) return cl_fail(err, CL_ENOMEM, "%s: out of memory", t->path);
    t->text = q;
    t->textcap = t->textlen + 1 + PAD;
  }
  memset(t->text + t->textlen, 0, 1 + PAD);
  return CL_OK;
}

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

/* ---------------------------------------------------------------- */
/* splitting the text into fields, in place                         */
/* ---------------------------------------------------------------- */

typedef struct scanner {
  cl_csv_table *t;
  const char *end;         /* the end of the data (a NUL is there) */
  char *w;                 /* where the current field's text goes */
  const char *line_start;  /* the first byte of the current line */
  size_t line;             /* the current line */
  size_t max_line;
  size_t col;              /* fields of the current row so far */
  char sep;
  int trim;
  int check;               /* the file has bytes >= 0x80 or NUL */
  unsigned char special[256];  /* bytes that end an unquoted run */
  cl_error *err;
} scanner;

int cl_csv_valid_utf8 (const unsigned char *s, size_t n) {
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

static int misplaced_quote (scanner *s) {
  return cl_fail(s->err, CL_EPARSE, "%s:%zu: misplaced quote (a quote inside "
                 "an unquoted field, or text after a closing quote)",
                 s->t->path, s->line);
}

/* spaces around unquoted fields when trimming: ' ', and tab unless it
** separates fields */
static int is_blank (const scanner *s, char c) {
  return c == ' ' || (c == '\t' && s->sep != '\t');
}

/* passes the line end c (\n, or \r and perhaps \n) at *p; c is given as
** the byte at *p may already be the NUL ending the field before it */
static int end_line (scanner *s, const char **p, char c) {
  const char *q = *p;
  q += (c == '\r' && q + 1 < s->end && q[1] == '\n') ? 2 : 1;
  if ((size_t)(q - s->line_start) > s->max_line)
    return cl_fail(s->err, CL_EPARSE, "%s:%zu: a line longer than %zu bytes "
                   "(is this a CSV file? the limit is the max_line option)",
                   s->t->path, s->line, s->max_line);
  s->line++;
  s->line_start = q;
  *p = q;
  return CL_OK;
}

/* makes room for a field (and a row, and the sentinel row[nrows]) */
static int room (scanner *s) {
  cl_csv_table *t = s->t;
  size_t *q;
  if (t->nfields >= t->fieldcap) {
    if ((q = (size_t *)grow(t->field, &t->fieldcap, t->nfields + 1,
                            sizeof(size_t))) == NULL)
      return 0;
    t->field = q;
  }
  if (t->nrows + 2 > t->rowcap) {
    size_t cap = t->rowcap;
    if ((q = (size_t *)grow(t->line, &cap, t->nrows + 2, sizeof(size_t)))
        == NULL)
      return 0;
    t->line = q;
    if ((q = (size_t *)realloc(t->row, cap * sizeof(size_t))) == NULL)
      return 0;  /* line is merely bigger than rowcap says: still safe */
    t->row = q;
    t->rowcap = cap;
  }
  return 1;
}

/* ends the field whose text runs from `from` to s->w */
static int submit (scanner *s, char *from) {
  cl_csv_table *t = s->t;
  size_t n = (size_t)(s->w - from);
  if (s->check && memchr(from, '\0', n) != NULL)
    return cl_fail(s->err, CL_EPARSE, "%s:%zu: column %zu contains a NUL "
                   "byte (is the file UTF-16? save it as UTF-8)",
                   t->path, s->line, s->col + 1);
  if (s->check && !cl_csv_valid_utf8((const unsigned char *)from, n))
    return cl_fail(s->err, CL_EPARSE, "%s:%zu: column %zu is not valid "
                   "UTF-8 (is the file in another encoding, such as "
                   "Windows-1251? save it as UTF-8)",
                   t->path, s->line, s->col + 1);
  if (!room(s)) return cl_fail(s->err, CL_ENOMEM, "%s: out of memory", t->path);
  if (s->col == 0) {  /* the line its first field ends on */
    t->row[t->nrows] = t->nfields;
    t->line[t->nrows] = s->line;
  }
  *s->w++ = '\0';
  t->field[t->nfields++] = (size_t)(from - t->text);
  s->col++;
  return CL_OK;
}

/* the first byte from b on that ends an unquoted run: the separator, a line
** end, a quote or a NUL (the end of the text is one). SSE2 looks at 16
** bytes at once (PAD keeps the loads inside the buffer). */
static const char *run_end (const scanner *s, const char *b) {
#ifdef __SSE2__
  const __m128i sep = _mm_set1_epi8(s->sep), lf = _mm_set1_epi8('\n'),
                cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'),
                nul = _mm_setzero_si128();
  for (;;) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)b);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, sep), _mm_cmpeq_epi8(x, lf)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, cr),
                                  _mm_cmpeq_epi8(x, quote)),
                     _mm_cmpeq_epi8(x, nul)));
    int bits = _mm_movemask_epi8(hit);
    if (bits != 0) return b + __builtin_ctz((unsigned)bits);
    b += 16;
  }
#else
  while (!s->special[(unsigned char)*b]) b++;
  return b;
#endif
}

/* an unquoted field starting at *p, up to a separator, line end or the
** end of the data, whose byte goes to *term (submit overwrites it) */
static int unquoted (scanner *s, const char **p, char *term) {
  const char *a = *p, *b = a;
  char *from = s->w;
  size_t n;
  for (;;) {
    b = run_end(s, b);
    if (*b == '\0' && b < s->end) b++;  /* a NUL inside: submit rejects it */
    else break;
  }
  if (*b == '"') return misplaced_quote(s);
  n = (size_t)(b - a);
  if (s->trim) while (n > 0 && is_blank(s, a[n - 1])) n--;
  if (s->w != a) memmove(s->w, a, n);
  s->w += n;
  *p = b;
  *term = *b;
  return submit(s, from);
}

/* a quoted field whose opening quote is at *p: "" is a quote, line ends are
** kept; after the closing quote only blanks (when trimming) may come before
** the separator or line end, whose byte goes to *term */
static int quoted (scanner *s, const char **p, char *term) {
  const char *a = *p + 1;
  char *from = s->w, c;
  int status;
  for (;;) {
    const char *b = a;
    while (b < s->end && *b != '"' && *b != '\n' && *b != '\r') b++;
    memmove(s->w, a, (size_t)(b - a));
    s->w += b - a;
    if (b == s->end)
      return cl_fail(s->err, CL_EPARSE, "%s:%zu: a quoted field is not closed "
                     "by the end of the file", s->t->path, s->line);
    if (*b == '"') {
      if (b + 1 < s->end && b[1] == '"') {
        *s->w++ = '"';
        a = b + 2;
        continue;
      }
      a = b + 1;
      break;
    }
    c = *b;  /* a line end inside the quotes, kept (the writes may reach b) */
    *s->w++ = c;
    if (c == '\r' && b + 1 < s->end && b[1] == '\n') *s->w++ = '\n';
    if ((status = end_line(s, &b, c)) != CL_OK) return status;
    a = b;
  }
  if (s->trim) while (a < s->end && is_blank(s, *a)) a++;
  if (a < s->end && *a != s->sep && *a != '\n' && *a != '\r')
    return misplaced_quote(s);
  *p = a;
  *term = *a;
  return submit(s, from);
}

/* the end of a row: blank lines make none */
static void end_row (scanner *s) {
  if (s->col > 0) s->t->nrows++;
  s->col = 0;
}

/* Splits s->t->text from p: fields, rows, lines, as RFC 4180 with \n, \r\n
** or \r line ends, blank lines skipped (and, when trimming, lines of
** blanks). */
static int scan (scanner *s, const char *p) {
  cl_csv_table *t = s->t;
  int status;
  char c;
  for (;;) {
    if (s->trim) while (p < s->end && is_blank(s, *p)) p++;
    c = *p;  /* NUL at the end */
    if (p == s->end || c == '\n' || c == '\r') {
      if (s->col > 0 && (status = submit(s, s->w)) != CL_OK) return status;
      end_row(s);
      if (p == s->end) break;
      if ((status = end_line(s, &p, c)) != CL_OK) return status;
      continue;
    }
    if (c == s->sep) status = submit(s, s->w);
    else if (c == '"') status = quoted(s, &p, &c);
    else status = unquoted(s, &p, &c);
    if (status != CL_OK) return status;
    if (p < s->end && c == s->sep) {
      p++;
      continue;
    }
    end_row(s);
    if (p < s->end && (status = end_line(s, &p, c)) != CL_OK) return status;
    if ((t->nrows & 4095) == 0 && (status = cl_check_interrupt(s->err)) != CL_OK)
      return status;
  }
  if ((size_t)(s->end - s->line_start) > s->max_line)
    return cl_fail(s->err, CL_EPARSE, "%s:%zu: a line longer than %zu bytes "
                   "(is this a CSV file? the limit is the max_line option)",
                   t->path, s->line, s->max_line);
  return CL_OK;
}

/* a guess of the number of fields from the first SAMPLE bytes, a little
** over, so that the field offsets are rarely copied as they grow */
static size_t guess_fields (const char *s, size_t n, char sep) {
  size_t m = n < SAMPLE ? n : SAMPLE, count = 1, i;
  for (i = 0; i < m; i++) count += s[i] == sep || s[i] == '\n' || s[i] == '\r';
  return (size_t)((double)count * ((double)n / (double)(m ? m : 1)) * 1.1) + 16;
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

/* keeps a copy of the file name in t, for messages */
static int set_path (cl_csv_table *t, const char *path, cl_error *err) {
  size_t len = strlen(path);
  if ((t->path = (char *)malloc(len + 1)) == NULL)
    return cl_fail(err, CL_ENOMEM, "out of memory");
  memcpy(t->path, path, len + 1);
  return CL_OK;
}

/* splits t->text (t->textlen bytes, NUL and PAD after them); unusual: it
** has bytes >= 0x80 or NUL */
static int split (cl_csv_table *t, const cl_csv_readopts *o, int unusual,
                  cl_error *err) {
  scanner s;
  char *text = t->text;
  size_t n = t->textlen, cap;
  int status;
  if (n >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE')
                 || (text[0] == '\xFE' && text[1] == '\xFF')))
    return cl_fail(err, CL_EPARSE, "%s: the file is UTF-16; save it as UTF-8",
                   t->path);
  if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { text += 3; n -= 3; }
  t->sniffed = (o->sep == 0);
  t->sep = o->sep ? o->sep : sniff(text, n, o->decimal);
  s.t = t;
  s.end = text + n;
  s.w = text;
  s.line_start = text;
  s.line = 1;
  s.col = 0;
  s.max_line = o->max_line ? o->max_line : CL_CSV_MAX_LINE;
  s.sep = t->sep;
  s.trim = o->trim;
  s.check = unusual;
  s.err = err;
  memset(s.special, 0, sizeof s.special);
  s.special[(unsigned char)t->sep] = s.special['\n'] = s.special['\r'] = 1;
  s.special['"'] = s.special[0] = 1;
  cap = 0;
  if ((t->field = (size_t *)grow(NULL, &cap, guess_fields(text, n, t->sep),
                                 sizeof(size_t))) != NULL)
    t->fieldcap = cap;
  if ((status = scan(&s, text)) != CL_OK) return status;
  t->textlen = (size_t)(s.w - t->text);
  if (t->nrows == 0)
    return cl_fail(err, CL_EPARSE, "%s: the file is empty", t->path);
  t->row[t->nrows] = t->nfields;
  return CL_OK;
}

int cl_csv_read_opts (cl_csv_table *t, const char *path,
                      const cl_csv_readopts *o, cl_error *err) {
  FILE *f;
  int status, unusual;
  cl_csv_free(t);
  if ((status = set_path(t, path, err)) != CL_OK) return status;
  if ((f = fopen(path, "rb")) == NULL)
    return cl_fail(err, CL_EIO, "cannot open %s: %s", path, strerror(errno));
  status = slurp(t, f, o->max_line ? o->max_line : CL_CSV_MAX_LINE, &unusual,
                 err);
  fclose(f);
  if (status != CL_OK) return status;
  return split(t, o, unusual, err);
}

int cl_csv_read_text (cl_csv_table *t, const char *name, const char *text,
                      size_t n, const cl_csv_readopts *o, cl_error *err) {
  int status;
  cl_csv_free(t);
  if ((status = set_path(t, name, err)) != CL_OK) return status;
  if (n > (size_t)-1 - 1 - PAD
      || (t->text = (char *)malloc(n + 1 + PAD)) == NULL)
    return cl_fail(err, CL_ENOMEM, "%s: out of memory", name);
  memcpy(t->text, text, n);
  memset(t->text + n, 0, 1 + PAD);
  t->textlen = n;
  t->textcap = n + 1 + PAD;
  return split(t, o, unusual_bytes(text, n), err);
}

/* line ends in s: \n, \r\n and a lone \r */
static size_t newlines (const char *s) {
  size_t n = 0;
  for (; *s != '\0'; s++) n += *s == '\n' || (*s == '\r' && s[1] != '\n');
  return n;
}

size_t cl_csv_line (const cl_csv_table *t, size_t i, size_t j) {
  size_t line = t->line[i], k;
  for (k = 1; k <= j; k++) line += newlines(cl_csv_cell(t, i, k));
  return line;
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

/* A number's value as mantissa * 10^exp10 (exact while digits <= 19), and,
** when asked, its text in C notation for strtod. */
typedef struct decimal_number {
  char text[NUMBUF];
  int write;           /* fill text */
  size_t n;
  int negative;
  uint64_t mantissa;
  int digits;          /* significant digits in mantissa (more: not exact) */
  long exp10;
} decimal_number;

static int push (decimal_number *d, char c) {
  if (d->n >= NUMBUF - 1) return 0;
  if (d->write) d->text[d->n] = c;
  d->n++;
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

/* Checks the grammar and finds the number's value (and text, if d->write). */
static int normalise (const char *s, const char *end, char decimal,
                      char thousands, decimal_number *d) {
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
  if (d->write) d->text[d->n] = '\0';
  return s == end;
}

/* strtod of the number's C text (rarely needed: over 19 digits, near ties,
** subnormals, overflow), written with dp, the locale's decimal point */
static int strtod_number (const char *s, const char *end, char decimal,
                          char thousands, const char *dp, double *v) {
  decimal_number d;
  char local[NUMBUF + 16], *endp;
  const char *src;
  double x;
  d.write = 1;
  normalise(s, end, decimal, thousands, &d);
  src = d.text;
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

/* The common case, fast: s is only [sign] digits [decimal digits]
** [e [sign] digits], nothing around. Returns 1 with d filled, or 0 when s
** is anything else (then normalise decides). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* 1 when the 8 bytes at s are all digits (Lemire 2021, section 6) */
static int eight_digits (const char *s) {
  uint64_t x;
  memcpy(&x, s, 8);
  return ((x & 0xF0F0F0F0F0F0F0F0ULL)
          | (((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4))
         == 0x3333333333333333ULL;
}

/* the value of the 8 digits at s, by three multiplications */
static uint64_t eight_value (const char *s) {
  uint64_t x;
  memcpy(&x, s, 8);
  x = (x & 0x0F0F0F0F0F0F0F0FULL) * 2561 >> 8;
  x = (x & 0x00FF00FF00FF00FFULL) * 6553601 >> 16;
  return (x & 0x0000FFFF0000FFFFULL) * 42949672960001ULL >> 32;
}
#define SWAR 1
#else
#define SWAR 0
#endif

/* The plain number at the start of [s, end): where it stops, or NULL when
** s does not start with one. Its fraction's digits go 8 at a time while 8
** of them lie inside the span. */
ALWAYS_INLINE const char *plain_prefix (const char *s, const char *end,
                                        char decimal, decimal_number *d) {
  const char *start = s, *digits0;
  uint64_t m = 0;
  int sig = 0, mantissa_digits = 0;
  long exp10 = 0, e = 0;
  d->negative = s < end && *s == '-';
  if (s < end && (*s == '+' || *s == '-')) s++;
  digits0 = s;
  while (s < end && *s == '0') s++;  /* leading zeros are not significant */
  for (; s < end && isdigit_(*s); s++, sig++)
    if (sig < 19) m = m * 10 + (unsigned)(*s - '0');
  mantissa_digits = (int)(s - digits0);
  if (s < end && *s == decimal) {
    const char *f = ++s;
    if (sig == 0) while (s < end && *s == '0') s++;
    exp10 = -(long)(s - f);
    if (SWAR)
      for (; sig <= 11 && end - s >= 8 && eight_digits(s);
           s += 8, sig += 8, exp10 -= 8)
        m = m * 100000000 + eight_value(s);
    for (; s < end && isdigit_(*s); s++, sig++, exp10--)
      if (sig < 19) m = m * 10 + (unsigned)(*s - '0');
    mantissa_digits += (int)(s - f);
  }
  if (mantissa_digits == 0) return NULL;
  if (s < end && (*s == 'e' || *s == 'E')) {
    int eneg = 0;
    const char *e0;
    s++;
    if (s < end && (*s == '+' || *s == '-')) eneg = *s++ == '-';
    for (e0 = s; s < end && isdigit_(*s); s++)
      if (e < 100000) e = e * 10 + (*s - '0');
    if (s == e0) return NULL;
    exp10 += eneg ? -e : e;
  }
  if (s - start >= NUMBUF - 2) return NULL;
  d->mantissa = m;
  d->digits = sig;
  d->exp10 = exp10;
  return s;
}

/* the number d (its text the span [s, end), for strtod) as a double */
ALWAYS_INLINE int to_double (const decimal_number *d, const char *s,
                             const char *end, char decimal, char thousands,
                             const char *dp, double *v) {
  static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22};
  double x;
  if (d->mantissa == 0 && d->digits == 0) {
    *v = d->negative ? -0.0 : 0.0;
    return 1;
  }
  if (d->digits <= 15 && d->exp10 >= -22 && d->exp10 <= 22) {
    /* both factors are exact doubles, so one operation rounds correctly
    ** (Clinger 1990, the fast path of every strtod) */
    x = (double)d->mantissa;
    x = d->exp10 < 0 ? x / pow10[-d->exp10] : x * pow10[d->exp10];
    *v = d->negative ? -x : x;
    return 1;
  }
  if (d->digits <= 19 && d->exp10 > -100000 && d->exp10 < 100000
      && cl_eisel_lemire(d->mantissa, (int)d->exp10, d->negative, v))
    return 1;
  return strtod_number(s, end, decimal, thousands,
                       dp != NULL ? dp : localeconv()->decimal_point, v);
}

int cl_csv_parse_span (const char *s, size_t n, char decimal, char thousands,
                       const char *dp, double *v) {
  const char *end = s + n;
  decimal_number d;
  d.write = 0;
  if (plain_prefix(s, end, decimal, &d) != end
      && !normalise(s, end, decimal, thousands, &d))
    return 0;
  return to_double(&d, s, end, decimal, thousands, dp, v);
}

size_t cl_csv_parse_prefix (const char *s, const char *end, char decimal,
                            const char *dp, double *v) {
  decimal_number d;
  const char *e = plain_prefix(s, end, decimal, &d);
  return e != NULL && to_double(&d, s, e, decimal, 0, dp, v) ? (size_t)(e - s)
                                                              : 0;
}

int cl_csv_parse_number (const char *s, char decimal, char thousands, double *v) {
  return cl_csv_parse_span(s, strlen(s), decimal, thousands, NULL, v);
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

/* The numbers of rows [from, to): each thread converts a band of rows and
** notes its first bad cell; bands go in file order, so the first band with
** one has the file's first. */
typedef struct number_band {
  const cl_csv_table *t;
  const cl_csv_numfmt *f;
  const char *dp;      /* the locale's decimal point, looked up once */
  double *out;
  size_t r0, nr, col0, from, to;
  size_t bad_i, bad_j;
  int bad;
} number_band;

static int convert_band (void *arg) {
  number_band *b = (number_band *)arg;
  const cl_csv_table *t = b->t;
  size_t w = cl_csv_width(t, 0), i, j;
  for (i = b->from; i < b->to; i++)
    for (j = b->col0; j < w; j++) {
      const char *cell = cl_csv_cell(t, i, j);
      double *v = &b->out[(j - b->col0) * b->nr + (i - b->r0)];
      if (is_missing(cell, b->f)) *v = NAN;
      else if (!cl_csv_parse_span(cell, strlen(cell), b->f->decimal,
                                  b->f->thousands, b->dp, v)) {
        b->bad = 1;
        b->bad_i = i;
        b->bad_j = j;
        return 0;
      }
    }
  return 0;
}

/* threads for n cells: one per core (at most THREADS), one for small work */
static size_t threads_for (size_t n) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < PARALLEL_CELLS || cores < 2) return 1;
  return cores < THREADS ? (size_t)cores : THREADS;
}

int cl_csv_numbers (const cl_csv_table *t, int header, size_t col0,
                    const cl_csv_numfmt *f, double *out, cl_error *err) {
  number_band band[THREADS];
  thrd_t thread[THREADS];
  int started[THREADS];
  size_t r0 = header ? 1 : 0, nr = t->nrows - r0, k;
  size_t n = threads_for(nr * (cl_csv_width(t, 0) - col0));
  const char *dp = localeconv()->decimal_point;  /* not from the threads */
  for (k = 0; k < n; k++) {
    band[k].t = t;
    band[k].f = f;
    band[k].out = out;
    band[k].r0 = r0;
    band[k].nr = nr;
    band[k].col0 = col0;
    band[k].from = r0 + nr * k / n;
    band[k].to = r0 + nr * (k + 1) / n;
    band[k].bad = 0;
    band[k].dp = dp;
    started[k] = k > 0 && thrd_create(&thread[k], convert_band, &band[k])
                          == thrd_success;
  }
  for (k = 0; k < n; k++)
    if (!started[k]) convert_band(&band[k]);  /* the first, or no thread */
  for (k = 1; k < n; k++)
    if (started[k]) thrd_join(thread[k], NULL);
  for (k = 0; k < n; k++)
    if (band[k].bad)
      return cell_error(t, header, band[k].bad_i, band[k].bad_j, f, err);
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
