/*
** distance.c -- distances between rows as R's stats::dist (R's src/library/
** stats/src/distance.c defines the arithmetic reproduced here, column by
** column in the same order, so results agree with R to the last bit).
*/
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "distance.h"

/*
** Why a direct loop and not one dgemm of X X' (d^2 = |x|^2 + |y|^2 - 2 x'y):
** the dgemm form loses about eps * |x|^2 absolutely, so two close rows far
** from the origin (USArrests: |x| ~ 300, closest pair 2.29 apart) get a
** relative error of eps * |x|^2 / d^2, unbounded as d -> 0, and exact ties
** (common with integer survey codes) stop being ties, so hclust would break
** them differently from R. The loop below sums (x_k - y_k)^2 over k exactly
** as R does: the same results bit for bit, for the same n^2 p flops.
*/

/* the distance between rows a and b (cols values each, contiguous) */
typedef double (*pair_fn) (const double *a, const double *b, size_t cols,
                           double p);

static double manhattan (const double *a, const double *b, size_t cols,
                         double p) {
  double s = 0;
  size_t k;
  (void)p;
  for (k = 0; k < cols; k++) s += fabs(a[k] - b[k]);
  return s;
}

static double maximum (const double *a, const double *b, size_t cols,
                       double p) {
  double m = 0;
  size_t k;
  (void)p;
  for (k = 0; k < cols; k++) {
    double dev = fabs(a[k] - b[k]);
    if (dev > m) m = dev;
  }
  return m;
}

static double minkowski (const double *a, const double *b, size_t cols,
                         double p) {
  double s = 0;
  size_t k;
  for (k = 0; k < cols; k++) {
    double dev = fabs(a[k] - b[k]);
    s += (p == 2.0) ? dev * dev : pow(dev, p);  /* R_pow(x, 2) is x * x */
  }
  return pow(s, 1.0 / p);
}

/* NAN when every column has both values 0 (R: NA) */
static double canberra (const double *a, const double *b, size_t cols,
                        double p) {
  double s = 0;
  size_t k, used = 0;
  (void)p;
  for (k = 0; k < cols; k++) {
    double x = a[k], y = b[k];
    double sum = fabs(x) + fabs(y), diff = fabs(x - y);
    if (sum > DBL_MIN || diff > DBL_MIN) {  /* 0/0 terms are left out */
      s += diff / sum;
      used++;
    }
  }
  if (used == 0) return NAN;
  if (used != cols) s /= (double)used / (double)cols;
  return s;
}

static double binary (const double *a, const double *b, size_t cols,
                      double p) {
  size_t k, any = 0, one = 0;
  (void)p;
  for (k = 0; k < cols; k++) {
    int x = a[k] != 0, y = b[k] != 0;
    if (x || y) {
      any++;
      if (!(x && y)) one++;
    }
  }
  return any == 0 ? 0.0 : (double)one / (double)any;
}

/* by cl_distance_method, but euclidean, which the loops have inline */
static const pair_fn fns[] = {NULL, manhattan, maximum, canberra, binary,
                              minkowski};

/* x (n x cols, column-major) checked and, if copy, its rows copied
** contiguously into a new n x cols row-major array *rows (the pairs then read
** memory in order; the euclidean loops read x as it is, and need no copy) */
static int prepare (const cl_matrix *x, cl_distance_method method, double p,
                    int copy, double **rows, cl_error *err) {
  size_t i, k, n = x->rows, bad = cl_matrix_first_nonfinite(x);
  *rows = NULL;
  if (x->cols == 0)
    return cl_fail(err, CL_EDIM, "distances need at least one column");
  if (bad < cl_matrix_size(x))
    return cl_fail(err, CL_EDOMAIN, "row %zu, column %zu of x is %g, not a "
                   "finite number", bad % n + 1, bad / n + 1, x->data[bad]);
  if (method == CL_DIST_MINKOWSKI && !(isfinite(p) && p > 0))
    return cl_fail(err, CL_EDOMAIN, "minkowski power p must be a positive "
                   "finite number, got %g", p);
  if (method < CL_DIST_EUCLIDEAN || method > CL_DIST_MINKOWSKI)
    return cl_fail(err, CL_EDOMAIN, "unknown distance method %d", (int)method);
  if (!copy || n == 0) return CL_OK;
  if ((*rows = malloc(n * x->cols * sizeof(double))) == NULL)
    return cl_fail(err, CL_ENOMEM, "no memory to copy the %zu x %zu x", n,
                   x->cols);
  for (k = 0; k < x->cols; k++)
    for (i = 0; i < n; i++) (*rows)[i * x->cols + k] = CL_AT(x, i, k);
  return CL_OK;
}

