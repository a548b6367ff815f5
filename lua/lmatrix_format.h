/*
** lmatrix_format.h -- printing a labelled matrix as an aligned table.
*/
#ifndef LMATRIX_FORMAT_H
#define LMATRIX_FORMAT_H

#include <lua.h>

/* __tostring: trimmed to the terminal's width when printing to one */
int lmatrix_tostring (lua_State *L);
/* m:format{width=, rows=, digits=}: the same table with explicit limits */
int lmatrix_format (lua_State *L);

#endif
