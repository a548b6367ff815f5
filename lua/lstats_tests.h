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

#endif
