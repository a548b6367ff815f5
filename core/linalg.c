/*
** linalg.c -- dense linear algebra over LAPACKE (column-major, the _work
** interfaces with workspace allocated here so that failures are CL_ENOMEM).
*/
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lapacke.h>

#include "linalg.h"

_Static_assert(sizeof(lapack_int) == sizeof(int),
               "cl_lu.ipiv holds LAPACK's 32-bit integers");

/* ---------------------------------------------------------------- */
/* checks and workspace                                              */
/* ---------------------------------------------------------------- */

/* n elements of the given size, NULL on overflow or exhaustion; never
** asks for 0 bytes, so NULL always means failure */
static void *alloc (size_t n, size_t size) {
  if (n == 0) n = 1;
  if (n > SIZE_MAX / size) return NULL;
  return malloc(n * size);
}

static double *alloc_doubles (size_t r, size_t c) {
  if (c != 0 && r > SIZE_MAX / c) return NULL;
  return (double *)alloc(r * c, sizeof(double));
}

static int no_memory (cl_error *err) {
  return cl_fail(err, CL_ENOMEM, "not enough memory for the LAPACK workspace");
}

static int lapack_fail (cl_error *err, const char *routine, lapack_int info) {
  return cl_fail(err, CL_ELAPACK, "%s: illegal value of argument %d", routine,
                 (int)-info);
}

/* LAPACK dimensions are int; A must also be finite */
static int check_input (const cl_matrix *a, const char *name, cl_error *err) {
  size_t k;
  if (a->rows > INT_MAX || a->cols > INT_MAX)
    return cl_fail(err, CL_EDIM, "%s is too large for LAPACK (%zu x %zu)",
                   name, a->rows, a->cols);
  k = cl_matrix_first_nonfinite(a);
  if (k < cl_matrix_size(a))
    return cl_fail(err, CL_EDOMAIN, "%s[%zu,%zu] is %g, not a finite number",
                   name, k % a->rows + 1, k / a->rows + 1, a->data[k]);
  return CL_OK;
}

static int check_square (const cl_matrix *a, cl_error *err) {
  if (a->rows != a->cols)
    return cl_fail(err, CL_EDIM, "square matrix expected, got %zu x %zu",
                   a->rows, a->cols);
  return check_input(a, "A", err);
}

static int check_shape (const cl_matrix *m, size_t r, size_t c,
                        const char *name, cl_error *err) {
  if (m->rows != r || m->cols != c)
    return cl_fail(err, CL_EDIM, "%s must be %zu x %zu, got %zu x %zu", name,
                   r, c, m->rows, m->cols);
  return CL_OK;
}

/* Asymmetry beyond rounding is an error, not something to average away.
** Rounding in a computed X'X or correlation matrix stays orders of magnitude
** below 1e-10 relative; a wrong matrix is far above it. */
static int check_symmetric (const cl_matrix *a, cl_error *err) {
  size_t i, j, k, n = a->rows;
  double big = 0.0, tol;
  for (k = 0; k < cl_matrix_size(a); k++)
    if (fabs(a->data[k]) > big) big = fabs(a->data[k]);
  tol = 1e-10 * big;
  for (j = 0; j < n; j++)
    for (i = j + 1; i < n; i++) {
      double lo = CL_AT(a, i, j), up = CL_AT(a, j, i);
      if (fabs(lo - up) > tol)
        return cl_fail(err, CL_EDOMAIN, "matrix is not symmetric: [%zu,%zu] = "
                       "%.10g but [%zu,%zu] = %.10g (difference %.2g)",
                       i + 1, j + 1, lo, j + 1, i + 1, up, lo - up);
    }
  return CL_OK;
}

/* ---------------------------------------------------------------- */
/* LU: solve, inverse, factor object, determinant                    */
/* ---------------------------------------------------------------- */

