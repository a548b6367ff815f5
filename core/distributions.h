/*
** distributions.h -- the normal, logistic, chi-square, F and t distribution
** functions that p-values and probit/logit likelihoods need, accurate far
** into the tails (log scale where it matters), with R's conventions.
*/
#ifndef CL_DISTRIBUTIONS_H
#define CL_DISTRIBUTIONS_H

#include "status.h"

/* Standard normal cdf Phi(x) (lower) or 1 - Phi(x) (upper), or its log,
** from the C library's erfc (no cancellation in either tail); the log lower
** tail below x = -35 from the asymptotic series of Mills' ratio
** (Abramowitz & Stegun 26.2.12). NaN gives NaN. */
double cl_distributions_pnorm (double x, int lower, int log_p);
/* Standard normal density phi(x), or its log */
double cl_distributions_dnorm (double x, int log_p);
/* Quantile: x with Phi(x) = p (lower) or 1 - Phi(x) = p (upper); Wichura's
** algorithm AS 241 (PPND16, Applied Statistics 37, 1988), about 16 digits.
** p = 0 or 1 gives -Inf/+Inf; p outside [0, 1] or NaN is CL_EDOMAIN. */
int cl_distributions_qnorm (double p, int lower, double *x, cl_error *err);
/* Logistic cdf 1 / (1 + exp(-x)) (lower) or its upper tail, or the log of
** either, without overflow or cancellation */
double cl_distributions_plogis (double x, int lower, int log_p);

/* Regularized incomplete gamma function P(a, x) (lower) or Q(a, x) (upper),
** a > 0, x >= 0: the series for x < a + 1, else the continued fraction by
** the modified Lentz method (Numerical Recipes, 3rd ed., 6.2). Each tail is
** computed directly, so small upper tails keep their relative accuracy
** (about 1e-14 for a up to 1e3; the prefactor loses about log10(a) - 3
** digits beyond). */
int cl_distributions_pgamma (double x, double a, int lower, double *p,
                             cl_error *err);
/* Regularized incomplete beta function I_x(a, b) (lower) or 1 - I_x(a, b)
** (upper), a, b > 0, 0 <= x <= 1: the continued fraction of Numerical
** Recipes (3rd ed., 6.4) on the side x < (a + 1) / (a + b + 2) and the
** symmetry I_x(a, b) = 1 - I_{1-x}(b, a) on the other. */
int cl_distributions_pbeta (double x, double a, double b, int lower,
                            double *p, cl_error *err);

/* Chi-square with df > 0: P(df/2, q/2); q <= 0 gives 0 (lower) */
int cl_distributions_pchisq (double q, double df, int lower, double *p,
                             cl_error *err);
/* F with df1, df2 > 0: I_{df1 q / (df1 q + df2)}(df1/2, df2/2), the upper
** tail from I_{df2 / (df1 q + df2)}(df2/2, df1/2) directly */
int cl_distributions_pf (double q, double df1, double df2, int lower,
                         double *p, cl_error *err);
/* Student t with df > 0 (df = Inf is the normal) as R's pt: the tail beyond
** |q| is I_{df / (df + q^2)}(df/2, 1/2) / 2, its asymptote when q^2 > 1e100
** df, and the normal approximation A & S 26.7.8 when df > 4e7 */
int cl_distributions_pt (double q, double df, int lower, double *p,
                         cl_error *err);
/* Student t quantile: q with P(T <= q) = p (lower) or P(T > q) = p, df > 0
** (Inf: the normal); Newton's method on the log tail of pt, bracketed, to
** within a few ulps of the root of pt. p = 0 or 1 gives -Inf/+Inf. */
int cl_distributions_qt (double p, double df, int lower, double *q,
                         cl_error *err);

#endif
