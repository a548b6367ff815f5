/*
** lstats_cluster.c -- stats.dist, stats.hclust and stats.cutree: distances
** between rows and agglomerative clustering in R's conventions (core/
** distance.c, core/hclust.c); argument checks, labels and messages only.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "ldist.h"
#include "lstats_cluster.h"
#include "../core/distance.h"
#include "../core/hclust.h"
#include "../core/hugepages.h"

static const char *const dist_methods[] = {
  "euclidean", "manhattan", "maximum", "canberra", "binary", "minkowski", NULL
};

/* in the order of cl_hclust_method, which starts at 1 */
static const char *const hclust_methods[] = {
  "ward.D", "single", "complete", "average", "mcquitty", "median",
  "centroid", "ward.D2", NULL
};

/* index of the method name at arg (def when absent) in names; an unknown
** name is an error listing the known ones */
static int check_method (lua_State *L, int arg, const char *def,
                         const char *const names[]) {
  const char *name = luaL_optstring(L, arg, def);
  luaL_Buffer b;
  int k;
  for (k = 0; names[k] != NULL; k++)
    if (strcmp(names[k], name) == 0) return k;
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "unknown method '%s' (expected ", name);
  luaL_addvalue(&b);
  for (k = 0; names[k] != NULL; k++) {
    if (k > 0) luaL_addstring(&b, ", ");
    luaL_addstring(&b, names[k]);
  }
  luaL_addchar(&b, ')');
  luaL_pushresult(&b);
  return luaL_argerror(L, arg, lua_tostring(L, -1));
}

/* the arguments (X [, method = "euclidean" [, p]]) of dist and pdist */
static cl_matrix *check_dist_args (lua_State *L, const char *what,
                                   int *method, double *p) {
  cl_matrix *x;
  lua_settop(L, 3);
  x = lcl_tomatrix(L, 1);
  *method = check_method(L, 2, "euclidean", dist_methods);
  *p = luaL_optnumber(L, 3, 2.0);
  if (*method == CL_DIST_MINKOWSKI && !(isfinite(*p) && *p > 0))
    lcl_argerror(L, 3, "minkowski power p must be a positive finite number, "
                 "got %g", *p);
  luaL_argcheck(L, x->cols > 0, 1, "X has no columns");
  lcl_checkfinite(L, 1, what);
  return x;
}

/* stats.dist(X [, method = "euclidean" [, p]]) */
static int stats_dist (lua_State *L) {
  cl_matrix *x, *d;
  int method;
  double p;
  cl_error err;
  x = check_dist_args(L, "dist: X", &method, &p);
  d = lcl_newmatrix(L, x->rows, x->rows);
  if (cl_distance_matrix(x, (cl_distance_method)method, p, d, &err) != CL_OK)
    return lcl_errorf(L, "dist: %s", err.msg);
  lcl_getnames(L, 1, 1);
  lua_pushvalue(L, -1);
  lcl_setnames(L, 4, 1);
  lcl_setnames(L, 4, 2);
  return 1;
}

/* stats.pdist(X [, method = "euclidean" [, p]]) */
static int stats_pdist (lua_State *L) {
  int method;
  double p;
  check_dist_args(L, "pdist: X", &method, &p);
  ldist_push(L, 1, method, dist_methods[method], p);
  return 1;
}

/* the labels of D's rows bad[0], bad[1] as " (a, b)", or "" */
static const char *pair_labels (lua_State *L, const size_t bad[2]) {
  const char *a = lcl_label(L, 1, 1, bad[0]), *b = lcl_label(L, 1, 1, bad[1]);
  if (a == NULL || b == NULL) return "";
  return lua_pushfstring(L, " (%s, %s)", a, b);
}

/* pushes a copy of the array of labels of matrix idx (which 1 or 2), or nil */
static void push_labels (lua_State *L, int idx, int which) {
  lua_Integer k, n;
  if (lcl_getnames(L, idx, which) != LUA_TTABLE) return;
  n = luaL_len(L, -1);
  lua_createtable(L, (int)n, 0);
  for (k = 1; k <= n; k++) {
    lua_geti(L, -2, k);
    lua_rawseti(L, -2, k);
  }
  lua_remove(L, -2);
}

