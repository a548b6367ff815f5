/*
** lmatrix_select.c -- choosing parts of a matrix and joining matrices:
** m:select, m:drop, m:slice, m:row, m:col by 1-based index or label, and
** hcat/vcat; row and column labels follow the numbers.
*/
#include <string.h>

#include "lcl.h"
#include "lmatrix_select.h"

/* fills idx[] with the 0-based indices chosen by the argument at arg:
** nil (all), a number, a label, or an array of numbers and labels */
static size_t *selection (lua_State *L, int arg, int which, size_t *count) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t n = (which == 1) ? m->rows : m->cols, k;
  size_t *idx;
  if (lua_isnoneornil(L, arg)) {
    idx = (size_t *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(size_t), 0);
    for (k = 0; k < n; k++) idx[k] = k;
    *count = n;
  } else if (lua_type(L, arg) == LUA_TTABLE) {
    size_t len = lcl_checklength(L, arg, arg, sizeof(size_t), "the selection");
    idx = (size_t *)lua_newuserdatauv(L, (len ? len : 1) * sizeof(size_t), 0);
    for (k = 0; k < len; k++) {
      lua_geti(L, arg, (lua_Integer)k + 1);
      idx[k] = lcl_checkindex(L, 1, which, lua_gettop(L));
      lua_pop(L, 1);
    }
    *count = len;
  } else {
    idx = (size_t *)lua_newuserdatauv(L, sizeof(size_t), 0);
    idx[0] = lcl_checkindex(L, 1, which, arg);
    *count = 1;
  }
  return idx;
}

/* label array of the selected rows/columns, or nil */
static void select_names (lua_State *L, int which, const size_t *idx, size_t n) {
  size_t k;
  if (lcl_getnames(L, 1, which) != LUA_TTABLE) return;
  lua_createtable(L, (int)n, 0);
  for (k = 0; k < n; k++) {
    lua_geti(L, -2, (lua_Integer)idx[k] + 1);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  lua_remove(L, -2);
}

static int take (lua_State *L, const size_t *ri, size_t nr, const size_t *ci, size_t nc) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_matrix *out = lcl_newmatrix(L, nr, nc);
  int o = lua_gettop(L);
  cl_matrix_take(a, ri, ci, out);
  select_names(L, 1, ri, nr);
  lcl_setnames(L, o, 1);
  select_names(L, 2, ci, nc);
  lcl_setnames(L, o, 2);
  return 1;
}

/* m:select(rows, cols): each nil (all), an index, a label or a list of them */
int lmatrix_select (lua_State *L) {
  size_t nr, nc, *ri, *ci;
  lua_settop(L, 3);
  ri = selection(L, 2, 1, &nr);
  ci = selection(L, 3, 2, &nc);
  return take(L, ri, nr, ci, nc);
}

/* keeps the indices not named by the selection at arg */
static size_t *complement (lua_State *L, int arg, int which, size_t *count) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t n = (which == 1) ? m->rows : m->cols, k, nsel, kept = 0;
  size_t *sel, *keep;
  char *dropped;
  if (lua_isnoneornil(L, arg)) return selection(L, arg, which, count);
  sel = selection(L, arg, which, &nsel);
  dropped = (char *)lua_newuserdatauv(L, n ? n : 1, 0);
  memset(dropped, 0, n);
  for (k = 0; k < nsel; k++) dropped[sel[k]] = 1;
  keep = (size_t *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(size_t), 0);
  for (k = 0; k < n; k++)
    if (!dropped[k]) keep[kept++] = k;
  *count = kept;
  return keep;
}

/* m:drop(rows, cols): everything but the named rows and columns */
int lmatrix_drop (lua_State *L) {
  size_t nr, nc, *ri, *ci;
  lua_settop(L, 3);
  ri = complement(L, 2, 1, &nr);
  ci = complement(L, 3, 2, &nc);
  return take(L, ri, nr, ci, nc);
}

