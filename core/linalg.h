/*
** linalg.h -- dense linear algebra over LAPACKE: solve, inverse, reusable LU,
** determinant, Cholesky, least squares, eigen-decompositions and SVD.
** All matrices are column-major cl_matrix views; inputs are never modified.
*/
#ifndef CL_LINALG_H
#define CL_LINALG_H

#include "matrix.h"

/*
** Every function below checks shapes (CL_EDIM) and refuses NaN or Inf input
** (CL_EDOMAIN) before LAPACK sees it, allocates its own workspace (CL_ENOMEM
** if that fails, nothing leaked) and reports messages with 1-based indices.
** solve, inv and lu fail with CL_ESINGULAR when a pivot is exactly zero
** ("matrix is singular (U[3,3] = 0)") or when the reciprocal condition number
** in the 1-norm is below DBL_EPSILON ("matrix is numerically singular ...").
*/

/* An LU factorisation P A = L U (dgetrf), kept to solve many systems. The
** caller provides the storage: lu an n x n matrix, ipiv n ints. */
typedef struct cl_lu {
  cl_matrix lu;    /* unit lower L below the diagonal, U on and above it */
  int *ipiv;       /* row interchanges, 1-based as LAPACK returns them */
  double rcond;    /* reciprocal condition number of A, 1-norm (dgecon) */
} cl_lu;

/* x = A^-1 B for square A (n x n) and B (n x k); x is n x k. dgesv's two
** steps, dgetrf and dgetrs, with the condition check between them. */
int cl_linalg_solve (const cl_matrix *a, const cl_matrix *b, cl_matrix *x,
                     cl_error *err);
/* inv = A^-1 (dgetrf + dgetri): prefer cl_linalg_solve for A^-1 B */
int cl_linalg_inv (const cl_matrix *a, cl_matrix *inv, cl_error *err);
/* factorises A into f (f->lu must be n x n, f->ipiv hold n ints) */
int cl_linalg_lu (const cl_matrix *a, cl_lu *f, cl_error *err);
/* x = A^-1 B (trans 'N') or x = A'^-1 B (trans 'T') from the factors
** (dgetrs) */
int cl_linalg_lu_solve (const cl_lu *f, char trans, const cl_matrix *b,
                        cl_matrix *x, cl_error *err);
/* determinant from the factors: product of U's diagonal, sign of the pivots */
int cl_linalg_lu_det (const cl_lu *f, double *det, cl_error *err);
/* determinant of square A; 0 for an exactly singular matrix, 1 for 0 x 0 */
int cl_linalg_det (const cl_matrix *a, double *det, cl_error *err);

/* upper triangular r with A = r' r (dpotrf), as R's chol(); A must be
** symmetric (see cl_linalg_eigsym) and positive definite */
int cl_linalg_chol (const cl_matrix *a, cl_matrix *r, cl_error *err);

/* x minimising ||A x - b|| for A m x n with m >= n and full column rank
** (QR, dgels); b is m x k, x n x k, rss[j] the residual sum of squares of
** column j */
int cl_linalg_lstsq (const cl_matrix *a, const cl_matrix *b, cl_matrix *x,
                     double *rss, cl_error *err);

/* Eigen-decomposition of symmetric S (dsyevr): values[0..n-1] in descending
** order, column j of vectors (n x n, or NULL) the unit eigenvector of
** values[j] (sign as LAPACK returns it). S must be symmetric to within
** 1e-10 * max |s_ij|; its lower triangle is used. */
int cl_linalg_eigsym (const cl_matrix *s, double *values, cl_matrix *vectors,
                      cl_error *err);

/* Eigen-decomposition of a general square A (dgeev). Eigenvalue j is
** re[j] + i im[j]; they are ordered by decreasing modulus (ties: larger real
** part, then larger imaginary part first), so a complex conjugate pair is
** adjacent with the positive imaginary part first. The right eigenvector of
** eigenvalue j is column j of vre plus i times column j of vim (vim's column
** is zero for a real eigenvalue): LAPACK's packed storage is unpacked.
** Each vector has Euclidean norm 1 and its largest component real.
** vre and vim (n x n) may both be NULL when only the values are wanted. */
int cl_linalg_eig (const cl_matrix *a, double *re, double *im, cl_matrix *vre,
                   cl_matrix *vim, cl_error *err);

/* Thin SVD A = U diag(d) V' of A m x n (dgesdd), k = min(m, n): u m x k,
** d[0..k-1] descending and >= 0, v n x k; u and v may both be NULL. */
int cl_linalg_svd (const cl_matrix *a, cl_matrix *u, double *d, cl_matrix *v,
                   cl_error *err);

#endif
