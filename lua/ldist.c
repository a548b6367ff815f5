/*
** ldist.c -- the dist userdata: the distances between the rows of X packed
** as R's dist object (core/distance.c, cl_distance_packed), with a copy of X
** (user value 1) and its row labels (user value 2). stats.hclust clusters it
** in place (core/hclust.c, cl_hclust_packed), so the one copy of the
** distances is all the memory the pair needs; the dist then recomputes them
** from X when it is next used. Single linkage reads the triangle along its
** rows only, and recomputes the pairs down its columns from X's rows
** (cl_distance_to) where a pair costs less than a cache miss.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lcl.h"
#include "ldist.h"
#include "../core/distance.h"

ldist *ldist_test (lua_State *L, int idx) {
  return (ldist *)luaL_testudata(L, idx, LDIST);
}

static ldist *check_dist (lua_State *L, int idx) {
  return (ldist *)luaL_checkudata(L, idx, LDIST);
}

/* the distances again from the copy of X, after hclust overwrote them */
static int refresh (lua_State *L, int idx, ldist *d, cl_error *err) {
  int rc = CL_OK;
  if (d->spent) {
    lua_getiuservalue(L, idx, 1);
    rc = cl_distance_packed(lcl_checkmatrix(L, -1), (cl_distance_method)
                            d->method, d->p, d->data, err);
    lua_pop(L, 1);
    if (rc == CL_OK) d->spent = 0;
  }
  return rc;
}

ldist *ldist_push (lua_State *L, int x_idx, int method, const char *name,
                   double p) {
  cl_matrix *x = lcl_checkmatrix(L, x_idx), *copy;
  size_t n = x->rows, npair = n < 2 ? 0 : n * (n - 1) / 2;
  ldist *d;
  cl_error err;
  x_idx = lua_absindex(L, x_idx);
  if (n > LCL_MAXDIM || npair > (SIZE_MAX - sizeof(ldist)) / sizeof(double))
    lcl_errorf(L, "pdist: %zu rows are too many", n);
  d = (ldist *)lua_newuserdatauv(L, sizeof(ldist) + npair * sizeof(double), 2);
  d->n = n;
  d->method = method;
  d->name = name;
  d->p = p;
  d->spent = 0;
  d->data = (double *)(d + 1);
  luaL_setmetatable(L, LDIST);
  copy = lcl_newmatrix(L, n, x->cols);
  memcpy(copy->data, x->data, cl_matrix_size(x) * sizeof(double));
  lua_setiuservalue(L, -2, 1);
  lcl_getnames(L, x_idx, 1);
  lua_setiuservalue(L, -2, 2);
  if (cl_distance_packed(x, (cl_distance_method)method, p, d->data, &err)
      != CL_OK)
    lcl_errorf(L, "pdist: %s", err.msg);
  return d;
}

/* X, and for single linkage its rows copied contiguously (or NULL) */
typedef struct { const cl_matrix *x; const ldist *d; double *rows; } source;

static int recompute (void *ctx, double *diss, cl_error *err) {
  const source *s = ctx;
  return cl_distance_packed(s->x, (cl_distance_method)s->d->method, s->d->p,
                            diss, err);
}

/* the pairs down a column of the triangle, computed again from X's rows */
static void column (void *ctx, size_t i, const size_t *js, size_t m,
                    double *out) {
  const source *s = ctx;
  cl_distance_to(s->rows, s->x->cols, (cl_distance_method)s->d->method,
                 s->d->p, i, js, m, out);
}

int ldist_hclust (lua_State *L, int idx, cl_hclust_method method,
                  cl_matrix *merge, cl_matrix *height, size_t *order,
                  cl_error *err) {
  ldist *d = check_dist(L, idx);
  source src;
  int spent = 0, rc = refresh(L, idx, d, err);
  if (rc != CL_OK) return rc;
  lua_getiuservalue(L, idx, 1);
  src.x = lcl_checkmatrix(L, -1);
  src.d = d;
  src.rows = NULL;
  if (method == CL_HCLUST_SINGLE &&
      cl_distance_cheap((cl_distance_method)d->method, src.x->cols))
    rc = cl_distance_rows(src.x, (cl_distance_method)d->method, d->p,
                          &src.rows, err);
  if (rc == CL_OK)
    rc = cl_hclust_packed(d->data, d->n, method, recompute,
                          src.rows != NULL ? column : NULL, &src, merge,
                          height, order, &spent, err);
  free(src.rows);
  lua_pop(L, 1);
  if (spent) d->spent = 1;
  return rc;
}

