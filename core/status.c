/*
** status.c -- error reporting shared by every core/ module.
*/
#include <stdarg.h>
#include <stdio.h>

#include "status.h"

int cl_fail (cl_error *err, int code, const char *fmt, ...) {
  if (err != NULL) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
  }
  return code;
}

volatile sig_atomic_t cl_interrupt = 0;

int cl_check_interrupt (cl_error *err) {
  return cl_interrupt ? cl_fail(err, CL_EINTR, "interrupted") : CL_OK;
}
