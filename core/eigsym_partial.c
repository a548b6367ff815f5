/*
** eigsym_partial.c -- the symmetric eigenproblem in steps (see the header):
** dsytrd, then dsterf for the values and dstemr + dormtr for the vectors of
** the largest ones, through the LAPACKE _work entry points (no NaN rescans;
** workspace from size queries, so a failed allocation is CL_ENOMEM).
*/
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lapacke.h>

#include "eigsym_partial.h"

static int no_memory (cl_error *err) {
  return cl_fail(err, CL_ENOMEM, "not enough memory for the eigenproblem");
}

static int lapack_fail (cl_error *err, const char *routine, lapack_int info) {
  if (info < 0)
    return cl_fail(err, CL_ELAPACK, "%s: illegal value of argument %d",
                   routine, (int)-info);
  return cl_fail(err, CL_ENOCONV, "symmetric eigenproblem did not converge "
                 "(%s info %d)", routine, (int)info);
}

/* copies (S + S')/2 into a; fails on a non-finite entry or asymmetry */
static int symmetric_copy (const cl_matrix *s, double tol, double *a,
                           cl_error *err) {
  size_t i, j, n = s->rows, wi = 0, wj = 0;
  double big = 0.0, worst = 0.0;
  for (j = 0; j < n; j++)
    for (i = 0; i < n; i++) {
      double v = CL_AT(s, i, j);
      if (!isfinite(v))
        return cl_fail(err, CL_EDOMAIN, "S[%zu,%zu] is %g, not a finite number",
                       i + 1, j + 1, v);
      if (fabs(v) > big) big = fabs(v);
    }
  for (j = 0; j < n; j++) {
    a[j + j * n] = CL_AT(s, j, j);
    for (i = j + 1; i < n; i++) {
      double lo = CL_AT(s, i, j), up = CL_AT(s, j, i);
      if (fabs(lo - up) > worst) { worst = fabs(lo - up); wi = i; wj = j; }
      a[i + j * n] = 0.5 * (lo + up);
    }
  }
  if (worst > tol * (big > 1.0 ? big : 1.0))
    return cl_fail(err, CL_EDOMAIN, "matrix is not symmetric: [%zu,%zu] = "
                   "%.10g but [%zu,%zu] = %.10g (difference %.2g)", wi + 1,
                   wj + 1, CL_AT(s, wi, wj), wj + 1, wi + 1, CL_AT(s, wj, wi),
                   CL_AT(s, wi, wj) - CL_AT(s, wj, wi));
  return CL_OK;
}

int cl_tridiagonal_reduce (const cl_matrix *s, double tol, cl_tridiagonal *t,
                           cl_error *err) {
  size_t n = s->rows;
  lapack_int nn = (lapack_int)n, info, lwork;
  double query, *work;
  int st;
  memset(t, 0, sizeof *t);
  if (s->rows != s->cols)
    return cl_fail(err, CL_EDIM, "square matrix expected, got %zu x %zu",
                   s->rows, s->cols);
  if (n > INT_MAX / 2 || (n > 0 && n > (size_t)-1 / sizeof(double) / n))
    return cl_fail(err, CL_EDIM, "matrix too large for LAPACK (%zu x %zu)",
                   n, n);
  t->n = n;
  if (n == 0) return CL_OK;
  t->a = (double *)malloc(n * n * sizeof(double));
  t->d = (double *)malloc(n * sizeof(double));
  t->e = (double *)malloc(n * sizeof(double));
  t->tau = (double *)malloc(n * sizeof(double));
  if (t->a == NULL || t->d == NULL || t->e == NULL || t->tau == NULL)
    return no_memory(err);
  st = symmetric_copy(s, tol, t->a, err);
  if (st != CL_OK) return st;
  info = LAPACKE_dsytrd_work(LAPACK_COL_MAJOR, 'L', nn, t->a, nn, t->d, t->e,
                             t->tau, &query, -1);
  if (info != 0) return lapack_fail(err, "dsytrd", info);
  lwork = (lapack_int)query;
  work = (double *)malloc((size_t)(lwork > 0 ? lwork : 1) * sizeof(double));
  if (work == NULL) return no_memory(err);
  info = LAPACKE_dsytrd_work(LAPACK_COL_MAJOR, 'L', nn, t->a, nn, t->d, t->e,
                             t->tau, work, lwork);
  free(work);
  return info != 0 ? lapack_fail(err, "dsytrd", info) : CL_OK;
}

