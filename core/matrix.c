/*
** matrix.c -- dense column-major matrix kernels; products go to OpenBLAS.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "matrix.h"

/* BLAS takes int dimensions; refuse anything larger rather than overflow */
static int blas_dims_ok (const cl_matrix *m) {
  return m->rows <= 0x7fffffff && m->cols <= 0x7fffffff;
}

int cl_matrix_mul (const cl_matrix *a, const cl_matrix *b, cl_matrix *c,
                   cl_error *err) {
  if (a->cols != b->rows)
    return cl_fail(err, CL_EDIM, "dimension mismatch: %zux%zu * %zux%zu",
                   a->rows, a->cols, b->rows, b->cols);
  if (c->rows != a->rows || c->cols != b->cols)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", a->rows, b->cols);
  if (!blas_dims_ok(a) || !blas_dims_ok(b))
    return cl_fail(err, CL_EDIM, "matrix too large for BLAS");
  if (a->rows == 0 || b->cols == 0) return CL_OK;
  if (a->cols == 0) { cl_matrix_fill(c, 0.0); return CL_OK; }
  if (b->cols == 1)
    cblas_dgemv(CblasColMajor, CblasNoTrans, (int)a->rows, (int)a->cols, 1.0,
                a->data, (int)a->rows, b->data, 1, 0.0, c->data, 1);
  else
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)a->rows,
                (int)b->cols, (int)a->cols, 1.0, a->data, (int)a->rows,
                b->data, (int)b->rows, 0.0, c->data, (int)c->rows);
  return CL_OK;
}

int cl_matrix_crossprod (const cl_matrix *a, const cl_matrix *b, cl_matrix *c,
                         cl_error *err) {
  if (a->rows != b->rows)
    return cl_fail(err, CL_EDIM, "dimension mismatch: t(%zux%zu) * %zux%zu",
                   a->rows, a->cols, b->rows, b->cols);
  if (c->rows != a->cols || c->cols != b->cols)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", a->cols, b->cols);
  if (!blas_dims_ok(a) || !blas_dims_ok(b))
    return cl_fail(err, CL_EDIM, "matrix too large for BLAS");
  if (c->rows == 0 || c->cols == 0) return CL_OK;
  if (a->rows == 0) { cl_matrix_fill(c, 0.0); return CL_OK; }
  cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)a->cols,
              (int)b->cols, (int)a->rows, 1.0, a->data, (int)a->rows,
              b->data, (int)b->rows, 0.0, c->data, (int)c->rows);
  return CL_OK;
}

int cl_matrix_transpose (const cl_matrix *a, cl_matrix *t, cl_error *err) {
  size_t i, j;
  if (t->rows != a->cols || t->cols != a->rows)
    return cl_fail(err, CL_EDIM, "transpose must be %zux%zu", a->cols, a->rows);
  if (cl_matrix_size(a) == 0) return CL_OK;  /* 0 x 2^40 must not loop */
  /* blocked to stay in cache on large tables */
  for (size_t jb = 0; jb < a->cols; jb += 32)
    for (size_t ib = 0; ib < a->rows; ib += 32)
      for (j = jb; j < jb + 32 && j < a->cols; j++)
        for (i = ib; i < ib + 32 && i < a->rows; i++)
          CL_AT(t, j, i) = CL_AT(a, i, j);
  return CL_OK;
}

static double apply_op (cl_elementwise op, double x, double y) {
  switch (op) {
    case CL_EW_ADD: return x + y;
    case CL_EW_SUB: return x - y;
    case CL_EW_MUL: return x * y;
    default: return x / y;
  }
}

int cl_matrix_elementwise (cl_elementwise op, const cl_matrix *a,
                           const cl_matrix *b, cl_matrix *c, cl_error *err) {
  size_t k, n = cl_matrix_size(a);
  if (a->rows != b->rows || a->cols != b->cols)
    return cl_fail(err, CL_EDIM, "dimension mismatch: %zux%zu and %zux%zu",
                   a->rows, a->cols, b->rows, b->cols);
  if (c->rows != a->rows || c->cols != a->cols)
    return cl_fail(err, CL_EDIM, "result must be %zux%zu", a->rows, a->cols);
  for (k = 0; k < n; k++) c->data[k] = apply_op(op, a->data[k], b->data[k]);
  return CL_OK;
}

