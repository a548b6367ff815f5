/*
** correlation.c -- all Pearson correlations between columns in one BLAS call:
** each column is centred and scaled to unit length (u_j), so that
** r_jk = u_j' u_k and the whole matrix is U'U (dsyrk) or U'V (dgemm).
*/
#include <math.h>
#include <stdlib.h>

#include <cblas.h>

#include "correlation.h"

static int check_input (const cl_matrix *x, const char *name, cl_error *err) {
  size_t k = cl_matrix_first_nonfinite(x);
  if (x->rows < 2)
    return cl_fail(err, CL_EDOMAIN, "correlation needs at least 2 rows, %s "
                   "has %zu", name, x->rows);
  if (x->rows > 0x7fffffff || x->cols > 0x7fffffff)
    return cl_fail(err, CL_EDIM, "%s is too large for BLAS", name);
  if (k < cl_matrix_size(x))
    return cl_fail(err, CL_EDOMAIN, "%s[%zu, %zu] is %g, not a finite number",
                   name, k % x->rows + 1, k / x->rows + 1, x->data[k]);
  return CL_OK;
}

/* Fills u (x's shape) with the standardised columns of x; a constant column
** becomes zeros and is listed in constant[]. Returns the number listed. */
static size_t standardise (const cl_matrix *x, cl_matrix *u, size_t *constant) {
  size_t i, j, nconst = 0, n = x->rows;
  for (j = 0; j < x->cols; j++) {
    const double *xj = &CL_AT(x, 0, j);
    double *uj = &CL_AT(u, 0, j);
    double lo = xj[0], hi = xj[0], mean = 0, corr = 0, ss = 0;
    for (i = 1; i < n; i++) {
      if (xj[i] < lo) lo = xj[i];
      if (xj[i] > hi) hi = xj[i];
    }
    if (lo == hi) {  /* all equal: exact test, no tolerance to choose */
      for (i = 0; i < n; i++) uj[i] = 0.0;
      if (constant != NULL) constant[nconst] = j;
      nconst++;
      continue;
    }
    for (i = 0; i < n; i++) mean += xj[i];
    mean /= (double)n;
    for (i = 0; i < n; i++) corr += xj[i] - mean;  /* second pass, as R */
    mean += corr / (double)n;
    for (i = 0; i < n; i++) {
      uj[i] = xj[i] - mean;
      ss += uj[i] * uj[i];
    }
    ss = sqrt(ss);
    for (i = 0; i < n; i++) uj[i] /= ss;
  }
  return nconst;
}

static double clamp (double r) {
  return r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);
}

/* the rows (rows != 0) or the columns idx[0..n-1] of r become NAN */
static void blank (cl_matrix *r, const size_t *idx, size_t n, int rows) {
  size_t k, t;
  for (k = 0; k < n; k++)
    for (t = 0; t < (rows ? r->cols : r->rows); t++) {
      if (rows) CL_AT(r, idx[k], t) = NAN;
      else CL_AT(r, t, idx[k]) = NAN;
    }
}

int cl_correlation_matrix (const cl_matrix *x, cl_matrix *r, size_t *constant,
                           size_t *nconstant, cl_error *err) {
  cl_matrix u;
  size_t i, j, nconst, *idx = constant;
  int st = check_input(x, "x", err);
  if (st != CL_OK) return st;
  if (r->rows != x->cols || r->cols != x->cols)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", x->cols, x->cols);
  u.rows = x->rows;
  u.cols = x->cols;
  u.data = (double *)malloc(cl_matrix_size(x) * sizeof(double) + 1);
  if (idx == NULL) idx = (size_t *)malloc(x->cols * sizeof(size_t) + 1);
  if (u.data == NULL || idx == NULL) {
    free(u.data);
    if (idx != constant) free(idx);
    return cl_fail(err, CL_ENOMEM, "no memory for a %zux%zu correlation",
                   x->cols, x->cols);
  }
  nconst = standardise(x, &u, idx);
  if (x->cols > 0)
    cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, (int)x->cols,
                (int)x->rows, 1.0, u.data, (int)x->rows, 0.0, r->data,
                (int)r->rows);
  for (j = 0; j < r->cols; j++) {  /* dsyrk filled the upper triangle */
    for (i = 0; i < j; i++)
      CL_AT(r, j, i) = CL_AT(r, i, j) = clamp(CL_AT(r, i, j));
    CL_AT(r, j, j) = 1.0;
  }
  blank(r, idx, nconst, 1);
  blank(r, idx, nconst, 0);
  free(u.data);
  if (idx != constant) free(idx);
  if (nconstant != NULL) *nconstant = nconst;
  return CL_OK;
}

int cl_correlation_cross (const cl_matrix *x, const cl_matrix *y, cl_matrix *r,
                          size_t *xconstant, size_t *nxconstant,
                          size_t *yconstant, size_t *nyconstant,
                          cl_error *err) {
  cl_matrix u, v;
  size_t k, nx, ny, *xi = xconstant, *yi = yconstant;
  int st = check_input(x, "x", err);
  if (st == CL_OK) st = check_input(y, "y", err);
  if (st != CL_OK) return st;
  if (x->rows != y->rows)
    return cl_fail(err, CL_EDIM, "dimension mismatch: x has %zu rows, y %zu",
                   x->rows, y->rows);
  if (r->rows != x->cols || r->cols != y->cols)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", x->cols, y->cols);
  u.rows = v.rows = x->rows;
  u.cols = x->cols;
  v.cols = y->cols;
  u.data = (double *)malloc(cl_matrix_size(&u) * sizeof(double) + 1);
  v.data = (double *)malloc(cl_matrix_size(&v) * sizeof(double) + 1);
  if (xi == NULL) xi = (size_t *)malloc(x->cols * sizeof(size_t) + 1);
  if (yi == NULL) yi = (size_t *)malloc(y->cols * sizeof(size_t) + 1);
  if (u.data == NULL || v.data == NULL || xi == NULL || yi == NULL) {
    st = cl_fail(err, CL_ENOMEM, "no memory for a %zux%zu correlation",
                 x->cols, y->cols);
    goto done;
  }
  nx = standardise(x, &u, xi);
  ny = standardise(y, &v, yi);
  if (x->cols > 0 && y->cols > 0)
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)x->cols,
                (int)y->cols, (int)x->rows, 1.0, u.data, (int)u.rows, v.data,
                (int)v.rows, 0.0, r->data, (int)r->rows);
  for (k = 0; k < cl_matrix_size(r); k++) r->data[k] = clamp(r->data[k]);
  blank(r, xi, nx, 1);
  blank(r, yi, ny, 0);
  if (nxconstant != NULL) *nxconstant = nx;
  if (nyconstant != NULL) *nyconstant = ny;
done:
  free(u.data);
  free(v.data);
  if (xi != xconstant) free(xi);
  if (yi != yconstant) free(yi);
  return st;
}
