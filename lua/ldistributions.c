/*
** ldistributions.c -- the distribution functions of the `stats` module:
** pnorm, dnorm, qnorm, plogis, pchisq, pf, pt of a number, or elementwise of
** a matrix (labels kept). The numerics are in core/distributions.c.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "ldistributions.h"
#include "../core/distributions.h"

/* one element: out = f(x; par, lower, log_p) */
typedef int (*element_fn) (double x, const double *par, int lower, int log_p,
                           double *out, cl_error *err);

/* optional boolean at arg, def when absent */
static int opt_flag (lua_State *L, int arg, int def) {
  if (lua_isnoneornil(L, arg)) return def;
  luaL_checktype(L, arg, LUA_TBOOLEAN);
  return lua_toboolean(L, arg);
}

/* a positive, finite parameter (degrees of freedom) at arg */
static double check_df (lua_State *L, int arg, int allow_inf) {
  double df = luaL_checknumber(L, arg);
  if (!(df > 0) || (!allow_inf && isinf(df)))
    lcl_argerror(L, arg, "degrees of freedom must be positive%s, got %g",
                 allow_inf ? "" : " and finite", df);
  return df;
}

static void element_error (lua_State *L, const char *fname, const cl_matrix *m,
                           size_t k, const char *msg) {
  if (m == NULL)
    lcl_errorf(L, "%s: %s", fname, msg);
  else
    lcl_errorf(L, "%s: element [%zu, %zu]: %s", fname, k % m->rows + 1,
               k / m->rows + 1, msg);
}

/* f of the number or matrix at argument 1; NaN is an error, not a result;
** so is a p-function's value that is not a probability ("stats.p...") */
static int each (lua_State *L, const char *fname, element_fn f,
                 const double *par, int lower, int log_p) {
  cl_matrix *a = NULL, *out = NULL;
  cl_error err;
  double one = 0, res = 0;
  size_t k, n = 1;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    one = lua_tonumber(L, 1);
  } else {
    a = lcl_tomatrix(L, 1);
    n = cl_matrix_size(a);
    out = lcl_newmatrix(L, a->rows, a->cols);
    lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  }
  for (k = 0; k < n; k++) {
    double x = a ? a->data[k] : one;
    if (isnan(x)) element_error(L, fname, a, k, "argument is NaN");
    if (f(x, par, lower, log_p, &res, &err) != CL_OK)
      element_error(L, fname, a, k, err.msg);
    /* a probability outside [0, 1] (or a log one above 0) is never shown */
    if (strncmp(fname, "stats.p", 7) == 0 && (log_p ? !(res <= 0) : !(res >= 0 && res <= 1)))
      element_error(L, fname, a, k, lua_pushfstring(L, "internal error: %f is "
                    "not a %sprobability", res, log_p ? "log " : ""));
    if (a) out->data[k] = res;
  }
  if (a == NULL) lua_pushnumber(L, res);
  return 1;
}

static int el_pnorm (double x, const double *par, int lower, int log_p,
                     double *out, cl_error *err) {
  (void)par; (void)err;
  *out = cl_distributions_pnorm(x, lower, log_p);
  return CL_OK;
}

static int el_dnorm (double x, const double *par, int lower, int log_p,
                     double *out, cl_error *err) {
  (void)par; (void)lower; (void)err;
  *out = cl_distributions_dnorm(x, log_p);
  return CL_OK;
}

static int el_qnorm (double x, const double *par, int lower, int log_p,
                     double *out, cl_error *err) {
  (void)par; (void)log_p;
  return cl_distributions_qnorm(x, lower, out, err);
}

static int el_plogis (double x, const double *par, int lower, int log_p,
                      double *out, cl_error *err) {
  (void)par; (void)err;
  *out = cl_distributions_plogis(x, lower, log_p);
  return CL_OK;
}

static int el_pchisq (double x, const double *par, int lower, int log_p,
                      double *out, cl_error *err) {
  (void)log_p;
  return cl_distributions_pchisq(x, par[0], lower, out, err);
}

static int el_pf (double x, const double *par, int lower, int log_p,
                  double *out, cl_error *err) {
  (void)log_p;
  return cl_distributions_pf(x, par[0], par[1], lower, out, err);
}

static int el_pt (double x, const double *par, int lower, int log_p,
                  double *out, cl_error *err) {
  (void)log_p;
  return cl_distributions_pt(x, par[0], lower, out, err);
}

/* stats.pnorm(x [, lower [, log]]) */
int lstats_pnorm (lua_State *L) {
  int lower = opt_flag(L, 2, 1), log_p = opt_flag(L, 3, 0);
  lua_settop(L, 1);
  return each(L, "stats.pnorm", el_pnorm, NULL, lower, log_p);
}

/* stats.dnorm(x [, log]) */
int lstats_dnorm (lua_State *L) {
  int log_p = opt_flag(L, 2, 0);
  lua_settop(L, 1);
  return each(L, "stats.dnorm", el_dnorm, NULL, 1, log_p);
}

/* stats.qnorm(p [, lower]) */
int lstats_qnorm (lua_State *L) {
  int lower = opt_flag(L, 2, 1);
  lua_settop(L, 1);
  return each(L, "stats.qnorm", el_qnorm, NULL, lower, 0);
}

/* stats.plogis(x [, lower [, log]]) */
int lstats_plogis (lua_State *L) {
  int lower = opt_flag(L, 2, 1), log_p = opt_flag(L, 3, 0);
  lua_settop(L, 1);
  return each(L, "stats.plogis", el_plogis, NULL, lower, log_p);
}

/* stats.pchisq(q, df [, lower]) */
int lstats_pchisq (lua_State *L) {
  double par[1];
  int lower;
  par[0] = check_df(L, 2, 0);
  lower = opt_flag(L, 3, 1);
  lua_settop(L, 1);
  return each(L, "stats.pchisq", el_pchisq, par, lower, 0);
}

/* stats.pf(q, df1, df2 [, lower]) */
int lstats_pf (lua_State *L) {
  double par[2];
  int lower;
  par[0] = check_df(L, 2, 0);
  par[1] = check_df(L, 3, 0);
  lower = opt_flag(L, 4, 1);
  lua_settop(L, 1);
  return each(L, "stats.pf", el_pf, par, lower, 0);
}

/* stats.pt(q, df [, lower]) */
int lstats_pt (lua_State *L) {
  double par[1];
  int lower;
  par[0] = check_df(L, 2, 1);
  lower = opt_flag(L, 3, 1);
  lua_settop(L, 1);
  return each(L, "stats.pt", el_pt, par, lower, 0);
}
