/*
** test_csvmatrix.c -- core/csvmatrix.c, csv.read's fast path, against the
** general reader (core/csvread.c, tested in test_csv.c): where the fast
** path takes a file its numbers must be the general reader's bit for bit
** and its labels the same text; what it does not take (quotes over lines,
** blank lines, lone \r, bad cells, ...) it must hand back, as the general
** reader alone gives those files' messages. A file truncated by another
** program while it is read gives an error naming it, not a SIGBUS
** (core/mapguard.c): the file is cut after cl_csv_matrix_open has mapped it.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <cmocka.h>

#include "../../core/csvmatrix.h"
#include "../../core/csvread.h"
#include "../../core/mapguard.h"

#include "tempfile.h"

#define DATA "tests/data/csv/"


static const cl_csv_numfmt point = {'.', 0, 0, NULL, 0};

/* Reads path with the fast path; when it takes the file, the general
** reader must give the same numbers and labels. Returns the fast path's
** status; *bands gets its number of bands. */
static int both_ways (const char *path, const cl_csv_readopts *o, int header,
                      size_t col0, const cl_csv_numfmt *f, size_t *bands) {
  cl_csv_matrix m;
  cl_csv_table t;
  cl_error err;
  double *fast, *general;
  size_t nr, nc, i, j;
  int status;
  cl_csv_matrix_init(&m);
  if ((status = cl_csv_matrix_open(&m, path, o, header, col0, &err)) != CL_OK) {
    cl_csv_matrix_close(&m);
    return status;
  }
  nr = m.nrows;
  nc = m.width - col0;
  fast = (double *)malloc(nr * nc * sizeof(double));
  general = (double *)malloc(nr * nc * sizeof(double));
  assert_non_null(fast);
  assert_non_null(general);
  if ((status = cl_csv_matrix_fill(&m, f, fast, &err)) == CL_OK) {
    cl_csv_init(&t);
    assert_int_equal(cl_csv_read_opts(&t, path, o, &err), CL_OK);
    assert_int_equal(cl_csv_check_width(&t, header, &err), CL_OK);
    assert_int_equal(t.nrows - (header ? 1 : 0), nr);
    assert_int_equal(cl_csv_width(&t, 0), m.width);
    assert_int_equal(m.head.sep, t.sep);
    assert_int_equal(cl_csv_numbers(&t, header, col0, f, general, &err), CL_OK);
    assert_memory_equal(fast, general, nr * nc * sizeof(double));
    for (j = 0; header && j < m.width; j++)
      assert_string_equal(cl_csv_cell(&m.head, 0, j), cl_csv_cell(&t, 0, j));
    if (col0 > 0) {  /* the labels in the file, then copied into a block */
      size_t *offset = (size_t *)malloc(nr * sizeof(size_t));
      char *text = (char *)malloc(m.label_at[m.nbands]);
      assert_int_equal(cl_csv_matrix_labels(&m, offset, text, &err), CL_OK);
      for (i = 0; i < nr; i++) {
        const char *want = cl_csv_cell(&t, i + (header ? 1 : 0), col0 - 1);
        assert_int_equal(m.label[i].n, strlen(want));
        assert_memory_equal(m.label[i].s, want, m.label[i].n);
        assert_string_equal(text + offset[i], want);
      }
      assert_int_equal(offset[nr - 1] + strlen(text + offset[nr - 1]) + 1,
                       m.label_at[m.nbands]);
      free(offset);
      free(text);
    }
    cl_csv_free(&t);
  }
  *bands = m.nbands;
  free(fast);
  free(general);
  cl_csv_matrix_close(&m);
  return status;
}

/* both_ways for the string s as a file */
static int string_both_ways (const char *s, char sep, char decimal,
                             int header, size_t col0, const cl_csv_numfmt *f) {
  cl_csv_readopts o = {sep, decimal, 0, 0};
  char path[32];
  size_t bands;
  int status;
  temp_file(path, s, strlen(s));
  status = both_ways(path, &o, header, col0, f, &bands);
  remove(path);
  return status;
}

