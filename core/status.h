/*
** status.h -- error reporting shared by every core/ module.
** A core function returns CL_OK or an error code and, on error, fills a
** cl_error with a message; it never prints, exits or aborts.
*/
#ifndef CL_STATUS_H
#define CL_STATUS_H

#include <signal.h>
#include <stddef.h>

enum cl_status {
  CL_OK = 0,
  CL_EDIM,        /* dimension mismatch */
  CL_ESINGULAR,   /* singular or numerically singular matrix */
  CL_ENOMEM,      /* allocation failed */
  CL_EDOMAIN,     /* argument outside the function's domain */
  CL_ENOCONV,     /* an iteration did not converge */
  CL_EIO,         /* file could not be read or written */
  CL_EPARSE,      /* malformed input */
  CL_ELAPACK,     /* LAPACK reported an illegal argument */
  CL_EINTR        /* stopped by cl_interrupt (Ctrl-C) */
};

typedef struct cl_error {
  char msg[512];
} cl_error;

/* Formats a message into err (if err is not NULL) and returns code. */
int cl_fail (cl_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/* Raised by the host's SIGINT handler; the long loops of core/ (distances,
** clustering, CSV reading) poll it and return CL_EINTR. The one global of
** core/: a signal handler can reach nothing else. The caller clears it. */
extern volatile sig_atomic_t cl_interrupt;

/* CL_EINTR with the message "interrupted" when cl_interrupt is set */
int cl_check_interrupt (cl_error *err);

#endif
