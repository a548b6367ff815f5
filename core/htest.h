/*
** htest.h -- classical tests as R's stats package computes them: Student's
** and Welch's t-tests (t.test) and Pearson's chi-square test of a
** contingency table (chisq.test, with Yates' continuity correction on 2 x 2
** tables when asked). Missing values (NaN) are dropped as R's na.omit.
*/
#ifndef CL_HTEST_H
#define CL_HTEST_H

#include <stddef.h>

#include "status.h"

typedef struct cl_ttest {
  double statistic, df, p;     /* t, its degrees of freedom, two-sided p */
  double estimate[2];          /* mean of x, mean of y (one sample: [1] NaN) */
  double conf_int[2];          /* for mean(x) - mean(y) (or mean(x)) */
  double stderr_diff;          /* the standard error of the difference */
  size_t n[2];                 /* observations used (NaN dropped) */
} cl_ttest;

/* t-test of mean(x) - mean(y) = mu (two samples; y == NULL: mean(x) = mu),
** two-sided, as R's t.test: Welch's unequal variances with Satterthwaite's
** degrees of freedom, or the pooled variance with var_equal. NaN elements
** are skipped (R drops NA); an infinite one is CL_EDOMAIN naming its sample
** and 0-based position in *bad_index. Too few observations and data that
** are essentially constant are CL_EDOMAIN, with R's messages. */
int cl_htest_ttest (const double *x, size_t nx, const double *y, size_t ny,
                    int var_equal, double mu, double conf_level,
                    cl_ttest *res, cl_error *err);

typedef struct cl_chisq {
  double statistic, df, p;
  double min_expected;         /* R warns when below 5 */
  int corrected;               /* Yates' correction applied (2 x 2 only) */
} cl_chisq;

/* Pearson's chi-square test of independence on an r x c table of counts
** (column-major), as R's chisq.test: expected counts from the margins,
** df = (r - 1)(c - 1); with correct and a 2 x 2 table, Yates' correction
** |O - E| - min(0.5, min |O - E|). A row or column without observations, a
** negative or non-finite count or a table with fewer than 2 rows or
** columns is CL_EDOMAIN. */
int cl_htest_chisq (const double *counts, size_t r, size_t c, int correct,
                    cl_chisq *res, cl_error *err);

#endif
