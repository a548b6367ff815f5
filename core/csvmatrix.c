/*
** csvmatrix.c -- csv.read's fast path (see csvmatrix.h): the file mapped
** read-only, its data lines cut into bands at line ends, one thread per
** band counting lines and then scanning fields and turning them into
** numbers in place. A band starts after a line end; a band that meets a
** quoted field spanning lines gives the file to the general reader, so a
** cut inside quotes is never trusted (fread's check, made exact).
** While the file is mapped a SIGBUS handler is in (mapguard.h) and every
** read of the mapping runs under its guard: a file truncated by another
** program while it is read gives an error naming it, not a crash.
*/
#include <locale.h>
#include <math.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdatomic.h>
#include <threads.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvmatrix.h"
#include "mapguard.h"

#define BAND_BYTES ((size_t)1 << 20)  /* a thread for each MB, at most */
#define CHECK_ROWS 4095  /* rows between looks at cl_interrupt */

void cl_csv_matrix_init (cl_csv_matrix *m) {
  memset(m, 0, sizeof(*m));
  cl_csv_init(&m->head);
}

void cl_csv_matrix_close (cl_csv_matrix *m) {
  cl_csv_free(&m->head);
  if (m->map != NULL) {
    munmap(m->map, m->mapsize);
    cl_mapguard_end();
  }
  free(m->label);
  cl_csv_matrix_init(m);
}

/* ---------------------------------------------------------------- */
/* bands, one thread each                                           */
/* ---------------------------------------------------------------- */

typedef struct band {
  cl_csv_matrix *m;
  const cl_csv_numfmt *f;
  const char *dp;      /* the locale's decimal point */
  double *out;
  size_t k;            /* which band */
  size_t lines;        /* line ends counted */
  size_t label_bytes;  /* the band's labels, NUL-terminated */
  size_t *offset;      /* cl_csv_matrix_labels' output */
  char *text;
  int (*fn)(void *);   /* the band's work: returns its status */
  int status;
  atomic_int *stop;    /* set when a band fails: the others stop early */
} band;

/* b->status = b->fn(b), or CL_EIO when the file shrank under it */
static int guarded_band (void *arg) {
  band *b = (band *)arg;
  if (!cl_mapguard_call(b->m->map, b->m->mapsize, b->fn, b, &b->status)) {
    b->status = CL_EIO;
    atomic_store(b->stop, 1);
  }
  return 0;
}

/* runs fn on bands 0..n-1, band 0 here and the others on threads; CL_EIO
** when the file shrank under one of them, else CL_OK */
static int run_bands (int (*fn)(void *), band *b, size_t n) {
  thrd_t thread[CL_CSV_BANDS];
  int started[CL_CSV_BANDS];
  size_t k;
  for (k = 0; k < n; k++) b[k].fn = fn;
  for (k = 1; k < n; k++)
    started[k] = thrd_create(&thread[k], guarded_band, &b[k]) == thrd_success;
  guarded_band(&b[0]);
  for (k = 1; k < n; k++)
    if (started[k]) thrd_join(thread[k], NULL);
    else guarded_band(&b[k]);
  for (k = 0; k < n; k++)
    if (b[k].status == CL_EIO) return CL_EIO;
  return CL_OK;
}

static int file_shrank (const cl_csv_matrix *m, cl_error *err) {
  return cl_fail(err, CL_EIO, "%s: the file shrank while it was being read "
                 "(another program changed it); read it again", m->path);
}

/* number of \n in [p, end) */
static size_t count_lf (const char *p, const char *end) {
  size_t n = 0;
#ifdef __SSE2__
  const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
  while (end - p >= 16) {  /* byte counters, summed before they overflow */
    __m128i counts = zero, sums;
    int k;
    for (k = 0; k < 255 && end - p >= 16; k++, p += 16)
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(
          _mm_loadu_si128((const __m128i *)(const void *)p), lf));
    sums = _mm_sad_epu8(counts, zero);
    n += (size_t)_mm_cvtsi128_si32(sums)
         + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
  }
#endif
  for (; p < end; p++) n += *p == '\n';
  return n;
}

/* counts the band's lines a MB at a time, stopping on Ctrl-C */
static int count_band (void *arg) {
  band *b = (band *)arg;
  const char *p = b->m->cut[b->k], *end = b->m->cut[b->k + 1];
  b->lines = 0;
  while (p < end) {
    const char *q = (size_t)(end - p) > BAND_BYTES ? p + BAND_BYTES : end;
    if (cl_interrupt) return CL_EINTR;
    if (atomic_load_explicit(b->stop, memory_order_relaxed)) return CL_EIO;
    b->lines += count_lf(p, q);
    p = q;
  }
  return CL_OK;
}

