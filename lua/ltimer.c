/*
** ltimer.c -- the `timer` module: wall-clock time for benchmarks.
** os.clock() counts the CPU time of every OpenBLAS thread, so it overstates
** the time a multithreaded product takes; timer.now() reads the monotonic
** clock instead. blas_kernel names the OpenBLAS kernel the numbers come from.
*/
#include <time.h>

#include <cblas.h>
#include <lauxlib.h>

#include "blaskernel.h"

static int timer_now (lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
  return 1;
}

/* timer.blas_threads([n]): OpenBLAS's thread count, set to n when given */
static int timer_blas_threads (lua_State *L) {
  if (!lua_isnoneornil(L, 1)) {
    lua_Integer n = luaL_checkinteger(L, 1);
    luaL_argcheck(L, n >= 1 && n <= 1024, 1, "thread count must be 1..1024");
    openblas_set_num_threads((int)n);
  }
  lua_pushinteger(L, openblas_get_num_threads());
  return 1;
}

/* timer.blas_kernel(): the OpenBLAS kernel in use and how it was chosen */
static int timer_blas_kernel (lua_State *L) {
  lua_pushstring(L, cl_blas_kernel_name());
  lua_pushstring(L, cl_blas_kernel_report());
  return 2;
}

static const luaL_Reg timer_functions[] = {
  {"now", timer_now},
  {"blas_threads", timer_blas_threads},
  {"blas_kernel", timer_blas_kernel},
  {NULL, NULL}
};

int luaopen_timer (lua_State *L) {
  luaL_newlib(L, timer_functions);
  lua_newtable(L);
  lua_pushliteral(L, "wall-clock time and BLAS threads, for benchmarks");
  lua_setfield(L, -2, "_about");
  lua_pushliteral(L, "timer.now() -- seconds on the monotonic clock (take differences)");
  lua_setfield(L, -2, "now");
  lua_pushliteral(L, "timer.blas_threads([n]) -- OpenBLAS's thread count; sets it to n when given");
  lua_setfield(L, -2, "blas_threads");
  lua_pushliteral(L, "timer.blas_kernel() -> name, how: the OpenBLAS kernel in use (e.g. \"SkylakeX\") and "
                     "how it was chosen; CLUSTERLAB_BLAS_SELECT=0 keeps OpenBLAS's own choice");
  lua_setfield(L, -2, "blas_kernel");
  lua_setfield(L, -2, "_help");
  return 1;
}
