/*
** lcsv.c -- the `csv` module: numeric tables with labels, survey tables with
** text columns, and raw rows, read through core/csvread.c; matrices written.
*/
#include <math.h>
#include <string.h>

#include "lcl.h"
#include "../core/csvmatrix.h"
#include "../core/csvread.h"
#include "../core/csvwrite.h"

#define LCSV_TABLE "clusterlab.csvtable"
#define LCSV_LABELS "clusterlab.csvlabels"
#define LCSV_MATRIX "clusterlab.csvmatrix"

typedef struct options {
  char sep;            /* 0: guess from the first line */
  int trim;            /* drop spaces around unquoted fields */
  size_t max_line;     /* longest line in bytes */
  char decimal, thousands;
  int header, rownames;
  cl_csv_numfmt fmt;
} options;

/* ---------------------------------------------------------------- */
/* options                                                          */
/* ---------------------------------------------------------------- */

/* Every key of the options table at arg must be one of keys (NULL-ended). */
static void check_keys (lua_State *L, int arg, const char *const keys[]) {
  lua_pushnil(L);
  while (lua_next(L, arg) != 0) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    size_t i;
    for (i = 0; k != NULL && keys[i] != NULL; i++)
      if (strcmp(k, keys[i]) == 0) break;
    if (k == NULL || keys[i] == NULL) {
      luaL_tolstring(L, -2, NULL);
      lcl_argerror(L, arg, "unknown option '%s'", lua_tostring(L, -1));
    }
    lua_pop(L, 1);
  }
}

/* a one-character option among allowed ("\t" counts as one), or def */
static char opt_char (lua_State *L, int arg, const char *key,
                      const char *allowed, const char *shown, char def) {
  size_t len;
  const char *s;
  char c = def;
  lua_getfield(L, arg, key);
  if (!lua_isnil(L, -1)) {
    s = lua_tolstring(L, -1, &len);
    if (s == NULL || len != 1 || strchr(allowed, s[0]) == NULL)
      lcl_argerror(L, arg, "opts.%s must be one of %s", key, shown);
    c = s[0];
  }
  lua_pop(L, 1);
  return c;
}

static int opt_bool (lua_State *L, int arg, const char *key, int def) {
  int t = lua_getfield(L, arg, key), b = def;
  if (t != LUA_TNIL) {
    if (t != LUA_TBOOLEAN)
      lcl_argerror(L, arg, "opts.%s must be true or false", key);
    b = lua_toboolean(L, -1);
  }
  lua_pop(L, 1);
  return b;
}

/* opts.max_line: the longest line accepted, in bytes (default 64 MB) */
static size_t opt_max_line (lua_State *L, int arg) {
  lua_Integer v = 0;
  if (lua_getfield(L, arg, "max_line") != LUA_TNIL
      && (!lua_isinteger(L, -1) || (v = lua_tointeger(L, -1)) < 1))
    lcl_argerror(L, arg, "opts.max_line must be a whole number of bytes >= 1");
  lua_pop(L, 1);
  return (size_t)v;
}

/* opts.rownames: true (the first column holds the row labels), false (no
** labels), or k: column k holds them and the columns before it (codes,
** say) are skipped. Returns the number of leading columns that are not
** numbers. */
static int opt_rownames (lua_State *L, int arg) {
  int t = lua_getfield(L, arg, "rownames"), k = 1;
  if (t == LUA_TBOOLEAN) k = lua_toboolean(L, -1);
  else if (t != LUA_TNIL) {
    lua_Integer v;
    if (!lua_isinteger(L, -1) || (v = lua_tointeger(L, -1)) < 1 || v > 10000)
      lcl_argerror(L, arg, "opts.rownames must be true, false or the number of "
                   "the column holding the row labels");
    else k = (int)v;
  }
  lua_pop(L, 1);
  return k;
}