/* the project's own tables, as csv.read reads them in the Lua tests */
static void test_project_files (void **state) {
  cl_csv_readopts comma = {0, '.', 0, 0}, semi = {0, ',', 0, 0};
  cl_csv_numfmt spaces = {',', 0, 0, NULL, 0};
  size_t bands;
  (void)state;
  assert_int_equal(both_ways(DATA "germany_small.csv", &comma, 1, 1, &point,
                             &bands), CL_OK);
  assert_int_equal(both_ways(DATA "germany_small_semicolon.csv", &semi, 1, 1,
                             &spaces, &bands), CL_OK);
  assert_int_equal(both_ways(DATA "cyrillic_semicolon.csv", &semi, 1, 1,
                             &spaces, &bands), CL_OK);
  assert_int_equal(both_ways(DATA "coded_labels.csv", &comma, 1, 2, &point,
                             &bands), CL_OK);
  assert_int_equal(bands, 1);
}

/* files the fast path takes */
static void test_taken (void **state) {
  cl_csv_numfmt na = {'.', 0, 1, NULL, 0}, thousands = {',', '.', 0, NULL, 0};
  const char *const marks[] = {"-", "n/a"};
  cl_csv_numfmt na_marks = {'.', 0, 1, marks, 2};
  const char *const minus999[] = {"-999"};
  cl_csv_numfmt na_number = {'.', 0, 1, minus999, 1}, comma = {',', 0, 0, NULL, 0};
  (void)state;
  assert_int_equal(string_both_ways(",a,b\nx,1,2\ny,3.5,-4e3\n", 0, '.', 1, 1,
                                    &point), CL_OK);
  /* CRLF, no line end at the end, a BOM, R's quoted labels */
  assert_int_equal(string_both_ways("\xEF\xBB\xBF\"\",\"a\",\"b\"\r\n"
                                    "\"x\",1,2\r\n\"y, z\",3,4", 0, '.', 1, 1,
                                    &point), CL_OK);
  /* every field quoted (Python's QUOTE_ALL, spreadsheets' "quote all") */
  assert_int_equal(string_both_ways("\"\",\"a\",\"b\"\n\"x\",\"1.5\",\" 2 \"\n"
                                    "\"y\",\"\",\"-3e2\"\n", 0, '.', 1, 1, &na),
                   CL_OK);
  /* decimal commas, thousands points and spaces, no-break spaces */
  assert_int_equal(string_both_ways(";a;b\nx;1.234,5;2 000\n"
                                    "y;\xC2\xA0" "3,25;-1\n", 0, ',', 1, 1,
                                    &thousands), CL_OK);
  /* blank lines at the end, after \n or \r\n */
  assert_int_equal(string_both_ways(",a,b\nx,1,2\n\n\n", 0, '.', 1, 1, &point),
                   CL_OK);
  assert_int_equal(string_both_ways(",a,b\r\nx,1,2\r\n\r\n", 0, '.', 1, 1,
                                    &point), CL_OK);
  /* missing values */
  assert_int_equal(string_both_ways(",a,b\nx,,NA\ny,1,2\n", 0, '.', 1, 1, &na),
                   CL_OK);
  assert_int_equal(string_both_ways(",a,b\nx,-,n/a\ny,1,\n", 0, '.', 1, 1,
                                    &na_marks), CL_OK);
  /* no header, no labels; spaces kept around a label; tabs */
  assert_int_equal(string_both_ways("1,2\n3,4\n", 0, '.', 0, 0, &point), CL_OK);
  assert_int_equal(string_both_ways("\ta\n x \t1\n", '\t', '.', 1, 1, &point),
                   CL_OK);
  /* numbers read by parsing up to the separator, and cells that only look
  ** like a number until a byte after it (spaces around are allowed) */
  assert_int_equal(string_both_ways(",a,b,c\nx,1e5,-.5,+3\ny,1.5 ,  2, 5.\r\n",
                                    0, '.', 1, 1, &point), CL_OK);
  /* the separator is the decimal mark: fields split first */
  assert_int_equal(string_both_ways("x,a,b\nr,1,5\n", 0, ',', 1, 1, &comma),
                   CL_OK);
  /* a mark of missing values that is a number is missing */
  assert_int_equal(string_both_ways(",a,b\nx,-999,1\ny,2,-999\n", 0, '.', 1, 1,
                                    &na_number), CL_OK);
  /* numbers strtod must decide, 19+ digits */
  assert_int_equal(string_both_ways(",a\nx,2.2250738585072011e-308\n"
                                    "y,1.00000000000000011102230246251565404\n",
                                    0, '.', 1, 1, &point), CL_OK);
}

