/*
** lstats_cluster.h -- distances, hierarchical clustering and cutree for the
** `stats` module (lstats_cluster.c); luaopen_stats calls this.
*/
#ifndef LSTATS_CLUSTER_H
#define LSTATS_CLUSTER_H

#include <lua.h>

/* adds dist, pdist (and the dist type), hclust, cutree, the lists of their
** method names (distances, linkages) and their _help entries to the module
** table on top of the stack */
void lstats_open_cluster (lua_State *L);

#endif
