/*
** test_hclust.c -- core/hclust.c: merges, heights, leaf order and cutree on
** small examples worked by hand (Lance-Williams arithmetic in the comments)
** and checked against R 4.2.2's hclust (commands next to the numbers).
*/
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/hclust.h"
#include "../../core/hclust_fast.h"

/*
** A metric on 4 objects on which single and complete linkage disagree:
**   d12 = 1, d13 = 2.5, d14 = 5.5, d23 = 3.4, d24 = 6, d34 = 3.
** R: D <- matrix(c(0,1,2.5,5.5, 1,0,3.4,6, 2.5,3.4,0,3, 5.5,6,3,0), 4, 4);
**    h <- hclust(as.dist(D), method); h$merge; h$height; h$order; cutree(h, 2)
*/
static double d4_data[] = {0, 1, 2.5, 5.5, 1, 0, 3.4, 6, 2.5, 3.4, 0, 3,
                           5.5, 6, 3, 0};
static const cl_matrix D4 = {4, 4, d4_data};

typedef struct {
  double merge[6][2];  /* up to 6 merges */
  double height[6];
  size_t order[7];     /* 1-based, as R prints it */
} expected;

static void check_tree (const cl_matrix *d, cl_hclust_method m,
                        const expected *want, double tol) {
  size_t n = d->rows, s, order[7];
  double merge_data[12], height_data[6];
  cl_matrix merge = {n - 1, 2, merge_data}, height = {n - 1, 1, height_data};
  cl_error err;
  assert_int_equal(cl_hclust(d, m, &merge, &height, order, &err), CL_OK);
  for (s = 0; s + 1 < n; s++) {
    if (CL_AT(&merge, s, 0) != want->merge[s][0] ||
        CL_AT(&merge, s, 1) != want->merge[s][1])
      fail_msg("merge row %zu is (%g, %g), want (%g, %g)", s + 1,
               CL_AT(&merge, s, 0), CL_AT(&merge, s, 1), want->merge[s][0],
               want->merge[s][1]);
    if (!(fabs(height_data[s] - want->height[s]) <= tol))
      fail_msg("height %zu is %.17g, want %.17g", s + 1, height_data[s],
               want->height[s]);
  }
  for (s = 0; s < n; s++) assert_int_equal(order[s] + 1, want->order[s]);
}

static void test_single (void **state) {
  /* step 1: the smallest entry, d12 = 1: {1,2} at 1.
  ** single: d(k, i+j) = min(d_ik, d_jk): d(12,3) = min(2.5, 3.4) = 2.5,
  ** d(12,4) = min(5.5, 6) = 5.5; left 2.5, 5.5, d34 = 3: {1,2}+3 at 2.5.
  ** d(123,4) = min(5.5, 3) = 3: the last merge at 3.
  ** Leaves: last merge (-4, step 2) -> 4, then step 2 (-3, step 1) -> 3 1 2.
  ** R agrees: merge -1 -2 / -3 1 / -4 2, height 1 2.5 3, order 4 3 1 2 */
  const expected want = {{{-1, -2}, {-3, 1}, {-4, 2}}, {1, 2.5, 3},
                         {4, 3, 1, 2}};
  (void)state;
  check_tree(&D4, CL_HCLUST_SINGLE, &want, 0);
}

static void test_complete (void **state) {
  /* step 1 as above. complete: d(k, i+j) = max(d_ik, d_jk):
  ** d(12,3) = max(2.5, 3.4) = 3.4, d(12,4) = max(5.5, 6) = 6; left 3.4, 6,
  ** d34 = 3: {3,4} at 3. d(12,34) = max(d(12,3), d(12,4)) = max(3.4, 6) = 6.
  ** R: merge -1 -2 / -3 -4 / 1 2, height 1 3 6, order 1 2 3 4 */
  const expected want = {{{-1, -2}, {-3, -4}, {1, 2}}, {1, 3, 6},
                         {1, 2, 3, 4}};
  (void)state;
  check_tree(&D4, CL_HCLUST_COMPLETE, &want, 0);
}

