/*
** lleontief.c -- the `leontief` module: input and output coefficients,
** Leontief and Ghosh inverses, multipliers and solves (core/leontief.c);
** this file checks arguments and labels and names sectors in errors.
*/
#include <stdio.h>
#include <string.h>

#include "lcl.h"
#include "../core/leontief.h"
#include "../core/regional.h"

int luaopen_matrix (lua_State *L);

static int fail (lua_State *L, const char *fname, const cl_error *err) {
  return lcl_errorf(L, "leontief.%s: %s", fname, err->msg);
}

/* The flow or coefficient matrix at arg: square; a table becomes a matrix */
static cl_matrix *check_square (lua_State *L, int arg, const char *what) {
  cl_matrix *m = lcl_tomatrix(L, arg);
  if (m->rows != m->cols)
    lcl_argerror(L, arg, "%s must be square (sectors x sectors), got %zu x %zu",
                 what, m->rows, m->cols);
  return m;
}

/* The labels of a vector: row labels of a column, column labels of a row */
static int vector_names (lua_State *L, int idx, const cl_matrix *v) {
  return lcl_getnames(L, idx, v->cols == 1 ? 1 : 2);
}

/* sector k's label in the label table on the stack top, or NULL; only a
** string is kept alive by the table once popped */
static const char *label_at (lua_State *L, size_t k) {
  const char *s;
  if (!lua_istable(L, -1)) return NULL;
  lua_geti(L, -1, (lua_Integer)k + 1);
  s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  lua_pop(L, 1);
  return s;
}

/* Two label tables on the stack top (either may be nil) must agree */
static void compare_labels (lua_State *L, size_t n, const char *what,
                            const char *first, const char *second) {
  size_t k;
  for (k = 0; k < n; k++) {
    const char *b = label_at(L, k), *a;
    lua_pushvalue(L, -2);
    a = label_at(L, k);
    lua_pop(L, 1);
    if (a != NULL && b != NULL && strcmp(a, b) != 0)
      lcl_errorf(L, "%s differ at sector %zu: '%s' in %s, '%s' in %s", what,
                 k + 1, a, first, b, second);
  }
  lua_pop(L, 2);
}

/* rows and columns of a square table must list the same sectors */
static void check_square_labels (lua_State *L, int idx, size_t n,
                                 const char *fname, const char *what) {
  char desc[128];
  lcl_getnames(L, idx, 1);
  lcl_getnames(L, idx, 2);
  snprintf(desc, sizeof desc, "leontief.%s: row and column labels of %s",
           fname, what);
  compare_labels(L, n, desc, "the rows", "the columns");
}

/* the sectors of Z (its columns) and of x must be the same */
static void check_output_labels (lua_State *L, size_t n, const cl_matrix *x,
                                 const char *fname) {
  char desc[128];
  lcl_getnames(L, 1, 2);
  vector_names(L, 2, x);
  snprintf(desc, sizeof desc, "leontief.%s: labels of Z and x", fname);
  compare_labels(L, n, desc, "Z", "x");
}

/* Pushes an array of n sector names for core messages (entries may be NULL)
** taken from the labels of the matrix at idx, or of the vector at alt (0 for
** none); the strings are anchored in the array's userdata. */
static const char *const *sector_names (lua_State *L, int idx, int alt,
                                        size_t n) {
  const char **names;
  int which;
  for (which = 1; which <= 3; which++) {
    if (which < 3) lcl_getnames(L, idx, which);
    else if (alt != 0) vector_names(L, alt, lcl_checkmatrix(L, alt));
    else lua_pushnil(L);
    if (lua_istable(L, -1)) break;
    lua_pop(L, 1);
  }
  if (which > 3) lua_newtable(L);  /* no labels: every name NULL */
  names = lcl_pushstrings(L, -1, n, NULL);
  lua_remove(L, -2);
  return names;
}