/* files it hands to the general reader */
static void test_handed_back (void **state) {
  cl_csv_numfmt na = {'.', 0, 1, NULL, 0};
  static const char *const general[] = {
    ",a,b\nx,1,2\n\ny,3,4\n",             /* a blank line */
    ",a,b\n\nx,1,2\n",                     /* a blank line first */
    ",a,b\n\"x\ny\",1,2\n",                /* a label over two lines */
    ",a,b\n\"x\"\"y\",1,2\n",              /* "" in a label */
    ",a,b\n\"x\"y,1,2\n",                  /* text after a quote */
    ",a,b\rx,1,2\ry,3,4\r",                /* lone \r line ends */
    ",a,b\nx,1,2\ry,3,4\n",                /* one lone \r */
    ",a,b\nx,1,oops\n",                    /* not a number */
    ",a,b\nx,1,2x\n",                      /* a number, then more */
    ",a,b\nx,1.2.3,2\n",
    ",a,b\nx,1e,2\n",
    ",a,b\nx,0x10,2\n",
    ",a,b\nx,1,\n",                        /* empty without na */
    ",a,b\nx,1,2,3\n",                     /* too wide */
    ",a,b\nx,1\n",                         /* too narrow */
    ",a,b\n",                              /* no data */
    ",a,b",                                /* no data, no line end */
    "\"a,b\nc\",d\nx,1\n",                 /* a header over two lines */
    ",a\nx\xff,1\n",                       /* not UTF-8 */
    "",                                    /* empty */
    "\xFF\xFE,\0a\0",                      /* UTF-16 */
    NULL
  };
  size_t k;
  (void)state;
  for (k = 0; general[k] != NULL; k++)
    if (string_both_ways(general[k], 0, '.', 1, 1, &point) != CL_CSV_GENERAL)
      fail_msg("taken: %s", general[k]);
  /* a code column before the labels is checked as UTF-8 too */
  assert_int_equal(string_both_ways(",,a\n\xff,x,1\n", 0, '.', 1, 2, &point),
                   CL_CSV_GENERAL);
  /* one column without labels: a blank line would be a missing value */
  assert_int_equal(string_both_ways("a\n1\n\n2\n", 0, '.', 1, 0, &na),
                   CL_CSV_GENERAL);
  {
    char path[32];
    static const char nul[] = ",a\nx,1\0\n";
    cl_csv_readopts o = {0, '.', 0, 0}, trim = {0, '.', 1, 0},
                    short_lines = {0, '.', 0, 8};
    size_t bands;
    temp_file(path, nul, sizeof nul - 1);
    assert_int_equal(both_ways(path, &o, 1, 1, &point, &bands), CL_CSV_GENERAL);
    remove(path);
    temp_file(path, ",a\nx,1\ny,2\n", 11);  /* taken only without trim */
    assert_int_equal(both_ways(path, &o, 1, 1, &point, &bands), CL_OK);
    assert_int_equal(both_ways(path, &trim, 1, 1, &point, &bands),
                     CL_CSV_GENERAL);
    remove(path);
    temp_file(path, ",a\nx,1\nyyyyyyyy,2\n", 18);  /* a line over max_line */
    assert_int_equal(both_ways(path, &short_lines, 1, 1, &point, &bands),
                     CL_CSV_GENERAL);
    remove(path);
    temp_file(path, ",aaaaaaaa\nx,1\n", 14);  /* the header over max_line */
    assert_int_equal(both_ways(path, &short_lines, 1, 1, &point, &bands),
                     CL_CSV_GENERAL);
    remove(path);
    assert_int_equal(both_ways("/dev/null", &o, 1, 1, &point, &bands),
                     CL_CSV_GENERAL);  /* not a regular file */
    assert_int_equal(both_ways("no such file", &o, 1, 1, &point, &bands),
                     CL_CSV_GENERAL);
  }
}