int cl_tridiagonal_values (const cl_tridiagonal *t, double *values,
                           cl_error *err) {
  size_t j, n = t->n;
  double *w, *e;
  lapack_int info;
  if (n == 0) return CL_OK;
  w = (double *)malloc(2 * n * sizeof(double));
  if (w == NULL) return no_memory(err);
  e = w + n;
  memcpy(w, t->d, n * sizeof(double));
  memcpy(e, t->e, n * sizeof(double));
  info = LAPACKE_dsterf_work((lapack_int)n, w, e);
  if (info == 0)  /* ascending from LAPACK; the largest first here */
    for (j = 0; j < n; j++) values[j] = w[n - 1 - j];
  free(w);
  return info != 0 ? lapack_fail(err, "dsterf", info) : CL_OK;
}

int cl_tridiagonal_vectors (const cl_tridiagonal *t, size_t k,
                            cl_matrix *vectors, cl_error *err) {
  size_t j, n = t->n;
  lapack_int nn = (lapack_int)n, found = 0, info, lwork, liwork, iquery;
  lapack_int *isuppz = NULL, *iwork = NULL, tryrac = 0;
  double *d = NULL, *w = NULL, *z = NULL, *work = NULL, query;
  int st = CL_OK;
  if (vectors->rows != n || vectors->cols != k || k > n)
    return cl_fail(err, CL_EDIM, "the eigenvectors must be %zu x %zu, got "
                   "%zu x %zu", n, k, vectors->rows, vectors->cols);
  if (k == 0) return CL_OK;
  d = (double *)malloc(3 * n * sizeof(double));  /* d, e, w */
  z = vectors->data;
  isuppz = (lapack_int *)malloc(2 * k * sizeof(lapack_int));
  if (d == NULL || isuppz == NULL) { st = no_memory(err); goto done; }
  w = d + 2 * n;
  memcpy(d, t->d, n * sizeof(double));
  memcpy(d + n, t->e, n * sizeof(double));
  info = LAPACKE_dstemr_work(LAPACK_COL_MAJOR, 'V', 'I', nn, d, d + n, 0.0, 0.0,
                             nn - (lapack_int)k + 1, nn, &found, w, z, nn,
                             (lapack_int)k, isuppz, &tryrac, &query, -1,
                             &iquery, -1);
  if (info != 0) { st = lapack_fail(err, "dstemr", info); goto done; }
  lwork = (lapack_int)query;
  liwork = iquery;
  work = (double *)malloc((size_t)lwork * sizeof(double));
  iwork = (lapack_int *)malloc((size_t)liwork * sizeof(lapack_int));
  if (work == NULL || iwork == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dstemr_work(LAPACK_COL_MAJOR, 'V', 'I', nn, d, d + n, 0.0, 0.0,
                             nn - (lapack_int)k + 1, nn, &found, w, z, nn,
                             (lapack_int)k, isuppz, &tryrac, work, lwork,
                             iwork, liwork);
  if (info != 0) { st = lapack_fail(err, "dstemr", info); goto done; }
  if ((size_t)found != k) {
    st = cl_fail(err, CL_ENOCONV, "dstemr found %d of %zu eigenvectors",
                 (int)found, k);
    goto done;
  }
  free(work);
  info = LAPACKE_dormtr_work(LAPACK_COL_MAJOR, 'L', 'L', 'N', nn,
                             (lapack_int)k, t->a, nn, t->tau, z, nn, &query, -1);
  if (info != 0) { work = NULL; st = lapack_fail(err, "dormtr", info); goto done; }
  lwork = (lapack_int)query;
  work = (double *)malloc((size_t)(lwork > 0 ? lwork : 1) * sizeof(double));
  if (work == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dormtr_work(LAPACK_COL_MAJOR, 'L', 'L', 'N', nn,
                             (lapack_int)k, t->a, nn, t->tau, z, nn, work, lwork);
  if (info != 0) { st = lapack_fail(err, "dormtr", info); goto done; }
  for (j = 0; j < k / 2; j++) {  /* ascending from LAPACK; largest first */
    double *x = z + j * n, *y = z + (k - 1 - j) * n, v;
    size_t i;
    for (i = 0; i < n; i++) { v = x[i]; x[i] = y[i]; y[i] = v; }
  }
done:
  free(d);
  free(isuppz);
  free(work);
  free(iwork);
  return st;
}

void cl_tridiagonal_free (cl_tridiagonal *t) {
  free(t->a);
  free(t->d);
  free(t->e);
  free(t->tau);
  memset(t, 0, sizeof *t);
}