/* the first byte in [b, end) that ends an unquoted field: the separator, a
** line end, a quote or a NUL; or end */
static const char *run_end (const char *b, const char *end, char sep) {
#ifdef __SSE2__
  const __m128i s = _mm_set1_epi8(sep), lf = _mm_set1_epi8('\n'),
                cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'),
                nul = _mm_setzero_si128();
  for (; end - b >= 16; b += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)b);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, s), _mm_cmpeq_epi8(x, lf)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, cr),
                                  _mm_cmpeq_epi8(x, quote)),
                     _mm_cmpeq_epi8(x, nul)));
    int bits = _mm_movemask_epi8(hit);
    if (bits != 0) return b + __builtin_ctz((unsigned)bits);
  }
#endif
  for (; b < end; b++)
    if (*b == sep || *b == '\n' || *b == '\r' || *b == '"' || *b == '\0')
      break;
  return b;
}

/* the closing quote of a quoted field whose text starts at a, when the
** field has no line end and no "" in it; else NULL */
static const char *closing_quote (const char *a, const char *end) {
  for (; a < end; a++) {
    if (*a == '\n' || *a == '\r' || *a == '\0') return NULL;
    if (*a == '"') return (a + 1 < end && a[1] == '"') ? NULL : a;
  }
  return NULL;
}

/* cl_csv_numbers' missing values, for a span */
static int missing (const char *s, size_t n, const cl_csv_numfmt *f) {
  size_t k;
  if (n == 0) return 1;
  if (f->na_strings == NULL) return n == 2 && s[0] == 'N' && s[1] == 'A';
  for (k = 0; k < f->n_na; k++)
    if (strlen(f->na_strings[k]) == n && memcmp(s, f->na_strings[k], n) == 0)
      return 1;
  return 0;
}

/* the field [a, a + n) of row `row`, column j: a number (v not NULL),
** else a label or a code before it; 0 when it is not one this reader takes */
static int read_field (const band *b, const char *a, size_t n, double *v,
                       size_t j, size_t row) {
  const cl_csv_numfmt *f = b->f;
  if (v != NULL) {
    if (f->na && missing(a, n, f)) {
      *v = NAN;
      return cl_csv_valid_utf8((const unsigned char *)a, n);
    }
    return cl_csv_parse_span(a, n, f->decimal, f->thousands, b->dp, v);
  }
  if (!cl_csv_valid_utf8((const unsigned char *)a, n)) return 0;
  if (j + 1 == b->m->col0) {
    b->m->label[row].s = a;
    b->m->label[row].n = n;
  }
  return 1;
}

/* Scans band b's rows into the matrix: CL_OK, CL_CSV_GENERAL or CL_EINTR. */
static int scan_band (band *b) {
  cl_csv_matrix *m = b->m;
  const cl_csv_numfmt *f = b->f;
  const char *p = m->cut[b->k], *end = m->cut[b->k + 1];
  size_t row = m->first[b->k], last = m->first[b->k + 1], nr = m->nrows;
  size_t w = m->width, col0 = m->col0, j, n;
  char sep = m->head.sep;
  /* a plain number ending at a separator or line end is the whole field;
  ** not so when sep is the decimal mark, and marks of missing values that
  ** look like numbers must be looked at first */
  int by_parsing = sep != f->decimal && !(f->na && f->na_strings != NULL);
  while (p < end) {
    const char *line = p;
    if ((row & CHECK_ROWS) == 0
        && (cl_interrupt || atomic_load_explicit(b->stop, memory_order_relaxed)))
      return cl_interrupt ? CL_EINTR : CL_CSV_GENERAL;
    if (row >= last || *p == '\n' || *p == '\r') return CL_CSV_GENERAL;
    for (j = 0;; j++) {
      double *v = j >= col0 ? b->out + (j - col0) * nr + row : NULL;
      const char *a = p, *z;
      if (v != NULL && by_parsing
          && (n = cl_csv_parse_prefix(p, end, f->decimal, b->dp, v)) > 0
          && (p + n == end || p[n] == sep || p[n] == '\n' || p[n] == '\r')) {
        p += n;  /* the whole field was the number */
      } else {
        if (p < end && *p == '"') {
          if ((z = closing_quote(p + 1, end)) == NULL) return CL_CSV_GENERAL;
          a = p + 1;
          p = z + 1;
        } else {
          z = p = run_end(p, end, sep);
          if (p < end && (*p == '"' || *p == '\0')) return CL_CSV_GENERAL;
        }
        if (!read_field(b, a, (size_t)(z - a), v, j, row)) return CL_CSV_GENERAL;
      }
      if (p == end || *p != sep) break;
      if (j + 1 == w) return CL_CSV_GENERAL;
      p++;
    }
    if (j + 1 != w) return CL_CSV_GENERAL;
    if (p < end) {
      if (*p == '\r' && p + 1 < end && p[1] == '\n') p += 2;
      else if (*p == '\n') p++;
      else return CL_CSV_GENERAL;  /* a lone \r, or text after a quote */
    }
    if ((size_t)(p - line) + 2 > m->max_line)  /* + the last line's end */
      return CL_CSV_GENERAL;
    row++;
  }
  return row == last ? CL_OK : CL_CSV_GENERAL;
}

