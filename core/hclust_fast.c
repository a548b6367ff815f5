/*
** hclust_fast.c -- single linkage as a minimum spanning tree (Prim on the
** packed distances) and the reducible methods by the nearest-neighbour chain,
** D. Muellner 2011, "Modern hierarchical, agglomerative clustering
** algorithms", arXiv:1109.2378 (MST-linkage and NN-chain-linkage): O(n^2) time,
** where R's scheme rescans nearest-neighbour lists. Both find the same
** merges as the primitive algorithm, in another order; sorted by height they
** are R's steps, renumbered here into R's merge convention.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hclust_fast.h"

/* two candidates this close (relative) may round differently here and in R:
** R decides; min and max do not round, so complete and single need equality */
#define NEAR_TIE 1e-12

/* how many elements ahead the column walks prefetch */
#define AHEAD 16

typedef struct { double h; size_t a, b; } step_rec;  /* a, b: members */

/* d(i, j), i != j, in the packed upper triangle by rows (R's dist order) */
static double *pair (double *diss, size_t n, size_t i, size_t j) {
  if (i > j) { size_t t = i; i = j; j = t; }
  return &diss[i * n - i * (i + 1) / 2 + j - i - 1];
}

int cl_hclust_fast_method (cl_hclust_method m) {
  return m != CL_HCLUST_MEDIAN && m != CL_HCLUST_CENTROID;
}

/* removes the value v from the sorted array live[0..*count) */
static void drop (size_t *live, size_t *count, size_t v) {
  size_t k = 0;
  while (live[k] != v) k++;
  memmove(&live[k], &live[k + 1], (*count - k - 1) * sizeof(size_t));
  (*count)--;
}

/* the pairs Prim's column walks get from column() at a time */
#define COLUMN_BLOCK 64

/* key[j] from cur at distance d if that is nearer; the first nearest live
** object so far in *dmin, *best (live[k] = j) */
static inline void relax (double d, size_t j, size_t k, size_t cur,
                          double *key, size_t *from, double *dmin,
                          size_t *best) {
  if (d < key[j]) {
    key[j] = d;
    from[j] = cur;
  }
  if (key[j] < *dmin || k == 0) {
    *dmin = key[j];
    *best = k;
  }
}

/* Prim: each object joins the tree through its closest tree member; the n - 1
** joins are the single-linkage merges (Muellner's MST-linkage). The pairs of
** cur with the live j < cur are down cur's column, or from column() */
static int mst (const double *diss, size_t n, cl_hclust_column column,
                void *ctx, size_t *live, double *key, size_t *from,
                step_rec *steps, cl_error *err) {
  size_t s, k, count = n - 1, cur = 0;
  double got[COLUMN_BLOCK];
  for (k = 0; k < count; k++) {
    live[k] = k + 1;
    key[k + 1] = INFINITY;
  }
  for (s = 0; s + 1 < n; s++) {
    size_t best = 0, below = 0, hi = count;
    double dmin = INFINITY;
    const double *row = &diss[cur * n - cur * (cur + 1) / 2];  /* cur, cur+1 */
    if ((s & 63) == 0 && cl_check_interrupt(err) != CL_OK) return CL_EINTR;
    while (below < hi) {  /* live is sorted: the first live[k] > cur */
      size_t mid = below + (hi - below) / 2;
      if (live[mid] < cur) below = mid + 1;
      else hi = mid;
    }
    if (column != NULL)
      for (k = 0; k < below; k++) {
        size_t b = k % COLUMN_BLOCK;
        if (b == 0)
          column(ctx, cur, &live[k], below - k < COLUMN_BLOCK ? below - k
                 : COLUMN_BLOCK, got);
        relax(got[b], live[k], k, cur, key, from, &dmin, &best);
      }
    else
      for (k = 0; k < below; k++) {  /* down cur's column */
        size_t j = live[k];
        if (k + AHEAD < below) {
          size_t f = live[k + AHEAD];
          __builtin_prefetch(&diss[f * n - f * (f + 1) / 2 + cur - f - 1]);
        }
        relax(diss[j * n - j * (j + 1) / 2 + cur - j - 1], j, k, cur, key,
              from, &dmin, &best);
      }
    for (k = below; k < count; k++)  /* along its row */
      relax(row[live[k] - cur - 1], live[k], k, cur, key, from, &dmin, &best);
    cur = live[best];
    steps[s].h = key[cur];
    steps[s].a = from[cur];
    steps[s].b = cur;
    memmove(&live[best], &live[best + 1], (count - best - 1) * sizeof(size_t));
    count--;
  }
  return CL_OK;
}

