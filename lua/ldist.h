/*
** ldist.h -- the packed dist userdata of stats.pdist (lua/ldist.c): the
** n(n-1)/2 distances between the rows of X as R's dist object, half the
** memory of stats.dist's n x n matrix, which stats.hclust clusters in place.
*/
#ifndef LDIST_H
#define LDIST_H

#include <lua.h>

#include "../core/hclust.h"

#define LDIST "clusterlab.dist"

typedef struct {
  size_t n;       /* objects */
  int method;     /* cl_distance_method */
  const char *name;  /* its name (a static string) */
  double p;       /* minkowski power */
  int spent;      /* data overwritten by hclust: recompute before use */
  double *data;   /* n(n-1)/2 distances, packed by rows (R's dist order) */
} ldist;

/* Pushes the distances between the rows of the (finite) matrix at x_idx;
** keeps a copy of X and of its row labels. */
ldist *ldist_push (lua_State *L, int x_idx, int method, const char *name,
                   double p);
/* the dist at idx, or NULL */
ldist *ldist_test (lua_State *L, int idx);
/* cl_hclust_packed on the dist at idx: no checks, no copy; a tie-broken run
** recomputes the distances from X, and the next use after hclust does too */
int ldist_hclust (lua_State *L, int idx, cl_hclust_method method,
                  cl_matrix *merge, cl_matrix *height, size_t *order,
                  cl_error *err);
/* pushes the dist's row labels (a fresh array) or nil */
void ldist_pushlabels (lua_State *L, int idx);
/* adds the dist metatable (methods size, get, matrix, labels) */
void ldist_open (lua_State *L);

#endif
