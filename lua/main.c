/*
** main.c -- the clusterlab host: runs scripts, chunks and an interactive
** REPL with every clusterlab module loadable by `require`. Command line and
** REPL behave like lua.c (Lua 5.4): -e, -l, -i, -, script arguments in
** `arg`; a message handler adds tracebacks; Ctrl-C stops running code at
** the next instruction and returns to the prompt.
*/
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "blaskernel.h"
#include "complete.h"
#include "preload.h"
#include "../core/status.h"

#define CL_VERSION "clusterlab 0.1"
#ifndef CL_PREFIX
#define CL_PREFIX "/usr/local"
#endif

static const char *progname = "clusterlab";
static lua_State *globalL = NULL;
static volatile sig_atomic_t interrupted = 0;
static volatile sig_atomic_t running = 0;

/* ---------------------------------------------------------------- */
/* interruption                                                      */
/* ---------------------------------------------------------------- */

static void stop_hook (lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  interrupted = 0;
  luaL_error(L, "interrupted!");
}

/* While code runs, Ctrl-C sets a hook that raises an error at the next
** instruction (lua_sethook is safe in a signal handler). At the prompt it
** makes readline return so the line is dropped. */
static void on_sigint (int sig) {
  (void)sig;
  interrupted = 1;
  if (running) cl_interrupt = 1;  /* clusterlab's own C loops poll it */
  if (running && globalL != NULL)
    lua_sethook(globalL, stop_hook,
                LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

static void install_sigint (void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  /* no SA_RESTART: readline's read() must return */
  sigaction(SIGINT, &sa, NULL);
}

/* ---------------------------------------------------------------- */
/* running chunks                                                    */
/* ---------------------------------------------------------------- */

static void print_error (const char *msg) {
  if (progname != NULL) fprintf(stderr, "%s: ", progname);
  fprintf(stderr, "%s\n", msg);
  fflush(stderr);
}

static int report (lua_State *L, int status) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    print_error(msg ? msg : "(error object is not a string)");
    lua_pop(L, 1);
  }
  return status;
}

static int msghandler (lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

static int docall (lua_State *L, int narg, int nres) {
  int status, base = lua_gettop(L) - narg;
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  interrupted = 0;
  cl_interrupt = 0;
  running = 1;
  status = lua_pcall(L, narg, nres, base);
  running = 0;
  cl_interrupt = 0;
  lua_sethook(L, NULL, 0, 0);
  lua_remove(L, base);
  return status;
}

static int dochunk (lua_State *L, int status) {
  if (status == LUA_OK) status = docall(L, 0, 0);
  return report(L, status);
}

static int dostring (lua_State *L, const char *s, const char *name) {
  return dochunk(L, luaL_loadbuffer(L, s, strlen(s), name));
}

/* require `name` and store it in the global of the same name (-l) */
static int dolibrary (lua_State *L, const char *name) {
  int status;
  lua_getglobal(L, "require");
  lua_pushstring(L, name);
  status = docall(L, 1, 1);
  if (status == LUA_OK) lua_setglobal(L, name);
  return report(L, status);
}

static int pushargs (lua_State *L) {
  int i, n;
  if (lua_getglobal(L, "arg") != LUA_TTABLE)
    luaL_error(L, "'arg' is not a table");
  n = (int)luaL_len(L, -1);
  luaL_checkstack(L, n + 3, "too many arguments to script");
  for (i = 1; i <= n; i++) lua_rawgeti(L, -i, i);
  lua_remove(L, -i);
  return n;
}

static int handle_script (lua_State *L, char **argv) {
  const char *fname = argv[0];
  int status;
  if (strcmp(fname, "-") == 0 && strcmp(argv[-1], "--") != 0) fname = NULL;
  status = luaL_loadfile(L, fname);
  if (status == LUA_OK) {
    int n = pushargs(L);
    status = docall(L, n, LUA_MULTRET);
  }
  return report(L, status);
}

/* ---------------------------------------------------------------- */
/* the REPL                                                          */
/* ---------------------------------------------------------------- */

static char history_path[PATH_MAX];
static int use_readline = 0;

static void history_init (void) {
  const char *home = getenv("HOME");
  if (home == NULL) return;
  snprintf(history_path, sizeof history_path, "%s/.clusterlab_history", home);
  read_history(history_path);
}

static void history_add (const char *line) {
  if (!use_readline || line[0] == '\0') return;
  add_history(line);
  if (history_path[0] != '\0') {
    if (append_history(1, history_path) != 0) write_history(history_path);
    history_truncate_file(history_path, 1000);
  }
}

/* Readline's callback interface: we wait in select() ourselves, so Ctrl-C
** (which interrupts select) can drop the line being typed without losing
** keystrokes or the session. */
static char *rl_line;
static int rl_finished;

static void on_readline (char *line) {
  rl_line = line;
  rl_finished = 1;
  rl_callback_handler_remove();
}

static char *read_with_readline (const char *prompt, int *cancelled) {
  rl_finished = 0;
  rl_line = NULL;
  rl_callback_handler_install(prompt, on_readline);
  while (!rl_finished) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    if (select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL) < 0) {
      if (errno == EINTR && interrupted) {
        interrupted = 0;
        rl_replace_line("", 0);
        rl_callback_sigcleanup();
        rl_callback_handler_remove();
        fputc('\n', stdout);
        *cancelled = 1;
        return strdup("");
      }
      if (errno != EINTR) return NULL;
      continue;
    }
    rl_callback_read_char();
  }
  return rl_line;
}