/* LU-factorises the n x n matrix a into lu (which may be a's own storage)
** and refuses exactly or numerically singular matrices */
static int factor (const cl_matrix *a, double *lu, lapack_int *ipiv,
                   double *rcond, cl_error *err) {
  lapack_int n = (lapack_int)a->rows, info;
  double anorm, *work;
  lapack_int *iwork;
  *rcond = 1.0;  /* the empty matrix is perfectly conditioned */
  if (n == 0) return CL_OK;
  if (lu != a->data)
    memcpy(lu, a->data, (size_t)n * (size_t)n * sizeof(double));
  anorm = LAPACKE_dlange_work(LAPACK_COL_MAJOR, '1', n, n, lu, n, NULL);
  info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, lu, n, ipiv);
  if (info < 0) return lapack_fail(err, "dgetrf", info);
  if (info > 0)
    return cl_fail(err, CL_ESINGULAR, "matrix is singular (U[%d,%d] = 0)",
                   (int)info, (int)info);
  work = alloc_doubles(4, (size_t)n);
  iwork = (lapack_int *)alloc((size_t)n, sizeof(lapack_int));
  if (work == NULL || iwork == NULL) {
    free(work);
    free(iwork);
    return no_memory(err);
  }
  info = LAPACKE_dgecon_work(LAPACK_COL_MAJOR, '1', n, lu, n, anorm, rcond,
                             work, iwork);
  free(work);
  free(iwork);
  if (info < 0) return lapack_fail(err, "dgecon", info);
  if (isnan(*rcond))  /* a denormal pivot: the factors are not usable */
    return cl_fail(err, CL_ESINGULAR, "matrix is numerically singular "
                   "(a pivot underflows to a denormal number)");
  if (!(*rcond >= DBL_EPSILON))
    return cl_fail(err, CL_ESINGULAR, "matrix is numerically singular "
                   "(reciprocal condition number %.2g)", *rcond);
  return CL_OK;
}

/* rcond >= DBL_EPSILON does not keep A^-1 B within DBL_MAX (|b| near 1e300,
** A near 1e-300), nor back substitution's u_ij x_j, which can reach
** cond(A) |b|: an overflowed solution is an error, not Inf or NaN */
static int check_result (const cl_matrix *x, const char *name,
                         cl_error *err) {
  size_t k = cl_matrix_first_nonfinite(x);
  if (k < cl_matrix_size(x))
    return cl_fail(err, CL_EDOMAIN, "%s overflows a double (element [%zu,%zu] "
                   "came out %g)", name, k % x->rows + 1, k / x->rows + 1,
                   x->data[k]);
  return CL_OK;
}

/* x = op(A)^-1 b from the factors; x may be b itself */
static int lu_apply (const double *lu, const lapack_int *ipiv, size_t n,
                     char trans, const cl_matrix *b, cl_matrix *x,
                     cl_error *err) {
  lapack_int info;
  if (n == 0 || b->cols == 0) return CL_OK;
  if (x->data != b->data) cl_matrix_copy(b, x);
  info = LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, trans, (lapack_int)n,
                             (lapack_int)b->cols, lu, (lapack_int)n, ipiv,
                             x->data, (lapack_int)n);
  if (info < 0) return lapack_fail(err, "dgetrs", info);
  return check_result(x, "the solution", err);
}

static int check_rhs (const cl_matrix *a, const cl_matrix *b,
                      const cl_matrix *x, cl_error *err) {
  int st = check_input(b, "B", err);
  if (st != CL_OK) return st;
  if (b->rows != a->rows)
    return cl_fail(err, CL_EDIM, "dimension mismatch: A is %zu x %zu but B "
                   "has %zu rows", a->rows, a->cols, b->rows);
  return check_shape(x, a->cols, b->cols, "the solution", err);
}

int cl_linalg_solve (const cl_matrix *a, const cl_matrix *b, cl_matrix *x,
                     cl_error *err) {
  size_t n = a->rows;
  double *lu, rcond;
  lapack_int *ipiv;
  int st = check_square(a, err);
  if (st == CL_OK) st = check_rhs(a, b, x, err);
  if (st != CL_OK || n == 0) return st;
  lu = alloc_doubles(n, n);
  ipiv = (lapack_int *)alloc(n, sizeof(lapack_int));
  if (lu == NULL || ipiv == NULL) st = no_memory(err);
  else st = factor(a, lu, ipiv, &rcond, err);
  if (st == CL_OK) st = lu_apply(lu, ipiv, n, 'N', b, x, err);
  free(lu);
  free(ipiv);
  return st;
}

