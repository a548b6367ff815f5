/*
** lfolder.c -- the `folder` module: the names in a folder (POSIX readdir),
** so that stdlib can discover a chapter's outputs without a shell.
*/
#include <dirent.h>
#include <errno.h>
#include <string.h>

#include <lauxlib.h>

/* a DIR closed however the listing ends (an error mid-way included) */
typedef struct Folder {
  DIR *d;
} Folder;

#define FOLDER "clusterlab.folder"

static int folder_gc (lua_State *L) {
  Folder *f = (Folder *)luaL_checkudata(L, 1, FOLDER);
  if (f->d != NULL) closedir(f->d);
  f->d = NULL;
  return 0;
}

/* folder.list(path) -> {names} (not . or .., unsorted), or nil, message */
static int folder_list (lua_State *L) {
  size_t len;
  const char *path = luaL_checklstring(L, 1, &len);
  Folder *f;
  struct dirent *e;
  lua_Integer n = 0;
  luaL_argcheck(L, strlen(path) == len, 1, "a folder name cannot hold a NUL byte");
  f = (Folder *)lua_newuserdatauv(L, sizeof(Folder), 0);
  f->d = NULL;
  luaL_setmetatable(L, FOLDER);
  f->d = opendir(path);
  if (f->d == NULL) {
    int err = errno;
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, strerror(err));
    return 2;
  }
  lua_newtable(L);
  while ((e = readdir(f->d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    lua_pushstring(L, e->d_name);
    lua_rawseti(L, -2, ++n);
  }
  closedir(f->d);
  f->d = NULL;
  return 1;
}

static const luaL_Reg folder_functions[] = {
  {"list", folder_list},
  {NULL, NULL}
};

int luaopen_folder (lua_State *L) {
  luaL_newmetatable(L, FOLDER);
  lua_pushcfunction(L, folder_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newlib(L, folder_functions);
  lua_newtable(L);
  lua_pushliteral(L, "the names in a folder, without a shell");
  lua_setfield(L, -2, "_about");
  lua_pushliteral(L, "folder.list(path) -> array of the names in the folder (not . or ..; unsorted), "
                     "or nil and a message");
  lua_setfield(L, -2, "list");
  lua_setfield(L, -2, "_help");
  return 1;
}
