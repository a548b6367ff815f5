/*
** fastfloat.h -- a decimal w * 10^q (w < 2^64) to the nearest double by the
** Eisel-Lemire algorithm (Lemire 2021, "Number parsing at a gigabyte per
** second", Software: Practice and Experience 51(8), 1700-1727), as Go's
** strconv and fast_float do it.
*/
#ifndef CL_FASTFLOAT_H
#define CL_FASTFLOAT_H

#include <stdint.h>

/* Sets *v to w * 10^q rounded to nearest, ties to even, and returns 1; or
** returns 0 when the product cannot be decided this way (a near tie, a
** subnormal or overflowing result, q out of range): then strtod must. */
int cl_eisel_lemire (uint64_t w, int q, int negative, double *v);

#endif