int cl_linalg_inv (const cl_matrix *a, cl_matrix *inv, cl_error *err) {
  size_t n = a->rows;
  lapack_int *ipiv, info, lwork;
  double rcond, query, *work = NULL;
  int st = check_square(a, err);
  if (st == CL_OK) st = check_shape(inv, n, n, "the inverse", err);
  if (st != CL_OK || n == 0) return st;
  ipiv = (lapack_int *)alloc(n, sizeof(lapack_int));
  if (ipiv == NULL) return no_memory(err);
  st = factor(a, inv->data, ipiv, &rcond, err);
  if (st != CL_OK) goto done;
  info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, (lapack_int)n, inv->data,
                             (lapack_int)n, ipiv, &query, -1);
  if (info < 0) { st = lapack_fail(err, "dgetri", info); goto done; }
  lwork = (lapack_int)query;
  work = alloc_doubles((size_t)lwork, 1);
  if (work == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, (lapack_int)n, inv->data,
                             (lapack_int)n, ipiv, work, lwork);
  if (info < 0) st = lapack_fail(err, "dgetri", info);
  else if (info > 0)
    st = cl_fail(err, CL_ESINGULAR, "matrix is singular (U[%d,%d] = 0)",
                 (int)info, (int)info);
done:
  free(ipiv);
  free(work);
  return st;
}

int cl_linalg_lu (const cl_matrix *a, cl_lu *f, cl_error *err) {
  int st = check_square(a, err);
  if (st == CL_OK)
    st = check_shape(&f->lu, a->rows, a->rows, "the LU factor", err);
  if (st != CL_OK) return st;
  return factor(a, f->lu.data, f->ipiv, &f->rcond, err);
}

int cl_linalg_lu_solve (const cl_lu *f, char trans, const cl_matrix *b,
                        cl_matrix *x, cl_error *err) {
  int st;
  if (trans != 'N' && trans != 'T')
    return cl_fail(err, CL_EDOMAIN, "transpose option must be 'N' or 'T'");
  st = check_rhs(&f->lu, b, x, err);
  if (st != CL_OK) return st;
  return lu_apply(f->lu.data, f->ipiv, f->lu.rows, trans, b, x, err);
}

/* det = (-1)^(row swaps) prod u_ii * 2^expo, accumulated as mantissa and
** binary exponent (frexp scales exactly) so that only the final value can
** overflow */
static int det_from_lu (const double *lu, const lapack_int *ipiv, size_t n,
                        long expo, double *det, cl_error *err) {
  double mant = 1.0;
  size_t i;
  for (i = 0; i < n; i++) {
    int e;
    if (!isfinite(lu[i * n + i]))
      return cl_fail(err, CL_EDOMAIN, "determinant cannot be computed: the LU "
                     "factorisation overflowed (U[%zu,%zu] = %g)", i + 1,
                     i + 1, lu[i * n + i]);
    mant *= lu[i * n + i];
    if (ipiv[i] != (lapack_int)(i + 1)) mant = -mant;
    mant = frexp(mant, &e);
    expo += e;
  }
  if (mant == 0.0 || expo < DBL_MIN_EXP - DBL_MANT_DIG)
    *det = 0.0;  /* underflows like the plain product would */
  else if (expo > DBL_MAX_EXP)
    return cl_fail(err, CL_EDOMAIN, "determinant overflows a double "
                   "(about 2^%ld)", expo);
  else
    *det = ldexp(mant, (int)expo);
  return CL_OK;
}

int cl_linalg_lu_det (const cl_lu *f, double *det, cl_error *err) {
  return det_from_lu(f->lu.data, f->ipiv, f->lu.rows, 0, det, err);
}

/* Scales each column of the n x n matrix lu by the power of 2 that brings its
** largest entry into [1, 2) and returns the sum of the exponents taken out:
** det(A) = det(scaled A) 2^sum. Pivots and multipliers stay the same, so the
** LU factors are those of A, column-scaled exactly, but huge entries can no
** longer overflow the elimination (U[2,2] of [1e308 1e308; -1e308 1e308]
** would be 2e308, Inf) nor tiny ones make a denormal first pivot. */
static long scale_columns (double *lu, size_t n) {
  size_t i, j;
  long sum = 0;
  for (j = 0; j < n; j++) {
    double big = 0.0, *col = lu + j * n;
    int e;
    for (i = 0; i < n; i++) big = fmax(big, fabs(col[i]));
    if (big == 0.0) continue;  /* dgetrf2 reports the zero pivot */
    frexp(big, &e);  /* big = f 2^e, 0.5 <= f < 1 */
    for (i = 0; i < n; i++) col[i] = ldexp(col[i], 1 - e);
    sum += e - 1;
  }
  return sum;
}

