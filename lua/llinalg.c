/*
** llinalg.c -- the `linalg` module: solve, inverse, reusable LU factors,
** determinant, Cholesky, least squares, eigen-decompositions and SVD.
** The numerics are in core/linalg.c (LAPACK); this file checks arguments,
** carries labels along as R does and turns core errors into Lua errors.
*/
#include <stdint.h>
#include <string.h>

#include "lcl.h"
#include "../core/eigsym_partial.h"
#include "../core/linalg.h"

#define LCL_LU "clusterlab.lu"
#define LCL_TRIDIAGONAL "clusterlab.tridiagonal"

int luaopen_matrix (lua_State *L);

/* a core error as a Lua error, prefixed by the function that failed */
static int fail (lua_State *L, const char *fname, const cl_error *err) {
  return luaL_error(L, "%s: %s", fname, err->msg);
}

static cl_matrix *check_square (lua_State *L, int arg) {
  cl_matrix *a = lcl_tomatrix(L, arg);
  if (a->rows != a->cols)
    lcl_argerror(L, arg, "square matrix expected, got %zu x %zu", a->rows,
                 a->cols);
  return a;
}

/* the right-hand side at arg, which must have n rows */
static cl_matrix *check_rhs (lua_State *L, int arg, size_t n,
                             const char *what) {
  cl_matrix *b = lcl_tomatrix(L, arg);
  if (b->rows != n)
    lcl_argerror(L, arg, "dimension mismatch: A is %zu x %zu but %s has %zu "
                 "rows", n, n, what, b->rows);
  return b;
}

/* labels `which` of the value at `from` become labels `to_which` of `to` */
static void move_names (lua_State *L, int from, int which, int to,
                        int to_which) {
  to = lua_absindex(L, to);
  lcl_getnames(L, from, which);
  lcl_setnames(L, to, to_which);
}

/* ---------------------------------------------------------------- */
/* solve and inverse                                                 */
/* ---------------------------------------------------------------- */

/* X = A^-1 B: rows labelled by A's columns, columns by B's (R's solve) */
static int linalg_solve (lua_State *L) {
  cl_matrix *a, *b, *x;
  cl_error err;
  lua_settop(L, 2);
  a = check_square(L, 1);
  b = check_rhs(L, 2, a->rows, "B");
  lcl_checkfinite(L, 1, "linalg.solve: A");
  lcl_checkfinite(L, 2, "linalg.solve: B");
  x = lcl_newmatrix(L, a->cols, b->cols);
  if (cl_linalg_solve(a, b, x, &err) != CL_OK)
    return fail(L, "linalg.solve", &err);
  move_names(L, 1, 2, 3, 1);
  move_names(L, 2, 2, 3, 2);
  return 1;
}

/* an explicit inverse: O(n^3) like solve, but less accurate for A^-1 B */
static int linalg_inv (lua_State *L) {
  cl_matrix *a, *inv;
  cl_error err;
  lua_settop(L, 1);
  a = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.inv: A");
  inv = lcl_newmatrix(L, a->rows, a->cols);
  if (cl_linalg_inv(a, inv, &err) != CL_OK) return fail(L, "linalg.inv", &err);
  lcl_swapnames(L, 1, 2);
  return 1;
}

static int linalg_det (lua_State *L) {
  cl_matrix *a;
  cl_error err;
  double det;
  lua_settop(L, 1);
  a = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.det: A");
  if (cl_linalg_det(a, &det, &err) != CL_OK) return fail(L, "linalg.det", &err);
  lua_pushnumber(L, det);
  return 1;
}

/* ---------------------------------------------------------------- */
/* LU factor objects: one factorisation, many right-hand sides       */
/* ---------------------------------------------------------------- */

/* The userdata holds the cl_lu header, the n x n factors and the n pivots
** (so the collector counts their size); its user values are A's labels. */
static int linalg_lu (lua_State *L) {
  cl_matrix *a;
  cl_lu *f;
  cl_error err;
  size_t n;
  lua_settop(L, 1);
  a = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.lu: A");
  n = a->rows;
  if (n != 0 && n > (SIZE_MAX - sizeof(cl_lu)) / (n + 1) / sizeof(double))
    return lcl_errorf(L, "linalg.lu: matrix of %zu x %zu is too large", n, n);
  f = (cl_lu *)lua_newuserdatauv(L, sizeof(cl_lu) + n * n * sizeof(double) +
                                 n * sizeof(int), 2);
  f->lu.rows = f->lu.cols = n;
  f->lu.data = (double *)(f + 1);
  f->ipiv = (int *)(f->lu.data + n * n);
  f->rcond = 1.0;
  luaL_setmetatable(L, LCL_LU);
  lcl_copynames(L, 1, 2, LCL_BOTHNAMES);
  if (cl_linalg_lu(a, f, &err) != CL_OK) return fail(L, "linalg.lu", &err);
  return 1;
}