/* opts.na: true ("" and "NA"), a string, or a list of strings (and "") */
static void opt_na (lua_State *L, int arg, cl_csv_numfmt *fmt) {
  int t = lua_getfield(L, arg, "na");
  fmt->na = 0;
  fmt->na_strings = NULL;
  fmt->n_na = 0;
  if (t == LUA_TBOOLEAN) fmt->na = lua_toboolean(L, -1);
  else if (t == LUA_TSTRING || t == LUA_TTABLE) {
    size_t n = 1, k;
    const char **list;
    if (t == LUA_TSTRING) {  /* a list of one */
      lua_createtable(L, 1, 0);
      lua_insert(L, -2);
      lua_rawseti(L, -2, 1);
    } else n = lcl_checklength(L, -1, arg, sizeof(char *), "opts.na");
    for (k = 1; k <= n; k++) {
      if (lua_geti(L, -1, (lua_Integer)k) != LUA_TSTRING)
        lcl_argerror(L, arg, "opts.na[%zu] must be a string", k);
      lua_pop(L, 1);
    }
    list = lcl_pushstrings(L, -1, n, "opts.na");  /* the strings anchored */
    lua_setfield(L, arg, "na list");  /* kept alive in the options copy */
    fmt->na = 1;
    fmt->na_strings = list;
    fmt->n_na = n;
  } else if (t != LUA_TNIL)
    lcl_argerror(L, arg, "opts.na must be true, a string or a list of strings");
  lua_pop(L, 1);
}

/* Reads the options at arg (a table or nil) allowed by keys into o. The
** options table is copied, so that opt_na can anchor its list in it. */
static void check_options (lua_State *L, int arg, const char *const keys[],
                           options *o) {
  lua_settop(L, arg);  /* the options are the last argument */
  if (lua_isnil(L, arg)) {
    lua_newtable(L);
    lua_replace(L, arg);
  }
  luaL_checktype(L, arg, LUA_TTABLE);
  check_keys(L, arg, keys);
  lua_newtable(L);  /* the copy */
  lua_pushnil(L);
  while (lua_next(L, arg) != 0) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_settable(L, -4);
  }
  lua_replace(L, arg);
  o->sep = opt_char(L, arg, "sep", ",;\t|", "\",\", \";\", \"\\t\", \"|\"", 0);
  o->decimal = opt_char(L, arg, "decimal", ".,", "\".\", \",\"", '.');
  o->thousands = opt_char(L, arg, "thousands", ".,' ",
                          "\".\", \",\", \"'\", \" \"", 0);
  if (o->sep != 0 && o->sep == o->decimal)
    lcl_argerror(L, arg, "opts.sep and opts.decimal are both '%c'", o->sep);
  if (o->thousands != 0 && o->thousands == o->decimal)
    lcl_argerror(L, arg, "opts.thousands and opts.decimal are both '%c'",
                 o->decimal);
  o->header = opt_bool(L, arg, "header", 1);
  o->trim = opt_bool(L, arg, "trim", 0);
  o->max_line = opt_max_line(L, arg);
  o->rownames = opt_rownames(L, arg);
  opt_na(L, arg, &o->fmt);
  o->fmt.decimal = o->decimal;
  o->fmt.thousands = o->thousands == ' ' ? 0 : o->thousands;
}

/* ---------------------------------------------------------------- */
/* the parsed file, freed by the collector if an error interrupts   */
/* ---------------------------------------------------------------- */

static int table_gc (lua_State *L) {
  cl_csv_free((cl_csv_table *)luaL_checkudata(L, 1, LCSV_TABLE));
  return 0;
}

static int matrix_gc (lua_State *L) {
  cl_csv_matrix_close((cl_csv_matrix *)luaL_checkudata(L, 1, LCSV_MATRIX));
  return 0;
}

/* the reader's options among the user's */
static cl_csv_readopts readopts (const options *o) {
  cl_csv_readopts ro;
  ro.sep = o->sep;
  ro.decimal = o->decimal;
  ro.trim = o->trim;
  ro.max_line = o->max_line;
  return ro;
}

static cl_csv_table *read_file (lua_State *L, const char *path,
                                const options *o) {
  cl_error err;
  cl_csv_readopts ro = readopts(o);
  cl_csv_table *t = (cl_csv_table *)lua_newuserdatauv(L, sizeof(*t), 0);
  cl_csv_init(t);
  luaL_setmetatable(L, LCSV_TABLE);
  if (cl_csv_read_opts(t, path, &ro, &err) != CL_OK)
    lcl_error(L, &err);
  return t;
}

/* the header row needs data rows under it, all rows the same width */
static void check_shape (lua_State *L, const cl_csv_table *t, int header) {
  cl_error err;
  if (header && t->nrows < 2)
    lcl_errorf(L, "%s: no data rows after the header", t->path);
  if (cl_csv_check_width(t, header, &err) != CL_OK) lcl_error(L, &err);
}

