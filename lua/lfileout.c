/*
** lfileout.c -- the `fileout` module: every output file of clusterlab is
** written through here (core/fileout.c), whole or not at all, every write
** checked, errors naming the file.
*/
#include <string.h>

#include "lcl.h"
#include "../core/fileout.h"

/* fileout.write(path, text): text is a string or an array of strings */
static int fileout_write (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *text;
  size_t len;
  cl_fileout out;
  cl_error err;
  if (lua_type(L, 2) == LUA_TTABLE) {  /* joined first: no Lua runs while a temporary is open */
    luaL_Buffer b;
    lua_Integer k, n = luaL_len(L, 2);
    luaL_buffinit(L, &b);
    for (k = 1; k <= n; k++) {
      if (lua_geti(L, 2, k) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
        lcl_argerror(L, 2, "element %lld is %s, not a string", (long long)k,
                     luaL_typename(L, -1));
      luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    lua_replace(L, 2);
  }
  text = luaL_checklstring(L, 2, &len);
  if (cl_fileout_open(&out, path, &err) != CL_OK) return lcl_error(L, &err);
  if (cl_fileout_write(&out, text, len, &err) != CL_OK) {
    cl_fileout_abort(&out);
    return lcl_error(L, &err);
  }
  if (cl_fileout_commit(&out, &err) != CL_OK) return lcl_error(L, &err);
  lua_settop(L, 1);
  return 1;
}

/* fileout.mkdir(dir): creates dir and its parents; "" and "/" are refused */
static int fileout_mkdir (lua_State *L) {
  cl_error err;
  if (cl_fileout_mkdir(luaL_checkstring(L, 1), &err) != CL_OK)
    return lcl_error(L, &err);
  lua_settop(L, 1);
  return 1;
}

static const luaL_Reg functions[] = {
  {"write", fileout_write},
  {"mkdir", fileout_mkdir},
  {NULL, NULL}
};

static const char *const help[][2] = {
  {"_about", "output files written whole or not at all: a temporary file in "
   "the same folder, every write checked, then renamed over the old one"},
  {"write", "fileout.write(path, text) -- writes a string (or an array of "
   "strings, joined) to path atomically; a full disk, a size limit or a "
   "kill leaves the previous file intact; errors name the file"},
  {"mkdir", "fileout.mkdir(dir) -- creates the output folder and its parents; "
   "an empty name and the root folder are refused"},
};

int luaopen_fileout (lua_State *L) {
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
