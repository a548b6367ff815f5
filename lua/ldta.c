/*
** ldta.c -- Stata .dta files through ReadStat (Evan Miller's libreadstat):
** dta.read gives the columns with their variable and value labels, Stata's
** missing values (. and .a to .z) as NaN; dta.write writes them back.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <readstat.h>

#include "lcl.h"

#define STATA_MAX_STR 2045  /* the longest str# Stata stores */

/* ------------------------------------------------------------------------ */
/* reading                                                                   */
/* ------------------------------------------------------------------------ */

/* The parse fills tables on the Lua stack; the callbacks only raise memory
** errors, as every Lua API call may. */
typedef struct reader {
  lua_State *L;
  int result;          /* stack index of the result table */
  int columns;         /* stack index of result.columns */
  int sets;            /* stack index of {label set name = {[code] = label}} */
  int setnames;        /* stack index of {variable = label set name} */
  int64_t nrow;
  int nvar;
  double **data;       /* data[v]: the numbers of variable v, or NULL for text */
  char message[256];   /* ReadStat's own message on an error */
} reader;

static int on_metadata (readstat_metadata_t *md, void *ctx) {
  reader *r = (reader *)ctx;
  lua_State *L = r->L;
  r->nrow = readstat_get_row_count(md);
  r->nvar = readstat_get_var_count(md);
  if (r->nrow < 0 || r->nvar < 0) return READSTAT_HANDLER_ABORT;
  r->data = (double **)lua_newuserdatauv(L, (r->nvar ? r->nvar : 1) * sizeof(double *), 0);
  lua_setfield(L, r->result, "_data");  /* anchors the pointers' storage */
  memset(r->data, 0, (r->nvar ? r->nvar : 1) * sizeof(double *));
  lua_pushinteger(L, (lua_Integer)r->nrow);
  lua_setfield(L, r->result, "nrow");
  if (readstat_get_file_label(md) && *readstat_get_file_label(md)) {
    lua_pushstring(L, readstat_get_file_label(md));
    lua_setfield(L, r->result, "file_label");
  }
  return READSTAT_HANDLER_OK;
}

static int on_variable (int index, readstat_variable_t *var, const char *val_labels, void *ctx) {
  reader *r = (reader *)ctx;
  lua_State *L = r->L;
  const char *name = readstat_variable_get_name(var);
  const char *label = readstat_variable_get_label(var);
  if (index < 0 || index >= r->nvar) return READSTAT_HANDLER_ABORT;
  lua_getfield(L, r->result, "names");
  lua_pushstring(L, name);
  lua_rawseti(L, -2, index + 1);
  lua_pop(L, 1);
  if (label && *label) {
    lua_getfield(L, r->result, "labels");
    lua_pushstring(L, label);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
  }
  if (val_labels && *val_labels) {
    lua_pushstring(L, val_labels);
    lua_setfield(L, r->setnames, name);
  }
  if (readstat_variable_get_type_class(var) == READSTAT_TYPE_CLASS_STRING) {
    lua_createtable(L, (int)r->nrow, 0);
  } else {
    cl_matrix *m = lcl_newmatrix(L, (size_t)r->nrow, 1);
    size_t i;
    for (i = 0; i < m->rows; i++) m->data[i] = NAN;
    r->data[index] = m->data;
  }
  lua_setfield(L, r->columns, name);
  return READSTAT_HANDLER_OK;
}

static int on_value (int obs, readstat_variable_t *var, readstat_value_t value, void *ctx) {
  reader *r = (reader *)ctx;
  int v = readstat_variable_get_index(var);
  if (obs < 0 || obs >= r->nrow || v < 0 || v >= r->nvar) return READSTAT_HANDLER_ABORT;
  if (r->data[v] != NULL) {
    /* system missing (.) and tagged missing (.a to .z) alike */
    r->data[v][obs] = readstat_value_is_missing(value, var) ? NAN : readstat_double_value(value);
  } else {
    const char *s = readstat_string_value(value);
    lua_State *L = r->L;
    lua_getfield(L, r->columns, readstat_variable_get_name(var));
    lua_pushstring(L, s ? s : "");
    lua_rawseti(L, -2, (lua_Integer)obs + 1);
    lua_pop(L, 1);
  }
  return READSTAT_HANDLER_OK;
}