/* Reads one line; returns NULL at end of input. *cancelled is set on Ctrl-C */
static char *read_line (const char *prompt, int *cancelled) {
  *cancelled = 0;
  interrupted = 0;
  if (use_readline) {
    return read_with_readline(prompt, cancelled);
  } else {
    char *buf = NULL;  /* a whole line, however long: never run in pieces */
    size_t cap = 0;
    ssize_t len;
    fputs(prompt, stdout);
    fflush(stdout);
    errno = 0;
    if ((len = getline(&buf, &cap, stdin)) < 0) {
      free(buf);
      if (errno == EINTR) { clearerr(stdin); *cancelled = 1; fputc('\n', stdout); return strdup(""); }
      return NULL;
    }
    if (len > 0 && buf[len - 1] == '\n') buf[len - 1] = '\0';
    return buf;
  }
}

/* a syntax error that ends at <eof> means the chunk is not finished */
static int incomplete (lua_State *L, int status) {
  if (status == LUA_ERRSYNTAX) {
    size_t lmsg;
    const char *msg = lua_tolstring(L, -1, &lmsg);
    const char *eof = "<eof>";
    size_t leof = strlen(eof);
    if (lmsg >= leof && strcmp(msg + lmsg - leof, eof) == 0) {
      lua_pop(L, 1);
      return 1;
    }
  }
  return 0;
}

/* tries "return <line>" so that expressions print their values */
static int load_as_expression (lua_State *L, const char *code) {
  const char *retline = lua_pushfstring(L, "return %s;", code);
  int status = luaL_loadbuffer(L, retline, strlen(retline), "=stdin");
  lua_remove(L, -2);
  return status;
}

/* Reads lines until they form a complete chunk; leaves the loaded function
** on the stack. Returns -1 at end of input, -2 when Ctrl-C cancelled the
** input, otherwise the load status (error message on the stack). */
static int read_chunk (lua_State *L) {
  int cancelled, status;
  char *line = read_line("> ", &cancelled);
  luaL_Buffer b;
  if (line == NULL) return -1;
  if (cancelled) { free(line); return -2; }
  if (line[0] == '=') {  /* Lua 5.1 style "=expr" */
    line[0] = ' ';
  }
  if (load_as_expression(L, line) == LUA_OK) {
    history_add(line);
    free(line);
    return LUA_OK;
  }
  lua_pop(L, 1);
  lua_pushstring(L, line);
  free(line);
  for (;;) {
    const char *code = lua_tostring(L, -1);
    status = luaL_loadbuffer(L, code, strlen(code), "=stdin");
    if (!incomplete(L, status)) break;
    line = read_line(">> ", &cancelled);
    if (line == NULL || cancelled) {
      free(line);
      lua_pop(L, 1);
      return cancelled ? -2 : -1;
    }
    luaL_buffinit(L, &b);
    lua_pushvalue(L, -2);
    luaL_addvalue(&b);
    luaL_addchar(&b, '\n');
    luaL_addstring(&b, line);
    luaL_pushresult(&b);
    lua_remove(L, -2);
    free(line);
  }
  history_add(lua_tostring(L, -2));
  lua_remove(L, -2);
  return status;
}

