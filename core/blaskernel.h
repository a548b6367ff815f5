/*
** blaskernel.h -- which OpenBLAS kernel suits this CPU. OpenBLAS 0.3.21
** picks its kernels from the CPU model when it loads; on models it does not
** know it falls back to SSE3 "Prescott" kernels, about five times slower
** for dgemm on an AVX-512 machine. These functions read the CPU's vector
** extensions (cpuid, and xgetbv for the operating system's support) and say
** which kernel to ask for through OPENBLAS_CORETYPE (OpenBLAS's
** driver/others/dynamic.c lists the names it accepts).
*/
#ifndef CL_BLASKERNEL_H
#define CL_BLASKERNEL_H

/* the vector extensions the CPU has and the operating system enables */
typedef struct cl_cpu_features {
  int avx, avx2, fma;
  int avx512f, avx512bw, avx512dq, avx512vl;
  int amd;   /* vendor AuthenticAMD (OpenBLAS has Zen kernels for it) */
} cl_cpu_features;

/* vector width a kernel family uses: 0 SSE, 1 AVX, 2 AVX2+FMA, 3 AVX-512 */
enum { CL_KERNEL_SSE, CL_KERNEL_AVX, CL_KERNEL_AVX2, CL_KERNEL_AVX512 };

/* Fills f from cpuid/xgetbv (all zero on CPUs other than x86-64). */
void cl_cpu_features_detect (cl_cpu_features *f);

/* The level of an OpenBLAS core name (as openblas_get_corename returns it,
** any case): SkylakeX, Cooperlake and SapphireRapids are AVX-512; Haswell
** and Zen AVX2; Sandybridge and the AMD Bulldozer family AVX; the rest SSE. */
int cl_blas_kernel_level (const char *corename);

/* The kernel this CPU can run best: "SkylakeX" for AVX-512 F, BW, DQ and VL;
** "Zen" on AMD and "Haswell" otherwise for AVX2 with FMA; "Sandybridge" for
** AVX; NULL when only SSE (nothing better than the fallback exists). */
const char *cl_blas_best_kernel (const cl_cpu_features *f);

/* The kernel to select when OpenBLAS chose `corename`: the best kernel when
** its level is above corename's, else NULL (keep what OpenBLAS chose). A
** pure function of its arguments, so that tests can give any CPU. */
const char *cl_blas_kernel_choice (const cl_cpu_features *f,
                                   const char *corename);

#endif
