/*
** rotation.c -- varimax and promax rotations of factor loadings, following
** R's stats::varimax and stats::promax step by step (Kaiser 1958; Hendrickson
** & White 1964); the small k x k problems go to LAPACK (SVD, QR, Cholesky).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "rotation.h"

#define VARIMAX_MAXIT 1000  /* R's limit */

static int check_shapes (const cl_matrix *a, const cl_matrix *loadings,
                         const cl_matrix *rotmat, cl_error *err) {
  size_t k = cl_matrix_first_nonfinite(a);
  if (loadings->rows != a->rows || loadings->cols != a->cols)
    return cl_fail(err, CL_EDIM, "rotated loadings must be %zux%zu", a->rows,
                   a->cols);
  if (rotmat->rows != a->cols || rotmat->cols != a->cols)
    return cl_fail(err, CL_EDIM, "rotation matrix must be %zux%zu", a->cols,
                   a->cols);
  if (a->rows > 0x7fffffff || a->cols > 0x7fffffff)
    return cl_fail(err, CL_EDIM, "loadings too large for BLAS");
  if (k < cl_matrix_size(a))
    return cl_fail(err, CL_EDOMAIN, "loading [%zu, %zu] is %g, not a finite "
                   "number", k % a->rows + 1, k / a->rows + 1, a->data[k]);
  return CL_OK;
}

/* B = U diag(s) V' for the k x k b (destroyed) by divide and conquer
** (dgesdd, as R's La.svd): several times faster than dgesvd at the k of a
** large table's factors. work has lwork doubles (from a query), iwork 8k. */
static lapack_int svd_kxk (int k, double *b, double *s, double *u, double *vt,
                           double *work, lapack_int lwork, lapack_int *iwork) {
  return LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'A', k, k, b, k, s, u, k, vt, k,
                             work, lwork, iwork);
}

/* least squares x q = u for the p x k x (destroyed) and p x k u (the k x k
** solution on top), by QR (dgels) with its workspace; -1 without memory */
static lapack_int dgels_kxk (int p, int k, double *x, double *u) {
  double query, *work;
  lapack_int info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', p, k, k, x, p, u,
                                       p, &query, -1);
  if (info != 0) return info;
  work = (double *)malloc(((size_t)query + 1) * sizeof(double));
  if (work == NULL) return -1;
  info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', p, k, k, x, p, u, p, work,
                            (lapack_int)query);
  free(work);
  return info;
}

/* c = a b for column-major a (m x n) and b (n x q) */
static void gemm (int transa, const double *a, const double *b, double *c,
                  int m, int n, int q) {
  cblas_dgemm(CblasColMajor, transa ? CblasTrans : CblasNoTrans, CblasNoTrans,
              m, q, n, 1.0, a, transa ? n : m, b, n, 0.0, c, m);
}

int cl_rotation_varimax (const cl_matrix *a, int normalize, double eps,
                         cl_matrix *loadings, cl_matrix *rotmat,
                         int *iterations, cl_error *err) {
  int p = (int)a->rows, k = (int)a->cols, it = 0, i, j;
  double *x, *z, *w, *b, *u, *vt, *s, *sc, *work = NULL, query, d = 0.0, dpast;
  lapack_int lwork, *iwork = NULL;
  int st = check_shapes(a, loadings, rotmat, err);
  if (st != CL_OK) return st;
  cl_matrix_identity(rotmat);
  if (k < 2 || p == 0) {
    cl_matrix_copy(a, loadings);
    if (iterations != NULL) *iterations = 0;
    return CL_OK;
  }
  x = (double *)malloc(((size_t)3 * p * k + (size_t)3 * k * k + (size_t)k
                        + (size_t)p) * sizeof(double));
  iwork = (lapack_int *)malloc((size_t)8 * k * sizeof(lapack_int));
  if (x != NULL && iwork != NULL &&
      LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'A', k, k, x, k, x, x, k, x, k,
                          &query, -1, iwork) == 0) {
    lwork = (lapack_int)query;
    work = (double *)malloc((size_t)lwork * sizeof(double));
  }
  if (work == NULL) {
    free(x);
    free(iwork);
    return cl_fail(err, CL_ENOMEM, "no memory to rotate %dx%d loadings", p, k);
  }
  z = x + (size_t)p * k;
  w = z + (size_t)p * k;
  b = w + (size_t)p * k;
  u = b + (size_t)k * k;
  vt = u + (size_t)k * k;
  s = vt + (size_t)k * k;
  sc = s + k;
  memcpy(x, a->data, (size_t)p * k * sizeof(double));
  for (i = 0; i < p; i++) {  /* Kaiser: every row to unit length */
    double ss = 0.0;
    for (j = 0; j < k; j++) ss += x[i + (size_t)j * p] * x[i + (size_t)j * p];
    sc[i] = (normalize && ss > 0.0) ? sqrt(ss) : 1.0;
    for (j = 0; j < k; j++) x[i + (size_t)j * p] /= sc[i];
  }
  while (it < VARIMAX_MAXIT) {
    it++;
    gemm(0, x, rotmat->data, z, p, k, k);
    for (j = 0; j < k; j++) {
      double *zj = z + (size_t)j * p, *wj = w + (size_t)j * p, c = 0.0;
      for (i = 0; i < p; i++) c += zj[i] * zj[i];
      for (i = 0; i < p; i++)
        wj[i] = zj[i] * zj[i] * zj[i] - zj[i] * c / p;
    }
    gemm(1, x, w, b, k, p, k);
    if (svd_kxk(k, b, s, u, vt, work, lwork, iwork) != 0) {
      free(x);
      free(work);
      free(iwork);
      return cl_fail(err, CL_ENOCONV, "varimax: the SVD did not converge at "
                     "iteration %d", it);
    }
    gemm(0, u, vt, rotmat->data, k, k, k);
    dpast = d;
    d = 0.0;
    for (j = 0; j < k; j++) d += s[j];
    if (d < dpast * (1.0 + eps)) break;
  }
  gemm(0, x, rotmat->data, loadings->data, p, k, k);
  for (j = 0; j < k; j++)
    for (i = 0; i < p; i++) CL_AT(loadings, i, j) *= sc[i];
  free(x);
  free(work);
  free(iwork);
  if (iterations != NULL) *iterations = it;
  return CL_OK;
}

