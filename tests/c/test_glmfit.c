/*
** test_glmfit.c -- core/glmfit.c: R's glm.fit iteration for the probit and
** the logit against R 4.2.2 (glm on a small data set, values printed with
** digits = 17 next to the command), the Gram matrix and the per-observation
** derivatives by hand, far tails without overflow, and a singular X'WX.
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/distributions.h"
#include "../../core/glmfit.h"

static void assert_rel (double got, double want, double tol, const char *what) {
  double scale = want == 0 ? 1.0 : fabs(want);
  if (!(fabs(got - want) <= tol * scale))
    fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

/* R: y <- c(0, 1, 0, 0, 1, 1, 0, 1); x <- 1:8 */
static const double Y[] = {0, 1, 0, 0, 1, 1, 0, 1};
static double x_data[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8};
static const cl_matrix X = {8, 2, x_data};

static void fit (cl_glm_link link, double *beta, cl_glm_fit *f) {
  double info[4], eta[8], lp[8];
  cl_error err;
  f->maxit = 25;
  f->epsilon = 1e-8;
  assert_int_equal(cl_glmfit_irls(link, &X, Y, NULL, f, beta, info, eta, lp,
                                  &err), CL_OK);
  assert_true(f->converged);
}

static void test_probit_logit_as_r (void **state) {
  double b[2];
  cl_glm_fit f;
  (void)state;
  /* R: glm(y ~ x, binomial("probit")): coef, deviance, iter */
  fit(CL_GLM_PROBIT, b, &f);
  assert_rel(b[0], -0.85468081371759619, 1e-12, "probit intercept");
  assert_rel(b[1], 0.18992906971502135, 1e-12, "probit slope");
  assert_rel(f.deviance, 10.201034043958689, 1e-13, "probit deviance");
  assert_int_equal(f.iterations, 4);
  /* R: glm(y ~ x, binomial("logit")) */
  fit(CL_GLM_LOGIT, b, &f);
  assert_rel(b[0], -1.37583962110879110, 1e-12, "logit intercept");
  assert_rel(b[1], 0.30574213802417582, 1e-12, "logit slope");
  assert_rel(f.deviance, 10.204258971538433, 1e-13, "logit deviance");
}

static void test_gram (void **state) {
  double G[4];
  const double v[] = {1, 0, 2, 0, 0, 0, 0, 1};
  cl_error err;
  (void)state;
  /* X'X: n = 8, sum x = 36, sum x^2 = 204 */
  assert_int_equal(cl_glmfit_gram(&X, NULL, G, &err), CL_OK);
  assert_rel(G[0], 8, 0, "n"); assert_rel(G[1], 36, 0, "sum x");
  assert_rel(G[2], 36, 0, "symmetric"); assert_rel(G[3], 204, 0, "sum x^2");
  /* X' diag(v) X: rows 1 (x = 1), 3 (x = 3, twice), 8 (x = 8) */
  assert_int_equal(cl_glmfit_gram(&X, v, G, &err), CL_OK);
  assert_rel(G[0], 4, 1e-15, "sum v"); assert_rel(G[1], 1 + 6 + 8, 1e-15, "sum v x");
  assert_rel(G[3], 1 + 18 + 64, 1e-15, "sum v x^2");
  {  /* no rows: zeros, not a BLAS complaint about lda = 0 */
    const cl_matrix E = {0, 2, x_data};
    G[0] = 1;
    assert_int_equal(cl_glmfit_gram(&E, NULL, G, &err), CL_OK);
    assert_rel(G[0], 0, 0, "empty X'X");
  }
}

