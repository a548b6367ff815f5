/*
** test_matrix.c -- core/matrix.c: products, transpose, elementwise
** operations, reductions and concatenation on small hand-checked cases.
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/matrix.h"

/* a = [1 2; 3 4] stored column-major */
static double a_data[] = {1, 3, 2, 4};
static const cl_matrix A = {2, 2, a_data};

static void test_product (void **state) {
  double c_data[4], v_data[] = {1, 1}, w_data[2];
  cl_matrix c = {2, 2, c_data}, v = {2, 1, v_data}, w = {2, 1, w_data};
  cl_error err;
  (void)state;
  /* [1 2; 3 4]^2 = [7 10; 15 22] by hand */
  assert_int_equal(cl_matrix_mul(&A, &A, &c, &err), CL_OK);
  assert_true(c_data[0] == 7 && c_data[1] == 15 && c_data[2] == 10 && c_data[3] == 22);
  /* matrix times vector goes through dgemv: row sums 3, 7 */
  assert_int_equal(cl_matrix_mul(&A, &v, &w, &err), CL_OK);
  assert_true(w_data[0] == 3 && w_data[1] == 7);
  /* t(a) a = [10 14; 14 20] */
  assert_int_equal(cl_matrix_crossprod(&A, &A, &c, &err), CL_OK);
  assert_true(c_data[0] == 10 && c_data[1] == 14 && c_data[2] == 14 && c_data[3] == 20);
}

static void test_product_mismatch (void **state) {
  double b_data[3], c_data[6];
  cl_matrix b = {3, 1, b_data}, c = {2, 1, c_data};
  cl_error err;
  (void)state;
  assert_int_equal(cl_matrix_mul(&A, &b, &c, &err), CL_EDIM);
  assert_non_null(strstr(err.msg, "dimension mismatch"));
}

static void test_transpose (void **state) {
  double d[] = {1, 4, 2, 5, 3, 6}, t_data[6];  /* [1 2 3; 4 5 6] */
  cl_matrix m = {2, 3, d}, t = {3, 2, t_data};
  (void)state;
  assert_int_equal(cl_matrix_transpose(&m, &t, NULL), CL_OK);
  /* t = [1 4; 2 5; 3 6], column-major 1 2 3 4 5 6 */
  for (int k = 0; k < 6; k++) assert_true(t_data[k] == k + 1);
}

static void test_elementwise (void **state) {
  double c_data[4];
  cl_matrix c = {2, 2, c_data};
  cl_error err;
  (void)state;
  assert_int_equal(cl_matrix_elementwise(CL_EW_DIV, &A, &A, &c, &err), CL_OK);
  for (int k = 0; k < 4; k++) assert_true(c_data[k] == 1);
  cl_matrix_scalar(CL_EW_SUB, &A, 10, 1, &c);  /* 10 - a */
  assert_true(c_data[0] == 9 && c_data[3] == 6);
}

static void test_reductions (void **state) {
  double r[2], one;
  cl_matrix rows = {2, 1, r}, cols = {1, 2, r}, all = {1, 1, &one};
  cl_error err;
  (void)state;
  assert_int_equal(cl_matrix_reduce(CL_RED_SUM, CL_BY_ROW, &A, &rows, &err), CL_OK);
  assert_true(r[0] == 3 && r[1] == 7);
  assert_int_equal(cl_matrix_reduce(CL_RED_SUM, CL_BY_COL, &A, &cols, &err), CL_OK);
  assert_true(r[0] == 4 && r[1] == 6);
  /* sd of {1, 3, 2, 4} with n - 1: mean 2.5, squares 2.25+.25+.25+2.25 = 5,
  ** sqrt(5/3) */
  assert_int_equal(cl_matrix_reduce(CL_RED_SD, CL_BY_ALL, &A, &all, &err), CL_OK);
  assert_true(fabs(one - sqrt(5.0 / 3.0)) < 1e-15);
  assert_int_equal(cl_matrix_reduce(CL_RED_MAX, CL_BY_COL, &A, &cols, &err), CL_OK);
  assert_true(r[0] == 3 && r[1] == 4);
  /* wrong result shape is an error, not a write out of bounds */
  assert_int_equal(cl_matrix_reduce(CL_RED_SUM, CL_BY_ROW, &A, &cols, &err), CL_EDIM);
}

static void test_concat (void **state) {
  double h[8], v[8];
  cl_matrix hm = {2, 4, h}, vm = {4, 2, v};
  cl_error err;
  (void)state;
  assert_int_equal(cl_matrix_hcat(&A, &A, &hm, &err), CL_OK);
  assert_true(CL_AT(&hm, 1, 2) == 3 && CL_AT(&hm, 0, 3) == 2);
  assert_int_equal(cl_matrix_vcat(&A, &A, &vm, &err), CL_OK);
  assert_true(CL_AT(&vm, 2, 0) == 1 && CL_AT(&vm, 3, 1) == 4);
}

static void test_nonfinite (void **state) {
  double d[] = {1, 2, NAN, 4};
  cl_matrix m = {2, 2, d};
  (void)state;
  assert_int_equal(cl_matrix_first_nonfinite(&m), 2);
  assert_int_equal(cl_matrix_first_nonfinite(&A), 4);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_product),
    cmocka_unit_test(test_product_mismatch),
    cmocka_unit_test(test_transpose),
    cmocka_unit_test(test_elementwise),
    cmocka_unit_test(test_reductions),
    cmocka_unit_test(test_concat),
    cmocka_unit_test(test_nonfinite),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
