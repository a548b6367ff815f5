/*
** distance.h -- distances between the rows of a matrix, as R's stats::dist
** (euclidean, manhattan, maximum, canberra, binary = Jaccard, minkowski),
** returned as a full symmetric n x n matrix or packed as R's dist object.
*/
#ifndef CL_DISTANCE_H
#define CL_DISTANCE_H

#include "matrix.h"

typedef enum {
  CL_DIST_EUCLIDEAN,  /* sqrt(sum (x_k - y_k)^2) */
  CL_DIST_MANHATTAN,  /* sum |x_k - y_k| */
  CL_DIST_MAXIMUM,    /* max |x_k - y_k| */
  CL_DIST_CANBERRA,   /* sum |x_k - y_k| / (|x_k| + |y_k|), see below */
  CL_DIST_BINARY,     /* Jaccard: #(exactly one non-zero) / #(any non-zero) */
  CL_DIST_MINKOWSKI   /* (sum |x_k - y_k|^p)^(1/p), p > 0 */
} cl_distance_method;

/*
** d (x->rows x x->rows) = the distances between the rows of x. x must be
** finite with at least one column (CL_EDOMAIN names the first bad element);
** p is used by CL_DIST_MINKOWSKI only and must be finite and positive.
** As R: canberra leaves out the columns where both values are 0 and scales
** the sum by cols / (columns used); two rows that are 0 in every column have
** no canberra distance (R gives NA), which is CL_EDOMAIN naming the rows.
** Binary: two rows that are 0 in every column are at distance 0.
*/
int cl_distance_matrix (const cl_matrix *x, cl_distance_method method,
                        double p, cl_matrix *d, cl_error *err);

/*
** The same distances packed as R's dist object: the n(n-1)/2 pairs i < j
** row after row (pair i, j at i n - i (i + 1) / 2 + j - i - 1, 0-based),
** each row written contiguously from x's rows copied contiguously. A
** distance that overflows to infinity is CL_EDOMAIN naming the rows.
*/
int cl_distance_packed (const cl_matrix *x, cl_distance_method method,
                        double p, double *dist, cl_error *err);

/*
** The pairs of one row with many others again, for a caller that would
** otherwise read them down a column of the packed triangle (single
** linkage): *rows = x's rows copied contiguously (checked as above; free()
** it), then out[k] = d(row js[k], row i) for m rows js[k] < i, bit for bit
** as cl_distance_packed computes them. Worth it only where a pair costs
** less than a cache miss: cl_distance_cheap.
*/
int cl_distance_rows (const cl_matrix *x, cl_distance_method method,
                      double p, double **rows, cl_error *err);
void cl_distance_to (const double *rows, size_t cols,
                     cl_distance_method method, double p, size_t i,
                     const size_t *js, size_t m, double *out);
int cl_distance_cheap (cl_distance_method method, size_t cols);

#endif