/* the nearest live neighbour of a; *near when another is as near, to tol.
** live is sorted: the j < a are down a's column, the j > a along its row */
static size_t nearest (const double *diss, size_t n, const size_t *live,
                       size_t count, size_t a, double tol, double *dmin,
                       int *near) {
  size_t k, best = n;
  const double *row = &diss[a * n - a * (a + 1) / 2];  /* d(a, a + 1) on */
  double d1 = INFINITY, d2 = INFINITY;
  for (k = 0; k < count && live[k] < a; k++) {
    size_t j = live[k];
    double d = diss[j * n - j * (j + 1) / 2 + a - j - 1];
    if (k + AHEAD < count) {  /* the column's loads are a cache line each */
      size_t f = live[k + AHEAD];
      __builtin_prefetch(&diss[f * n - f * (f + 1) / 2 + a - f - 1]);
    }
    if (d < d1) {
      d2 = d1;
      d1 = d;
      best = j;
    } else if (d < d2)
      d2 = d;
  }
  for (k += k < count && live[k] == a; k < count; k++) {
    size_t j = live[k];
    double d = row[j - a - 1];
    if (d < d1) {
      d2 = d1;
      d1 = d;
      best = j;
    } else if (d < d2)
      d2 = d;
  }
  *dmin = d1;
  *near = !(d2 > d1 * (1 + tol)) || !isfinite(d1);
  return best;
}

/* the union of lo < hi takes lo's place: d(lo, j) for every other live j,
** down the columns of lo and hi for j < lo, then along lo's row */
static void update (double *diss, size_t n, cl_hclust_method m,
                    const size_t *live, size_t count, size_t lo, size_t hi,
                    double dab, const double *size) {
  double *rlo = &diss[lo * n - lo * (lo + 1) / 2];  /* d(lo, lo + 1) on */
  const double *rhi = &diss[hi * n - hi * (hi + 1) / 2];
  double nlo = size[lo], nhi = size[hi];
  size_t k;
  for (k = 0; k < count && live[k] < lo; k++) {
    size_t j = live[k], c = j * n - j * (j + 1) / 2 - j - 1;
    if (k + AHEAD < count) {
      size_t f = live[k + AHEAD], cf = f * n - f * (f + 1) / 2 - f - 1;
      __builtin_prefetch(&diss[cf + lo], 1);
      __builtin_prefetch(&diss[cf + hi]);
    }
    diss[c + lo] = cl_hclust_lance_williams(m, diss[c + lo], diss[c + hi], dab,
                                            nlo, nhi, size[j]);
  }
  for (k++; k < count && live[k] < hi; k++) {
    size_t j = live[k];
    if (k + AHEAD < count)
      __builtin_prefetch(pair(diss, n, live[k + AHEAD], hi));
    rlo[j - lo - 1] = cl_hclust_lance_williams(m, rlo[j - lo - 1],
                                               *pair(diss, n, j, hi), dab,
                                               nlo, nhi, size[j]);
  }
  for (k++; k < count; k++) {
    size_t j = live[k];
    rlo[j - lo - 1] = cl_hclust_lance_williams(m, rlo[j - lo - 1],
                                               rhi[j - hi - 1], dab, nlo, nhi,
                                               size[j]);
  }
}