/* prints the values a chunk returned: through repl.show from stdlib when it
** loads, else with tostring */
static void print_results (lua_State *L, int n) {
  int base = lua_gettop(L) - n;
  if (n == 0) return;
  lua_getglobal(L, "require");
  lua_pushliteral(L, "repl");
  if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1) &&
      lua_getfield(L, -1, "show") == LUA_TFUNCTION) {
    int k;
    lua_remove(L, -2);
    for (k = 1; k <= n; k++) lua_pushvalue(L, base + k);
    if (docall(L, n, 0) != LUA_OK) report(L, LUA_ERRRUN);
  } else {
    int k;
    lua_settop(L, base + n);
    for (k = 1; k <= n; k++) {
      if (k > 1) fputc('\t', stdout);
      fputs(luaL_tolstring(L, base + k, NULL), stdout);
      lua_pop(L, 1);
    }
    fputc('\n', stdout);
  }
  lua_settop(L, base);
  fflush(stdout);
}

static void do_repl (lua_State *L) {
  int status;
  const char *old = progname;
  progname = NULL;  /* errors at the prompt need no program name */
  use_readline = isatty(STDIN_FILENO);
  if (use_readline) {
    rl_readline_name = "clusterlab";
    rl_catch_signals = 0;
    cl_completion_init(L);
    history_init();
  }
  while ((status = read_chunk(L)) != -1) {
    if (status == -2) continue;
    if (status == LUA_OK) {
      int base = lua_gettop(L) - 1;
      status = docall(L, 0, LUA_MULTRET);
      if (status == LUA_OK) print_results(L, lua_gettop(L) - base);
    }
    report(L, status);
    lua_settop(L, 0);
  }
  fputc('\n', stdout);
  fflush(stdout);
  progname = old;
}

/* ---------------------------------------------------------------- */
/* start-up                                                          */
/* ---------------------------------------------------------------- */

/* stdlib/ is found beside the binary (a build tree) or under
** PREFIX/share/clusterlab (an installed one); CLUSTERLAB_PATH overrides */
static void set_stdlib_path (lua_State *L) {
  char exe[PATH_MAX], dir[PATH_MAX + 64];
  const char *env = getenv("CLUSTERLAB_PATH");
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  luaL_Buffer b;
  lua_getglobal(L, "package");
  luaL_buffinit(L, &b);
  if (env != NULL) {
    luaL_addstring(&b, env);
    luaL_addchar(&b, ';');
  }
  if (n > 0) {
    char *slash;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash != NULL) *slash = '\0';
    snprintf(dir, sizeof dir, "%s/stdlib", exe);
    if (access(dir, R_OK) != 0)
      snprintf(dir, sizeof dir, "%s/../share/clusterlab/stdlib", exe);
    if (access(dir, R_OK) != 0)
      snprintf(dir, sizeof dir, "%s/share/clusterlab/stdlib", CL_PREFIX);
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;", dir, dir);
    luaL_addvalue(&b);
    lua_pushstring(L, dir);
    lua_setfield(L, -3, "clusterlab_stdlib");
  }
  lua_getfield(L, -2, "path");
  luaL_addvalue(&b);
  luaL_pushresult(&b);
  lua_setfield(L, -2, "path");
  lua_pop(L, 1);
}

static void print_usage (FILE *out) {
  fprintf(out,
    "usage: %s [options] [script [args]]\n"
    "Available options are:\n"
    "  -e stat   execute string 'stat'\n"
    "  -i        enter interactive mode after executing 'script'\n"
    "  -l mod    require library 'mod' into global 'mod'\n"
    "  -v, --version  show version information\n"
    "  -h, --help     show this help\n"
    "  --        stop handling options\n"
    "  -         execute stdin and stop handling options\n"
    "With no arguments, clusterlab opens an interactive session; type\n"
    "help() there for the modules and help(matrix) etc. for their functions.\n"
    "Ctrl-C stops a running computation, but not a LAPACK or BLAS call in\n"
    "progress: that one finishes first.\n",
    progname);
}

static void print_version (void) {
  printf("%s (%s; OpenBLAS kernel %s)\n", CL_VERSION, LUA_RELEASE,
         cl_blas_kernel_report());
}

/* the index of the script argument, or 0; sets flags for -i, -e, -v */
enum { HAS_I = 1, HAS_E = 2, HAS_V = 4, HAS_H = 8, BAD = 16 };

