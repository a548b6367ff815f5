/*
** lglmfit.c -- the `glmfit` module: the C kernel under stdlib/glm.lua (R's
** glm.fit iteration for probit and logit, weighted Gram matrices, observed
** information and scores, per-cluster score sums; core/glmfit.c). glm.lua
** checks the data and names rows and columns in its errors; this binding
** checks only shapes.
*/
#include <math.h>

#include "lcl.h"
#include "lstats_tests.h"
#include "../core/glmfit.h"

static const char *const links[] = {"probit", "logit", NULL};

/* the n x 1 vector at arg (a matrix or a Lua array) with n elements */
static cl_matrix *check_vector (lua_State *L, int arg, const char *name,
                                size_t n) {
  cl_matrix *v = lcl_tomatrix(L, arg);
  if (cl_matrix_size(v) != n || (v->rows != 1 && v->cols != 1))
    lcl_argerror(L, arg, "%s must be a vector of %zu elements, got %zu x %zu",
                 name, n, v->rows, v->cols);
  return v;
}

static void set_matrix (lua_State *L, int t, const char *field, int idx) {
  lua_pushvalue(L, idx);
  lua_setfield(L, t, field);
}

/* glmfit.irls(link, y, X [, w [, {maxit = 25, epsilon = 1e-8}]]) -> fit, or
** nil, message, last iterate {coef=, lp=, iterations=} when X'WX is singular */
static int glmfit_irls (lua_State *L) {
  cl_glm_link link = (cl_glm_link)luaL_checkoption(L, 1, NULL, links);
  cl_matrix *y, *X, *w = NULL, *beta, *info, *eta, *lp;
  cl_glm_fit fit;
  cl_error err;
  int st, res;
  lua_settop(L, 5);
  X = lcl_tomatrix(L, 3);
  y = check_vector(L, 2, "y", X->rows);
  if (!lua_isnil(L, 4)) w = check_vector(L, 4, "w", X->rows);
  fit.maxit = 25;
  fit.epsilon = 1e-8;
  if (!lua_isnil(L, 5)) {
    luaL_checktype(L, 5, LUA_TTABLE);
    if (lua_getfield(L, 5, "maxit") != LUA_TNIL)
      fit.maxit = (int)luaL_checkinteger(L, -1);
    if (lua_getfield(L, 5, "epsilon") != LUA_TNIL)
      fit.epsilon = luaL_checknumber(L, -1);
    lua_pop(L, 2);
    luaL_argcheck(L, fit.maxit >= 1, 5, "maxit must be at least 1");
    luaL_argcheck(L, fit.epsilon > 0, 5, "epsilon must be positive");
  }
  luaL_argcheck(L, X->cols > 0 && X->rows >= X->cols, 3,
                "X must have at least as many rows as columns");
  beta = lcl_newmatrix(L, X->cols, 1);   /* 6 */
  info = lcl_newmatrix(L, X->cols, X->cols);
  eta = lcl_newmatrix(L, X->rows, 1);
  lp = lcl_newmatrix(L, X->rows, 1);     /* 9 */
  st = cl_glmfit_irls(link, X, y->data, w ? w->data : NULL, &fit, beta->data,
                      info->data, eta->data, lp->data, &err);
  if (st != CL_OK && st != CL_ESINGULAR) return lcl_error(L, &err);
  if (st == CL_ESINGULAR) {
    lua_pushnil(L);
    lua_pushstring(L, err.msg);
    lua_createtable(L, 0, 3);
    res = lua_gettop(L);
    if (fit.iterations > 1) set_matrix(L, res, "coef", 6);
    set_matrix(L, res, "lp", 9);
    lua_pushinteger(L, fit.iterations);
    lua_setfield(L, res, "iterations");
    return 3;
  }
  lua_createtable(L, 0, 7);
  res = lua_gettop(L);
  set_matrix(L, res, "coef", 6);
  set_matrix(L, res, "info", 7);
  set_matrix(L, res, "eta", 8);
  set_matrix(L, res, "lp", 9);
  lua_pushnumber(L, fit.deviance);
  lua_setfield(L, res, "deviance");
  lua_pushinteger(L, fit.iterations);
  lua_setfield(L, res, "iterations");
  lua_pushboolean(L, fit.converged);
  lua_setfield(L, res, "converged");
  return 1;
}