static void test_average (void **state) {
  /* average (UPGMA): d(k, i+j) = (n_i d_ik + n_j d_jk) / (n_i + n_j):
  ** d(12,3) = (2.5 + 3.4) / 2 = 2.95, d(12,4) = (5.5 + 6) / 2 = 5.75;
  ** left 2.95, 5.75, d34 = 3: {1,2}+3 at 2.95.
  ** d(123,4) = (2 * 5.75 + 1 * 3) / 3 = 14.5 / 3 = 4.8333..., the mean of
  ** d14, d24, d34 = (5.5 + 6 + 3) / 3 as it should be.
  ** R: height 1 2.9500000000000002 4.833333333333333, order 4 3 1 2 */
  const expected want = {{{-1, -2}, {-3, 1}, {-4, 2}}, {1, 2.95, 14.5 / 3},
                         {4, 3, 1, 2}};
  (void)state;
  check_tree(&D4, CL_HCLUST_AVERAGE, &want, 1e-15);
}

static void test_other_methods (void **state) {
  /* R 4.2.2: sprintf("%.17g", hclust(as.dist(D), m)$height) */
  const expected mcquitty = {{{-1, -2}, {-3, 1}, {-4, 2}},
                             {1, 2.9500000000000002, 4.375}, {4, 3, 1, 2}};
  const expected median = {{{-1, -2}, {-3, 1}, {-4, 2}},
                           {1, 2.7000000000000002, 3.5750000000000002},
                           {4, 3, 1, 2}};
  const expected centroid = {{{-1, -2}, {-3, 1}, {-4, 2}},
                             {1, 2.7000000000000002, 4.0666666666666664},
                             {4, 3, 1, 2}};
  const expected ward = {{{-1, -2}, {-3, -4}, {1, 2}},
                         {1, 3, 6.6999999999999993}, {1, 2, 3, 4}};
  const expected ward2 = {{{-1, -2}, {-3, -4}, {1, 2}},
                          {1, 3, 6.0852280154485587}, {1, 2, 3, 4}};
  (void)state;
  check_tree(&D4, CL_HCLUST_MCQUITTY, &mcquitty, 1e-15);
  check_tree(&D4, CL_HCLUST_MEDIAN, &median, 1e-15);
  check_tree(&D4, CL_HCLUST_CENTROID, &centroid, 1e-15);
  check_tree(&D4, CL_HCLUST_WARD_D, &ward, 1e-15);
  check_tree(&D4, CL_HCLUST_WARD_D2, &ward2, 1e-15);
}

static void test_ties_as_r (void **state) {
  /* every distance 1: R scans for the first smallest pair, so it merges
  ** 1 and 2, then 3 into them, then 4, then 5.
  ** R: hclust(as.dist(matrix(1, 5, 5)), "average"): merge -1 -2 / -3 1 /
  ** -4 2 / -5 3, height 1 1 1 1, order 5 4 3 1 2 */
  double ones[25];
  cl_matrix e = {5, 5, ones};
  const expected want = {{{-1, -2}, {-3, 1}, {-4, 2}, {-5, 3}}, {1, 1, 1, 1},
                         {5, 4, 3, 1, 2}};
  /* points 0..5 on a line, complete linkage: pairs first, then two clusters
  ** join, the later listed after the earlier step (R: 1 2 then 3 4).
  ** R: hclust(dist(0:5), "complete"): merge -1 -2 / -3 -4 / -5 -6 / 1 2 /
  ** 3 4, height 1 1 1 3 5, order 5 6 1 2 3 4 */
  double line[36];
  cl_matrix l = {6, 6, line};
  const expected want_line = {{{-1, -2}, {-3, -4}, {-5, -6}, {1, 2}, {3, 4}},
                              {1, 1, 1, 3, 5}, {5, 6, 1, 2, 3, 4}};
  size_t i, j;
  (void)state;
  for (i = 0; i < 25; i++) ones[i] = (i % 6 == 0) ? 0 : 1;
  check_tree(&e, CL_HCLUST_AVERAGE, &want, 0);
  check_tree(&e, CL_HCLUST_SINGLE, &want, 0);
  check_tree(&e, CL_HCLUST_COMPLETE, &want, 0);
  for (i = 0; i < 6; i++)
    for (j = 0; j < 6; j++) CL_AT(&l, i, j) = fabs((double)i - (double)j);
  check_tree(&l, CL_HCLUST_COMPLETE, &want_line, 0);
}

