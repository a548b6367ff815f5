/*
** distance.c -- distances between rows as R's stats::dist (R's src/library/
** stats/src/distance.c defines the arithmetic reproduced here, column by
** column in the same order, so results agree with R to the last bit).
*/
#include <float.h>
#include <math.h>

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

/* row i and row j of x: element k of each is at [k * rows] */
typedef struct { const double *a, *b; size_t stride, cols; } row_pair;

static double euclidean (const row_pair *r) {
  double s = 0;
  size_t k;
  for (k = 0; k < r->cols; k++) {
    double dev = r->a[k * r->stride] - r->b[k * r->stride];
    s += dev * dev;
  }
  return sqrt(s);
}

static double manhattan (const row_pair *r) {
  double s = 0;
  size_t k;
  for (k = 0; k < r->cols; k++) s += fabs(r->a[k * r->stride] - r->b[k * r->stride]);
  return s;
}

static double maximum (const row_pair *r) {
  double m = 0;
  size_t k;
  for (k = 0; k < r->cols; k++) {
    double dev = fabs(r->a[k * r->stride] - r->b[k * r->stride]);
    if (dev > m) m = dev;
  }
  return m;
}

static double minkowski (const row_pair *r, double p) {
  double s = 0;
  size_t k;
  for (k = 0; k < r->cols; k++) {
    double dev = fabs(r->a[k * r->stride] - r->b[k * r->stride]);
    s += (p == 2.0) ? dev * dev : pow(dev, p);  /* R_pow(x, 2) is x * x */
  }
  return pow(s, 1.0 / p);
}

/* NAN when every column has both values 0 (R: NA) */
static double canberra (const row_pair *r) {
  double s = 0;
  size_t k, used = 0;
  for (k = 0; k < r->cols; k++) {
    double x = r->a[k * r->stride], y = r->b[k * r->stride];
    double sum = fabs(x) + fabs(y), diff = fabs(x - y);
    if (sum > DBL_MIN || diff > DBL_MIN) {  /* 0/0 terms are left out */
      s += diff / sum;
      used++;
    }
  }
  if (used == 0) return NAN;
  if (used != r->cols) s /= (double)used / (double)r->cols;
  return s;
}

static double binary (const row_pair *r) {
  size_t k, any = 0, one = 0;
  for (k = 0; k < r->cols; k++) {
    int x = r->a[k * r->stride] != 0, y = r->b[k * r->stride] != 0;
    if (x || y) {
      any++;
      if (!(x && y)) one++;
    }
  }
  return any == 0 ? 0.0 : (double)one / (double)any;
}

int cl_distance_matrix (const cl_matrix *x, cl_distance_method method,
                        double p, cl_matrix *d, cl_error *err) {
  size_t i, j, n = x->rows, bad = cl_matrix_first_nonfinite(x);
  row_pair r;
  if (d->rows != n || d->cols != n)
    return cl_fail(err, CL_EDIM, "distance matrix must be %zu x %zu, got "
                   "%zu x %zu", n, n, d->rows, d->cols);
  if (x->cols == 0)
    return cl_fail(err, CL_EDIM, "distances need at least one column");
  if (bad < cl_matrix_size(x))
    return cl_fail(err, CL_EDOMAIN, "row %zu, column %zu of x is %g, not a "
                   "finite number", bad % n + 1, bad / n + 1, x->data[bad]);
  if (method == CL_DIST_MINKOWSKI && !(isfinite(p) && p > 0))
    return cl_fail(err, CL_EDOMAIN, "minkowski power p must be a positive "
                   "finite number, got %g", p);
  r.stride = n;
  r.cols = x->cols;
  for (j = 0; j < n; j++) {
    if (cl_check_interrupt(err) != CL_OK) return CL_EINTR;  /* Ctrl-C */
    CL_AT(d, j, j) = 0.0;
    for (i = j + 1; i < n; i++) {
      double v = 0;
      r.a = &x->data[i];
      r.b = &x->data[j];
      switch (method) {
        case CL_DIST_EUCLIDEAN: v = euclidean(&r); break;
        case CL_DIST_MANHATTAN: v = manhattan(&r); break;
        case CL_DIST_MAXIMUM: v = maximum(&r); break;
        case CL_DIST_CANBERRA: v = canberra(&r); break;
        case CL_DIST_BINARY: v = binary(&r); break;
        case CL_DIST_MINKOWSKI: v = minkowski(&r, p); break;
        default:
          return cl_fail(err, CL_EDOMAIN, "unknown distance method %d",
                         (int)method);
      }
      if (isnan(v))
        return cl_fail(err, CL_EDOMAIN, "canberra distance between rows %zu "
                       "and %zu is undefined: both are 0 in every column",
                       j + 1, i + 1);
      CL_AT(d, i, j) = CL_AT(d, j, i) = v;
    }
  }
  return CL_OK;
}
