/*
** lcl.c -- the matrix userdata and helpers shared by every binding.
*/
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "lcl.h"
#include "../core/hugepages.h"

cl_matrix *lcl_newmatrix (lua_State *L, size_t r, size_t c) {
  cl_matrix *m;
  if (r > LCL_MAXDIM || c > LCL_MAXDIM
      || (c != 0 && r > (SIZE_MAX - sizeof(cl_matrix)) / sizeof(double) / c))
    lcl_errorf(L, "matrix of %zu x %zu is too large", r, c);
  m = (cl_matrix *)lua_newuserdatauv(L, sizeof(cl_matrix) + r * c * sizeof(double), 2);
  m->rows = r;
  m->cols = c;
  m->data = (double *)(m + 1);
  /* 2 MB pages from 4 MB up, as numpy asks for its arrays: a 4000 x 4000
  ** result is first touched in 64 page faults instead of 32,768 */
  if (r * c >= (4u << 20) / sizeof(double))
    cl_hugepages(m->data, r * c * sizeof(double));
  luaL_setmetatable(L, LCL_MATRIX);
  return m;
}

cl_matrix *lcl_testmatrix (lua_State *L, int arg) {
  return (cl_matrix *)luaL_testudata(L, arg, LCL_MATRIX);
}

cl_matrix *lcl_checkmatrix (lua_State *L, int arg) {
  return (cl_matrix *)luaL_checkudata(L, arg, LCL_MATRIX);
}

static double table_number (lua_State *L, int arg, lua_Integer i, lua_Integer j) {
  int isnum;
  double v = lua_tonumberx(L, -1, &isnum);
  if (!isnum) {
    if (j > 0)
      lcl_argerror(L, arg, "element [%lld][%lld] is %s, not a number", (long long)i, (long long)j, luaL_typename(L, -1));
    else
      lcl_argerror(L, arg, "element [%lld] is %s, not a number", (long long)i, luaL_typename(L, -1));
  }
  return v;
}

