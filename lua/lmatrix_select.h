/*
** lmatrix_select.h -- the matrix methods that choose parts and join matrices.
*/
#ifndef LMATRIX_SELECT_H
#define LMATRIX_SELECT_H

#include <lua.h>

int lmatrix_select (lua_State *L);  /* m:select(rows, cols) */
int lmatrix_drop (lua_State *L);    /* m:drop(rows, cols) */
int lmatrix_slice (lua_State *L);   /* m:slice(r1, r2, c1, c2) */
int lmatrix_row (lua_State *L);     /* m:row(i) */
int lmatrix_col (lua_State *L);     /* m:col(j) */
int lmatrix_hcat (lua_State *L);    /* matrix.hcat(a, b, ...) */
int lmatrix_vcat (lua_State *L);    /* matrix.vcat(a, b, ...) */

#endif
