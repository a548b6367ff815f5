/*
** hclust.c -- agglomerative clustering with the Lance-Williams updates, in
** the nearest-neighbour-list scheme of F. Murtagh (1985, Multidimensional
** Clustering Algorithms) as R's hclust.f runs it, so ties go R's way.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hclust_fast.h"
#include "hugepages.h"

#define SYM_TOL 1e-10
#define BLOCK 64

/* the first negative or asymmetric pair in column order, as an error */
static int first_asymmetry (const cl_matrix *d, size_t bad[2], cl_error *err) {
  size_t i, j, n = d->rows;
  for (j = 0; j < n; j++)
    for (i = j + 1; i < n; i++) {
      double lo = CL_AT(d, i, j), up = CL_AT(d, j, i);
      bad[0] = i;
      bad[1] = j;
      if (lo < 0 || up < 0)
        return cl_fail(err, CL_EDOMAIN, "D[%zu, %zu] is %g: dissimilarities "
                       "must be non-negative", lo < 0 ? i + 1 : j + 1,
                       lo < 0 ? j + 1 : i + 1, lo < 0 ? lo : up);
      if (fabs(lo - up) > SYM_TOL * fmax(lo, up))
        return cl_fail(err, CL_EDOMAIN, "D is not symmetric: D[%zu, %zu] = "
                       "%.17g but D[%zu, %zu] = %.17g", i + 1, j + 1, lo,
                       j + 1, i + 1, up);
    }
  return CL_OK;  /* not reached: the caller found one */
}

int cl_hclust_check (const cl_matrix *d, size_t bad[2], cl_error *err) {
  size_t i, j, i0, j0, n = d->rows, k = cl_matrix_first_nonfinite(d);
  double big = 0;
  bad[0] = bad[1] = n;
  if (d->rows != d->cols)
    return cl_fail(err, CL_EDIM, "dissimilarity matrix must be square, got "
                   "%zu x %zu", d->rows, d->cols);
  if (n < 2)
    return cl_fail(err, CL_EDIM, "clustering needs at least 2 objects, got %zu",
                   n);
  if (k < cl_matrix_size(d)) {
    bad[0] = k % n;
    bad[1] = k / n;
    return cl_fail(err, CL_EDOMAIN, "D[%zu, %zu] is %g, not a finite number",
                   bad[0] + 1, bad[1] + 1, d->data[k]);
  }
  for (j0 = 0; j0 < n; j0 += BLOCK)  /* in cache blocks: d[j, i] is a row */
    for (i0 = j0; i0 < n; i0 += BLOCK)
      for (j = j0; j < j0 + BLOCK && j < n; j++)
        for (i = i0 > j ? i0 : j + 1; i < i0 + BLOCK && i < n; i++) {
          double lo = CL_AT(d, i, j), up = CL_AT(d, j, i);
          if (lo < 0 || up < 0 || fabs(lo - up) > SYM_TOL * fmax(lo, up))
            return first_asymmetry(d, bad, err);
          if (lo > big) big = lo;
        }
  for (i = 0; i < n; i++)
    if (fabs(CL_AT(d, i, i)) > SYM_TOL * big) {
      bad[0] = bad[1] = i;
      return cl_fail(err, CL_EDOMAIN, "D[%zu, %zu] is %g: the diagonal of a "
                     "dissimilarity matrix must be 0", i + 1, i + 1,
                     CL_AT(d, i, i));
    }
  bad[0] = bad[1] = n;
  return CL_OK;
}

/* the working state: the upper triangle packed by rows (R's dist order) */
typedef struct {
  size_t n;
  double *diss;    /* n(n-1)/2 current dissimilarities between clusters */
  double *size;    /* members of the cluster each live index stands for */
  double *nndist;  /* distance to nn[i] */
  size_t *nn;      /* nearest live neighbour to the right of i (or n) */
  unsigned char *live;
} state;

/* &diss(i, j) for i != j */
static double *at (state *s, size_t i, size_t j) {
  if (i > j) { size_t t = i; i = j; j = t; }
  return &s->diss[i * s->n - i * (i + 1) / 2 + j - i - 1];
}

/* the first live j > i at the smallest distance (ties: smallest j) */
static void find_nn (state *s, size_t i) {
  size_t j, best = s->n;
  double dmin = INFINITY;
  for (j = i + 1; j < s->n; j++)
    if (s->live[j] && *at(s, i, j) < dmin) {
      dmin = *at(s, i, j);
      best = j;
    }
  s->nn[i] = best;
  s->nndist[i] = dmin;
}

