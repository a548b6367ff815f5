/*
** lstats_tests.c -- stats.ttest, stats.chisq_test and stats.stars: R's
** t.test and chisq.test (core/htest.c) and the stars economists print next
** to coefficients. Conversions, argument checks and messages only.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "lstats_tests.h"
#include "../core/htest.h"

/* opts.<name> as a number (def when absent) */
static double opt_number (lua_State *L, int opts, const char *name,
                          double def) {
  double v = def;
  if (lua_getfield(L, opts, name) != LUA_TNIL) {
    if (!lua_isnumber(L, -1))
      lcl_errorf(L, "option '%s' must be a number, got %s", name,
                 luaL_typename(L, -1));
    v = lua_tonumber(L, -1);
  }
  lua_pop(L, 1);
  return v;
}

static int opt_boolean (lua_State *L, int opts, const char *name, int def) {
  int v = def;
  if (lua_getfield(L, opts, name) != LUA_TNIL) {
    if (!lua_isboolean(L, -1))
      lcl_errorf(L, "option '%s' must be true or false, got %s", name,
                 luaL_typename(L, -1));
    v = lua_toboolean(L, -1);
  }
  lua_pop(L, 1);
  return v;
}

/* an options table at arg (an empty one pushed in its place when absent) */
static void check_options (lua_State *L, int arg) {
  if (lua_isnoneornil(L, arg)) {
    lua_newtable(L);
    lua_replace(L, arg);
  }
  luaL_checktype(L, arg, LUA_TTABLE);
}

/* the vector (Lua array or n x 1 / 1 x n matrix) at arg */
static cl_matrix *check_vector (lua_State *L, int arg, const char *name) {
  cl_matrix *m = lcl_tomatrix(L, arg);
  if (m->rows != 1 && m->cols != 1)
    lcl_argerror(L, arg, "%s must be a vector, got a %zu x %zu matrix", name,
                 m->rows, m->cols);
  return m;
}

static void set_pair (lua_State *L, const char *field, double a, double b) {
  lua_createtable(L, 2, 0);
  lua_pushnumber(L, a);
  lua_rawseti(L, -2, 1);
  lua_pushnumber(L, b);
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -2, field);
}

static void set_number (lua_State *L, const char *field, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, field);
}

/* stats.ttest(x [, y] [, {var_equal = false, mu = 0, conf_level = 0.95}]) */
static int stats_ttest (lua_State *L) {
  cl_matrix *x, *y = NULL;
  cl_ttest r;
  cl_error err;
  int var_equal;
  double mu, level;
  lua_settop(L, 3);
  x = check_vector(L, 1, "x");
  if (!lua_isnil(L, 2)) y = check_vector(L, 2, "y");
  check_options(L, 3);
  var_equal = opt_boolean(L, 3, "var_equal", 0);
  mu = opt_number(L, 3, "mu", 0.0);
  level = opt_number(L, 3, "conf_level", 0.95);
  if (cl_htest_ttest(x->data, cl_matrix_size(x), y ? y->data : NULL,
                     y ? cl_matrix_size(y) : 0, var_equal, mu, level, &r,
                     &err) != CL_OK)
    return lcl_errorf(L, "ttest: %s", err.msg);
  lua_createtable(L, 0, 10);
  set_number(L, "statistic", r.statistic);
  set_number(L, "df", r.df);
  set_number(L, "p", r.p);
  set_number(L, "stderr", r.stderr_diff);
  set_number(L, "conf_level", level);
  set_pair(L, "conf_int", r.conf_int[0], r.conf_int[1]);
  if (y != NULL) {
    set_pair(L, "estimate", r.estimate[0], r.estimate[1]);
    set_pair(L, "n", (double)r.n[0], (double)r.n[1]);
  } else {
    lua_createtable(L, 1, 0);
    lua_pushnumber(L, r.estimate[0]);
    lua_rawseti(L, -2, 1);
    lua_setfield(L, -2, "estimate");
    lua_createtable(L, 1, 0);
    lua_pushinteger(L, (lua_Integer)r.n[0]);
    lua_rawseti(L, -2, 1);
    lua_setfield(L, -2, "n");
  }
  lua_pushstring(L, y == NULL ? "One Sample t-test" : var_equal
                 ? "Two Sample t-test" : "Welch Two Sample t-test");
  lua_setfield(L, -2, "method");
  return 1;
}