cl_matrix *lcl_tomatrix (lua_State *L, int arg) {
  cl_matrix *m = lcl_testmatrix(L, arg);
  lua_Integer i, j, nr, nc;
  if (m != NULL) return m;
  arg = lua_absindex(L, arg);
  if (lua_type(L, arg) != LUA_TTABLE)
    luaL_typeerror(L, arg, "matrix or table");
  nr = (lua_Integer)lcl_checklength(L, arg, arg, sizeof(double), "the table");
  if (nr == 0) {
    m = lcl_newmatrix(L, 0, 1);
  } else if (lua_geti(L, arg, 1) == LUA_TTABLE) {  /* table of rows */
    nc = (lua_Integer)lcl_checklength(L, -1, arg, sizeof(double), "row 1");
    lua_pop(L, 1);
    m = lcl_newmatrix(L, (size_t)nr, (size_t)nc);
    for (i = 1; i <= nr; i++) {
      lua_Integer len;
      if (lua_geti(L, arg, i) != LUA_TTABLE)
        lcl_argerror(L, arg, "row %lld is not a table", (long long)i);
      if ((len = luaL_len(L, -1)) != nc)
        lcl_argerror(L, arg, "row %lld has %lld elements, row 1 has %lld",
                     (long long)i, (long long)len, (long long)nc);
      for (j = 1; j <= nc; j++) {
        lua_geti(L, -1, j);
        CL_AT(m, i - 1, j - 1) = table_number(L, arg, i, j);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
  } else {  /* array of numbers: a column vector */
    lua_pop(L, 1);
    m = lcl_newmatrix(L, (size_t)nr, 1);
    for (i = 1; i <= nr; i++) {
      lua_geti(L, arg, i);
      m->data[i - 1] = table_number(L, arg, i, 0);
      lua_pop(L, 1);
    }
  }
  lua_replace(L, arg);
  return m;
}

cl_matrix *lcl_checksquare (lua_State *L, int arg) {
  cl_matrix *m = lcl_tomatrix(L, arg);
  if (m->rows != m->cols)
    lcl_argerror(L, arg, "square matrix expected, got %zu x %zu", m->rows, m->cols);
  return m;
}

int lcl_getnames (lua_State *L, int idx, int which) {
  int t;
  idx = lua_absindex(L, idx);
  t = lua_getiuservalue(L, idx, which);
  if (t == LUA_TUSERDATA && luaL_getmetafield(L, -1, "__labels") != LUA_TNIL) {
    lua_insert(L, -2);  /* deferred labels: built now, kept from now on */
    lua_call(L, 1, 1);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, idx, which);
    t = lua_type(L, -1);
  }
  return t;
}

void lcl_setnames (lua_State *L, int idx, int which) {
  idx = lua_absindex(L, idx);
  lua_setiuservalue(L, idx, which);
}

void lcl_copynames (lua_State *L, int from, int to, int which) {
  from = lua_absindex(L, from);
  to = lua_absindex(L, to);
  if (which & LCL_ROWNAMES) {
    lcl_getnames(L, from, 1);
    lcl_setnames(L, to, 1);
  }
  if (which & LCL_COLNAMES) {
    lcl_getnames(L, from, 2);
    lcl_setnames(L, to, 2);
  }
}

void lcl_swapnames (lua_State *L, int from, int to) {
  from = lua_absindex(L, from);
  to = lua_absindex(L, to);
  lcl_getnames(L, from, 1);
  lcl_setnames(L, to, 2);
  lcl_getnames(L, from, 2);
  lcl_setnames(L, to, 1);
}

const char *lcl_label (lua_State *L, int idx, int which, size_t k) {
  const char *s = NULL;
  if (lcl_getnames(L, idx, which) == LUA_TTABLE) {
    if (lua_rawgeti(L, -1, (lua_Integer)k + 1) == LUA_TSTRING)
      s = lua_tostring(L, -1);  /* kept alive by the label table */
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return s;
}

void lcl_pushlabels (lua_State *L, int arg, size_t n, const char *what) {
  size_t k, len;
  arg = lua_absindex(L, arg);
  luaL_checktype(L, arg, LUA_TTABLE);
  len = lcl_checklength(L, arg, arg, 1, "the label table");
  if (len != n)
    lcl_argerror(L, arg, "%zu %s labels for %zu %ss", len, what, n, what);
  lua_createtable(L, (int)n, 0);
  for (k = 1; k <= n; k++) {
    lua_geti(L, arg, (lua_Integer)k);
    if (!lua_isstring(L, -1))
      lcl_argerror(L, arg, "%s label %zu is %s, not a string", what, k,
                   luaL_typename(L, -1));
    lua_tostring(L, -1);  /* numbers become strings */
    lua_rawseti(L, -2, (lua_Integer)k);
  }
}

size_t lcl_checklength (lua_State *L, int idx, int arg, size_t elem,
                        const char *what) {
  lua_Integer n = luaL_len(L, idx);
  size_t limit = (size_t)INT_MAX / (elem ? elem : 1);
  if (n < 0 || (lua_Unsigned)n > limit)
    lcl_argerror(L, arg, "%s has length %lld (a length from 0 to %zu "
                 "expected)", what, (long long)n, limit);
  return (size_t)n;
}

const char **lcl_pushstrings (lua_State *L, int idx, size_t n,
                              const char *what) {
  const char **list;
  size_t k;
  idx = lua_absindex(L, idx);
  if (n > (size_t)INT_MAX / sizeof(char *))
    lcl_errorf(L, "%s: %zu strings are too many", what ? what : "list", n);
  list = (const char **)lua_newuserdatauv(L, (n ? n : 1) * sizeof(char *), 1);
  lua_createtable(L, (int)n, 0);  /* the anchor */
  for (k = 0; k < n; k++) {
    list[k] = NULL;
    lua_geti(L, idx, (lua_Integer)k + 1);
    if (lua_isstring(L, -1)) {
      list[k] = lua_tostring(L, -1);
      lua_rawseti(L, -2, (lua_Integer)k + 1);
    } else if (what != NULL) {
      lcl_errorf(L, "%s %zu is %s, not a string", what, k + 1,
                 luaL_typename(L, -1));
    } else lua_pop(L, 1);
  }
  lua_setiuservalue(L, -2, 1);
  return list;
}

size_t lcl_checkindex (lua_State *L, int idx, int which, int arg) {
  cl_matrix *m = lcl_checkmatrix(L, idx);
  size_t n = (which == 1) ? m->rows : m->cols;
  const char *what = (which == 1) ? "row" : "column";
  if (lua_type(L, arg) == LUA_TSTRING) {
    const char *name = lua_tostring(L, arg);
    size_t k;
    if (lcl_getnames(L, idx, which) != LUA_TTABLE)
      lcl_argerror(L, arg, "%s label '%s' given, but the matrix has no %s labels", what, name, what);
    for (k = 0; k < n; k++) {
      lua_geti(L, -1, (lua_Integer)k + 1);
      if (lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), name) == 0) {
        lua_pop(L, 2);
        return k;
      }
      lua_pop(L, 1);
    }
    return (size_t)lcl_argerror(L, arg, "no %s labelled '%s'", what, name);
  } else {
    lua_Integer i = luaL_checkinteger(L, arg);
    if (i < 1 || (lua_Unsigned)i > n)
      lcl_argerror(L, arg, "%s index %lld out of range 1..%zu", what,
                   (long long)i, n);
    return (size_t)(i - 1);
  }
}

int lcl_errorf (lua_State *L, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  luaL_where(L, 1);
  lua_pushstring(L, msg);
  lua_concat(L, 2);
  return lua_error(L);
}

int lcl_argerror (lua_State *L, int arg, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return luaL_argerror(L, arg, msg);
}

void lcl_sethelp (lua_State *L, const char *const help[][2], size_t n) {
  size_t k;
  if (lua_getfield(L, -1, "_help") != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_createtable(L, 0, (int)n);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "_help");
  }
  for (k = 0; k < n; k++) {
    lua_pushstring(L, help[k][1]);
    lua_setfield(L, -2, help[k][0]);
  }
  lua_pop(L, 1);
}

int lcl_error (lua_State *L, const cl_error *err) {
  return lcl_errorf(L, "%s", err->msg);
}

void lcl_checkfinite (lua_State *L, int idx, const char *what) {
  cl_matrix *m = lcl_checkmatrix(L, idx);
  size_t k = cl_matrix_first_nonfinite(m);
  if (k < cl_matrix_size(m)) {
    size_t i = k % m->rows, j = k / m->rows;
    const char *rl = lcl_label(L, idx, 1, i), *cl = lcl_label(L, idx, 2, j);
    lcl_errorf(L, "%s: element [%zu, %zu]%s%s%s%s%s is %s, not a finite number",
               what, i + 1, j + 1, rl || cl ? " (" : "",
               rl ? rl : "", rl && cl ? ", " : "", cl ? cl : "",
               rl || cl ? ")" : "", isnan(m->data[k]) ? "nan" : m->data[k] > 0 ? "inf" : "-inf");  /* never "-nan" */
  }
}