static void test_derivatives (void **state) {
  const double y[] = {1, 0, 1, 0}, eta[] = {0, 0, -40, 40};
  double s[4], h[4];
  (void)state;
  /* at eta = 0: probit lambda = phi(0) / Phi(0) = 2 / sqrt(2 pi), h = lambda^2 */
  cl_glmfit_derivatives(CL_GLM_PROBIT, 4, y, eta, NULL, s, h);
  assert_rel(s[0], 0.79788456080286536, 1e-15, "probit score y = 1");
  assert_rel(s[1], -0.79788456080286536, 1e-15, "probit score y = 0");
  assert_rel(h[0], 2 / M_PI, 1e-15, "probit h = 2 / pi");
  /* far tails: lambda -> |eta| (Mills' ratio), h -> 1, nothing infinite;
  ** mpmath with 30 digits: npdf(-40) / ncdf(-40) = 40.0249688472072637232 */
  assert_true(isfinite(s[2]) && isfinite(h[2]) && isfinite(s[3]));
  assert_rel(s[2], 40.0249688472072637232, 1e-14, "Mills' ratio at -40");
  assert_rel(h[2], 1, 1e-3, "h at -40");
  /* logit at 0: score y - 1/2, h = 1/4 */
  cl_glmfit_derivatives(CL_GLM_LOGIT, 2, y, eta, NULL, s, h);
  assert_rel(s[0], 0.5, 0, "logit score");
  assert_rel(s[1], -0.5, 0, "logit score y = 0");
  assert_rel(h[0], 0.25, 0, "logit h");
}

/* Cody's three regions (|x| <= 0.674, <= sqrt(32), beyond) against the
** log-scale ratio of distributions.c's dnorm and erfc-based pnorm. That
** reference is a difference of two logs near -x^2/2, so it carries an error
** of about x^2 eps; the kernel's ratio does not (mpmath, 30 digits: at
** x = -57.996, phi / Phi = 58.0132323310165648, the kernel 58.013232331016567) */
static void test_probit_tails (void **state) {
  double eta[241], y1[241], y0[241], s1[241], s0[241], h[241];
  int k;
  (void)state;
  for (k = 0; k <= 240; k++) {
    eta[k] = -60 + 0.5 * k + 0.001 * (k % 7);
    y1[k] = 1;
    y0[k] = 0;
  }
  cl_glmfit_derivatives(CL_GLM_PROBIT, 241, y1, eta, NULL, s1, h);
  cl_glmfit_derivatives(CL_GLM_PROBIT, 241, y0, eta, NULL, s0, h);
  assert_rel(s1[4], 58.0132323310165648, 2e-16, "mpmath at -57.996");
  for (k = 0; k <= 240; k++) {
    double ld = cl_distributions_dnorm(eta[k], 1);
    double r1 = exp(ld - cl_distributions_pnorm(eta[k], 1, 1));
    double r0 = exp(ld - cl_distributions_pnorm(eta[k], 0, 1));
    double tol = 4e-16 * (4 + eta[k] * eta[k]);
    /* a ratio in the subnormal range (the density at |x| > 37) keeps no
    ** relative accuracy anywhere: compare it absolutely */
    if (r1 > 1e-290) assert_rel(s1[k], r1, tol, "phi / Phi");
    else assert_true(fabs(s1[k] - r1) < 1e-300);
    if (r0 > 1e-290) assert_rel(-s0[k], r0, tol, "phi / (1 - Phi)");
    else assert_true(fabs(s0[k] + r0) < 1e-300);
  }
}

static void test_singular (void **state) {
  double dup[] = {1, 1, 1, 1, 2, 2, 2, 2};   /* two equal columns */
  const cl_matrix D = {4, 2, dup};
  const double y[] = {0, 1, 0, 1};
  double b[2], info[4], eta[4], lp[4];
  cl_glm_fit f = {25, 1e-8, 0, 0, 0};
  cl_error err;
  (void)state;
  assert_int_equal(cl_glmfit_irls(CL_GLM_PROBIT, &D, y, NULL, &f, b, info, eta,
                                  lp, &err), CL_ESINGULAR);
  assert_non_null(strstr(err.msg, "singular at iteration 1"));
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_probit_logit_as_r),
    cmocka_unit_test(test_gram),
    cmocka_unit_test(test_derivatives),
    cmocka_unit_test(test_probit_tails),
    cmocka_unit_test(test_singular),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