/* the result at out gets the labels of Z (or, lacking them, of x) */
static void label_table (lua_State *L, int out, int zidx, int xidx,
                         const cl_matrix *x) {
  int labelled;
  out = lua_absindex(L, out);
  labelled = lcl_getnames(L, zidx, 1) == LUA_TTABLE;
  labelled = (lcl_getnames(L, zidx, 2) == LUA_TTABLE) || labelled;
  if (!labelled) {
    lua_pop(L, 2);
    vector_names(L, xidx, x);
    lua_pushvalue(L, -1);
    lcl_setnames(L, out, 1);
    lcl_setnames(L, out, 2);
    return;
  }
  lua_pop(L, 2);
  lcl_copynames(L, zidx, out, LCL_BOTHNAMES);
}

/* Z at 1, x at 2: checks shapes and labels; returns the sector names */
static const char *const *check_table (lua_State *L, const char *fname,
                                       cl_matrix **z, cl_matrix **x) {
  lua_settop(L, 2);
  *z = check_square(L, 1, "Z");
  *x = lcl_tomatrix(L, 2);
  if ((*x)->rows != 1 && (*x)->cols != 1)
    lcl_argerror(L, 2, "x must be a vector of outputs, got %zu x %zu",
                 (*x)->rows, (*x)->cols);
  if (cl_matrix_size(*x) != (*z)->rows)
    lcl_argerror(L, 2, "x has %zu elements, Z has %zu sectors",
                 cl_matrix_size(*x), (*z)->rows);
  check_square_labels(L, 1, (*z)->rows, fname, "Z");
  check_output_labels(L, (*z)->rows, *x, fname);
  return sector_names(L, 1, 2, (*z)->rows);
}

/* ---------------------------------------------------------------- */
/* the functions                                                     */
/* ---------------------------------------------------------------- */

typedef int (*table_fn) (const cl_matrix *, const cl_matrix *,
                         const char *const *, cl_matrix *, cl_error *);

static int from_table (lua_State *L, const char *fname, table_fn fn) {
  cl_matrix *z, *x;
  cl_error err;
  const char *const *names = check_table(L, fname, &z, &x);
  if (fn(z, x, names, lcl_newmatrix(L, z->rows, z->cols), &err) != CL_OK)
    return fail(L, fname, &err);
  label_table(L, -1, 1, 2, x);
  return 1;
}

/* coefficients(Z, x): A = Z diag(x)^-1 */
static int leontief_coefficients (lua_State *L) {
  return from_table(L, "coefficients", cl_leontief_coefficients);
}

/* output_coefficients(Z, x): B = diag(x)^-1 Z */
static int leontief_output_coefficients (lua_State *L) {
  return from_table(L, "output_coefficients", cl_leontief_output_coefficients);
}

/* ghosh(Z, x): G = (I - B)^-1 */
static int leontief_ghosh (lua_State *L) {
  return from_table(L, "ghosh", cl_leontief_ghosh);
}

/* A at 1: square with matching labels; returns the sector names */
static const char *const *check_coefficients (lua_State *L, const char *fname,
                                              cl_matrix **a) {
  *a = check_square(L, 1, "A");
  check_square_labels(L, 1, (*a)->rows, fname, "A");
  return sector_names(L, 1, 0, (*a)->rows);
}

/* inverse(A): L = (I - A)^-1 with A's labels */
static int leontief_inverse (lua_State *L) {
  cl_matrix *a;
  cl_error err;
  const char *const *names;
  lua_settop(L, 1);
  names = check_coefficients(L, "inverse", &a);
  if (cl_leontief_inverse(a, names, lcl_newmatrix(L, a->rows, a->cols), &err)
      != CL_OK)
    return fail(L, "inverse", &err);
  lcl_copynames(L, 1, -1, LCL_BOTHNAMES);
  return 1;
}