/* cl_hclust_fast on the packed lower triangle of d: CL_OK, and whether it
** reported a tie (then R's scheme must decide) */
static int fast_tied (const cl_matrix *d, cl_hclust_method m, cl_matrix *merge,
                      cl_matrix *height) {
  double diss[15];
  size_t i, n = d->rows;
  int tied = -1;
  cl_error err;
  cl_hclust_pack(d, diss);
  if (m == CL_HCLUST_WARD_D2)
    for (i = 0; i < n * (n - 1) / 2; i++) diss[i] *= diss[i];
  assert_int_equal(cl_hclust_fast(diss, n, m, NULL, NULL, merge, height,
                                  &tied, &err), CL_OK);
  return tied;
}

/* a column source for the MST: the lower triangle of the matrix ctx, read
** for objects js[k] < i as the packed triangle's column i holds them */
static size_t column_calls;
static void matrix_column (void *ctx, size_t i, const size_t *js, size_t m,
                           double *out) {
  const cl_matrix *d = ctx;
  size_t k;
  column_calls++;
  for (k = 0; k < m; k++) {
    assert_true(js[k] < i && (k == 0 || js[k - 1] < js[k]));
    out[k] = CL_AT(d, i, js[k]);
  }
}

/* the MST with its column walks from a source: the tree of the matrix read.
** D4 with objects 2 and 4 swapped, so that Prim goes from 1 to 4 and must
** look back down column 4 */
static void test_single_column_source (void **state) {
  static const size_t swap[] = {0, 3, 2, 1};
  double p_data[16], diss[6], m1[6], h1[3], m2[6], h2[3];
  cl_matrix p = {4, 4, p_data}, merge = {3, 2, m1}, height = {3, 1, h1};
  cl_matrix rmerge = {3, 2, m2}, rheight = {3, 1, h2};
  size_t i, j, order[4];
  int tied = -1;
  cl_error err;
  (void)state;
  for (i = 0; i < 4; i++)
    for (j = 0; j < 4; j++) CL_AT(&p, i, j) = CL_AT(&D4, swap[i], swap[j]);
  cl_hclust_pack(&p, diss);
  column_calls = 0;
  assert_int_equal(cl_hclust_fast(diss, 4, CL_HCLUST_SINGLE, matrix_column,
                                  &p, &merge, &height, &tied, &err), CL_OK);
  assert_int_equal(tied, 0);
  assert_true(column_calls > 0);
  assert_int_equal(cl_hclust(&p, CL_HCLUST_SINGLE, &rmerge, &rheight, order,
                             &err), CL_OK);
  for (i = 0; i < 6; i++) assert_true(m1[i] == m2[i]);
  for (i = 0; i < 3; i++) assert_true(h1[i] == h2[i]);
}

static void test_fast_paths (void **state) {
  /* D4 has no two equal candidate distances: the MST and the chain decide
  ** alone, and their trees are those the tests above check against R */
  static const cl_hclust_method reducible[] = {
    CL_HCLUST_WARD_D, CL_HCLUST_SINGLE, CL_HCLUST_COMPLETE, CL_HCLUST_AVERAGE,
    CL_HCLUST_MCQUITTY, CL_HCLUST_WARD_D2};
  double m1[6], h1[3], m2[6], h2[3], ones[25], near[16];
  cl_matrix merge = {3, 2, m1}, height = {3, 1, h1};
  cl_matrix rmerge = {3, 2, m2}, rheight = {3, 1, h2}, e = {5, 5, ones};
  cl_matrix nr = {4, 4, near};
  size_t k, i, order[5];
  cl_error err;
  (void)state;
  for (k = 0; k < sizeof reducible / sizeof reducible[0]; k++) {
    assert_int_equal(fast_tied(&D4, reducible[k], &merge, &height), 0);
    assert_int_equal(cl_hclust(&D4, reducible[k], &rmerge, &rheight, order,
                               &err), CL_OK);
    for (i = 0; i < 6; i++) assert_true(m1[i] == m2[i]);
    for (i = 0; i < 3; i++) assert_true(h1[i] == h2[i]);
  }
  /* every distance 1 (test_ties_as_r): the order of the merges is R's to
  ** choose, so the fast paths hand over */
  for (i = 0; i < 25; i++) ones[i] = (i % 6 == 0) ? 0 : 1;
  merge.rows = height.rows = 4;
  assert_int_equal(fast_tied(&e, CL_HCLUST_SINGLE, &merge, &height), 1);
  assert_int_equal(fast_tied(&e, CL_HCLUST_AVERAGE, &merge, &height), 1);
  /* d12 = 1, d34 = 1 + 2^-52 (one ulp up), d13 = 3, d14 = 4, d23 = 3.5,
  ** d24 = 5: merge heights that rounding could reorder (a near tie) hand
  ** over too, except for complete linkage, whose max does not round:
  ** {1,2} at 1, {3,4} at 1 + 2^-52, then max(3, 4, 3.5, 5) = 5 */
  for (i = 0; i < 4; i++) CL_AT(&nr, i, i) = 0;
  CL_AT(&nr, 1, 0) = CL_AT(&nr, 0, 1) = 1;
  CL_AT(&nr, 2, 0) = CL_AT(&nr, 0, 2) = 3;
  CL_AT(&nr, 3, 0) = CL_AT(&nr, 0, 3) = 4;
  CL_AT(&nr, 2, 1) = CL_AT(&nr, 1, 2) = 3.5;
  CL_AT(&nr, 3, 1) = CL_AT(&nr, 1, 3) = 5;
  CL_AT(&nr, 3, 2) = CL_AT(&nr, 2, 3) = 1 + 2.220446049250313e-16;
  merge.rows = height.rows = 3;
  assert_int_equal(fast_tied(&nr, CL_HCLUST_AVERAGE, &merge, &height), 1);
  assert_int_equal(fast_tied(&nr, CL_HCLUST_COMPLETE, &merge, &height), 0);
  assert_true(h1[0] == 1 && h1[1] == 1 + 2.220446049250313e-16 && h1[2] == 5);
  assert_true(m1[0] == -1 && m1[3] == -2 && m1[1] == -3 && m1[4] == -4);
  assert_true(m1[2] == 1 && m1[5] == 2);
}

