/*
** rotation.h -- rotations of a factor loading matrix to simple structure:
** varimax (Kaiser 1958) and promax (Hendrickson & White 1964), computed
** exactly as R's stats::varimax and stats::promax.
*/
#ifndef CL_ROTATION_H
#define CL_ROTATION_H

#include "matrix.h"

/*
** a is p x k loadings (p variables, k factors); loadings (p x k) and rotmat
** (k x k) receive the result, loadings = a * rotmat. With fewer than 2 factors
** nothing rotates: loadings = a and rotmat = I, as R does.
*/

/* Varimax: each iteration z = x T, B = x'(z^3 - z diag(colsums(z^2))/p),
** T = U V' from the SVD B = U D V'; stops when sum(D) grows by less than a
** factor 1 + eps, or after 1000 iterations (R's limit). normalize: Kaiser's
** row normalisation (rows scaled to unit length, then scaled back; a row of
** zeros stays zeros). iterations (may be NULL) receives the count. */
int cl_rotation_varimax (const cl_matrix *a, int normalize, double eps,
                         cl_matrix *loadings, cl_matrix *rotmat,
                         int *iterations, cl_error *err);

/* Promax with power m (R's default 4): the Kaiser-normalised varimax
** solution x (eps 1e-5), targets Q = x |x|^(m-1), U the least-squares fit of
** x U = Q (QR), columns of U rescaled by sqrt(diag((U'U)^-1)); loadings =
** x U and rotmat = T_varimax U (oblique: not orthogonal). Needs p >= k and
** loadings of full column rank (CL_ESINGULAR otherwise). */
int cl_rotation_promax (const cl_matrix *a, double m, cl_matrix *loadings,
                        cl_matrix *rotmat, cl_error *err);

#endif
