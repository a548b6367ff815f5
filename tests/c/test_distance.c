/*
** test_distance.c -- core/distance.c: every method of R's dist against R
** 4.2.2 on small matrices (commands next to the numbers), and bad input.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/distance.h"

/* X <- rbind(c(1,-2,3), c(0,4,3), c(2.5,0,-1), c(0,0,3)), column-major */
static double x_data[] = {1, 0, 2.5, 0, -2, 4, 0, 0, 3, 3, -1, 3};
static const cl_matrix X = {4, 3, x_data};

/* B <- rbind(c(1,0,1,1), c(0,0,0,0), c(1,1,0,1), c(0,0,0,0), c(0,1,1,0)):
** rows 2 and 4 are all zero */
static double b_data[] = {1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1,
                          1, 0, 1, 0, 0};
static const cl_matrix B = {5, 4, b_data};

static void check_against (const cl_matrix *x, cl_distance_method m, double p,
                           const double *want, double tol) {
  double d_data[25];
  cl_matrix d = {x->rows, x->rows, d_data};
  cl_error err;
  size_t i, j;
  assert_int_equal(cl_distance_matrix(x, m, p, &d, &err), CL_OK);
  for (i = 0; i < x->rows; i++)
    for (j = 0; j < x->rows; j++) {
      double w = want[i * x->rows + j];
      if (!(fabs(CL_AT(&d, i, j) - w) <= tol))
        fail_msg("d[%zu, %zu] = %.17g, want %.17g", i + 1, j + 1,
                 CL_AT(&d, i, j), w);
      assert_true(CL_AT(&d, i, j) == CL_AT(&d, j, i));  /* exactly */
    }
}

static void test_euclidean (void **state) {
  /* R: print(as.matrix(dist(X)), digits = 17) */
  const double want[] = {
    0, 6.0827625302982193, 4.7169905660283016, 2.2360679774997898,
    6.0827625302982193, 0, 6.1846584384264904, 4,
    4.7169905660283016, 6.1846584384264904, 0, 4.7169905660283016,
    2.2360679774997898, 4, 4.7169905660283016, 0};
  (void)state;
  check_against(&X, CL_DIST_EUCLIDEAN, 0, want, 1e-15);
}

static void test_manhattan_maximum (void **state) {
  /* R: as.matrix(dist(X, "manhattan")), as.matrix(dist(X, "maximum")) */
  const double man[] = {0, 7, 7.5, 3, 7, 0, 10.5, 4, 7.5, 10.5, 0, 6.5,
                        3, 4, 6.5, 0};
  const double max[] = {0, 6, 4, 2, 6, 0, 4, 4, 4, 4, 0, 4, 2, 4, 4, 0};
  (void)state;
  check_against(&X, CL_DIST_MANHATTAN, 0, man, 0);
  check_against(&X, CL_DIST_MAXIMUM, 0, max, 0);
}

static void test_canberra (void **state) {
  /* R: print(as.matrix(dist(X, "canberra")), digits = 17). By hand, rows 2
  ** and 4, (0,4,3) and (0,0,3): column 1 is 0/0 and left out, 4/4 + 0/6 = 1
  ** over 2 of the 3 columns, scaled by 3/2: 1.5 */
  const double want[] = {
    0, 2, 2.4285714285714288, 2,
    2, 0, 3, 1.5,
    2.4285714285714288, 3, 0, 3,
    2, 1.5, 3, 0};
  (void)state;
  check_against(&X, CL_DIST_CANBERRA, 0, want, 1e-15);
}

static void test_minkowski (void **state) {
  /* R: print(as.matrix(dist(X, "minkowski", p = 3)), digits = 17) and
  ** p = 0.5 */
  const double p3[] = {
    0, 6.0092450069173662, 4.2241802501421244, 2.0800838230519041,
    6.0092450069173662, 0, 5.2369289348754933, 3.9999999999999996,
    4.2241802501421244, 5.2369289348754933, 0, 4.3021262244758240,
    2.0800838230519041, 3.9999999999999996, 4.3021262244758240, 0};
  const double p05[] = {
    0, 11.898979485566354, 21.519935350196494, 5.8284271247461898,
    11.898979485566354, 0, 31.149110640673520, 4,
    21.519935350196494, 31.149110640673520, 0, 12.824555320336762,
    5.8284271247461898, 4, 12.824555320336762, 0};
  (void)state;
  check_against(&X, CL_DIST_MINKOWSKI, 3, p3, 1e-14);
  check_against(&X, CL_DIST_MINKOWSKI, 0.5, p05, 1e-13);
}

