/*
** test_leontief.c -- core/leontief.c on Miller & Blair's (2009, ch. 2) two-
** sector example, computed by hand, and one test per bad input.
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/leontief.h"

/* Miller & Blair (2009) Table 2.3: Z = [150 500; 200 100], x = (1000, 2000),
** column-major. Published A = [0.15 0.25; 0.20 0.05]. By hand,
** det(I - A) = 0.85 * 0.95 - 0.25 * 0.20 = 0.7575 and
** L = (1 / 0.7575) [0.95 0.25; 0.20 0.85]. */
static double z_data[] = {150, 200, 500, 100};
static double x_data[] = {1000, 2000};
static const cl_matrix Z = {2, 2, z_data}, X = {2, 1, x_data};
static const char *const names[] = {"Agriculture", "Manufacturing"};

#define D 0.7575
#define assert_close(got, want) assert_true(fabs((got) - (want)) < 1e-12)
#define assert_msg(err, text) assert_non_null(strstr((err).msg, (text)))

static void test_coefficients (void **state) {
  double a[4], b[4];
  cl_matrix A = {2, 2, a}, B = {2, 2, b};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_coefficients(&Z, &X, NULL, &A, &err), CL_OK);
  assert_close(a[0], 0.15); assert_close(a[1], 0.20);
  assert_close(a[2], 0.25); assert_close(a[3], 0.05);
  /* B = diag(x)^-1 Z = [150/1000 500/1000; 200/2000 100/2000] */
  assert_int_equal(cl_leontief_output_coefficients(&Z, &X, NULL, &B, &err),
                   CL_OK);
  assert_close(b[0], 0.15); assert_close(b[1], 0.10);
  assert_close(b[2], 0.50); assert_close(b[3], 0.05);
}

static void test_inverse_and_ghosh (void **state) {
  double a[4], l[4], g[4];
  cl_matrix A = {2, 2, a}, L = {2, 2, l}, G = {2, 2, g};
  cl_error err;
  (void)state;
  cl_leontief_coefficients(&Z, &X, NULL, &A, &err);
  assert_int_equal(cl_leontief_inverse(&A, NULL, &L, &err), CL_OK);
  assert_close(l[0], 0.95 / D); assert_close(l[1], 0.20 / D);
  assert_close(l[2], 0.25 / D); assert_close(l[3], 0.85 / D);
  /* I - B = [0.85 -0.5; -0.1 0.95], det 0.7575, so
  ** G = (1 / 0.7575) [0.95 0.5; 0.1 0.85] (R: solve(diag(2) - B) agrees,
  ** tests/data/miller_blair/ref_R_ghosh.csv) */
  assert_int_equal(cl_leontief_ghosh(&Z, &X, NULL, &G, &err), CL_OK);
  assert_close(g[0], 0.95 / D); assert_close(g[1], 0.10 / D);
  assert_close(g[2], 0.50 / D); assert_close(g[3], 0.85 / D);
}

static void test_multipliers_and_solve (void **state) {
  double a[4], m[2], w[] = {0.3, 0.25}, f[] = {600, 1500}, x[2];
  cl_matrix A = {2, 2, a}, M = {2, 1, m}, W = {1, 2, w}, F = {2, 1, f};
  cl_matrix Xn = {2, 1, x};
  cl_error err;
  (void)state;
  cl_leontief_coefficients(&Z, &X, NULL, &A, &err);
  /* column sums of L: 1.15 / 0.7575 = 1.51815..., 1.10 / 0.7575 = 1.45215...
  ** (published 1.51815, 1.45215) */
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err), CL_OK);
  assert_close(m[0], 1.15 / D); assert_close(m[1], 1.10 / D);
  /* labour coefficients (0.3, 0.25) of M&B's example: sum_i w_i l_ij =
  ** (0.3 * 0.95 + 0.25 * 0.20) / D, (0.3 * 0.25 + 0.25 * 0.85) / D */
  assert_int_equal(cl_leontief_multipliers(&A, &W, NULL, &M, &err), CL_OK);
  assert_close(m[0], 0.335 / D); assert_close(m[1], 0.2875 / D);
  /* f = (600, 1500): x = L f = (945, 1395) / 0.7575, published
  ** (1247.5, 1841.6) */
  assert_int_equal(cl_leontief_solve(&A, &F, NULL, &Xn, &err), CL_OK);
  assert_true(fabs(x[0] - 945 / D) < 1e-9 && fabs(x[1] - 1395 / D) < 1e-9);
  assert_true(fabs(x[0] - 1247.5) < 0.05 && fabs(x[1] - 1841.6) < 0.05);
}