static int on_value_label (const char *set, readstat_value_t value, const char *label, void *ctx) {
  reader *r = (reader *)ctx;
  lua_State *L = r->L;
  if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC
      || readstat_value_is_tagged_missing(value) || readstat_value_is_system_missing(value))
    return READSTAT_HANDLER_OK;  /* labels of missing codes: the values are NaN anyway */
  if (lua_getfield(L, r->sets, set) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, r->sets, set);
  }
  {
    double d = readstat_double_value(value);
    if (d == floor(d) && fabs(d) < 9.0e15) lua_pushinteger(L, (lua_Integer)d);
    else lua_pushnumber(L, d);
  }
  lua_pushstring(L, label);
  lua_settable(L, -3);
  lua_pop(L, 1);
  return READSTAT_HANDLER_OK;
}

static void on_error (const char *message, void *ctx) {
  reader *r = (reader *)ctx;
  snprintf(r->message, sizeof r->message, "%s", message);
  r->message[strcspn(r->message, "\n")] = '\0';
}

/* dta.read(path) -> {names=, labels=, columns=, value_labels=, nrow=, file_label=} */
static int dta_read (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  readstat_parser_t *parser;
  readstat_error_t rc;
  reader r;
  memset(&r, 0, sizeof r);
  r.L = L;
  lua_newtable(L);
  r.result = lua_gettop(L);
  lua_newtable(L);
  lua_setfield(L, r.result, "names");
  lua_newtable(L);
  lua_setfield(L, r.result, "labels");
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_setfield(L, r.result, "columns");
  r.columns = lua_gettop(L);
  lua_newtable(L);
  r.sets = lua_gettop(L);
  lua_newtable(L);
  r.setnames = lua_gettop(L);
  parser = readstat_parser_init();
  if (parser == NULL) return luaL_error(L, "dta.read: out of memory");
  readstat_set_metadata_handler(parser, on_metadata);
  readstat_set_variable_handler(parser, on_variable);
  readstat_set_value_handler(parser, on_value);
  readstat_set_value_label_handler(parser, on_value_label);
  readstat_set_error_handler(parser, on_error);
  rc = readstat_parse_dta(parser, path, &r);
  readstat_parser_free(parser);
  if (rc == READSTAT_ERROR_OPEN)
    return luaL_error(L, "dta.read: cannot open %s", path);
  if (rc != READSTAT_OK)
    return luaL_error(L, "dta.read: %s is not a readable Stata file: %s%s%s", path,
                      readstat_error_message(rc), *r.message ? ": " : "", r.message);
  /* value labels by variable: {variable = {[code] = label}} */
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, r.setnames) != 0) {  /* key: variable, value: set name */
    if (lua_gettable(L, r.sets) == LUA_TTABLE) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_settable(L, -4);
    } else {
      lua_pop(L, 1);
    }
  }
  lua_setfield(L, r.result, "value_labels");
  lua_pushnil(L);
  lua_setfield(L, r.result, "_data");
  lua_settop(L, r.result);
  return 1;
}

/* ------------------------------------------------------------------------ */
/* writing                                                                   */
/* ------------------------------------------------------------------------ */

static ssize_t write_bytes (const void *data, size_t len, void *ctx) {
  return fwrite(data, 1, len, (FILE *)ctx) == len ? (ssize_t)len : -1;
}

typedef struct column {
  const char *name;
  const cl_matrix *m;   /* numbers, or NULL for text (in the keep table) */
  size_t width;         /* bytes of the longest text */
  int labelled;         /* has value labels (integer codes, as Stata's) */
  readstat_variable_t *var;
} column;

/* t.<field>[name] pushed (nil when either is missing) */
static int getfield2 (lua_State *L, const char *field, const char *name) {
  if (lua_getfield(L, 2, field) != LUA_TTABLE) return lua_type(L, -1);
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
  return lua_type(L, -1);
}

/* Stata's rule for variable names (ASCII here): a letter or _ first, then
** letters, digits and _, at most 32 characters */
static int stata_name (const char *s) {
  size_t k, n = strlen(s);
  if (n == 0 || n > 32 || !(isalpha((unsigned char)s[0]) || s[0] == '_')) return 0;
  for (k = 1; k < n; k++)
    if (!(isalnum((unsigned char)s[k]) || s[k] == '_')) return 0;
  return 1;
}

