/*
** blaskernel.h -- the host's choice of OpenBLAS kernel at start-up (see
** core/blaskernel.h for the rule) and the line that reports it.
*/
#ifndef LBLASKERNEL_H
#define LBLASKERNEL_H

#include <stddef.h>

/* Called first thing in main: when OpenBLAS chose a kernel weaker than the
** CPU allows, re-executes the program with OPENBLAS_CORETYPE set (OpenBLAS
** reads it only when it loads). CLUSTERLAB_BLAS_SELECT=0 turns this off;
** CLUSTERLAB_BLAS_SELECT=force selects even over a user's OPENBLAS_CORETYPE.
** In the re-executed program, restores the environment the user gave, so
** that programs it starts (numpy, R) see what they would have seen. */
void cl_blas_select_kernel (char **argv);

/* The kernel in use and how it came to be, e.g. "SkylakeX (selected by
** clusterlab: OpenBLAS chose Prescott on a CPU with AVX-512)". */
const char *cl_blas_kernel_report (void);

/* The kernel name alone, as OpenBLAS reports it. */
const char *cl_blas_kernel_name (void);

#endif
