/*
** fuzz_bytes.h -- turning a fuzzer's bytes into sizes, choices and doubles
** (with NaN, Inf, zeros, extremes and denormals often) for the harnesses.
*/
#ifndef FUZZ_BYTES_H
#define FUZZ_BYTES_H

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct bytes {
  const uint8_t *p;
  size_t n;
} bytes;

/* the next byte, 0 once the input is used up */
static inline unsigned take_byte (bytes *b) {
  if (b->n == 0) return 0;
  b->n--;
  return *b->p++;
}

/* a choice among k (k >= 1) */
static inline size_t take_choice (bytes *b, size_t k) {
  return take_byte(b) % k;
}

/* a double: mostly a value that breaks arithmetic, else 8 raw bytes */
static inline double take_double (bytes *b) {
  static const double special[] = {
    0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 3.0, 1e-300, 1e300, -1e300, DBL_MAX,
    -DBL_MAX, DBL_MIN, 4.9e-324, -4.9e-324, DBL_EPSILON, 1e-16, 1e16, 1e154,
    1e-154, NAN, INFINITY, -INFINITY, 1e308, 7.0, -2.5, 100.0, 1e-10
  };
  unsigned c = take_byte(b);
  size_t nspecial = sizeof(special) / sizeof(special[0]);
  double v;
  if (c < nspecial) return special[c];
  if (c < 200) return (double)((int)c - 150);   /* small integers: ties */
  if (b->n < sizeof(double)) return (double)c;
  memcpy(&v, b->p, sizeof(double));
  b->p += sizeof(double);
  b->n -= sizeof(double);
  return v;
}

/* a buffer of n doubles from the input (never NULL, never 0 bytes) */
static inline double *take_doubles (bytes *b, size_t n) {
  double *v = (double *)malloc((n ? n : 1) * sizeof(double));
  size_t k;
  if (v == NULL) abort();
  for (k = 0; k < n; k++) v[k] = take_double(b);
  return v;
}

/* stops the run with a message: the fuzzer saves the input */
#define FUZZ_ASSERT(c)  do { if (!(c)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
    abort(); } } while (0)

#endif
