/*
** blaskernel.c -- choosing the OpenBLAS kernel for this CPU from its vector
** extensions (Intel SDM vol. 2, CPUID leaves 0, 1 and 7; XGETBV for the
** register state the operating system saves), as OpenBLAS's own
** cpuid_x86.c does for the models it knows.
*/
#include <string.h>
#include <strings.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#define CL_HAVE_CPUID 1
#endif

#include "blaskernel.h"

#ifdef CL_HAVE_CPUID
static unsigned long long xgetbv0 (void) {
  unsigned int lo, hi;
  __asm__ volatile ("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((unsigned long long)hi << 32) | lo;
}
#endif

void cl_cpu_features_detect (cl_cpu_features *f) {
  memset(f, 0, sizeof *f);
#ifdef CL_HAVE_CPUID
  {
    unsigned int a, b, c, d, maxleaf;
    unsigned long long xcr0 = 0;
    int ymm_os, zmm_os;
    if (!__get_cpuid(0, &maxleaf, &b, &c, &d)) return;
    f->amd = (b == 0x68747541u && d == 0x69746e65u && c == 0x444d4163u);
    __cpuid(1, a, b, c, d);
    if (c & (1u << 27)) xcr0 = xgetbv0();   /* OSXSAVE: xgetbv is usable */
    ymm_os = (xcr0 & 0x6) == 0x6;           /* SSE and AVX state */
    zmm_os = ymm_os && (xcr0 & 0xe0) == 0xe0; /* opmask, ZMM0-15, ZMM16-31 */
    f->avx = ymm_os && (c & (1u << 28));
    f->fma = f->avx && (c & (1u << 12));
    if (maxleaf < 7) return;
    __cpuid_count(7, 0, a, b, c, d);
    f->avx2 = f->avx && (b & (1u << 5));
    f->avx512f = zmm_os && (b & (1u << 16));
    f->avx512dq = zmm_os && (b & (1u << 17));
    f->avx512bw = zmm_os && (b & (1u << 30));
    f->avx512vl = zmm_os && (b & (1u << 31));
  }
#endif
}

static const struct { const char *name; int level; } known_cores[] = {
  {"SkylakeX", CL_KERNEL_AVX512}, {"Cooperlake", CL_KERNEL_AVX512},
  {"SapphireRapids", CL_KERNEL_AVX512},
  {"Haswell", CL_KERNEL_AVX2}, {"Zen", CL_KERNEL_AVX2},
  {"Sandybridge", CL_KERNEL_AVX}, {"Bulldozer", CL_KERNEL_AVX},
  {"Piledriver", CL_KERNEL_AVX}, {"Steamroller", CL_KERNEL_AVX},
  {"Excavator", CL_KERNEL_AVX},
};

int cl_blas_kernel_level (const char *corename) {
  size_t i;
  if (corename == NULL) return CL_KERNEL_SSE;
  for (i = 0; i < sizeof known_cores / sizeof known_cores[0]; i++)
    if (strcasecmp(corename, known_cores[i].name) == 0)
      return known_cores[i].level;
  return CL_KERNEL_SSE;
}

const char *cl_blas_best_kernel (const cl_cpu_features *f) {
  if (f->avx512f && f->avx512bw && f->avx512dq && f->avx512vl)
    return "SkylakeX";
  if (f->avx2 && f->fma) return f->amd ? "Zen" : "Haswell";
  if (f->avx) return "Sandybridge";
  return NULL;
}

const char *cl_blas_kernel_choice (const cl_cpu_features *f,
                                   const char *corename) {
  const char *best = cl_blas_best_kernel(f);
  if (best == NULL) return NULL;
  return cl_blas_kernel_level(best) > cl_blas_kernel_level(corename)
         ? best : NULL;
}
