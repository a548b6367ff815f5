/*
** distributions.c -- normal, logistic, chi-square, F and t distribution
** functions: erfc-based normal tails, Wichura's AS 241 quantile, and the
** incomplete gamma and beta functions of Numerical Recipes (3rd ed., 6.2-6.4).
*/
#include <float.h>
#include <math.h>

#include "distributions.h"

#define SQRT1_2 0.707106781186547524400844362105     /* 1 / sqrt(2) */
#define LN_SQRT_2PI 0.918938533204672741780329736406 /* log(sqrt(2 pi)) */
#define TINY (DBL_MIN / DBL_EPSILON)  /* Lentz's guard against zero divisors */
#define MAXIT 100000  /* the fractions need O(sqrt(max(a, b))) terms */

/* ---------------------------------------------------------------- */
/* normal and logistic                                               */
/* ---------------------------------------------------------------- */

/* log Phi(x) for x <= -35: log(phi(x) / |x|) plus the log of Mills' series
** 1 - 1/x^2 + 3/x^4 - 15/x^6 ... (A & S 26.2.12), whose terms are below
** 1e-17 after nine for |x| >= 35 */
static double log_lower_tail (double x) {
  double x2 = x * x, term = 1.0, sum = 1.0;
  int k;
  for (k = 1; k <= 10; k++) {
    term *= -(2.0 * k - 1.0) / x2;
    sum += term;
  }
  return -0.5 * x2 - LN_SQRT_2PI - log(-x) + log(sum);
}

double cl_distributions_pnorm (double x, int lower, int log_p) {
  if (isnan(x)) return x;
  if (!lower) x = -x;  /* 1 - Phi(x) = Phi(-x) */
  if (!log_p) return 0.5 * erfc(-x * SQRT1_2);
  if (x > 0) return log1p(-0.5 * erfc(x * SQRT1_2));
  if (x > -35) return log(0.5 * erfc(-x * SQRT1_2));
  return log_lower_tail(x);
}

double cl_distributions_dnorm (double x, int log_p) {
  double lg = -0.5 * x * x - LN_SQRT_2PI;
  return log_p ? lg : exp(lg);
}

/* c[0] + c[1] r + ... + c[7] r^7 */
static double poly8 (const double *c, double r) {
  double s = c[7];
  int k;
  for (k = 6; k >= 0; k--) s = s * r + c[k];
  return s;
}

/* AS 241 (PPND16): rational approximations in three regions of p */
static double ppnd16 (double p) {
  static const double a[8] = {
    3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
    1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
    3.3430575583588128105e4, 2.5090809287301226727e3};
  static const double b[8] = {
    1.0, 4.2313330701600911252e1, 6.8718700749205790830e2,
    5.3941960214247511077e3, 2.1213794301586595867e4, 3.9307895800092710610e4,
    2.8729085735721942674e4, 5.2264952788528545610e3};
  static const double c[8] = {
    1.42343711074968357734e0, 4.63033784615654529590e0,
    5.76949722146069140550e0, 3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static const double d[8] = {
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0,
    6.89767334985100004550e-1, 1.48103976427480074590e-1,
    1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9};
  static const double e[8] = {
    6.65790464350110377720e0, 5.46378491116411436990e0,
    1.78482653991729133580e0, 2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static const double f[8] = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
    1.48753612908506148525e-2, 7.86869131145613259100e-4,
    1.84631831751005468180e-5, 1.42151175831644588870e-7,
    2.04426310338993978564e-15};
  double q = p - 0.5, r, z;
  if (fabs(q) <= 0.425) {
    r = 0.180625 - q * q;
    return q * poly8(a, r) / poly8(b, r);
  }
  r = q < 0 ? p : 1.0 - p;
  if (r <= 0) return q < 0 ? -HUGE_VAL : HUGE_VAL;
  r = sqrt(-log(r));
  if (r <= 5.0) {
    r -= 1.6;
    z = poly8(c, r) / poly8(d, r);
  } else {
    r -= 5.0;
    z = poly8(e, r) / poly8(f, r);
  }
  return q < 0 ? -z : z;
}

int cl_distributions_qnorm (double p, int lower, double *x, cl_error *err) {
  if (!(p >= 0 && p <= 1))
    return cl_fail(err, CL_EDOMAIN, "probability %g is outside [0, 1]", p);
  *x = lower ? ppnd16(p) : -ppnd16(p);  /* the upper quantile by symmetry */
  return CL_OK;
}

double cl_distributions_plogis (double x, int lower, int log_p) {
  if (isnan(x)) return x;
  if (!lower) x = -x;  /* 1 - F(x) = F(-x) */
  if (!log_p) return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
  return x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x));
}

/* ---------------------------------------------------------------- */
/* incomplete gamma                                                  */
/* ---------------------------------------------------------------- */

