/*
** test_linalg.c -- core/linalg.c on small cases solved by hand (shown in the
** comments): solve, inverse, LU reuse, determinant, singular detection,
** Cholesky, least squares, eigen-decompositions (ordering) and SVD.
*/
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/linalg.h"

#define TOL 1e-12

/* fills column-major storage from a row-major literal, for readable tests */
static cl_matrix rows_of (size_t r, size_t c, const double *rowmajor,
                          double *store) {
  cl_matrix m = {r, c, store};
  for (size_t i = 0; i < r; i++)
    for (size_t j = 0; j < c; j++) CL_AT(&m, i, j) = rowmajor[i * c + j];
  return m;
}

static void assert_close (double got, double want) {
  if (!(fabs(got - want) <= TOL * fmax(1.0, fabs(want))))
    fail_msg("got %.17g, want %.17g", got, want);
}

/* A = [4 1; 2 3]: det 10, A^-1 = [3 -1; -2 4] / 10 */
static const double A2[] = {4, 1, 2, 3};

static void test_solve_2x2 (void **state) {
  double sa[4], sb[4], sx[4];
  /* B = [1 0; 2 1]: X = A^-1 B = [(3-2)/10 -1/10; (-2+8)/10 4/10] */
  const double b[] = {1, 0, 2, 1};
  cl_matrix a = rows_of(2, 2, A2, sa), B = rows_of(2, 2, b, sb), x = {2, 2, sx};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_solve(&a, &B, &x, &err), CL_OK);
  assert_close(CL_AT(&x, 0, 0), 0.1);
  assert_close(CL_AT(&x, 1, 0), 0.6);
  assert_close(CL_AT(&x, 0, 1), -0.1);
  assert_close(CL_AT(&x, 1, 1), 0.4);
  assert_close(sa[0], 4);  /* input untouched */
}

static void test_solve_3x3 (void **state) {
  /* x = (1, 2, 3) gives b = A x = (2+2+3, 1+6+6, 1) = (7, 13, 1); A needs a
  ** row interchange (pivot 2 in column 1 is not the largest) */
  const double ar[] = {2, 1, 1, 1, 3, 2, 1, 0, 0};
  double sa[9], sb[] = {7, 13, 1}, sx[3];
  cl_matrix a = rows_of(3, 3, ar, sa), b = {3, 1, sb}, x = {3, 1, sx};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_solve(&a, &b, &x, &err), CL_OK);
  assert_close(sx[0], 1);
  assert_close(sx[1], 2);
  assert_close(sx[2], 3);
}

/* Found by tests/fuzz/fuzz_linalg.c: well-conditioned systems whose solution
** (or residual sum of squares) overflows came back with Inf or NaN and
** CL_OK. */
static void test_solve_overflow (void **state) {
  const double s = 0x1p-600, t = 0x1p600;
  /* s [1 1 -1; 0 1 0; 0 0 1] (condition number 4 in the 1-norm) and
  ** b = (0, 2^600, 2^600): x3 = x2 = 2^600 / 2^-600 = 2^1200 > DBL_MAX, and
  ** back substitution gave x1 = (0 - s x2 + s x3) / s = -Inf + Inf = NaN */
  const double ar[] = {s, s, -s, 0, s, 0, 0, 0, s};
  double sa[9], sb[] = {0, t, t}, sx[3], rss[1];
  double one[] = {1, 0}, big[] = {0, 1e300};
  cl_matrix a = rows_of(3, 3, ar, sa), b = {3, 1, sb}, x = {3, 1, sx};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_solve(&a, &b, &x, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "the solution overflows a double"));
  /* the same system by least squares (exact fit, so the same x) */
  assert_int_equal(cl_linalg_lstsq(&a, &b, &x, rss, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "the solution overflows a double"));
  /* [1; 0] x = (0, 1e300): x = 0 leaves the residual (0, 1e300), whose sum
  ** of squares 1e600 is beyond DBL_MAX (it came out Inf) */
  a = (cl_matrix){2, 1, one};
  b = (cl_matrix){2, 1, big};
  x = (cl_matrix){1, 1, sx};
  assert_int_equal(cl_linalg_lstsq(&a, &b, &x, rss, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "the residual sum of squares of column 1 "
                      "overflows a double");
}