/* Joins the closest pair; cluster j2 goes into i2 (i2 < j2), whose index
** then stands for the union. rep[] records i2 and j2 for the merge matrix. */
static int agglomerate (state *s, cl_hclust_method m, size_t rep[2],
                        double *crit) {
  size_t i, k, i2 = s->n, j2 = s->n, right = s->n;
  double dmin = INFINITY, d12;
  for (i = 0; i + 1 < s->n; i++)
    if (s->live[i] && s->nndist[i] < dmin) {
      dmin = s->nndist[i];
      i2 = i;
      j2 = s->nn[i];
    }
  if (i2 == s->n) return CL_EDOMAIN;  /* only overflowed distances left */
  rep[0] = i2;
  rep[1] = j2;
  *crit = (m == CL_HCLUST_WARD_D2) ? sqrt(dmin) : dmin;
  s->live[j2] = 0;
  d12 = *at(s, i2, j2);
  dmin = INFINITY;
  for (k = 0; k < s->n; k++) {
    double *dik, v;
    if (k + 16 < s->n && k + 16 != i2 && k + 16 != j2) {  /* down the columns */
      __builtin_prefetch(at(s, i2, k + 16), 1);          /* a miss each */
      __builtin_prefetch(at(s, j2, k + 16));
    }
    if (!s->live[k] || k == i2) continue;
    dik = at(s, i2, k);
    v = *dik = cl_hclust_lance_williams(m, *dik, *at(s, j2, k), d12,
                                        s->size[i2], s->size[j2], s->size[k]);
    if (i2 < k) {
      if (v < dmin) {
        dmin = v;
        right = k;
      }
    } else if (v < s->nndist[k]) {  /* i2 may now be k's nearest (R's fix) */
      s->nndist[k] = v;
      s->nn[k] = i2;
    }
  }
  s->size[i2] += s->size[j2];
  s->nndist[i2] = dmin;
  s->nn[i2] = right;
  for (i = 0; i + 1 < s->n; i++)  /* whoever pointed at i2 or j2 looks again */
    if (s->live[i] && (s->nn[i] == i2 || s->nn[i] == j2)) find_nn(s, i);
  return CL_OK;
}

/* row s of merge in R's convention from the representatives i2 < j2; step[]
** holds, per representative, the latest step (1-based) that made its cluster */
static void record_merge (cl_matrix *merge, size_t s, const size_t rep[2],
                          size_t *step) {
  double a = step[rep[0]] ? (double)step[rep[0]] : -(double)(rep[0] + 1);
  double b = step[rep[1]] ? (double)step[rep[1]] : -(double)(rep[1] + 1);
  if ((a > 0 && b < 0) || (a > 0 && b > 0 && b < a)) {
    double t = a; a = b; b = t;
  }
  CL_AT(merge, s, 0) = a;
  CL_AT(merge, s, 1) = b;
  step[rep[0]] = s + 1;
}

/* the leaves in dendrogram order: each merge lists its first part, then its
** second, from the last merge down (what R's hcass2 computes) */
static void leaf_order (const cl_matrix *merge, size_t *order, size_t *stack) {
  size_t top = 0, out = 0, n = merge->rows + 1;
  stack[top++] = n - 1;  /* 1-based step n - 1, stored as a step number */
  while (top > 0) {
    size_t t = stack[--top];
    double a = CL_AT(merge, t - 1, 0), b = CL_AT(merge, t - 1, 1);
    /* push the second part first so that the first comes out first; a
    ** singleton is stored as n + observation to tell it from a step */
    stack[top++] = b < 0 ? n + (size_t)(-b) - 1 : (size_t)b;
    stack[top++] = a < 0 ? n + (size_t)(-a) - 1 : (size_t)a;
    while (top > 0 && stack[top - 1] >= n) order[out++] = stack[--top] - n;
  }
}

void cl_hclust_pack (const cl_matrix *d, double *diss) {
  size_t j, n = d->rows;
  for (j = 0; j + 1 < n; j++)  /* column j below the diagonal is row j */
    memcpy(&diss[j * n - j * (j + 1) / 2], &CL_AT(d, j + 1, j),
           (n - j - 1) * sizeof(double));
}