/* sum_{n>=0} x^n / (a (a+1) ... (a+n)), so that P = exp(lnpre) * sum */
static int gamma_series (double a, double x, double *sum, cl_error *err) {
  double ap = a, del = 1.0 / a, s = del;
  int n;
  for (n = 0; n < MAXIT; n++) {
    ap += 1.0;
    del *= x / ap;
    s += del;
    if (fabs(del) < fabs(s) * DBL_EPSILON) {
      *sum = s;
      return CL_OK;
    }
  }
  return cl_fail(err, CL_ENOCONV, "incomplete gamma series did not converge "
                 "(a = %g, x = %g)", a, x);
}

/* the continued fraction 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...)))
** (modified Lentz), so that Q = exp(lnpre) * h */
static int gamma_fraction (double a, double x, double *h, cl_error *err) {
  double b = x + 1.0 - a, c = 1.0 / TINY, d = 1.0 / b, hh = d;
  int i;
  for (i = 1; i < MAXIT; i++) {
    double an = -i * (i - a), del;
    b += 2.0;
    d = an * d + b;
    if (fabs(d) < TINY) d = TINY;
    c = b + an / c;
    if (fabs(c) < TINY) c = TINY;
    d = 1.0 / d;
    del = d * c;
    hh *= del;
    if (fabs(del - 1.0) < DBL_EPSILON) {
      *h = hh;
      return CL_OK;
    }
  }
  return cl_fail(err, CL_ENOCONV, "incomplete gamma continued fraction did "
                 "not converge (a = %g, x = %g)", a, x);
}

int cl_distributions_pgamma (double x, double a, int lower, double *p,
                             cl_error *err) {
  double lnpre, v = 0;
  int st;
  if (!(a > 0) || isinf(a))
    return cl_fail(err, CL_EDOMAIN, "shape %g must be positive and finite", a);
  if (isnan(x)) return cl_fail(err, CL_EDOMAIN, "x is NaN");
  if (x <= 0 || isinf(x)) {
    *p = (x > 0) == (lower != 0) ? 1.0 : 0.0;
    return CL_OK;
  }
  lnpre = a * log(x) - x - lgamma(a);
  if (x < a + 1.0) {  /* P directly, Q = 1 - P is not small here */
    if ((st = gamma_series(a, x, &v, err)) != CL_OK) return st;
    v *= exp(lnpre);
    *p = lower ? v : 1.0 - v;
  } else {            /* Q directly, P = 1 - Q is not small here */
    if ((st = gamma_fraction(a, x, &v, err)) != CL_OK) return st;
    v *= exp(lnpre);
    *p = lower ? 1.0 - v : v;
  }
  return CL_OK;
}

/* ---------------------------------------------------------------- */
/* incomplete beta                                                   */
/* ---------------------------------------------------------------- */

/* the continued fraction for I_x(a, b) (Numerical Recipes' betacf) */
static int beta_fraction (double a, double b, double x, double *h,
                          cl_error *err) {
  double qab = a + b, qap = a + 1.0, qam = a - 1.0, c = 1.0;
  double d = 1.0 - qab * x / qap, hh;
  int m;
  if (fabs(d) < TINY) d = TINY;
  d = 1.0 / d;
  hh = d;
  for (m = 1; m < MAXIT; m++) {
    double m2 = 2.0 * m, aa, del;
    aa = m * (b - m) * x / ((qam + m2) * (a + m2));  /* even step */
    d = 1.0 + aa * d;
    if (fabs(d) < TINY) d = TINY;
    c = 1.0 + aa / c;
    if (fabs(c) < TINY) c = TINY;
    d = 1.0 / d;
    hh *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));  /* odd step */
    d = 1.0 + aa * d;
    if (fabs(d) < TINY) d = TINY;
    c = 1.0 + aa / c;
    if (fabs(c) < TINY) c = TINY;
    d = 1.0 / d;
    del = d * c;
    hh *= del;
    if (fabs(del - 1.0) < DBL_EPSILON) {
      *h = hh;
      return CL_OK;
    }
  }
  return cl_fail(err, CL_ENOCONV, "incomplete beta continued fraction did not "
                 "converge (a = %g, b = %g, x = %g)", a, b, x);
}

/* log Gamma(x) - ((x - 1/2) log x - x + log sqrt(2 pi)) for x >= 10: the
** Stirling series sum B_2k / (2k (2k - 1) x^(2k-1)), whose nine terms reach
** 1e-17 at x = 10 (Abramowitz & Stegun 6.1.40) */
static double lgamma_correction (double x) {
  static const double c[9] = {
    1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
    -691.0 / 360360, 1.0 / 156, -3617.0 / 122400, 43867.0 / 244188};
  double x2 = 1.0 / (x * x), s = 0.0;
  int k;
  for (k = 8; k >= 0; k--) s = s * x2 + c[k];
  return s / x;
}

