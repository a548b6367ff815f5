/*
** lmatrix.c -- the `matrix` module: labelled dense matrices of doubles.
** Storage and kernels are in core/matrix.c; this file checks arguments,
** carries row and column labels along (like R's dimnames) and raises errors.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "lmatrix_format.h"
#include "lmatrix_select.h"

static const char *const axis_names[] = {"all", "row", "col", NULL};

static cl_axis check_axis (lua_State *L, int arg) {
  return (cl_axis)luaL_checkoption(L, arg, "all", axis_names);
}

/* a dimension: a whole number from 0 to LCL_MAXDIM */
static size_t check_size (lua_State *L, int arg, const char *what) {
  lua_Integer n = luaL_checkinteger(L, arg);
  if (n < 0 || n > LCL_MAXDIM)
    lcl_argerror(L, arg, "%s must be from 0 to %d, got %lld", what, LCL_MAXDIM,
                 (long long)n);
  return (size_t)n;
}

static size_t opt_size (lua_State *L, int arg, size_t def, const char *what) {
  return lua_isnoneornil(L, arg) ? def : check_size(L, arg, what);
}

/* ---------------------------------------------------------------- */
/* constructors                                                      */
/* ---------------------------------------------------------------- */

static int matrix_new (lua_State *L) {
  size_t r = check_size(L, 1, "the number of rows");
  size_t c = check_size(L, 2, "the number of columns");
  double fill = luaL_optnumber(L, 3, 0.0);
  cl_matrix_fill(lcl_newmatrix(L, r, c), fill);
  return 1;
}

/* the labels at arg (nil: none) become a private copy in matrix m */
static void set_label_arg (lua_State *L, int m, int arg, int which, size_t n,
                           const char *what) {
  m = lua_absindex(L, m);
  if (lua_isnoneornil(L, arg)) return;
  lcl_pushlabels(L, arg, n, what);
  lcl_setnames(L, m, which);
}

/* matrix.from(rows [, rownames [, colnames]]) */
static int matrix_from (lua_State *L) {
  cl_matrix *src;
  lua_settop(L, 3);
  src = lcl_tomatrix(L, 1);
  cl_matrix *m = lcl_newmatrix(L, src->rows, src->cols);
  cl_matrix_copy(src, m);
  if (lcl_testmatrix(L, 1) && lua_isnoneornil(L, 2))
    lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  set_label_arg(L, -1, 2, 1, m->rows, "row");
  set_label_arg(L, -1, 3, 2, m->cols, "column");
  return 1;
}

/* matrix.col{...}: column vector; matrix.row{...}: row vector */
static int make_vector (lua_State *L, int as_row) {
  cl_matrix *v, *m;
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  v = lcl_tomatrix(L, 1);
  luaL_argcheck(L, v->cols == 1, 1, "array of numbers expected");
  m = as_row ? lcl_newmatrix(L, 1, v->rows) : lcl_newmatrix(L, v->rows, 1);
  cl_matrix_copy(v, m);
  set_label_arg(L, -1, 2, as_row ? 2 : 1, v->rows, as_row ? "column" : "row");
  return 1;
}

static int matrix_col (lua_State *L) { return make_vector(L, 0); }
static int matrix_row (lua_State *L) { return make_vector(L, 1); }

static int matrix_eye (lua_State *L) {
  size_t n = check_size(L, 1, "the size");
  cl_matrix_identity(lcl_newmatrix(L, n, n));
  return 1;
}

static int matrix_zeros (lua_State *L) {
  size_t r = check_size(L, 1, "the number of rows");
  size_t c = opt_size(L, 2, r, "the number of columns");
  cl_matrix_fill(lcl_newmatrix(L, r, c), 0.0);
  return 1;
}

static int matrix_ones (lua_State *L) {
  size_t r = check_size(L, 1, "the number of rows");
  size_t c = opt_size(L, 2, 1, "the number of columns");
  cl_matrix_fill(lcl_newmatrix(L, r, c), 1.0);
  return 1;
}

