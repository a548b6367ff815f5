/*
** lstats.c -- the `stats` module: multivariate statistics over core/ (column
** correlations in one BLAS call, varimax and promax rotations as R's stats).
** Only argument checks, labels and error messages live here.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "ldistributions.h"  /* pnorm ... pt, in ldistributions.c */
#include "../core/correlation.h"
#include "../core/rotation.h"
#include "lstats_cluster.h"
#include "lstats_tests.h"

/* opts.<name> as a number, or def when opts or the field is absent */
static double opt_number (lua_State *L, int opts, const char *name, double def) {
  double v = def;
  if (lua_isnoneornil(L, opts)) return def;
  luaL_checktype(L, opts, LUA_TTABLE);
  if (lua_getfield(L, opts, name) != LUA_TNIL) {
    if (!lua_isnumber(L, -1))
      lcl_errorf(L, "bad argument #%d (option '%s' must be a number, got %s)",
                 opts, name, luaL_typename(L, -1));
    v = lua_tonumber(L, -1);
  }
  lua_pop(L, 1);
  return v;
}

static int opt_boolean (lua_State *L, int opts, const char *name, int def) {
  int v = def;
  if (lua_isnoneornil(L, opts)) return def;
  luaL_checktype(L, opts, LUA_TTABLE);
  if (lua_getfield(L, opts, name) != LUA_TNIL) v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* ---------------------------------------------------------------- */
/* correlation                                                       */
/* ---------------------------------------------------------------- */

/* opts.constant: "error" (default) raises; "report" returns their indices */
static int constant_report (lua_State *L, int opts) {
  const char *mode;
  int report;
  if (lua_isnoneornil(L, opts)) return 0;
  luaL_checktype(L, opts, LUA_TTABLE);
  if (lua_getfield(L, opts, "constant") == LUA_TNIL) {
    lua_pop(L, 1);
    return 0;
  }
  mode = lua_tostring(L, -1);
  report = mode != NULL && strcmp(mode, "report") == 0;
  if (!report && (mode == NULL || strcmp(mode, "error") != 0))
    lcl_errorf(L, "bad argument #%d to 'cor' (constant must be \"error\" or "
               "\"report\", got %s)", opts, mode ? mode : luaL_typename(L, -1));
  lua_pop(L, 1);
  return report;
}

static void zero_variance_error (lua_State *L, int arg, const char *name,
                                 size_t col) {
  const char *label = lcl_label(L, arg, 2, col);
  lcl_errorf(L, "cor: column %zu%s%s%s of %s has zero variance (all its values "
             "are equal), so its correlations are undefined; "
             "stats.cor(X, Y, {constant = \"report\"}) lists such columns",
             col + 1, label ? " (" : "", label ? label : "", label ? ")" : "",
             name);
}

/* pushes {i1, i2, ...} (1-based) of the n indices idx */
static void push_indices (lua_State *L, const size_t *idx, size_t n) {
  size_t k;
  lua_createtable(L, (int)n, 0);
  for (k = 0; k < n; k++) {
    lua_pushinteger(L, (lua_Integer)idx[k] + 1);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
}

/* stats.cor(X [, Y [, opts]]): correlations between the columns of X, or
** between the columns of X and those of Y */
static int stats_cor (lua_State *L) {
  cl_matrix *x, *y = NULL, *r;
  size_t *xc, *yc = NULL, nx = 0, ny = 0;
  int report, st, res;
  cl_error err;
  lua_settop(L, 3);
  x = lcl_tomatrix(L, 1);
  if (!lua_isnil(L, 2)) {
    y = lcl_tomatrix(L, 2);
    if (y->rows != x->rows)
      lcl_errorf(L, "bad argument #2 to 'cor' (dimension mismatch: X has %zu "
                 "rows, Y has %zu)", x->rows, y->rows);
  }
  report = constant_report(L, 3);
  luaL_argcheck(L, x->rows >= 2, 1, "at least 2 rows (observations) needed");
  lcl_checkfinite(L, 1, "cor: X");
  if (y != NULL) lcl_checkfinite(L, 2, "cor: Y");
  xc = (size_t *)lua_newuserdatauv(L, (x->cols + 1) * sizeof(size_t), 0);
  if (y != NULL) {
    yc = (size_t *)lua_newuserdatauv(L, (y->cols + 1) * sizeof(size_t), 0);
    r = lcl_newmatrix(L, x->cols, y->cols);
    st = cl_correlation_cross(x, y, r, xc, &nx, yc, &ny, &err);
  } else {
    r = lcl_newmatrix(L, x->cols, x->cols);
    st = cl_correlation_matrix(x, r, xc, &nx, &err);
  }
  if (st != CL_OK) return lcl_error(L, &err);
  res = lua_gettop(L);
  if (!report && nx > 0) zero_variance_error(L, 1, "X", xc[0]);
  if (!report && ny > 0) zero_variance_error(L, 2, "Y", yc[0]);
  lcl_getnames(L, 1, 2);
  lcl_setnames(L, res, 1);
  lcl_getnames(L, y != NULL ? 2 : 1, 2);
  lcl_setnames(L, res, 2);
  if (!report) return 1;
  lua_createtable(L, 0, 2);
  push_indices(L, xc, nx);
  lua_setfield(L, -2, "x");
  if (y != NULL) {
    push_indices(L, yc, ny);
    lua_setfield(L, -2, "y");
  }
  return 2;
}

/* stats.cor_max_four(Z, sectors): the Feser-Sweeney-Renski maximum of the
** four correlations between the columns and rows of Z for the listed
** sectors (1-based), labelled by Z's row names */
static int stats_cor_max_four (lua_State *L) {
  cl_matrix *z, *l;
  size_t *idx, m, k;
  cl_error err;
  lua_settop(L, 2);
  z = lcl_tomatrix(L, 1);
  luaL_argcheck(L, z->rows == z->cols, 1, "Z must be square");
  luaL_checktype(L, 2, LUA_TTABLE);
  lcl_checkfinite(L, 1, "cor_max_four: Z");
  m = (size_t)luaL_len(L, 2);
  idx = (size_t *)lua_newuserdatauv(L, (m + 1) * sizeof(size_t), 0);
  for (k = 0; k < m; k++) {
    int whole;
    lua_Integer i;
    lua_geti(L, 2, (lua_Integer)k + 1);
    i = lua_tointegerx(L, -1, &whole);
    luaL_argcheck(L, whole && i >= 1 && (size_t)i <= z->rows, 2,
                  "sector indices must be whole numbers within Z");
    idx[k] = (size_t)i - 1;
    lua_pop(L, 1);
  }
  l = lcl_newmatrix(L, m, m);
  if (cl_correlation_max_four(z, idx, m, l, &err) != CL_OK)
    return lcl_error(L, &err);
  return 1;
}

/* ---------------------------------------------------------------- */
/* rotations                                                         */
/* ---------------------------------------------------------------- */

/* pushes the rotated loadings (labels of arg 1) and the rotation matrix */
static void new_rotation (lua_State *L, cl_matrix *a, cl_matrix **loadings,
                          cl_matrix **rotmat) {
  *loadings = lcl_newmatrix(L, a->rows, a->cols);
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  *rotmat = lcl_newmatrix(L, a->cols, a->cols);
}

/* stats.varimax(A [, {normalize = true, eps = 1e-5}]) */
static int stats_varimax (lua_State *L) {
  cl_matrix *a, *loadings, *rotmat;
  int normalize, iterations;
  double eps;
  cl_error err;
  lua_settop(L, 2);
  a = lcl_tomatrix(L, 1);
  normalize = opt_boolean(L, 2, "normalize", 1);
  eps = opt_number(L, 2, "eps", 1e-5);
  luaL_argcheck(L, eps > 0 && isfinite(eps), 2, "eps must be positive");
  lcl_checkfinite(L, 1, "varimax: loadings");
  new_rotation(L, a, &loadings, &rotmat);
  if (cl_rotation_varimax(a, normalize, eps, loadings, rotmat, &iterations,
                          &err) != CL_OK)
    return lcl_error(L, &err);
  lua_pushinteger(L, iterations);
  return 3;
}

/* stats.promax(A [, {m = 4}]) */
static int stats_promax (lua_State *L) {
  cl_matrix *a, *loadings, *rotmat;
  double m;
  cl_error err;
  lua_settop(L, 2);
  a = lcl_tomatrix(L, 1);
  m = opt_number(L, 2, "m", 4.0);
  luaL_argcheck(L, m >= 1 && isfinite(m), 2, "power m must be >= 1");
  luaL_argcheck(L, a->cols < 2 || a->rows >= a->cols, 1,
                "more factors than variables");
  lcl_checkfinite(L, 1, "promax: loadings");
  new_rotation(L, a, &loadings, &rotmat);
  if (cl_rotation_promax(a, m, loadings, rotmat, &err) != CL_OK)
    return lcl_error(L, &err);
  return 2;
}

static const luaL_Reg functions[] = {
  {"cor", stats_cor},
  {"varimax", stats_varimax},
  {"promax", stats_promax},
  {"cor_max_four", stats_cor_max_four},
  LSTATS_DISTRIBUTIONS
  {NULL, NULL}
};

static const char *const help[][2] = {
  {"_about", "statistics: correlations, varimax and promax rotations, distances "
   "and hierarchical clustering (as R's dist, hclust, cutree), distribution "
   "functions (pnorm, qnorm, pt, pchisq, pf, ...), t-tests and chi-square "
   "tests (as R's t.test, chisq.test), significance stars"},
  {"cor", "stats.cor(X [, Y [, {constant = \"error\"|\"report\"}]]) -- Pearson "
   "correlations of the columns of X (or of X with Y), one BLAS call; a "
   "constant column is an error, or with \"report\" NaN and a second result "
   "{x = {cols}, y = {cols}}"},
  {"cor_max_four", "stats.cor_max_four(Z, sectors) -- for the listed sectors "
   "of the square flow table Z, max(r(col a, col b), r(row a, row b), "
   "r(col a, row b), r(col b, row a)): Feser-Sweeney-Renski's linkage matrix "
   "(shares by positive totals have the same correlations); 4nm^2 flops and "
   "two n x m working copies"},
  {"varimax", "stats.varimax(A [, {normalize = true, eps = 1e-5}]) -> loadings, "
   "rotmat, iterations -- as R's stats::varimax (Kaiser normalisation)"},
  {"promax", "stats.promax(A [, {m = 4}]) -> loadings, rotmat -- as R's "
   "stats::promax (oblique; rotmat not orthogonal)"},
  LSTATS_DISTRIBUTIONS_HELP
};

int luaopen_stats (lua_State *L) {
  size_t k;
  luaL_newlib(L, functions);
  lua_createtable(L, 0, (int)(sizeof help / sizeof help[0]));
  for (k = 0; k < sizeof help / sizeof help[0]; k++) {
    lua_pushstring(L, help[k][1]);
    lua_setfield(L, -2, help[k][0]);
  }
  lua_setfield(L, -2, "_help");
  lstats_open_cluster(L);  /* dist, hclust, cutree and their _help */
  lstats_open_tests(L);    /* ttest, chisq_test, stars */
  return 1;
}