static int fill_band (void *arg) {
  band *b = (band *)arg;
  const cl_csv_matrix *m = b->m;
  size_t i;
  int status = scan_band(b);
  if (status != CL_OK) atomic_store(b->stop, 1);
  b->label_bytes = 0;
  for (i = m->first[b->k];
       status == CL_OK && m->col0 > 0 && i < m->first[b->k + 1]; i++)
    b->label_bytes += m->label[i].n + 1;
  return status;
}

static int copy_labels (void *arg) {
  band *b = (band *)arg;
  const cl_csv_matrix *m = b->m;
  size_t at = m->label_at[b->k], i;
  for (i = m->first[b->k]; i < m->first[b->k + 1]; i++) {
    memcpy(b->text + at, m->label[i].s, m->label[i].n);
    b->text[at + m->label[i].n] = '\0';
    b->offset[i] = at;
    at += m->label[i].n + 1;
  }
  return CL_OK;
}

/* ---------------------------------------------------------------- */
/* opening and filling                                              */
/* ---------------------------------------------------------------- */

/* bands for n bytes: one per core (at most CL_CSV_BANDS), a MB each */
static size_t bands_for (size_t n) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  size_t k = n / BAND_BYTES;
  if (cores < 1) cores = 1;
  if (k > (size_t)cores) k = (size_t)cores;
  if (k > CL_CSV_BANDS) k = CL_CSV_BANDS;
  return k < 1 ? 1 : k;
}

/* maps the regular file at path; 0 when it is not one (or is empty) */
static int map_file (cl_csv_matrix *m, const char *path) {
  struct stat st;
  void *p;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0
      || (unsigned long long)st.st_size > (size_t)-1 / 2) {
    close(fd);
    return 0;
  }
  /* no MAP_POPULATE: the bands' threads take the faults, in parallel and
  ** where Ctrl-C is looked at; the kernel reads ahead meanwhile */
  p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return 0;
  (void)madvise(p, (size_t)st.st_size, MADV_WILLNEED);
  m->map = (char *)p;
  m->mapsize = (size_t)st.st_size;
  cl_mapguard_begin();  /* until it is unmapped */
  return 1;
}