static void test_binary (void **state) {
  /* R: as.matrix(dist(B, "binary")). By hand, rows 1 and 5, (1,0,1,1) and
  ** (0,1,1,0): non-zero in either row in all 4 columns, in only one row in
  ** columns 1, 2, 4: 3/4. The all-zero rows 2 and 4 are at 0 from each other
  ** and at 1 from every other row, as R. */
  const double want[] = {
    0, 1, 0.5, 1, 0.75,
    1, 0, 1, 0, 1,
    0.5, 1, 0, 1, 0.75,
    1, 0, 1, 0, 1,
    0.75, 1, 0.75, 1, 0};
  (void)state;
  check_against(&B, CL_DIST_BINARY, 0, want, 0);
}

/* cl_distance_to gives single linkage the pairs down the packed triangle's
** columns: each bit for bit as cl_distance_packed stored it, for every
** method, for all the rows before i and for every third of them */
static void test_distance_to (void **state) {
  enum { N = 23, C = 3 };
  static const cl_distance_method methods[] = {
    CL_DIST_EUCLIDEAN, CL_DIST_MANHATTAN, CL_DIST_MAXIMUM, CL_DIST_CANBERRA,
    CL_DIST_BINARY, CL_DIST_MINKOWSKI};
  double x_many[N * C], packed[N * (N - 1) / 2], out[N], *rows;
  cl_matrix many = {N, C, x_many};
  size_t js[N], i, j, k, m, step, t;
  cl_error err;
  (void)state;
  for (k = 0; k < N * C; k++) {  /* frac(k^2 sqrt 2), one value in 5 zero */
    double v = (double)(k * k) * sqrt(2.0);
    x_many[k] = k % 5 == 0 ? 0 : v - floor(v);
  }
  for (t = 0; t < sizeof methods / sizeof methods[0]; t++) {
    assert_int_equal(cl_distance_packed(&many, methods[t], 3, packed, &err),
                     CL_OK);
    assert_int_equal(cl_distance_rows(&many, methods[t], 3, &rows, &err),
                     CL_OK);
    for (step = 1; step <= 3; step += 2)
      for (i = 1; i < N; i++) {
        for (m = 0, j = 0; j < i; j += step) js[m++] = j;
        cl_distance_to(rows, C, methods[t], 3, i, js, m, out);
        for (k = 0; k < m; k++) {
          j = js[k];
          if (!(out[k] == packed[j * N - j * (j + 1) / 2 + i - j - 1]))
            fail_msg("method %d: d(%zu, %zu) = %.17g, packed %.17g",
                     (int)methods[t], j, i, out[k],
                     packed[j * N - j * (j + 1) / 2 + i - j - 1]);
        }
      }
    free(rows);
  }
  assert_true(cl_distance_cheap(CL_DIST_EUCLIDEAN, 16));
  assert_false(cl_distance_cheap(CL_DIST_EUCLIDEAN, 17));
  assert_false(cl_distance_cheap(CL_DIST_MINKOWSKI, 2));
}

/* R's pair formula for euclidean (src/library/stats/src/distance.c): the
** sum over k in order of (x_ik - x_jk)^2, then its square root */
static double euclidean_pair (const cl_matrix *x, size_t i, size_t j) {
  double s = 0;
  size_t k;
  for (k = 0; k < x->cols; k++) {
    double dev = CL_AT(x, i, k) - CL_AT(x, j, k);
    s += dev * dev;
  }
  return sqrt(s);
}