static void test_inverse (void **state) {
  /* the textbook matrix [1 2 3; 0 1 4; 5 6 0] has det 1 and inverse
  ** [-24 18 5; 20 -15 -4; -5 4 1] (cofactors by hand; numpy.linalg.inv
  ** agrees) */
  const double ar[] = {1, 2, 3, 0, 1, 4, 5, 6, 0};
  const double want[] = {-24, 18, 5, 20, -15, -4, -5, 4, 1};
  double sa[9], si[9], s2[4], s2i[4];
  cl_matrix a = rows_of(3, 3, ar, sa), inv = {3, 3, si};
  cl_matrix a2 = rows_of(2, 2, A2, s2), inv2 = {2, 2, s2i};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_inv(&a, &inv, &err), CL_OK);
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 3; j++)
      if (fabs(CL_AT(&inv, i, j) - want[i * 3 + j]) > 1e-10)
        fail_msg("inv[%zu,%zu] = %g", i, j, CL_AT(&inv, i, j));
  assert_int_equal(cl_linalg_inv(&a2, &inv2, &err), CL_OK);
  assert_close(CL_AT(&inv2, 0, 0), 0.3);
  assert_close(CL_AT(&inv2, 0, 1), -0.1);
  assert_close(CL_AT(&inv2, 1, 0), -0.2);
  assert_close(CL_AT(&inv2, 1, 1), 0.4);
}

static void test_lu_reuse (void **state) {
  double sa[4], slu[4], sb[] = {1, 2}, sx[2], det;
  int ipiv[2];
  cl_matrix a = rows_of(2, 2, A2, sa), b = {2, 1, sb}, x = {2, 1, sx};
  cl_lu f = {{2, 2, slu}, ipiv, 0};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_lu(&a, &f, &err), CL_OK);
  /* ||A||_1 = 6, ||A^-1||_1 = 0.5: rcond = 1 / 3 */
  assert_close(f.rcond, 1.0 / 3.0);
  assert_int_equal(cl_linalg_lu_solve(&f, 'N', &b, &x, &err), CL_OK);
  assert_close(sx[0], 0.1);
  assert_close(sx[1], 0.6);
  /* A' = [4 2; 1 3], A'^-1 = [3 -2; -1 4] / 10: y = (-0.1, 0.7) */
  assert_int_equal(cl_linalg_lu_solve(&f, 'T', &b, &x, &err), CL_OK);
  assert_close(sx[0], -0.1);
  assert_close(sx[1], 0.7);
  assert_int_equal(cl_linalg_lu_det(&f, &det, &err), CL_OK);
  assert_close(det, 10);
  assert_int_equal(cl_linalg_lu_solve(&f, 'X', &b, &x, &err), CL_EDOMAIN);
}

static void test_det (void **state) {
  const double swap[] = {0, 1, 1, 0}, sing[] = {1, 2, 2, 4};
  const double big[] = {1e200, 0, 0, 1e200};
  const double tb[] = {1, 2, 3, 0, 1, 4, 5, 6, 0};
  double s[9], det;
  cl_matrix m;
  cl_error err;
  (void)state;
  m = rows_of(2, 2, A2, s);  /* 4*3 - 1*2 */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_close(det, 10);
  m = rows_of(2, 2, swap, s);  /* one row interchange: -1 */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_close(det, -1);
  m = rows_of(3, 3, tb, s);  /* cofactor expansion: 1 */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_close(det, 1);
  m = rows_of(2, 2, sing, s);  /* second row = 2 * first */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_true(det == 0.0);
  m = rows_of(2, 2, big, s);  /* 1e400 does not fit a double */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "overflows"));
  m = (cl_matrix){0, 0, s};  /* the empty product */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_true(det == 1.0);
}