int cl_rotation_promax (const cl_matrix *a, double m, cl_matrix *loadings,
                        cl_matrix *rotmat, cl_error *err) {
  int p = (int)a->rows, k = (int)a->cols, i, j, info;
  double *x, *q, *u, *utu;
  cl_matrix vx;
  int st = check_shapes(a, loadings, rotmat, err);
  if (st != CL_OK) return st;
  if (!(m >= 1.0) || !isfinite(m))
    return cl_fail(err, CL_EDOMAIN, "promax power m must be >= 1, got %g", m);
  if (k < 2) {
    cl_matrix_copy(a, loadings);
    cl_matrix_identity(rotmat);
    return CL_OK;
  }
  if (p < k)
    return cl_fail(err, CL_EDIM, "promax needs at least as many variables (%d) "
                   "as factors (%d)", p, k);
  x = (double *)malloc(((size_t)3 * p * k + (size_t)2 * k * k) * sizeof(double));
  if (x == NULL)
    return cl_fail(err, CL_ENOMEM, "no memory to rotate %dx%d loadings", p, k);
  q = x + (size_t)p * k;
  u = q + (size_t)p * k;       /* p x k: dgels leaves the k x k solution on top */
  utu = u + (size_t)p * k;
  vx.rows = (size_t)p;
  vx.cols = (size_t)k;
  vx.data = x;
  st = cl_rotation_varimax(a, 1, 1e-5, &vx, rotmat, NULL, err);
  if (st != CL_OK) goto done;
  for (i = 0; i < p * k; i++) q[i] = x[i] * pow(fabs(x[i]), m - 1.0);
  /* U = lm.fit(x, Q)$coefficients: least squares by QR, as lm.fit */
  memcpy(u, q, (size_t)p * k * sizeof(double));
  memcpy(q, x, (size_t)p * k * sizeof(double));  /* dgels overwrites A */
  info = dgels_kxk(p, k, q, u);
  if (info != 0) {
    st = cl_fail(err, CL_ESINGULAR, "promax: the varimax loadings are not of "
                 "full column rank");
    goto done;
  }
  for (j = 0; j < k; j++)  /* the solution, k x k, packed with leading dim k */
    memmove(u + (size_t)j * k, u + (size_t)j * p, (size_t)k * sizeof(double));
  gemm(1, u, u, utu, k, k, k);
  info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'U', k, utu, k);
  if (info == 0) info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, 'U', k, utu, k);
  if (info != 0) {
    st = cl_fail(err, CL_ESINGULAR, "promax: U'U is singular");
    goto done;
  }
  for (j = 0; j < k; j++) {
    double dj = sqrt(utu[j + (size_t)j * k]);
    for (i = 0; i < k; i++) u[i + (size_t)j * k] *= dj;
  }
  gemm(0, x, u, loadings->data, p, k, k);
  memcpy(q, rotmat->data, (size_t)k * k * sizeof(double));
  gemm(0, q, u, rotmat->data, k, k, k);
done:
  free(x);
  return st;
}
