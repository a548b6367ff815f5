/*
** tempfile.h -- for the C tests that read files: n bytes written to a new
** temporary file (mkstemp), its name put in path (at least 32 chars).
** The test removes it when done.
*/
#ifndef TESTS_TEMPFILE_H
#define TESTS_TEMPFILE_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void temp_file (char *path, const char *bytes, size_t n) {
  int fd;
  strcpy(path, "/tmp/clusterlab_test_XXXXXX");
  fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, bytes, n), (ssize_t)n);
  close(fd);
}

#endif