/* Extreme but finite entries (found by tests/fuzz/fuzz_linalg.c): OpenBLAS's
** dgetrf turned a denormal pivot into NaN in U, and entries near DBL_MAX
** overflowed the elimination; the determinant came out NaN with CL_OK. */
static void test_det_extreme (void **state) {
  const double p = 0x1p1023, d = 0x1p-1030, t = 0x1p-1070;
  const double tri[] = {1, 1, 0, 0, d, 0, 0, 0, 1};
  const double huge[] = {p, p, 0, -p, p, 0, 0, 0, t};
  const double tiny[] = {1e-310, 0, 0, 1e-310};
  double s[9], det;
  cl_matrix m;
  cl_error err;
  (void)state;
  m = rows_of(3, 3, tri, s);  /* triangular: 1 * 2^-1030 * 1, a denormal */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_true(det == 0x1p-1030);
  /* block diagonal: (2^1023 2^1023 + 2^1023 2^1023) 2^-1070 = 2^2047 2^-1070
  ** = 2^977, although the 2 x 2 block alone overflows */
  m = rows_of(3, 3, huge, s);
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_true(det == 0x1p977);
  m = rows_of(2, 2, tiny, s);  /* 1e-620 underflows to 0, as the product */
  assert_int_equal(cl_linalg_det(&m, &det, &err), CL_OK);
  assert_true(det == 0.0);
}

static void test_singular (void **state) {
  const double sing[] = {1, 2, 2, 4};
  /* [1 1; 1 1+d] with d = 2^-51: ||A||_1 = 2 + d, ||A^-1||_1 = (2 + d) / d,
  ** so rcond = d / (2 + d)^2, about 1.1e-16 < DBL_EPSILON */
  const double near[] = {1, 1, 1, 1 + 0x1p-51};
  double s[4], sb[] = {1, 2}, sx[4], slu[4];
  int ipiv[2];
  cl_matrix a, b = {2, 1, sb}, x = {2, 1, sx}, inv = {2, 2, sx};
  cl_lu f = {{2, 2, slu}, ipiv, 0};
  cl_error err;
  (void)state;
  a = rows_of(2, 2, sing, s);
  assert_int_equal(cl_linalg_solve(&a, &b, &x, &err), CL_ESINGULAR);
  assert_string_equal(err.msg, "matrix is singular (U[2,2] = 0)");
  assert_int_equal(cl_linalg_inv(&a, &inv, &err), CL_ESINGULAR);
  assert_int_equal(cl_linalg_lu(&a, &f, &err), CL_ESINGULAR);
  a = rows_of(2, 2, near, s);
  assert_int_equal(cl_linalg_solve(&a, &b, &x, &err), CL_ESINGULAR);
  assert_non_null(strstr(err.msg, "numerically singular (reciprocal condition number 1.1e-16)"));
  assert_int_equal(cl_linalg_inv(&a, &inv, &err), CL_ESINGULAR);
  assert_int_equal(cl_linalg_lu(&a, &f, &err), CL_ESINGULAR);
}

static void test_bad_input (void **state) {
  double s[6] = {1, 2, 3, 4, 5, 6}, sb[3] = {1, 2, 3}, sx[6];
  cl_matrix rect = {2, 3, s}, sq = {2, 2, s}, b3 = {3, 1, sb}, x = {2, 1, sx};
  cl_matrix b2 = {2, 1, sb}, x22 = {2, 2, sx};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_solve(&rect, &b3, &x, &err), CL_EDIM);
  assert_string_equal(err.msg, "square matrix expected, got 2 x 3");
  assert_int_equal(cl_linalg_solve(&sq, &b3, &x, &err), CL_EDIM);
  assert_non_null(strstr(err.msg, "dimension mismatch"));
  s[1] = NAN;
  assert_int_equal(cl_linalg_solve(&sq, &b2, &x, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "A[2,1] is nan"));
  assert_int_equal(cl_linalg_inv(&sq, &x22, &err), CL_EDOMAIN);
  s[1] = 2;
  sb[1] = INFINITY;
  assert_int_equal(cl_linalg_solve(&sq, &b2, &x, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "B[2,1] is inf"));
}

