/*
** preload.h -- the C modules the host registers in package.preload.
*/
#ifndef LPRELOAD_H
#define LPRELOAD_H

#include <lua.h>

/* Registers every C module so that `require "name"` finds it. */
void cl_preload (lua_State *L);

#endif
