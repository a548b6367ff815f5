/*
** test_correlation.c -- core/correlation.c: cor(X) and cor(X, Y) against R,
** zero-variance columns reported (never a silent NaN), bad input refused.
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/correlation.h"

/* X = cbind(c(1,2,3,4,5), c(2,1,4,3,6), c(5,3,2,2,1)), column-major */
static double x_data[] = {1, 2, 3, 4, 5, 2, 1, 4, 3, 6, 5, 3, 2, 2, 1};
static const cl_matrix X = {5, 3, x_data};
/* Y = cbind(c(0,1,0,1,1), c(10,20,25,40,41)) */
static double y_data[] = {0, 1, 0, 1, 1, 10, 20, 25, 40, 41};
static const cl_matrix Y = {5, 2, y_data};

static void assert_close (double got, double want, double tol) {
  if (!(fabs(got - want) <= tol))
    fail_msg("got %.17g, want %.17g", got, want);
}

static void test_matrix_against_r (void **state) {
  /* R 4.2.2: print(cor(X), digits = 15) */
  const double want[3][3] = {
    {1, 0.821994936526786, -0.938314863256837},
    {0.821994936526786, 1, -0.737010507955390},
    {-0.938314863256837, -0.737010507955390, 1}};
  double r_data[9];
  cl_matrix r = {3, 3, r_data};
  size_t constant[3], n = 99;
  cl_error err;
  int i, j;
  (void)state;
  assert_int_equal(cl_correlation_matrix(&X, &r, constant, &n, &err), CL_OK);
  assert_int_equal(n, 0);
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++) assert_close(CL_AT(&r, i, j), want[i][j], 1e-14);
  for (i = 0; i < 3; i++) assert_true(CL_AT(&r, i, i) == 1.0);  /* exactly */
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++) assert_true(CL_AT(&r, i, j) == CL_AT(&r, j, i));
}

static void test_cross_against_r (void **state) {
  /* R 4.2.2: print(cor(X, Y), digits = 15) */
  const double want[3][2] = {
    {0.5773502691896258, 0.975361439543103},
    {0.0949157995752499, 0.692235917717365},
    {-0.5417363388859615, -0.900314897790864}};
  double r_data[6];
  cl_matrix r = {3, 2, r_data};
  size_t xc[3], yc[2], nx = 9, ny = 9;
  cl_error err;
  int i, j;
  (void)state;
  assert_int_equal(cl_correlation_cross(&X, &Y, &r, xc, &nx, yc, &ny, &err),
                   CL_OK);
  assert_int_equal(nx, 0);
  assert_int_equal(ny, 0);
  for (i = 0; i < 3; i++)
    for (j = 0; j < 2; j++) assert_close(CL_AT(&r, i, j), want[i][j], 1e-14);
}

static void test_constant_columns_reported (void **state) {
  /* columns 2 and 4 (0-based 1, 3) are constant; cor(col 1, col 3) = -1 by
  ** hand: (1,2,3) against (3,2,1) */
  double d[] = {1, 2, 3, 7, 7, 7, 3, 2, 1, 0, 0, 0};
  cl_matrix a = {3, 4, d};
  double r_data[16], c_data[8];
  cl_matrix r = {4, 4, r_data}, c = {4, 2, c_data};
  double y2[] = {5, 5, 5, 1, 2, 4};
  cl_matrix b = {3, 2, y2};
  size_t idx[4], n = 0, yi[2], ny = 0;
  cl_error err;
  (void)state;
  assert_int_equal(cl_correlation_matrix(&a, &r, idx, &n, &err), CL_OK);
  assert_int_equal(n, 2);
  assert_int_equal(idx[0], 1);
  assert_int_equal(idx[1], 3);
  assert_true(CL_AT(&r, 0, 0) == 1.0 && CL_AT(&r, 2, 2) == 1.0);
  assert_close(CL_AT(&r, 0, 2), -1.0, 1e-15);
  assert_true(isnan(CL_AT(&r, 1, 0)) && isnan(CL_AT(&r, 0, 1)));
  assert_true(isnan(CL_AT(&r, 3, 3)) && isnan(CL_AT(&r, 2, 3)));
  /* NULL index arrays are allowed */
  assert_int_equal(cl_correlation_matrix(&a, &r, NULL, NULL, &err), CL_OK);
  /* cross: constant columns of either side */
  assert_int_equal(cl_correlation_cross(&a, &b, &c, idx, &n, yi, &ny, &err),
                   CL_OK);
  assert_int_equal(n, 2);
  assert_int_equal(ny, 1);
  assert_int_equal(yi[0], 0);
  assert_true(isnan(CL_AT(&c, 0, 0)) && isnan(CL_AT(&c, 1, 1)));
  /* cor((1,2,3), (1,2,4)) = 3 / sqrt(2 * 14/3) = 0.981980506061966 (by hand:
  ** deviations (-1,0,1) and (-4/3,-1/3,5/3)) */
  assert_close(CL_AT(&c, 0, 1), 3.0 / sqrt(2.0 * 14.0 / 3.0), 1e-15);
}

static void test_bad_input (void **state) {
  double d[] = {1, NAN, 3, 4};
  cl_matrix a = {2, 2, d}, one = {1, 4, d + 0};
  double r_data[16];
  cl_matrix r = {2, 2, r_data}, wrong = {3, 3, r_data};
  cl_error err;
  (void)state;
  assert_int_equal(cl_correlation_matrix(&a, &r, NULL, NULL, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "[2, 1]"));
  d[1] = 2;
  assert_int_equal(cl_correlation_matrix(&a, &wrong, NULL, NULL, &err), CL_EDIM);
  assert_int_equal(cl_correlation_matrix(&one, &r, NULL, NULL, &err), CL_EDOMAIN);
  assert_int_equal(cl_correlation_cross(&X, &a, &r, NULL, NULL, NULL, NULL, &err),
                   CL_EDIM);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_matrix_against_r),
    cmocka_unit_test(test_cross_against_r),
    cmocka_unit_test(test_constant_columns_reported),
    cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