static void test_chol (void **state) {
  /* [4 2; 2 3] = R'R with R = [2 1; 0 sqrt(2)]: r11 = sqrt 4, r12 = 2 / 2,
  ** r22 = sqrt(3 - 1^2). The 3 x 3 case is Wikipedia's "Cholesky
  ** decomposition" example, L = [2 0 0; 6 1 0; -8 5 3] = R' */
  const double a2[] = {4, 2, 2, 3};
  const double a3[] = {4, 12, -16, 12, 37, -43, -16, -43, 98};
  const double r3[] = {2, 6, -8, 0, 1, 5, 0, 0, 3};  /* R = L', by rows */
  const double notpd[] = {1, 2, 2, 1}, asym[] = {1, 2, 3, 1};
  const double notpd_huge[] = {1e-300, 0, 1e300, 0, 1, 0, 1e300, 0, 0};
  double s[9], sr[9];
  cl_matrix a, r = {2, 2, sr};
  cl_error err;
  (void)state;
  a = rows_of(2, 2, a2, s);
  assert_int_equal(cl_linalg_chol(&a, &r, &err), CL_OK);
  assert_close(CL_AT(&r, 0, 0), 2);
  assert_close(CL_AT(&r, 0, 1), 1);
  assert_close(CL_AT(&r, 1, 0), 0);
  assert_close(CL_AT(&r, 1, 1), sqrt(2.0));
  a = rows_of(3, 3, a3, s);
  r = (cl_matrix){3, 3, sr};
  assert_int_equal(cl_linalg_chol(&a, &r, &err), CL_OK);
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 3; j++) assert_close(CL_AT(&r, i, j), r3[i * 3 + j]);
  /* [1 2; 2 1]: leading minors 1 and 1 - 4 = -3 */
  a = rows_of(2, 2, notpd, s);
  r = (cl_matrix){2, 2, sr};
  assert_int_equal(cl_linalg_chol(&a, &r, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "matrix is not positive definite (the leading "
                      "minor of order 2 is not positive)");
  a = rows_of(2, 2, asym, s);
  assert_int_equal(cl_linalg_chol(&a, &r, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "not symmetric"));
  /* found by tests/fuzz/fuzz_linalg.c: [1e-300 0 1e300; 0 1 0; 1e300 0 0]
  ** has leading minors 1e-300, 1e-300 and -1e600 (expanding along row 3:
  ** 1e300 (0 - 1e300)); r13 = 1e300 / 1e-150 overflowed, r23 = 0 * Inf and
  ** r33 were NaN, and OpenBLAS's dpotrf returned them with info 0 */
  a = rows_of(3, 3, notpd_huge, s);
  r = (cl_matrix){3, 3, sr};
  assert_int_equal(cl_linalg_chol(&a, &r, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "matrix is not positive definite (the leading "
                      "minor of order 3 is not positive)");
}

static void test_lstsq (void **state) {
  /* y = a + b t through (1, 1), (2, 2), (3, 2). Normal equations
  ** [3 6; 6 14] (a, b) = (5, 11): a = 2/3, b = 1/2; residuals -1/6, 1/3,
  ** -1/6, so rss = (1 + 4 + 1) / 36 = 1/6. Second column y = 1 + 2t is
  ** fitted exactly (rss 0). */
  const double ar[] = {1, 1, 1, 2, 1, 3};
  const double br[] = {1, 3, 2, 5, 2, 7};
  const double rank1[] = {1, 2, 1, 2, 1, 2};
  double sa[6], sb[6], sx[4], rss[2];
  cl_matrix a = rows_of(3, 2, ar, sa), b = rows_of(3, 2, br, sb), x = {2, 2, sx};
  cl_matrix wide = {2, 3, sa};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_lstsq(&a, &b, &x, rss, &err), CL_OK);
  assert_close(CL_AT(&x, 0, 0), 2.0 / 3.0);
  assert_close(CL_AT(&x, 1, 0), 0.5);
  assert_close(rss[0], 1.0 / 6.0);
  assert_close(CL_AT(&x, 0, 1), 1);
  assert_close(CL_AT(&x, 1, 1), 2);
  assert_close(rss[1], 0);
  assert_int_equal(cl_linalg_lstsq(&wide, &b, &x, rss, &err), CL_EDIM);
  assert_non_null(strstr(err.msg, "at least as many rows as columns"));
  a = rows_of(3, 2, rank1, sa);  /* second column = 2 * first */
  assert_int_equal(cl_linalg_lstsq(&a, &b, &x, rss, &err), CL_ESINGULAR);
  assert_non_null(strstr(err.msg, "rank"));
}

