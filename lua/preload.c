/*
** preload.c -- the list of C modules: `require "matrix"` etc. find them here.
** A new binding adds its luaopen_ function to this table.
*/
#include <lauxlib.h>

#include "preload.h"

int luaopen_matrix (lua_State *L);
int luaopen_linalg (lua_State *L);
int luaopen_stats (lua_State *L);
int luaopen_leontief (lua_State *L);
int luaopen_csv (lua_State *L);
int luaopen_timer (lua_State *L);
int luaopen_xlsx (lua_State *L);
int luaopen_folder (lua_State *L);
int luaopen_dta (lua_State *L);
int luaopen_glmfit (lua_State *L);
int luaopen_fileout (lua_State *L);

static const luaL_Reg modules[] = {
  {"matrix", luaopen_matrix},
  {"linalg", luaopen_linalg},
  {"stats", luaopen_stats},
  {"leontief", luaopen_leontief},
  {"csv", luaopen_csv},
  {"timer", luaopen_timer},
  {"xlsx", luaopen_xlsx},
  {"folder", luaopen_folder},
  {"dta", luaopen_dta},
  {"glmfit", luaopen_glmfit},
  {"fileout", luaopen_fileout},
  {NULL, NULL}
};

void cl_preload (lua_State *L) {
  const luaL_Reg *m;
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  for (m = modules; m->func != NULL; m++) {
    lua_pushcfunction(L, m->func);
    lua_setfield(L, -2, m->name);
  }
  lua_pop(L, 1);
}
