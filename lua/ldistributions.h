/*
** ldistributions.h -- the distribution functions of the `stats` module
** (ldistributions.c). lstats.c lists them with the two macros below, one in
** its luaL_Reg table and one in its help table.
*/
#ifndef LDISTRIBUTIONS_H
#define LDISTRIBUTIONS_H

#include <lua.h>

int lstats_pnorm (lua_State *L);
int lstats_dnorm (lua_State *L);
int lstats_qnorm (lua_State *L);
int lstats_plogis (lua_State *L);
int lstats_pchisq (lua_State *L);
int lstats_pf (lua_State *L);
int lstats_pt (lua_State *L);

#define LSTATS_DISTRIBUTIONS \
  {"pnorm", lstats_pnorm}, {"dnorm", lstats_dnorm}, {"qnorm", lstats_qnorm}, \
  {"plogis", lstats_plogis}, {"pchisq", lstats_pchisq}, {"pf", lstats_pf}, \
  {"pt", lstats_pt},

#define LSTATS_DISTRIBUTIONS_HELP \
  {"pnorm", "stats.pnorm(x [, lower = true [, log = false]]) -- standard " \
   "normal cdf (or upper tail, or its log), accurate in both tails; x a " \
   "number or a matrix (elementwise), as R's pnorm"}, \
  {"dnorm", "stats.dnorm(x [, log = false]) -- standard normal density"}, \
  {"qnorm", "stats.qnorm(p [, lower = true]) -- standard normal quantile " \
   "(Wichura's AS 241), as R's qnorm"}, \
  {"plogis", "stats.plogis(x [, lower = true [, log = false]]) -- logistic " \
   "cdf 1/(1 + exp(-x)), as R's plogis"}, \
  {"pchisq", "stats.pchisq(q, df [, lower = true]) -- chi-square cdf (upper " \
   "tail with lower = false: a p-value), as R's pchisq"}, \
  {"pf", "stats.pf(q, df1, df2 [, lower = true]) -- F cdf, as R's pf"}, \
  {"pt", "stats.pt(q, df [, lower = true]) -- Student t cdf (df = math.huge " \
   "is the normal), as R's pt"},

#endif
