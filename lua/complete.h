/*
** complete.h -- Tab completion at the REPL prompt.
*/
#ifndef LCOMPLETE_H
#define LCOMPLETE_H

#include <lua.h>

/* Makes readline complete global names, fields (leontief.inv<Tab>) and
** methods (m:col<Tab>) from the live Lua state L. */
void cl_completion_init (lua_State *L);

#endif
