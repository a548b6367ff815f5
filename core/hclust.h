/*
** hclust.h -- agglomerative hierarchical clustering as R's stats::hclust
** (Lance-Williams updates of F. Murtagh's nearest-neighbour-list algorithm,
** R's src/library/stats/src/hclust.f), run as Muellner's (2011, arXiv:
** 1109.2378) MST and nearest-neighbour chain where no ties make the order
** matter (core/hclust_fast.h); the dendrogram's leaf order, cutree.
*/
#ifndef CL_HCLUST_H
#define CL_HCLUST_H

#include "matrix.h"

/* R's numbering of the methods (iOpt of hclust.f) */
typedef enum {
  CL_HCLUST_WARD_D = 1, CL_HCLUST_SINGLE, CL_HCLUST_COMPLETE,
  CL_HCLUST_AVERAGE, CL_HCLUST_MCQUITTY, CL_HCLUST_MEDIAN,
  CL_HCLUST_CENTROID, CL_HCLUST_WARD_D2
} cl_hclust_method;

/*
** Checks that d is a dissimilarity matrix: at least 2 x 2, square, finite,
** symmetric (to 1e-10 relative), non-negative, with a zero diagonal (to 1e-10
** of the largest entry). On failure bad[0], bad[1] (0-based row, column)
** locate the offending element when there is one (else both are d->rows).
*/
int cl_hclust_check (const cl_matrix *d, size_t bad[2], cl_error *err);

/*
** Clusters the n objects of the n x n dissimilarity matrix d (only its lower
** triangle is read, as R's as.dist) and fills, in R's convention:
**   merge  (n-1) x 2: row s joins -i (observation i, 1-based) or +t (the
**          cluster made at step t); singletons first, then smaller numbers;
**   height (n-1) x 1: the merge heights (criterion values);
**   order  n: the leaves left to right in the dendrogram (0-based).
** Ties go as in R: the same nearest-neighbour scans in the same order (the
** first smallest pair wins, as hclust.f finds it). O(n^2) memory (n(n-1)/2
** doubles); time O(n^2) (core/hclust_fast.c) unless distances tie, when R's
** scheme runs: O(n^2) typically, O(n^3) at worst.
*/
int cl_hclust (const cl_matrix *d, cl_hclust_method method, cl_matrix *merge,
               cl_matrix *height, size_t *order, cl_error *err);

/* the lower triangle of the n x n d packed as R's dist (as.dist) into diss:
** column j of d below the diagonal is row j of the packed triangle */
void cl_hclust_pack (const cl_matrix *d, double *diss);

/* restores the original dissimilarities of the n objects into diss, packed
** as R's dist object (ctx: the caller's source) */
typedef int (*cl_hclust_refill) (void *ctx, double *diss, cl_error *err);

/* out[k] = the dissimilarity of objects js[k] and i, for m objects js[k] < i,
** exactly as diss held it before clustering (ctx: the caller's source); a
** source cheaper than reading down column i of the packed triangle, where
** each element is a cache miss */
typedef void (*cl_hclust_column) (void *ctx, size_t i, const size_t *js,
                                  size_t m, double *out);

/*
** cl_hclust on the n(n-1)/2 dissimilarities diss packed as R's dist object
** (pair i < j at i n - i (i + 1) / 2 + j - i - 1), which must be finite and
** non-negative (cl_distance_packed makes them so): no checks, no copy.
** Single linkage only reads diss; the other methods overwrite it (*spent is
** then 1). refill(ctx, diss) is called when ties send the work to R's own
** scheme after the fast one has already overwritten diss. column, if not
** NULL, gives single linkage the pairs it would read down diss's columns.
*/
int cl_hclust_packed (double *diss, size_t n, cl_hclust_method method,
                      cl_hclust_refill refill, cl_hclust_column column,
                      void *ctx, cl_matrix *merge, cl_matrix *height,
                      size_t *order, int *spent, cl_error *err);

/* a cl_hclust_refill: cl_hclust_pack of the matrix ctx */
int cl_hclust_repack (void *ctx, double *diss, cl_error *err);

/* Checks that merge ((n-1) x 2) is a valid merge matrix in R's convention:
** every observation and every earlier step used exactly once. */
int cl_hclust_check_merge (const cl_matrix *merge, cl_error *err);

/*
** The number of groups R's cutree(tree, h = h) makes: n minus the number of
** leading heights <= h. The nmerge heights must be sorted increasingly
** (CL_EDOMAIN otherwise: centroid and median trees may not be).
*/
int cl_hclust_k_for_height (const double *height, size_t nmerge, double h,
                            size_t *k, cl_error *err);

/*
** cluster[i] (1..k) of each of the n = merge->rows + 1 observations after
** the first n - k merges, numbered by first appearance in observation order
** (as R's cutree). merge must pass cl_hclust_check_merge; 1 <= k <= n.
*/
int cl_hclust_cutree (const cl_matrix *merge, size_t k, size_t *cluster,
                      cl_error *err);

#endif