static void test_cutree (void **state) {
  /* the complete tree of 0..5 above. R: cutree(h, 3) = 1 1 2 2 3 3,
  ** cutree(h, 2) = 1 1 1 1 2 2, cutree(h, h = 3) = 1 1 1 1 2 2 (heights
  ** <= 3: four merges, so 6 - 4 = 2 groups), cutree(h, h = 0.5) = 1:6 */
  double m[] = {-1, -3, -5, 1, 3, -2, -4, -6, 2, 4};
  double height[] = {1, 1, 1, 3, 5};
  cl_matrix merge = {5, 2, m};
  size_t c[6], k, i;
  const size_t k3[] = {1, 1, 2, 2, 3, 3}, k2[] = {1, 1, 1, 1, 2, 2};
  cl_error err;
  (void)state;
  assert_int_equal(cl_hclust_cutree(&merge, 3, c, &err), CL_OK);
  for (i = 0; i < 6; i++) assert_int_equal(c[i], k3[i]);
  assert_int_equal(cl_hclust_cutree(&merge, 2, c, &err), CL_OK);
  for (i = 0; i < 6; i++) assert_int_equal(c[i], k2[i]);
  assert_int_equal(cl_hclust_cutree(&merge, 6, c, &err), CL_OK);
  for (i = 0; i < 6; i++) assert_int_equal(c[i], i + 1);
  assert_int_equal(cl_hclust_cutree(&merge, 1, c, &err), CL_OK);
  for (i = 0; i < 6; i++) assert_int_equal(c[i], 1);
  assert_int_equal(cl_hclust_k_for_height(height, 5, 3, &k, &err), CL_OK);
  assert_int_equal(k, 2);
  assert_int_equal(cl_hclust_k_for_height(height, 5, 0.5, &k, &err), CL_OK);
  assert_int_equal(k, 6);
  assert_int_equal(cl_hclust_k_for_height(height, 5, 99, &k, &err), CL_OK);
  assert_int_equal(k, 1);
  /* numbering by first appearance: the tree of test_single, cutree(h, 2)
  ** = 1 1 1 2 in R (observation 4 alone) */
  {
    double ms[] = {-1, -3, -4, -2, 1, 2};
    cl_matrix single = {3, 2, ms};
    assert_int_equal(cl_hclust_cutree(&single, 2, c, &err), CL_OK);
    assert_int_equal(c[0], 1);
    assert_int_equal(c[2], 1);
    assert_int_equal(c[3], 2);
  }
}

