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

/* The Feser-Sweeney-Renski linkage matrix (Feser & Bergman 2000): for the m
** sectors idx[0..m-1] (0-based) of the square flow table z (rows sell,
** columns buy), l (m x m) gets
**   l_ab = max(r(z_.a, z_.b), r(z_a., z_b.), r(z_.a, z_b.), r(z_.b, z_a.))
** with z_.a column a (what a buys) and z_a. row a (what a sells), each
** correlation over all n entries; the diagonal is 1. Scaling a column to
** purchase shares or a row to sales shares by a positive total leaves its
** correlations unchanged, so the flows serve directly. Working memory: two
** n x m standardised copies and an m x 256 block; the third and fourth
** terms come from one product U'V, the first from dsyrk and the second
** from its upper blocks (4 n m^2 flops against 8 n^3 for cor([X Y'])).
** A constant column or row among idx is an error (CL_EDOMAIN). */
int cl_correlation_max_four (const cl_matrix *z, const size_t *idx, size_t m,
                             cl_matrix *l, cl_error *err);

#endif
