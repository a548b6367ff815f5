/*
** blaskernel.c -- selecting the OpenBLAS kernel when the host starts.
** OpenBLAS picks its kernels in a constructor, before main, from the CPU
** model (or from OPENBLAS_CORETYPE); an unknown model gets the SSE3
** fallback. The only way to change the choice is to start again with the
** variable set, so main calls cl_blas_select_kernel before anything else.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cblas.h>

#include "../core/blaskernel.h"
#include "blaskernel.h"

/* set in the re-executed program: the kernel OpenBLAS chose on its own, and
** the user's OPENBLAS_CORETYPE (absent when the user had none) */
#define CHOSEN_VAR "CLUSTERLAB_BLAS_CHOSEN"
#define USER_VAR "CLUSTERLAB_BLAS_USER_CORETYPE"

static char report[256];

static const char *level_name (int level) {
  static const char *const names[] = {"SSE", "AVX", "AVX2", "AVX-512"};
  return names[level];
}

/* In the re-executed program: remember how the kernel was chosen, then put
** the user's environment back. */
static void finish_reexec (const char *chosen) {
  const char *user = getenv(USER_VAR);
  const char *now = openblas_get_corename();
  cl_cpu_features f;
  cl_cpu_features_detect(&f);
  if (cl_blas_kernel_level(now) > cl_blas_kernel_level(chosen))
    snprintf(report, sizeof report,
             "%s (selected by clusterlab: OpenBLAS chose %s on a CPU with %s)",
             now, chosen, level_name(cl_blas_kernel_level(cl_blas_best_kernel(&f))));
  else  /* an OpenBLAS built without DYNAMIC_ARCH ignores the variable */
    snprintf(report, sizeof report,
             "%s (OpenBLAS did not take the kernel clusterlab asked for)", now);
  if (user != NULL) setenv("OPENBLAS_CORETYPE", user, 1);
  else unsetenv("OPENBLAS_CORETYPE");
  unsetenv(USER_VAR);
  unsetenv(CHOSEN_VAR);
}

void cl_blas_select_kernel (char **argv) {
  const char *mode = getenv("CLUSTERLAB_BLAS_SELECT");
  const char *user_env = getenv("OPENBLAS_CORETYPE");
  char user_copy[64];
  const char *user = NULL;
  const char *chosen = getenv(CHOSEN_VAR);
  const char *core = openblas_get_corename();
  const char *choice;
  cl_cpu_features f;
  if (chosen != NULL) { finish_reexec(chosen); return; }
  if (user_env != NULL) {  /* setenv below may free the string */
    snprintf(user_copy, sizeof user_copy, "%s", user_env);
    user = user_copy;
  }
  if (mode != NULL && strcmp(mode, "0") == 0) {
    snprintf(report, sizeof report, "%s (selection off: CLUSTERLAB_BLAS_SELECT=0)", core);
    return;
  }
  if (user != NULL && (mode == NULL || strcmp(mode, "force") != 0)) {
    snprintf(report, sizeof report, "%s (OPENBLAS_CORETYPE=%s)", core, user);
    return;
  }
  cl_cpu_features_detect(&f);
  choice = cl_blas_kernel_choice(&f, core);
  if (choice == NULL) {
    snprintf(report, sizeof report, "%s (chosen by OpenBLAS)", core);
    return;
  }
  if (user != NULL) setenv(USER_VAR, user, 1);
  setenv(CHOSEN_VAR, core, 1);
  setenv("OPENBLAS_CORETYPE", choice, 1);
  execv("/proc/self/exe", argv);
  /* exec failed (no /proc?): carry on with OpenBLAS's choice */
  if (user != NULL) setenv("OPENBLAS_CORETYPE", user, 1);
  else unsetenv("OPENBLAS_CORETYPE");
  unsetenv(USER_VAR);
  unsetenv(CHOSEN_VAR);
  snprintf(report, sizeof report, "%s (chosen by OpenBLAS; starting again with %s failed)",
           core, choice);
}

const char *cl_blas_kernel_report (void) {
  if (report[0] == '\0')
    snprintf(report, sizeof report, "%s", openblas_get_corename());
  return report;
}

const char *cl_blas_kernel_name (void) {
  return openblas_get_corename();
}