int cl_matrix_scalar (cl_elementwise op, const cl_matrix *a, double s,
                      int scalar_first, cl_matrix *c) {
  size_t k, n = cl_matrix_size(a);
  for (k = 0; k < n; k++)
    c->data[k] = scalar_first ? apply_op(op, s, a->data[k])
                              : apply_op(op, a->data[k], s);
  return CL_OK;
}

/* one pass of a reduction over n values spaced by stride */
static double reduce_run (cl_reduction red, const double *x, size_t n,
                          size_t stride) {
  size_t k;
  double acc;
  if (n == 0)
    return (red == CL_RED_SUM) ? 0.0 : NAN;
  switch (red) {
    case CL_RED_MIN: case CL_RED_MAX:  /* R's rule: any NaN makes NaN */
      acc = x[0];
      for (k = 1; k < n && !isnan(acc); k++) {
        double v = x[k * stride];
        if (isnan(v) || (red == CL_RED_MIN ? v < acc : v > acc)) acc = v;
      }
      return acc;
    case CL_RED_SD: {  /* two-pass, divisor n - 1 as R's sd() */
      double mean = 0.0, ss = 0.0;
      if (n < 2) return NAN;
      for (k = 0; k < n; k++) mean += x[k * stride];
      mean /= (double)n;
      for (k = 0; k < n; k++) {
        double d = x[k * stride] - mean;
        ss += d * d;
      }
      return sqrt(ss / (double)(n - 1));
    }
    default:
      acc = 0.0;
      for (k = 0; k < n; k++) acc += x[k * stride];
      return red == CL_RED_MEAN ? acc / (double)n : acc;
  }
}

/* Every row's reduction at once, walking a column by column (contiguous
** memory) instead of each row with a stride of a->rows: the same values in
** the same order, so the same results as reduce_run, without a cache miss
** per element on large matrices. Returns 0 (nothing done) when the
** standard deviation's workspace cannot be had. */
static int reduce_rows (cl_reduction red, const cl_matrix *a, double *out) {
  size_t i, j, m = a->rows, n = a->cols;
  double *ss = NULL;
  if (n == 0 || (red == CL_RED_SD && n < 2)) {
    for (i = 0; i < m; i++) out[i] = reduce_run(red, a->data + i, n, m);
    return 1;
  }
  if (red == CL_RED_SD && (ss = (double *)calloc(m ? m : 1, sizeof(double))) == NULL)
    return 0;
  for (i = 0; i < m; i++)
    out[i] = (red == CL_RED_MIN || red == CL_RED_MAX) ? a->data[i] : 0.0;
  for (j = (red == CL_RED_MIN || red == CL_RED_MAX) ? 1 : 0; j < n; j++) {
    const double *col = a->data + j * m;
    /* R's rule, as reduce_run: a NaN makes NaN, and no later value undoes it */
    if (red == CL_RED_MIN) { for (i = 0; i < m; i++) if (isnan(col[i]) || col[i] < out[i]) out[i] = col[i]; }
    else if (red == CL_RED_MAX) { for (i = 0; i < m; i++) if (isnan(col[i]) || col[i] > out[i]) out[i] = col[i]; }
    else for (i = 0; i < m; i++) out[i] += col[i];
  }
  if (red == CL_RED_MEAN || red == CL_RED_SD)
    for (i = 0; i < m; i++) out[i] /= (double)n;
  if (red == CL_RED_SD) {  /* two-pass, divisor n - 1 as R's sd() */
    for (j = 0; j < n; j++) {
      const double *col = a->data + j * m;
      for (i = 0; i < m; i++) {
        double d = col[i] - out[i];
        ss[i] += d * d;
      }
    }
    for (i = 0; i < m; i++) out[i] = sqrt(ss[i] / (double)(n - 1));
    free(ss);
  }
  return 1;
}

int cl_matrix_reduce (cl_reduction red, cl_axis axis, const cl_matrix *a,
                      cl_matrix *out, cl_error *err) {
  size_t i, j;
  switch (axis) {
    case CL_BY_ALL:
      if (cl_matrix_size(out) != 1)
        return cl_fail(err, CL_EDIM, "result must be 1x1");
      out->data[0] = reduce_run(red, a->data, cl_matrix_size(a), 1);
      return CL_OK;
    case CL_BY_ROW:
      if (out->rows != a->rows || out->cols != 1)
        return cl_fail(err, CL_EDIM, "result must be %zux1", a->rows);
      if (reduce_rows(red, a, out->data)) return CL_OK;
      for (i = 0; i < a->rows; i++)
        out->data[i] = reduce_run(red, a->data + i, a->cols, a->rows);
      return CL_OK;
    default:
      if (out->rows != 1 || out->cols != a->cols)
        return cl_fail(err, CL_EDIM, "result must be 1x%zu", a->cols);
      for (j = 0; j < a->cols; j++)
        out->data[j] = reduce_run(red, a->data + j * a->rows, a->rows, 1);
      return CL_OK;
  }
}