static int collect_args (char **argv, int *first) {
  int flags = 0, i;
  for (i = 1; argv[i] != NULL; i++) {
    *first = i;
    if (argv[i][0] != '-') return flags;
    if (strcmp(argv[i], "--") == 0) { *first = i + 1; return flags; }
    if (strcmp(argv[i], "-") == 0) return flags;
    if (strcmp(argv[i], "-i") == 0) flags |= HAS_I | HAS_V;
    else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--version") == 0) flags |= HAS_V;
    else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) flags |= HAS_H;
    else if (strcmp(argv[i], "-e") == 0 || strcmp(argv[i], "-l") == 0) {
      if (argv[i][1] == 'e') flags |= HAS_E;
      if (argv[i + 1] == NULL) { *first = i; return flags | BAD; }
      i++;
    } else { *first = i; return flags | BAD; }
  }
  *first = i;
  return flags;
}

static void create_arg_table (lua_State *L, char **argv, int argc, int script) {
  int i;
  lua_createtable(L, argc - script, script + 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

static int run_options (lua_State *L, char **argv, int script) {
  int i;
  for (i = 1; i < script; i++) {
    if (strcmp(argv[i], "-e") == 0) {
      if (dostring(L, argv[i + 1], "=(command line)") != LUA_OK) return 0;
      i++;
    } else if (strcmp(argv[i], "-l") == 0) {
      if (dolibrary(L, argv[i + 1]) != LUA_OK) return 0;
      i++;
    }
  }
  return 1;
}

static int pmain (lua_State *L) {
  int argc = (int)lua_tointeger(L, 1);
  char **argv = (char **)lua_touserdata(L, 2);
  int script = 0, flags = collect_args(argv, &script);
  luaL_checkversion(L);
  if (flags & BAD) {
    fprintf(stderr, "%s: unrecognized option or missing argument '%s'\n",
            progname, argv[script]);
    print_usage(stderr);
    return 0;
  }
  if (flags & HAS_H) { print_usage(stdout); lua_pushboolean(L, 1); return 1; }
  if ((flags & HAS_V) && !(flags & HAS_I)) {
    print_version();
    if (argv[script] == NULL && !(flags & HAS_E)) { lua_pushboolean(L, 1); return 1; }
  }
  luaL_openlibs(L);
  cl_preload(L);
  set_stdlib_path(L);
  lua_gc(L, LUA_GCRESTART);
  lua_gc(L, LUA_GCGEN, 0, 0);
  create_arg_table(L, argv, argc, argv[script] ? script : 0);
  /* help() and the REPL's printer come from stdlib; a missing stdlib is not
  ** fatal for scripts that need only the C modules */
  lua_getglobal(L, "require");
  lua_pushliteral(L, "repl");
  if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
    if (lua_getfield(L, -1, "help") == LUA_TFUNCTION) lua_setglobal(L, "help");
    else lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (!run_options(L, argv, script)) return 0;
  if (argv[script] != NULL && handle_script(L, argv + script) != LUA_OK)
    return 0;
  if (flags & HAS_I) do_repl(L);
  else if (argv[script] == NULL && !(flags & (HAS_E | HAS_V))) {
    if (isatty(STDIN_FILENO)) {
      print_version();
      printf("Type help() for the modules, Ctrl-D to leave.\n");
      do_repl(L);
    } else {
      if (dochunk(L, luaL_loadfile(L, NULL)) != LUA_OK) return 0;
    }
  }
  lua_pushboolean(L, 1);
  return 1;
}

int main (int argc, char **argv) {
  int status, result;
  lua_State *L;
  cl_blas_select_kernel(argv);
  L = luaL_newstate();
  if (L == NULL) {
    print_error("cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  if (argv[0] != NULL && argv[0][0] != '\0') progname = argv[0];
  globalL = L;
  install_sigint();
  signal(SIGXFSZ, SIG_IGN);  /* past `ulimit -f` a write fails and says so */
  lua_gc(L, LUA_GCSTOP);
  lua_pushcfunction(L, pmain);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  status = lua_pcall(L, 2, 1, 0);
  result = lua_toboolean(L, -1);
  report(L, status);
  lua_close(L);
  return (result && status == LUA_OK) ? EXIT_SUCCESS : EXIT_FAILURE;
}
