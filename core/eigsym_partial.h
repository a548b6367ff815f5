/*
** eigsym_partial.h -- the symmetric eigenproblem in steps, so that a caller
** can read every eigenvalue before it decides how many eigenvectors it
** needs, and pays only for those: Householder tridiagonalisation once
** (dsytrd), all eigenvalues of the tridiagonal matrix (dsterf, O(n^2)), the
** eigenvectors of the k largest by MRRR (dstemr, Dhillon, Parlett & Vomel
** 2006) carried back to the original basis (dormtr, O(n^2 k)). This is
** dsyevr's path (LAPACK Users' Guide, 3rd ed., 2.4.4) cut in two; a factor
** analysis keeping k of n components saves the (n - k) n^2 of the rest.
*/
#ifndef CL_EIGSYM_PARTIAL_H
#define CL_EIGSYM_PARTIAL_H

#include "matrix.h"

typedef struct cl_tridiagonal {
  size_t n;
  double *a;     /* n x n: the Householder reflectors below the diagonal */
  double *d, *e; /* diagonal (n) and subdiagonal (n - 1) */
  double *tau;   /* n - 1 reflector scalars */
} cl_tridiagonal;

/* Reduces (S + S')/2 to tridiagonal form in t (to be freed with
** cl_tridiagonal_free, also after an error). S must be finite and symmetric
** to within tol * max(1, max |s_ij|); otherwise the error names the largest
** difference. */
int cl_tridiagonal_reduce (const cl_matrix *s, double tol, cl_tridiagonal *t,
                           cl_error *err);

/* values[0..n-1]: every eigenvalue, in descending order */
int cl_tridiagonal_values (const cl_tridiagonal *t, double *values,
                           cl_error *err);

/* vectors (n x k, k <= n): unit eigenvectors of the k largest eigenvalues,
** in descending order of the values (sign as LAPACK returns it) */
int cl_tridiagonal_vectors (const cl_tridiagonal *t, size_t k,
                            cl_matrix *vectors, cl_error *err);

void cl_tridiagonal_free (cl_tridiagonal *t);

#endif
