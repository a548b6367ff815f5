/*
** correlation.h -- Pearson correlations between the columns of matrices, all
** pairs at once: the columns are centred and scaled to unit length, then one
** BLAS call forms every cross-product (as R's cor() of a matrix).
*/
#ifndef CL_CORRELATION_H
#define CL_CORRELATION_H

#include "matrix.h"

/*
** A column whose values are all equal has no variance, so its correlations
** are undefined. Such columns are reported, not refused: their 0-based
** indices go to constant[] (room for as many entries as the matrix has
** columns; may be NULL), their number to *nconstant (may be NULL), and their
** rows and columns of r are NAN. Callers set them aside.
** Both functions need at least 2 rows and finite input (CL_EDOMAIN).
*/

/* r = cor(x): x->cols x x->cols, exactly 1 on the diagonal of the defined
** columns; one dsyrk */
int cl_correlation_matrix (const cl_matrix *x, cl_matrix *r, size_t *constant,
                           size_t *nconstant, cl_error *err);

/* r = cor(x, y): x->cols x y->cols for x and y with the same rows; one dgemm */
int cl_correlation_cross (const cl_matrix *x, const cl_matrix *y, cl_matrix *r,
                          size_t *xconstant, size_t *nxconstant,
                          size_t *yconstant, size_t *nyconstant,
                          cl_error *err);

#endif