/* a file of about 3 MB with CRLF line ends and R's quoted labels */
static char *big_file (size_t rows, size_t *n) {
  size_t cap = rows * 64 + 64, i;
  char *s = (char *)malloc(cap);
  assert_non_null(s);
  *n = (size_t)sprintf(s, "\"\",\"a\",\"b\",\"c\"\r\n");
  for (i = 0; i < rows; i++)
    *n += (size_t)sprintf(s + *n, "\"r%zu\",%.17g,%zu,-%zu.%03zu\r\n", i,
                          (double)i / 7.0, i * 31, i % 1000, i % 997);
  return s;
}

/* the bands of a large file agree with the general reader at every cut;
** a quoted field over lines or a blank line anywhere hands it back */
static void test_bands (void **state) {
  cl_csv_readopts o = {0, '.', 0, 0};
  char path[32], *s;
  size_t n, bands, middle;
  (void)state;
  s = big_file(60000, &n);
  temp_file(path, s, n);
  assert_int_equal(both_ways(path, &o, 1, 1, &point, &bands), CL_OK);
  if (sysconf(_SC_NPROCESSORS_ONLN) >= 2) assert_true(bands >= 2);
  remove(path);
  middle = n / 2;
  while (s[middle - 1] != '\n') middle++;  /* a line's first byte: a quote */
  s[middle + 1] = '\n';               /* "\n123",... : a label over lines */
  temp_file(path, s, n);
  assert_int_equal(both_ways(path, &o, 1, 1, &point, &bands), CL_CSV_GENERAL);
  remove(path);
  s[middle + 1] = 'r';
  while (s[middle] != '\n') middle++;
  s[middle - 1] = '\n';               /* \n\n: a blank line */
  temp_file(path, s, n);
  assert_int_equal(both_ways(path, &o, 1, 1, &point, &bands), CL_CSV_GENERAL);
  remove(path);
  free(s);
}

/* Ctrl-C stops the bands */
static void test_interrupt (void **state) {
  cl_csv_readopts o = {0, '.', 0, 0};
  cl_csv_matrix m;
  cl_csv_table t;
  cl_error err;
  char path[32], *s;
  size_t n;
  double *out;
  (void)state;
  s = big_file(60000, &n);
  temp_file(path, s, n);
  cl_csv_matrix_init(&m);
  cl_interrupt = 1;  /* while counting lines: the general reader says it */
  assert_int_equal(cl_csv_matrix_open(&m, path, &o, 1, 1, &err), CL_CSV_GENERAL);
  cl_csv_init(&t);
  assert_int_equal(cl_csv_read_opts(&t, path, &o, &err), CL_EINTR);
  cl_csv_free(&t);
  cl_interrupt = 0;
  assert_int_equal(cl_csv_matrix_open(&m, path, &o, 1, 1, &err), CL_OK);
  out = (double *)malloc(m.nrows * 3 * sizeof(double));
  cl_interrupt = 1;
  assert_int_equal(cl_csv_matrix_fill(&m, &point, out, &err), CL_EINTR);
  cl_interrupt = 0;
  assert_string_equal(err.msg, "interrupted");
  assert_int_equal(cl_csv_matrix_fill(&m, &point, out, &err), CL_OK);
  cl_csv_matrix_close(&m);
  remove(path);
  free(out);
  free(s);
}

static int read_byte (void *arg) {
  return *(volatile const char *)arg;
}

/* core/mapguard.c alone: a read of a page still there gives its byte; of
** a page gone, 0 from cl_mapguard_call, again and again on this thread */
static void test_guarded_read (void **state) {
  char path[32];
  const char *p;
  int fd, byte = -1;
  (void)state;
  temp_file(path, "0123456789\n", 11);
  assert_int_equal(truncate(path, 8192), 0);
  fd = open(path, O_RDONLY);
  assert_true(fd >= 0);
  p = (const char *)mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
  close(fd);
  assert_true(p != MAP_FAILED);
  cl_mapguard_begin();
  assert_int_equal(truncate(path, 4096), 0);
  assert_int_equal(cl_mapguard_call(p, 8192, read_byte, (void *)p, &byte), 1);
  assert_int_equal(byte, '0');
  assert_int_equal(cl_mapguard_call(p, 8192, read_byte, (void *)(p + 4096),
                                    &byte), 0);
  assert_int_equal(truncate(path, 0), 0);
  assert_int_equal(cl_mapguard_call(p, 8192, read_byte, (void *)p, &byte), 0);
  cl_mapguard_end();
  munmap((void *)p, 8192);
  remove(path);
}

