/*
** fuzz_distance.c -- libFuzzer harness for core/distance.c: random shapes
** (empty ones too), values with NaN, Inf and extremes, every method and p,
** and sometimes a result matrix of the wrong shape; the packed distances
** (cl_distance_packed) must be the matrix's lower triangle to the bit, and
** finite whenever they are accepted, since cl_hclust_packed trusts them.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../core/distance.h"
#include "fuzz_bytes.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  bytes b = {data, size};
  size_t rows = take_choice(&b, 9), cols = take_choice(&b, 7), i, j;
  int method = (int)take_choice(&b, 7);
  double p = take_double(&b);
  size_t drows = rows, dcols = rows;
  cl_matrix x, d;
  cl_error err;
  if (take_choice(&b, 16) == 0) drows = take_choice(&b, 9);
  if (take_choice(&b, 16) == 0) dcols = take_choice(&b, 9);
  x = (cl_matrix){rows, cols, take_doubles(&b, rows * cols)};
  d = (cl_matrix){drows, dcols, take_doubles(&b, drows * dcols)};
  double *packed = malloc((rows * (rows - (rows > 0)) / 2 + 1) *
                          sizeof(double));
  int full = cl_distance_matrix(&x, (cl_distance_method)method, p, &d, &err);
  int pk = cl_distance_packed(&x, (cl_distance_method)method, p, packed, &err);
  if (full == CL_OK)
    for (j = 0; j < rows; j++)
      for (i = 0; i < rows; i++) {
        FUZZ_ASSERT(!isnan(CL_AT(&d, i, j)) && CL_AT(&d, i, j) >= 0);
        FUZZ_ASSERT(CL_AT(&d, i, j) == CL_AT(&d, j, i));
      }
  if (pk == CL_OK) {  /* a shape error of d is the only other difference */
    FUZZ_ASSERT(full == CL_OK || drows != rows || dcols != rows);
    for (j = 0; j + 1 < rows; j++)
      for (i = j + 1; i < rows; i++) {
        double v = packed[j * rows - j * (j + 1) / 2 + i - j - 1];
        FUZZ_ASSERT(isfinite(v) && v >= 0);
        if (full == CL_OK) FUZZ_ASSERT(v == CL_AT(&d, i, j));
      }
  }
  free(packed);
  free(x.data);
  free(d.data);
  return 0;
}
