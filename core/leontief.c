/*
** leontief.c -- Leontief and Ghosh models over LAPACKE: one LU factorisation
** of I - A per call, with the checks that make a table usable (outputs, flows,
** singularity, productivity). Miller & Blair (2009), ch. 2 and 12. Solves
** with few right-hand sides go by mixed-precision refinement (refine.h).
*/
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "leontief.h"
#include "refine.h"

/* ---------------------------------------------------------------- */
/* naming sectors in messages                                        */
/* ---------------------------------------------------------------- */

static const char *name_of (const char *const *names, size_t k) {
  return names != NULL ? names[k] : NULL;
}

/* "sector 3 (Mining)" or "sector 3" */
static void sector (char *buf, size_t size, const char *const *names,
                    size_t k) {
  const char *s = name_of(names, k);
  if (s != NULL) snprintf(buf, size, "sector %zu (%s)", k + 1, s);
  else snprintf(buf, size, "sector %zu", k + 1);
}

/* "Z[2,5] (Mining -> Construction)" or "Z[2,5]" */
static void element (char *buf, size_t size, char what,
                     const char *const *names, size_t i, size_t j) {
  const char *si = name_of(names, i), *sj = name_of(names, j);
  if (si != NULL && sj != NULL)
    snprintf(buf, size, "%c[%zu,%zu] (%s -> %s)", what, i + 1, j + 1, si, sj);
  else snprintf(buf, size, "%c[%zu,%zu]", what, i + 1, j + 1);
}

/* ---------------------------------------------------------------- */
/* checks of a table                                                 */
/* ---------------------------------------------------------------- */