/* the nearest-neighbour chain: grow a chain of nearest neighbours until its
** last two are each other's nearest, merge them, continue from what is left */
static int chain (double *diss, size_t n, cl_hclust_method m, size_t *live,
                  size_t *path, double *size, step_rec *steps, int *tied,
                  cl_error *err) {
  size_t s, k, len = 0, count = n;
  double tol = m == CL_HCLUST_COMPLETE ? 0 : NEAR_TIE;
  for (k = 0; k < n; k++) {
    live[k] = k;
    size[k] = 1;
  }
  for (s = 0; s + 1 < n; s++) {
    size_t a, b, lo, hi;
    double dab;
    int near;
    if ((s & 63) == 0 && cl_check_interrupt(err) != CL_OK) return CL_EINTR;
    if (len == 0) path[len++] = live[0];
    for (;;) {
      a = path[len - 1];
      b = nearest(diss, n, live, count, a, tol, &dab, &near);
      if (near) {
        *tied = 1;
        return CL_OK;
      }
      if (len >= 2 && b == path[len - 2]) break;
      path[len++] = b;
    }
    len -= 2;
    steps[s].h = dab;
    steps[s].a = a;
    steps[s].b = b;
    lo = a < b ? a : b;
    hi = a < b ? b : a;
    update(diss, n, m, live, count, lo, hi, dab, size);
    size[lo] += size[hi];
    drop(live, &count, hi);
  }
  return CL_OK;
}

static int by_height (const void *x, const void *y) {
  double a = ((const step_rec *)x)->h, b = ((const step_rec *)y)->h;
  return (a > b) - (a < b);
}

/* the union-find root of i, halving the path */
static size_t root (size_t *parent, size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/* steps sorted by height into R's merge rows: -i for observation i, +t for
** step t; singletons first, two singletons or two steps smaller first */
static void renumber (const step_rec *steps, size_t n, cl_matrix *merge,
                      size_t *parent, double *label) {
  size_t s, i;
  for (i = 0; i < n; i++) {
    parent[i] = i;
    label[i] = -(double)(i + 1);
  }
  for (s = 0; s + 1 < n; s++) {
    size_t ra = root(parent, steps[s].a), rb = root(parent, steps[s].b);
    double a = label[ra], b = label[rb];
    if ((a > 0 && b < 0) || (a > 0 && b > 0 && b < a) ||
        (a < 0 && b < 0 && a < b)) {
      double t = a; a = b; b = t;
    }
    CL_AT(merge, s, 0) = a;
    CL_AT(merge, s, 1) = b;
    parent[rb] = ra;
    label[ra] = (double)(s + 1);
  }
}

int cl_hclust_fast (double *diss, size_t n, cl_hclust_method m,
                    cl_hclust_column column, void *ctx, cl_matrix *merge,
                    cl_matrix *height, int *tied, cl_error *err) {
  size_t s, *live = malloc(2 * n * sizeof(size_t));
  double *work = malloc(n * sizeof(double)), tol;
  step_rec *steps = malloc(n * sizeof(step_rec));
  int rc;
  *tied = 0;
  if (live == NULL || work == NULL || steps == NULL) {
    rc = cl_fail(err, CL_ENOMEM, "no memory to cluster %zu objects", n);
    goto done;
  }
  if (m == CL_HCLUST_SINGLE) {
    rc = mst(diss, n, column, ctx, live, work, live + n, steps, err);
    tol = 0;
  } else {
    rc = chain(diss, n, m, live, live + n, work, steps, tied, err);
    tol = m == CL_HCLUST_COMPLETE ? 0 : NEAR_TIE;
  }
  if (rc != CL_OK || *tied) goto done;
  qsort(steps, n - 1, sizeof(step_rec), by_height);
  for (s = 0; s + 1 < n; s++)
    if (!isfinite(steps[s].h) ||
        (s > 0 && !(steps[s].h > steps[s - 1].h * (1 + tol)))) {
      *tied = 1;  /* equal heights: R's scan order decides which goes first */
      goto done;
    }
  for (s = 0; s + 1 < n; s++)
    height->data[s] = m == CL_HCLUST_WARD_D2 ? sqrt(steps[s].h) : steps[s].h;
  renumber(steps, n, merge, live, work);
done:
  free(live);
  free(work);
  free(steps);
  return rc;
}