/* stats.hclust(D [, method = "complete"]): D an n x n matrix (checked, then
** packed) or a dist from stats.pdist (clustered in place) */
static int stats_hclust (lua_State *L) {
  cl_matrix *d = NULL, *merge, *height;
  size_t bad[2], *order, n, k;
  int method, rc;
  cl_error err;
  lua_settop(L, 2);
  if (ldist_test(L, 1) == NULL) d = lcl_checksquare(L, 1);
  method = check_method(L, 2, "complete", hclust_methods) + CL_HCLUST_WARD_D;
  if (d != NULL) {
    lcl_checkfinite(L, 1, "hclust: D");
    if (cl_hclust_check(d, bad, &err) != CL_OK)
      return lcl_errorf(L, "hclust: %s%s", err.msg,
                        bad[0] < d->rows ? pair_labels(L, bad) : "");
    n = d->rows;
  } else if ((n = ldist_test(L, 1)->n) < 2)
    return lcl_errorf(L, "hclust: clustering needs at least 2 objects, got "
                      "%zu", n);
  lua_createtable(L, 0, 5);                 /* 3: the tree */
  merge = lcl_newmatrix(L, n - 1, 2);
  lua_setfield(L, 3, "merge");
  height = lcl_newmatrix(L, n - 1, 1);
  lua_setfield(L, 3, "height");
  order = (size_t *)lua_newuserdatauv(L, n * sizeof(size_t), 0);
  if (d != NULL) {  /* checked above: pack and cluster the copy in place */
    double *diss = lua_newuserdatauv(L, n * (n - 1) / 2 * sizeof(double), 0);
    int spent;
    cl_hugepages(diss, n * (n - 1) / 2 * sizeof(double));
    cl_hclust_pack(d, diss);
    rc = cl_hclust_packed(diss, n, (cl_hclust_method)method, cl_hclust_repack,
                          NULL, d, merge, height, order, &spent, &err);
    lua_pop(L, 1);
  } else
    rc = ldist_hclust(L, 1, (cl_hclust_method)method, merge, height, order,
                      &err);
  if (rc != CL_OK) return lcl_errorf(L, "hclust: %s", err.msg);
  lua_createtable(L, (int)n, 0);
  for (k = 0; k < n; k++) {
    lua_pushinteger(L, (lua_Integer)order[k] + 1);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  lua_setfield(L, 3, "order");
  lua_pop(L, 1);                            /* the order buffer */
  if (d != NULL) push_labels(L, 1, 1);
  else ldist_pushlabels(L, 1);
  lua_setfield(L, 3, "labels");
  lua_pushstring(L, hclust_methods[method - CL_HCLUST_WARD_D]);
  lua_setfield(L, 3, "method");
  return 1;
}

/* pushes tree.<field> as a matrix (converted from a table if need be) */
static cl_matrix *tree_field (lua_State *L, const char *field) {
  if (lua_getfield(L, 1, field) == LUA_TNIL)
    lcl_argerror(L, 1, "tree has no '%s' (expected the result of "
                 "stats.hclust)", field);
  return lcl_tomatrix(L, -1);
}

/* stats.cutree(tree, k) or stats.cutree(tree, {k = k} or {h = h}) */
static int stats_cutree (lua_State *L) {
  cl_matrix *merge;
  size_t *cluster, n, i, k;
  lua_Integer kk;
  cl_error err;
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_istable(L, 2)) {
    int hastype = lua_getfield(L, 2, "h"), ktype = lua_getfield(L, 2, "k");
    luaL_argcheck(L, (hastype == LUA_TNIL) != (ktype == LUA_TNIL), 2,
                  "give either k (groups) or h (height), not both or neither");
    lua_remove(L, hastype == LUA_TNIL ? 3 : 4);   /* 3: the given one */
    lua_pushboolean(L, hastype != LUA_TNIL);      /* 4: by height? */
  } else {
    if (lua_type(L, 2) != LUA_TNUMBER)
      return lcl_argerror(L, 2, "k (a number of groups), {k = k} or {h = "
                          "height} expected, got %s", luaL_typename(L, 2));
    lua_pushvalue(L, 2);
    lua_pushboolean(L, 0);
  }
  merge = tree_field(L, "merge");                 /* 5 */
  if (cl_hclust_check_merge(merge, &err) != CL_OK)
    return lcl_argerror(L, 1, "tree.merge: %s", err.msg);
  n = merge->rows + 1;
  if (lua_toboolean(L, 4)) {
    cl_matrix *height = tree_field(L, "height");  /* 6 */
    int isnum;
    double h = lua_tonumberx(L, 3, &isnum);
    if (!isnum) return lcl_argerror(L, 2, "h must be a number (a height)");
    if (cl_matrix_size(height) != n - 1)
      return lcl_argerror(L, 1, "tree.height has %zu values for %zu merges",
                          cl_matrix_size(height), n - 1);
    if (cl_hclust_k_for_height(height->data, n - 1, h, &k, &err) != CL_OK)
      return lcl_errorf(L, "cutree: %s", err.msg);
  } else {
    int isint;
    kk = lua_tointegerx(L, 3, &isint);
    if (!isint) return lcl_argerror(L, 2, "k must be a whole number of groups");
    if (kk < 1 || (lua_Unsigned)kk > n)
      return lcl_argerror(L, 2, "k = %lld groups: must be between 1 and %zu",
                          (long long)kk, n);
    k = (size_t)kk;
  }
  cluster = (size_t *)lua_newuserdatauv(L, n * sizeof(size_t), 0);
  if (cl_hclust_cutree(merge, k, cluster, &err) != CL_OK)
    return lcl_errorf(L, "cutree: %s", err.msg);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_pushinteger(L, (lua_Integer)cluster[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* pushes a NULL-terminated list of names as a Lua array */
static void push_names (lua_State *L, const char *const names[]) {
  int k;
  lua_newtable(L);
  for (k = 0; names[k] != NULL; k++) {
    lua_pushstring(L, names[k]);
    lua_rawseti(L, -2, k + 1);
  }
}

static const luaL_Reg functions[] = {
  {"dist", stats_dist},
  {"pdist", stats_pdist},
  {"hclust", stats_hclust},
  {"cutree", stats_cutree},
  {NULL, NULL}
};

static const char *const help[][2] = {
  {"dist", "stats.dist(X [, method = \"euclidean\" [, p]]) -- n x n distances "
   "between the rows of X, labelled by its row labels, as R's dist: "
   "euclidean, manhattan, maximum, canberra (0/0 columns left out and the "
   "sum rescaled), binary (Jaccard: of the columns non-zero in either row, "
   "the share non-zero in only one; two all-zero rows are at 0), minkowski "
   "with power p > 0"},
  {"pdist", "stats.pdist(X [, method = \"euclidean\" [, p]]) -> dist -- the "
   "distances of stats.dist packed as R's dist object (n(n-1)/2 numbers, "
   "half the memory of the matrix), which stats.hclust clusters in place "
   "without checks or copies; D:size(), D:get(i, j) (indexes or row "
   "labels), D:matrix() (the n x n matrix), D:labels()"},
  {"hclust", "stats.hclust(D [, method = \"complete\"]) -> {merge, height, "
   "order, labels, method} -- agglomerative clustering of a symmetric "
   "dissimilarity matrix or a stats.pdist dist as R's hclust (same merge order, ties and leaf "
   "order): single, complete, average (UPGMA), mcquitty, centroid, median, "
   "ward.D, ward.D2; merge rows: -i = observation i, +s = step s"},
  {"distances", "stats.distances -- the names stats.dist accepts, in order"},
  {"linkages", "stats.linkages -- the names stats.hclust accepts (R's methods)"},
  {"cutree", "stats.cutree(tree, k) or stats.cutree(tree, {h = height}) -> "
   "array of the group (1..k) of each observation, numbered in order of "
   "first appearance, as R's cutree"},
};

void lstats_open_cluster (lua_State *L) {
  size_t k;
  ldist_open(L);
  luaL_setfuncs(L, functions, 0);
  if (lua_getfield(L, -1, "_help") != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "_help");
  }
  for (k = 0; k < sizeof help / sizeof help[0]; k++) {
    lua_pushstring(L, help[k][1]);
    lua_setfield(L, -2, help[k][0]);
  }
  lua_pop(L, 1);
  push_names(L, dist_methods);    /* so that scripts offer every one */
  lua_setfield(L, -2, "distances");
  push_names(L, hclust_methods);
  lua_setfield(L, -2, "linkages");
}