/* the euclidean loops run across pairs (several lanes, blocks of rows): on
** sizes that leave partial blocks and lanes, one column, 17 columns, and
** values from 1e-100 to 1e100 side by side, every distance of
** cl_distance_packed (one thread below 2^20 pairs, two above: n = 1500),
** cl_distance_matrix and cl_distance_to has the scalar formula's bits */
static void test_euclidean_lanes (void **state) {
  static const size_t sizes[][2] = {{1, 1}, {2, 17}, {3, 1}, {513, 17},
                                    {515, 1}, {1030, 3}, {1500, 2}};
  static const double scale[] = {1e-100, 1e-3, 1, 7e5, 1e100};
  size_t s, i, j, k, n, cols, *js;
  cl_error err;
  (void)state;
  for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    double *xd, *packed, *dd = NULL, *rows, *out;
    cl_matrix x, d;
    n = sizes[s][0];
    cols = sizes[s][1];
    xd = malloc(n * cols * sizeof(double));
    packed = malloc((n * (n - 1) / 2 + 1) * sizeof(double));
    out = malloc(n * sizeof(double));
    js = malloc(n * sizeof(size_t));
    assert_true(xd != NULL && packed != NULL && out != NULL && js != NULL);
    for (k = 0; k < n * cols; k++) {  /* frac(k^2 sqrt 2), signed, scaled */
      double v = (double)(k * k) * sqrt(2.0);
      xd[k] = (k % 2 ? -1 : 1) * (v - floor(v)) * scale[(k * 7) % 5];
    }
    x = (cl_matrix){n, cols, xd};
    assert_int_equal(cl_distance_packed(&x, CL_DIST_EUCLIDEAN, 0, packed,
                                        &err), CL_OK);
    for (i = 0; i < n; i++)
      for (j = i + 1; j < n; j++) {
        double want = euclidean_pair(&x, i, j);
        double got = packed[i * n - i * (i + 1) / 2 + j - i - 1];
        if (memcmp(&got, &want, sizeof got) != 0)
          fail_msg("n %zu, p %zu: packed d(%zu, %zu) = %a, pair formula %a",
                   n, cols, i, j, got, want);
      }
    if (n <= 515) {  /* the full matrix: n^2 doubles */
      dd = malloc(n * n * sizeof(double));
      assert_non_null(dd);
      d = (cl_matrix){n, n, dd};
      assert_int_equal(cl_distance_matrix(&x, CL_DIST_EUCLIDEAN, 0, &d, &err),
                       CL_OK);
      for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
          double want = i == j ? 0 : euclidean_pair(&x, i < j ? i : j,
                                                    i < j ? j : i);
          if (memcmp(&CL_AT(&d, i, j), &want, sizeof want) != 0)
            fail_msg("n %zu, p %zu: matrix d(%zu, %zu) = %a, pair formula %a",
                     n, cols, i, j, CL_AT(&d, i, j), want);
        }
      free(dd);
    }
    assert_int_equal(cl_distance_rows(&x, CL_DIST_EUCLIDEAN, 0, &rows, &err),
                     CL_OK);
    for (i = n - 1; i > 0 && i + 4 > n; i--) {  /* the last rows' columns */
      for (j = 0; j < i; j++) js[j] = j;
      cl_distance_to(rows, cols, CL_DIST_EUCLIDEAN, 0, i, js, i, out);
      for (j = 0; j < i; j++)
        if (!(out[j] == packed[j * n - j * (j + 1) / 2 + i - j - 1]))
          fail_msg("n %zu, p %zu: cl_distance_to d(%zu, %zu) = %a, packed "
                   "%a", n, cols, j, i, out[j],
                   packed[j * n - j * (j + 1) / 2 + i - j - 1]);
    }
    free(rows);
    free(js);
    free(out);
    free(packed);
    free(xd);
  }
}

static void test_bad_input (void **state) {
  double d_data[25], nan_data[] = {1, 2, NAN, 4};
  cl_matrix d = {4, 4, d_data}, small = {3, 3, d_data}, none = {4, 0, x_data};
  cl_matrix withnan = {2, 2, nan_data}, d2 = {2, 2, d_data};
  /* rows 2 and 4 of B are 0 in every column: no canberra distance (R: NA) */
  cl_matrix b5 = {5, 4, b_data}, d5 = {5, 5, d_data};
  cl_error err;
  (void)state;
  assert_int_equal(cl_distance_matrix(&X, CL_DIST_EUCLIDEAN, 0, &small, &err),
                   CL_EDIM);
  assert_non_null(strstr(err.msg, "must be 4 x 4"));
  assert_int_equal(cl_distance_matrix(&none, CL_DIST_EUCLIDEAN, 0, &d, &err),
                   CL_EDIM);
  assert_non_null(strstr(err.msg, "at least one column"));
  assert_int_equal(cl_distance_matrix(&withnan, CL_DIST_EUCLIDEAN, 0, &d2,
                                      &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "row 1, column 2"));
  assert_int_equal(cl_distance_matrix(&X, CL_DIST_MINKOWSKI, 0, &d, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "minkowski power p"));
  assert_int_equal(cl_distance_matrix(&X, CL_DIST_MINKOWSKI, INFINITY, &d,
                                      &err), CL_EDOMAIN);
  assert_int_equal(cl_distance_matrix(&b5, CL_DIST_CANBERRA, 0, &d5, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "rows 2 and 4"));
  assert_int_equal(cl_distance_matrix(&X, (cl_distance_method)42, 0, &d, &err),
                   CL_EDOMAIN);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_euclidean),
    cmocka_unit_test(test_manhattan_maximum),
    cmocka_unit_test(test_canberra),
    cmocka_unit_test(test_minkowski),
    cmocka_unit_test(test_binary),
    cmocka_unit_test(test_distance_to),
    cmocka_unit_test(test_euclidean_lanes),
    cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