void cl_matrix_margins (const cl_matrix *a, double *total, double *colsum,
                        double *rowsum, double *colsd, double *rowsd,
                        double *ss) {
  size_t i, j, m = a->rows, n = a->cols;
  double acc = 0.0;
  for (i = 0; i < m; i++) rowsum[i] = ss[i] = 0.0;
  for (j = 0; j < n; j++) {  /* pass 1: the sums, in storage order */
    const double *col = a->data + j * m;
    double c = 0.0;
    for (i = 0; i < m; i++) {
      acc += col[i];
      c += col[i];
      rowsum[i] += col[i];
    }
    colsum[j] = c;
  }
  *total = acc;
  for (j = 0; j < n; j++) {  /* pass 2: squared deviations from the means */
    const double *col = a->data + j * m;
    double mean = colsum[j] / (double)m, c = 0.0;
    for (i = 0; i < m; i++) {
      double d = col[i] - mean, e = col[i] - rowsum[i] / (double)n;
      c += d * d;
      ss[i] += e * e;
    }
    colsd[j] = m < 2 ? NAN : sqrt(c / (double)(m - 1));
  }
  for (i = 0; i < m; i++)
    rowsd[i] = n < 2 ? NAN : sqrt(ss[i] / (double)(n - 1));
}

void cl_matrix_fill (cl_matrix *a, double v) {
  size_t k, n = cl_matrix_size(a);
  for (k = 0; k < n; k++) a->data[k] = v;
}

void cl_matrix_identity (cl_matrix *a) {
  size_t i;
  cl_matrix_fill(a, 0.0);
  for (i = 0; i < a->rows && i < a->cols; i++) CL_AT(a, i, i) = 1.0;
}

void cl_matrix_copy (const cl_matrix *a, cl_matrix *b) {
  if (cl_matrix_size(a) > 0)
    memcpy(b->data, a->data, cl_matrix_size(a) * sizeof(double));
}

void cl_matrix_take (const cl_matrix *a, const size_t *rowidx,
                     const size_t *colidx, cl_matrix *out) {
  size_t i, j;
  for (j = 0; j < out->cols; j++)
    for (i = 0; i < out->rows; i++)
      CL_AT(out, i, j) = CL_AT(a, rowidx[i], colidx[j]);
}

int cl_matrix_hcat (const cl_matrix *a, const cl_matrix *b, cl_matrix *out,
                    cl_error *err) {
  if (a->rows != b->rows)
    return cl_fail(err, CL_EDIM, "hcat: %zu rows and %zu rows", a->rows, b->rows);
  if (out->rows != a->rows || out->cols != a->cols + b->cols)
    return cl_fail(err, CL_EDIM, "hcat: result has the wrong shape");
  /* column-major: the columns of b simply follow those of a */
  if (cl_matrix_size(a) > 0)
    memcpy(out->data, a->data, cl_matrix_size(a) * sizeof(double));
  if (cl_matrix_size(b) > 0)
    memcpy(out->data + cl_matrix_size(a), b->data,
           cl_matrix_size(b) * sizeof(double));
  return CL_OK;
}

int cl_matrix_vcat (const cl_matrix *a, const cl_matrix *b, cl_matrix *out,
                    cl_error *err) {
  size_t j;
  if (a->cols != b->cols)
    return cl_fail(err, CL_EDIM, "vcat: %zu columns and %zu columns",
                   a->cols, b->cols);
  if (out->cols != a->cols || out->rows != a->rows + b->rows)
    return cl_fail(err, CL_EDIM, "vcat: result has the wrong shape");
  for (j = 0; j < a->cols; j++) {
    if (a->rows > 0)
      memcpy(&CL_AT(out, 0, j), &CL_AT(a, 0, j), a->rows * sizeof(double));
    if (b->rows > 0)
      memcpy(&CL_AT(out, a->rows, j), &CL_AT(b, 0, j), b->rows * sizeof(double));
  }
  return CL_OK;
}

size_t cl_matrix_first_nonfinite (const cl_matrix *a) {
  size_t k, n = cl_matrix_size(a);
  for (k = 0; k < n; k++)
    if (!isfinite(a->data[k])) return k;
  return n;
}
