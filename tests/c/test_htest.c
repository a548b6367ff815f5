/*
** test_htest.c -- core/htest.c against R 4.2.2: t.test (Welch, pooled, one
** sample, with NA) and chisq.test (2 x 2 with and without Yates, 3 x 3),
** values printed with digits = 17 next to the R command, and the errors.
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/htest.h"

static void assert_rel (double got, double want, double tol, const char *what) {
  double scale = want == 0 ? 1.0 : fabs(want);
  if (!(fabs(got - want) <= tol * scale))
    fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

/* R: x <- c(19.1, 20.3, 21.5, 18.7, 22.0, NA, 20.9)
**    y <- c(17.2, 18.9, 16.5, 19.9, 18.1, 17.7, 16.0, 18.3) */
static const double X[] = {19.1, 20.3, 21.5, 18.7, 22.0, NAN, 20.9};
static const double Y[] = {17.2, 18.9, 16.5, 19.9, 18.1, 17.7, 16.0, 18.3};

static void test_welch (void **state) {
  cl_ttest r;
  cl_error err;
  (void)state;
  assert_int_equal(cl_htest_ttest(X, 7, Y, 8, 0, 0, 0.95, &r, &err), CL_OK);
  /* R: t.test(x, y): t, df, p.value, conf.int */
  assert_rel(r.statistic, 3.7102391280740434354, 1e-14, "t");
  assert_rel(r.df, 10.7056699602474640898, 1e-14, "df");
  assert_rel(r.p, 0.0035994993784229106, 1e-12, "p");
  assert_rel(r.conf_int[0], 1.0490674287420747035, 1e-13, "lower");
  assert_rel(r.conf_int[1], 4.1342659045912624194, 1e-13, "upper");
  assert_int_equal(r.n[0], 6);
  assert_int_equal(r.n[1], 8);
}

static void test_pooled_and_one_sample (void **state) {
  cl_ttest r;
  cl_error err;
  (void)state;
  /* R: t.test(x, y, var.equal = TRUE) */
  assert_int_equal(cl_htest_ttest(X, 7, Y, 8, 1, 0, 0.95, &r, &err), CL_OK);
  assert_rel(r.statistic, 3.7299267369412536510, 1e-14, "pooled t");
  assert_rel(r.df, 12, 0, "pooled df");
  assert_rel(r.p, 0.0028743108998698515, 1e-12, "pooled p");
  /* R: t.test(x, mu = 20) */
  assert_int_equal(cl_htest_ttest(X, 7, NULL, 0, 0, 20, 0.95, &r, &err), CL_OK);
  assert_rel(r.statistic, 0.77783923910882113, 1e-14, "one-sample t");
  assert_rel(r.p, 0.47184703193796595, 1e-13, "one-sample p");
  assert_rel(r.conf_int[0], 19.03967806671430552, 1e-14, "one-sample lower");
}

static void test_ttest_errors (void **state) {
  cl_ttest r;
  cl_error err;
  const double constant[] = {2, 2, 2}, inf[] = {1, INFINITY};
  (void)state;
  assert_int_equal(cl_htest_ttest(X, 1, Y, 8, 0, 0, 0.95, &r, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "not enough 'x' observations"));
  assert_int_equal(cl_htest_ttest(constant, 3, constant, 3, 0, 0, 0.95, &r,
                                  &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "essentially constant"));
  assert_int_equal(cl_htest_ttest(X, 7, inf, 2, 0, 0, 0.95, &r, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "y: element 2 is Inf"));
  assert_int_equal(cl_htest_ttest(X, 7, Y, 8, 0, 0, 1.0, &r, &err),
                   CL_EDOMAIN);
}

static void test_chisq (void **state) {
  cl_chisq r;
  cl_error err;
  /* column-major: R's matrix(c(12, 5, 7, 9), 2) and the 3 x 3 table of
  ** matrix(c(1, 2, 12, 8, 4, 0, 2, 1, 2), 3) */
  const double t2[] = {12, 5, 7, 9};
  const double t3[] = {1, 2, 12, 8, 4, 0, 2, 1, 2};
  const double empty[] = {1, 0, 2, 0};
  (void)state;
  /* R: chisq.test(matrix(c(12, 5, 7, 9), 2)) (Yates) */
  assert_int_equal(cl_htest_chisq(t2, 2, 2, 1, &r, &err), CL_OK);
  assert_rel(r.statistic, 1.45599637881468391, 1e-14, "Yates X2");
  assert_rel(r.p, 0.22756821457580992, 1e-13, "Yates p");
  assert_true(r.corrected);
  /* R: chisq.test(matrix(c(1, 2, 12, 8, 4, 0, 2, 1, 2), 3)): no Yates */
  assert_int_equal(cl_htest_chisq(t3, 3, 3, 1, &r, &err), CL_OK);
  assert_rel(r.statistic, 18.0363636363636352655, 1e-14, "3 x 3 X2");
  assert_rel(r.p, 0.0012140660337851576, 1e-12, "3 x 3 p");
  assert_rel(r.df, 4, 0, "df");
  assert_false(r.corrected);
  assert_true(r.min_expected < 5);
  assert_int_equal(cl_htest_chisq(empty, 2, 2, 1, &r, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "row 2 of the table has no observations"));
  assert_int_equal(cl_htest_chisq(t2, 1, 4, 1, &r, &err), CL_EDOMAIN);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_welch),
    cmocka_unit_test(test_pooled_and_one_sample),
    cmocka_unit_test(test_ttest_errors),
    cmocka_unit_test(test_chisq),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
