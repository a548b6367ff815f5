/*
** htest.c -- t-tests and the chi-square test of independence, following R's
** stats::t.test.default and stats::chisq.test line by line (R 4.2, file
** src/library/stats/R/t.test.R and chisq.test.R); means and variances in
** two passes with long double sums, as R's mean and var.
*/
#include <float.h>
#include <math.h>

#include "distributions.h"
#include "htest.h"

/* mean and variance of the non-NaN elements; k = their count */
static int moments (const double *x, size_t n, const char *name, size_t *k,
                    double *mean, double *var, cl_error *err) {
  long double s = 0, ss = 0, t = 0;
  size_t i, m = 0;
  for (i = 0; i < n; i++) {
    if (isnan(x[i])) continue;
    if (isinf(x[i]))
      return cl_fail(err, CL_EDOMAIN, "%s: element %zu is %s, not a finite "
                     "number", name, i + 1, x[i] > 0 ? "Inf" : "-Inf");
    s += x[i];
    m++;
  }
  *k = m;
  if (m == 0) {
    *mean = *var = NAN;
    return CL_OK;
  }
  s /= (long double)m;
  for (i = 0; i < n; i++)   /* R's mean: a second pass corrects the first */
    if (!isnan(x[i])) t += x[i] - s;
  s += t / (long double)m;
  for (i = 0; i < n; i++)
    if (!isnan(x[i])) ss += ((long double)x[i] - s) * ((long double)x[i] - s);
  *mean = (double)s;
  *var = m > 1 ? (double)(ss / (long double)(m - 1)) : NAN;
  return CL_OK;
}

int cl_htest_ttest (const double *x, size_t nx, const double *y, size_t ny,
                    int var_equal, double mu, double conf_level,
                    cl_ttest *res, cl_error *err) {
  double mx, vx, my = NAN, vy = NAN, se, df, diff, q;
  size_t kx, ky = 0;
  int st;
  if (!(conf_level > 0 && conf_level < 1))
    return cl_fail(err, CL_EDOMAIN, "conf_level = %g must be between 0 and 1",
                   conf_level);
  if (!isfinite(mu))
    return cl_fail(err, CL_EDOMAIN, "mu = %g must be finite", mu);
  if ((st = moments(x, nx, "x", &kx, &mx, &vx, err)) != CL_OK) return st;
  if (y != NULL && (st = moments(y, ny, "y", &ky, &my, &vy, err)) != CL_OK)
    return st;
  if (y == NULL) {
    if (kx < 2) return cl_fail(err, CL_EDOMAIN, "not enough 'x' observations "
                                "(%zu; at least 2 needed)", kx);
    df = (double)kx - 1;
    se = sqrt(vx / (double)kx);
    diff = mx;
  } else if (var_equal) {
    double v;
    if (kx < 1 || ky < 1 || kx + ky < 3)
      return cl_fail(err, CL_EDOMAIN, "not enough observations (%zu in x, %zu "
                     "in y; 3 together needed)", kx, ky);
    df = (double)(kx + ky) - 2;
    v = 0;
    if (kx > 1) v += ((double)kx - 1) * vx;
    if (ky > 1) v += ((double)ky - 1) * vy;
    v /= df;
    se = sqrt(v * (1.0 / (double)kx + 1.0 / (double)ky));
    diff = mx - my;
  } else {
    double sx, sy;
    if (kx < 2) return cl_fail(err, CL_EDOMAIN, "not enough 'x' observations "
                                "(%zu; at least 2 needed)", kx);
    if (ky < 2) return cl_fail(err, CL_EDOMAIN, "not enough 'y' observations "
                                "(%zu; at least 2 needed)", ky);
    sx = vx / (double)kx;
    sy = vy / (double)ky;
    se = sqrt(sx + sy);
    df = (sx + sy) * (sx + sy) /
         (sx * sx / ((double)kx - 1) + sy * sy / ((double)ky - 1));
    diff = mx - my;
  }
  if (se < 10 * DBL_EPSILON * fmax(fabs(mx), y ? fabs(my) : 0))
    return cl_fail(err, CL_EDOMAIN, "data are essentially constant (standard "
                   "error %g): the t statistic is undefined", se);
  res->statistic = (diff - mu) / se;
  res->df = df;
  if ((st = cl_distributions_pt(-fabs(res->statistic), df, 1, &res->p, err))
      != CL_OK)
    return st;
  res->p *= 2;
  if ((st = cl_distributions_qt(0.5 + 0.5 * conf_level, df, 1, &q, err))
      != CL_OK)
    return st;
  /* R: mu + (tstat +- q) * stderr */
  res->conf_int[0] = mu + (res->statistic - q) * se;
  res->conf_int[1] = mu + (res->statistic + q) * se;
  res->estimate[0] = mx;
  res->estimate[1] = my;
  res->stderr_diff = se;
  res->n[0] = kx;
  res->n[1] = ky;
  return CL_OK;
}

/* margins of an r x c table (tables are small: sums are recomputed) */
static double row_sum (const double *counts, size_t r, size_t c, size_t i) {
  double s = 0;
  size_t k;
  for (k = 0; k < c; k++) s += counts[k * r + i];
  return s;
}

static double col_sum (const double *counts, size_t r, size_t j) {
  double s = 0;
  size_t k;
  for (k = 0; k < r; k++) s += counts[j * r + k];
  return s;
}

int cl_htest_chisq (const double *counts, size_t r, size_t c, int correct,
                    cl_chisq *res, cl_error *err) {
  double n = 0, stat = 0, yates = HUGE_VAL, emin = HUGE_VAL;
  size_t i, j;
  if (r < 2 || c < 2)
    return cl_fail(err, CL_EDOMAIN, "the table is %zu x %zu: at least 2 rows "
                   "and 2 columns (two groups, two outcomes) are needed", r, c);
  for (i = 0; i < r * c; i++) {
    if (!(counts[i] >= 0) || isinf(counts[i]))
      return cl_fail(err, CL_EDOMAIN, "count [%zu, %zu] is %g: counts must be "
                     "finite and non-negative", i % r + 1, i / r + 1,
                     counts[i]);
    n += counts[i];
  }
  for (i = 0; i < r; i++)
    for (j = 0; j < c; j++) {
      double sr = row_sum(counts, r, c, i), sc = col_sum(counts, r, j);
      double e = sr * sc / n;
      if (e == 0)
        return cl_fail(err, CL_EDOMAIN, "%s %zu of the table has no "
                       "observations", sr == 0 ? "row" : "column",
                       sr == 0 ? i + 1 : j + 1);
      emin = fmin(emin, e);
      yates = fmin(yates, fabs(counts[j * r + i] - e));
    }
  res->corrected = correct && r == 2 && c == 2;
  yates = res->corrected ? fmin(0.5, yates) : 0.0;  /* R: min(0.5, abs(x - E)) */
  for (i = 0; i < r; i++)
    for (j = 0; j < c; j++) {
      double e = row_sum(counts, r, c, i) * col_sum(counts, r, j) / n;
      double d = fabs(counts[j * r + i] - e) - yates;
      stat += d * d / e;
    }
  res->statistic = stat;
  res->df = (double)((r - 1) * (c - 1));
  res->min_expected = emin;
  return cl_distributions_pchisq(stat, res->df, 0, &res->p, err);
}