static void test_eigsym (void **state) {
  /* [2 1; 1 2]: eigenvalues 3 and 1 with vectors (1, 1) and (1, -1) / sqrt 2 */
  const double a2[] = {2, 1, 1, 2};
  /* diag(1, 3, 2): descending 3, 2, 1 with vectors e2, e3, e1 */
  const double d3[] = {1, 0, 0, 0, 3, 0, 0, 0, 2};
  /* tridiag(-1, 2, -1) of order 3: 2 - 2 cos(k pi / 4), k = 3, 2, 1 */
  const double t3[] = {2, -1, 0, -1, 2, -1, 0, -1, 2};
  const double asym[] = {1, 2, 2 + 1e-9, 1};
  double s[9], sv[9], w[3], h = sqrt(0.5);
  cl_matrix a, v = {2, 2, sv};
  cl_error err;
  (void)state;
  a = rows_of(2, 2, a2, s);
  assert_int_equal(cl_linalg_eigsym(&a, w, &v, &err), CL_OK);
  assert_close(w[0], 3);
  assert_close(w[1], 1);
  assert_close(fabs(CL_AT(&v, 0, 0)), h);  /* signs are arbitrary */
  assert_close(CL_AT(&v, 0, 0) * CL_AT(&v, 1, 0), 0.5);
  assert_close(CL_AT(&v, 0, 1) * CL_AT(&v, 1, 1), -0.5);
  a = rows_of(3, 3, d3, s);
  v = (cl_matrix){3, 3, sv};
  assert_int_equal(cl_linalg_eigsym(&a, w, &v, &err), CL_OK);
  assert_close(w[0], 3);
  assert_close(w[1], 2);
  assert_close(w[2], 1);
  assert_close(fabs(CL_AT(&v, 1, 0)), 1);
  assert_close(fabs(CL_AT(&v, 2, 1)), 1);
  assert_close(fabs(CL_AT(&v, 0, 2)), 1);
  a = rows_of(3, 3, t3, s);
  assert_int_equal(cl_linalg_eigsym(&a, w, NULL, &err), CL_OK);
  assert_close(w[0], 2 + sqrt(2.0));
  assert_close(w[1], 2);
  assert_close(w[2], 2 - sqrt(2.0));
  a = rows_of(2, 2, asym, s);
  assert_int_equal(cl_linalg_eigsym(&a, w, NULL, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "not symmetric: [2,1] = 2.000000001 but [1,2] = 2"));
}

static void test_eig (void **state) {
  /* rotation by 90 degrees: eigenvalues +i, -i with eigenvectors
  ** (1, -i) / sqrt 2 and (1, i) / sqrt 2 (A v = i v: (0*1 - 1*(-i), 1) = (i, 1)
  ** = i (1, -i)) */
  const double rot[] = {0, -1, 1, 0};
  /* upper triangular: eigenvalues on the diagonal, by modulus 3, -2, 1 */
  const double tri[] = {1, 5, 7, 0, -2, 4, 0, 0, 3};
  double s[9], re[3], im[3], svr[9], svi[9], h = sqrt(0.5);
  cl_matrix a, vr = {2, 2, svr}, vi = {2, 2, svi};
  cl_error err;
  (void)state;
  a = rows_of(2, 2, rot, s);
  assert_int_equal(cl_linalg_eig(&a, re, im, &vr, &vi, &err), CL_OK);
  assert_close(re[0], 0);
  assert_close(im[0], 1);
  assert_close(re[1], 0);
  assert_close(im[1], -1);
  /* LAPACK makes the largest component real: v1 = (h, -i h), v2 = conj */
  assert_close(CL_AT(&vr, 0, 0), h);
  assert_close(CL_AT(&vi, 0, 0), 0);
  assert_close(CL_AT(&vr, 1, 0), 0);
  assert_close(CL_AT(&vi, 1, 0), -h);
  assert_close(CL_AT(&vr, 0, 1), h);
  assert_close(CL_AT(&vi, 1, 1), h);
  a = rows_of(3, 3, tri, s);
  assert_int_equal(cl_linalg_eig(&a, re, im, NULL, NULL, &err), CL_OK);
  assert_close(re[0], 3);
  assert_close(re[1], -2);
  assert_close(re[2], 1);
  assert_true(im[0] == 0 && im[1] == 0 && im[2] == 0);
}

