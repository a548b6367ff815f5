/*
** regional.h -- a regional input-output table from the national input
** coefficients and location quotients in one pass: the cross-industry
** family CIQ, FLQ (Flegg, Webber & Elliott 1995; Flegg & Webber 1997) and
** AFLQ (Flegg & Webber 2000); Miller & Blair (2009), ch. 8.
*/
#ifndef CL_REGIONAL_H
#define CL_REGIONAL_H

#include "matrix.h"

/*
** a is the national n x n coefficient matrix; keep the k kept sectors
** (0-based, into a); s their simple location quotients (all > 0); lambda
** FLQ's lambda* (1 for CIQ); w the AFLQ column weights log2(1 + SLQ_j) or 1
** (k values), or NULL; slq_diagonal: Q_ii = SLQ_i lambda (Flegg & Webber),
** else Q_ii = CIQ_ii lambda; xr the regional outputs (k values).
** With Q_ij = (SLQ_i (1 / SLQ_j)) lambda w_j off the diagonal:
**   ar_ij = a_ij min(Q_ij, 1)                  (k x k)
**   f_i   = xr_i - sum_j ar_ij xr_j            (final demand and exports)
**   m_j   = sum_i (a_ij - ar_ij) xr_j          (intermediate imports)
** computed in the operation order of the matrix composition they replace,
** so the results are the same to the bit. Errors: a quotient that is not a
** finite non-negative number, an SLQ that is not positive (CL_EDOMAIN), an
** index out of range or a wrong size (CL_EDIM).
*/
int cl_regional_table (const cl_matrix *a, const size_t *keep, size_t k,
                       const double *s, double lambda, const double *w,
                       int slq_diagonal, const double *xr, cl_matrix *ar,
                       double *f, double *m, cl_error *err);

#endif