/* a non-finite value as text, without printf's sign of a NaN */
static const char *nonfinite (double v) {
  return isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

static int check_square (const cl_matrix *m, char what, cl_error *err) {
  if (m->rows != m->cols)
    return cl_fail(err, CL_EDIM, "%c must be square (sectors x sectors), got "
                   "%zu x %zu", what, m->rows, m->cols);
  if (m->rows > 0x7fffffff)
    return cl_fail(err, CL_EDIM, "%c has too many sectors for LAPACK", what);
  return CL_OK;
}

/* finite and non-negative elements: flows (Z) or coefficients (A, B) */
static int check_elements (const cl_matrix *m, char what,
                           const char *const *names, cl_error *err) {
  char at[300];
  size_t i, j;
  for (j = 0; j < m->cols; j++)
    for (i = 0; i < m->rows; i++) {
      double v = CL_AT(m, i, j);
      if (isfinite(v) && v >= 0) continue;
      element(at, sizeof at, what, names, i, j);
      if (!isfinite(v))
        return cl_fail(err, CL_EDOMAIN, "%s is %s, not a finite number", at,
                       nonfinite(v));
      return cl_fail(err, CL_EDOMAIN, "negative %s %s = %g",
                     what == 'Z' ? "flow" : "coefficient", at, v);
    }
  return CL_OK;
}

/* Z square, x a positive vector of n outputs (Z's flows are checked as the
** coefficients are formed, in the same pass) */
static int check_table (const cl_matrix *z, const cl_matrix *x,
                        const char *const *names, cl_error *err) {
  char s[300];
  size_t j, n = z->rows;
  int st = check_square(z, 'Z', err);
  if (st != CL_OK) return st;
  if (x->rows != 1 && x->cols != 1)
    return cl_fail(err, CL_EDIM, "x must be a vector of outputs, got %zu x %zu",
                   x->rows, x->cols);
  if (cl_matrix_size(x) != n)
    return cl_fail(err, CL_EDIM, "x has %zu elements, Z has %zu sectors",
                   cl_matrix_size(x), n);
  for (j = 0; j < n; j++) {
    double xj = x->data[j];
    if (isfinite(xj) && xj > 0) continue;
    sector(s, sizeof s, names, j);
    if (!isfinite(xj))
      return cl_fail(err, CL_EDOMAIN, "%s: output is %s, not a finite number",
                     s, nonfinite(xj));
    if (xj < 0)
      return cl_fail(err, CL_EDOMAIN, "%s: output is %g; output cannot be "
                     "negative", s, xj);
    return cl_fail(err, CL_EDOMAIN, "%s: output is 0; drop the sector or give "
                   "its output", s);
  }
  return CL_OK;
}

/* ---------------------------------------------------------------- */
/* factorising I - M (M = A, or B for the Ghosh model)               */
/* ---------------------------------------------------------------- */

/* OpenBLAS's threaded dgetrf makes its threads spin-wait at every panel;
** below this many sectors that costs more than a second core gives (the
** atlas's 500 LUs of 343 sectors on a busy 2-core machine: 4.7 s with two
** threads, 1.9 s with one), so small tables are factorised on one thread. */
#define SERIAL_BELOW 512

/* Tables are inverted side by side from this many sectors: below it an
** inverse (2 n^3 flops) takes less than starting a thread (tens of us) */
#define PARALLEL_FROM 64

/* one BLAS thread for a small table; returns what to restore */
static int serial_begin (size_t n) {
  int threads = openblas_get_num_threads();
  if (n >= SERIAL_BELOW || threads <= 1) return 0;
  openblas_set_num_threads(1);
  return threads;
}

static void serial_end (int threads) {
  if (threads > 1) openblas_set_num_threads(threads);
}

typedef struct factors {
  size_t n;
  double *lu;   /* LU of I - M (dgetrf) */
  int *ipiv;
  int owns_lu;  /* lu was allocated here (not the caller's output) */
} factors;

static void release (factors *f) {
  if (f->owns_lu) free(f->lu);
  free(f->ipiv);
  f->lu = NULL;
  f->ipiv = NULL;
}

/* column sums (A: a sector's purchases per unit of its output) or row sums
** (B: a sector's intermediate sales per unit of its output); returns the
** sector with the largest, the one to blame when the table is unproductive */
static size_t largest_sum (const cl_matrix *m, int by_rows, double *sum) {
  size_t i, j, worst = 0;
  *sum = -HUGE_VAL;
  for (j = 0; j < m->rows; j++) {
    double s = 0;
    for (i = 0; i < m->rows; i++) s += by_rows ? CL_AT(m, j, i) : CL_AT(m, i, j);
    if (s > *sum) { *sum = s; worst = j; }
  }
  return worst;
}

/* spectral radius of M (dgeev): only computed to explain a failure */
static double spectral_radius (const cl_matrix *m) {
  size_t k, n = m->rows;
  double *a = malloc(n * n * sizeof(double)), *wr = malloc(n * sizeof(double));
  double *wi = malloc(n * sizeof(double)), *work = NULL, query, rho = NAN;
  if (a != NULL && wr != NULL && wi != NULL &&
      LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', 'N', (int)n, a, (int)n, wr, wi,
                         NULL, 1, NULL, 1, &query, -1) == 0)
    work = malloc(((size_t)query + 1) * sizeof(double));
  if (work != NULL) {
    cl_matrix_copy(m, &(cl_matrix){n, n, a});
    if (LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', 'N', (int)n, a, (int)n, wr,
                           wi, NULL, 1, NULL, 1, work, (int)query) == 0) {
      rho = 0;
      for (k = 0; k < n; k++) rho = fmax(rho, hypot(wr[k], wi[k]));
    }
  }
  free(a); free(wr); free(wi); free(work);
  return rho;
}

static int unproductive (const cl_matrix *m, char what, int by_rows,
                         const char *const *names, double rcond, int singular,
                         cl_error *err) {
  char s[300];
  double sum;
  size_t k = largest_sum(m, by_rows, &sum);
  sector(s, sizeof s, names, k);
  if (singular)
    return cl_fail(err, CL_ESINGULAR, "(I - %c) is singular (reciprocal "
                   "condition number %.3g), so the %s inverse does not exist; "
                   "check %s whose %s sum of %c is %.6g", what, rcond,
                   what == 'A' ? "Leontief" : "Ghosh", s,
                   by_rows ? "row" : "column", what, sum);
  return cl_fail(err, CL_EDOMAIN, "the table is not productive: spectral radius "
                 "of %c is %.6g >= 1; check %s whose %s sum of %c is %.6g",
                 what, spectral_radius(m), s, by_rows ? "row" : "column", what,
                 sum);
}

