/*
** refine.h -- solves (I - M) X = B or (I - M)' X = B by mixed-precision
** iterative refinement, the method of LAPACK's dsgesv (Langou, Luszczek,
** Kurzak, Buttari & Dongarra 2006; Higham 2002, Accuracy and Stability of
** Numerical Algorithms, 2nd ed., ch. 12): I - M factorised in single
** precision (sgetrf, twice dgetrf's rate), the residual B - op(I - M) X
** computed in double from M itself, and the correction from the single LU.
*/
#ifndef CL_REFINE_H
#define CL_REFINE_H

#include "matrix.h"

/* dsgesv's cap on the refinement steps */
#define CL_REFINE_ITERMAX 30

/*
** M is n x n with elements in [0, FLT_MAX] (input or output coefficients),
** B n x k, X n x k (not B). trans 'N' solves (I - M) X = B, 'T' solves
** (I - M)' X = B.
**
** Returns 1 when X holds a solution whose every column j passed dsgesv's
** test max_i |R_ij| <= sqrt(n) eps ||op(I - M)||_inf max_i |X_ij| (R the
** residual in double) and whose residual has reached its floor (below the
** same without sqrt(n), or no longer halving): a backward error at double
** precision, so the answer is as accurate as a double LU solve gives.
** *anorm is then ||op(I - M)||_inf and *steps the refinement steps taken.
**
** Returns 0, X undefined, when the caller must solve in double instead: an
** element of M outside [0, FLT_MAX] (not representable in single, or not a
** coefficient: the double route names it), an exact zero pivot of the single
** LU, a step that did not halve the correction (non-productive refinement,
** as for an ill-conditioned I - M: Higham sec. 12.1 and 12.3), no
** convergence in CL_REFINE_ITERMAX steps, or memory.
*/
int cl_refine_solve (const cl_matrix *m, char trans, const cl_matrix *b,
                     cl_matrix *x, double *anorm, int *steps);

#endif