int cl_distance_rows (const cl_matrix *x, cl_distance_method method,
                      double p, double **rows, cl_error *err) {
  return prepare(x, method, p, 1, rows, err);
}

/* a few flops a column against a miss of ~100 ns: recomputing a pair beats
** reading it down a column of the 1.5 GB triangle at n = 20,000 (single
** linkage 1.5 s -> 0.9 s of CPU, p = 10); pow (minkowski) and the
** divisions of canberra cost more */
#define CHEAP_COLS 16

int cl_distance_cheap (cl_distance_method method, size_t cols) {
  return cols <= CHEAP_COLS && method != CL_DIST_MINKOWSKI &&
         method != CL_DIST_CANBERRA;
}

void cl_distance_to (const double *rows, size_t cols,
                     cl_distance_method method, double p, size_t i,
                     const size_t *js, size_t m, double *out) {
  const double *b = &rows[i * cols];
  size_t t, k;
  if (method != CL_DIST_EUCLIDEAN) {
    for (t = 0; t < m; t++)
      out[t] = fns[method](&rows[js[t] * cols], b, cols, p);
    return;
  }
  /* the sums of euclid_block's lanes, four pairs at a time over contiguous
  ** rows: (a - b)^2 == (b - a)^2 exactly, so the same bits */
  for (t = 0; t + 4 <= m; t += 4) {
    const double *a0 = &rows[js[t] * cols], *a1 = &rows[js[t + 1] * cols];
    const double *a2 = &rows[js[t + 2] * cols], *a3 = &rows[js[t + 3] * cols];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (k = 0; k < cols; k++) {
      double d0 = a0[k] - b[k], d1 = a1[k] - b[k];
      double d2 = a2[k] - b[k], d3 = a3[k] - b[k];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[t] = sqrt(s0);
    out[t + 1] = sqrt(s1);
    out[t + 2] = sqrt(s2);
    out[t + 3] = sqrt(s3);
  }
  for (; t < m; t++) {
    const double *a = &rows[js[t] * cols];
    double s = 0;
    for (k = 0; k < cols; k++) {
      double dev = a[k] - b[k];
      s += dev * dev;
    }
    out[t] = sqrt(s);
  }
}

/*
** The Euclidean pairs of row i, vectorised across pairs: column-major x
** (as cl_matrix keeps it) gives, for each column k, the values of rows
** j0 .. j0 + m - 1 side by side, so one lane per pair adds (x_ik - x_jk)^2 to
** its own sum, k in R's order, then takes its square root. Each sum is R's,
** bit for bit: the same subtractions, products and additions in the same
** order, only several pairs at once (the Makefile keeps -ffp-contract=off
** for this file so no product and sum fuse into an FMA, and -fno-math-errno
** so sqrt vectorises). One clone of the loop per instruction set, chosen when
** the program loads (GCC's function multiversioning: an ifunc on the cpuid).
*/
#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", \
                                                    "default")))
#endif
#endif
#ifndef VECTOR_CLONES
#define VECTOR_CLONES
#endif

/* pairs a block computes: their sums (4 kB) stay in L1 across the columns */
#define EUCLID_BLOCK 512

/* out[t] = d(row i, row j0 + t) for t < m (m <= EUCLID_BLOCK), x = x's n
** rows and cols columns, column-major */
VECTOR_CLONES
static void euclid_block (const double *restrict x, size_t n, size_t cols,
                          size_t i, size_t j0, size_t m,
                          double *restrict out) {
  size_t t, k;
  for (t = 0; t < m; t++) out[t] = 0;
  for (k = 0; k < cols; k++) {
    const double *restrict col = &x[k * n + j0];
    const double xi = x[k * n + i];
    for (t = 0; t < m; t++) {
      double dev = xi - col[t];
      out[t] += dev * dev;
    }
  }
  for (t = 0; t < m; t++) out[t] = sqrt(out[t]);
}

