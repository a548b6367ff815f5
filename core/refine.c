/*
** refine.c -- (I - M) X = B by a single-precision LU and refinement in
** double (see refine.h): dsgesv's algorithm and stopping rule (LAPACK 3.x,
** Langou et al. 2006) and Higham's (2002, sec. 12.1) halving tests: the
** correction must halve at every step, so that an ill-conditioned system
** returns to the double LU after a step or two, and the residual is refined
** until it stops halving.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <cblas.h>
#include <lapacke.h>

#include "hugepages.h"
#include "refine.h"

/* f = I - M in single precision in one pass over M; also ||op(I - M)||_inf:
** the largest column sum of |I - M| for 'T', row sum for 'N' (rowsum: n
** doubles of workspace). 0 when an element is outside [0, FLT_MAX]. */
static int single_minus (const cl_matrix *m, char trans, float *f,
                         double *rowsum, double *anorm) {
  size_t i, j, n = m->rows;
  *anorm = 0.0;
  if (trans == 'N')
    for (i = 0; i < n; i++) rowsum[i] = 0.0;
  for (j = 0; j < n; j++) {
    const double *mj = &CL_AT(m, 0, j);
    float *fj = f + j * n;
    double colsum = 0.0, diag = fabs(1.0 - mj[j]);
    for (i = 0; i < n; i++) {
      double v = mj[i];
      if (!(v >= 0 && v <= FLT_MAX)) return 0;
      fj[i] = (float)-v;
      colsum += v;
    }
    if (trans == 'N')
      for (i = 0; i < n; i++) rowsum[i] += mj[i];
    fj[j] = (float)(1.0 - mj[j]);  /* rounded once, not 1 + (float)-m_jj */
    if (trans == 'N') rowsum[j] += diag - mj[j];
    else if (colsum + diag - mj[j] > *anorm) *anorm = colsum + diag - mj[j];
  }
  if (trans == 'N')
    for (i = 0; i < n; i++)
      if (rowsum[i] > *anorm) *anorm = rowsum[i];
  return 1;
}

/* the largest |v_i| of each column */
static void column_max (const double *v, size_t n, size_t k, double *max) {
  size_t i, j;
  for (j = 0; j < k; j++) {
    double mx = 0.0;
    for (i = 0; i < n; i++) mx = fmax(mx, fabs(v[j * n + i]));
    max[j] = mx;
  }
}

/* vs = v s_j, column by column, with s_j the power of two that brings
** column j's largest element to [0.5, 1): exact, and no single-precision
** overflow or underflow whatever the scale of v (Higham sec. 12.1 notes
** the residual shrinks towards the underflow threshold). e[j] = e_j, kept
** within +-1000 so that 2^-e_j is a normal double. */
static void to_single (const double *v, size_t n, size_t k, const double *max,
                       float *vs, int *e) {
  size_t i, j;
  for (j = 0; j < k; j++) {
    double s;
    e[j] = 0;
    if (max[j] > 0) frexp(max[j], &e[j]);
    e[j] = e[j] < -1000 ? -1000 : e[j] > 1000 ? 1000 : e[j];
    s = ldexp(1.0, -e[j]);
    for (i = 0; i < n; i++) vs[j * n + i] = (float)(v[j * n + i] * s);
  }
}

/* d = ds 2^e_j, column by column; returns the largest |d_i|, infinite if
** the single solve overflowed (an Inf or NaN in ds) */
static double to_double (const float *ds, size_t n, size_t k, const int *e,
                         double *d) {
  size_t i, j;
  double largest = 0.0, nonfinite = 0.0;  /* v * 0 is NaN for Inf or NaN */
  for (j = 0; j < k; j++) {
    double s = ldexp(1.0, e[j]), dmax = 0.0;
    for (i = 0; i < n; i++) {
      double v = (double)ds[j * n + i] * s;
      dmax = fmax(dmax, fabs(v));
      nonfinite += v * 0.0;
      d[j * n + i] = v;
    }
    largest = fmax(largest, dmax);
  }
  return nonfinite == 0.0 ? largest : HUGE_VAL;
}