/* A column sum of A above 1 does not by itself make a table unproductive:
** A = [0 0.5; 1.2 0] has spectral radius sqrt(0.6) < 1, and by hand
** (I - A)^-1 = (1 / 0.4) [1 0.5; 1.2 1] = [2.5 1.25; 3 2.5]. */
static void test_productive_despite_column_sum (void **state) {
  double a[] = {0, 1.2, 0.5, 0}, l[4], m[2];
  cl_matrix A = {2, 2, a}, L = {2, 2, l}, M = {2, 1, m};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_inverse(&A, NULL, &L, &err), CL_OK);
  assert_close(l[0], 2.5); assert_close(l[1], 3);
  assert_close(l[2], 1.25); assert_close(l[3], 2.5);
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err), CL_OK);
  assert_close(m[0], 5.5); assert_close(m[1], 3.75);
}

static void test_bad_outputs (void **state) {
  double a[4], zero[] = {1000, 0}, neg[] = {-5, 2000}, nan_x[] = {NAN, 1};
  cl_matrix A = {2, 2, a}, X0 = {2, 1, zero}, Xn = {2, 1, neg};
  cl_matrix Xnan = {2, 1, nan_x};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_coefficients(&Z, &X0, names, &A, &err),
                   CL_EDOMAIN);
  assert_msg(err, "sector 2 (Manufacturing): output is 0; drop the sector or "
             "give its output");
  assert_int_equal(cl_leontief_output_coefficients(&Z, &Xn, NULL, &A, &err),
                   CL_EDOMAIN);
  assert_msg(err, "sector 1: output is -5; output cannot be negative");
  assert_int_equal(cl_leontief_ghosh(&Z, &Xnan, names, &A, &err), CL_EDOMAIN);
  assert_msg(err, "sector 1 (Agriculture): output is nan, not a finite number");
}

static void test_bad_flows (void **state) {
  double a[4], zneg[] = {150, -3, 500, 100}, zinf[] = {150, 200, INFINITY, 1};
  cl_matrix A = {2, 2, a}, Zn = {2, 2, zneg}, Zi = {2, 2, zinf};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_coefficients(&Zn, &X, names, &A, &err),
                   CL_EDOMAIN);
  assert_msg(err, "negative flow Z[2,1] (Manufacturing -> Agriculture) = -3");
  assert_int_equal(cl_leontief_coefficients(&Zn, &X, NULL, &A, &err),
                   CL_EDOMAIN);
  assert_msg(err, "negative flow Z[2,1] = -3");
  assert_int_equal(cl_leontief_coefficients(&Zi, &X, names, &A, &err),
                   CL_EDOMAIN);
  assert_msg(err, "Z[1,2] (Agriculture -> Manufacturing) is inf");
}

