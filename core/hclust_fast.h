/*
** hclust_fast.h -- the fast paths of core/hclust.c (D. Muellner 2011,
** "Modern hierarchical, agglomerative clustering algorithms",
** arXiv:1109.2378): a minimum spanning tree (Prim) for single linkage and the
** nearest-neighbour chain for the reducible methods (complete, average,
** mcquitty, ward.D, ward.D2). Both give the dendrogram of the primitive
** algorithm that R's hclust.f runs when no two candidate distances tie;
** when two do (to 1e-12 relative), R's tie rules decide, so they report
** *tied and the caller runs R's algorithm instead.
*/
#ifndef CL_HCLUST_FAST_H
#define CL_HCLUST_FAST_H

#include <math.h>

#include "hclust.h"

/* whether cl_hclust_fast handles method m (centroid and median are not
** reducible: their trees depend on the order of the merges) */
int cl_hclust_fast_method (cl_hclust_method m);

/*
** The merges and heights of the n objects whose dissimilarities diss holds
** packed as R's dist (pair i < j at i n - i (i + 1) / 2 + j - i - 1, squared
** for ward.D2), in R's convention (see cl_hclust). Single linkage only
** reads diss, down its columns from column(ctx, ...) when that is not NULL;
** the chain overwrites diss. On CL_OK with *tied set, merge and height are
** undefined: the caller must cluster a fresh copy R's way.
*/
int cl_hclust_fast (double *diss, size_t n, cl_hclust_method m,
                    cl_hclust_column column, void *ctx, cl_matrix *merge,
                    cl_matrix *height, int *tied, cl_error *err);

/* Lance-Williams: the dissimilarity from k to the union of i and j (sizes
** ni, nj, nk), with the arithmetic in R's order so that the results agree to
** the last bit (inline: the inner loop of every update) */
static inline double cl_hclust_lance_williams (cl_hclust_method m, double dik,
                                               double djk, double dij,
                                               double ni, double nj,
                                               double nk) {
  switch (m) {
    case CL_HCLUST_WARD_D: case CL_HCLUST_WARD_D2:
      return ((ni + nk) * dik + (nj + nk) * djk - nk * dij) / (ni + nj + nk);
    case CL_HCLUST_SINGLE: return fmin(dik, djk);
    case CL_HCLUST_COMPLETE: return fmax(dik, djk);
    case CL_HCLUST_AVERAGE: return (ni * dik + nj * djk) / (ni + nj);
    case CL_HCLUST_MCQUITTY: return (dik + djk) / 2;
    case CL_HCLUST_MEDIAN: return ((dik + djk) - dij / 2) / 2;
    case CL_HCLUST_CENTROID:
      return (ni * dik + nj * djk - ni * nj * dij / (ni + nj)) / (ni + nj);
  }
  return NAN;
}

#endif
