/*
** test_fileout.c -- core/fileout.c: outputs written whole or not at all.
** A write to a full device is an error naming the file; an abandoned or
** failed output leaves the previous file as it was and no temporary behind;
** an empty or root output folder is refused.
*/
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/fileout.h"

static char dir[] = "/tmp/cl_fileout_XXXXXX";

static char *path_in (const char *name) {
  static char buf[256];
  snprintf(buf, sizeof buf, "%s/%s", dir, name);
  return buf;
}

static void put (const char *path, const char *text) {
  cl_fileout o;
  cl_error err;
  assert_int_equal(cl_fileout_open(&o, path, &err), CL_OK);
  assert_int_equal(cl_fileout_write(&o, text, strlen(text), &err), CL_OK);
  assert_int_equal(cl_fileout_commit(&o, &err), CL_OK);
}

static void expect_contents (const char *path, const char *want) {
  char buf[256] = {0};
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  assert_true(fread(buf, 1, sizeof buf - 1, f) == strlen(want));
  fclose(f);
  assert_string_equal(buf, want);
}

/* the number of entries in the test folder besides . and .. */
static int entries (void) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  assert_non_null(d);
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
  closedir(d);
  return n;
}

static void test_commit_replaces (void **state) {
  (void)state;
  put(path_in("a.csv"), "first\n");
  expect_contents(path_in("a.csv"), "first\n");
  put(path_in("a.csv"), "second\n");
  expect_contents(path_in("a.csv"), "second\n");
  assert_int_equal(entries(), 1);
}

static void test_abort_keeps_old (void **state) {
  cl_fileout o;
  cl_error err;
  (void)state;
  put(path_in("b.csv"), "good\n");
  assert_int_equal(cl_fileout_open(&o, path_in("b.csv"), &err), CL_OK);
  assert_int_equal(cl_fileout_write(&o, "half", 4, &err), CL_OK);
  cl_fileout_abort(&o);
  expect_contents(path_in("b.csv"), "good\n");
  assert_int_equal(entries(), 2);  /* a.csv and b.csv, no temporary */
}

static void test_full_device (void **state) {
  cl_fileout o;
  cl_error err;
  (void)state;
  assert_int_equal(cl_fileout_open(&o, "/dev/full", &err), CL_OK);
  assert_int_equal(cl_fileout_write(&o, "x", 1, &err), CL_OK);  /* buffered */
  assert_int_equal(cl_fileout_commit(&o, &err), CL_EIO);
  assert_string_equal(err.msg, "cannot write /dev/full: No space left on device");
}

static void test_bad_destinations (void **state) {
  cl_fileout o;
  cl_error err;
  (void)state;
  assert_int_equal(cl_fileout_open(&o, dir, &err), CL_EIO);
  assert_non_null(strstr(err.msg, "it is a folder"));
  assert_int_equal(cl_fileout_open(&o, "", &err), CL_EIO);
  assert_int_equal(cl_fileout_open(&o, "/no/such/dir/x.csv", &err), CL_EIO);
  assert_string_equal(err.msg, "cannot write /no/such/dir/x.csv: No such file or directory");
}

/* a link is followed: the file it names is replaced, the link stays */
static void test_symlink (void **state) {
  char target[256];
  (void)state;
  snprintf(target, sizeof target, "%s", path_in("real.csv"));
  put(target, "old\n");
  assert_int_equal(symlink("real.csv", path_in("link.csv")), 0);
  put(path_in("link.csv"), "new\n");
  expect_contents(target, "new\n");
  assert_int_equal(readlink(path_in("link.csv"), target, sizeof target), 8);
}

static void test_mkdir (void **state) {
  cl_error err;
  (void)state;
  assert_int_equal(cl_fileout_mkdir("", &err), CL_EIO);
  assert_non_null(strstr(err.msg, "refusing an empty name"));
  assert_int_equal(cl_fileout_mkdir("/", &err), CL_EIO);
  assert_non_null(strstr(err.msg, "refusing the root folder"));
  assert_int_equal(cl_fileout_mkdir("//", &err), CL_EIO);
  assert_int_equal(cl_fileout_mkdir(path_in("x/y/z"), &err), CL_OK);
  assert_int_equal(cl_fileout_mkdir(path_in("x/y/z"), &err), CL_OK);  /* exists */
  assert_int_equal(cl_fileout_mkdir(path_in("a.csv"), &err), CL_EIO);
  assert_non_null(strstr(err.msg, "a file of that name is in the way"));
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_commit_replaces),
    cmocka_unit_test(test_abort_keeps_old),
    cmocka_unit_test(test_full_device),
    cmocka_unit_test(test_bad_destinations),
    cmocka_unit_test(test_symlink),
    cmocka_unit_test(test_mkdir),
  };
  int failed;
  if (mkdtemp(dir) == NULL) return 1;
  failed = cmocka_run_group_tests(tests, NULL, NULL);
  { char cmd[64]; snprintf(cmd, sizeof cmd, "rm -rf %s", dir); if (system(cmd) != 0) return 1; }
  return failed;
}
