/*
** test_distributions.c -- core/distributions.c against R 4.2.2 (pnorm, dnorm,
** qnorm, plogis, pchisq, pf, pt, pbeta, pgamma printed with %.17g), far tails
** and log scales included, and the domain errors.
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/distributions.h"

/* relative error at most tol (absolute when want is 0) */
static void assert_rel (double got, double want, double tol, const char *what) {
  double scale = want == 0 ? 1.0 : fabs(want);
  if (!(fabs(got - want) <= tol * scale))
    fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void test_pnorm (void **state) {
  (void)state;
  /* R: pnorm(c(-1.96, 0, 0.5, 3)) */
  assert_rel(cl_distributions_pnorm(-1.96, 1, 0), 0.024997895148220428, 1e-14,
             "pnorm(-1.96)");
  assert_rel(cl_distributions_pnorm(0, 1, 0), 0.5, 0, "pnorm(0)");
  assert_rel(cl_distributions_pnorm(0.5, 1, 0), 0.69146246127401301, 1e-15,
             "pnorm(0.5)");
  assert_rel(cl_distributions_pnorm(3, 1, 0), 0.9986501019683699, 1e-15,
             "pnorm(3)");
  /* R: pnorm(10, lower.tail = FALSE): no cancellation in the upper tail */
  assert_rel(cl_distributions_pnorm(10, 0, 0), 7.6198530241605269e-24, 1e-14,
             "upper tail at 10");
  /* R: pnorm(-40) underflows to 0, its log does not */
  assert_rel(cl_distributions_pnorm(-40, 1, 0), 0, 0, "pnorm(-40)");
  assert_rel(cl_distributions_pnorm(-40, 1, 1), -804.6084420137538, 1e-15,
             "log pnorm(-40)");
  assert_rel(cl_distributions_pnorm(-20, 1, 1), -203.91715537109727, 1e-15,
             "log pnorm(-20)");
  assert_rel(cl_distributions_pnorm(5, 1, 1), -2.8665161296376358e-07, 1e-14,
             "log pnorm(5)");
  assert_rel(cl_distributions_pnorm(-1e5, 1, 1), -5000000012.4318638, 1e-15,
             "log pnorm(-1e5)");
  /* R: pnorm(38, lower.tail = FALSE, log.p = TRUE) */
  assert_rel(cl_distributions_pnorm(38, 0, 1), -726.5572160188201, 1e-15,
             "log upper tail at 38");
  assert_rel(cl_distributions_pnorm(-INFINITY, 1, 0), 0, 0, "pnorm(-Inf)");
  assert_rel(cl_distributions_pnorm(INFINITY, 1, 1), 0, 0, "log pnorm(Inf)");
  assert_true(cl_distributions_pnorm(-INFINITY, 1, 1) == -INFINITY);
  assert_true(isnan(cl_distributions_pnorm(NAN, 1, 0)));
}

static void test_dnorm_plogis (void **state) {
  (void)state;
  /* R: dnorm(1.5); dnorm(-30, log = TRUE) */
  assert_rel(cl_distributions_dnorm(1.5, 0), 0.12951759566589174, 1e-15,
             "dnorm(1.5)");
  assert_rel(cl_distributions_dnorm(-30, 1), -450.91893853320465, 1e-15,
             "log dnorm(-30)");
  /* R: plogis(1.2); plogis(-800, log.p = TRUE); plogis(40, log.p = TRUE);
  ** plogis(3, lower.tail = FALSE) */
  assert_rel(cl_distributions_plogis(1.2, 1, 0), 0.76852478349901754, 1e-15,
             "plogis(1.2)");
  assert_rel(cl_distributions_plogis(-800, 1, 1), -800, 1e-15,
             "log plogis(-800)");
  assert_rel(cl_distributions_plogis(40, 1, 1), -4.2483542552915889e-18, 1e-15,
             "log plogis(40)");
  assert_rel(cl_distributions_plogis(3, 0, 0), 0.047425873177566781, 1e-15,
             "upper plogis(3)");
}

static void test_qnorm (void **state) {
  double x;
  cl_error err;
  int k;
  /* R: qnorm(c(0.975, 0.3, 1e-10, 1e-300, 0.75)) */
  static const double p[] = {0.975, 0.3, 1e-10, 1e-300, 0.75};
  static const double want[] = {1.9599639845400536, -0.52440051270804067,
                                -6.3613409024040557, -37.047096299361201,
                                0.67448975019608171};
  (void)state;
  for (k = 0; k < 5; k++) {
    assert_int_equal(cl_distributions_qnorm(p[k], 1, &x, &err), CL_OK);
    assert_rel(x, want[k], 1e-15, "qnorm");
  }
  /* R: qnorm(1e-20, lower.tail = FALSE) */
  assert_int_equal(cl_distributions_qnorm(1e-20, 0, &x, &err), CL_OK);
  assert_rel(x, 9.2623400897984052, 1e-15, "upper qnorm(1e-20)");
  assert_int_equal(cl_distributions_qnorm(0, 1, &x, &err), CL_OK);
  assert_true(x == -INFINITY);
  assert_int_equal(cl_distributions_qnorm(1, 1, &x, &err), CL_OK);
  assert_true(x == INFINITY);
  assert_int_equal(cl_distributions_qnorm(1.5, 1, &x, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "outside [0, 1]"));
  assert_int_equal(cl_distributions_qnorm(NAN, 1, &x, &err), CL_EDOMAIN);
}

static void test_pchisq (void **state) {
  double p;
  cl_error err;
  (void)state;
  /* R: pchisq(53.7499488019616, 4, lower.tail = FALSE): the LR test of the
  ** infert probit */
  assert_int_equal(cl_distributions_pchisq(53.7499488019616, 4, 0, &p, &err),
                   CL_OK);
  assert_rel(p, 5.9369226894507702e-11, 1e-13, "pchisq LR");
  /* R: pchisq(3.84, 1); pchisq(0.5, 3) (the series) */
  cl_distributions_pchisq(3.84, 1, 1, &p, &err);
  assert_rel(p, 0.94995647875129474, 1e-14, "pchisq(3.84, 1)");
  cl_distributions_pchisq(0.5, 3, 1, &p, &err);
  assert_rel(p, 0.081108588345324154, 1e-14, "pchisq(0.5, 3)");
  /* R: pchisq(200, 10, lower.tail = FALSE): a tiny upper tail, directly */
  cl_distributions_pchisq(200, 10, 0, &p, &err);
  assert_rel(p, 1.6139305336977309e-37, 1e-13, "pchisq(200, 10) upper");
  /* R: pchisq(150, 120); pchisq(1e-3, 0.5) */
  cl_distributions_pchisq(150, 120, 1, &p, &err);
  assert_rel(p, 0.96692651908869531, 1e-13, "pchisq(150, 120)");
  cl_distributions_pchisq(1e-3, 0.5, 1, &p, &err);
  assert_rel(p, 0.16495975076841282, 1e-14, "pchisq(1e-3, 0.5)");
  cl_distributions_pchisq(-1, 3, 1, &p, &err);
  assert_rel(p, 0, 0, "pchisq(-1, 3)");
  cl_distributions_pchisq(INFINITY, 3, 0, &p, &err);
  assert_rel(p, 0, 0, "upper pchisq(Inf, 3)");
  assert_int_equal(cl_distributions_pchisq(1, 0, 1, &p, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "df = 0 must be positive"));
  assert_int_equal(cl_distributions_pchisq(NAN, 2, 1, &p, &err), CL_EDOMAIN);
}

static void test_pf_pt (void **state) {
  double p;
  cl_error err;
  (void)state;
  /* R: pf(3.5, 3, 20, lower.tail = FALSE); pf(0.2, 5, 7);
  ** pf(89.57, 3, 28, lower.tail = FALSE); pf(2, 1, 1000) */
  cl_distributions_pf(3.5, 3, 20, 0, &p, &err);
  assert_rel(p, 0.034493103885124429, 1e-13, "pf(3.5, 3, 20) upper");
  cl_distributions_pf(0.2, 5, 7, 1, &p, &err);
  assert_rel(p, 0.047583549778572515, 1e-13, "pf(0.2, 5, 7)");
  cl_distributions_pf(89.57, 3, 28, 0, &p, &err);
  assert_rel(p, 1.8383192572733543e-14, 1e-12, "pf(89.57, 3, 28) upper");
  cl_distributions_pf(2, 1, 1000, 1, &p, &err);
  assert_rel(p, 0.84238953586657628, 1e-12, "pf(2, 1, 1000)");
  assert_int_equal(cl_distributions_pf(1, 2, -1, 1, &p, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "df2"));
  /* R: pt(2.1, 10, lower.tail = FALSE); pt(-0.4, 3);
  ** pt(12, 30, lower.tail = FALSE); pt(1.5, 1); pt(0.3, 1e6); pt(-50, 5) */
  cl_distributions_pt(2.1, 10, 0, &p, &err);
  assert_rel(p, 0.031038622101109234, 1e-13, "pt(2.1, 10) upper");
  cl_distributions_pt(-0.4, 3, 1, &p, &err);
  assert_rel(p, 0.35796757698718507, 1e-13, "pt(-0.4, 3)");
  cl_distributions_pt(12, 30, 0, &p, &err);
  assert_rel(p, 2.7900927075996303e-13, 1e-12, "pt(12, 30) upper");
  cl_distributions_pt(1.5, 1, 1, &p, &err);
  assert_rel(p, 0.81283295818900125, 1e-14, "pt(1.5, 1)");
  cl_distributions_pt(0.3, 1e6, 1, &p, &err);
  assert_rel(p, 0.61791139101050274, 1e-9, "pt(0.3, 1e6)");
  cl_distributions_pt(-50, 5, 1, &p, &err);
  assert_rel(p, 3.0238788133006171e-08, 1e-12, "pt(-50, 5)");
  cl_distributions_pt(0, 5, 1, &p, &err);
  assert_rel(p, 0.5, 1e-15, "pt(0, 5)");
  cl_distributions_pt(1.96, INFINITY, 1, &p, &err);
  assert_rel(p, cl_distributions_pnorm(1.96, 1, 0), 0, "pt(q, Inf)");
  assert_int_equal(cl_distributions_pt(1, 0, 1, &p, &err), CL_EDOMAIN);
}

static void test_pbeta_pgamma (void **state) {
  double p;
  cl_error err;
  (void)state;
  /* R: pbeta(0.3, 2, 5); pbeta(0.999, 0.5, 30, lower.tail = FALSE);
  ** pgamma(7, 2.5); pgamma(1000, 900, lower.tail = FALSE) */
  cl_distributions_pbeta(0.3, 2, 5, 1, &p, &err);
  assert_rel(p, 0.57982500000000015, 1e-14, "pbeta(0.3, 2, 5)");
  cl_distributions_pbeta(0.999, 0.5, 30, 0, &p, &err);
  assert_rel(p, 1.0262784370022237e-91, 1e-12, "pbeta upper tail");
  cl_distributions_pgamma(7, 2.5, 1, &p, &err);
  assert_rel(p, 0.98439058389973311, 1e-14, "pgamma(7, 2.5)");
  cl_distributions_pgamma(1000, 900, 0, &p, &err);
  assert_rel(p, 0.00062259778427504694, 1e-11, "pgamma(1000, 900) upper");
  assert_int_equal(cl_distributions_pbeta(1.5, 1, 1, 1, &p, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "outside [0, 1]"));
  assert_int_equal(cl_distributions_pgamma(1, -2, 1, &p, &err), CL_EDOMAIN);
  assert_int_equal(cl_distributions_pgamma(NAN, 2, 1, &p, &err), CL_EDOMAIN);
}

static void test_qt (void **state) {
  double q;
  cl_error err;
  (void)state;
  /* R: qt(c(0.975, 0.995, 1e-10), c(5, 18.3322516384005, 2.5)),
  ** qt(1e-3, 1, lower.tail = FALSE), qt(0.6, 30), qt(0.6, 1e6), printed with 17 digits */
  assert_int_equal(cl_distributions_qt(0.975, 5, 1, &q, &err), CL_OK);
  assert_rel(q, 2.57058183563631371, 1e-14, "qt(0.975, 5)");
  assert_int_equal(cl_distributions_qt(0.995, 18.3322516384005, 1, &q, &err),
                   CL_OK);
  assert_rel(q, 2.87239095351320950, 1e-14, "qt(0.995, 18.33)");
  assert_int_equal(cl_distributions_qt(1e-10, 2.5, 1, &q, &err), CL_OK);
  assert_rel(q, -8765.43777136459721078, 1e-12, "qt(1e-10, 2.5)");
  assert_int_equal(cl_distributions_qt(1e-3, 1, 0, &q, &err), CL_OK);
  assert_rel(q, 318.30883898555043743, 1e-13, "upper qt(1e-3, 1)");
  assert_int_equal(cl_distributions_qt(0.6, 30, 1, &q, &err), CL_OK);
  assert_rel(q, 0.25560536495191277, 1e-13, "qt(0.6, 30)");
  assert_int_equal(cl_distributions_qt(0.6, 1e6, 1, &q, &err), CL_OK);
  assert_rel(q, 0.25334717053784167, 1e-12, "qt(0.6, 1e6)");
  assert_int_equal(cl_distributions_qt(0.5, 3, 1, &q, &err), CL_OK);
  assert_rel(q, 0, 0, "median");
  assert_int_equal(cl_distributions_qt(1, 3, 1, &q, &err), CL_OK);
  assert_true(isinf(q) && q > 0);
  assert_int_equal(cl_distributions_qt(1.5, 3, 1, &q, &err), CL_EDOMAIN);
  assert_int_equal(cl_distributions_qt(0.5, 0, 1, &q, &err), CL_EDOMAIN);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pnorm),
    cmocka_unit_test(test_dnorm_plogis),
    cmocka_unit_test(test_qnorm),
    cmocka_unit_test(test_pchisq),
    cmocka_unit_test(test_pf_pt),
    cmocka_unit_test(test_qt),
    cmocka_unit_test(test_pbeta_pgamma),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