/* 3 when the file starts with UTF-8's byte order mark, else 0 */
static size_t bom_length (const cl_csv_matrix *m) {
  return m->mapsize >= 3 && memcmp(m->map, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* splits the first line into m->head; returns where the next line starts,
** or NULL when the first line is not one this reader takes */
static const char *first_line (cl_csv_matrix *m, const char *path,
                               const cl_csv_readopts *o) {
  const char *s = m->map, *end = m->map + m->mapsize, *e = s;
  size_t quotes = 0;
  cl_error err;
  for (; e < end && *e != '\n' && *e != '\r'; e++) quotes += *e == '"';
  if (quotes % 2 != 0) return NULL;  /* a quoted field goes on */
  if ((size_t)(e - s) - bom_length(m) + 2 > m->max_line) return NULL;
  if (cl_csv_read_text(&m->head, path, s, (size_t)(e - s), o, &err) != CL_OK
      || m->head.nrows != 1)
    return NULL;
  if (e < end && *e == '\r') {
    if (e + 1 == end || e[1] != '\n') return NULL;  /* lone \r line ends */
    e++;
  }
  return e < end ? e + 1 : e;
}

typedef struct opening {
  cl_csv_matrix *m;
  const cl_csv_readopts *o;
} opening;

/* splits the first line and cuts the data lines into bands, reading the
** mapping (under the guard): CL_OK or CL_CSV_GENERAL */
static int cut_bands (void *arg) {
  cl_csv_matrix *m = ((opening *)arg)->m;
  const char *data, *end;
  size_t n, k;
  if ((data = first_line(m, m->path, ((opening *)arg)->o)) == NULL)
    return CL_CSV_GENERAL;
  m->width = cl_csv_width(&m->head, 0);
  if (!m->header)  /* the first line is data too */
    data = m->map + bom_length(m);
  end = m->map + m->mapsize;
  /* the last line's end and blank lines after it make no rows (as in the
  ** general reader): the last line is left unended */
  while (end > data && (end[-1] == '\n' || end[-1] == '\r')) end--;
  if (m->width <= m->col0 || data == end) return CL_CSV_GENERAL;
  n = bands_for((size_t)(end - data));
  m->cut[0] = data;
  for (k = 1; k < n; k++) {  /* cut after the first \n past k/n */
    const char *c = data + (size_t)(end - data) * k / n;
    if (c < m->cut[k - 1]) c = m->cut[k - 1];
    c = (const char *)memchr(c, '\n', (size_t)(end - c));
    if (c == NULL) break;
    m->cut[k] = c + 1;
  }
  m->nbands = k;
  m->cut[k] = end;
  return CL_OK;
}

int cl_csv_matrix_open (cl_csv_matrix *m, const char *path,
                        const cl_csv_readopts *o, int header, size_t col0,
                        cl_error *err) {
  band b[CL_CSV_BANDS];
  opening op;
  size_t n, k;
  atomic_int stop = 0;
  int status, intact;
  cl_csv_matrix_close(m);
  m->path = path;
  m->header = header;
  m->col0 = col0;
  m->max_line = o->max_line ? o->max_line : CL_CSV_MAX_LINE;
  if (o->trim || !map_file(m, path)) return CL_CSV_GENERAL;
  op.m = m;
  op.o = o;
  intact = cl_mapguard_call(m->map, m->mapsize, cut_bands, &op, &status);
  if (!intact) return file_shrank(m, err);
  if (status != CL_OK) return status;
  n = m->nbands;
  for (k = 0; k < n; k++) {
    b[k].m = m;
    b[k].k = k;
    b[k].stop = &stop;
  }
  if (run_bands(count_band, b, n) != CL_OK) return file_shrank(m, err);
  for (k = 0; k < n; k++)  /* the general reader says "interrupted" */
    if (b[k].status != CL_OK) return CL_CSV_GENERAL;
  m->first[0] = 0;
  for (k = 0; k < n; k++)
    m->first[k + 1] = m->first[k] + b[k].lines + (k + 1 == n);
  m->nrows = m->first[n];
  if (col0 > 0
      && (m->label = (cl_csv_span *)malloc(m->nrows * sizeof(cl_csv_span)))
         == NULL)
    return CL_CSV_GENERAL;
  return CL_OK;
}

int cl_csv_matrix_fill (cl_csv_matrix *m, const cl_csv_numfmt *f, double *out,
                        cl_error *err) {
  band b[CL_CSV_BANDS];
  const char *dp = localeconv()->decimal_point;  /* not from the threads */
  atomic_int stop = 0;
  size_t k;
  int status = CL_OK;
  for (k = 0; k < m->nbands; k++) {
    b[k].m = m;
    b[k].f = f;
    b[k].dp = dp;
    b[k].out = out;
    b[k].k = k;
    b[k].stop = &stop;
  }
  if (run_bands(fill_band, b, m->nbands) != CL_OK) return file_shrank(m, err);
  m->label_at[0] = 0;
  for (k = 0; k < m->nbands; k++) {
    if (b[k].status == CL_EINTR) return cl_fail(err, CL_EINTR, "interrupted");
    if (b[k].status != CL_OK) status = CL_CSV_GENERAL;
    m->label_at[k + 1] = m->label_at[k] + b[k].label_bytes;
  }
  return status;
}

int cl_csv_matrix_labels (cl_csv_matrix *m, size_t *offset, char *text,
                          cl_error *err) {
  band b[CL_CSV_BANDS];
  atomic_int stop = 0;
  size_t k;
  for (k = 0; k < m->nbands; k++) {
    b[k].m = m;
    b[k].k = k;
    b[k].offset = offset;
    b[k].text = text;
    b[k].stop = &stop;
  }
  if (run_bands(copy_labels, b, m->nbands) != CL_OK) return file_shrank(m, err);
  return CL_OK;
}