/* diag(vector) builds a diagonal matrix; diag(matrix) extracts the diagonal */
static int matrix_diag (lua_State *L) {
  cl_matrix *a = lcl_tomatrix(L, 1), *d;
  size_t i;
  if (a->rows == 1 || a->cols == 1) {
    size_t n = cl_matrix_size(a);
    int which = (a->cols == 1) ? 1 : 2;
    d = lcl_newmatrix(L, n, n);
    cl_matrix_fill(d, 0.0);
    for (i = 0; i < n; i++) CL_AT(d, i, i) = a->data[i];
    lcl_getnames(L, 1, which);
    lua_pushvalue(L, -1);
    lcl_setnames(L, -3, 1);
    lcl_setnames(L, -2, 2);
  } else {
    size_t n = a->rows < a->cols ? a->rows : a->cols;
    d = lcl_newmatrix(L, n, 1);
    for (i = 0; i < n; i++) d->data[i] = CL_AT(a, i, i);
    if (a->rows == n) lcl_copynames(L, 1, -1, LCL_ROWNAMES);
  }
  return 1;
}

/* ---------------------------------------------------------------- */
/* shape, access, labels                                             */
/* ---------------------------------------------------------------- */

static int m_rows (lua_State *L) {
  lua_pushinteger(L, (lua_Integer)lcl_checkmatrix(L, 1)->rows);
  return 1;
}

static int m_cols (lua_State *L) {
  lua_pushinteger(L, (lua_Integer)lcl_checkmatrix(L, 1)->cols);
  return 1;
}

static int m_shape (lua_State *L) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  lua_pushinteger(L, (lua_Integer)m->rows);
  lua_pushinteger(L, (lua_Integer)m->cols);
  return 2;
}

/* vectors accept a single index: v:get(i) */
static void vector_index (lua_State *L, cl_matrix *m, int arg, size_t *i, size_t *j) {
  if (m->cols == 1) { *i = lcl_checkindex(L, 1, 1, arg); *j = 0; }
  else if (m->rows == 1) { *i = 0; *j = lcl_checkindex(L, 1, 2, arg); }
  else lcl_argerror(L, arg, "a %zu x %zu matrix needs a row and a column index", m->rows, m->cols);
}

static int m_get (lua_State *L) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t i, j;
  if (lua_isnoneornil(L, 3)) vector_index(L, m, 2, &i, &j);
  else { i = lcl_checkindex(L, 1, 1, 2); j = lcl_checkindex(L, 1, 2, 3); }
  lua_pushnumber(L, CL_AT(m, i, j));
  return 1;
}

static int m_set (lua_State *L) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t i, j;
  if (lua_gettop(L) == 3) {
    vector_index(L, m, 2, &i, &j);
    CL_AT(m, i, j) = luaL_checknumber(L, 3);
  } else {
    i = lcl_checkindex(L, 1, 1, 2);
    j = lcl_checkindex(L, 1, 2, 3);
    CL_AT(m, i, j) = luaL_checknumber(L, 4);
  }
  lua_settop(L, 1);
  return 1;
}