static void test_bad_dissimilarities (void **state) {
  double a[9] = {0, 1, 2, 1, 0, 3, 2, 3, 0}, b[9], h[2], md[4];
  size_t order[3], bad[2];
  cl_matrix d = {3, 3, b}, rect = {3, 2, b}, one = {1, 1, b};
  cl_matrix merge = {2, 2, md}, height = {2, 1, h};
  cl_error err;
  (void)state;
  memcpy(b, a, sizeof a);
  assert_int_equal(cl_hclust_check(&d, bad, &err), CL_OK);
  assert_int_equal(cl_hclust_check(&rect, bad, &err), CL_EDIM);
  assert_non_null(strstr(err.msg, "square"));
  assert_int_equal(cl_hclust_check(&one, bad, &err), CL_EDIM);
  assert_non_null(strstr(err.msg, "at least 2 objects"));
  b[5] = 3.5;  /* D[3, 2] differs from D[2, 3] */
  assert_int_equal(cl_hclust(&d, CL_HCLUST_AVERAGE, &merge, &height, order,
                             &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "not symmetric"));
  assert_int_equal(cl_hclust_check(&d, bad, &err), CL_EDOMAIN);
  assert_int_equal(bad[0], 2);
  assert_int_equal(bad[1], 1);
  memcpy(b, a, sizeof a);
  b[1] = b[3] = -1;
  assert_int_equal(cl_hclust_check(&d, bad, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "non-negative"));
  memcpy(b, a, sizeof a);
  b[4] = 0.5;
  assert_int_equal(cl_hclust_check(&d, bad, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "diagonal"));
  assert_int_equal(bad[0], 1);
  memcpy(b, a, sizeof a);
  b[7] = NAN;
  assert_int_equal(cl_hclust_check(&d, bad, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "D[2, 3] is nan"));
  memcpy(b, a, sizeof a);
  assert_int_equal(cl_hclust(&d, (cl_hclust_method)0, &merge, &height, order,
                             &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "unknown clustering method"));
  merge.rows = 3;
  assert_int_equal(cl_hclust(&d, CL_HCLUST_AVERAGE, &merge, &height, order,
                             &err), CL_EDIM);
  /* Lance-Williams overflow: ward.D2 squares 1e200 */
  b[1] = b[3] = 1e200;
  merge.rows = 2;
  assert_int_equal(cl_hclust(&d, CL_HCLUST_WARD_D2, &merge, &height, order,
                             &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "too large"));
}

static void test_bad_merge (void **state) {
  double ok[] = {-1, -3, -2, 1}, twice[] = {-1, -1, -2, 1},
         later[] = {2, -1, -2, -3}, frac[] = {-1, -3, -2.5, 1},
         range[] = {-1, -3, -4, 1}, h_unsorted[] = {2, 1};
  cl_matrix m = {2, 2, ok}, wide = {2, 3, ok}, empty = {0, 2, ok};
  size_t c[3], k;
  cl_error err;
  (void)state;
  assert_int_equal(cl_hclust_check_merge(&m, &err), CL_OK);
  assert_int_equal(cl_hclust_check_merge(&wide, &err), CL_EDIM);
  assert_int_equal(cl_hclust_check_merge(&empty, &err), CL_EDIM);
  m.data = twice;
  assert_int_equal(cl_hclust_check_merge(&m, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "observation 1 a second time"));
  m.data = later;
  assert_int_equal(cl_hclust_check_merge(&m, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "merge[1, 1] = 2: must be an observation -1..-3 (no step"));
  m.data = frac;
  assert_int_equal(cl_hclust_check_merge(&m, &err), CL_EDOMAIN);
  m.data = range;
  assert_int_equal(cl_hclust_cutree(&m, 2, c, &err), CL_EDOMAIN);
  m.data = ok;
  assert_int_equal(cl_hclust_cutree(&m, 0, c, &err), CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "between 1 and 3"));
  assert_int_equal(cl_hclust_cutree(&m, 4, c, &err), CL_EDOMAIN);
  assert_int_equal(cl_hclust_k_for_height(h_unsorted, 2, 1.5, &k, &err),
                   CL_EDOMAIN);
  assert_non_null(strstr(err.msg, "not sorted"));
  assert_int_equal(cl_hclust_k_for_height(h_unsorted + 1, 1, NAN, &k, &err),
                   CL_EDOMAIN);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_single),
    cmocka_unit_test(test_complete),
    cmocka_unit_test(test_average),
    cmocka_unit_test(test_other_methods),
    cmocka_unit_test(test_ties_as_r),
    cmocka_unit_test(test_single_column_source),
    cmocka_unit_test(test_fast_paths),
    cmocka_unit_test(test_cutree),
    cmocka_unit_test(test_bad_dissimilarities),
    cmocka_unit_test(test_bad_merge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