/* checks column c (its values at the stack top) so that writing cannot fail;
** the caller resets the stack */
static void check_column (lua_State *L, column *c, lua_Integer nrow) {
  lua_Integer i;
  if (lua_istable(L, -1)) {
    size_t len;
    c->m = NULL;
    c->width = 1;
    if (luaL_len(L, -1) != nrow)
      lcl_errorf(L, "dta.write: column '%s' has %lld values, the first column %lld",
                 c->name, (long long)luaL_len(L, -1), (long long)nrow);
    for (i = 1; i <= nrow; i++) {
      if (lua_geti(L, -1, i) != LUA_TSTRING)
        lcl_errorf(L, "dta.write: column '%s' row %lld is not a string", c->name, (long long)i);
      lua_tolstring(L, -1, &len);
      if (len > c->width) c->width = len;
      lua_pop(L, 1);
    }
    if (c->width > STATA_MAX_STR)
      lcl_errorf(L, "dta.write: column '%s' has a text of %zu bytes (Stata's str# holds %d)",
                 c->name, c->width, STATA_MAX_STR);
    c->labelled = 0;
    return;
  }
  c->m = lcl_testmatrix(L, -1);
  if (c->m == NULL || c->m->cols != 1)
    lcl_errorf(L, "dta.write: column '%s' must be an n x 1 matrix or an array of strings", c->name);
  if ((lua_Integer)c->m->rows != nrow)
    lcl_errorf(L, "dta.write: column '%s' has %zu values, the first column %lld",
               c->name, c->m->rows, (long long)nrow);
  c->labelled = getfield2(L, "value_labels", c->name) == LUA_TTABLE;
  if (c->labelled) {
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
      int isint;
      lua_Integer code = lua_tointegerx(L, -2, &isint);
      if (!isint || code < -2147483647 || code > 2147483620 || lua_type(L, -1) != LUA_TSTRING)
        lcl_errorf(L, "dta.write: value labels of '%s' must be integer code = \"label\"", c->name);
      lua_pop(L, 1);
    }
  }
}

