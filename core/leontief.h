/*
** leontief.h -- the demand-driven (Leontief) and supply-driven (Ghosh)
** input-output models: coefficients, inverses, multipliers, solves.
** Miller & Blair (2009), Input-Output Analysis, 2nd ed., ch. 2 and 12.
*/
#ifndef CL_LEONTIEF_H
#define CL_LEONTIEF_H

#include "matrix.h"

/*
** Z is the n x n intermediate flow matrix (row i sells to column j), x the
** output vector (n x 1 or 1 x n). `names` is an array of n sector names used
** in error messages, or NULL (entries may be NULL too): messages then name
** the sector by its 1-based index alone.
**
** Errors, each with its own message naming the sector: a non-square Z or A
** (CL_EDIM), an x of the wrong length (CL_EDIM), a non-finite value, a
** negative or zero output, a negative flow or coefficient (CL_EDOMAIN), a
** singular I - A (CL_ESINGULAR, with the reciprocal condition number) and a
** table that is not productive, spectral radius of A >= 1 (CL_EDOMAIN).
*/

/* A = Z diag(x)^-1, a_ij = z_ij / x_j (input coefficients, M&B ch. 2) */
int cl_leontief_coefficients (const cl_matrix *z, const cl_matrix *x,
                              const char *const *names, cl_matrix *a,
                              cl_error *err);
/* B = diag(x)^-1 Z, b_ij = z_ij / x_i (output coefficients, M&B ch. 12) */
int cl_leontief_output_coefficients (const cl_matrix *z, const cl_matrix *x,
                                     const char *const *names, cl_matrix *b,
                                     cl_error *err);
/* L = (I - A)^-1, the Leontief inverse (M&B ch. 2) */
int cl_leontief_inverse (const cl_matrix *a, const char *const *names,
                         cl_matrix *l, cl_error *err);
/* G = (I - B)^-1 with B = diag(x)^-1 Z, the Ghosh inverse; row i holds the
** outputs supported by a unit of primary input in selling sector i (M&B
** ch. 12, the supply-side model) */
int cl_leontief_ghosh (const cl_matrix *z, const cl_matrix *x,
                       const char *const *names, cl_matrix *g, cl_error *err);
/* m = L' w, m_j = sum_i w_i l_ij (w n x 1, or NULL for ones: the output
** multipliers, column sums of L), from one LU factorisation of I - A and a
** transposed solve; no inverse is formed. m is n x 1. From 64 sectors the
** LU is in single precision and the solve refined to double precision's
** accuracy (core/refine.h), falling back to the double LU when it cannot
** be: results and errors are those of the double LU. */
int cl_leontief_multipliers (const cl_matrix *a, const cl_matrix *w,
                             const char *const *names, cl_matrix *m,
                             cl_error *err);
/* x = (I - A)^-1 f for f n x k: one factorisation, k solves (for k <= 7,
** and k <= n / 64, by the single-precision LU and refinement, as the
** multipliers) */
int cl_leontief_solve (const cl_matrix *a, const cl_matrix *f,
                       const char *const *names, cl_matrix *x, cl_error *err);

#endif
