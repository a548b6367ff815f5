/*
** test_rotation.c -- core/rotation.c: varimax and promax of a 6 x 3 loading
** matrix against R 4.2.2's stats::varimax and stats::promax, and edge cases.
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/rotation.h"

/* A <- cbind(c(0.8,0.7,0.75,0.3,0.2,0.25), c(0.3,0.35,0.2,0.8,0.75,0.7),
**            c(0.1,-0.2,0.3,0.2,-0.1,0.4)) */
static double a_data[] = {0.8, 0.7, 0.75, 0.3, 0.2, 0.25,
                          0.3, 0.35, 0.2, 0.8, 0.75, 0.7,
                          0.1, -0.2, 0.3, 0.2, -0.1, 0.4};
static const cl_matrix A = {6, 3, a_data};

static void assert_matrix (const cl_matrix *m, const double *want_rows,
                           double tol) {
  size_t i, j;
  for (i = 0; i < m->rows; i++)
    for (j = 0; j < m->cols; j++) {
      double want = want_rows[i * m->cols + j];
      if (!(fabs(CL_AT(m, i, j) - want) <= tol))
        fail_msg("[%zu, %zu]: got %.17g, want %.17g", i + 1, j + 1,
                 CL_AT(m, i, j), want);
    }
}

static void test_varimax_against_r (void **state) {
  /* R: v <- varimax(A); unclass(v$loadings); v$rotmat (digits = 15) */
  const double loadings[] = {
    0.781360444109640, 0.273493901830276, -0.23383101172093604,
    0.605035796013153, 0.208316970554526, -0.49298653665360298,
    0.789951996391384, 0.261627796114157, -0.00517104416097167,
    0.297566440358249, 0.798269129937274, -0.21028697002360366,
    0.126656042443367, 0.641066047811019, -0.43068848284641220,
    0.306157992639993, 0.786403024221155, 0.01837299753636066};
  const double rotmat[] = {
    0.9648661134598626, -0.0517146342890098, -0.257602367413835,
    -0.0541425018160525, 0.9202615085050520, -0.387540121098584,
    0.2571030388656601, 0.3878715670996784, 0.885129185397071};
  double l_data[18], t_data[9];
  cl_matrix l = {6, 3, l_data}, t = {3, 3, t_data};
  cl_error err;
  int it = 0;
  (void)state;
  assert_int_equal(cl_rotation_varimax(&A, 1, 1e-5, &l, &t, &it, &err), CL_OK);
  assert_true(it > 1 && it < 1000);
  assert_matrix(&l, loadings, 1e-12);
  assert_matrix(&t, rotmat, 1e-12);
}

static void test_promax_against_r (void **state) {
  /* R: p <- promax(A); unclass(p$loadings); p$rotmat (digits = 15) */
  const double loadings[] = {
    0.7261320796064263, 0.0297700126672663, -0.2184671349271560,
    0.4762310363858205, -0.0985340369614387, -0.5434304436741376,
    0.8027572661912369, 0.0999812443937428, 0.0542803112748531,
    0.0492998312640663, 0.7716548390526211, -0.1371287155057619,
    -0.1581366573840361, 0.5497123318170357, -0.4275833898819283,
    0.1259250178488767, 0.8418660707790976, 0.1356187306962471};
  const double rotmat[] = {
    1.013873245233677, -0.403721460387944, -0.283709863915524,
    -0.424645545725035, 0.936384576068806, -0.345086343708153,
    0.424271471369955, 0.718318081569799, 1.120266593177088};
  double l_data[18], t_data[9];
  cl_matrix l = {6, 3, l_data}, t = {3, 3, t_data};
  cl_error err;
  (void)state;
  assert_int_equal(cl_rotation_promax(&A, 4.0, &l, &t, &err), CL_OK);
  assert_matrix(&l, loadings, 1e-12);
  assert_matrix(&t, rotmat, 1e-12);
}

static void test_edge_cases (void **state) {
  double one[] = {0.5, 0.6, 0.7}, l_data[18], t_data[9];
  cl_matrix a1 = {3, 1, one}, l1 = {3, 1, l_data}, t1 = {1, 1, t_data};
  cl_matrix l = {6, 3, l_data}, t = {3, 3, t_data}, wrong = {2, 2, t_data};
  double zero_row[] = {0.8, 0.0, 0.3, 0.3, 0.0, 0.8};
  cl_matrix z = {3, 2, zero_row}, lz = {3, 2, l_data}, tz = {2, 2, t_data};
  cl_matrix wide = {2, 3, a_data}, lw = {2, 3, l_data};
  cl_error err;
  (void)state;
  /* one factor: nothing to rotate (R returns x unchanged) */
  assert_int_equal(cl_rotation_varimax(&a1, 1, 1e-5, &l1, &t1, NULL, &err), CL_OK);
  assert_true(l_data[0] == 0.5 && l_data[2] == 0.7 && t_data[0] == 1.0);
  assert_int_equal(cl_rotation_promax(&a1, 4, &l1, &t1, &err), CL_OK);
  /* a row of zeros stays zeros under Kaiser normalisation (R gives NaN) */
  assert_int_equal(cl_rotation_varimax(&z, 1, 1e-5, &lz, &tz, NULL, &err), CL_OK);
  assert_true(CL_AT(&lz, 1, 0) == 0.0 && CL_AT(&lz, 1, 1) == 0.0);
  /* wrong shapes, bad power, too few variables */
  assert_int_equal(cl_rotation_varimax(&A, 1, 1e-5, &l, &wrong, NULL, &err), CL_EDIM);
  assert_int_equal(cl_rotation_promax(&A, 0.5, &l, &t, &err), CL_EDOMAIN);
  assert_int_equal(cl_rotation_promax(&wide, 4, &lw, &t, &err), CL_EDIM);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_varimax_against_r),
    cmocka_unit_test(test_promax_against_r),
    cmocka_unit_test(test_edge_cases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