/* Category codes of the vector at arg: codes[i] is the 0-based level of
** element i, or -1 when it is missing (NaN). Elements are numbers or
** strings; levels are kept in the table at index `levels` (value -> code).
** Returns the number of elements; *nlevels is updated. */
size_t lstats_category_codes (lua_State *L, int arg, const char *name,
                              int levels, int **codes, size_t *nlevels) {
  cl_matrix *m = lcl_testmatrix(L, arg);
  size_t n, i;
  if (m != NULL) {
    if (m->rows != 1 && m->cols != 1)
      lcl_argerror(L, arg, "%s must be a vector, got a %zu x %zu matrix", name,
                   m->rows, m->cols);
    n = cl_matrix_size(m);
  } else {
    luaL_checktype(L, arg, LUA_TTABLE);
    n = (size_t)lua_rawlen(L, arg);
  }
  *codes = (int *)lua_newuserdatauv(L, (n + 1) * sizeof(int), 0);
  for (i = 0; i < n; i++) {
    if (m != NULL) lua_pushnumber(L, m->data[i]);
    else lua_rawgeti(L, arg, (lua_Integer)i + 1);
    if (lua_type(L, -1) == LUA_TNUMBER && isnan(lua_tonumber(L, -1))) {
      (*codes)[i] = -1;
    } else if (lua_type(L, -1) == LUA_TNUMBER ||
               lua_type(L, -1) == LUA_TSTRING) {
      lua_pushvalue(L, -1);
      if (lua_rawget(L, levels) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushinteger(L, (lua_Integer)*nlevels);
        lua_rawset(L, levels);
        (*codes)[i] = (int)(*nlevels)++;
      } else {
        (*codes)[i] = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
      }
    } else {
      lcl_argerror(L, arg, "%s[%zu] is %s: categories are numbers or strings "
                   "(NaN for missing)", name, i + 1, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
  }
  return n;
}

/* stats.chisq_test(x, y [, {correct = true}]) or stats.chisq_test(T [, opts]) */
static int stats_chisq_test (lua_State *L) {
  cl_matrix *t = lcl_testmatrix(L, 1);
  cl_chisq r;
  cl_error err;
  double *counts;
  size_t nr, nc, dropped = 0;
  int correct, opts;
  if (t != NULL && t->rows > 1 && t->cols > 1) {  /* a table of counts */
    lua_settop(L, 2);
    opts = 2;
    check_options(L, opts);
    correct = opt_boolean(L, opts, "correct", 1);
    nr = t->rows;
    nc = t->cols;
    counts = t->data;
  } else {
    int *cx, *cy;
    size_t n, ny, i;
    lua_settop(L, 3);
    opts = 3;
    check_options(L, opts);
    correct = opt_boolean(L, opts, "correct", 1);
    if (lua_isnil(L, 2))
      lcl_argerror(L, 2, "y (the groups) missing: chisq_test(x, y) or "
                   "chisq_test(table)");
    lua_newtable(L);                                  /* 4: x's levels */
    lua_newtable(L);                                  /* 5: y's levels */
    nr = nc = 0;
    n = lstats_category_codes(L, 1, "x", 4, &cx, &nr);
    ny = lstats_category_codes(L, 2, "y", 5, &cy, &nc);
    if (n != ny)
      lcl_errorf(L, "chisq_test: x has %zu elements but y has %zu", n, ny);
    counts = (double *)lua_newuserdatauv(L, (nr * nc + 1) * sizeof(double), 0);
    memset(counts, 0, (nr * nc + 1) * sizeof(double));
    for (i = 0; i < n; i++) {
      if (cx[i] < 0 || cy[i] < 0) dropped++;
      else counts[(size_t)cy[i] * nr + (size_t)cx[i]] += 1;
    }
    if (nr < 2 || nc < 2)
      lcl_errorf(L, "chisq_test: %s takes only %zu value%s among the complete "
                 "pairs: a test needs at least 2 on each side", nr < 2 ? "x"
                 : "y", nr < 2 ? nr : nc, (nr < 2 ? nr : nc) == 1 ? "" : "s");
  }
  if (cl_htest_chisq(counts, nr, nc, correct, &r, &err) != CL_OK)
    return lcl_errorf(L, "chisq_test: %s", err.msg);
  lua_createtable(L, 0, 7);
  set_number(L, "statistic", r.statistic);
  set_number(L, "df", r.df);
  set_number(L, "p", r.p);
  set_number(L, "min_expected", r.min_expected);
  lua_pushboolean(L, r.corrected);
  lua_setfield(L, -2, "corrected");
  lua_pushinteger(L, (lua_Integer)dropped);
  lua_setfield(L, -2, "dropped");
  lua_pushstring(L, r.corrected ? "Pearson's Chi-squared test with Yates' "
                 "continuity correction" : "Pearson's Chi-squared test");
  lua_setfield(L, -2, "method");
  if (r.min_expected < 5) {
    lua_pushstring(L, "Chi-squared approximation may be incorrect (an "
                   "expected count is below 5)");
    lua_setfield(L, -2, "warning");
  }
  return 1;
}

/* stats.stars(p [, cutoffs = {0.1, 0.05, 0.01}]): one star per cutoff
** that p is below */
static int stats_stars (lua_State *L) {
  static const double def[] = {0.1, 0.05, 0.01};
  double p = luaL_checknumber(L, 1);
  int k, n, stars = 0;
  if (!(p >= 0 && p <= 1)) lcl_argerror(L, 1, "p = %g is not a probability", p);
  if (lua_isnoneornil(L, 2)) {
    for (k = 0; k < 3; k++) stars += p < def[k];
  } else {
    luaL_checktype(L, 2, LUA_TTABLE);
    n = (int)lua_rawlen(L, 2);
    for (k = 1; k <= n; k++) {
      double c;
      lua_rawgeti(L, 2, k);
      c = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : NAN;
      if (!(c > 0 && c <= 1))
        lcl_argerror(L, 2, "cutoff %d must be a number in (0, 1]", k);
      stars += p < c;
      lua_pop(L, 1);
    }
  }
  lua_pushlstring(L, "**********", (size_t)(stars < 10 ? stars : 10));
  return 1;
}

static const luaL_Reg functions[] = {
  {"ttest", stats_ttest},
  {"chisq_test", stats_chisq_test},
  {"stars", stats_stars},
  {NULL, NULL}
};

static const char *const help[][2] = {
  {"ttest", "stats.ttest(x [, y] [, {var_equal = false, mu = 0, conf_level = "
   "0.95}]) -> {statistic=, df=, p=, estimate= {mean x, mean y}, conf_int=, "
   "stderr=, n=, method=} -- two-sided t-test as R's t.test: Welch by "
   "default, pooled variance with var_equal, one sample without y; NaN "
   "(missing) values are dropped as R drops NA, Inf is an error"},
  {"chisq_test", "stats.chisq_test(x, y [, {correct = true}]) -> {statistic=, "
   "df=, p=, corrected=, min_expected=, dropped=, method= [, warning=]} -- "
   "Pearson's test of independence of two categorical vectors (numbers or "
   "strings; pairs with a NaN dropped), or of a table of counts "
   "chisq_test(T); as R's chisq.test, Yates' continuity correction on 2 x 2 "
   "tables unless correct = false"},
  {"stars", "stats.stars(p [, cutoffs = {0.1, 0.05, 0.01}]) -> \"\", \"*\", "
   "\"**\" or \"***\": one star per cutoff p is below (economists' 10/5/1%)"},
};

void lstats_open_tests (lua_State *L) {
  luaL_setfuncs(L, functions, 0);
  lcl_sethelp(L, help, LCL_NHELP(help));
}
