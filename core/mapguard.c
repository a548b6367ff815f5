/*
** mapguard.c -- SIGBUS in a shrunken file mapping turned into a return (see
** mapguard.h). The handler can reach only globals: the guarded range and the
** jump are thread-local (each band thread guards its own reads), the
** previous action and its user count are shared under a lock.
*/
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "mapguard.h"

typedef struct guard {
  sigjmp_buf jump;
  const char *lo, *hi;          /* the mapping fn reads */
  volatile sig_atomic_t armed;  /* fn is running */
} guard;

static _Thread_local guard here;
static struct sigaction previous;
static size_t users;
static mtx_t lock;
static once_flag lock_made = ONCE_FLAG_INIT;

static void on_sigbus (int sig, siginfo_t *info, void *context) {
  const char *a = (const char *)info->si_addr;
  (void)context;
  if (here.armed && a >= here.lo && a < here.hi) {
    here.armed = 0;
    siglongjmp(here.jump, 1);
  }
  sigaction(SIGBUS, &previous, NULL);  /* not ours: crash as before */
  if (info->si_code <= 0) raise(sig);  /* sent by kill: send it again */
  /* a fault: returning repeats the access under the previous action */
}

static void make_lock (void) {
  mtx_init(&lock, mtx_plain);
}

void cl_mapguard_begin (void) {
  call_once(&lock_made, make_lock);
  mtx_lock(&lock);
  if (users++ == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &previous);
  }
  mtx_unlock(&lock);
}

void cl_mapguard_end (void) {
  mtx_lock(&lock);
  if (--users == 0) sigaction(SIGBUS, &previous, NULL);
  mtx_unlock(&lock);
}

int cl_mapguard_call (const void *map, size_t n, int (*fn)(void *), void *arg,
                      int *result) {
  here.lo = (const char *)map;
  here.hi = here.lo + n;
  if (sigsetjmp(here.jump, 0) != 0) {  /* no mask saved: no system call */
    sigset_t bus;  /* the handler's jump left SIGBUS blocked */
    sigemptyset(&bus);
    sigaddset(&bus, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &bus, NULL);
    return 0;
  }
  atomic_signal_fence(memory_order_seq_cst);  /* the range before armed */
  here.armed = 1;
  *result = fn(arg);
  here.armed = 0;
  return 1;
}