/* lu = I - M in one pass over M, which also checks its elements (finite,
** non-negative) and returns the 1-norm of I - M for the condition number */
static int one_minus (const cl_matrix *m, char what, const char *const *names,
                      double *lu, double *norm1, cl_error *err) {
  size_t i, j, n = m->rows;
  *norm1 = 0.0;
  for (j = 0; j < n; j++) {
    const double *mj = &CL_AT(m, 0, j);
    double *lj = lu + j * n, colsum = 0.0;
    for (i = 0; i < n; i++) {
      double v = mj[i];
      if (!(v >= 0 && v <= DBL_MAX))  /* NaN, Inf or negative */
        return check_elements(m, what, names, err);
      lj[i] = -v;
      colsum += v;
    }
    lj[j] += 1.0;
    /* |1 - m_jj| + sum of the other m_ij */
    colsum += fabs(lj[j]) - mj[j];
    if (colsum > *norm1) *norm1 = colsum;
  }
  return CL_OK;
}

/*
** Factorises I - M and proves that the model is productive, i.e. that the
** spectral radius of M is < 1, so that (I - M)^-1 = I + M + M^2 + ... >= 0.
** The proof costs one solve: y = (I - M)^-1 1. If every y_i > 0 then
** M y = y - 1 < y, and for a non-negative M the Collatz-Wielandt bound gives
** rho(M) <= max_i (M y)_i / y_i = max_i (1 - 1 / y_i) < 1 (Horn & Johnson,
** Matrix Analysis, thm 8.1.26). Conversely rho(M) < 1 gives y >= 1. A column
** sum of M >= 1 therefore fails here only when the table is truly
** unproductive, and the explanation then computes the spectral radius.
** by_rows: blame the largest row sum (B) rather than column sum (A).
** into: n x n storage for the factors (the caller's output), or NULL.
*/
static int factorise (const cl_matrix *m, char what, int by_rows,
                      const char *const *names, double *into, factors *f,
                      cl_error *err) {
  size_t i, n = m->rows;
  double anorm, rcond = 0, *y, *work;
  lapack_int info, *iwork;
  int st = check_square(m, what, err);
  if (st != CL_OK) return st;
  f->n = n;
  f->owns_lu = into == NULL;
  f->lu = into != NULL ? into : malloc((n ? n * n : 1) * sizeof(double));
  f->ipiv = malloc((n ? n : 1) * sizeof(int));
  y = malloc((n ? 5 * n : 1) * sizeof(double));  /* y, and dgecon's 4n */
  iwork = malloc((n ? n : 1) * sizeof(lapack_int));
  if (f->lu == NULL || f->ipiv == NULL || y == NULL || iwork == NULL) {
    release(f); free(y); free(iwork);
    return cl_fail(err, CL_ENOMEM, "out of memory factorising I - %c "
                   "(%zu sectors)", what, n);
  }
  work = y + n;
  if (n == 0) { free(y); free(iwork); return CL_OK; }
  st = one_minus(m, what, names, f->lu, &anorm, err);
  if (st != CL_OK) { release(f); free(y); free(iwork); return st; }
  /* the _work entry points: the others rescan every matrix for NaN */
  info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, (int)n, (int)n, f->lu, (int)n,
                             f->ipiv);
  if (info == 0)
    info = LAPACKE_dgecon_work(LAPACK_COL_MAJOR, '1', (int)n, f->lu, (int)n,
                               anorm, &rcond, work, iwork);
  free(iwork);
  if (info < 0) {
    release(f); free(y);
    return cl_fail(err, CL_ELAPACK, "LAPACK rejected argument %d factorising "
                   "I - %c", (int)-info, what);
  }
  if (info > 0 || !(rcond >= DBL_EPSILON)) {
    release(f); free(y);
    return unproductive(m, what, by_rows, names, info > 0 ? 0 : rcond, 1, err);
  }
  for (i = 0; i < n; i++) y[i] = 1.0;
  LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, 'N', (int)n, 1, f->lu, (int)n,
                      f->ipiv, y, (int)n);
  for (i = 0; i < n; i++)
    if (!(y[i] > 0)) {
      release(f); free(y);
      return unproductive(m, what, by_rows, names, rcond, 0, err);
    }
  free(y);
  return CL_OK;
}

