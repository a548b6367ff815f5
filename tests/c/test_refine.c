/*
** test_refine.c -- core/refine.c (single-precision LU, refinement in
** double) and the route core/leontief.c takes through it, on tables built
** so that their multipliers are known exactly, from well to ill conditioned.
*/
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/leontief.h"
#include "../../core/refine.h"

#define N 300

static double u (size_t i, size_t j) {
  return (double)((i * 7919 + j * 104729) % 100003) / 100003;
}

/* the multipliers to build a table around: scale * (1, 1.25, ..., 2.5),
** sector j's being scale * (1 + (j mod 7) / 4) */
static double wanted (size_t j, double scale) {
  return scale * (1 + (double)(j % 7) / 4);
}

/*
** A with a_ij = c_j u(i, j) and c_j = (m_j - 1) / sum_i u(i, j) m_i, so that
** sum_i a_ij m_i = m_j - 1: (I - A)' m = 1, the output multipliers are m.
** A's elements are rounded once each, so m solves a system within
** about eps of A's, and a solver's answer is m to about kappa eps. The
** condition number grows with the multipliers (||L||_1 = max_j m_j):
** scale 1 gives kappa(I - A) of about 5, 1e6 about 6e6 (kappa times
** single precision's 6e-8 is 0.4: each step gains less than a digit), 1e9
** about 6e9 (beyond single precision). A double LU (dgetrf, dgetrs) gets
** within 5e-16, 1.2e-11 and 1.3e-9 of m.
*/
static void table (double *a, double scale) {
  size_t i, j;
  for (j = 0; j < N; j++) {
    double dot = 0;
    for (i = 0; i < N; i++) dot += u(i, j) * wanted(i, scale);
    for (i = 0; i < N; i++)
      a[j * N + i] = u(i, j) * (wanted(j, scale) - 1) / dot;
  }
}

/* the largest |got_j - m_j| / m_j */
static double relative_error (const double *got, double scale) {
  size_t j;
  double worst = 0;
  for (j = 0; j < N; j++)
    worst = fmax(worst, fabs(got[j] - wanted(j, scale)) / wanted(j, scale));
  return worst;
}

/* builds the table of the given scale in a and refines its output
** multipliers into m; returns cl_refine_solve's verdict */
static int refine_ones (double *a, double scale, double *m, int *steps) {
  double ones[N], anorm;
  cl_matrix A = {N, N, a}, B = {N, 1, ones}, M = {N, 1, m};
  size_t i;
  table(a, scale);
  for (i = 0; i < N; i++) ones[i] = 1;
  return cl_refine_solve(&A, 'T', &B, &M, &anorm, steps);
}

/* A well-conditioned table: the single LU alone leaves errors of about
** 1e-7 (FLT_EPSILON 1.2e-7 times kappa 5); refinement must bring them to
** double precision, so this fails if the refinement steps are skipped. */
static void test_refines_to_double_precision (void **state) {
  double *a = malloc(N * N * sizeof(double)), m[N];
  cl_matrix A = {N, N, a}, M = {N, 1, m};
  cl_error err;
  int steps;
  (void)state;
  assert_int_equal(refine_ones(a, 1, m, &steps), 1);
  assert_in_range(steps, 1, 3);
  assert_true(relative_error(m, 1) < 1e-14);
  /* and through the API, which takes the same route (N >= 64 sectors) */
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err), CL_OK);
  assert_true(relative_error(m, 1) < 1e-14);
  free(a);
}

/* kappa about 6e6: refinement takes several steps, and the answer is as
** close to m as the double LU's (kappa eps is 7e-10) */
static void test_refines_in_several_steps (void **state) {
  double *a = malloc(N * N * sizeof(double)), m[N];
  int steps;
  (void)state;
  assert_int_equal(refine_ones(a, 1e6, m, &steps), 1);
  assert_in_range(steps, 3, CL_REFINE_ITERMAX);
  assert_true(relative_error(m, 1e6) < 1e-10);
  free(a);
}

/* kappa about 6e9 > 1 / FLT_EPSILON: the single LU has no correct digit,
** refinement is not productive and says so, and the multipliers come from
** the double LU, accurate to kappa eps (about 1e-6) */
static void test_ill_conditioned_falls_back (void **state) {
  double *a = malloc(N * N * sizeof(double)), m[N];
  cl_matrix A = {N, N, a}, M = {N, 1, m};
  cl_error err;
  int steps;
  (void)state;
  assert_int_equal(refine_ones(a, 1e9, m, &steps), 0);
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err), CL_OK);
  assert_true(relative_error(m, 1e9) < 1e-4);
  free(a);
}

/* (I - A) x = f with x known: f = x - A x for x = the multipliers above;
** weights w = m give sum_i m_i l_ij, the two right-hand sides in one
** refinement beside the ones that prove the table productive */
static void test_solve_and_weights (void **state) {
  double *a = malloc(N * N * sizeof(double)), f[N], x[N], w[N], m[N];
  cl_matrix A = {N, N, a}, F = {N, 1, f}, X = {N, 1, x}, W = {N, 1, w};
  cl_matrix M = {N, 1, m};
  cl_error err;
  size_t i, j;
  (void)state;
  table(a, 1);
  for (i = 0; i < N; i++) f[i] = wanted(i, 1);
  for (j = 0; j < N; j++)
    for (i = 0; i < N; i++) f[i] -= a[j * N + i] * wanted(j, 1);
  assert_int_equal(cl_leontief_solve(&A, &F, NULL, &X, &err), CL_OK);
  assert_true(relative_error(x, 1) < 1e-13);
  /* w' L with w = (I - A)' m is m' (I - A) L = m' */
  for (j = 0; j < N; j++) {
    w[j] = wanted(j, 1);
    for (i = 0; i < N; i++) w[j] -= a[j * N + i] * wanted(i, 1);
  }
  assert_int_equal(cl_leontief_multipliers(&A, &W, NULL, &M, &err), CL_OK);
  assert_true(relative_error(m, 1) < 1e-13);
  free(a);
}

/* Every a_ij = c / 128 (exact): the spectral radius is c. c = 1 makes I - A
** singular, c = 1.5 unproductive; each must get the message it gets from
** the double route (tests/c/test_leontief.c), not a refined non-answer. */
static void test_errors_as_before (void **state) {
  double *a = malloc(128 * 128 * sizeof(double)), m[128], f[128];
  cl_matrix A = {128, 128, a}, M = {128, 1, m}, F = {128, 1, f};
  cl_error err;
  size_t i;
  (void)state;
  for (i = 0; i < 128; i++) f[i] = 1;
  for (i = 0; i < 128 * 128; i++) a[i] = 1.0 / 128;
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err),
                   CL_ESINGULAR);
  assert_non_null(strstr(err.msg, "(I - A) is singular"));
  assert_int_equal(cl_leontief_solve(&A, &F, NULL, &M, &err), CL_ESINGULAR);
  for (i = 0; i < 128 * 128; i++) a[i] = 1.5 / 128;
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "spectral radius of A is 1.5 >= 1"));
  assert_int_equal(cl_leontief_solve(&A, &F, NULL, &M, &err), CL_EDOMAIN);
  a[5] = -0.25;
  assert_int_equal(cl_leontief_multipliers(&A, NULL, NULL, &M, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "negative coefficient A[6,1] = -0.25"));
  free(a);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_refines_to_double_precision),
    cmocka_unit_test(test_refines_in_several_steps),
    cmocka_unit_test(test_ill_conditioned_falls_back),
    cmocka_unit_test(test_solve_and_weights),
    cmocka_unit_test(test_errors_as_before),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
