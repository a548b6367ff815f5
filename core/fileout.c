/*
** fileout.c -- atomic, checked output files: temporary file in the same
** folder, every write checked, fsync, rename (the classic POSIX recipe; see
** rename(2) and the O_TMPFILE notes in open(2)).
*/
#define _GNU_SOURCE  /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileout.h"

/* a copy of s with room for `extra` more bytes, or NULL */
static char *copy (const char *s, size_t extra) {
  size_t n = strlen(s);
  char *p = (char *)malloc(n + extra + 1);
  if (p != NULL) memcpy(p, s, n + 1);
  return p;
}

/* the folder of path ("." when it has none) */
static char *folder_of (const char *path) {
  const char *slash = strrchr(path, '/');
  char *d;
  if (slash == NULL) return copy(".", 0);
  if (slash == path) return copy("/", 0);
  if ((d = copy(path, 0)) != NULL) d[slash - path] = '\0';
  return d;
}

/* the mode a new file gets from fopen: 0666 less the umask */
static mode_t new_file_mode (void) {
  mode_t mask = umask(022);
  umask(mask);
  return 0666 & ~mask;
}

static void clear (cl_fileout *o) {
  o->f = NULL;
  o->path = o->tmp = NULL;
  o->direct = 0;
}

/* a device or a pipe (/dev/stdout, /dev/full) cannot be replaced: it is
** written in place, still with every write checked */
static int open_direct (cl_fileout *o, const char *path, cl_error *err) {
  if ((o->path = copy(path, 0)) == NULL)
    return cl_fail(err, CL_ENOMEM, "%s: out of memory", path);
  if ((o->f = fopen(path, "wb")) == NULL) {
    int saved = errno;
    free(o->path);
    clear(o);
    return cl_fail(err, CL_EIO, "cannot write %s: %s", path, strerror(saved));
  }
  o->direct = 1;
  return CL_OK;
}

int cl_fileout_open (cl_fileout *o, const char *path, cl_error *err) {
  char *dir;
  int fd = -1, saved;
  struct stat st;
  clear(o);
  if (path[0] == '\0')
    return cl_fail(err, CL_EIO, "cannot write a file with an empty name");
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return cl_fail(err, CL_EIO, "cannot write %s: it is a folder", path);
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return open_direct(o, path, err);
  o->path = NULL;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
    o->path = realpath(path, NULL);  /* replace the file, keep the link */
  if (o->path == NULL) o->path = copy(path, 0);
  if (o->path == NULL || (dir = folder_of(o->path)) == NULL) {
    free(o->path);
    o->path = NULL;
    return cl_fail(err, CL_ENOMEM, "%s: out of memory", path);
  }
#ifdef O_TMPFILE
  fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, new_file_mode());
#endif
  if (fd < 0) {  /* no unnamed temporaries here: a named one, ".name.XXXXXX" */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if ((o->tmp = (char *)malloc(strlen(dir) + strlen(base) + 10)) != NULL) {
      sprintf(o->tmp, "%s/.%s.XXXXXX", dir, base);
      if ((fd = mkstemp(o->tmp)) >= 0) fchmod(fd, new_file_mode());
    }
  }
  saved = errno;
  free(dir);
  if (fd < 0 || (o->f = fdopen(fd, "wb")) == NULL) {
    if (fd >= 0) close(fd);
    if (fd >= 0 && o->tmp != NULL) unlink(o->tmp);
    cl_fail(err, CL_EIO, "cannot write %s: %s", path,
            o->tmp == NULL && fd < 0 ? "out of memory" : strerror(saved));
    free(o->tmp);
    free(o->path);
    clear(o);
    return CL_EIO;
  }
  return CL_OK;
}

int cl_fileout_write (cl_fileout *o, const void *p, size_t n, cl_error *err) {
  if (n > 0 && fwrite(p, 1, n, o->f) != n) {
    int saved = errno;
    return cl_fail(err, CL_EIO, "cannot write %s: %s", o->path,
                   strerror(saved));
  }
  return CL_OK;
}

/* gives the unnamed temporary a name in the destination's folder (linkat
** through /proc, which needs no privilege) */
static int name_temporary (cl_fileout *o) {
#ifdef O_TMPFILE
  char fdpath[64], *dir = folder_of(o->path);
  int k;
  if (dir == NULL) { errno = ENOMEM; return -1; }
  snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fileno(o->f));
  o->tmp = (char *)malloc(strlen(dir) + 48);
  for (k = 0; o->tmp != NULL && k < 100; k++) {
    snprintf(o->tmp, strlen(dir) + 48, "%s/.clusterlab-%ld-%d.tmp", dir,
             (long)getpid(), k);
    if (linkat(AT_FDCWD, fdpath, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0) {
      free(dir);
      return 0;
    }
    if (errno != EEXIST) break;
  }
  free(dir);
  free(o->tmp);
  o->tmp = NULL;
  return -1;
#else
  (void)o;
  errno = ENOTSUP;
  return -1;
#endif
}

int cl_fileout_commit (cl_fileout *o, cl_error *err) {
  int failed = ferror(o->f), saved = EIO;
  if (!failed && fflush(o->f) != 0) { failed = 1; saved = errno; }
  if (!failed && fsync(fileno(o->f)) != 0 && errno != EINVAL) {
    failed = 1;  /* EINVAL: a device or pipe, which cannot sync */
    saved = errno;
  }
  if (!failed && !o->direct && o->tmp == NULL && name_temporary(o) != 0) {
    failed = 1;
    saved = errno;
  }
  if (fclose(o->f) != 0 && !failed) { failed = 1; saved = errno; }
  o->f = NULL;
  if (!failed && !o->direct && rename(o->tmp, o->path) != 0) {
    failed = 1;
    saved = errno;
  }
  if (failed) {
    cl_fail(err, CL_EIO, "cannot write %s: %s", o->path, strerror(saved));
    cl_fileout_abort(o);
    return CL_EIO;
  }
  free(o->tmp);
  free(o->path);
  clear(o);
  return CL_OK;
}

void cl_fileout_abort (cl_fileout *o) {
  if (o->f != NULL) fclose(o->f);  /* an unnamed temporary vanishes here */
  if (o->tmp != NULL) unlink(o->tmp);
  free(o->tmp);
  free(o->path);
  clear(o);
}

int cl_fileout_mkdir (const char *dir, cl_error *err) {
  char *p;
  size_t k, n = strlen(dir);
  struct stat st;
  if (strspn(dir, "/") == n)
    return cl_fail(err, CL_EIO, "refusing %s as the output folder: %s",
                   n == 0 ? "an empty name" : "the root folder",
                   "give a folder of its own, such as out");
  if ((p = copy(dir, 0)) == NULL)
    return cl_fail(err, CL_ENOMEM, "%s: out of memory", dir);
  for (k = 1; k <= n; k++) {  /* each parent, then dir itself */
    if (p[k] != '/' && p[k] != '\0') continue;
    p[k] = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      int saved = errno;
      cl_fail(err, CL_EIO, "cannot create the output folder %s: %s", dir,
              strerror(saved));
      free(p);
      return CL_EIO;
    }
    p[k] = dir[k];
  }
  free(p);
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return cl_fail(err, CL_EIO, "cannot create the output folder %s: a file "
                   "of that name is in the way", dir);
  return CL_OK;
}
