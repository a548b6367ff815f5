/*
** lstats_tests.h -- t-tests, the chi-square test and significance stars for
** the `stats` module (lstats_tests.c); luaopen_stats calls this.
*/
#ifndef LSTATS_TESTS_H
#define LSTATS_TESTS_H

#include <lua.h>

/* adds ttest, chisq_test, stars and their _help entries to the module table
** on top of the stack */
void lstats_open_tests (lua_State *L);

/* Category codes of the vector at arg (numbers or strings; a matrix or a Lua
** array): pushes a userdata holding codes[i], the 0-based level of element
** i or -1 when it is NaN (missing); levels maps each value to its code in the
** table at index `levels`, and *nlevels counts them. Returns the length. */
size_t lstats_category_codes (lua_State *L, int arg, const char *name,
                              int levels, int **codes, size_t *nlevels);

#endif
