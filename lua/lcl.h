/*
** lcl.h -- what every clusterlab binding shares: the matrix userdata,
** conversions from Lua values, labels, and turning core errors into Lua ones.
*/
#ifndef LCL_H
#define LCL_H

#include <lua.h>
#include <lauxlib.h>

#include "../core/matrix.h"

#define LCL_MATRIX "clusterlab.matrix"
/* the largest number of rows or of columns: BLAS and LAPACK take int sizes,
** and a Lua table holds no more elements */
#define LCL_MAXDIM 0x7fffffff

/* which labels to copy between matrices */
#define LCL_ROWNAMES 1
#define LCL_COLNAMES 2
#define LCL_BOTHNAMES 3

/* Pushes a new r x c matrix (contents uninitialised) and returns it. Its
** storage lives inside the userdata, so the collector counts its size. */
cl_matrix *lcl_newmatrix (lua_State *L, size_t r, size_t c);
cl_matrix *lcl_checkmatrix (lua_State *L, int arg);
cl_matrix *lcl_testmatrix (lua_State *L, int arg);
/* Accepts a matrix, a Lua array of numbers (a column vector) or a table of
** rows; a converted value replaces the argument on the stack. */
cl_matrix *lcl_tomatrix (lua_State *L, int arg);
/* Like lcl_tomatrix, but the result must be square */
cl_matrix *lcl_checksquare (lua_State *L, int arg);

/* Labels are stored as user values 1 (rows) and 2 (columns): arrays of strings
** or nil; or a userdata whose metatable's __labels(ud) builds that array,
** so that a million row labels become Lua strings only when first used
** (lcl_getnames builds and stores it). */
void lcl_copynames (lua_State *L, int from, int to, int which);
/* the rownames of `from` become the colnames of `to` and vice versa */
void lcl_swapnames (lua_State *L, int from, int to);
/* pushes the label table (or nil) of matrix at idx; which is 1 or 2 */
int lcl_getnames (lua_State *L, int idx, int which);
/* pops a label table (or nil) and stores it in matrix at idx */
void lcl_setnames (lua_State *L, int idx, int which);
/* the label of row/column k (0-based), or NULL; anchored by the matrix's own
** label table, which only C code fills (lcl_pushlabels) */
const char *lcl_label (lua_State *L, int idx, int which, size_t k);

/* Pushes a fresh array of the n labels in the table at arg (numbers become
** strings): the matrix keeps its own copy, which later changes to the
** caller's table cannot reach. A count other than n, or an element that is
** not a string, is an argument error naming `what` ("row", "column"). */
void lcl_pushlabels (lua_State *L, int arg, size_t n, const char *what);

/* The length of the table at idx (through __len) as a count of elements of
** elem bytes each: a negative length, or one whose bytes would overflow a
** size or exceed Lua's own table limit, is an error on argument arg naming
** what. */
size_t lcl_checklength (lua_State *L, int idx, int arg, size_t elem,
                        const char *what);

/* Pushes a userdata holding an array of the strings at entries 1..n of the
** table at idx and returns the array. The strings are anchored in the
** userdata's user value, so C may use them as long as the userdata lives,
** whatever __index returned or the table later holds. Numbers become
** strings; anything else is NULL (what == NULL) or an error naming what. */
const char **lcl_pushstrings (lua_State *L, int idx, size_t n, const char *what);

/* Resolves a 1-based index or a label at stack position arg into a 0-based
** index along rows (which = 1) or columns (which = 2) of matrix at idx. */
size_t lcl_checkindex (lua_State *L, int idx, int which, int arg);

/* luaL_error with the whole of printf's formats (%zu, %g, %.3f ...), which
** lua_pushfstring lacks; adds the position like luaL_error */
int lcl_errorf (lua_State *L, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;

/* luaL_argerror with a printf-formatted reason: "bad argument #2 to 'get'
** (row index 5 out of range 1..2)" */
int lcl_argerror (lua_State *L, int arg, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/* Adds n {name, one-line description} pairs to the `_help` table of the
** module table on top of the stack (creating it), which help() reads */
void lcl_sethelp (lua_State *L, const char *const help[][2], size_t n);
#define LCL_NHELP(h)  (sizeof(h) / sizeof((h)[0]))

/* Raises the core error as a Lua error */
int lcl_error (lua_State *L, const cl_error *err);
/* Raises an error naming the first non-finite element of m (matrix at idx) */
void lcl_checkfinite (lua_State *L, int idx, const char *what);

#endif