/* The tables of inverses({A1, A2, ...} [, threads]) and start_inverses:
** checks them and pushes an anchor table holding them, their sector names
** and the arrays a, l, names (which it fills), and the results {L1, ...},
** each L_k labelled as A_k; returns the thread count (0: OpenBLAS's). */
static int prepare (lua_State *L, const char *fname, size_t *count,
                    cl_matrix ***a, cl_matrix ***l,
                    const char *const ***names) {
  size_t k;
  int anchor, results, threads = (int)luaL_optinteger(L, 2, 0);
  luaL_argcheck(L, threads >= 0 && threads <= CL_INVERSES_MAX_THREADS, 2,
                "thread count must be 1..64");
  lua_settop(L, 1);
  luaL_checktype(L, 1, LUA_TTABLE);
  *count = lcl_checklength(L, 1, 1, 3 * sizeof(void *), "tables");
  lua_newtable(L);
  anchor = lua_gettop(L);
  *a = (cl_matrix **)lua_newuserdatauv(L, (*count ? *count : 1) * 3 *
                                       sizeof(void *), 0);
  *l = *a + *count;
  *names = (const char *const **)(*l + *count);
  lua_rawseti(L, anchor, 1);
  lua_createtable(L, (int)*count, 0);
  results = lua_gettop(L);
  for (k = 0; k < *count; k++) {
    cl_matrix *ak;
    lua_geti(L, 1, (lua_Integer)k + 1);
    ak = (*a)[k] = lcl_testmatrix(L, -1);
    if (ak == NULL)
      return lcl_errorf(L, "leontief.%s: table %zu is a %s, not a matrix",
                        fname, k + 1, luaL_typename(L, -1));
    if (ak->rows != ak->cols)
      return lcl_errorf(L, "leontief.%s: table %zu must be square "
                        "(sectors x sectors), got %zu x %zu", fname, k + 1,
                        ak->rows, ak->cols);
    check_square_labels(L, results + 1, ak->rows, fname, "A");
    (*names)[k] = sector_names(L, results + 1, 0, ak->rows);
    (*l)[k] = lcl_newmatrix(L, ak->rows, ak->cols);
    lcl_copynames(L, results + 1, -1, LCL_BOTHNAMES);
    lua_rawseti(L, results, (lua_Integer)k + 1);
    lua_rawseti(L, anchor, (lua_Integer)(2 * k + 3));  /* the names */
    lua_rawseti(L, anchor, (lua_Integer)(2 * k + 2));  /* A_k */
  }
  lua_pushvalue(L, results);
  lua_rawseti(L, anchor, 2 * (lua_Integer)*count + 2);
  return threads;
}

/* the results at idx, or nil, k, message for the table that failed */
static int inverses_result (lua_State *L, int st, int results, size_t failed,
                            const cl_error *err) {
  if (st == CL_OK) {
    lua_pushvalue(L, results);
    return 1;
  }
  lua_pushnil(L);  /* the caller names the region */
  lua_pushinteger(L, (lua_Integer)failed + 1);
  lua_pushstring(L, err->msg);
  return 3;
}

/* inverses({A1, A2, ...} [, threads]): {L1, L2, ...}, L_k = (I - A_k)^-1
** labelled as A_k; the tables are inverted side by side on `threads`
** threads (default OpenBLAS's count), one table per thread (the many
** regions of one country: core/leontief.h). A table that has no inverse
** (singular, unproductive): nil, its index k, the message. */
static int leontief_inverses (lua_State *L) {
  size_t count, failed = 0;
  cl_matrix **a, **l;
  const char *const **names;
  cl_error err;
  int threads = prepare(L, "inverses", &count, &a, &l, &names), st;
  st = cl_leontief_inverses((const cl_matrix *const *)a, names, l, count,
                            threads, &failed, &err);
  return inverses_result(L, st, lua_gettop(L), failed, &err);
}

#define BATCH "clusterlab.leontief.batch"

/* a batch of inverses under way; its user value anchors the tables */
typedef struct batch {
  cl_inverses *job;   /* NULL once finished */
} batch;

/* start_inverses({A1, A2, ...} [, threads]): a batch whose tables are
** being inverted on threads - 1 workers while the caller goes on;
** batch:finish() joins the work and returns what inverses would */
static int leontief_start_inverses (lua_State *L) {
  size_t count;
  cl_matrix **a, **l;
  const char *const **names;
  cl_error err;
  int threads = prepare(L, "start_inverses", &count, &a, &l, &names);
  batch *b = (batch *)lua_newuserdatauv(L, sizeof(batch), 1);
  b->job = NULL;
  luaL_setmetatable(L, BATCH);
  lua_pushvalue(L, 2);  /* the anchor */
  lua_setiuservalue(L, -2, 1);
  b->job = cl_leontief_inverses_start((const cl_matrix *const *)a, names, l,
                                      count, threads, &err);
  if (b->job == NULL) return fail(L, "start_inverses", &err);
  return 1;
}

