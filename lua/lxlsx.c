/*
** lxlsx.c -- the `xlsx` module: a workbook of tables through Debian's
** libxlsxwriter (one sheet per table, a bold header row). Sheet names and
** cell neutralisation are decided in stdlib/workbook.lua; this only writes.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <xlsxwriter.h>

typedef struct Book {
  lxw_workbook *wb;
} Book;

#define BOOK "clusterlab.xlsx.book"

/* a workbook not closed (an error part-way) is freed without being written */
static int book_gc (lua_State *L) {
  Book *b = (Book *)luaL_checkudata(L, 1, BOOK);
  if (b->wb != NULL) lxw_workbook_free(b->wb);
  b->wb = NULL;
  return 0;
}

/* one cell: a number (NaN and infinities left blank, as a spreadsheet has
   no such numbers) or a string; nil or false leaves it blank */
static void write_cell (lua_State *L, lxw_worksheet *ws, lxw_row_t r,
                        lxw_col_t c, lxw_format *fmt, int sheet) {
  lxw_error err = LXW_NO_ERROR;
  switch (lua_type(L, -1)) {
    case LUA_TNUMBER: {
      double v = lua_tonumber(L, -1);
      if (isfinite(v)) err = worksheet_write_number(ws, r, c, v, fmt);
      break;
    }
    case LUA_TSTRING:
      err = worksheet_write_string(ws, r, c, lua_tostring(L, -1), fmt);
      break;
    case LUA_TNIL: case LUA_TBOOLEAN:
      break;
    default:
      luaL_error(L, "xlsx.write: sheet %d, row %d, column %d: a %s is not a cell value",
                 sheet, (int)r + 1, (int)c + 1, luaL_typename(L, -1));
  }
  if (err != LXW_NO_ERROR)
    luaL_error(L, "xlsx.write: sheet %d, row %d, column %d: %s", sheet,
               (int)r + 1, (int)c + 1, lxw_strerror(err));
}

/* the rows of sheet k (on the stack top) into a new worksheet */
static void write_sheet (lua_State *L, lxw_workbook *wb, lxw_format *bold, int k) {
  lxw_worksheet *ws;
  lxw_error err;
  lua_Integer nrow, ncol, i, j;
  const char *name;
  if (lua_getfield(L, -1, "name") != LUA_TSTRING)
    luaL_error(L, "xlsx.write: sheet %d has no name (a string)", k);
  name = lua_tostring(L, -1);
  err = workbook_validate_sheet_name(wb, name);
  if (err != LXW_NO_ERROR)
    luaL_error(L, "xlsx.write: sheet %d, name '%s': %s", k, name, lxw_strerror(err));
  ws = workbook_add_worksheet(wb, name);
  if (ws == NULL) luaL_error(L, "xlsx.write: sheet %d, name '%s': cannot add it", k, name);
  lua_pop(L, 1);
  if (lua_getfield(L, -1, "rows") != LUA_TTABLE)
    luaL_error(L, "xlsx.write: sheet %d ('%s') has no rows (a table of rows)", k, name);
  nrow = luaL_len(L, -1);
  if (nrow > LXW_ROW_MAX) luaL_error(L, "xlsx.write: sheet '%s' has %d rows, more than a sheet holds", name, (int)nrow);
  for (i = 1; i <= nrow; i++) {
    if (lua_geti(L, -1, i) != LUA_TTABLE)
      luaL_error(L, "xlsx.write: sheet '%s', row %d is not a table of cells", name, (int)i);
    ncol = luaL_len(L, -1);
    if (ncol > LXW_COL_MAX)
      luaL_error(L, "xlsx.write: sheet '%s', row %d has %d cells, more than a sheet holds", name, (int)i, (int)ncol);
    for (j = 1; j <= ncol; j++) {
      lua_geti(L, -1, j);
      write_cell(L, ws, (lxw_row_t)(i - 1), (lxw_col_t)(j - 1), i == 1 ? bold : NULL, k);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, -1, "widths") == LUA_TTABLE) {
    lua_Integer n = luaL_len(L, -1);
    for (j = 1; j <= n && j <= LXW_COL_MAX; j++) {
      lua_geti(L, -1, j);
      if (lua_isnumber(L, -1))
        worksheet_set_column(ws, (lxw_col_t)(j - 1), (lxw_col_t)(j - 1), lua_tonumber(L, -1), NULL);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  worksheet_freeze_panes(ws, 1, 0);   /* the header stays in view */
}

/* the workbook's creation time: SOURCE_DATE_EPOCH when set (the
   reproducible-builds convention, so a rerun on the same data writes the
   same bytes), otherwise now, as libxlsxwriter does by default */
static void set_created (lua_State *L, lxw_workbook *wb, lxw_doc_properties *props) {
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  char *end;
  long long t;
  if (epoch == NULL || *epoch == '\0') return;
  errno = 0;
  t = strtoll(epoch, &end, 10);
  if (errno != 0 || *end != '\0' || t < 0)
    luaL_error(L, "xlsx.write: SOURCE_DATE_EPOCH='%s' is not a count of seconds since 1970", epoch);
  props->created = (time_t)t;
  if (workbook_set_properties(wb, props) != LXW_NO_ERROR)
    luaL_error(L, "xlsx.write: cannot set the workbook's creation time");
}

/* xlsx.write(path, sheets): sheets = {{name=, rows={{...}, ...} [, widths=]}, ...} */
static int xlsx_write (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer k, n;
  lxw_format *bold;
  lxw_error err;
  lxw_doc_properties props = {0};
  Book *b;
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 2);
  luaL_argcheck(L, n >= 1, 2, "a workbook needs at least one sheet");
  b = (Book *)lua_newuserdatauv(L, sizeof(Book), 0);
  b->wb = NULL;
  luaL_setmetatable(L, BOOK);
  b->wb = workbook_new(path);
  if (b->wb == NULL) return luaL_error(L, "xlsx.write: cannot create %s", path);
  set_created(L, b->wb, &props);
  bold = workbook_add_format(b->wb);
  format_set_bold(bold);
  for (k = 1; k <= n; k++) {
    if (lua_geti(L, 2, k) != LUA_TTABLE) luaL_error(L, "xlsx.write: sheet %d is not a table", (int)k);
    write_sheet(L, b->wb, bold, (int)k);
    lua_pop(L, 1);
  }
  err = workbook_close(b->wb);   /* writes the file and frees the workbook */
  b->wb = NULL;
  if (err != LXW_NO_ERROR) return luaL_error(L, "xlsx.write: %s: %s", path, lxw_strerror(err));
  lua_pushstring(L, path);
  return 1;
}

static const luaL_Reg xlsx_functions[] = {
  {"write", xlsx_write},
  {NULL, NULL}
};

int luaopen_xlsx (lua_State *L) {
  luaL_newmetatable(L, BOOK);
  lua_pushcfunction(L, book_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newlib(L, xlsx_functions);
  lua_newtable(L);
  lua_pushliteral(L, "xlsx workbooks through libxlsxwriter (use the workbook module for tables)");
  lua_setfield(L, -2, "_about");
  lua_pushliteral(L, "xlsx.write(path, {{name=, rows={{cell, ...}, ...} [, widths={...}]}, ...}) -- one sheet per "
                     "entry, the first row bold and frozen; cells are numbers or strings, nil blank");
  lua_setfield(L, -2, "write");
  lua_setfield(L, -2, "_help");
  return 1;
}
