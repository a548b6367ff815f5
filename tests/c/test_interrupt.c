/*
** test_interrupt.c -- Ctrl-C reaches clusterlab's own long C loops: with
** cl_interrupt raised (as main.c's SIGINT handler does), distances,
** clustering and CSV reading stop with CL_EINTR and "interrupted"; cleared,
** the same calls succeed.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/csvread.h"
#include "../../core/distance.h"
#include "../../core/hclust.h"

/* three points on a line, 0, 1 and 3 */
static double x_data[] = {0, 1, 3};
static const cl_matrix X = {3, 1, x_data};

static void test_distance_and_hclust (void **state) {
  double d_data[9], merge_data[4], height_data[2];
  cl_matrix d = {3, 3, d_data}, merge = {2, 2, merge_data}, height = {2, 1, height_data};
  size_t order[3];
  cl_error err;
  (void)state;
  cl_interrupt = 1;
  assert_int_equal(cl_distance_matrix(&X, CL_DIST_EUCLIDEAN, 2, &d, &err), CL_EINTR);
  assert_string_equal(err.msg, "interrupted");
  cl_interrupt = 0;
  assert_int_equal(cl_distance_matrix(&X, CL_DIST_EUCLIDEAN, 2, &d, &err), CL_OK);
  cl_interrupt = 1;
  assert_int_equal(cl_hclust(&d, CL_HCLUST_AVERAGE, &merge, &height, order, &err), CL_EINTR);
  cl_interrupt = 0;
  assert_int_equal(cl_hclust(&d, CL_HCLUST_AVERAGE, &merge, &height, order, &err), CL_OK);
  assert_true(height_data[0] == 1.0);  /* 0 and 1 first, at distance 1 */
}

/* the packed distances of 1500 points, shared between two threads (over
** 2^20 pairs): both stop */
static void test_packed_distances (void **state) {
  enum { N = 1500 };
  double *x_many = malloc(N * sizeof(double));
  double *dist = malloc((size_t)N * (N - 1) / 2 * sizeof(double));
  cl_matrix many = {N, 1, x_many};
  cl_error err;
  size_t i;
  (void)state;
  assert_non_null(x_many);
  assert_non_null(dist);
  for (i = 0; i < N; i++) x_many[i] = (double)i;
  cl_interrupt = 1;
  assert_int_equal(cl_distance_packed(&many, CL_DIST_EUCLIDEAN, 2, dist, &err), CL_EINTR);
  assert_string_equal(err.msg, "interrupted");
  cl_interrupt = 0;
  assert_int_equal(cl_distance_packed(&many, CL_DIST_EUCLIDEAN, 2, dist, &err), CL_OK);
  assert_true(dist[N - 2] == N - 1);  /* d(0, N - 1), the end of row 0 */
  assert_true(dist[(size_t)N * (N - 1) / 2 - 1] == 1);  /* d(N - 2, N - 1) */
  free(x_many);
  free(dist);
}

static void test_csv_read (void **state) {
  char path[] = "/tmp/cl_interrupt_XXXXXX";
  int fd = mkstemp(path);
  cl_csv_table t;
  cl_error err;
  (void)state;
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "a,b\n1,2\n", 8), 8);
  close(fd);
  cl_csv_init(&t);
  cl_interrupt = 1;
  assert_int_equal(cl_csv_read(&t, path, 0, '.', &err), CL_EINTR);
  cl_interrupt = 0;
  assert_int_equal(cl_csv_read(&t, path, 0, '.', &err), CL_OK);
  assert_int_equal(t.nrows, 2);
  cl_csv_free(&t);
  unlink(path);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_distance_and_hclust),
    cmocka_unit_test(test_packed_distances),
    cmocka_unit_test(test_csv_read),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