/* x = (I - M)^-1 b (trans 'N') or (I - M)'^-1 b (trans 'T'), b n x k;
** x may be b itself */
static void solve (const factors *f, char trans, const cl_matrix *b,
                   cl_matrix *x) {
  if (x->data != b->data) cl_matrix_copy(b, x);
  if (f->n > 0 && b->cols > 0)
    LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, trans, (int)f->n, (int)b->cols,
                        f->lu, (int)f->n, f->ipiv, x->data, (int)f->n);
}

/*
** The mixed-precision route for a few right-hand sides (core/refine.h):
** sgetrf at twice dgetrf's rate, then refinement to a double-precision
** backward error. Below MIXED_FROM sectors the O(n^2) refinement steps eat
** what the single LU saves (measured: level at 40 sectors, 1.4 times faster
** at 64, 1.6 at 200, 1.8 at 500, with the double route's dgecon and proof
** solve saved too). Each right-hand side adds to every step what a solve
** with it costs, so a small table takes few of them: 1 + n / 64 columns
** with the ones, and at most MIXED_RHS, beyond which the steps' products
** and solves stop being one pass each over M and the factors (measured:
** solves of 7 columns 1.7 times slower at 64 sectors, level at 256).
*/
#define MIXED_FROM 64
#define MIXED_RHS 8

/*
** x = op(I - M)^-1 b by refinement, b's first column all ones; returns 1
** when x holds the answer, 0 when the double route must decide (it also
** gives every error). The ones column proves the model productive as
** factorise does, from the refined y = op(I - M)^-1 1 and its residual
** r = 1 - y + op(M) y, |r_i| <= sqrt(n) eps ||op(I - M)||_inf max y (the
** stopping rule): with y > 0 and ||op(I - M)||_inf max y <= 1 / FLT_EPSILON,
** |r_i| < 1 and op(M) y = y - 1 + r < y, so rho(M) = rho(M') < 1 (Collatz-
** Wielandt, as in factorise). Then op(L) >= 0, max y = ||op(L)||_inf, and
** 1 / (||op(I - M)||_inf max y) is the reciprocal condition number itself:
** at least FLT_EPSILON here, the 1-norm's at least FLT_EPSILON / n, far
** above the DBL_EPSILON below which factorise calls I - M singular. Below
** FLT_EPSILON the single LU may have no correct digit (Higham 2002, thm
** 12.4 asks kappa u_single < 1), and the double route decides.
*/
static int refined (const cl_matrix *m, char trans, const cl_matrix *b,
                    cl_matrix *x) {
  size_t i, n = m->rows;
  double anorm, ymax = 0.0;
  int steps;
  if (!cl_refine_solve(m, trans, b, x, &anorm, &steps)) return 0;
  for (i = 0; i < n; i++) {
    if (!(x->data[i] > 0)) return 0;
    if (x->data[i] > ymax) ymax = x->data[i];
  }
  return anorm * ymax <= 1.0 / FLT_EPSILON;
}

/* out = op(I - M)^-1 rhs (rhs n x k, or NULL for ones: out n x 1) by the
** mixed-precision route, solved beside the ones that prove the model
** productive; returns 0 (out untouched) when the double route must do it */
static int solve_mixed (const cl_matrix *m, char trans, const cl_matrix *rhs,
                        cl_matrix *out) {
  size_t i, n = m->rows, k = rhs != NULL ? cl_matrix_size(rhs) / n : 0;
  double *buf;
  cl_matrix b, x;
  int ok;
  if (n < MIXED_FROM || k + 1 > MIXED_RHS || k + 1 > 1 + n / 64) return 0;
  buf = malloc(2 * n * (k + 1) * sizeof(double));
  if (buf == NULL) return 0;
  b = (cl_matrix){n, k + 1, buf};
  x = (cl_matrix){n, k + 1, buf + n * (k + 1)};
  for (i = 0; i < n; i++) buf[i] = 1.0;
  if (k > 0) memcpy(buf + n, rhs->data, n * k * sizeof(double));
  ok = refined(m, trans, &b, &x);
  if (ok && rhs != NULL) memcpy(out->data, x.data + n, n * k * sizeof(double));
  else if (ok) memcpy(out->data, x.data, n * sizeof(double));
  free(buf);
  return ok;
}

