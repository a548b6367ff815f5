/*
** test_blaskernel.c -- the choice of OpenBLAS kernel (core/blaskernel.c) for
** CPUs described by hand, and the cpuid reading of this machine against the
** flags the Linux kernel lists in /proc/cpuinfo (an independent reading).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/blaskernel.h"

static const cl_cpu_features sse_only = {0, 0, 0, 0, 0, 0, 0, 0};
static const cl_cpu_features sandy = {1, 0, 0, 0, 0, 0, 0, 0};
static const cl_cpu_features avx2_no_fma = {1, 1, 0, 0, 0, 0, 0, 0};
static const cl_cpu_features haswell = {1, 1, 1, 0, 0, 0, 0, 0};
static const cl_cpu_features zen2 = {1, 1, 1, 0, 0, 0, 0, 1};
static const cl_cpu_features xeon_avx512 = {1, 1, 1, 1, 1, 1, 1, 0};
static const cl_cpu_features epyc_avx512 = {1, 1, 1, 1, 1, 1, 1, 1};
/* Knights Landing: AVX-512 F but no BW/DQ/VL, which SkylakeX kernels use */
static const cl_cpu_features knl = {1, 1, 1, 1, 0, 0, 0, 0};

static void test_levels (void **state) {
  (void)state;
  assert_int_equal(cl_blas_kernel_level("SkylakeX"), CL_KERNEL_AVX512);
  assert_int_equal(cl_blas_kernel_level("COOPERLAKE"), CL_KERNEL_AVX512);
  assert_int_equal(cl_blas_kernel_level("sapphirerapids"), CL_KERNEL_AVX512);
  assert_int_equal(cl_blas_kernel_level("Haswell"), CL_KERNEL_AVX2);
  assert_int_equal(cl_blas_kernel_level("Zen"), CL_KERNEL_AVX2);
  assert_int_equal(cl_blas_kernel_level("Sandybridge"), CL_KERNEL_AVX);
  assert_int_equal(cl_blas_kernel_level("Excavator"), CL_KERNEL_AVX);
  assert_int_equal(cl_blas_kernel_level("Prescott"), CL_KERNEL_SSE);
  assert_int_equal(cl_blas_kernel_level("Nehalem"), CL_KERNEL_SSE);
  assert_int_equal(cl_blas_kernel_level("no such core"), CL_KERNEL_SSE);
  assert_int_equal(cl_blas_kernel_level(NULL), CL_KERNEL_SSE);
}

/* the case of the issue: an AVX-512 Xeon that OpenBLAS 0.3.21 does not know */
static void test_fallback_is_replaced (void **state) {
  (void)state;
  assert_string_equal(cl_blas_kernel_choice(&xeon_avx512, "Prescott"), "SkylakeX");
  assert_string_equal(cl_blas_kernel_choice(&epyc_avx512, "Prescott"), "SkylakeX");
  assert_string_equal(cl_blas_kernel_choice(&epyc_avx512, "Haswell"), "SkylakeX");
  assert_string_equal(cl_blas_kernel_choice(&haswell, "Prescott"), "Haswell");
  assert_string_equal(cl_blas_kernel_choice(&haswell, "Sandybridge"), "Haswell");
  assert_string_equal(cl_blas_kernel_choice(&zen2, "Prescott"), "Zen");
  assert_string_equal(cl_blas_kernel_choice(&sandy, "Core2"), "Sandybridge");
  assert_string_equal(cl_blas_kernel_choice(&avx2_no_fma, "Prescott"), "Sandybridge");
  assert_string_equal(cl_blas_kernel_choice(&knl, "Prescott"), "Haswell");
}

/* a kernel as good as the CPU allows is kept, whatever its name */
static void test_good_choice_is_kept (void **state) {
  (void)state;
  assert_null(cl_blas_kernel_choice(&epyc_avx512, "Cooperlake"));
  assert_null(cl_blas_kernel_choice(&xeon_avx512, "SkylakeX"));
  assert_null(cl_blas_kernel_choice(&xeon_avx512, "SapphireRapids"));
  assert_null(cl_blas_kernel_choice(&zen2, "Zen"));
  assert_null(cl_blas_kernel_choice(&zen2, "Haswell"));
  assert_null(cl_blas_kernel_choice(&haswell, "Zen"));
  assert_null(cl_blas_kernel_choice(&sandy, "Sandybridge"));
  assert_null(cl_blas_kernel_choice(&sandy, "Bulldozer"));
  assert_null(cl_blas_kernel_choice(&sse_only, "Prescott"));
  assert_null(cl_blas_best_kernel(&sse_only));
}

/* 1 when /proc/cpuinfo's first "flags" line lists `flag`, 0 when not, -1
** when there is no /proc/cpuinfo */
static int cpuinfo_has (const char *flag) {
  static char line[8192];
  FILE *f = fopen("/proc/cpuinfo", "r");
  char want[64];
  if (f == NULL) return -1;
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, "flags", 5) == 0) break;
  fclose(f);
  line[strcspn(line, "\n")] = ' ';
  snprintf(want, sizeof want, " %s ", flag);
  return strstr(line, want) != NULL;
}

static void test_this_machine (void **state) {
  cl_cpu_features f;
  (void)state;
  if (cpuinfo_has("fpu") != 1) skip();
  cl_cpu_features_detect(&f);
  assert_int_equal(f.avx, cpuinfo_has("avx"));
  assert_int_equal(f.avx2, cpuinfo_has("avx2"));
  assert_int_equal(f.fma, cpuinfo_has("fma"));
  assert_int_equal(f.avx512f, cpuinfo_has("avx512f"));
  assert_int_equal(f.avx512bw, cpuinfo_has("avx512bw"));
  assert_int_equal(f.avx512dq, cpuinfo_has("avx512dq"));
  assert_int_equal(f.avx512vl, cpuinfo_has("avx512vl"));
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_levels),
    cmocka_unit_test(test_fallback_is_replaced),
    cmocka_unit_test(test_good_choice_is_kept),
    cmocka_unit_test(test_this_machine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
