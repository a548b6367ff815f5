/*
** regional.c -- the regional coefficients, final demand and imports of a
** location-quotient regionalisation in one pass over the kept block of the
** national coefficients (Flegg & Webber 1997, 2000; Miller & Blair 2009,
** ch. 8). See regional.h.
*/
#include <math.h>
#include <stdlib.h>

#include "regional.h"

int cl_regional_table (const cl_matrix *a, const size_t *keep, size_t k,
                       const double *s, double lambda, const double *w,
                       int slq_diagonal, const double *xr, cl_matrix *ar,
                       double *f, double *m, cl_error *err) {
  size_t i, j, n = a->rows;
  if (a->cols != n || ar->rows != k || ar->cols != k)
    return cl_fail(err, CL_EDIM, "A must be square and the result %zu x %zu",
                   k, k);
  for (i = 0; i < k; i++) {
    if (keep[i] >= n)
      return cl_fail(err, CL_EDIM, "kept sector %zu is out of range (%zu "
                     "sectors)", keep[i] + 1, n);
    if (!(s[i] > 0) || !isfinite(s[i]))
      return cl_fail(err, CL_EDOMAIN, "the location quotient of kept sector "
                     "%zu is %g; it must be positive", i + 1, s[i]);
    f[i] = 0.0;  /* the row sums of Z^r, accumulated column by column */
  }
  for (j = 0; j < k; j++) {
    const double *acol = a->data + keep[j] * n;
    double *rcol = ar->data + j * k, inv = 1.0 / s[j], x = xr[j], mj = 0.0;
    for (i = 0; i < k; i++) {
      double q = (i == j && slq_diagonal) ? s[i] * lambda
                                          : (s[i] * inv) * lambda;
      double aij = acol[keep[i]], r;
      if (w) q *= w[j];
      if (!(q >= 0) || !isfinite(q))
        return cl_fail(err, CL_EDOMAIN, "Q has a quotient that is not a "
                       "finite non-negative number (%g)", q);
      r = aij * (q < 1 ? q : 1.0);
      rcol[i] = r;
      f[i] += r * x;
      mj += (aij - r) * x;
    }
    m[j] = mj;
  }
  for (i = 0; i < k; i++) f[i] = xr[i] - f[i];
  return CL_OK;
}