int cl_linalg_det (const cl_matrix *a, double *det, cl_error *err) {
  size_t n = a->rows;
  double *lu;
  lapack_int *ipiv, info;
  long expo;
  int st = check_square(a, err);
  if (st != CL_OK) return st;
  *det = 1.0;  /* the empty product */
  if (n == 0) return CL_OK;
  lu = alloc_doubles(n, n);
  ipiv = (lapack_int *)alloc(n, sizeof(lapack_int));
  if (lu == NULL || ipiv == NULL) {
    st = no_memory(err);
  } else {
    cl_matrix_copy(a, &(cl_matrix){n, n, lu});
    expo = scale_columns(lu, n);
    /* dgetrf2, not dgetrf: OpenBLAS's dgetrf (0.3.21) multiplies by 1/pivot
    ** even when a pivot is denormal, 1/pivot is Inf and 0 * Inf puts NaN in
    ** U (det [1 1 0; 0 1e-310 0; 0 0 1] came out NaN); LAPACK's recursive
    ** dgetrf2 divides by such a pivot instead */
    info = LAPACKE_dgetrf2_work(LAPACK_COL_MAJOR, (lapack_int)n,
                                (lapack_int)n, lu, (lapack_int)n, ipiv);
    if (info < 0) st = lapack_fail(err, "dgetrf2", info);
    else if (info > 0) *det = 0.0;  /* an exactly zero pivot */
    else st = det_from_lu(lu, ipiv, n, expo, det, err);
  }
  free(lu);
  free(ipiv);
  return st;
}

/* ---------------------------------------------------------------- */
/* Cholesky and least squares                                        */
/* ---------------------------------------------------------------- */

int cl_linalg_chol (const cl_matrix *a, cl_matrix *r, cl_error *err) {
  size_t i, j, n = a->rows;
  lapack_int info;
  int st = check_square(a, err);
  if (st == CL_OK) st = check_symmetric(a, err);
  if (st == CL_OK) st = check_shape(r, n, n, "the Cholesky factor", err);
  if (st != CL_OK || n == 0) return st;
  if (r->data != a->data) cl_matrix_copy(a, r);
  info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'U', (lapack_int)n, r->data,
                             (lapack_int)n);
  if (info < 0) return lapack_fail(err, "dpotrf", info);
  /* OpenBLAS's dpotrf (0.3.21) misses a NaN pivot: with a tiny r_jj,
  ** r_jk = a_jk / r_jj overflows and r_kk = sqrt(a_kk - Inf) is NaN. For a
  ** positive definite leading minor |r_jk| <= sqrt(a_kk) cannot overflow,
  ** so the first column that is not finite is the first minor that is not
  ** positive definite, as dpotrf's info would have said. */
  for (j = 0; j < n && info == 0; j++)
    for (i = 0; i <= j; i++)
      if (!isfinite(CL_AT(r, i, j))) {
        info = (lapack_int)j + 1;
        break;
      }
  if (info > 0)
    return cl_fail(err, CL_EDOMAIN, "matrix is not positive definite (the "
                   "leading minor of order %d is not positive)", (int)info);
  for (j = 0; j < n; j++)
    for (i = j + 1; i < n; i++) CL_AT(r, i, j) = 0.0;
  return CL_OK;
}

/* the sum of squares of residuals in the 1e155s and beyond overflows */
static int check_rss (const double *rss, size_t k, cl_error *err) {
  size_t j;
  for (j = 0; j < k; j++)
    if (!isfinite(rss[j]))
      return cl_fail(err, CL_EDOMAIN, "the residual sum of squares of column "
                     "%zu overflows a double", j + 1);
  return CL_OK;
}