static int batch_finish (lua_State *L) {
  batch *b = (batch *)luaL_checkudata(L, 1, BATCH);
  size_t failed = 0;
  cl_error err;
  int st;
  if (b->job == NULL) return lcl_errorf(L, "leontief batch: finished already");
  st = cl_leontief_inverses_finish(b->job, &failed, &err);
  b->job = NULL;
  lua_getiuservalue(L, 1, 1);
  lua_rawgeti(L, -1, (lua_Integer)luaL_len(L, -1));  /* the results */
  /* the tables go with the caller's last reference, not with the batch:
  ** an object with a finalizer outlives it, and the collector's
  ** generational mode then keeps all it refers to until a major collection */
  lua_pushnil(L);
  lua_setiuservalue(L, 1, 1);
  return inverses_result(L, st, lua_gettop(L), failed, &err);
}

/* a batch dropped unfinished: its workers are waited for before the tables
** they read go */
static int batch_gc (lua_State *L) {
  batch *b = (batch *)luaL_checkudata(L, 1, BATCH);
  size_t failed;
  cl_error err;
  if (b->job != NULL) cl_leontief_inverses_finish(b->job, &failed, &err);
  b->job = NULL;
  return 0;
}

/* multipliers(A [, w]): n x 1, m_j = sum_i w_i l_ij (w defaults to ones),
** labelled by A's columns */
static int leontief_multipliers (lua_State *L) {
  cl_matrix *a, *w = NULL;
  cl_error err;
  const char *const *names;
  lua_settop(L, 2);
  names = check_coefficients(L, "multipliers", &a);
  if (!lua_isnil(L, 2)) {
    w = lcl_tomatrix(L, 2);
    if (cl_matrix_size(w) != a->rows || (w->rows != 1 && w->cols != 1))
      lcl_argerror(L, 2, "w must be a vector of %zu weights, got %zu x %zu",
                   a->rows, w->rows, w->cols);
  }
  if (cl_leontief_multipliers(a, w, names, lcl_newmatrix(L, a->rows, 1), &err)
      != CL_OK)
    return fail(L, "multipliers", &err);
  lcl_getnames(L, 1, 2);
  lcl_setnames(L, -2, 1);
  return 1;
}

/* solve(A, f): x with (I - A) x = f; rows labelled by A, columns by f */
static int leontief_solve (lua_State *L) {
  cl_matrix *a, *f;
  cl_error err;
  const char *const *names;
  lua_settop(L, 2);
  names = check_coefficients(L, "solve", &a);
  f = lcl_tomatrix(L, 2);
  if (f->rows != a->rows)
    lcl_argerror(L, 2, "f has %zu rows, A has %zu sectors", f->rows, a->rows);
  if (cl_leontief_solve(a, f, names, lcl_newmatrix(L, f->rows, f->cols), &err)
      != CL_OK)
    return fail(L, "solve", &err);
  lcl_copynames(L, 1, -1, LCL_ROWNAMES);
  lcl_copynames(L, 2, -1, LCL_COLNAMES);
  return 1;
}

/* a vector argument of k values */
static cl_matrix *check_vector (lua_State *L, int arg, size_t k,
                                const char *what) {
  cl_matrix *v = lcl_tomatrix(L, arg);
  if (cl_matrix_size(v) != k || (v->rows != 1 && v->cols != 1))
    lcl_argerror(L, arg, "%s must be a vector of %zu values, got %zu x %zu",
                 what, k, v->rows, v->cols);
  return v;
}