/* the SIGBUS action in force (a handler's address, SIG_DFL or SIG_IGN) */
static void *sigbus_action (void) {
  struct sigaction sa;
  assert_int_equal(sigaction(SIGBUS, NULL, &sa), 0);
  return (sa.sa_flags & SA_SIGINFO) ? (void *)sa.sa_sigaction
                                    : (void *)sa.sa_handler;
}

/* the mapped file cut to `keep` bytes by "another program" before the
** numbers are read (labels 0) or before the labels are copied out of the
** mapping (labels 1): the bands' threads touch pages that are gone */
static void shrink_while_reading (const char *s, size_t n, off_t keep,
                                  int labels) {
  cl_csv_readopts o = {0, '.', 0, 0};
  cl_csv_matrix m;
  cl_error err;
  char path[32], want[128];
  double *out;
  int status;
  temp_file(path, s, n);
  cl_csv_matrix_init(&m);
  assert_int_equal(cl_csv_matrix_open(&m, path, &o, 1, 1, &err), CL_OK);
  if (sysconf(_SC_NPROCESSORS_ONLN) >= 2) assert_true(m.nbands >= 2);
  out = (double *)malloc(m.nrows * 3 * sizeof(double));
  assert_non_null(out);
  if (labels) {
    assert_int_equal(cl_csv_matrix_fill(&m, &point, out, &err), CL_OK);
    assert_int_equal(truncate(path, keep), 0);
    size_t *offset = (size_t *)malloc(m.nrows * sizeof(size_t));
    char *text = (char *)malloc(m.label_at[m.nbands]);
    status = cl_csv_matrix_labels(&m, offset, text, &err);
    free(offset);
    free(text);
  } else {
    assert_int_equal(truncate(path, keep), 0);
    status = cl_csv_matrix_fill(&m, &point, out, &err);
  }
  assert_int_equal(status, CL_EIO);
  snprintf(want, sizeof(want), "%s: the file shrank while it was being read "
           "(another program changed it); read it again", path);
  assert_string_equal(err.msg, want);
  cl_csv_matrix_close(&m);
  remove(path);
  free(out);
}

/* a file truncated while it is read gives the error, not a SIGBUS, and the
** SIGBUS action in force before (cmocka's) is put back */
static void test_file_shrinks (void **state) {
  static const off_t keep[] = {0, 100, 8192, 1 << 20};
  char *s;
  size_t n, k;
  void *before = sigbus_action();
  (void)state;
  s = big_file(60000, &n);
  for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
    shrink_while_reading(s, n, keep[k], 0);
    shrink_while_reading(s, n, keep[k], 1);
    assert_ptr_equal(sigbus_action(), before);
  }
  free(s);
}

/* a SIGBUS the guard does not own still kills the process (in a child):
** a gone page touched outside cl_mapguard_call, while the handler is in */
static void test_other_sigbus_crashes (void **state) {
  char path[32];
  int child, how;
  (void)state;
  temp_file(path, "0123456789\n", 11);
  assert_int_equal(truncate(path, 8192), 0);
  child = fork();
  assert_true(child >= 0);
  if (child == 0) {
    int fd = open(path, O_RDONLY);
    volatile char *p = (volatile char *)mmap(NULL, 8192, PROT_READ,
                                             MAP_SHARED, fd, 0);
    signal(SIGBUS, SIG_DFL);  /* not cmocka's: it would report and go on */
    cl_mapguard_begin();
    if (p == MAP_FAILED || truncate(path, 0) != 0) _exit(2);
    (void)p[4096];
    _exit(0);  /* survived: the guard swallowed a SIGBUS it does not own */
  }
  assert_int_equal(waitpid(child, &how, 0), child);
  remove(path);
  assert_false(WIFEXITED(how) && WEXITSTATUS(how) == 0);
  assert_false(WIFEXITED(how) && WEXITSTATUS(how) == 2);
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_project_files),
    cmocka_unit_test(test_taken),
    cmocka_unit_test(test_handed_back),
    cmocka_unit_test(test_bands),
    cmocka_unit_test(test_interrupt),
    cmocka_unit_test(test_guarded_read),
    cmocka_unit_test(test_file_shrinks),
    cmocka_unit_test(test_other_sigbus_crashes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