int cl_linalg_lstsq (const cl_matrix *a, const cl_matrix *b, cl_matrix *x,
                     double *rss, cl_error *err) {
  size_t i, j, m = a->rows, n = a->cols, k = b->cols;
  double *qr = NULL, *rhs = NULL, *work = NULL, query, rcond;
  lapack_int *iwork = NULL, info, lwork;
  int st = check_input(a, "A", err);
  if (st == CL_OK) st = check_input(b, "b", err);
  if (st != CL_OK) return st;
  if (m < n)
    return cl_fail(err, CL_EDIM, "least squares needs at least as many rows "
                   "as columns, got %zu x %zu", m, n);
  if (b->rows != m)
    return cl_fail(err, CL_EDIM, "dimension mismatch: A has %zu rows but b "
                   "has %zu", m, b->rows);
  st = check_shape(x, n, k, "the solution", err);
  if (st != CL_OK || k == 0) return st;
  if (n == 0) {  /* no regressors: everything is residual */
    for (j = 0; j < k; j++) {
      rss[j] = 0.0;
      for (i = 0; i < m; i++) rss[j] += CL_AT(b, i, j) * CL_AT(b, i, j);
    }
    return check_rss(rss, k, err);
  }
  qr = alloc_doubles(m, n);
  rhs = alloc_doubles(m, k);
  iwork = (lapack_int *)alloc(n, sizeof(lapack_int));
  if (qr == NULL || rhs == NULL || iwork == NULL) {
    st = no_memory(err);
    goto done;
  }
  cl_matrix_copy(a, &(cl_matrix){m, n, qr});
  cl_matrix_copy(b, &(cl_matrix){m, k, rhs});
  info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', (lapack_int)m, (lapack_int)n,
                            (lapack_int)k, qr, (lapack_int)m, rhs,
                            (lapack_int)m, &query, -1);
  if (info < 0) { st = lapack_fail(err, "dgels", info); goto done; }
  lwork = (lapack_int)query;
  if ((size_t)lwork < 3 * n) lwork = (lapack_int)(3 * n);  /* dtrcon too */
  work = alloc_doubles((size_t)lwork, 1);
  if (work == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', (lapack_int)m, (lapack_int)n,
                            (lapack_int)k, qr, (lapack_int)m, rhs,
                            (lapack_int)m, work, lwork);
  if (info < 0) { st = lapack_fail(err, "dgels", info); goto done; }
  if (info > 0) {
    st = cl_fail(err, CL_ESINGULAR, "matrix does not have full column rank "
                 "(R[%d,%d] = 0)", (int)info, (int)info);
    goto done;
  }
  /* dgels trusts R to be well conditioned: check it as dgecon does for LU */
  info = LAPACKE_dtrcon_work(LAPACK_COL_MAJOR, '1', 'U', 'N', (lapack_int)n,
                             qr, (lapack_int)m, &rcond, work, iwork);
  if (info < 0) { st = lapack_fail(err, "dtrcon", info); goto done; }
  if (!(rcond >= DBL_EPSILON)) {
    st = cl_fail(err, CL_ESINGULAR, "matrix is numerically rank deficient "
                 "(reciprocal condition number of R %.2g)", rcond);
    goto done;
  }
  /* rows n..m-1 of each solved column hold Q' b's part outside range(A) */
  for (j = 0; j < k; j++) {
    memcpy(&CL_AT(x, 0, j), rhs + j * m, n * sizeof(double));
    rss[j] = 0.0;
    for (i = n; i < m; i++) rss[j] += rhs[j * m + i] * rhs[j * m + i];
  }
  st = check_result(x, "the solution", err);
  if (st == CL_OK) st = check_rss(rss, k, err);
done:
  free(qr);
  free(rhs);
  free(work);
  free(iwork);
  return st;
}

/* ---------------------------------------------------------------- */
/* eigen-decompositions and SVD                                      */
/* ---------------------------------------------------------------- */

/* entries near DBL_MAX can have eigen- or singular values beyond it, which
** LAPACK returns as Inf */
static int check_values (const double *v, size_t n, const char *what,
                         cl_error *err) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!isfinite(v[k]))
      return cl_fail(err, CL_EDOMAIN, "%s %zu overflows a double (it came "
                     "out %g)", what, k + 1, v[k]);
  return CL_OK;
}