static void test_svd (void **state) {
  /* [3 0; 0 4; 0 0]: singular values 4, 3; u1 = e2, v1 = e2, u2 = e1, v2 = e1 */
  const double ar[] = {3, 0, 0, 4, 0, 0};
  /* [1 1; 1 1] = 2 * (1, 1)/sqrt 2 * (1, 1)'/sqrt 2: d = (2, 0) */
  const double ones[] = {1, 1, 1, 1};
  double s[6], su[6], d[2], sv[4];
  cl_matrix a = rows_of(3, 2, ar, s), u = {3, 2, su}, v = {2, 2, sv};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_svd(&a, &u, d, &v, &err), CL_OK);
  assert_close(d[0], 4);
  assert_close(d[1], 3);
  assert_close(fabs(CL_AT(&u, 1, 0)), 1);
  assert_close(fabs(CL_AT(&v, 1, 0)), 1);
  /* U diag(d) V' reproduces A: element (1, 1) = 3 */
  assert_close(CL_AT(&u, 0, 1) * d[1] * CL_AT(&v, 0, 1), 3);
  a = rows_of(2, 2, ones, s);
  assert_int_equal(cl_linalg_svd(&a, NULL, d, NULL, &err), CL_OK);
  assert_close(d[0], 2);
  assert_close(d[1], 0);
}

/* every function accepts 0 x 0 input */
/* Found by tests/fuzz/fuzz_linalg.c: 2^1023 [1 1; 1 1] is rank one with
** eigenvalues 2 2^1023 = 2^1024 and 0 (the vector (1, 1) doubles), so its
** largest eigen- and singular value is beyond DBL_MAX; all three came back
** Inf with CL_OK. */
static void test_eigen_overflow (void **state) {
  const double p = 0x1p1023;
  double sa[] = {p, p, p, p}, values[2], im[2];
  cl_matrix a = {2, 2, sa};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_eigsym(&a, values, NULL, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "eigenvalue 1 overflows a double (it came out "
                      "inf)");
  assert_int_equal(cl_linalg_eig(&a, values, im, NULL, NULL, &err),
                   CL_EDOMAIN);
  assert_string_equal(err.msg, "eigenvalue 1 overflows a double (it came out "
                      "inf)");
  assert_int_equal(cl_linalg_svd(&a, NULL, values, NULL, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "singular value 1 overflows a double (it came "
                      "out inf)");
}

static void test_empty (void **state) {
  double s[1], w[1];
  int ipiv[1];
  cl_matrix e = {0, 0, s}, e1 = {0, 1, s};
  cl_lu f = {{0, 0, s}, ipiv, 0};
  cl_error err;
  (void)state;
  assert_int_equal(cl_linalg_solve(&e, &e1, &e1, &err), CL_OK);
  assert_int_equal(cl_linalg_inv(&e, &e, &err), CL_OK);
  assert_int_equal(cl_linalg_lu(&e, &f, &err), CL_OK);
  assert_int_equal(cl_linalg_lu_solve(&f, 'T', &e1, &e1, &err), CL_OK);
  assert_int_equal(cl_linalg_chol(&e, &e, &err), CL_OK);
  assert_int_equal(cl_linalg_lstsq(&e, &e1, &e1, w, &err), CL_OK);
  assert_true(w[0] == 0);
  assert_int_equal(cl_linalg_eigsym(&e, w, &e, &err), CL_OK);
  assert_int_equal(cl_linalg_eig(&e, w, w, &e, &e, &err), CL_OK);
  assert_int_equal(cl_linalg_svd(&e, &e, w, &e, &err), CL_OK);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_solve_2x2),
    cmocka_unit_test(test_solve_3x3),
    cmocka_unit_test(test_solve_overflow),
    cmocka_unit_test(test_inverse),
    cmocka_unit_test(test_lu_reuse),
    cmocka_unit_test(test_det),
    cmocka_unit_test(test_det_extreme),
    cmocka_unit_test(test_singular),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_chol),
    cmocka_unit_test(test_lstsq),
    cmocka_unit_test(test_eigsym),
    cmocka_unit_test(test_eig),
    cmocka_unit_test(test_svd),
    cmocka_unit_test(test_eigen_overflow),
    cmocka_unit_test(test_empty),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