static cl_lu *check_lu (lua_State *L) {
  return (cl_lu *)luaL_checkudata(L, 1, LCL_LU);
}

/* solves A x = B ('N') or A' x = B ('T'); x's rows take A's column labels
** ('N') or its row labels ('T'), x's columns B's column labels */
static int lu_apply (lua_State *L, char trans) {
  cl_lu *f = check_lu(L);
  cl_matrix *b = check_rhs(L, 2, f->lu.rows, "B"), *x;
  cl_error err;
  int top;
  lcl_checkfinite(L, 2, "lu:solve: B");
  x = lcl_newmatrix(L, f->lu.rows, b->cols);
  top = lua_gettop(L);
  if (cl_linalg_lu_solve(f, trans, b, x, &err) != CL_OK)
    return fail(L, "lu:solve", &err);
  move_names(L, 1, trans == 'N' ? 2 : 1, top, 1);
  move_names(L, 2, 2, top, 2);
  return 1;
}

static int lu_solve (lua_State *L) {
  static const char *const options[] = {"N", "T", NULL};
  int t = luaL_checkoption(L, 3, "N", options);
  lua_settop(L, 2);
  return lu_apply(L, t == 1 ? 'T' : 'N');
}

static int lu_tsolve (lua_State *L) {
  lua_settop(L, 2);
  return lu_apply(L, 'T');
}

static int lu_det (lua_State *L) {
  cl_error err;
  double det;
  if (cl_linalg_lu_det(check_lu(L), &det, &err) != CL_OK)
    return fail(L, "lu:det", &err);
  lua_pushnumber(L, det);
  return 1;
}

static int lu_rcond (lua_State *L) {
  lua_pushnumber(L, check_lu(L)->rcond);
  return 1;
}

static int lu_tostring (lua_State *L) {
  cl_lu *f = check_lu(L);
  lua_pushfstring(L, "LU factors of a %I x %I matrix (reciprocal condition "
                  "number %f)", (lua_Integer)f->lu.rows, (lua_Integer)f->lu.rows,
                  f->rcond);
  return 1;
}

/* ---------------------------------------------------------------- */
/* Cholesky and least squares                                        */
/* ---------------------------------------------------------------- */

static int linalg_chol (lua_State *L) {
  cl_matrix *a, *r;
  cl_error err;
  lua_settop(L, 1);
  a = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.chol: A");
  r = lcl_newmatrix(L, a->rows, a->cols);
  if (cl_linalg_chol(a, r, &err) != CL_OK) return fail(L, "linalg.chol", &err);
  lcl_copynames(L, 1, 2, LCL_BOTHNAMES);
  return 1;
}

/* x, rss: rss a number for one right-hand side, else a 1 x k matrix */
static int linalg_lstsq (lua_State *L) {
  cl_matrix *a, *b, *x, *rss;
  cl_error err;
  lua_settop(L, 2);
  a = lcl_tomatrix(L, 1);
  if (a->rows < a->cols)
    lcl_argerror(L, 1, "at least as many rows as columns expected, got %zu x "
                 "%zu", a->rows, a->cols);
  b = lcl_tomatrix(L, 2);
  if (b->rows != a->rows)
    lcl_argerror(L, 2, "dimension mismatch: A has %zu rows but b has %zu",
                 a->rows, b->rows);
  lcl_checkfinite(L, 1, "linalg.lstsq: A");
  lcl_checkfinite(L, 2, "linalg.lstsq: b");
  x = lcl_newmatrix(L, a->cols, b->cols);
  rss = lcl_newmatrix(L, 1, b->cols);
  if (cl_linalg_lstsq(a, b, x, rss->data, &err) != CL_OK)
    return fail(L, "linalg.lstsq", &err);
  move_names(L, 1, 2, 3, 1);
  move_names(L, 2, 2, 3, 2);
  if (b->cols == 1) {
    lua_pushnumber(L, rss->data[0]);
    lua_replace(L, 4);
  } else {
    move_names(L, 2, 2, 4, 2);
  }
  return 2;
}