/* pushes the fields j0.. of row i as an array of strings */
static void push_row (lua_State *L, const cl_csv_table *t, size_t i, size_t j0) {
  size_t w = cl_csv_width(t, i), j;
  lua_createtable(L, (int)(w - j0), 0);
  for (j = j0; j < w; j++) {
    lua_pushstring(L, cl_csv_cell(t, i, j));
    lua_rawseti(L, -2, (lua_Integer)(j - j0 + 1));
  }
}

/* pushes field j of rows i0.. as an array of strings */
static void push_column (lua_State *L, const cl_csv_table *t, size_t i0, size_t j) {
  size_t i;
  lua_createtable(L, (int)(t->nrows - i0), 0);
  for (i = i0; i < t->nrows; i++) {
    lua_pushstring(L, cl_csv_cell(t, i, j));
    lua_rawseti(L, -2, (lua_Integer)(i - i0 + 1));
  }
}

/* Row labels kept as one block of text until a label is first used (see
** lcl_getnames): making a million Lua strings took a third of reading a
** 1e6 x 10 file. */
typedef struct deferred_labels {
  size_t n;
  size_t *offset;      /* of each label in text, NUL-terminated */
  char *text;
} deferred_labels;

/* __labels(ud): the array of strings */
static int labels_build (lua_State *L) {
  deferred_labels *d = (deferred_labels *)luaL_checkudata(L, 1, LCSV_LABELS);
  size_t k;
  lua_createtable(L, (int)d->n, 0);
  for (k = 0; k < d->n; k++) {
    lua_pushstring(L, d->text + d->offset[k]);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/* pushes room for n deferred labels of `bytes` bytes in all: one userdata
** holding the offsets and the text */
static deferred_labels *new_deferred_labels (lua_State *L, size_t n,
                                             size_t bytes) {
  deferred_labels *d = (deferred_labels *)lua_newuserdatauv(
      L, sizeof(*d) + n * sizeof(size_t) + bytes, 0);
  d->n = n;
  d->offset = (size_t *)(d + 1);
  d->text = (char *)(d->offset + n);
  luaL_setmetatable(L, LCSV_LABELS);
  return d;
}

/* pushes n labels as deferred labels */
static void push_deferred_labels (lua_State *L, const cl_csv_span *label,
                                  size_t n) {
  size_t bytes = 0, i;
  deferred_labels *d;
  char *w;
  for (i = 0; i < n; i++) bytes += label[i].n + 1;
  d = new_deferred_labels(L, n, bytes);
  w = d->text;
  for (i = 0; i < n; i++) {
    memcpy(w, label[i].s, label[i].n);
    w[label[i].n] = '\0';
    d->offset[i] = (size_t)(w - d->text);
    w += label[i].n + 1;
  }
}

/* pushes field j of rows i0.. as deferred labels */
static void push_deferred_column (lua_State *L, const cl_csv_table *t,
                                  size_t i0, size_t j) {
  size_t n = t->nrows - i0, i;
  cl_csv_span *label = (cl_csv_span *)lua_newuserdatauv(L, n * sizeof(*label),
                                                        0);  /* scratch */
  for (i = 0; i < n; i++) {
    label[i].s = cl_csv_cell(t, i0 + i, j);
    label[i].n = strlen(label[i].s);
  }
  push_deferred_labels(L, label, n);
  lua_remove(L, -2);
}

/* ---------------------------------------------------------------- */
/* reading                                                          */
/* ---------------------------------------------------------------- */

static const char *const read_keys[] = {
  "sep", "decimal", "thousands", "header", "rownames", "na", "trim",
  "max_line", NULL
};

/* raises err after unmapping the file (not left to the collector) */
static int closed_error (lua_State *L, cl_csv_matrix *f, const cl_error *err) {
  cl_csv_matrix_close(f);
  return lcl_error(L, err);
}

/* csv.read's fast path (core/csvmatrix.c: the file mapped, bands of lines
** on threads): pushes the matrix and returns 1, or returns 0 when the file
** needs the general reader (which gives any message) */
static int read_mapped (lua_State *L, const char *path, const options *o,
                        size_t col0) {
  cl_csv_readopts ro = readopts(o);
  cl_error err;
  cl_matrix *m;
  int status;
  cl_csv_matrix *f = (cl_csv_matrix *)lua_newuserdatauv(L, sizeof(*f), 0);
  cl_csv_matrix_init(f);
  luaL_setmetatable(L, LCSV_MATRIX);
  status = cl_csv_matrix_open(f, path, &ro, o->header, col0, &err);
  if (status == CL_CSV_GENERAL) {
    cl_csv_matrix_close(f);
    lua_pop(L, 1);
    return 0;
  }
  if (status != CL_OK) closed_error(L, f, &err);
  m = lcl_newmatrix(L, f->nrows, f->width - col0);
  status = cl_csv_matrix_fill(f, &o->fmt, m->data, &err);
  if (status == CL_CSV_GENERAL) {
    cl_csv_matrix_close(f);
    lua_pop(L, 2);
    return 0;
  }
  if (status != CL_OK) closed_error(L, f, &err);
  if (o->header) {
    push_row(L, &f->head, 0, col0);
    lcl_setnames(L, -2, 2);
  }
  if (col0 > 0) {
    deferred_labels *d = new_deferred_labels(L, f->nrows,
                                             f->label_at[f->nbands]);
    if (cl_csv_matrix_labels(f, d->offset, d->text, &err) != CL_OK)
      closed_error(L, f, &err);
    lcl_setnames(L, -2, 1);
  }
  cl_csv_matrix_close(f);
  lua_remove(L, -2);
  return 1;
}

/* csv.read(path [, opts]) */
static int csv_read (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  options o;
  cl_error err;
  cl_csv_table *t;
  cl_matrix *m;
  size_t col0, r0;
  check_options(L, 2, read_keys, &o);
  col0 = (size_t)o.rownames;  /* the label column and any before it */
  if (read_mapped(L, path, &o, col0)) return 1;
  t = read_file(L, path, &o);
  check_shape(L, t, o.header);
  r0 = o.header ? 1 : 0;
  if (cl_csv_width(t, 0) <= col0)
    lcl_errorf(L, "%s: no columns of numbers besides the row labels", path);
  m = lcl_newmatrix(L, t->nrows - r0, cl_csv_width(t, 0) - col0);
  if (cl_csv_numbers(t, o.header, col0, &o.fmt, m->data, &err) != CL_OK)
    lcl_error(L, &err);
  if (o.header) {
    push_row(L, t, 0, col0);
    lcl_setnames(L, -2, 2);
  }
  if (o.rownames) {
    push_deferred_column(L, t, r0, col0 - 1);
    lcl_setnames(L, -2, 1);
  }
  cl_csv_free(t);
  return 1;
}

static const char *const table_keys[] = {
  "sep", "decimal", "thousands", "header", "na", "text", "trim", "max_line",
  NULL
};

/* pushes the column names: the header, or V1, V2, ... as R names them */
static void push_names (lua_State *L, const cl_csv_table *t, int header) {
  size_t w = cl_csv_width(t, 0), j;
  if (header) push_row(L, t, 0, 0);
  else {
    lua_createtable(L, (int)w, 0);
    for (j = 0; j < w; j++) {
      lua_pushfstring(L, "V%d", (int)j + 1);
      lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
  }
  lua_newtable(L);  /* names seen so far */
  for (j = 0; j < w; j++) {
    lua_geti(L, -2, (lua_Integer)j + 1);
    if (lua_rawget(L, -2) != LUA_TNIL)
      lcl_errorf(L, "%s:%zu: column %zu (\"%s\") has the name of column %d; "
                 "read_table needs distinct names", t->path,
                 cl_csv_line(t, 0, j), j + 1, cl_csv_cell(t, 0, j),
                 (int)lua_tointeger(L, -1));
    lua_pop(L, 1);
    lua_geti(L, -2, (lua_Integer)j + 1);
    lua_pushinteger(L, (lua_Integer)j + 1);
    lua_rawset(L, -3);
  }
  lua_pop(L, 1);
}

/* the set of names in opts.text, each of which must name a column */
static void push_text_set (lua_State *L, int opts, int names) {
  lua_Integer k, n, j, w = luaL_len(L, names);
  lua_newtable(L);
  if (lua_getfield(L, opts, "text") == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, -1))
    lcl_argerror(L, opts, "opts.text must be a list of column names");
  n = luaL_len(L, -1);
  for (k = 1; k <= n; k++) {
    const char *name;
    if (lua_geti(L, -1, k) != LUA_TSTRING)
      lcl_argerror(L, opts, "opts.text[%lld] must be a column name", (long long)k);
    name = lua_tostring(L, -1);
    lua_pushboolean(L, 1);
    lua_rawset(L, -4);
    for (j = 1; j <= w; j++) {
      int same;
      lua_geti(L, names, j);
      same = strcmp(lua_tostring(L, -1), name) == 0;
      lua_pop(L, 1);
      if (same) break;
    }
    if (j > w) lcl_argerror(L, opts, "opts.text names no column \"%s\"", name);
  }
  lua_pop(L, 1);
}

/* csv.read_table(path [, opts]) */
static int csv_read_table (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  options o;
  cl_error err;
  cl_csv_table *t;
  size_t nr, w, i, j, r0;
  double *buf;
  int names, text, columns;
  check_options(L, 2, table_keys, &o);
  t = read_file(L, path, &o);
  check_shape(L, t, o.header);
  r0 = o.header ? 1 : 0;
  nr = t->nrows - r0;
  w = cl_csv_width(t, 0);
  push_names(L, t, o.header);
  names = lua_gettop(L);
  push_text_set(L, 2, names);
  text = lua_gettop(L);
  buf = (double *)lua_newuserdatauv(L, nr * sizeof(double), 0);
  lua_createtable(L, 0, (int)w);
  columns = lua_gettop(L);
  for (j = 0; j < w; j++) {
    int numeric = 0;
    lua_geti(L, names, (lua_Integer)j + 1);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, text) == LUA_TNIL
        && cl_csv_column(t, o.header, j, &o.fmt, buf, &numeric, &err) != CL_OK)
      lcl_error(L, &err);
    lua_pop(L, 1);
    if (numeric) {
      lua_createtable(L, (int)nr, 0);
      for (i = 0; i < nr; i++) {
        lua_pushnumber(L, buf[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
      }
    } else push_column(L, t, r0, j);
    lua_rawset(L, columns);
  }
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, names);
  lua_setfield(L, -2, "names");
  lua_pushvalue(L, columns);
  lua_setfield(L, -2, "columns");
  lua_pushinteger(L, (lua_Integer)nr);
  lua_setfield(L, -2, "nrow");
  cl_csv_free(t);
  return 1;
}

static const char *const rows_keys[] = {
  "sep", "decimal", "header", "trim", "max_line", NULL
};

/* csv.read_rows(path [, opts]) -> header (or nil), rows, lines */
static int csv_read_rows (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  options o;
  cl_csv_table *t;
  size_t i, r0;
  check_options(L, 2, rows_keys, &o);
  t = read_file(L, path, &o);
  r0 = o.header ? 1 : 0;
  if (o.header) push_row(L, t, 0, 0);
  else lua_pushnil(L);
  lua_createtable(L, (int)(t->nrows - r0), 0);
  lua_createtable(L, (int)(t->nrows - r0), 0);
  for (i = r0; i < t->nrows; i++) {
    push_row(L, t, i, 0);
    lua_rawseti(L, -3, (lua_Integer)(i - r0 + 1));
    lua_pushinteger(L, (lua_Integer)cl_csv_line(t, i, 0));
    lua_rawseti(L, -2, (lua_Integer)(i - r0 + 1));
  }
  cl_csv_free(t);
  return 3;
}

static const char *const number_keys[] = {"decimal", "thousands", NULL};

/* csv.number(s [, opts]) -> the number, or nil */
static int csv_number (lua_State *L) {
  const char *s = luaL_checkstring(L, 1);
  options o;
  double v;
  check_options(L, 2, number_keys, &o);
  if (cl_csv_parse_number(s, o.fmt.decimal, o.fmt.thousands, &v))
    lua_pushnumber(L, v);
  else
    lua_pushnil(L);
  return 1;
}

/* ---------------------------------------------------------------- */
/* writing                                                          */
/* ---------------------------------------------------------------- */

static const char *const write_keys[] = {
  "sep", "decimal", "digits", "na", "bom", "formulas", NULL
};

/* the labels of matrix m (which = 1 rows, 2 columns) as a C array anchored
** on the stack, or NULL when it has none */
static const char *const *labels (lua_State *L, int m, int which, size_t n) {
  const char **list;
  if (lcl_getnames(L, m, which) != LUA_TTABLE) {
    lua_pop(L, 1);
    return NULL;
  }
  list = lcl_pushstrings(L, -1, n, which == 1 ? "row label" : "column label");
  lua_remove(L, -2);
  return list;
}

/* csv.write(path, m [, opts]) */
static int csv_write (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  cl_matrix *m = lcl_tomatrix(L, 2);
  cl_csv_writeopts w;
  options o;
  cl_error err;
  lua_Integer digits;
  const char *const *rn, *const *cn;
  check_options(L, 3, write_keys, &o);
  w.sep = o.sep ? o.sep : (o.decimal == ',' ? ';' : ',');
  w.decimal = o.decimal;
  if (lua_getfield(L, 3, "digits") == LUA_TNIL) digits = 0;
  else {
    int isint;
    digits = lua_tointegerx(L, -1, &isint);
    if (!isint || digits < 1 || digits > 17)
      lcl_argerror(L, 3, "opts.digits must be an integer from 1 to 17");
  }
  w.digits = (int)digits;
  lua_pop(L, 1);
  if (lua_getfield(L, 3, "na") == LUA_TNIL) w.na = "NA";
  else if (lua_type(L, -1) != LUA_TSTRING)
    lcl_argerror(L, 3, "opts.na must be a string");
  else w.na = lua_tostring(L, -1);
  lua_pop(L, 1);  /* still anchored in the options table */
  w.bom = opt_bool(L, 3, "bom", 0);
  w.formulas = opt_bool(L, 3, "formulas", 0);
  rn = labels(L, 2, 1, m->rows);
  cn = labels(L, 2, 2, m->cols);
  if (cl_csv_write(path, m, rn, cn, &w, &err) != CL_OK) lcl_error(L, &err);
  return 0;
}

static const luaL_Reg functions[] = {
  {"read", csv_read}, {"read_table", csv_read_table},
  {"read_rows", csv_read_rows}, {"number", csv_number},
  {"write", csv_write}, {NULL, NULL}
};

static const char *const help[][2] = {
  {"_about", "CSV files: labelled numeric matrices, survey tables, raw rows; "
   "';' separators, decimal commas, UTF-8 labels"},
  {"read", "csv.read(path [, {sep=, decimal=\".\", thousands=, header=true, "
   "rownames=true, na=}]) -- a labelled numeric matrix: header row = column "
   "labels, first column = row labels (rownames=k: column k, the columns "
   "before it skipped); sep guessed from the first line; "
   "na=true (or a list of marks) reads empty cells and NA as NaN, else they "
   "are errors; spaces around unquoted fields are kept, as R keeps them, "
   "unless trim=true; a line over max_line bytes (64 MB) is an error"},
  {"read_table", "csv.read_table(path [, {sep=, decimal=, thousands=, header=, "
   "na=, text={names}, trim=, max_line=}]) -- {names=, columns={name=array}, nrow=}: a column is "
   "numbers when every cell is a number (missing cells NaN only with na=), "
   "else strings as in the file (\"\" for empty); text= keeps columns as "
   "strings"},
  {"read_rows", "csv.read_rows(path [, {sep=, header=true, trim=, max_line=}]) -> header, rows, "
   "lines: the fields as strings, rows of any length, with the file line of "
   "each row"},
  {"number", "csv.number(s [, {decimal=, thousands=}]) -- the number in the "
   "string s as csv.read reads it, or nil"},
  {"write", "csv.write(path, m [, {sep=\",\", decimal=\".\", digits=, na=\"NA\", "
   "bom=false, formulas=false}]) -- writes m with its labels, whole or not at all; labels a spreadsheet would run as formulas (= + - @ tab CR) get a leading ' unless formulas=true; numbers exact (the fewest digits "
   "that read back the same, at most 17) unless digits= is given; NaN as na; "
   "sep defaults to \";\" with decimal=\",\""},
};

int luaopen_csv (lua_State *L) {
  if (luaL_newmetatable(L, LCSV_TABLE)) {
    lua_pushcfunction(L, table_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, LCSV_MATRIX)) {
    lua_pushcfunction(L, matrix_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, LCSV_LABELS)) {
    lua_pushcfunction(L, labels_build);
    lua_setfield(L, -2, "__labels");
  }
  lua_pop(L, 1);
  luaL_newlib(L, functions);
  lcl_sethelp(L, help, LCL_NHELP(help));
  return 1;
}
