/*
** fuzz_hclust.c -- libFuzzer harness for core/hclust.c: merge matrices for
** cutree (most nearly valid, some wrong), cuts at a height, and clustering
** of small dissimilarity matrices (often symmetric) by every method.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/hclust.h"
#include "fuzz_bytes.h"

/* a merge entry: usually an observation or step index, sometimes a double */
static double take_entry (bytes *b, size_t n) {
  unsigned c = take_byte(b);
  if (c < 200) return (double)((long)(c % (2 * n + 3)) - (long)n - 1);
  return take_double(b);
}

/* m (n-1 rows, column-major) as a valid tree: each step joins two of the
** clusters still open, chosen by the input; then perhaps one entry spoiled */
static void take_tree (bytes *b, size_t n, double *m) {
  double *open = (double *)malloc(n * sizeof(double));
  size_t nopen = n, s, i, c;
  for (i = 0; i < n; i++) open[i] = -(double)(i + 1);
  for (s = 0; s + 1 < n; s++) {
    for (c = 0; c < 2; c++) {
      i = take_choice(b, nopen);
      m[c * (n - 1) + s] = open[i];
      open[i] = open[--nopen];
    }
    open[nopen++] = (double)(s + 1);
  }
  if (n > 1 && take_choice(b, 2) == 0)
    m[take_choice(b, 2 * (n - 1))] = take_entry(b, n);
  free(open);
}

static void check_cutree (bytes *b) {
  size_t n = 1 + take_choice(b, 12), s, k, i, *cluster, most = 0;
  double *m = (double *)malloc(2 * n * sizeof(double)), *height;
  cl_matrix merge;
  cl_error err;
  int st;
  if (take_choice(b, 4) == 0)
    for (i = 0; i < 2 * n; i++) m[i] = take_entry(b, n);
  else take_tree(b, n, m);
  merge.rows = n - 1 + (take_choice(b, 8) == 0);  /* now and then one row more */
  merge.cols = take_choice(b, 8) == 0 ? 1 : 2;
  if (merge.rows * merge.cols > 2 * n) merge.rows = n - 1;
  merge.data = m;
  k = take_choice(b, merge.rows + 3);
  cluster = (size_t *)malloc((merge.rows + 1) * sizeof(size_t));
  st = cl_hclust_check_merge(&merge, &err);
  if (cl_hclust_cutree(&merge, k, cluster, &err) == CL_OK) {
    FUZZ_ASSERT(st == CL_OK);
    for (i = 0; i <= merge.rows; i++) {
      FUZZ_ASSERT(cluster[i] >= 1 && cluster[i] <= k);
      FUZZ_ASSERT(cluster[i] <= most + 1);  /* numbered by appearance */
      if (cluster[i] > most) most = cluster[i];
    }
    FUZZ_ASSERT(most == k);
  }
  height = take_doubles(b, merge.rows);
  if (cl_hclust_k_for_height(height, merge.rows, take_double(b), &s, &err)
      == CL_OK)
    FUZZ_ASSERT(s >= 1 && s <= merge.rows + 1);
  free(height);
  free(cluster);
  free(m);
}

static void check_cluster (bytes *b) {
  size_t n = take_choice(b, 10), cols = n, i, j, *order, *seen;
  int method = (int)take_choice(b, 10), symmetric = take_choice(b, 4) != 0;
  double *d;
  cl_matrix dm, merge, height;
  size_t bad[2];
  cl_error err;
  if (take_choice(b, 16) == 0) cols = take_choice(b, 10);
  d = take_doubles(b, n * cols);
  dm = (cl_matrix){n, cols, d};
  if (symmetric && cols == n)
    for (j = 0; j < n; j++) {
      CL_AT(&dm, j, j) = 0;
      for (i = j + 1; i < n; i++) CL_AT(&dm, j, i) = CL_AT(&dm, i, j);
    }
  merge = (cl_matrix){n ? n - 1 : 0, 2, take_doubles(b, 2 * n)};
  height = (cl_matrix){n ? n - 1 : 0, 1, take_doubles(b, n)};
  order = (size_t *)malloc((n + 1) * sizeof(size_t));
  seen = (size_t *)calloc(n + 1, sizeof(size_t));
  if (cl_hclust_check(&dm, bad, &err) != CL_OK)
    FUZZ_ASSERT(bad[0] <= n && bad[1] <= n);
  if (cl_hclust(&dm, (cl_hclust_method)method, &merge, &height, order, &err)
      == CL_OK) {
    FUZZ_ASSERT(cl_hclust_check_merge(&merge, &err) == CL_OK);
    for (i = 0; i < n; i++) {
      FUZZ_ASSERT(order[i] < n && !seen[order[i]]);
      seen[order[i]] = 1;
    }
    for (i = 0; i + 1 < n; i++) FUZZ_ASSERT(isfinite(height.data[i]));
  }
  free(seen);
  free(order);
  free(height.data);
  free(merge.data);
  free(d);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  bytes b = {data, size};
  if (take_choice(&b, 2) == 0) check_cutree(&b);
  else check_cluster(&b);
  return 0;
}