int cl_linalg_eigsym (const cl_matrix *s, double *values, cl_matrix *vectors,
                      cl_error *err) {
  size_t j, n = s->rows;
  lapack_int nn = (lapack_int)n, found, info, lwork, liwork, iquery;
  double *a = NULL, *w = NULL, *z = NULL, *work = NULL, query;
  lapack_int *isuppz = NULL, *iwork = NULL;
  char jobz = vectors != NULL ? 'V' : 'N';
  int st = check_square(s, err);
  if (st == CL_OK) st = check_symmetric(s, err);
  if (st == CL_OK && vectors != NULL)
    st = check_shape(vectors, n, n, "the eigenvectors", err);
  if (st != CL_OK || n == 0) return st;
  a = alloc_doubles(n, n);
  w = alloc_doubles(n, 1);
  z = (vectors != NULL) ? alloc_doubles(n, n) : NULL;
  isuppz = (lapack_int *)alloc(2 * n, sizeof(lapack_int));
  if (a == NULL || w == NULL || (vectors != NULL && z == NULL) ||
      isuppz == NULL) {
    st = no_memory(err);
    goto done;
  }
  cl_matrix_copy(s, &(cl_matrix){n, n, a});
  info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, 'A', 'L', nn, a, nn,
                             0.0, 0.0, 0, 0, 0.0, &found, w, z, nn, isuppz,
                             &query, -1, &iquery, -1);
  if (info < 0) { st = lapack_fail(err, "dsyevr", info); goto done; }
  lwork = (lapack_int)query;
  liwork = iquery;
  work = alloc_doubles((size_t)lwork, 1);
  iwork = (lapack_int *)alloc((size_t)liwork, sizeof(lapack_int));
  if (work == NULL || iwork == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, 'A', 'L', nn, a, nn,
                             0.0, 0.0, 0, 0, 0.0, &found, w, z, nn, isuppz,
                             work, lwork, iwork, liwork);
  if (info < 0) { st = lapack_fail(err, "dsyevr", info); goto done; }
  if (info > 0) {
    st = cl_fail(err, CL_ENOCONV, "symmetric eigenproblem did not converge "
                 "(dsyevr info %d)", (int)info);
    goto done;
  }
  /* LAPACK returns ascending order; economists read the largest first */
  for (j = 0; j < n; j++) {
    values[j] = w[n - 1 - j];
    if (vectors != NULL)
      memcpy(&CL_AT(vectors, 0, j), z + (n - 1 - j) * n, n * sizeof(double));
  }
  st = check_values(values, n, "eigenvalue", err);
done:
  free(a);
  free(w);
  free(z);
  free(work);
  free(isuppz);
  free(iwork);
  return st;
}

typedef struct eig_key {
  double mod, re, im;
  size_t k;  /* position in LAPACK's output */
} eig_key;

static int by_modulus (const void *x, const void *y) {
  const eig_key *a = (const eig_key *)x, *b = (const eig_key *)y;
  if (a->mod != b->mod) return a->mod > b->mod ? -1 : 1;
  if (a->re != b->re) return a->re > b->re ? -1 : 1;
  if (a->im != b->im) return a->im > b->im ? -1 : 1;
  return (a->k > b->k) - (a->k < b->k);
}

/* sorts the eigenvalues and unpacks LAPACK's vector storage: for a complex
** pair (wi[k] > 0, wi[k+1] < 0) the vectors are vr[:,k] +- i vr[:,k+1] */
static void order_eigen (size_t n, const double *wr, const double *wi,
                         const double *vr, eig_key *key, double *re,
                         double *im, cl_matrix *vre, cl_matrix *vim) {
  size_t p, i;
  for (p = 0; p < n; p++) {
    key[p].mod = hypot(wr[p], wi[p]);
    key[p].re = wr[p];
    key[p].im = wi[p];
    key[p].k = p;
  }
  qsort(key, n, sizeof(eig_key), by_modulus);
  for (p = 0; p < n; p++) {
    size_t k = key[p].k;
    re[p] = wr[k];
    im[p] = wi[k];
    if (vre == NULL) continue;
    if (wi[k] == 0.0) {
      memcpy(&CL_AT(vre, 0, p), vr + k * n, n * sizeof(double));
      for (i = 0; i < n; i++) CL_AT(vim, i, p) = 0.0;
    } else {
      size_t base = wi[k] > 0.0 ? k : k - 1;
      double sign = wi[k] > 0.0 ? 1.0 : -1.0;
      memcpy(&CL_AT(vre, 0, p), vr + base * n, n * sizeof(double));
      for (i = 0; i < n; i++) CL_AT(vim, i, p) = sign * vr[(base + 1) * n + i];
    }
  }
}