/* regional(A, keep, s, lambda, xr [, w [, diagonal]]) -> A^r, f^r, m^r:
** the CIQ/FLQ/AFLQ regional table in one pass (core/regional.h); keep the
** kept sectors' 1-based indices, s their SLQs, w AFLQ's column weights or
** nil, diagonal "slq" (default) or "ciq". Unlabelled: the caller names. */
static int leontief_regional (lua_State *L) {
  cl_matrix *a = check_square(L, 1, "A"), *s, *xr, *w = NULL;
  size_t i, k, *keep;
  double lambda = luaL_checknumber(L, 4);
  int slq_diagonal;
  cl_error err;
  cl_matrix *ar, *f, *m;
  luaL_checktype(L, 2, LUA_TTABLE);
  k = (size_t)luaL_len(L, 2);
  s = check_vector(L, 3, k, "s");
  xr = check_vector(L, 5, k, "xr");
  if (!lua_isnoneornil(L, 6)) w = check_vector(L, 6, k, "w");
  slq_diagonal = luaL_checkoption(L, 7, "slq",
                                  (const char *const[]){"ciq", "slq", NULL});
  keep = (size_t *)lua_newuserdatauv(L, (k ? k : 1) * sizeof(size_t), 0);
  for (i = 0; i < k; i++) {
    lua_Integer j = (lua_geti(L, 2, (lua_Integer)i + 1), lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (j < 1 || (size_t)j > a->rows)
      return lcl_argerror(L, 2, "kept sector %zu: index %d is not a sector "
                          "of A", i + 1, (int)j);
    keep[i] = (size_t)j - 1;
  }
  ar = lcl_newmatrix(L, k, k);
  f = lcl_newmatrix(L, k, 1);
  m = lcl_newmatrix(L, 1, k);
  if (cl_regional_table(a, keep, k, s->data, lambda, w ? w->data : NULL,
                        slq_diagonal, xr->data, ar, f->data, m->data, &err)
      != CL_OK)
    return fail(L, "regional", &err);
  return 3;
}

static const luaL_Reg batch_methods[] = {
  {"finish", batch_finish},
  {"__gc", batch_gc},
  {NULL, NULL}
};

static const luaL_Reg functions[] = {
  {"coefficients", leontief_coefficients},
  {"output_coefficients", leontief_output_coefficients},
  {"inverse", leontief_inverse},
  {"inverses", leontief_inverses},
  {"start_inverses", leontief_start_inverses},
  {"ghosh", leontief_ghosh},
  {"multipliers", leontief_multipliers},
  {"solve", leontief_solve},
  {"regional", leontief_regional},
  {NULL, NULL}
};

/* what help(leontief) prints */
static const char *const help[][2] = {
  {"_about", "Leontief and Ghosh input-output models (Miller & Blair 2009, ch. 2, 12)"},
  {"coefficients", "leontief.coefficients(Z, x) -- input coefficients A = Z diag(x)^-1"},
  {"output_coefficients", "leontief.output_coefficients(Z, x) -- output coefficients B = diag(x)^-1 Z"},
  {"inverse", "leontief.inverse(A) -- Leontief inverse L = (I - A)^-1, labelled as A"},
  {"inverses", "leontief.inverses({A1, A2, ...} [, threads]) -- {L1, L2, ...}: the Leontief inverses of many tables "
                "(regions), inverted side by side on threads (default OpenBLAS's count); the same numbers as leontief.inverse. nil, k, message when table k "
                "has no inverse"},
  {"start_inverses", "leontief.start_inverses({A1, A2, ...} [, threads]) -- a batch inverted on threads - 1 workers "
                     "while the caller goes on (OpenBLAS on one thread meanwhile; one batch at a time); batch:finish() "
                     "returns what leontief.inverses would"},
  {"ghosh", "leontief.ghosh(Z, x) -- Ghosh inverse G = (I - B)^-1; rows are selling sectors"},
  {"multipliers", "leontief.multipliers(A [, w]) -- n x 1, sum_i w_i l_ij (w = 1: output multipliers) without forming L"},
  {"solve", "leontief.solve(A, f) -- output x with (I - A) x = f, one LU solve"},
  {"regional", "leontief.regional(A, keep, s, lambda, xr [, w [, 'slq'|'ciq']]) -- A^r, f^r, m^r of a CIQ/FLQ/AFLQ"
               " regionalisation in one pass (used by regionalize.regionalise)"},
};

int luaopen_leontief (lua_State *L) {
  luaL_requiref(L, "matrix", luaopen_matrix, 0);  /* the matrix metatable */
  lua_pop(L, 1);
  if (luaL_newmetatable(L, BATCH)) {
    luaL_setfuncs(L, batch_methods, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
