/*
** distance.c -- distances between rows as R's stats::dist (R's src/library/
** stats/src/distance.c defines the arithmetic reproduced here, column by
** column in the same order, so results agree with R to the last bit).
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "distance.h"
#include "hugepages.h"

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

/* x (n x cols, column-major) checked, with its rows copied contiguously into
** a new n x cols row-major array *rows (the pairs then read memory in order) */
static int prepare (const cl_matrix *x, cl_distance_method method, double p,
                    double **rows, cl_error *err) {
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
  if (n > 0 && (*rows = malloc(n * x->cols * sizeof(double))) == NULL)
    return cl_fail(err, CL_ENOMEM, "no memory to copy the %zu x %zu x", n,
                   x->cols);
  for (k = 0; k < x->cols; k++)
    for (i = 0; i < n; i++) (*rows)[i * x->cols + k] = CL_AT(x, i, k);
  return CL_OK;
}

/* out[j - i - 1] = d(row i, row j) for j = i + 1 .. n - 1 */
static int distances_from (const double *rows, size_t n, size_t cols,
                           size_t i, cl_distance_method method, double p,
                           double *out, cl_error *err) {
  static const pair_fn fns[] = {NULL, manhattan, maximum, canberra, binary,
                                minkowski};
  const double *a = &rows[i * cols];
  size_t j, k;
  if (method == CL_DIST_EUCLIDEAN) {  /* the common case, inline */
    for (j = i + 1; j + 4 <= n; j += 4) {  /* four pairs at once, each */
      const double *b = &rows[j * cols];   /* summed in R's order */
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (k = 0; k < cols; k++) {
        double d0 = a[k] - b[k], d1 = a[k] - b[cols + k];
        double d2 = a[k] - b[2 * cols + k], d3 = a[k] - b[3 * cols + k];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      out[j - i - 1] = sqrt(s0);
      out[j - i] = sqrt(s1);
      out[j - i + 1] = sqrt(s2);
      out[j - i + 2] = sqrt(s3);
    }
    for (; j < n; j++) {
      const double *b = &rows[j * cols];
      double s = 0;
      for (k = 0; k < cols; k++) {
        double dev = a[k] - b[k];
        s += dev * dev;
      }
      out[j - i - 1] = sqrt(s);
    }
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

int cl_distance_packed (const cl_matrix *x, cl_distance_method method,
                        double p, double *dist, cl_error *err) {
  size_t i, n = x->rows;
  double *rows;
  int rc = prepare(x, method, p, &rows, err);
  if (n > 1) cl_hugepages(dist, n * (n - 1) / 2 * sizeof(double));
  for (i = 0; rc == CL_OK && i + 1 < n; i++) {
    if ((rc = cl_check_interrupt(err)) != CL_OK) break;  /* Ctrl-C */
    double *row = &dist[i * n - i * (i + 1) / 2];
    size_t j;
    rc = distances_from(rows, n, x->cols, i, method, p, row, err);
    for (j = 0; rc == CL_OK && j + i + 1 < n; j++)
      if (isinf(row[j]))  /* a finite dist is what cl_hclust_packed needs */
        rc = cl_fail(err, CL_EDOMAIN, "the distance between rows %zu and %zu "
                     "overflowed (x is too large)", i + 1, i + j + 2);
  }
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
  rc = prepare(x, method, p, &rows, err);
  for (i = 0; rc == CL_OK && i < n; i++) {  /* column i below the diagonal */
    if ((rc = cl_check_interrupt(err)) != CL_OK) break;  /* Ctrl-C */
    CL_AT(d, i, i) = 0.0;
    rc = distances_from(rows, n, x->cols, i, method, p, &CL_AT(d, i + 1, i),
                        err);
  }
  free(rows);
  if (rc == CL_OK) mirror(d);
  return rc;
}
