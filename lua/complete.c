/*
** complete.c -- Tab completion at the REPL prompt: global names and Lua
** keywords, fields of tables (leontief.inv -> leontief.inverse) and methods
** of values whose metatable has an __index table (m:col -> m:colnames).
** Lookups go through lua_rawget only, so completing never runs user code.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <readline/readline.h>

#include "complete.h"

#define MAX_CANDIDATES 512

static lua_State *completion_state;
static char *candidates[MAX_CANDIDATES];
static int ncandidates, next_candidate;

static const char *const keywords[] = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
  "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
  "true", "until", "while", NULL
};

static void clear_candidates (void) {
  int k;
  for (k = 0; k < ncandidates; k++) free(candidates[k]);
  ncandidates = next_candidate = 0;
}

static void add_candidate (const char *prefix, size_t plen, const char *name) {
  size_t nlen = strlen(name);
  char *s;
  if (ncandidates == MAX_CANDIDATES) return;
  s = (char *)malloc(plen + nlen + 1);
  if (s == NULL) return;
  memcpy(s, prefix, plen);
  memcpy(s + plen, name, nlen + 1);
  candidates[ncandidates++] = s;
}

static int is_identifier (const char *s) {
  if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
    return 0;
  for (s++; *s; s++)
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

/* adds the string keys of the table on top that start with partial */
static void add_keys (lua_State *L, const char *prefix, size_t plen,
                      const char *partial) {
  size_t len = strlen(partial);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char *k = lua_tostring(L, -1);
      if (strncmp(k, partial, len) == 0 && is_identifier(k) && k[0] != '_')
        add_candidate(prefix, plen, k);
    }
  }
}

/* pushes the value named by the dotted path text[0..len) from the globals,
** or nil; rawget only */
static void push_path (lua_State *L, const char *text, size_t len) {
  size_t start = 0, k;
  lua_pushglobaltable(L);
  for (k = 0; k <= len; k++) {
    if (k == len || text[k] == '.' || text[k] == ':') {
      if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return;
      }
      lua_pushlstring(L, text + start, k - start);
      lua_rawget(L, -2);
      lua_remove(L, -2);
      start = k + 1;
    }
  }
}

static char *generator (const char *text, int state) {
  (void)text;
  if (state == 0) next_candidate = 0;
  if (next_candidate < ncandidates) return strdup(candidates[next_candidate++]);
  return NULL;
}

static char **attempt_completion (const char *text, int start, int end) {
  lua_State *L = completion_state;
  const char *sep = NULL, *p;
  int top = lua_gettop(L);
  (void)start; (void)end;
  rl_attempted_completion_over = 1;  /* never fall back to file names */
  clear_candidates();
  for (p = text; *p; p++)
    if (*p == '.' || *p == ':') sep = p;
  if (sep == NULL) {
    int k;
    lua_pushglobaltable(L);
    add_keys(L, "", 0, text);
    for (k = 0; keywords[k] != NULL; k++)
      if (strncmp(keywords[k], text, strlen(text)) == 0)
        add_candidate("", 0, keywords[k]);
  } else {
    size_t plen = (size_t)(sep - text) + 1;
    push_path(L, text, (size_t)(sep - text));
    if (lua_istable(L, -1) && *sep == '.')
      add_keys(L, text, plen, sep + 1);
    if (lua_getmetatable(L, -1)) {  /* methods: an __index table */
      lua_pushliteral(L, "__index");
      lua_rawget(L, -2);
      if (lua_istable(L, -1)) add_keys(L, text, plen, sep + 1);
    }
  }
  lua_settop(L, top);
  rl_completion_append_character = '\0';
  return ncandidates > 0 ? rl_completion_matches(text, generator) : NULL;
}

void cl_completion_init (lua_State *L) {
  completion_state = L;
  rl_attempted_completion_function = attempt_completion;
  /* keep '.' and ':' inside the word being completed */
  rl_completer_word_break_characters = " \t\n\"\\'`@$><=;|&{(,+-*/%^#~[]";
}
