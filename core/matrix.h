/*
** matrix.h -- dense column-major matrices of doubles and their kernels.
** A cl_matrix is a view: the caller owns the storage (the Lua binding keeps
** it inside a userdata so the garbage collector counts it). Indices are
** 0-based here; element (i, j) lives at data[j * rows + i], as LAPACK wants.
*/
#ifndef CL_MATRIX_H
#define CL_MATRIX_H

#include <stddef.h>

#include "status.h"

typedef struct cl_matrix {
  size_t rows, cols;
  double *data;
} cl_matrix;

#define CL_AT(m, i, j)  ((m)->data[(size_t)(j) * (m)->rows + (size_t)(i)])
#define cl_matrix_size(m)  ((m)->rows * (m)->cols)

typedef enum { CL_BY_ALL, CL_BY_ROW, CL_BY_COL } cl_axis;
typedef enum { CL_RED_SUM, CL_RED_MEAN, CL_RED_SD, CL_RED_MIN, CL_RED_MAX } cl_reduction;
typedef enum { CL_EW_ADD, CL_EW_SUB, CL_EW_MUL, CL_EW_DIV } cl_elementwise;

/* c = op(a) op(b): an ordinary matrix product (dgemm, or dgemv for a vector) */
int cl_matrix_mul (const cl_matrix *a, const cl_matrix *b, cl_matrix *c,
                   cl_error *err);
/* c = t(a) * b without forming t(a) (dgemm with transa) */
int cl_matrix_crossprod (const cl_matrix *a, const cl_matrix *b, cl_matrix *c,
                         cl_error *err);
int cl_matrix_transpose (const cl_matrix *a, cl_matrix *t, cl_error *err);
/* The sum of a, its column sums (cols values) and row sums (rows values), and
** the standard deviations of its columns and rows (divisor n - 1, NaN below
** two values) in two passes over a, with the very numbers (same order of
** operations) of the separate reductions of cl_matrix_reduce. ss is a
** workspace of rows values. */
void cl_matrix_margins (const cl_matrix *a, double *total, double *colsum,
                        double *rowsum, double *colsd, double *rowsd,
                        double *ss);
/* c = a op b elementwise; shapes must agree (c may alias a or b) */
int cl_matrix_elementwise (cl_elementwise op, const cl_matrix *a,
                           const cl_matrix *b, cl_matrix *c, cl_error *err);
/* c = a op s, or s op a when scalar_first */
int cl_matrix_scalar (cl_elementwise op, const cl_matrix *a, double s,
                      int scalar_first, cl_matrix *c);
/* out is 1 x 1 (CL_BY_ALL), rows x 1 (CL_BY_ROW) or 1 x cols (CL_BY_COL).
** NaN as in R: a NaN anywhere in a run makes its sum, mean, sd, min and max
** NaN, wherever it stands. */
int cl_matrix_reduce (cl_reduction red, cl_axis axis, const cl_matrix *a,
                      cl_matrix *out, cl_error *err);
void cl_matrix_fill (cl_matrix *a, double v);
void cl_matrix_identity (cl_matrix *a);
void cl_matrix_copy (const cl_matrix *a, cl_matrix *b);  /* same shape */
/* out(i, j) = a(rowidx[i], colidx[j]), indices 0-based and already checked */
void cl_matrix_take (const cl_matrix *a, const size_t *rowidx,
                     const size_t *colidx, cl_matrix *out);
/* out = [a b] (hcat) or [a; b] (vcat) */
int cl_matrix_hcat (const cl_matrix *a, const cl_matrix *b, cl_matrix *out,
                    cl_error *err);
int cl_matrix_vcat (const cl_matrix *a, const cl_matrix *b, cl_matrix *out,
                    cl_error *err);
/* index of the first non-finite element, or cl_matrix_size(a) if none */
size_t cl_matrix_first_nonfinite (const cl_matrix *a);

#endif
