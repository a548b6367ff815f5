/*
** fastfloat.c -- the Eisel-Lemire decimal-to-double conversion (Lemire 2021,
** "Number parsing at a gigabyte per second", Softw. Pract. Exper. 51(8));
** the steps and names follow Go's strconv/eisel_lemire.go. The 128-bit
** powers of ten come from tools/gen_pow10_table.py.
*/
#include <string.h>

#include "fastfloat.h"
#include "pow10_table.h"

/* floor(q * log2(10)) for |q| < 1700: 217706 / 2^16 approximates log2(10) */
static int64_t floor_log2_pow10 (int q) {
  int64_t p = (int64_t)217706 * q;
  return p >= 0 ? p / 65536 : -((-p + 65535) / 65536);
}

int cl_eisel_lemire (uint64_t w, int q, int negative, double *v) {
  typedef unsigned __int128 u128;
  uint64_t bits, hi, lo, mantissa, msb;
  int64_t exp2;
  int clz;
  u128 x;
  if (w == 0) {
    bits = negative ? (uint64_t)1 << 63 : 0;
    memcpy(v, &bits, sizeof bits);
    return 1;
  }
  if (q < CL_POW10_MIN || q > CL_POW10_MAX) return 0;
  clz = __builtin_clzll(w);  /* w > 0 */
  w <<= clz;
  exp2 = floor_log2_pow10(q) + 64 + 1023 - clz;
  x = (u128)w * cl_pow10_table[q - CL_POW10_MIN][0];
  hi = (uint64_t)(x >> 64);
  lo = (uint64_t)x;
  if ((hi & 0x1FF) == 0x1FF && lo + w < w) {
    /* the truncated 64 bits may matter: widen with the next 64 */
    u128 y = (u128)w * cl_pow10_table[q - CL_POW10_MIN][1];
    uint64_t yhi = (uint64_t)(y >> 64), ylo = (uint64_t)y;
    uint64_t mhi = hi, mlo = lo + yhi;
    if (mlo < lo) mhi++;
    if ((mhi & 0x1FF) == 0x1FF && mlo + 1 == 0 && ylo + w < w) return 0;
    hi = mhi;
    lo = mlo;
  }
  msb = hi >> 63;
  mantissa = hi >> (msb + 9);
  exp2 -= (int64_t)(1 ^ msb);
  if (lo == 0 && (hi & 0x1FF) == 0 && (mantissa & 3) == 1) return 0;  /* a tie? */
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >> 53 > 0) {
    mantissa >>= 1;
    exp2++;
  }
  if (exp2 <= 0 || exp2 >= 0x7FF) return 0;  /* subnormal, infinite */
  bits = (uint64_t)exp2 << 52 | (mantissa & 0x000FFFFFFFFFFFFFULL);
  if (negative) bits |= (uint64_t)1 << 63;
  memcpy(v, &bits, sizeof bits);
  return 1;
}