/* declares the variables and their label sets to the writer */
static void declare (lua_State *L, readstat_writer_t *w, column *cols, lua_Integer nvar) {
  lua_Integer v;
  for (v = 0; v < nvar; v++) {
    column *c = &cols[v];
    if (c->m == NULL)
      c->var = readstat_add_variable(w, c->name, READSTAT_TYPE_STRING, c->width);
    else
      c->var = readstat_add_variable(w, c->name, READSTAT_TYPE_DOUBLE, 0);
    if (getfield2(L, "labels", c->name) == LUA_TSTRING)
      readstat_variable_set_label(c->var, lua_tostring(L, -1));
    lua_pop(L, 1);
    if (c->labelled) {
      readstat_label_set_t *set = readstat_add_label_set(w, READSTAT_TYPE_INT32, c->name);
      getfield2(L, "value_labels", c->name);
      lua_pushnil(L);
      while (lua_next(L, -2) != 0) {
        readstat_label_int32_value(set, (int32_t)lua_tointeger(L, -2), lua_tostring(L, -1));
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
      readstat_variable_set_label_set(c->var, set);
    }
  }
}

static readstat_error_t write_rows (lua_State *L, readstat_writer_t *w, column *cols,
                                    lua_Integer nvar, lua_Integer nrow, int keep) {
  readstat_error_t rc = READSTAT_OK;
  lua_Integer i, v;
  for (i = 0; rc == READSTAT_OK && i < nrow; i++) {
    rc = readstat_begin_row(w);
    for (v = 0; rc == READSTAT_OK && v < nvar; v++) {
      column *c = &cols[v];
      if (c->m == NULL) {
        lua_rawgeti(L, keep, v + 1);
        lua_rawgeti(L, -1, i + 1);
        rc = readstat_insert_string_value(w, c->var, lua_tostring(L, -1));
        lua_pop(L, 2);
      } else {
        double d = c->m->data[i];
        if (isnan(d)) rc = readstat_insert_missing_value(w, c->var);
        else rc = readstat_insert_double_value(w, c->var, d);
      }
    }
    if (rc == READSTAT_OK) rc = readstat_end_row(w);
  }
  return rc;
}

/* dta.write(path, {names=, columns=, labels=, value_labels=, file_label=}) */
static int dta_write (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer nvar, nrow = 0, v;
  readstat_writer_t *w;
  readstat_error_t rc;
  column *cols;
  FILE *f;
  int keep;
  char tmp[4096];
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  luaL_argcheck(L, lua_getfield(L, 2, "names") == LUA_TTABLE, 2, "names must be an array of variable names");
  luaL_argcheck(L, lua_getfield(L, 2, "columns") == LUA_TTABLE, 2, "columns must be a table by name");
  nvar = luaL_len(L, 3);
  luaL_argcheck(L, nvar > 0, 2, "no variables to write");
  cols = (column *)lua_newuserdatauv(L, (size_t)nvar * sizeof(column), 0);
  lua_newtable(L);
  keep = lua_gettop(L);
  for (v = 0; v < nvar; v++) {
    if (lua_geti(L, 3, v + 1) != LUA_TSTRING)
      return luaL_error(L, "dta.write: name %d is not a string", (int)v + 1);
    cols[v].name = lua_tostring(L, -1);
    if (!stata_name(cols[v].name))
      return luaL_error(L, "dta.write: '%s' is not a Stata variable name (letters, digits and _,"
                        " not starting with a digit, at most 32 characters)", cols[v].name);
    lua_rawseti(L, keep, nvar + v + 1);   /* anchors the name */
    lua_getfield(L, 4, cols[v].name);
    if (!lua_istable(L, -1) && !lcl_testmatrix(L, -1))
      return luaL_error(L, "dta.write: no column '%s' (an n x 1 matrix or an array of strings)", cols[v].name);
    if (v == 0) nrow = lua_istable(L, -1) ? luaL_len(L, -1) : (lua_Integer)lcl_testmatrix(L, -1)->rows;
    lua_pushvalue(L, -1);
    lua_rawseti(L, keep, v + 1);
    check_column(L, &cols[v], nrow);
    lua_settop(L, keep);
  }
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
    return luaL_error(L, "dta.write: path too long: %s", path);
  f = fopen(tmp, "wb");
  if (f == NULL) return luaL_error(L, "dta.write: cannot write %s", path);
  w = readstat_writer_init();
  if (w == NULL) { fclose(f); remove(tmp); return luaL_error(L, "dta.write: out of memory"); }
  readstat_set_data_writer(w, write_bytes);
  readstat_writer_set_file_format_version(w, 118);
  if (lua_getfield(L, 2, "file_label") == LUA_TSTRING)
    readstat_writer_set_file_label(w, lua_tostring(L, -1));
  if (lua_getfield(L, 2, "timestamp") == LUA_TNUMBER)  /* for files that must not change */
    readstat_writer_set_file_timestamp(w, (time_t)lua_tointeger(L, -1));
  lua_pop(L, 2);
  declare(L, w, cols, nvar);
  rc = readstat_begin_writing_dta(w, f, (long)nrow);
  if (rc == READSTAT_OK) rc = write_rows(L, w, cols, nvar, nrow, keep);
  if (rc == READSTAT_OK) rc = readstat_end_writing(w);
  readstat_writer_free(w);
  if (fclose(f) != 0 && rc == READSTAT_OK) rc = READSTAT_ERROR_WRITE;
  if (rc == READSTAT_OK && rename(tmp, path) != 0) rc = READSTAT_ERROR_WRITE;
  if (rc != READSTAT_OK) {
    remove(tmp);
    return luaL_error(L, "dta.write: %s: %s", path, readstat_error_message(rc));
  }
  return 0;
}

static const luaL_Reg functions[] = {
  {"read", dta_read}, {"write", dta_write}, {NULL, NULL}
};

static const char *const help[][2] = {
  {"_about", "Stata .dta files (ReadStat): columns with variable and value labels"},
  {"read", "dta.read(path) -> {names=, columns={name = n x 1 matrix | array of strings}, "
   "labels={name = variable label}, value_labels={name = {[code] = label}}, nrow=, file_label=}; "
   "Stata's missing values . and .a to .z are NaN"},
  {"write", "dta.write(path, {names=, columns=, labels=, value_labels=, file_label=, timestamp=}) -- a Stata 14 "
   ".dta (format 118), numbers as doubles, NaN as '.'; written whole or not at all"},
};

int luaopen_dta (lua_State *L) {
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