/* out[j - i - 1] = d(row i, row j) for j = i + 1 .. n - 1; rows = x's rows
** contiguous (any method but euclidean), x = column-major (euclidean) */
static int distances_from (const double *rows, const double *x, size_t n,
                           size_t cols, size_t i, cl_distance_method method,
                           double p, double *out, cl_error *err) {
  const double *a = rows == NULL ? NULL : &rows[i * cols];
  size_t j;
  if (method == CL_DIST_EUCLIDEAN) {
    for (j = i + 1; j < n; j += EUCLID_BLOCK)
      euclid_block(x, n, cols, i, j,
                   n - j < EUCLID_BLOCK ? n - j : EUCLID_BLOCK,
                   &out[j - i - 1]);
    return CL_OK;
  }
  for (j = i + 1; j < n; j++) {
    double v = fns[method](a, &rows[j * cols], cols, p);
    if (isnan(v))
      return cl_fail(err, CL_EDOMAIN, "canberra distance between rows %zu "
                     "and %zu is undefined: both are 0 in every column",
                     i + 1, j + 1);
    out[j - i - 1] = v;
  }
  return CL_OK;
}

/*
** The packed rows are shared out between THREADS threads, ROWS_PER_CLAIM
** rows at a time in order, each thread writing (and so first touching) the
** rows it computes. On this kind of virtual machine the first touch of fresh
** memory is a third of the time at n = 20,000 (1.5 GB, kernel page zeroing
** that waits on the host), and two threads fault in parallel. 4 kB pages,
** not 2 MB ones (no MADV_HUGEPAGE): there, zeroing a fresh 2 MB page costs
** five times as much per byte (3.4 s against 0.6 s for the 1.5 GB; README,
** Speed). Every distance is computed as in one thread, so results do not
** depend on timing.
*/
#define THREADS 2
#define THREADED_PAIRS ((size_t)1 << 20)  /* fewer: a thread costs more */
#define ROWS_PER_CLAIM 8

typedef struct {
  const double *rows;   /* x's rows, contiguous (NULL for euclidean) */
  const double *x;      /* x, column-major */
  size_t n, cols;
  cl_distance_method method;
  double p;
  double *dist;
  atomic_size_t next;   /* the first row not yet claimed */
  atomic_int stop;      /* an error or Ctrl-C: claim no more */
} packed_job;

typedef struct {
  packed_job *job;
  size_t bad;           /* the row that failed, or n */
  int rc;
  cl_error err;
} packed_worker;

/* the whole 4 kB pages of [p, p + bytes) faulted in by one call
** (madvise(2) MADV_POPULATE_WRITE, Linux 5.14), not one fault per page on
** first write: pdist at n = 20,000 spent 0.62-0.71 s of system time against
** 0.72-0.80 s. A hint only: where it does not exist or fails, the writes
** fault the pages in as before */
static void populate (void *p, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  const uintptr_t page = 4096;
  uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1);
  uintptr_t hi = ((uintptr_t)p + bytes) & ~(page - 1);
  if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
  (void)p;
  (void)bytes;
#endif
}

/* whether any of v[0 .. m - 1] is infinite (NaN is not): one pass that
** vectorises, where a test per value that may stop the loop does not (a
** tenth of pdist's time at n = 6000) */
VECTOR_CLONES
static int any_infinite (const double *restrict v, size_t m) {
  size_t t;
  int any = 0;
  for (t = 0; t < m; t++) any |= fabs(v[t]) > DBL_MAX;
  return any;
}