int cl_linalg_eig (const cl_matrix *a, double *re, double *im, cl_matrix *vre,
                   cl_matrix *vim, cl_error *err) {
  size_t n = a->rows;
  lapack_int nn = (lapack_int)n, info, lwork;
  double *acopy = NULL, *wr = NULL, *wi = NULL, *vr = NULL, *work = NULL, query;
  eig_key *key = NULL;
  int want = vre != NULL || vim != NULL;
  int st = check_square(a, err);
  if (st == CL_OK && want) {
    if (vre == NULL || vim == NULL)
      return cl_fail(err, CL_EDIM, "eigenvectors need both vre and vim");
    st = check_shape(vre, n, n, "the eigenvectors", err);
    if (st == CL_OK) st = check_shape(vim, n, n, "the eigenvectors", err);
  }
  if (st != CL_OK || n == 0) return st;
  acopy = alloc_doubles(n, n);
  wr = alloc_doubles(n, 1);
  wi = alloc_doubles(n, 1);
  vr = want ? alloc_doubles(n, n) : NULL;
  key = (eig_key *)alloc(n, sizeof(eig_key));
  if (acopy == NULL || wr == NULL || wi == NULL || (want && vr == NULL) ||
      key == NULL) {
    st = no_memory(err);
    goto done;
  }
  cl_matrix_copy(a, &(cl_matrix){n, n, acopy});
  info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', want ? 'V' : 'N', nn, acopy,
                            nn, wr, wi, NULL, 1, vr, nn, &query, -1);
  if (info < 0) { st = lapack_fail(err, "dgeev", info); goto done; }
  lwork = (lapack_int)query;
  work = alloc_doubles((size_t)lwork, 1);
  if (work == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', want ? 'V' : 'N', nn, acopy,
                            nn, wr, wi, NULL, 1, vr, nn, work, lwork);
  if (info < 0) { st = lapack_fail(err, "dgeev", info); goto done; }
  if (info > 0) {
    st = cl_fail(err, CL_ENOCONV, "the QR algorithm did not converge (only "
                 "eigenvalues %d..%zu were found)", (int)info + 1, n);
    goto done;
  }
  order_eigen(n, wr, wi, vr, key, re, im, vre, vim);
  st = check_values(re, n, "eigenvalue", err);
  if (st == CL_OK) st = check_values(im, n, "eigenvalue", err);
done:
  free(acopy);
  free(wr);
  free(wi);
  free(vr);
  free(work);
  free(key);
  return st;
}

int cl_linalg_svd (const cl_matrix *a, cl_matrix *u, double *d, cl_matrix *v,
                   cl_error *err) {
  size_t i, j, m = a->rows, n = a->cols, k = m < n ? m : n;
  lapack_int info, lwork;
  double *acopy = NULL, *vt = NULL, *work = NULL, query;
  lapack_int *iwork = NULL;
  int want = u != NULL || v != NULL;
  char jobz = want ? 'S' : 'N';
  int st = check_input(a, "A", err);
  if (st == CL_OK && want) {
    if (u == NULL || v == NULL)
      return cl_fail(err, CL_EDIM, "singular vectors need both u and v");
    st = check_shape(u, m, k, "U", err);
    if (st == CL_OK) st = check_shape(v, n, k, "V", err);
  }
  if (st != CL_OK || k == 0) return st;
  acopy = alloc_doubles(m, n);
  vt = want ? alloc_doubles(k, n) : NULL;
  iwork = (lapack_int *)alloc(8 * k, sizeof(lapack_int));
  if (acopy == NULL || (want && vt == NULL) || iwork == NULL) {
    st = no_memory(err);
    goto done;
  }
  cl_matrix_copy(a, &(cl_matrix){m, n, acopy});
  info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, jobz, (lapack_int)m,
                             (lapack_int)n, acopy, (lapack_int)m, d,
                             want ? u->data : NULL, (lapack_int)m, vt,
                             (lapack_int)k, &query, -1, iwork);
  if (info < 0) { st = lapack_fail(err, "dgesdd", info); goto done; }
  lwork = (lapack_int)query;
  work = alloc_doubles((size_t)lwork, 1);
  if (work == NULL) { st = no_memory(err); goto done; }
  info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, jobz, (lapack_int)m,
                             (lapack_int)n, acopy, (lapack_int)m, d,
                             want ? u->data : NULL, (lapack_int)m, vt,
                             (lapack_int)k, work, lwork, iwork);
  if (info < 0) { st = lapack_fail(err, "dgesdd", info); goto done; }
  if (info > 0) {
    st = cl_fail(err, CL_ENOCONV, "SVD did not converge (dgesdd info %d)",
                 (int)info);
    goto done;
  }
  if ((st = check_values(d, k, "singular value", err)) != CL_OK) goto done;
  if (want)  /* V = t(Vt) */
    for (j = 0; j < k; j++)
      for (i = 0; i < n; i++) CL_AT(v, i, j) = vt[i * k + j];
done:
  free(acopy);
  free(vt);
  free(work);
  free(iwork);
  return st;
}