static int m_copy (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_matrix_copy(a, lcl_newmatrix(L, a->rows, a->cols));
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

static int m_t (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_matrix_transpose(a, lcl_newmatrix(L, a->cols, a->rows), NULL);
  lcl_swapnames(L, 1, -1);
  return 1;
}

static int m_totable (lua_State *L) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t i, j;
  lua_createtable(L, (int)m->rows, 0);
  for (i = 0; i < m->rows; i++) {
    lua_createtable(L, (int)m->cols, 0);
    for (j = 0; j < m->cols; j++) {
      lua_pushnumber(L, CL_AT(m, i, j));
      lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* the elements in column-major order as a flat Lua array */
static int m_list (lua_State *L) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t k, n = cl_matrix_size(m);
  lua_createtable(L, (int)n, 0);
  for (k = 0; k < n; k++) {
    lua_pushnumber(L, m->data[k]);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

static int push_names (lua_State *L, int which) {
  lcl_checkmatrix(L, 1);
  if (lcl_getnames(L, 1, which) == LUA_TTABLE) {  /* return a copy */
    lua_Integer k, n = luaL_len(L, -1);
    lua_createtable(L, (int)n, 0);
    for (k = 1; k <= n; k++) {
      lua_geti(L, -2, k);
      lua_rawseti(L, -2, k);
    }
  }
  return 1;
}

static int m_rownames (lua_State *L) { return push_names(L, 1); }
static int m_colnames (lua_State *L) { return push_names(L, 2); }

/* stores a copy of the label array at arg; false clears, nil keeps */
static void store_names (lua_State *L, int arg, int which) {
  cl_matrix *m = lcl_checkmatrix(L, 1);
  size_t n = (which == 1) ? m->rows : m->cols;
  const char *what = (which == 1) ? "row" : "column";
  if (lua_isnone(L, arg) || lua_isnil(L, arg)) return;
  if (lua_isboolean(L, arg) && !lua_toboolean(L, arg)) {
    lua_pushnil(L);
    lcl_setnames(L, 1, which);
    return;
  }
  lcl_pushlabels(L, arg, n, what);
  lcl_setnames(L, 1, which);
}

static int m_setnames (lua_State *L) {
  store_names(L, 2, 1);
  store_names(L, 3, 2);
  lua_settop(L, 1);
  return 1;
}

static int m_setrownames (lua_State *L) {
  store_names(L, 2, 1);
  lua_settop(L, 1);
  return 1;
}

static int m_setcolnames (lua_State *L) {
  lua_settop(L, 2);
  store_names(L, 2, 2);
  lua_settop(L, 1);
  return 1;
}

/* ---------------------------------------------------------------- */
/* arithmetic                                                        */
/* ---------------------------------------------------------------- */

static int elementwise (lua_State *L, cl_elementwise op, const char *name) {
  cl_error err;
  if (lua_isnumber(L, 1) && !lcl_testmatrix(L, 1)) {
    double s = lua_tonumber(L, 1);
    cl_matrix *b = lcl_tomatrix(L, 2);
    cl_matrix_scalar(op, b, s, 1, lcl_newmatrix(L, b->rows, b->cols));
    lcl_copynames(L, 2, -1, LCL_BOTHNAMES);
  } else if (lua_isnumber(L, 2) && !lcl_testmatrix(L, 2)) {
    cl_matrix *a = lcl_tomatrix(L, 1);
    double s = lua_tonumber(L, 2);
    cl_matrix_scalar(op, a, s, 0, lcl_newmatrix(L, a->rows, a->cols));
    lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  } else {
    cl_matrix *a = lcl_tomatrix(L, 1), *b = lcl_tomatrix(L, 2);
    cl_matrix *c = lcl_newmatrix(L, a->rows, a->cols);
    if (cl_matrix_elementwise(op, a, b, c, &err) != CL_OK)
      lcl_errorf(L, "%s: dimension mismatch (%zu x %zu and %zu x %zu)", name,
                 a->rows, a->cols, b->rows, b->cols);
    lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  }
  return 1;
}

static int m_add (lua_State *L) { return elementwise(L, CL_EW_ADD, "+"); }
static int m_sub (lua_State *L) { return elementwise(L, CL_EW_SUB, "-"); }
static int m_emul (lua_State *L) { return elementwise(L, CL_EW_MUL, "emul"); }
static int m_ediv (lua_State *L) { return elementwise(L, CL_EW_DIV, "ediv"); }

static int m_mul (lua_State *L) {
  cl_matrix *a, *b;
  cl_error err;
  if ((lua_isnumber(L, 1) && !lcl_testmatrix(L, 1)) ||
      (lua_isnumber(L, 2) && !lcl_testmatrix(L, 2)))
    return elementwise(L, CL_EW_MUL, "*");
  a = lcl_tomatrix(L, 1);
  b = lcl_tomatrix(L, 2);
  if (a->cols != b->rows)
    return lcl_errorf(L, "matrix product: dimension mismatch (%zu x %zu * "
                      "%zu x %zu)", a->rows, a->cols, b->rows, b->cols);
  if (cl_matrix_mul(a, b, lcl_newmatrix(L, a->rows, b->cols), &err) != CL_OK)
    return lcl_error(L, &err);
  lcl_copynames(L, 1, -1, LCL_ROWNAMES);
  lcl_copynames(L, 2, -1, LCL_COLNAMES);
  return 1;
}

/* m:crossprod(b): t(m) * b without forming t(m); rows named by m's columns */
static int m_crossprod (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *b = lcl_tomatrix(L, 2);
  cl_error err;
  if (a->rows != b->rows)
    return lcl_errorf(L, "crossprod: dimension mismatch (t(%zu x %zu) * "
                      "%zu x %zu)", a->rows, a->cols, b->rows, b->cols);
  if (cl_matrix_crossprod(a, b, lcl_newmatrix(L, a->cols, b->cols), &err)
      != CL_OK)
    return lcl_error(L, &err);
  lcl_getnames(L, 1, LCL_COLNAMES);
  lcl_setnames(L, -2, LCL_ROWNAMES);
  lcl_copynames(L, 2, -1, LCL_COLNAMES);
  return 1;
}

static int m_div (lua_State *L) {
  if (!(lua_isnumber(L, 2) && !lcl_testmatrix(L, 2)) &&
      !(lua_isnumber(L, 1) && !lcl_testmatrix(L, 1)))
    return lcl_errorf(L, "'/' divides a matrix by a number; use m:ediv(n) "
                      "elementwise or linalg.solve(A, B) for A^-1 B");
  return elementwise(L, CL_EW_DIV, "/");
}

static int m_unm (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_matrix_scalar(CL_EW_MUL, a, -1.0, 0, lcl_newmatrix(L, a->rows, a->cols));
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

static int m_eq (lua_State *L) {
  cl_matrix *a = lcl_testmatrix(L, 1), *b = lcl_testmatrix(L, 2);
  int eq = a && b && a->rows == b->rows && a->cols == b->cols;
  size_t k;
  for (k = 0; eq && k < cl_matrix_size(a); k++)
    eq = a->data[k] == b->data[k];
  lua_pushboolean(L, eq);
  return 1;
}

static int m_len (lua_State *L) {
  lua_pushinteger(L, (lua_Integer)cl_matrix_size(lcl_checkmatrix(L, 1)));
  return 1;
}

/* m:mulrows(v), m:divrows(v): row i scaled by v[i] (diag(v) * m);
** m:mulcols(v), m:divcols(v): column j scaled by v[j] (m * diag(v)) */
static int scale (lua_State *L, int by_row, int divide) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *v = lcl_tomatrix(L, 2), *c;
  size_t i, j, n = by_row ? a->rows : a->cols;
  if (cl_matrix_size(v) != n || (v->rows != 1 && v->cols != 1))
    return lcl_argerror(L, 2, "a vector of %zu elements expected, got %zu x %zu",
                        n, v->rows, v->cols);
  c = lcl_newmatrix(L, a->rows, a->cols);
  for (j = 0; j < a->cols; j++)
    for (i = 0; i < a->rows; i++) {
      double s = v->data[by_row ? i : j];
      CL_AT(c, i, j) = divide ? CL_AT(a, i, j) / s : CL_AT(a, i, j) * s;
    }
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

static int m_mulrows (lua_State *L) { return scale(L, 1, 0); }
static int m_divrows (lua_State *L) { return scale(L, 1, 1); }
static int m_mulcols (lua_State *L) { return scale(L, 0, 0); }
static int m_divcols (lua_State *L) { return scale(L, 0, 1); }

/* ---------------------------------------------------------------- */
/* reductions                                                        */
/* ---------------------------------------------------------------- */

static int reduce (lua_State *L, cl_reduction red, cl_axis axis) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *out;
  cl_error err;
  if (axis == CL_BY_ALL) {
    cl_matrix one;
    double v;
    if (cl_matrix_size(a) == 0 && red != CL_RED_SUM)
      return lcl_errorf(L, "the matrix is empty");
    one.rows = one.cols = 1;
    one.data = &v;
    cl_matrix_reduce(red, axis, a, &one, &err);
    lua_pushnumber(L, v);
    return 1;
  }
  out = (axis == CL_BY_ROW) ? lcl_newmatrix(L, a->rows, 1)
                            : lcl_newmatrix(L, 1, a->cols);
  cl_matrix_reduce(red, axis, a, out, &err);
  lcl_copynames(L, 1, -1, axis == CL_BY_ROW ? LCL_ROWNAMES : LCL_COLNAMES);
  return 1;
}

/* m:margins() -> sum, colsums (1 x c), rowsums (r x 1), column sds (1 x c),
** row sds (r x 1): cl_matrix_margins, two passes for seven reductions */
static int m_margins (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *cs, *rs, *csd, *rsd;
  double total, *ss;
  ss = (double *)lua_newuserdatauv(L, (a->rows ? a->rows : 1) * sizeof(double),
                                   0);
  cs = lcl_newmatrix(L, 1, a->cols);
  lcl_copynames(L, 1, -1, LCL_COLNAMES);
  rs = lcl_newmatrix(L, a->rows, 1);
  lcl_copynames(L, 1, -1, LCL_ROWNAMES);
  csd = lcl_newmatrix(L, 1, a->cols);
  lcl_copynames(L, 1, -1, LCL_COLNAMES);
  rsd = lcl_newmatrix(L, a->rows, 1);
  lcl_copynames(L, 1, -1, LCL_ROWNAMES);
  cl_matrix_margins(a, &total, cs->data, rs->data, csd->data, rsd->data, ss);
  lua_pushnumber(L, total);
  lua_replace(L, -6);  /* the workspace's slot */
  return 5;
}

static int m_sum (lua_State *L) { return reduce(L, CL_RED_SUM, check_axis(L, 2)); }
static int m_mean (lua_State *L) { return reduce(L, CL_RED_MEAN, check_axis(L, 2)); }
static int m_min (lua_State *L) { return reduce(L, CL_RED_MIN, check_axis(L, 2)); }
static int m_max (lua_State *L) { return reduce(L, CL_RED_MAX, check_axis(L, 2)); }
static int m_rowsums (lua_State *L) { return reduce(L, CL_RED_SUM, CL_BY_ROW); }
static int m_colsums (lua_State *L) { return reduce(L, CL_RED_SUM, CL_BY_COL); }

static int m_sd (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_axis axis = check_axis(L, 2);
  size_t n = axis == CL_BY_ALL ? cl_matrix_size(a)
           : axis == CL_BY_ROW ? a->cols : a->rows;
  if (n < 2)
    return lcl_errorf(L, "sd needs at least 2 values (divisor n - 1), got %zu",
                      n);
  return reduce(L, CL_RED_SD, axis);
}

/* ---------------------------------------------------------------- */
/* elementwise functions and comparisons                             */
/* ---------------------------------------------------------------- */

static int apply (lua_State *L, double (*f)(double), const char *name,
                  int positive) {
  cl_matrix *a = lcl_checkmatrix(L, 1);
  cl_matrix *c = lcl_newmatrix(L, a->rows, a->cols);
  size_t k, n = cl_matrix_size(a);
  for (k = 0; k < n; k++) {
    double x = a->data[k];
    if ((positive == 1 && !(x > 0)) || (positive == 2 && !(x >= 0)))
      return lcl_errorf(L, "%s of %g at [%zu, %zu]: the argument must be %s",
                        name, x, k % a->rows + 1, k / a->rows + 1,
                        positive == 1 ? "positive" : "non-negative");
    c->data[k] = f(x);
  }
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

static int m_log (lua_State *L) { return apply(L, log, "log", 1); }
static int m_exp (lua_State *L) { return apply(L, exp, "exp", 0); }
static int m_sqrt (lua_State *L) { return apply(L, sqrt, "sqrt", 2); }
static int m_abs (lua_State *L) { return apply(L, fabs, "abs", 0); }

/* m:map(f): f(x, i, j) for every element */
static int m_map (lua_State *L) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *c;
  size_t i, j;
  luaL_checktype(L, 2, LUA_TFUNCTION);
  c = lcl_newmatrix(L, a->rows, a->cols);
  for (j = 0; j < a->cols; j++)
    for (i = 0; i < a->rows; i++) {
      int isnum;
      lua_pushvalue(L, 2);
      lua_pushnumber(L, CL_AT(a, i, j));
      lua_pushinteger(L, (lua_Integer)i + 1);
      lua_pushinteger(L, (lua_Integer)j + 1);
      lua_call(L, 3, 1);
      CL_AT(c, i, j) = lua_tonumberx(L, -1, &isnum);
      if (!isnum)
        return lcl_errorf(L, "map: the function returned %s for [%zu, %zu], "
                          "not a number", luaL_typename(L, -1), i + 1, j + 1);
      lua_pop(L, 1);
    }
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

typedef enum { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ, CMP_NE } cmp_op;

static int compare (lua_State *L, cmp_op op) {
  cl_matrix *a = lcl_checkmatrix(L, 1), *b = NULL, *c;
  double s = 0;
  size_t k, n = cl_matrix_size(a);
  if (lua_isnumber(L, 2) && !lcl_testmatrix(L, 2)) s = lua_tonumber(L, 2);
  else {
    b = lcl_tomatrix(L, 2);
    if (b->rows != a->rows || b->cols != a->cols)
      return lcl_errorf(L, "comparison: dimension mismatch (%zu x %zu and "
                        "%zu x %zu)", a->rows, a->cols, b->rows, b->cols);
  }
  c = lcl_newmatrix(L, a->rows, a->cols);
  for (k = 0; k < n; k++) {
    double x = a->data[k], y = b ? b->data[k] : s;
    int r;
    switch (op) {
      case CMP_LT: r = x < y; break;
      case CMP_LE: r = x <= y; break;
      case CMP_GT: r = x > y; break;
      case CMP_GE: r = x >= y; break;
      case CMP_EQ: r = x == y; break;
      default: r = x != y; break;
    }
    c->data[k] = r;
  }
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

static int m_lt (lua_State *L) { return compare(L, CMP_LT); }
static int m_le (lua_State *L) { return compare(L, CMP_LE); }
static int m_gt (lua_State *L) { return compare(L, CMP_GT); }
static int m_ge (lua_State *L) { return compare(L, CMP_GE); }
static int m_equal (lua_State *L) { return compare(L, CMP_EQ); }
static int m_notequal (lua_State *L) { return compare(L, CMP_NE); }

static int matrix_ismatrix (lua_State *L) {
  lua_pushboolean(L, lcl_testmatrix(L, 1) != NULL);
  return 1;
}

static const luaL_Reg methods[] = {
  {"rows", m_rows}, {"cols", m_cols}, {"shape", m_shape},
  {"get", m_get}, {"set", m_set}, {"copy", m_copy}, {"t", m_t},
  {"totable", m_totable}, {"list", m_list},
  {"rownames", m_rownames}, {"colnames", m_colnames},
  {"setnames", m_setnames}, {"setrownames", m_setrownames},
  {"setcolnames", m_setcolnames},
  {"select", lmatrix_select}, {"drop", lmatrix_drop}, {"slice", lmatrix_slice},
  {"row", lmatrix_row}, {"col", lmatrix_col},
  {"hcat", lmatrix_hcat}, {"vcat", lmatrix_vcat},
  {"emul", m_emul}, {"ediv", m_ediv},
  {"mulrows", m_mulrows}, {"divrows", m_divrows},
  {"mulcols", m_mulcols}, {"divcols", m_divcols},
  {"crossprod", m_crossprod},
  {"sum", m_sum}, {"mean", m_mean}, {"sd", m_sd}, {"min", m_min},
  {"max", m_max}, {"rowsums", m_rowsums}, {"colsums", m_colsums},
  {"margins", m_margins},
  {"log", m_log}, {"exp", m_exp}, {"sqrt", m_sqrt}, {"abs", m_abs},
  {"map", m_map},
  {"lt", m_lt}, {"le", m_le}, {"gt", m_gt}, {"ge", m_ge},
  {"equal", m_equal}, {"notequal", m_notequal},
  {"format", lmatrix_format},
  {NULL, NULL}
};

static const luaL_Reg metamethods[] = {
  {"__add", m_add}, {"__sub", m_sub}, {"__mul", m_mul}, {"__div", m_div},
  {"__unm", m_unm}, {"__eq", m_eq}, {"__len", m_len},
  {"__tostring", lmatrix_tostring},
  {"__index", NULL},
  {NULL, NULL}
};

static const luaL_Reg functions[] = {
  {"new", matrix_new}, {"from", matrix_from}, {"col", matrix_col},
  {"row", matrix_row}, {"eye", matrix_eye}, {"zeros", matrix_zeros},
  {"ones", matrix_ones}, {"diag", matrix_diag}, {"hcat", lmatrix_hcat},
  {"vcat", lmatrix_vcat}, {"ismatrix", matrix_ismatrix},
  {NULL, NULL}
};

/* what help(matrix) prints: one line per function and method */
static const char *const help[][2] = {
  {"_about", "labelled dense matrices of doubles (column-major, BLAS-backed)"},
  {"new", "matrix.new(r, c [, fill]) -- an r x c matrix filled with fill (0)"},
  {"from", "matrix.from(rows [, rownames [, colnames]]) -- from {{1,2},{3,4}} or {1,2,3} (a column)"},
  {"col", "matrix.col(array [, labels]) -- a column vector"},
  {"row", "matrix.row(array [, labels]) -- a row vector"},
  {"eye", "matrix.eye(n) -- the identity"},
  {"zeros", "matrix.zeros(r [, c]) -- zeros; matrix.ones(r [, c]) ones"},
  {"ones", "matrix.ones(r [, c]) -- a matrix of ones (default a column)"},
  {"diag", "matrix.diag(v) -- diagonal matrix from a vector; of a matrix, its diagonal"},
  {"hcat", "matrix.hcat(a, b, ...) -- side by side; m:hcat(b) too"},
  {"vcat", "matrix.vcat(a, b, ...) -- one above the other; m:vcat(b) too"},
  {"ismatrix", "matrix.ismatrix(x) -- true for a matrix"},
  {"methods", "m:rows() m:cols() m:shape() m:get(i, j) m:set(i, j, v) m:copy() m:t() "
   "m:totable() m:list() m:rownames() m:colnames() m:setnames(rn, cn) "
   "m:select(rows, cols) m:drop(rows, cols) m:slice(r1, r2, c1, c2) m:row(i) m:col(j) "
   "m:rowsums() m:colsums() m:margins() (sum, colsums, rowsums, column and row sds) m:sum([\"row\"|\"col\"]) m:mean() m:sd() m:min() m:max() "
   "m:emul(n) m:ediv(n) m:mulrows(v) m:divrows(v) m:mulcols(v) m:divcols(v) m:crossprod(b) (t(m) * b) "
   "m:log() m:exp() m:sqrt() m:abs() m:map(f) m:lt(x) m:le(x) m:gt(x) m:ge(x) "
   "m:equal(x) m:notequal(x) m:format{width=, rows=, digits=}; "
   "operators: a * b (product), a + b, a - b, -a, a * s, a / s, a == b, #a; "
   "indices may be labels: L:get(\"Mining\", \"Mining\")"},
};

int luaopen_matrix (lua_State *L) {
  if (luaL_newmetatable(L, LCL_MATRIX)) {
    luaL_setfuncs(L, metamethods, 0);
    luaL_newlib(L, methods);
    /* found by luaL_argerror's search of package.loaded when a method runs
    ** without a name (a tail call, pcall): "bad argument #2 to
    ** 'matrix.methods.get'", not '?' */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "matrix.methods");
    lua_pop(L, 1);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "matrix");
    lua_setfield(L, -2, "__name");
  }
  lua_pop(L, 1);
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
