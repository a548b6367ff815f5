/*
** fuzz_distance.c -- libFuzzer harness for core/distance.c: random shapes
** (empty ones too), values with NaN, Inf and extremes, every method and p,
** and sometimes a result matrix of the wrong shape.
*/
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
  if (cl_distance_matrix(&x, (cl_distance_method)method, p, &d, &err)
      == CL_OK)
    for (j = 0; j < rows; j++)
      for (i = 0; i < rows; i++) {
        FUZZ_ASSERT(!isnan(CL_AT(&d, i, j)) && CL_AT(&d, i, j) >= 0);
        FUZZ_ASSERT(CL_AT(&d, i, j) == CL_AT(&d, j, i));
      }
  free(x.data);
  free(d.data);
  return 0;
}