/* rows i .. i + ROWS_PER_CLAIM - 1 of the triangle, claimed in increasing
** order; a failure stops at its row, after the rows this worker claimed
** before it (the rows before it are all claimed, so the first failure of
** all is the lowest failed row of any worker) */
static void *packed_rows (void *arg) {
  packed_worker *w = arg;
  packed_job *job = w->job;
  size_t n = job->n, i, end;
  w->bad = n;
  w->rc = CL_OK;
  while (!atomic_load(&job->stop)) {
    i = atomic_fetch_add(&job->next, ROWS_PER_CLAIM);
    if (i + 1 >= n) break;
    end = i + ROWS_PER_CLAIM < n - 1 ? i + ROWS_PER_CLAIM : n - 1;
    populate(&job->dist[i * n - i * (i + 1) / 2],
             ((end * n - end * (end + 1) / 2) - (i * n - i * (i + 1) / 2)) *
             sizeof(double));
    for (; i < end; i++) {
      double *row = &job->dist[i * n - i * (i + 1) / 2];
      size_t j;
      w->rc = cl_check_interrupt(&w->err);  /* Ctrl-C */
      if (w->rc == CL_OK)
        w->rc = distances_from(job->rows, job->x, n, job->cols, i,
                               job->method, job->p, row, &w->err);
      if (w->rc == CL_OK && any_infinite(row, n - i - 1))
        for (j = 0; w->rc == CL_OK && j + i + 1 < n; j++)
          if (isinf(row[j]))  /* a finite dist: what cl_hclust_packed needs */
            w->rc = cl_fail(&w->err, CL_EDOMAIN, "the distance between "
                            "rows %zu and %zu overflowed (x is too large)",
                            i + 1, i + j + 2);
      if (w->rc != CL_OK) {
        w->bad = i;
        atomic_store(&job->stop, 1);
        return NULL;
      }
    }
  }
  return NULL;
}

int cl_distance_packed (const cl_matrix *x, cl_distance_method method,
                        double p, double *dist, cl_error *err) {
  packed_job job;
  packed_worker w[THREADS];
  pthread_t threads[THREADS];
  size_t n = x->rows, npair = n < 2 ? 0 : n * (n - 1) / 2;
  int t, started = 0, nthreads = npair >= THREADED_PAIRS ? THREADS : 1, first;
  double *rows;
  int rc = prepare(x, method, p, method != CL_DIST_EUCLIDEAN, &rows, err);
  if (rc != CL_OK) return rc;
  job.rows = rows;
  job.x = x->data;
  job.n = n;
  job.cols = x->cols;
  job.method = method;
  job.p = p;
  job.dist = dist;
  atomic_init(&job.next, 0);
  atomic_init(&job.stop, 0);
  for (t = 0; t < nthreads; t++) w[t].job = &job;
  for (t = 1; t < nthreads &&
       pthread_create(&threads[t], NULL, packed_rows, &w[t]) == 0; t++)
    started = t;
  packed_rows(&w[0]);  /* with no thread to be had, every row */
  for (t = 1; t <= started; t++) pthread_join(threads[t], NULL);
  for (first = 0, t = 1; t <= started; t++)
    if (w[t].bad < w[first].bad) first = t;
  if ((rc = w[first].rc) != CL_OK && err != NULL) *err = w[first].err;
  free(rows);
  return rc;
}

/* the upper triangle of the n x n d from its lower one, in cache blocks */
static void mirror (cl_matrix *d) {
  enum { B = 64 };
  size_t n = d->rows, i0, j0, i, j;
  for (j0 = 0; j0 < n; j0 += B)
    for (i0 = j0; i0 < n; i0 += B)
      for (i = i0; i < i0 + B && i < n; i++)
        for (j = j0; j < j0 + B && j < i; j++) CL_AT(d, j, i) = CL_AT(d, i, j);
}

int cl_distance_matrix (const cl_matrix *x, cl_distance_method method,
                        double p, cl_matrix *d, cl_error *err) {
  size_t i, n = x->rows;
  double *rows;
  int rc;
  if (d->rows != n || d->cols != n)
    return cl_fail(err, CL_EDIM, "distance matrix must be %zu x %zu, got "
                   "%zu x %zu", n, n, d->rows, d->cols);
  rc = prepare(x, method, p, method != CL_DIST_EUCLIDEAN, &rows, err);
  for (i = 0; rc == CL_OK && i < n; i++) {  /* column i below the diagonal */
    if ((rc = cl_check_interrupt(err)) != CL_OK) break;  /* Ctrl-C */
    CL_AT(d, i, i) = 0.0;
    rc = distances_from(rows, x->data, n, x->cols, i, method, p,
                        &CL_AT(d, i + 1, i), err);
  }
  free(rows);
  if (rc == CL_OK) mirror(d);
  return rc;
}