/* glmfit.derivatives(link, y, eta [, w]) -> score, hess (n x 1) */
static int glmfit_derivatives (lua_State *L) {
  cl_glm_link link = (cl_glm_link)luaL_checkoption(L, 1, NULL, links);
  cl_matrix *y, *eta, *w = NULL, *score, *hess;
  lua_settop(L, 4);
  eta = lcl_tomatrix(L, 3);
  y = check_vector(L, 2, "y", cl_matrix_size(eta));
  if (!lua_isnil(L, 4)) w = check_vector(L, 4, "w", cl_matrix_size(eta));
  score = lcl_newmatrix(L, cl_matrix_size(eta), 1);
  hess = lcl_newmatrix(L, cl_matrix_size(eta), 1);
  cl_glmfit_derivatives(link, cl_matrix_size(eta), y->data, eta->data,
                        w ? w->data : NULL, score->data, hess->data);
  return 2;
}

/* glmfit.gram(X [, v]) -> X' diag(v) X, labelled by X's column names */
static int glmfit_gram (lua_State *L) {
  cl_matrix *X, *v = NULL, *G;
  cl_error err;
  size_t i;
  lua_settop(L, 2);
  X = lcl_tomatrix(L, 1);
  if (!lua_isnil(L, 2)) {
    v = check_vector(L, 2, "v", X->rows);
    for (i = 0; i < X->rows; i++)
      if (!(v->data[i] >= 0))
        lcl_argerror(L, 2, "weight %zu is %g: weights must be non-negative",
                     i + 1, v->data[i]);
  }
  G = lcl_newmatrix(L, X->cols, X->cols);
  if (cl_glmfit_gram(X, v ? v->data : NULL, G->data, &err) != CL_OK)
    return lcl_error(L, &err);
  lcl_getnames(L, 1, 2);
  lua_pushvalue(L, -1);
  lcl_setnames(L, 3, 1);
  lcl_setnames(L, 3, 2);
  return 1;
}

/* glmfit.cluster_scores(X, s, groups) -> S (G x p: row g = sum over
** cluster g of s_i x_i'), G; groups are numbers or strings, one per row */
static int glmfit_cluster_scores (lua_State *L) {
  cl_matrix *X, *s, *S;
  int *codes;
  size_t n, i, G = 0;
  lua_settop(L, 3);
  X = lcl_tomatrix(L, 1);
  s = check_vector(L, 2, "s", X->rows);
  lua_newtable(L);                                    /* 4: the levels */
  n = lstats_category_codes(L, 3, "cluster", 4, &codes, &G);
  if (n != X->rows)
    lcl_errorf(L, "cluster has %zu elements but there are %zu observations",
               n, X->rows);
  for (i = 0; i < n; i++)
    if (codes[i] < 0)
      lcl_errorf(L, "cluster: row %zu has no cluster (NaN)", i + 1);
  S = lcl_newmatrix(L, G, X->cols);
  cl_glmfit_cluster_scores(X, s->data, codes, G, S->data);
  lua_pushinteger(L, (lua_Integer)G);
  return 2;
}

static const luaL_Reg functions[] = {
  {"irls", glmfit_irls},
  {"derivatives", glmfit_derivatives},
  {"gram", glmfit_gram},
  {"cluster_scores", glmfit_cluster_scores},
  {NULL, NULL}
};

static const char *const help[][2] = {
  {"_about", "the C kernel under glm: R's glm.fit iteration for probit and "
   "logit, X'WX by blocks (dsyrk), observed information, cluster scores"},
  {"irls", "glmfit.irls(\"probit\"|\"logit\", y, X [, w [, {maxit = 25, "
   "epsilon = 1e-8}]]) -> {coef=, info= (X'WX, expected information), eta=, "
   "lp= (log Pr(y_i)), deviance=, iterations=, converged=}, or nil, message, "
   "{coef=, lp=, iterations=} when X'WX is singular; unchecked data: use "
   "glm.probit"},
  {"derivatives", "glmfit.derivatives(link, y, eta [, w]) -> score, hess: "
   "d log Pr(y_i)/d eta_i and -d^2 log Pr(y_i)/d eta_i^2, times w_i"},
  {"gram", "glmfit.gram(X [, v]) -> X' diag(v) X (v >= 0), without copying X"},
  {"cluster_scores", "glmfit.cluster_scores(X, s, groups) -> S, G: row g of "
   "S is the sum of s_i x_i' over the rows of cluster g (numbers or strings)"},
};

int luaopen_glmfit (lua_State *L) {
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