/* log B(a, b) without the cancellation of lgamma(a) + lgamma(b) -
** lgamma(a + b) when a or b is large (R's lbeta, same formulas): with
** p = min, q = max, the large Gamma terms cancel analytically */
static double log_beta (double a, double b) {
  double p = a < b ? a : b, q = a < b ? b : a, corr;
  if (p >= 10) {
    corr = lgamma_correction(p) + lgamma_correction(q) - lgamma_correction(p + q);
    return -0.5 * log(q) + LN_SQRT_2PI + corr + (p - 0.5) * log(p / (p + q))
           + q * log1p(-p / (p + q));
  }
  if (q >= 10) {
    corr = lgamma_correction(q) - lgamma_correction(p + q);
    return lgamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q));
  }
  return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/* I_x(a, b) or its complement; y = 1 - x and the logs of both are passed in
** so that callers who know them exactly (F and t tails) lose no digits
** forming them: b log(y) with b = 5e7 magnifies y's rounding 5e7 times */
static int incbeta (double x, double y, double lx, double ly, double a,
                    double b, int lower, double *p, cl_error *err) {
  double lnpre, v = 0;
  int st;
  if (x <= 0 || y <= 0) {
    *p = (x > 0) == (lower != 0) ? 1.0 : 0.0;
    return CL_OK;
  }
  lnpre = a * lx + b * ly - log_beta(a, b);
  if (x < (a + 1.0) / (a + b + 2.0)) {
    if ((st = beta_fraction(a, b, x, &v, err)) != CL_OK) return st;
    v *= exp(lnpre) / a;
    *p = lower ? v : 1.0 - v;
  } else {  /* 1 - I_x(a, b) = I_y(b, a), where the fraction converges */
    if ((st = beta_fraction(b, a, y, &v, err)) != CL_OK) return st;
    v *= exp(lnpre) / b;
    *p = lower ? 1.0 - v : v;
  }
  return CL_OK;
}

/* I at x = r / (1 + r), y = 1 / (1 + r), from r = x / y itself */
static int incbeta_ratio (double r, double a, double b, int lower, double *p,
                          cl_error *err) {
  double l1 = log1p(r);
  if (isinf(r)) {
    *p = lower ? 1.0 : 0.0;
    return CL_OK;
  }
  return incbeta(r / (1.0 + r), 1.0 / (1.0 + r),
                 r > 1 ? -log1p(1.0 / r) : log(r) - l1, -l1, a, b, lower, p,
                 err);
}

static int check_shape (double s, const char *name, cl_error *err) {
  if (!(s > 0) || isinf(s))
    return cl_fail(err, CL_EDOMAIN, "%s = %g must be positive and finite",
                   name, s);
  return CL_OK;
}

int cl_distributions_pbeta (double x, double a, double b, int lower,
                            double *p, cl_error *err) {
  if (check_shape(a, "a", err) || check_shape(b, "b", err)) return CL_EDOMAIN;
  if (!(x >= 0 && x <= 1))
    return cl_fail(err, CL_EDOMAIN, "x = %g is outside [0, 1]", x);
  return incbeta(x, 1.0 - x, log(x), log1p(-x), a, b, lower, p, err);
}

int cl_distributions_pchisq (double q, double df, int lower, double *p,
                             cl_error *err) {
  if (check_shape(df, "df", err)) return CL_EDOMAIN;
  if (isnan(q)) return cl_fail(err, CL_EDOMAIN, "quantile is NaN");
  return cl_distributions_pgamma(0.5 * q, 0.5 * df, lower, p, err);
}

int cl_distributions_pf (double q, double df1, double df2, int lower,
                         double *p, cl_error *err) {
  double s;
  if (check_shape(df1, "df1", err) || check_shape(df2, "df2", err))
    return CL_EDOMAIN;
  if (isnan(q)) return cl_fail(err, CL_EDOMAIN, "quantile is NaN");
  if (q <= 0) {
    *p = lower ? 0.0 : 1.0;
    return CL_OK;
  }
  s = df1 * q + df2;
  if (isinf(s)) {
    *p = lower ? 1.0 : 0.0;
    return CL_OK;
  }
  return incbeta_ratio(df1 * q / df2, 0.5 * df1, 0.5 * df2, lower, p, err);
}