/* The explicit inverse is wanted here, not a solve: economists read its
** elements (l_ij, the output of i per unit of final demand for j). It is
** formed in out's own storage: the LU there, then dgetri (inv(U), then
** inv(A) inv(L) = inv(U)), 2 n^3 flops against 8/3 n^3 for solving with
** the identity as the right-hand side. */
static int inverse_serial (const cl_matrix *m, char what, int by_rows,
                    const char *const *names, cl_matrix *out, cl_error *err) {
  factors f;
  size_t n = m->rows;
  lapack_int info, lwork;
  double query, *work;
  int st = check_square(m, what, err);
  if (st != CL_OK) return st;
  if (out->rows != n || out->cols != n)
    return cl_fail(err, CL_EDIM, "the inverse must be %zu x %zu", n, n);
  if (n == 0) return CL_OK;
  if ((st = factorise(m, what, by_rows, names, out->data, &f, err)) != CL_OK)
    return st;
  info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, (int)n, out->data, (int)n,
                             f.ipiv, &query, -1);
  lwork = info == 0 ? (lapack_int)query : 0;
  work = lwork > 0 ? malloc((size_t)lwork * sizeof(double)) : NULL;
  if (work == NULL) {
    release(&f);
    return cl_fail(err, CL_ENOMEM, "out of memory inverting I - %c (%zu "
                   "sectors)", what, n);
  }
  info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, (int)n, out->data, (int)n,
                             f.ipiv, work, lwork);
  free(work);
  release(&f);
  if (info != 0)  /* dgetrf and dgecon found no zero pivot: cannot happen */
    return cl_fail(err, CL_ELAPACK, "dgetri failed (info %d) inverting I - "
                   "%c", (int)info, what);
  return CL_OK;
}

static int inverse (const cl_matrix *m, char what, int by_rows,
                    const char *const *names, cl_matrix *out, cl_error *err) {
  int threads = serial_begin(m->rows);
  int st = inverse_serial(m, what, by_rows, names, out, err);
  serial_end(threads);
  return st;
}

/* ---------------------------------------------------------------- */
/* the API                                                           */
/* ---------------------------------------------------------------- */

static int coefficients (const cl_matrix *z, const cl_matrix *x,
                         const char *const *names, int by_rows, cl_matrix *a,
                         cl_error *err) {
  size_t i, j;
  int st = check_table(z, x, names, err);
  if (st != CL_OK) return st;
  if (a->rows != z->rows || a->cols != z->cols)
    return cl_fail(err, CL_EDIM, "the coefficients must be %zu x %zu", z->rows,
                   z->cols);
  for (j = 0; j < z->cols; j++) {
    const double *zj = &CL_AT(z, 0, j), *xs = x->data, xj = x->data[j];
    double *aj = &CL_AT(a, 0, j), bad = 0.0;
    for (i = 0; i < z->rows; i++)  /* non-zero for z_ij < 0, NaN or Inf */
      bad += zj[i] < 0 ? 1.0 : zj[i] * 0.0;
    if (by_rows)
      for (i = 0; i < z->rows; i++) aj[i] = zj[i] / xs[i];
    else
      for (i = 0; i < z->rows; i++) aj[i] = zj[i] / xj;
    if (bad != 0.0) return check_elements(z, 'Z', names, err);
  }
  return CL_OK;
}

int cl_leontief_coefficients (const cl_matrix *z, const cl_matrix *x,
                              const char *const *names, cl_matrix *a,
                              cl_error *err) {
  return coefficients(z, x, names, 0, a, err);
}