/* r = b - op(I - M) x = b - x + op(M) x, in double */
static void residual (const cl_matrix *m, char trans, const cl_matrix *b,
                      const double *x, double *r) {
  size_t i, n = m->rows, k = b->cols;
  enum CBLAS_TRANSPOSE t = trans == 'T' ? CblasTrans : CblasNoTrans;
  for (i = 0; i < n * k; i++) r[i] = b->data[i] - x[i];
  if (k == 1)
    cblas_dgemv(CblasColMajor, t, (int)n, (int)n, 1.0, m->data, (int)n, x, 1,
                1.0, r, 1);
  else
    cblas_dgemm(CblasColMajor, t, CblasNoTrans, (int)n, (int)k, (int)n, 1.0,
                m->data, (int)n, x, (int)n, 1.0, r, (int)n);
}

/* d = op(I - M)^-1 v from the single LU, v and d n x k in double (d may be
** v); returns the largest |d_i| as to_double */
static double correction (const float *f, const int *ipiv, char trans,
                          size_t n, size_t k, const double *v, double *d,
                          float *vs, double *max, int *e) {
  column_max(v, n, k, max);
  to_single(v, n, k, max, vs, e);
  LAPACKE_sgetrs_work(LAPACK_COL_MAJOR, trans, (int)n, (int)k, f, (int)n,
                      ipiv, vs, (int)n);
  return to_double(vs, n, k, e, d);
}

/*
** The steps stop when the residual is at its floor: below eps ||op(I - M)||
** ||x|| (a double LU's backward error), or within dsgesv's sqrt(n) times
** that and no longer halving. dsgesv stops at the first of these, which
** leaves up to sqrt(n) times a double LU's error in x (a step more than
** dsgesv, for the accuracy of the double route).
*/
int cl_refine_solve (const cl_matrix *m, char trans, const cl_matrix *b,
                     cl_matrix *x, double *anorm, int *steps) {
  size_t i, j, n = m->rows, k = b->cols;
  float *f = malloc((n ? n * n : 1) * sizeof(float));
  float *vs = malloc((n * k + 1) * sizeof(float));
  double *r = malloc((n * k + n + 2 * k + 1) * sizeof(double));
  double *rmax = r + n * k + n, *xmax = rmax + k;
  double cte, last = DBL_MAX, rlast = DBL_MAX;
  int *ipiv = malloc((n + 1) * sizeof(int)), *e = malloc((k + 1) * sizeof(int));
  int ok = 0;
  *steps = 0;
  if (f == NULL || vs == NULL || r == NULL || ipiv == NULL || e == NULL)
    goto done;
  cl_hugepages(f, n * n * sizeof(float));
  if (!single_minus(m, trans, f, r, anorm)) goto done;
  if (LAPACKE_sgetrf_work(LAPACK_COL_MAJOR, (int)n, (int)n, f, (int)n,
                          ipiv) != 0)
    goto done;
  if (!(correction(f, ipiv, trans, n, k, b->data, x->data, vs, rmax, e)
        <= DBL_MAX))
    goto done;
  cte = *anorm * DBL_EPSILON;
  for (;;) {
    double rlargest = 0.0, d;
    int tight = 1, loose = 1;
    residual(m, trans, b, x->data, r);
    column_max(r, n, k, rmax);
    column_max(x->data, n, k, xmax);
    for (j = 0; j < k; j++) {
      tight = tight && rmax[j] <= xmax[j] * cte;
      loose = loose && rmax[j] <= xmax[j] * cte * sqrt((double)n);
      rlargest = fmax(rlargest, rmax[j]);
    }
    if (tight || (loose && !(rlargest <= 0.5 * rlast))) { ok = 1; break; }
    if (*steps == CL_REFINE_ITERMAX) { ok = loose; break; }
    rlast = rlargest;
    d = correction(f, ipiv, trans, n, k, r, r, vs, rmax, e);
    if (!(d <= 0.5 * last)) { ok = loose; break; }  /* not productive */
    last = d;
    for (i = 0; i < n * k; i++) x->data[i] += r[i];
    ++*steps;
  }
done:
  free(f); free(vs); free(r); free(ipiv); free(e);
  return ok;
}