void ldist_pushlabels (lua_State *L, int idx) {
  lua_Integer k, n;
  if (lua_getiuservalue(L, idx, 2) != LUA_TTABLE) return;
  n = luaL_len(L, -1);
  lua_createtable(L, (int)n, 0);
  for (k = 1; k <= n; k++) {
    lua_geti(L, -2, k);
    lua_rawseti(L, -2, k);
  }
  lua_remove(L, -2);
}

/* the dist at 1, its distances current (recomputed after hclust) */
static ldist *current (lua_State *L) {
  ldist *d = check_dist(L, 1);
  cl_error err;
  if (refresh(L, 1, d, &err) != CL_OK) lcl_errorf(L, "dist: %s", err.msg);
  return d;
}

/* the 0-based object at arg: 1..n or a row label of X */
static size_t object (lua_State *L, ldist *d, int arg) {
  if (lua_type(L, arg) == LUA_TSTRING) {
    const char *want = lua_tostring(L, arg);
    size_t k;
    if (lua_getiuservalue(L, 1, 2) == LUA_TTABLE)
      for (k = 0; k < d->n; k++) {
        int found = lua_rawgeti(L, -1, (lua_Integer)k + 1) == LUA_TSTRING &&
                    strcmp(lua_tostring(L, -1), want) == 0;
        lua_pop(L, 1);
        if (found) {
          lua_pop(L, 1);
          return k;
        }
      }
    lua_pop(L, 1);
    return (size_t)lcl_argerror(L, arg, "no object labelled '%s'", want);
  } else {
    int isint;
    lua_Integer k = lua_tointegerx(L, arg, &isint);
    if (!isint)
      return (size_t)lcl_argerror(L, arg, "object index or label expected, "
                                  "got %s", luaL_typename(L, arg));
    if (k < 1 || (lua_Unsigned)k > d->n)
      return (size_t)lcl_argerror(L, arg, "object %lld out of range 1..%zu",
                                  (long long)k, d->n);
    return (size_t)k - 1;
  }
}

/* D:size() -> the number of objects n */
static int dist_size (lua_State *L) {
  lua_pushinteger(L, (lua_Integer)check_dist(L, 1)->n);
  return 1;
}

/* D:get(i, j) -> the distance between objects i and j (indexes or labels) */
static int dist_get (lua_State *L) {
  ldist *d = current(L);
  size_t i = object(L, d, 2), j = object(L, d, 3), n = d->n;
  if (i > j) { size_t t = i; i = j; j = t; }
  lua_pushnumber(L, i == j ? 0.0
                        : d->data[i * n - i * (i + 1) / 2 + j - i - 1]);
  return 1;
}

/* D:matrix() -> the n x n matrix stats.dist gives, labelled */
static int dist_matrix (lua_State *L) {
  ldist *d = current(L);
  size_t i, j, n = d->n;
  cl_matrix *m = lcl_newmatrix(L, n, n);
  for (j = 0; j < n; j++) {
    const double *row = &d->data[j * n - j * (j + 1) / 2];  /* d(j, j + 1) */
    CL_AT(m, j, j) = 0.0;
    for (i = j + 1; i < n; i++)
      CL_AT(m, i, j) = CL_AT(m, j, i) = row[i - j - 1];
  }
  ldist_pushlabels(L, 1);
  lua_pushvalue(L, -1);
  lcl_setnames(L, -3, 1);
  lcl_setnames(L, -2, 2);
  return 1;
}

/* D:labels() -> a copy of the row labels of X, or nil */
static int dist_labels (lua_State *L) {
  check_dist(L, 1);
  lua_pushnil(L);
  ldist_pushlabels(L, 1);
  return 1;
}

static int dist_tostring (lua_State *L) {
  ldist *d = check_dist(L, 1);
  lua_pushfstring(L, "dist: %I objects, %s distances (%I pairs, packed)",
                  (lua_Integer)d->n, d->name,
                  (lua_Integer)(d->n < 2 ? 0 : d->n * (d->n - 1) / 2));
  return 1;
}

static const luaL_Reg methods[] = {
  {"size", dist_size},
  {"get", dist_get},
  {"matrix", dist_matrix},
  {"labels", dist_labels},
  {NULL, NULL}
};

void ldist_open (lua_State *L) {
  if (luaL_newmetatable(L, LDIST)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, dist_tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
}