static void test_bad_shapes (void **state) {
  double z6[6] = {1, 1, 1, 1, 1, 1}, x3[3] = {1, 1, 1}, a[4], big[9];
  cl_matrix Zr = {2, 3, z6}, X3 = {3, 1, x3}, Xm = {2, 2, a};
  cl_matrix A = {2, 2, a}, Big = {3, 3, big};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_coefficients(&Zr, &X, NULL, &Big, &err),
                   CL_EDIM);
  assert_msg(err, "Z must be square (sectors x sectors), got 2 x 3");
  assert_int_equal(cl_leontief_coefficients(&Z, &X3, NULL, &A, &err), CL_EDIM);
  assert_msg(err, "x has 3 elements, Z has 2 sectors");
  assert_int_equal(cl_leontief_coefficients(&Z, &Xm, NULL, &A, &err), CL_EDIM);
  assert_msg(err, "x must be a vector of outputs, got 2 x 2");
  assert_int_equal(cl_leontief_inverse(&Zr, NULL, &Big, &err), CL_EDIM);
  assert_msg(err, "A must be square");
  assert_int_equal(cl_leontief_solve(&A, &X3, NULL, &X3, &err), CL_EDIM);
  assert_msg(err, "f has 3 rows, A has 2 sectors");
}

static void test_negative_coefficient (void **state) {
  double a[] = {0.1, 0.2, -0.1, 0.3}, l[4];
  cl_matrix A = {2, 2, a}, L = {2, 2, l};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_inverse(&A, names, &L, &err), CL_EDOMAIN);
  assert_msg(err, "negative coefficient A[1,2] (Agriculture -> Manufacturing) "
             "= -0.1");
}

/* A = [0.5 0.5; 0.5 0.5]: I - A = [0.5 -0.5; -0.5 0.5] has rank 1 */
static void test_singular (void **state) {
  double a[] = {0.5, 0.5, 0.5, 0.5}, l[4], m[2];
  cl_matrix A = {2, 2, a}, L = {2, 2, l}, M = {2, 1, m};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_inverse(&A, names, &L, &err), CL_ESINGULAR);
  assert_msg(err, "(I - A) is singular (reciprocal condition number 0)");
  assert_msg(err, "check sector 1 (Agriculture) whose column sum of A is 1");
  assert_int_equal(cl_leontief_multipliers(&A, NULL, names, &M, &err),
                   CL_ESINGULAR);
}

/* A = [0.6 0.6; 0.6 0.7]: det(I - A) = 0.4 * 0.3 - 0.36 = -0.24, so I - A is
** invertible, but the inverse has negative elements: the spectral radius,
** the larger root of t^2 - 1.3 t + 0.06 = 0, is (1.3 + sqrt(1.45)) / 2 =
** 1.25208 >= 1. Sector 2's column sum, 1.3, is the largest. */
static void test_unproductive (void **state) {
  double a[] = {0.6, 0.6, 0.6, 0.7}, l[4], m[2], f[] = {1, 1}, x[2];
  cl_matrix A = {2, 2, a}, L = {2, 2, l}, M = {2, 1, m}, F = {2, 1, f};
  cl_matrix Xs = {2, 1, x};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_inverse(&A, names, &L, &err), CL_EDOMAIN);
  assert_msg(err, "the table is not productive: spectral radius of A is "
             "1.25208 >= 1; check sector 2 (Manufacturing) whose column sum "
             "of A is 1.3");
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err),
                   CL_EDOMAIN);
  assert_msg(err, "spectral radius of A is 1.25208");
  assert_int_equal(cl_leontief_solve(&A, &F, NULL, &Xs, &err), CL_EDOMAIN);
}

