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
/* l[k] = (I - a[k])^-1 for count tables at once (many regions of one
** country): tables of 64 to 511 sectors are inverted whole on up to
** `threads` threads (0: as many as OpenBLAS's), each factorising on one
** BLAS thread (the results are those of cl_leontief_inverse to the bit);
** smaller and larger ones one after another (the larger with OpenBLAS's
** threads). names[k] names a[k]'s sectors (or NULL, or names NULL). On an
** error, *failed is the lowest k that failed and err its message; the other
** inverses are then undefined. */
int cl_leontief_inverses (const cl_matrix *const *a,
                          const char *const *const *names, cl_matrix *const *l,
                          size_t count, int threads, size_t *failed,
                          cl_error *err);
/* The same in two halves, so that the caller works while the tables are
** inverted: start sets `threads` - 1 workers on them (OpenBLAS on one thread
** until finish: the caller's own BLAS calls run on one) and returns at once,
** or NULL (out of memory, err says so); finish takes the tables no worker
** has taken, waits for the workers, restores OpenBLAS's thread count and
** reports as cl_leontief_inverses; it frees the job and must be called once
** for every job started. a, names and l must live until then, unchanged.
** One job at a time: a second one started meanwhile finds OpenBLAS on one
** thread and would have the first's finish restore it under its workers. */
#define CL_INVERSES_MAX_THREADS 64
typedef struct cl_inverses cl_inverses;
cl_inverses *cl_leontief_inverses_start (const cl_matrix *const *a,
                                         const char *const *const *names,
                                         cl_matrix *const *l, size_t count,
                                         int threads, cl_error *err);
int cl_leontief_inverses_finish (cl_inverses *job, size_t *failed,
                                 cl_error *err);
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