/* R's scheme on the packed diss (overwritten), as hclust.f */
static int murtagh (double *diss, size_t n, cl_hclust_method method,
                    cl_matrix *merge, cl_matrix *height, size_t *step,
                    cl_error *err) {
  size_t i, s, rep[2];
  int rc = CL_OK;
  state st = {0};
  st.n = n;
  st.diss = diss;
  st.size = malloc(n * sizeof(double));
  st.nndist = malloc(n * sizeof(double));
  st.nn = malloc(n * sizeof(size_t));
  st.live = malloc(n);
  if (!st.size || !st.nndist || !st.nn || !st.live) {
    rc = cl_fail(err, CL_ENOMEM, "no memory to cluster %zu objects", n);
    goto done;
  }
  for (i = 0; i < n; i++) {
    st.size[i] = 1;
    st.live[i] = 1;
    step[i] = 0;
  }
  for (i = 0; i + 1 < n; i++) find_nn(&st, i);
  for (s = 0; s + 1 < n; s++) {
    if ((rc = cl_check_interrupt(err)) != CL_OK) goto done;  /* Ctrl-C */
    if (agglomerate(&st, method, rep, &height->data[s]) != CL_OK) {
      rc = cl_fail(err, CL_EDOMAIN, "dissimilarities too large: the updates "
                   "overflowed at step %zu", s + 1);
      goto done;
    }
    record_merge(merge, s, rep, step);
  }
done:
  free(st.size);
  free(st.nndist);
  free(st.nn);
  free(st.live);
  return rc;
}

int cl_hclust_repack (void *d, double *diss, cl_error *err) {
  (void)err;
  cl_hclust_pack(d, diss);
  return CL_OK;
}

int cl_hclust_packed (double *diss, size_t n, cl_hclust_method method,
                      cl_hclust_refill refill, cl_hclust_column column,
                      void *ctx, cl_matrix *merge, cl_matrix *height,
                      size_t *order, int *spent, cl_error *err) {
  size_t i, s, npair, *step;
  int tied = 1, rc = CL_OK;
  *spent = 0;
  if (n < 2)
    return cl_fail(err, CL_EDIM, "clustering needs at least 2 objects, got %zu",
                   n);
  if (method < CL_HCLUST_WARD_D || method > CL_HCLUST_WARD_D2)
    return cl_fail(err, CL_EDOMAIN, "unknown clustering method %d",
                   (int)method);
  if (merge->rows != n - 1 || merge->cols != 2 || height->rows != n - 1 ||
      height->cols != 1)
    return cl_fail(err, CL_EDIM, "merge must be %zu x 2 and height %zu x 1",
                   n - 1, n - 1);
  if ((step = calloc(n + 1, sizeof(size_t))) == NULL)  /* and leaf_order's */
    return cl_fail(err, CL_ENOMEM, "no memory to cluster %zu objects", n);
  npair = n * (n - 1) / 2;
  if (method != CL_HCLUST_SINGLE) *spent = 1;
  if (method == CL_HCLUST_WARD_D2)  /* ward.D2 works on squares (R's iOpt 8) */
    for (i = 0; i < npair; i++) diss[i] *= diss[i];
  if (cl_hclust_fast_method(method) &&
      (rc = cl_hclust_fast(diss, n, method, column, ctx, merge, height,
                           &tied, err))
      != CL_OK)
    goto done;
  if (tied) {  /* ties (or overflow): R's own scheme decides */
    if (*spent) {
      if ((rc = refill(ctx, diss, err)) != CL_OK) goto done;
      if (method == CL_HCLUST_WARD_D2)
        for (i = 0; i < npair; i++) diss[i] *= diss[i];
    }
    *spent = 1;
    if ((rc = murtagh(diss, n, method, merge, height, step, err)) != CL_OK)
      goto done;
  }
  for (s = 0; s + 1 < n; s++)
    if (!isfinite(height->data[s])) {
      rc = cl_fail(err, CL_EDOMAIN, "dissimilarities too large: height %zu "
                   "overflowed", s + 1);
      goto done;
    }
  leaf_order(merge, order, step);
done:
  free(step);
  return rc;
}

int cl_hclust (const cl_matrix *d, cl_hclust_method method, cl_matrix *merge,
               cl_matrix *height, size_t *order, cl_error *err) {
  size_t bad[2], n = d->rows;
  double *diss;
  int spent, rc = cl_hclust_check(d, bad, err);
  if (rc != CL_OK) return rc;
  if (n > SIZE_MAX / sizeof(double) / n)
    return cl_fail(err, CL_ENOMEM, "%zu objects are too many to cluster", n);
  if ((diss = malloc(n * (n - 1) / 2 * sizeof(double))) == NULL)
    return cl_fail(err, CL_ENOMEM, "no memory to cluster %zu objects", n);
  cl_hugepages(diss, n * (n - 1) / 2 * sizeof(double));
  cl_hclust_pack(d, diss);
  rc = cl_hclust_packed(diss, n, method, cl_hclust_repack, NULL, (void *)d,
                        merge, height, order, &spent, err);
  free(diss);
  return rc;
}