int cl_leontief_output_coefficients (const cl_matrix *z, const cl_matrix *x,
                                     const char *const *names, cl_matrix *b,
                                     cl_error *err) {
  return coefficients(z, x, names, 1, b, err);
}

int cl_leontief_inverse (const cl_matrix *a, const char *const *names,
                         cl_matrix *l, cl_error *err) {
  return inverse(a, 'A', 0, names, l, err);
}

/* many inverses: each thread takes the next table not yet taken */
struct cl_inverses {
  const cl_matrix *const *a;
  const char *const *const *names;
  cl_matrix *const *l;
  size_t count;
  cl_error *errs;       /* one per table */
  int *status;          /* one per table */
  atomic_size_t next;
  pthread_t workers[CL_INVERSES_MAX_THREADS];
  int started;          /* workers running */
  int serial;           /* large tables: one after another, in finish */
  int blas_threads;     /* OpenBLAS's count, restored in finish */
};

static void *invert_next (void *arg) {
  cl_inverses *job = arg;
  size_t k;
  while ((k = atomic_fetch_add(&job->next, 1)) < job->count)
    job->status[k] = inverse_serial(job->a[k], 'A', 0,
                                    job->names ? job->names[k] : NULL,
                                    job->l[k], &job->errs[k]);
  return NULL;
}

cl_inverses *cl_leontief_inverses_start (const cl_matrix *const *a,
                                         const char *const *const *names,
                                         cl_matrix *const *l, size_t count,
                                         int threads, cl_error *err) {
  cl_inverses *job = calloc(1, sizeof *job);
  size_t k, largest = 0;
  int t;
  if (job == NULL || (job->errs = malloc((count ? count : 1) *
                                         sizeof(cl_error))) == NULL ||
      (job->status = calloc(count ? count : 1, sizeof(int))) == NULL) {
    if (job != NULL) free(job->errs);
    free(job);
    cl_fail(err, CL_ENOMEM, "out of memory for %zu inverses", count);
    return NULL;
  }
  job->a = a; job->names = names; job->l = l; job->count = count;
  atomic_init(&job->next, 0);
  for (k = 0; k < count; k++)
    if (a[k]->rows > largest) largest = a[k]->rows;
  if (threads <= 0) threads = openblas_get_num_threads();
  if (threads > CL_INVERSES_MAX_THREADS) threads = CL_INVERSES_MAX_THREADS;
  if ((size_t)threads > count) threads = (int)count;
  job->serial = largest >= SERIAL_BELOW || largest < PARALLEL_FROM ||
                threads < 2;
  if (job->serial) return job;
  /* one BLAS thread inside each table: the tables are the parallel work */
  job->blas_threads = openblas_get_num_threads();
  if (job->blas_threads > 1) openblas_set_num_threads(1);
  for (t = 1; t < threads; t++)
    if (pthread_create(&job->workers[t], NULL, invert_next, job) == 0)
      job->started = t;
    else
      break;
  return job;
}

int cl_leontief_inverses_finish (cl_inverses *job, size_t *failed,
                                 cl_error *err) {
  size_t k;
  int t, st = CL_OK;
  if (job->serial) {  /* OpenBLAS's threads inside each table */
    for (k = 0; k < job->count && st == CL_OK; k++)
      job->status[k] = st = inverse(job->a[k], 'A', 0,
                                    job->names ? job->names[k] : NULL,
                                    job->l[k], &job->errs[k]);
  } else {
    invert_next(job);  /* this thread takes what the workers have not */
    for (t = 1; t <= job->started; t++) pthread_join(job->workers[t], NULL);
    if (job->blas_threads > 1) openblas_set_num_threads(job->blas_threads);
  }
  for (k = 0, st = CL_OK; k < job->count && st == CL_OK; k++)
    if (job->status[k] != CL_OK) {
      *failed = k;
      *err = job->errs[k];
      st = job->status[k];
    }
  free(job->errs); free(job->status); free(job);
  return st;
}