/* After R's pt (nmath/pt.c): the normal approximation of Abramowitz &
** Stegun 26.7.8 beyond df = 4e7, where its error is below the rounding of
** the incomplete beta (whose prefactor lost every digit before: pt(0.5,
** 1e15) was 4.71; R's values agree to 1e-9 on both sides of 4e7), the
** tail's own asymptote when q^2 > 1e100 df (q^2 overflowed for pt(1e300,
** 0.001)), else the beta tail on whichever side keeps its digits */
int cl_distributions_pt (double q, double df, int lower, double *p,
                         cl_error *err) {
  double nx, tail;
  int st;
  if (!(df > 0))
    return cl_fail(err, CL_EDOMAIN, "df = %g must be positive", df);
  if (isnan(q)) return cl_fail(err, CL_EDOMAIN, "quantile is NaN");
  if (isinf(q)) {
    *p = (q > 0) == (lower != 0) ? 1.0 : 0.0;
    return CL_OK;
  }
  if (isinf(df)) {
    *p = cl_distributions_pnorm(q, lower, 0);
    return CL_OK;
  }
  if (df > 4e7) {  /* sqrt(1 + 2 v q^2) as |q| sqrt(1/q^2 + 2 v): no overflow */
    double v = 1.0 / (4.0 * df), z;
    z = fabs(q) > 1 ? copysign((1.0 - v) / sqrt(1.0 / (q * q) + 2.0 * v), q)
                    : q * (1.0 - v) / sqrt(1.0 + q * q * 2.0 * v);
    *p = cl_distributions_pnorm(z, lower, 0);
    return CL_OK;
  }
  nx = 1.0 + (q / df) * q;
  if (nx > 1e100) {  /* P(|T| > |q|) ~ this, to double precision */
    tail = exp(-0.5 * df * (2.0 * log(fabs(q)) - log(df))
               - log_beta(0.5 * df, 0.5) - log(0.5 * df));
  } else if (df > q * q) {  /* I_{q^2/(df+q^2)}(1/2, df/2), upper */
    if ((st = incbeta_ratio(q * q / df, 0.5, 0.5 * df, 0, &tail, err)) != CL_OK)
      return st;
  } else {                  /* I_{1/nx}(df/2, 1/2), lower */
    if ((st = incbeta_ratio(df / (q * q), 0.5 * df, 0.5, 1, &tail, err)) != CL_OK)
      return st;
  }
  tail *= 0.5;  /* one side: P(T > |q|) */
  *p = (q > 0) == (lower != 0) ? 1.0 - tail : tail;
  return CL_OK;
}

/* log of the t density at q with df degrees of freedom */
static double log_dt (double q, double df) {
  return lgamma(0.5 * (df + 1.0)) - lgamma(0.5 * df) - 0.5 * log(df * M_PI)
         - 0.5 * (df + 1.0) * log1p(q * q / df);
}

/* t >= 0 with P(T > t) = a, 0 < a <= 1/2: Newton's method on the log of the
** upper tail (concave in t, so the iterates approach from one side), kept
** inside a bracket [lo, hi] that bisection falls back on */
static int t_upper_quantile (double a, double df, double *q, cl_error *err) {
  double lo = 0.0, hi = HUGE_VAL, t = 0.0, tail, step, la = log(a);
  int st, k;
  if ((st = cl_distributions_qnorm(a, 0, &t, err)) != CL_OK) return st;
  for (k = 0; k < 200; k++) {
    if ((st = cl_distributions_pt(t, df, 0, &tail, err)) != CL_OK) return st;
    if (tail > a) lo = t; else hi = t;
    if (tail == a) break;
    /* d log S / dt = -f / S */
    step = (log(tail) - la) / exp(log_dt(t, df) - log(tail));
    if (!isfinite(step) || !(t + step > lo && t + step < hi))
      step = (isinf(hi) ? 2.0 * t + 1.0 : 0.5 * (lo + hi)) - t;
    t += step;
    if (fabs(step) <= 4 * DBL_EPSILON * t) break;
  }
  *q = t;
  return CL_OK;
}

int cl_distributions_qt (double p, double df, int lower, double *q,
                         cl_error *err) {
  double upper;
  int st;
  if (!(df > 0))
    return cl_fail(err, CL_EDOMAIN, "df = %g must be positive", df);
  if (!(p >= 0 && p <= 1))
    return cl_fail(err, CL_EDOMAIN, "probability %g is outside [0, 1]", p);
  if (isinf(df)) return cl_distributions_qnorm(p, lower, q, err);
  upper = lower ? 1.0 - p : p;          /* P(T > q) */
  if (upper == 0 || upper == 1) {
    *q = upper == 0 ? HUGE_VAL : -HUGE_VAL;
    return CL_OK;
  }
  if (upper <= 0.5) return t_upper_quantile(upper, df, q, err);
  /* the lower tail P(T <= q) is below 1/2: q = -(its upper quantile) */
  st = t_upper_quantile(lower ? p : 1.0 - p, df, q, err);
  *q = -*q;
  return st;
}