int cl_hclust_check_merge (const cl_matrix *merge, cl_error *err) {
  size_t s, c, n = merge->rows + 1;
  unsigned char *used;
  int rc = CL_OK;
  if (merge->cols != 2 || merge->rows < 1)
    return cl_fail(err, CL_EDIM, "merge must be an (n-1) x 2 matrix with n >= "
                   "2, got %zu x %zu", merge->rows, merge->cols);
  used = calloc(2 * n, 1);  /* observations 0..n-1, then steps n.. */
  if (used == NULL) return cl_fail(err, CL_ENOMEM, "no memory for merge");
  for (s = 0; s < merge->rows && rc == CL_OK; s++)
    for (c = 0; c < 2 && rc == CL_OK; c++) {
      double v = CL_AT(merge, s, c);
      size_t slot;
      if (!(v == floor(v)) || v == 0 || v < -(double)n || v > (double)s)
        rc = s == 0
          ? cl_fail(err, CL_EDOMAIN, "merge[1, %zu] = %g: must be an "
                    "observation -1..-%zu (no step comes before row 1)", c + 1,
                    v, n)
          : cl_fail(err, CL_EDOMAIN, "merge[%zu, %zu] = %g: must be an "
                    "observation -1..-%zu or an earlier step 1..%zu", s + 1,
                    c + 1, v, n, s);
      else {
        slot = v < 0 ? (size_t)(-v) - 1 : n + (size_t)v - 1;
        if (used[slot])
          rc = cl_fail(err, CL_EDOMAIN, "merge[%zu, %zu] = %g joins %s %zu a "
                       "second time", s + 1, c + 1, v,
                       v < 0 ? "observation" : "step", v < 0 ? (size_t)(-v) :
                       (size_t)v);
        used[slot] = 1;
      }
    }
  free(used);
  return rc;
}

int cl_hclust_k_for_height (const double *height, size_t nmerge, double h,
                            size_t *k, cl_error *err) {
  size_t s, below = 0;
  if (isnan(h)) return cl_fail(err, CL_EDOMAIN, "height h is NaN");
  for (s = 0; s + 1 < nmerge; s++)
    if (!(height[s] <= height[s + 1]))
      return cl_fail(err, CL_EDOMAIN, "the heights of the tree are not sorted "
                     "increasingly (height %zu = %g > height %zu = %g), so a "
                     "cut at height h is ambiguous; cut at k groups instead",
                     s + 1, height[s], s + 2, height[s + 1]);
  while (below < nmerge && height[below] <= h) below++;
  *k = nmerge + 1 - below;
  return CL_OK;
}

/* the root of observation i's group, halving the path on the way */
static size_t find_root (size_t *parent, size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

int cl_hclust_cutree (const cl_matrix *merge, size_t k, size_t *cluster,
                      cl_error *err) {
  size_t n = merge->rows + 1, s, i, next = 0, *parent, *member, *number;
  int rc = cl_hclust_check_merge(merge, err);
  if (rc != CL_OK) return rc;
  if (k < 1 || k > n)
    return cl_fail(err, CL_EDOMAIN, "k = %zu groups: must be between 1 and %zu",
                   k, n);
  parent = malloc(3 * n * sizeof(size_t));
  if (parent == NULL) return cl_fail(err, CL_ENOMEM, "no memory for cutree");
  member = parent + n;  /* an observation in the cluster of each step */
  number = parent + 2 * n;
  for (i = 0; i < n; i++) {
    parent[i] = i;
    number[i] = 0;
  }
  for (s = 0; s < n - k; s++) {
    size_t ends[2], c;
    for (c = 0; c < 2; c++) {
      double v = CL_AT(merge, s, c);
      ends[c] = v < 0 ? (size_t)(-v) - 1 : member[(size_t)v - 1];
    }
    parent[find_root(parent, ends[1])] = find_root(parent, ends[0]);
    member[s] = ends[0];
  }
  for (i = 0; i < n; i++) {  /* number groups by first appearance */
    size_t r = find_root(parent, i);
    if (number[r] == 0) number[r] = ++next;
    cluster[i] = number[r];
  }
  free(parent);
  return CL_OK;
}