int cl_leontief_inverses (const cl_matrix *const *a,
                          const char *const *const *names, cl_matrix *const *l,
                          size_t count, int threads, size_t *failed,
                          cl_error *err) {
  cl_inverses *job = cl_leontief_inverses_start(a, names, l, count, threads,
                                                err);
  return job != NULL ? cl_leontief_inverses_finish(job, failed, err)
                     : CL_ENOMEM;
}

int cl_leontief_ghosh (const cl_matrix *z, const cl_matrix *x,
                       const char *const *names, cl_matrix *g, cl_error *err) {
  size_t n = z->rows;
  cl_matrix b;
  int st;
  if (g->rows != z->rows || g->cols != z->cols)
    return cl_fail(err, CL_EDIM, "the Ghosh inverse must be %zu x %zu", n,
                   z->cols);
  b.rows = b.cols = n;
  b.data = malloc((n ? n * n : 1) * sizeof(double));
  if (b.data == NULL)
    return cl_fail(err, CL_ENOMEM, "out of memory for B (%zu sectors)", n);
  st = coefficients(z, x, names, 1, &b, err);
  if (st == CL_OK) st = inverse(&b, 'B', 1, names, g, err);
  free(b.data);
  return st;
}

int cl_leontief_multipliers (const cl_matrix *a, const cl_matrix *w,
                             const char *const *names, cl_matrix *m,
                             cl_error *err) {
  factors f;
  size_t i, n = a->rows;
  int st, threads;
  if (m->rows != n || m->cols != 1)
    return cl_fail(err, CL_EDIM, "the multipliers must be %zu x 1", n);
  if (w != NULL) {
    if (cl_matrix_size(w) != n || (w->rows != 1 && w->cols != 1))
      return cl_fail(err, CL_EDIM, "the weights must be a vector of %zu "
                     "elements, got %zu x %zu", n, w->rows, w->cols);
    if ((i = cl_matrix_first_nonfinite(w)) < n) {
      char s[300];
      sector(s, sizeof s, names, i);
      return cl_fail(err, CL_EDOMAIN, "%s: weight is %s, not a finite number",
                     s, nonfinite(w->data[i]));
    }
  }
  if ((st = check_square(a, 'A', err)) != CL_OK) return st;
  threads = serial_begin(n);
  if (solve_mixed(a, 'T', w, m)) st = CL_OK;
  else if ((st = factorise(a, 'A', 0, names, NULL, &f, err)) == CL_OK) {
    if (w != NULL) cl_matrix_copy(w, m);
    else cl_matrix_fill(m, 1.0);
    solve(&f, 'T', m, m);  /* (I - A)' m = w, so m' = w' L */
    release(&f);
  }
  serial_end(threads);
  return st;
}

int cl_leontief_solve (const cl_matrix *a, const cl_matrix *f,
                       const char *const *names, cl_matrix *x, cl_error *err) {
  factors lu;
  size_t k;
  int st, threads;
  if (f->rows != a->rows)
    return cl_fail(err, CL_EDIM, "f has %zu rows, A has %zu sectors", f->rows,
                   a->rows);
  if (x->rows != f->rows || x->cols != f->cols)
    return cl_fail(err, CL_EDIM, "x must be %zu x %zu", f->rows, f->cols);
  if ((k = cl_matrix_first_nonfinite(f)) < cl_matrix_size(f)) {
    char s[300];
    sector(s, sizeof s, names, k % f->rows);
    return cl_fail(err, CL_EDOMAIN, "final demand f[%zu,%zu] of %s is %s, not "
                   "a finite number", k % f->rows + 1, k / f->rows + 1, s,
                   nonfinite(f->data[k]));
  }
  if ((st = check_square(a, 'A', err)) != CL_OK) return st;
  threads = serial_begin(a->rows);
  if (solve_mixed(a, 'N', f, x)) st = CL_OK;
  else if ((st = factorise(a, 'A', 0, names, NULL, &lu, err)) == CL_OK) {
    solve(&lu, 'N', f, x);
    release(&lu);
  }
  serial_end(threads);
  return st;
}