static size_t *range (lua_State *L, int arg, int which, size_t *count) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t n = (which == 1) ? m->rows : m->cols, k, from, to;
  size_t *idx;
  from = lua_isnoneornil(L, arg) ? 0 : lcl_checkindex(L, 1, which, arg);
  to = lua_isnoneornil(L, arg + 1) ? n - 1 : lcl_checkindex(L, 1, which, arg + 1);
  if (n == 0 || to < from) {
    *count = 0;
    return (size_t *)lua_newuserdatauv(L, sizeof(size_t), 0);
  }
  *count = to - from + 1;
  idx = (size_t *)lua_newuserdatauv(L, *count * sizeof(size_t), 0);
  for (k = 0; k < *count; k++) idx[k] = from + k;
  return idx;
}

/* m:slice(r1, r2, c1, c2): an inclusive block; nil bounds mean the edge */
int lmatrix_slice (lua_State *L) {
  size_t nr, nc, *ri, *ci;
  lua_settop(L, 5);
  ri = range(L, 2, 1, &nr);
  ci = range(L, 4, 2, &nc);
  return take(L, ri, nr, ci, nc);
}

int lmatrix_row (lua_State *L) {
  lua_settop(L, 2);
  lua_pushnil(L);
  return lmatrix_select(L);
}

int lmatrix_col (lua_State *L) {
  lua_settop(L, 2);
  lua_pushnil(L);
  lua_insert(L, 2);
  return lmatrix_select(L);
}

/* joins the label arrays of matrices a and b along `which` into out; labels
** survive only when both sides have them */
static void join_names (lua_State *L, int a, int b, int out, int which) {
  int ta = lcl_getnames(L, a, which), tb = lcl_getnames(L, b, which);
  if (ta == LUA_TTABLE && tb == LUA_TTABLE) {
    lua_Integer na = luaL_len(L, -2), nb = luaL_len(L, -1), q;
    lua_createtable(L, (int)(na + nb), 0);
    for (q = 1; q <= na; q++) { lua_geti(L, -3, q); lua_rawseti(L, -2, q); }
    for (q = 1; q <= nb; q++) { lua_geti(L, -2, q); lua_rawseti(L, -2, na + q); }
    lcl_setnames(L, out, which);
  }
  lua_pop(L, 2);
}

static int concat (lua_State *L, int vertical) {
  int k, n = lua_gettop(L);
  luaL_argcheck(L, n >= 1, 1, "matrix expected");
  for (k = 1; k <= n; k++) {
    /* {} has no shape: taken as 0 x 1 it would add a column to 0-row hcats */
    if (!lcl_testmatrix(L, k) && lua_istable(L, k) && luaL_len(L, k) == 0)
      lcl_argerror(L, k, "an empty table has no shape; use matrix.new(r, 0) "
                   "or matrix.new(0, c)");
    lcl_tomatrix(L, k);
  }
  lua_pushvalue(L, 1);
  for (k = 2; k <= n; k++) {
    int acc = lua_gettop(L), out;
    cl_matrix *a = lcl_checkmatrix(L, acc), *b = lcl_checkmatrix(L, k), *c;
    cl_error err;
    int st;
    if (vertical) {
      c = lcl_newmatrix(L, a->rows + b->rows, a->cols);
      st = cl_matrix_vcat(a, b, c, &err);
    } else {
      c = lcl_newmatrix(L, a->rows, a->cols + b->cols);
      st = cl_matrix_hcat(a, b, c, &err);
    }
    if (st != CL_OK)
      return lcl_errorf(L, "bad argument #%d to '%s' (%s)", k,
                        vertical ? "vcat" : "hcat", err.msg);
    out = lua_gettop(L);
    lcl_copynames(L, acc, out, vertical ? LCL_COLNAMES : LCL_ROWNAMES);
    join_names(L, acc, k, out, vertical ? 1 : 2);
    lua_remove(L, acc);
  }
  return 1;
}

int lmatrix_hcat (lua_State *L) { return concat(L, 0); }
int lmatrix_vcat (lua_State *L) { return concat(L, 1); }
