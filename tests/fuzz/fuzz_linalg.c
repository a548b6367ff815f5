/*
** fuzz_linalg.c -- libFuzzer harness for core/linalg.c: small random
** matrices (NaN, Inf, singular, huge and tiny values) through every entry
** point, with result matrices now and then of the wrong shape.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../core/linalg.h"
#include "fuzz_bytes.h"

/* a matrix of the given shape, or now and then of another one */
static cl_matrix take_matrix (bytes *b, size_t rows, size_t cols) {
  if (take_choice(b, 16) == 0) rows = take_choice(b, 7);
  if (take_choice(b, 16) == 0) cols = take_choice(b, 7);
  return (cl_matrix){rows, cols, take_doubles(b, rows * cols)};
}

/* a successful result is finite: overflow is an error, never Inf or NaN */
static void all_finite (const double *v, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) FUZZ_ASSERT(isfinite(v[k]));
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  bytes b = {data, size};
  size_t op = take_choice(&b, 9), m = take_choice(&b, 7), n, k;
  cl_matrix a, x, s, y, z;
  cl_error err;
  double det, *v = NULL, *w = NULL;
  int *ipiv;
  n = take_choice(&b, 4) == 0 ? take_choice(&b, 7) : m;  /* mostly square */
  a = (cl_matrix){m, n, take_doubles(&b, m * n)};
  if (take_choice(&b, 4) == 0) {  /* symmetric, to get past the check */
    size_t i, j;
    for (j = 0; j < n && j < m; j++)
      for (i = j + 1; i < n && i < m; i++) CL_AT(&a, j, i) = CL_AT(&a, i, j);
  }
  k = take_choice(&b, 4);
  x = take_matrix(&b, m, k);  /* right-hand sides */
  s = take_matrix(&b, n, k);  /* their solutions */
  y = take_matrix(&b, n, n);
  z = take_matrix(&b, n, n);
  switch (op) {
    case 0:
      if (cl_linalg_solve(&a, &x, &s, &err) == CL_OK)
        all_finite(s.data, cl_matrix_size(&s));
      break;
    case 1:
      if (cl_linalg_inv(&a, &y, &err) == CL_OK)
        all_finite(y.data, cl_matrix_size(&y));
      break;
    case 2: {
      cl_lu f = {y, NULL, 0};
      f.ipiv = ipiv = (int *)malloc((y.rows + 1) * sizeof(int));
      if (cl_linalg_lu(&a, &f, &err) == CL_OK) {
        if (cl_linalg_lu_solve(&f, "NTX"[take_choice(&b, 3)], &x, &s, &err)
            == CL_OK)
          all_finite(s.data, cl_matrix_size(&s));
        if (cl_linalg_lu_det(&f, &det, &err) == CL_OK) FUZZ_ASSERT(isfinite(det));
      }
      free(ipiv);
      break;
    }
    case 3:
      if (cl_linalg_det(&a, &det, &err) == CL_OK) FUZZ_ASSERT(isfinite(det));
      break;
    case 4:
      if (cl_linalg_chol(&a, &y, &err) == CL_OK)
        all_finite(y.data, cl_matrix_size(&y));
      break;
    case 5:
      w = (double *)malloc((x.cols + 1) * sizeof(double));
      if (cl_linalg_lstsq(&a, &x, &s, w, &err) == CL_OK) {
        all_finite(s.data, cl_matrix_size(&s));
        all_finite(w, x.cols);
      }
      break;
    case 6:
      v = (double *)malloc((m + 1) * sizeof(double));
      if (cl_linalg_eigsym(&a, v, take_choice(&b, 2) ? &y : NULL, &err)
          == CL_OK)
        all_finite(v, m);
      break;
    case 7: {
      int vectors = take_choice(&b, 2);
      v = (double *)malloc((m + 1) * sizeof(double));
      w = (double *)malloc((m + 1) * sizeof(double));
      if (cl_linalg_eig(&a, v, w, vectors ? &y : NULL, vectors ? &z : NULL,
                        &err) == CL_OK) {
        all_finite(v, m);
        all_finite(w, m);
      }
      break;
    }
    default: {
      size_t mn = m < n ? m : n;
      int vectors = take_choice(&b, 2);
      cl_matrix u = take_matrix(&b, m, mn), vt = take_matrix(&b, n, mn);
      v = (double *)malloc((mn + 1) * sizeof(double));
      if (cl_linalg_svd(&a, vectors ? &u : NULL, v, vectors ? &vt : NULL, &err)
          == CL_OK)
        all_finite(v, mn);
      free(u.data);
      free(vt.data);
      break;
    }
  }
  free(v);
  free(w);
  free(a.data);
  free(x.data);
  free(s.data);
  free(y.data);
  free(z.data);
  return 0;
}
