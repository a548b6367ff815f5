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

/* u[0..n-1] = the n values x[0], x[stride], ... centred and scaled to unit
** length; returns 0 (and zeros in u) when they are all equal */
static int standardise_line (const double *x, size_t stride, size_t n,
                             double *u) {
  size_t i;
  double lo = x[0], hi = x[0], mean = 0, corr = 0, ss = 0;
  for (i = 1; i < n; i++) {
    double v = x[i * stride];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo == hi) {  /* all equal: exact test, no tolerance to choose */
    for (i = 0; i < n; i++) u[i] = 0.0;
    return 0;
  }
  for (i = 0; i < n; i++) mean += x[i * stride];
  mean /= (double)n;
  for (i = 0; i < n; i++) corr += x[i * stride] - mean;  /* second pass, as R */
  mean += corr / (double)n;
  for (i = 0; i < n; i++) {
    u[i] = x[i * stride] - mean;
    ss += u[i] * u[i];
  }
  ss = sqrt(ss);
  for (i = 0; i < n; i++) u[i] /= ss;
  return 1;
}

/* Fills u (x's shape) with the standardised columns of x; a constant column
** becomes zeros and is listed in constant[]. Returns the number listed. */
static size_t standardise (const cl_matrix *x, cl_matrix *u, size_t *constant) {
  size_t j, nconst = 0;
  for (j = 0; j < x->cols; j++)
    if (!standardise_line(&CL_AT(x, 0, j), 1, x->rows, &CL_AT(u, 0, j))) {
      if (constant != NULL) constant[nconst] = j;
      nconst++;
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

/* columns of the block product t (rows 0..m-1 of the block's columns
** b0..b0+nb-1) raise the upper triangle of l: entry (min, max) of each pair */
static void raise_upper (cl_matrix *l, const double *t, size_t rows,
                         size_t b0, size_t nb) {
  size_t a, b;
  for (b = 0; b < nb; b++)
    for (a = 0; a < rows; a++) {
      size_t i = a < b0 + b ? a : b0 + b, j = a < b0 + b ? b0 + b : a;
      double r = t[a + b * rows];
      if (r > CL_AT(l, i, j)) CL_AT(l, i, j) = r;
    }
}

#define MAX_FOUR_BLOCK 256

int cl_correlation_max_four (const cl_matrix *z, const size_t *idx, size_t m,
                             cl_matrix *l, cl_error *err) {
  size_t n = z->rows, a, b, b0;
  double *u, *v, *t;
  int st = check_input(z, "z", err);
  if (st != CL_OK) return st;
  if (z->cols != n)
    return cl_fail(err, CL_EDIM, "z must be square, got %zux%zu", n, z->cols);
  if (l->rows != m || l->cols != m)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", m, m);
  for (a = 0; a < m; a++)
    if (idx[a] >= n)
      return cl_fail(err, CL_EDIM, "sector index %zu is beyond %zu", idx[a] + 1, n);
  if (m == 0) return CL_OK;
  u = (double *)malloc((2 * n * m + m * MAX_FOUR_BLOCK) * sizeof(double));
  if (u == NULL)
    return cl_fail(err, CL_ENOMEM, "no memory for a %zux%zu linkage matrix", m, m);
  v = u + n * m;
  t = v + n * m;
  for (a = 0; a < m; a++) {
    int bought = standardise_line(&CL_AT(z, 0, idx[a]), 1, n, u + a * n);
    int sold = standardise_line(&CL_AT(z, idx[a], 0), n, n, v + a * n);
    if (!bought || !sold) {
      free(u);
      return cl_fail(err, CL_EDOMAIN, "sector %zu's %s are all equal: no "
                     "correlation", idx[a] + 1, bought ? "sales" : "purchases");
    }
  }
  /* r(column a, column b) for every pair: the upper triangle of l */
  cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, (int)m, (int)n, 1.0, u,
              (int)n, 0.0, l->data, (int)m);
  for (b0 = 0; b0 < m; b0 += MAX_FOUR_BLOCK) {
    size_t nb = m - b0 < MAX_FOUR_BLOCK ? m - b0 : MAX_FOUR_BLOCK;
    /* r(row a, row b) for a up to the block's end */
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)(b0 + nb),
                (int)nb, (int)n, 1.0, v, (int)n, v + b0 * n, (int)n, 0.0, t,
                (int)(b0 + nb));
    raise_upper(l, t, b0 + nb, b0, nb);
    /* r(column a, row b) for every a: raises (a, b) and (b, a) alike */
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)m, (int)nb,
                (int)n, 1.0, u, (int)n, v + b0 * n, (int)n, 0.0, t, (int)m);
    raise_upper(l, t, m, b0, nb);
  }
  for (b = 0; b < m; b++) {
    for (a = 0; a < b; a++)
      CL_AT(l, b, a) = CL_AT(l, a, b) = clamp(CL_AT(l, a, b));
    CL_AT(l, b, b) = 1.0;
  }
  free(u);
  return CL_OK;
}