/* ---------------------------------------------------------------- */
/* eigen-decompositions and SVD                                      */
/* ---------------------------------------------------------------- */

/* values (n x 1, descending), vectors (n x n, rows labelled like S's) */
/* the factorisation of eigsym_partial, freed by the collector even when an
** error leaves the function early */
static int tridiagonal_gc (lua_State *L) {
  cl_tridiagonal_free((cl_tridiagonal *)luaL_checkudata(L, 1, LCL_TRIDIAGONAL));
  return 0;
}

/* how many eigenvectors opts asks for, given the values (descending) */
static size_t vectors_wanted (lua_State *L, int opts, const cl_matrix *values) {
  size_t k = 0, n = values->rows;
  if (lua_getfield(L, opts, "vectors") != LUA_TNIL) {
    lua_Integer v = luaL_checkinteger(L, -1);
    luaL_argcheck(L, v >= 0 && (size_t)v <= n, 2,
                  lua_pushfstring(L, "vectors must be 0..%d", (int)n));
    k = (size_t)v;
  } else if (lua_getfield(L, opts, "above") != LUA_TNIL) {
    lua_Number min = luaL_checknumber(L, -1);
    while (k < n && values->data[k] >= min) k++;
    lua_pop(L, 1);
  } else {
    k = n;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return k;
}

/* linalg.eigsym(S, {vectors = k | above = x, tol = }): every value, vectors
** only for the k largest (or for the values >= x) */
static int eigsym_partial (lua_State *L) {
  cl_matrix *s = check_square(L, 1), *values, *vectors;
  cl_tridiagonal *t;
  cl_error err;
  double tol = 1e-10;
  size_t k;
  lcl_checkfinite(L, 1, "linalg.eigsym: S");
  if (lua_getfield(L, 2, "tol") != LUA_TNIL) tol = luaL_checknumber(L, -1);
  lua_pop(L, 1);
  t = (cl_tridiagonal *)lua_newuserdatauv(L, sizeof *t, 0);
  memset(t, 0, sizeof *t);
  luaL_setmetatable(L, LCL_TRIDIAGONAL);
  if (cl_tridiagonal_reduce(s, tol, t, &err) != CL_OK)
    return fail(L, "linalg.eigsym", &err);
  values = lcl_newmatrix(L, s->rows, 1);
  if (cl_tridiagonal_values(t, values->data, &err) != CL_OK)
    return fail(L, "linalg.eigsym", &err);
  k = vectors_wanted(L, 2, values);
  vectors = lcl_newmatrix(L, s->rows, k);
  if (cl_tridiagonal_vectors(t, k, vectors, &err) != CL_OK)
    return fail(L, "linalg.eigsym", &err);
  cl_tridiagonal_free(t);
  move_names(L, 1, 1, -1, 1);
  return 2;
}

static int linalg_eigsym (lua_State *L) {
  cl_matrix *s, *values, *vectors;
  cl_error err;
  lua_settop(L, 2);
  if (!lua_isnil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    return eigsym_partial(L);
  }
  s = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.eigsym: S");
  values = lcl_newmatrix(L, s->rows, 1);
  vectors = lcl_newmatrix(L, s->rows, s->rows);
  if (cl_linalg_eigsym(s, values->data, vectors, &err) != CL_OK)
    return fail(L, "linalg.eigsym", &err);
  move_names(L, 1, 1, 4, 1);
  return 2;
}

/* re, im (n x 1), vectors = real parts, vectors_im = imaginary parts */
static int linalg_eig (lua_State *L) {
  cl_matrix *a, *re, *im, *vre, *vim;
  cl_error err;
  lua_settop(L, 1);
  a = check_square(L, 1);
  lcl_checkfinite(L, 1, "linalg.eig: A");
  re = lcl_newmatrix(L, a->rows, 1);
  im = lcl_newmatrix(L, a->rows, 1);
  vre = lcl_newmatrix(L, a->rows, a->rows);
  vim = lcl_newmatrix(L, a->rows, a->rows);
  if (cl_linalg_eig(a, re->data, im->data, vre, vim, &err) != CL_OK)
    return fail(L, "linalg.eig", &err);
  move_names(L, 1, 1, 4, 1);
  move_names(L, 1, 1, 5, 1);
  return 4;
}

/* d (k x 1, descending), U (m x k), V (n x k), k = min(m, n), as R's svd */
static int linalg_svd (lua_State *L) {
  cl_matrix *a, *d, *u, *v;
  cl_error err;
  size_t k;
  lua_settop(L, 1);
  a = lcl_tomatrix(L, 1);
  lcl_checkfinite(L, 1, "linalg.svd: A");
  k = a->rows < a->cols ? a->rows : a->cols;
  d = lcl_newmatrix(L, k, 1);
  u = lcl_newmatrix(L, a->rows, k);
  v = lcl_newmatrix(L, a->cols, k);
  if (cl_linalg_svd(a, u, d->data, v, &err) != CL_OK)
    return fail(L, "linalg.svd", &err);
  move_names(L, 1, 1, 3, 1);
  move_names(L, 1, 2, 4, 1);
  return 3;
}

/* ---------------------------------------------------------------- */
/* registration and help                                             */
/* ---------------------------------------------------------------- */

static const char *const help[][2] = {
  {"_about", "linear algebra on LAPACK: solves, LU, determinant, Cholesky, "
   "least squares, eigenvalues, SVD"},
  {"solve", "linalg.solve(A, B) -- X with A X = B (LU, dgesv); B a matrix or "
   "a Lua array; prefer it to inv(A) * B"},
  {"inv", "linalg.inv(A) -- A^-1 (dgetrf + dgetri); to apply the inverse use "
   "solve(A, B) or lu(A):solve(B) instead: faster and more accurate"},
  {"lu", "linalg.lu(A) -- LU factors of A kept for reuse: f:solve(B), "
   "f:solve(B, \"T\") or f:tsolve(B) for A' X = B, f:det(), f:rcond()"},
  {"det", "linalg.det(A) -- determinant from the LU factors (0 if singular)"},
  {"chol", "linalg.chol(A) -- upper triangular R with A = R'R (dpotrf), as "
   "R's chol; A symmetric positive definite"},
  {"lstsq", "linalg.lstsq(A, b) -- x minimising |A x - b| (QR, dgels; rows >= "
   "cols, full column rank) and the residual sum of squares (a number, or "
   "1 x k for k columns of b)"},
  {"eigsym", "linalg.eigsym(S [, {vectors = k | above = x, tol = 1e-10}]) -- "
   "eigenvalues of symmetric S (n x 1, descending) and unit eigenvectors as "
   "columns (dsyevr); with options, every value but vectors only for the k "
   "largest, or for the values >= x (dsytrd, dsterf, dstemr), and S may "
   "differ from S' by tol * max|s_ij| (its symmetric part is used)"},
  {"eig", "linalg.eig(A) -- eigenvalues re, im (n x 1, by decreasing "
   "modulus) and right eigenvectors: column j of vectors + i * column j of "
   "vectors_im (dgeev)"},
  {"svd", "linalg.svd(A) -- d (descending), U, V with A = U diag(d) V' "
   "(thin SVD, dgesdd), as R's svd"},
};

static const luaL_Reg lu_methods[] = {
  {"solve", lu_solve}, {"tsolve", lu_tsolve}, {"det", lu_det},
  {"rcond", lu_rcond},
  {NULL, NULL}
};

static const luaL_Reg lu_metamethods[] = {
  {"__tostring", lu_tostring},
  {"__index", NULL},
  {NULL, NULL}
};

static const luaL_Reg functions[] = {
  {"solve", linalg_solve}, {"inv", linalg_inv}, {"lu", linalg_lu},
  {"det", linalg_det}, {"chol", linalg_chol}, {"lstsq", linalg_lstsq},
  {"eigsym", linalg_eigsym}, {"eig", linalg_eig}, {"svd", linalg_svd},
  {NULL, NULL}
};

int luaopen_linalg (lua_State *L) {
  luaL_requiref(L, "matrix", luaopen_matrix, 0);  /* results are matrices */
  lua_pop(L, 1);
  if (luaL_newmetatable(L, LCL_LU)) {
    luaL_setfuncs(L, lu_metamethods, 0);
    luaL_newlib(L, lu_methods);
    /* named in errors as 'linalg.lu methods.solve', not '?' (see lmatrix.c) */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "linalg.lu methods");
    lua_pop(L, 1);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "lu");
    lua_setfield(L, -2, "__name");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, LCL_TRIDIAGONAL)) {
    lua_pushcfunction(L, tridiagonal_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