/* Many tables at once on two threads: each inverse equal to the bit to
** cl_leontief_inverse's (the same single-threaded LU and dgetri); the
** lowest failing table is reported with its own message. Tables: M&B's A,
** the unproductive one above, and k x k ones with a_ij = 1 / (2k + i + j)
** (64 sectors and more: inverted side by side). */
static void test_inverses (void **state) {
  enum { COUNT = 6, K = 72 };
  static double data[COUNT][K * K], out[COUNT][K * K], one[K * K];
  double mb[4], bad[] = {0.6, 0.6, 0.6, 0.7};
  cl_matrix tables[COUNT], results[COUNT], single;
  const cl_matrix *a[COUNT];
  cl_matrix *l[COUNT];
  const char *const *tnames[COUNT] = {names, NULL, NULL, NULL, names, NULL};
  size_t i, j, k, failed = 99;
  cl_error err;
  (void)state;
  cl_leontief_coefficients(&Z, &X, NULL, &(cl_matrix){2, 2, mb}, &err);
  for (k = 0; k < COUNT; k++) {
    size_t n = k == 0 || k == 4 ? 2 : K - k;
    for (j = 0; j < n; j++)
      for (i = 0; i < n; i++)
        data[k][j * n + i] = k == 0 ? mb[j * 2 + i] : k == 4 ? bad[j * 2 + i]
                                    : 1.0 / (double)(2 * n + i + j);
    tables[k] = (cl_matrix){n, n, data[k]};
    results[k] = (cl_matrix){n, n, out[k]};
    a[k] = &tables[k];
    l[k] = &results[k];
  }
  /* without the unproductive table: all inverted, each as the single call */
  a[4] = &tables[1];
  results[4] = (cl_matrix){K - 1, K - 1, out[4]};
  assert_int_equal(cl_leontief_inverses(a, tnames, l, COUNT, 2, &failed, &err),
                   CL_OK);
  for (k = 0; k < COUNT; k++) {
    single = (cl_matrix){a[k]->rows, a[k]->cols, one};
    assert_int_equal(cl_leontief_inverse(a[k], NULL, &single, &err), CL_OK);
    assert_memory_equal(one, out[k], a[k]->rows * a[k]->cols * sizeof(double));
  }
  assert_close(out[0][0], 0.95 / D);
  /* with it: table 5 (index 4) fails, named by its own sector names */
  a[4] = &tables[4];
  results[4] = (cl_matrix){2, 2, out[4]};
  assert_int_equal(cl_leontief_inverses(a, tnames, l, COUNT, 2, &failed, &err),
                   CL_EDOMAIN);
  assert_int_equal(failed, 4);
  assert_msg(err, "spectral radius of A is 1.25208 >= 1; check sector 2 "
             "(Manufacturing)");
  /* one thread, and no tables, take the same path's results */
  assert_int_equal(cl_leontief_inverses(a, tnames, l, 4, 1, &failed, &err),
                   CL_OK);
  assert_int_equal(cl_leontief_inverses(a, NULL, l, 0, 2, &failed, &err),
                   CL_OK);
}

/* Z = [60 60; 60 70], x = (100, 100): B = A = [0.6 0.6; 0.6 0.7] as above;
** the Ghosh message blames the largest row sum of B, sector 2's 1.3 */
static void test_ghosh_unproductive (void **state) {
  double z[] = {60, 60, 60, 70}, x[] = {100, 100}, g[4];
  cl_matrix Zu = {2, 2, z}, Xu = {2, 1, x}, G = {2, 2, g};
  cl_error err;
  (void)state;
  assert_int_equal(cl_leontief_ghosh(&Zu, &Xu, NULL, &G, &err), CL_EDOMAIN);
  assert_msg(err, "spectral radius of B is 1.25208 >= 1; check sector 2 whose "
             "row sum of B is 1.3");
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_coefficients),
    cmocka_unit_test(test_inverse_and_ghosh),
    cmocka_unit_test(test_multipliers_and_solve),
    cmocka_unit_test(test_productive_despite_column_sum),
    cmocka_unit_test(test_bad_outputs),
    cmocka_unit_test(test_bad_flows),
    cmocka_unit_test(test_bad_shapes),
    cmocka_unit_test(test_negative_coefficient),
    cmocka_unit_test(test_singular),
    cmocka_unit_test(test_unproductive),
    cmocka_unit_test(test_inverses),
    cmocka_unit_test(test_ghosh_unproductive),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
