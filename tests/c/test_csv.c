/*
** test_csv.c -- core/csvread.c and core/csvwrite.c: numbers in every
** notation, separators, quotes, BOM, line numbers and every error message.
*/
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../core/csvread.h"
#include "../../core/csvwrite.h"

#include "tempfile.h"

#define DATA "tests/data/csv/"


/* reads a temporary file made of the string s; returns the status */
static int read_string (const char *s, char sep, char decimal,
                        cl_csv_table *t, cl_error *err, char *path) {
  int status;
  temp_file(path, s, strlen(s));
  status = cl_csv_read(t, path, sep, decimal, err);
  remove(path);
  return status;
}

/* err->msg must be path followed by tail */
static void assert_message (const cl_error *err, const char *path,
                            const char *tail) {
  char want[512];
  snprintf(want, sizeof want, "%s%s", path, tail);
  assert_string_equal(err->msg, want);
}

static double number (const char *s, char decimal, char thousands) {
  double v = -999;
  assert_true(cl_csv_parse_number(s, decimal, thousands, &v));
  return v;
}

static int not_number (const char *s, char decimal, char thousands) {
  double v;
  return !cl_csv_parse_number(s, decimal, thousands, &v);
}

static void test_numbers (void **state) {
  (void)state;
  /* expected values are the decimal text itself, converted by the compiler */
  assert_true(number("1", '.', 0) == 1.0);
  assert_true(number("+1", '.', 0) == 1.0);
  assert_true(number("-0.5", '.', 0) == -0.5);
  assert_true(number("1e-3", '.', 0) == 1e-3);
  assert_true(number("  12.5 ", '.', 0) == 12.5);
  assert_true(number(".5", '.', 0) == 0.5);
  assert_true(number("5.", '.', 0) == 5.0);
  assert_true(number("4.25E+2", '.', 0) == 425.0);
  assert_true(number("0.1", '.', 0) == 0.1);
  assert_true(number("0.000001234", '.', 0) == 0.000001234);
  assert_true(signbit(number("-0", '.', 0)));
  /* more than 15 digits or a large exponent go through strtod */
  assert_true(number("0.33333333333333331", '.', 0) == 0.33333333333333331);
  assert_true(number("1.7976931348623157e308", '.', 0) == 1.7976931348623157e308);
  assert_true(number("2.2250738585072014e-308", '.', 0) == 2.2250738585072014e-308);
  assert_true(number("123456789012345678", '.', 0) == 123456789012345678.0);
  /* decimal commas; thousands separated by space, U+00A0 and U+202F */
  assert_true(number("12,5", ',', 0) == 12.5);
  assert_true(number("4,25e2", ',', 0) == 425.0);
  assert_true(number("1 234", '.', 0) == 1234.0);
  assert_true(number("1\xC2\xA0" "234\xC2\xA0" "567,5", ',', 0) == 1234567.5);
  assert_true(number("-25\xE2\x80\xAF" "480", ',', 0) == -25480.0);
  assert_true(number("\xC2\xA0" "7\xC2\xA0", '.', 0) == 7.0);
  assert_true(number("1.234,5", ',', '.') == 1234.5);
  assert_true(number("1,234,567.25", '.', ',') == 1234567.25);
  assert_true(number("1'234", '.', '\'') == 1234.0);
}

/* the number in s reads to the same bits as strtod gives (the tests run in
** the C locale), or is refused exactly when strtod overflows */
static void agrees_with_strtod (const char *s) {
  double v = 0, w = strtod(s, NULL);
  int ok = cl_csv_parse_number(s, '.', 0, &v);
  if (!isfinite(w)) {
    if (ok) fail_msg("%s: read as %.17g, strtod overflows", s, v);
    return;
  }
  if (!ok) fail_msg("%s: refused, strtod reads %.17g", s, w);
  if (memcmp(&v, &w, sizeof v) != 0)
    fail_msg("%s: %.17g, strtod %.17g", s, v, w);
}

/* splitmix64 (Steele, Lea and Flood 2014): a fixed stream of test cases */
static uint64_t next_random (uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* The Eisel-Lemire path rounds exactly as strtod (glibc's is correctly
** rounded) on hard cases and on 300,000 random ones: every double written
** with 15, 16 and 17 digits, and random digit strings with 1 to 25 digits
** (so past the 19 the fast path takes) and exponents across the range. */
static void test_numbers_as_strtod (void **state) {
  static const char *const hard[] = {
    "9007199254740993", "9007199254740992.5", "9007199254740993.0000000001",
    "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324",
    "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
    "0.1", "0.3", "1e23", "8.98846567431158e307", "7.2057594037927933e16",
    "9223372036854775807", "18446744073709551615", "18446744073709551616",
    "123456789012345678901234567890e-10", "0.000000000000000000000000000001",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "4503599627370496.5", "4503599627370497.5", "1e-308", "1e308", "1e-22",
    "1e22", "1e-23", "123456789e-330", "-0.0", "00000000000000000000001.5e3",
    NULL};
  uint64_t rng = 20260427;
  char s[64];
  int i, k;
  (void)state;
  for (k = 0; hard[k] != NULL; k++) agrees_with_strtod(hard[k]);
  for (i = 0; i < 100000; i++) {
    uint64_t bits = next_random(&rng);
    double x;
    memcpy(&x, &bits, sizeof x);
    if (!isfinite(x)) continue;
    for (k = 15; k <= 17; k++) {
      snprintf(s, sizeof s, "%.*g", k, x);
      agrees_with_strtod(s);
    }
  }
  for (i = 0; i < 100000; i++) {
    uint64_t r = next_random(&rng);
    int n = 1 + (int)(r % 25), e = (int)((r >> 8) % 700) - 350, j;
    for (j = 0; j < n; j++) s[j] = (char)('0' + next_random(&rng) % 10);
    snprintf(s + n, sizeof s - (size_t)n, "e%d", e);
    agrees_with_strtod(s);
  }
}

/* The same through a file and cl_csv_numbers, whose cells take the path
** that reads a fraction's digits 8 at a time: 200,000 numbers of 1 to 24
** fraction digits, some with exponents, the last ones at the very end of
** the file (no line end), where the 8-byte loads come nearest the end of
** the buffer. */
static void test_table_numbers_as_strtod (void **state) {
  enum { N = 200000 };
  uint64_t rng = 19480101;
  cl_csv_table t;
  cl_error err;
  cl_csv_numfmt fmt = {'.', 0, 0, NULL, 0};
  char path[32], *text = malloc((size_t)N * 40), *w = text;
  double *out = malloc(N * sizeof(double));
  int i;
  (void)state;
  assert_non_null(text);
  assert_non_null(out);
  for (i = 0; i < N; i++) {
    uint64_t r = next_random(&rng);
    int n = 1 + (int)(r % 24), j;
    w += sprintf(w, "%s%d.", r >> 40 & 1 ? "-" : "", (int)(r >> 8 & 7));
    for (j = 0; j < n; j++) *w++ = (char)('0' + next_random(&rng) % 10);
    if (r >> 41 & 1) w += sprintf(w, "e%d", (int)((r >> 16) % 600) - 300);
    *w++ = i + 1 < N ? '\n' : '\0';
  }
  cl_csv_init(&t);
  assert_int_equal(read_string(text, ',', '.', &t, &err, path), CL_OK);
  free(text);
  assert_int_equal(t.nrows, N);
  assert_int_equal(cl_csv_numbers(&t, 0, 0, &fmt, out, &err), CL_OK);
  for (i = 0; i < N; i++) {
    double want = strtod(cl_csv_cell(&t, i, 0), NULL);
    if (memcmp(&out[i], &want, sizeof want) != 0)
      fail_msg("%s: %.17g, strtod %.17g", cl_csv_cell(&t, i, 0), out[i], want);
  }
  free(out);
  cl_csv_free(&t);
}

static void test_not_numbers (void **state) {
  (void)state;
  assert_true(not_number("", '.', 0));
  assert_true(not_number("  ", '.', 0));
  assert_true(not_number("1.2.3", '.', 0));
  assert_true(not_number("12abc", '.', 0));
  assert_true(not_number("-", '.', 0));
  assert_true(not_number(".", '.', 0));
  assert_true(not_number("--1", '.', 0));
  assert_true(not_number("+-1", '.', 0));
  assert_true(not_number("1e", '.', 0));
  assert_true(not_number("1e+", '.', 0));
  assert_true(not_number("e5", '.', 0));
  assert_true(not_number("inf", '.', 0));
  assert_true(not_number("nan", '.', 0));
  assert_true(not_number("NA", '.', 0));
  assert_true(not_number("0x10", '.', 0));
  assert_true(not_number("1e999", '.', 0));       /* not a finite double */
  assert_true(not_number("12,5", '.', 0));        /* decimal comma read with '.' */
  assert_true(not_number("12.5", ',', 0));        /* and the reverse */
  assert_true(not_number("- 5", '.', 0));
  assert_true(not_number("1\t234", '.', 0));      /* a tab is no group separator */
  /* thousands groups have three digits, the first one to three */
  assert_true(not_number("1 23", '.', 0));
  assert_true(not_number("1234 567", '.', 0));
  assert_true(not_number("12 345 67", '.', 0));
  assert_true(number("1 ", '.', ',') == 1.0);       /* a trailing blank is trimmed */
  assert_true(not_number("1,5", '.', ','));       /* not a thousands group */
  assert_true(not_number("1.5", ',', '.'));
  assert_true(not_number("0.1 5", '.', 0));       /* groups only before the point */
}

/* strtod under a locale with a decimal comma must not change the result;
** skipped where no such locale is installed */
static void test_numbers_locale (void **state) {
  const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "ru_RU.UTF-8", "fr_FR.UTF-8"};
  size_t k;
  (void)state;
  for (k = 0; k < 4 && setlocale(LC_NUMERIC, names[k]) == NULL; k++) {}
  if (k == 4) skip();
  assert_true(number("0.33333333333333331", '.', 0) == 0.33333333333333331);
  assert_true(number("12,5", ',', 0) == 12.5);
  {
    char buf[32];
    cl_csv_format_number(0.1, 0, '.', buf);
    assert_string_equal(buf, "0.1");
  }
  setlocale(LC_NUMERIC, "C");
}

static void test_read_comma (void **state) {
  cl_csv_table t;
  cl_error err;
  double out[12];
  cl_csv_numfmt fmt = {'.', 0, 0, NULL, 0};
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(cl_csv_read(&t, DATA "germany_small.csv", 0, '.', &err), CL_OK);
  assert_int_equal(t.sep, ',');
  assert_int_equal(t.nrows, 5);
  assert_int_equal(cl_csv_width(&t, 0), 4);
  assert_string_equal(cl_csv_cell(&t, 0, 0), "");      /* "" in the file */
  assert_string_equal(cl_csv_cell(&t, 0, 2), "CPA_B-E");
  assert_string_equal(cl_csv_cell(&t, 2, 2), "304584");
  assert_int_equal(cl_csv_line(&t, 4, 0), 5);
  assert_int_equal(cl_csv_check_width(&t, 1, &err), CL_OK);
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_OK);
  /* column-major 4 x 3; values as written in the file */
  assert_true(out[0] == 1131 && out[1] == 7930 && out[2] == 426 && out[3] == 1.0339);
  assert_true(out[4] == 25480 && out[9] == 64167 && out[11] == 1.0289);
  cl_csv_free(&t);
}

/* the same table with ';', decimal commas, U+202F, U+00A0 and space between
** thousands, quoted labels, CRLF line ends and a BOM */
static void test_read_semicolon (void **state) {
  cl_csv_table t;
  cl_error err;
  double out[12];
  cl_csv_numfmt fmt = {',', 0, 0, NULL, 0};
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(cl_csv_read(&t, DATA "germany_small_semicolon.csv", 0, ',', &err), CL_OK);
  assert_int_equal(t.sep, ';');
  assert_int_equal(t.nrows, 5);
  assert_string_equal(cl_csv_cell(&t, 0, 0), "");      /* the BOM is gone */
  assert_string_equal(cl_csv_cell(&t, 0, 1), "CPA_A");
  assert_string_equal(cl_csv_cell(&t, 2, 0), "CPA_B-E");
  assert_string_equal(cl_csv_cell(&t, 1, 3), "1");      /* no \r */
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_OK);
  assert_true(out[0] == 1131 && out[1] == 7930 && out[2] == 426 && out[3] == 1.0339);
  assert_true(out[4] == 25480 && out[5] == 304584 && out[9] == 64167 && out[11] == 1.0289);
  cl_csv_free(&t);
}

static void test_quotes_and_lines (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("a,\"b,c\",\"d\"\"e\",\"two\nlines\"\n\n"
                               "  1 , 2,3,\"\"\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.nrows, 2);                        /* the blank line is skipped */
  assert_string_equal(cl_csv_cell(&t, 0, 1), "b,c");
  assert_string_equal(cl_csv_cell(&t, 0, 2), "d\"e");
  assert_string_equal(cl_csv_cell(&t, 0, 3), "two\nlines");
  assert_int_equal(cl_csv_line(&t, 0, 0), 1);
  assert_int_equal(cl_csv_line(&t, 0, 3), 2);          /* ends on line 2 */
  assert_int_equal(cl_csv_line(&t, 1, 0), 4);
  assert_string_equal(cl_csv_cell(&t, 1, 0), "  1 ");  /* blanks kept, as R */
  assert_string_equal(cl_csv_cell(&t, 1, 3), "");
  cl_csv_free(&t);
  /* a last line without its line end */
  assert_int_equal(read_string("x;y\n1;2", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.nrows, 2);
  assert_string_equal(cl_csv_cell(&t, 1, 1), "2");
  cl_csv_free(&t);
}

/* Lines that end with a lone \r (Excel's "CSV (Macintosh)") or \r\n count
** as lines in messages; every line of a \r file used to be line 1. */
static void test_cr_lines (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32], *big;
  size_t n, j;
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("x\r1\r\r2\r", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.nrows, 3);
  assert_int_equal(cl_csv_line(&t, 2, 0), 4);          /* after a blank line */
  assert_int_equal(read_string("a,b\r1,2\r3,\"x\"y\r", 0, '.', &t, &err, path),
                   CL_EPARSE);
  assert_message(&err, path, ":3: misplaced quote (a quote inside an unquoted "
                 "field, or text after a closing quote)");
  assert_int_equal(read_string("a,b\r\n1,2\r\n3,\"x\"y\r\n", 0, '.', &t, &err,
                               path), CL_EPARSE);
  assert_message(&err, path, ":3: misplaced quote (a quote inside an unquoted "
                 "field, or text after a closing quote)");
  assert_int_equal(read_string("a,b\r1,\"2\r3,4\r", 0, '.', &t, &err, path),
                   CL_EPARSE);
  assert_message(&err, path, ":4: a quoted field is not closed by the end of "
                 "the file");
  /* a \r\n split between two reads of 65536 bytes is one line end: the
  ** 7-byte header, then rows j = 0.. of 5 bytes, row j's \r at 7 + 5 j + 3,
  ** which is 65535 for j = 13105 (line 13107); the bad row is line 13108 */
  big = malloc(7 + 5 * 13106 + 16);
  assert_non_null(big);
  memcpy(big, "a,bcd\r\n", 7);
  for (j = 0, n = 7; j <= 13105; j++, n += 5) memcpy(big + n, "1,2\r\n", 5);
  assert_true(big[65535] == '\r' && big[65536] == '\n');
  memcpy(big + n, "3,\"x\"y\r\n", 9);
  temp_file(path, big, n + 9);
  free(big);
  assert_int_equal(cl_csv_read(&t, path, 0, '.', &err), CL_EPARSE);
  remove(path);
  assert_message(&err, path, ":13108: misplaced quote (a quote inside an "
                 "unquoted field, or text after a closing quote)");
  cl_csv_free(&t);
}

static void test_sniff (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("a\tb c\t\"d;e;f\"\n1\t2\t3\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, '\t');
  assert_string_equal(cl_csv_cell(&t, 0, 1), "b c");   /* a space stays */
  assert_int_equal(t.sniffed, 1);
  /* quoted separators do not count: 1 ';' outside quotes, 2 ',' inside */
  assert_int_equal(read_string("\"a,b,c\";d\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ';');
  /* a tie between ';' and ',' goes to ';' */
  assert_int_equal(read_string("a;1,5\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ';');
  /* with decimal commas, ',' gives way to ';': 3 commas, 2 semicolons */
  assert_int_equal(read_string("1,5;2,5;3,5\n", 0, ',', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ';');
  assert_int_equal(read_string("1,5;2,5;3,5\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ',');
  /* with decimal commas but no other candidate, ',' is still the one */
  assert_int_equal(read_string("a,b\n\"1,5\",2\n", 0, ',', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ',');
  /* one column: ',' */
  assert_int_equal(read_string("x\n1\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ',');
  /* a given separator is used as it is */
  assert_int_equal(read_string("a;b,c\n", ',', '.', &t, &err, path), CL_OK);
  assert_int_equal(t.sep, ',');
  assert_int_equal(t.sniffed, 0);
  assert_string_equal(cl_csv_cell(&t, 0, 0), "a;b");
  cl_csv_free(&t);
}

static void test_read_errors (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(cl_csv_read(&t, "tests/data/csv/no_such_file.csv", 0, '.', &err), CL_EIO);
  assert_string_equal(err.msg, "cannot open tests/data/csv/no_such_file.csv: "
                      "No such file or directory");
  /* a folder opens but cannot be read; its seek end is no size to allocate
  ** (ASan stopped at a request of 2^63 bytes) */
  assert_int_equal(cl_csv_read(&t, "tests/data/csv", 0, '.', &err), CL_EIO);
  assert_string_equal(err.msg, "cannot read tests/data/csv: Is a directory");
  assert_int_equal(read_string("", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ": the file is empty");
  assert_int_equal(read_string("\xEF\xBB\xBF\n\n", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ": the file is empty");
  assert_int_equal(read_string("\xFF\xFE" "a\0", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ": the file is UTF-16; save it as UTF-8");
  /* "Горно" in Windows-1251 */
  assert_int_equal(read_string("a,b\n1,\xC3\xEE\xF0\xED\xEE\n", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ":2: column 2 is not valid UTF-8 (is the file in "
                 "another encoding, such as Windows-1251? save it as UTF-8)");
  assert_int_equal(read_string("a,b\n1,2\n3,\"x\"y\n", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ":3: misplaced quote (a quote inside an unquoted "
                 "field, or text after a closing quote)");
  assert_int_equal(read_string("a,b\n1,\"2\n3,4\n", 0, '.', &t, &err, path), CL_EPARSE);
  assert_message(&err, path, ":4: a quoted field is not closed by the end of the file");
  cl_csv_free(&t);
  {
    char bytes[] = "a,b\n1,x\0y\n";
    temp_file(path, bytes, sizeof bytes - 1);
    assert_int_equal(cl_csv_read(&t, path, 0, '.', &err), CL_EPARSE);
    remove(path);
    assert_message(&err, path, ":2: column 2 contains a NUL byte (is the file "
                   "UTF-16? save it as UTF-8)");
    cl_csv_free(&t);
  }
}

static void test_width_errors (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("x,a,b\nr1,1,2\n\nr2,1\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_check_width(&t, 1, &err), CL_EPARSE);
  assert_message(&err, path, ":4: 2 fields, the header has 3");
  assert_int_equal(cl_csv_check_width(&t, 0, &err), CL_EPARSE);
  assert_message(&err, path, ":4: 2 fields, the first row has 3");
  assert_int_equal(read_string("x,a\nr1,1,2\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_check_width(&t, 1, &err), CL_EPARSE);
  assert_message(&err, path, ":2: 3 fields, the header has 2");
  cl_csv_free(&t);
}

/* reads "x,Mining\nr1,<cell>\n" (or with ';') and returns the number error */
static void number_error (const char *text, char decimal, char thousands,
                          const char *tail) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  double out[2];
  cl_csv_numfmt fmt = {decimal, thousands, 0, NULL, 0};
  cl_csv_init(&t);
  assert_int_equal(read_string(text, 0, decimal, &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_EPARSE);
  assert_message(&err, path, tail);
  cl_csv_free(&t);
}

/* A file of 150,000 rows (enough cells for several threads, each taking a
** band of rows) with bad cells on the given data rows (0-based, ascending,
** -1 ending the list). With none, every value must be in its place; else
** the error must name the first bad cell in the file, whichever band meets
** its own first. */
static void many_rows (const int *bad, const char *tail) {
  enum { ROWS = 150000 };
  cl_csv_table t;
  cl_error err;
  char path[32], *text = malloc(16 + (size_t)ROWS * 16), *w = text;
  double *out = malloc(ROWS * sizeof(double));
  cl_csv_numfmt fmt = {'.', 0, 0, NULL, 0};
  int i, k = 0;
  assert_non_null(text);
  assert_non_null(out);
  w += sprintf(w, "x,a\n");
  for (i = 0; i < ROWS; i++)
    if (bad[k] == i) { w += sprintf(w, "r,bad%d\n", i); k++; }
    else w += sprintf(w, "r,%d.5\n", i);
  cl_csv_init(&t);
  assert_int_equal(read_string(text, 0, '.', &t, &err, path), CL_OK);
  free(text);
  if (bad[0] < 0) {
    assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_OK);
    for (i = 0; i < ROWS; i++)
      if (out[i] != i + 0.5) fail_msg("row %d: %g", i, out[i]);
  } else {
    assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_EPARSE);
    assert_message(&err, path, tail);
  }
  free(out);
  cl_csv_free(&t);
}

static void test_many_numbers (void **state) {
  static const int none[] = {-1}, late[] = {149990, -1},
                   two[] = {10, 149000, -1}, mid[] = {80000, 140000, -1};
  (void)state;
  many_rows(none, NULL);
  many_rows(late, ":149992: column 2 (\"a\"): \"bad149990\" is not a number");
  many_rows(two, ":12: column 2 (\"a\"): \"bad10\" is not a number");
  many_rows(mid, ":80002: column 2 (\"a\"): \"bad80000\" is not a number");
}

static void test_number_errors (void **state) {
  (void)state;
  number_error("x,Agriculture,Mining\nr1,1,\"12,5\"\n", '.', 0,
               ":2: column 3 (\"Mining\"): \"12,5\" is not a number "
               "(the file uses decimal commas? pass {decimal=\",\"})");
  number_error("x;Mining\nr1;2\nr2;12.5\n", ',', 0,
               ":3: column 2 (\"Mining\"): \"12.5\" is not a number "
               "(the file uses decimal points? pass {decimal=\".\"})");
  number_error("x;Mining\nr1;1.234,5\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"1.234,5\" is not a number "
               "(the file uses decimal commas and '.' between thousands? "
               "pass {decimal=\",\", thousands=\".\"})");
  number_error("x;Mining\nr1;1,234\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"1,234\" is not a number "
               "(the file uses decimal commas? pass {decimal=\",\"}; "
               "or ',' between thousands? pass {thousands=\",\"})");
  number_error("x;Mining\nr1;1,234,567\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"1,234,567\" is not a number "
               "(',' between thousands? pass {thousands=\",\"})");
  number_error("x,Mining\nr1,12abc\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"12abc\" is not a number");
  number_error("x,Mining\nr1,\n", '.', 0,
               ":2: column 2 (\"Mining\"): empty cell (pass {na=true} to "
               "read empty cells and NA as missing values)");
  number_error("x,Mining\nr1,NA\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"NA\" is not a number (pass "
               "{na=true} to read empty cells and NA as missing values)");
  number_error("x,Mining\nr1,-\n", '.', 0,
               ":2: column 2 (\"Mining\"): \"-\" is not a number "
               "(a mark for missing values? pass {na={\"-\"}})");
  number_error("x,,Mining\nr1,1,1.5;2.5\n", '.', 0,
               ":2: column 3 (\"Mining\"): \"1.5;2.5\" is not a number "
               "(the separator was guessed as ','; pass {sep=\";\"})");
  number_error("x,\nr1,a\n", '.', 0,                   /* no label to show */
               ":2: column 2: \"a\" is not a number");
}

static void test_missing_values (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  double out[4];
  const char *marks[] = {"-", ".."};
  cl_csv_numfmt na = {'.', 0, 1, NULL, 0}, list = {'.', 0, 1, marks, 2};
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("x,a\nr1,\nr2,NA\nr3,-\nr4,..\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &na, out, &err), CL_EPARSE);
  assert_non_null(strstr(err.msg, ":4: column 2 (\"a\"): \"-\""));
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &list, out, &err), CL_EPARSE);
  assert_non_null(strstr(err.msg, ":3: column 2 (\"a\"): \"NA\""));
  marks[1] = "NA";
  assert_int_equal(read_string("x,a\nr1,\nr2,NA\nr3,-\nr4,1\n", 0, '.', &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &list, out, &err), CL_OK);
  assert_true(isnan(out[0]) && isnan(out[1]) && isnan(out[2]) && out[3] == 1);
  cl_csv_free(&t);
}

static void test_columns (void **state) {
  cl_csv_table t;
  cl_error err;
  char path[32];
  double out[3];
  int numeric;
  cl_csv_numfmt fmt = {'.', 0, 0, NULL, 0}, na = {'.', 0, 1, NULL, 0};
  (void)state;
  cl_csv_init(&t);
  assert_int_equal(read_string("name;n;share;mixed\nFood;51;9,38;1\n"
                               "Textiles;3;0,55;a\nOther;;1,5;\n",
                               ';', '.', &t, &err, path), CL_OK);
  assert_int_equal(cl_csv_column(&t, 1, 0, &fmt, out, &numeric, &err), CL_OK);
  assert_false(numeric);
  /* an empty cell makes a column text unless missing values are allowed */
  assert_int_equal(cl_csv_column(&t, 1, 1, &fmt, out, &numeric, &err), CL_OK);
  assert_false(numeric);
  assert_int_equal(cl_csv_column(&t, 1, 1, &na, out, &numeric, &err), CL_OK);
  assert_true(numeric && out[0] == 51 && out[1] == 3 && isnan(out[2]));
  assert_int_equal(cl_csv_column(&t, 1, 3, &na, out, &numeric, &err), CL_OK);
  assert_false(numeric);
  /* numbers with decimal commas read with '.': an error, not text */
  assert_int_equal(cl_csv_column(&t, 1, 2, &fmt, out, &numeric, &err), CL_EPARSE);
  assert_message(&err, path, ":2: column 3 (\"share\"): \"9,38\" is not a number "
                 "(the file uses decimal commas? pass {decimal=\",\"})");
  fmt.decimal = ',';
  assert_int_equal(cl_csv_column(&t, 1, 2, &fmt, out, &numeric, &err), CL_OK);
  assert_true(numeric && out[0] == 9.38 && out[1] == 0.55 && out[2] == 1.5);
  cl_csv_free(&t);
}

static void test_format (void **state) {
  char buf[32];
  (void)state;
  /* the fewest digits that read back the same double: the same digits as
  ** Python's repr (python3 -c "print(repr(1/3), repr(0.1+0.2))") */
  cl_csv_format_number(0.1, 0, '.', buf);
  assert_string_equal(buf, "0.1");
  cl_csv_format_number(43910, 0, '.', buf);
  assert_string_equal(buf, "43910");
  cl_csv_format_number(1.0 / 3, 0, '.', buf);
  assert_string_equal(buf, "0.3333333333333333");
  cl_csv_format_number(0.1 + 0.2, 0, '.', buf);
  assert_string_equal(buf, "0.30000000000000004");
  cl_csv_format_number(-1.0339, 0, ',', buf);
  assert_string_equal(buf, "-1,0339");
  cl_csv_format_number(1.0 / 3, 4, ',', buf);
  assert_string_equal(buf, "0,3333");
  cl_csv_format_number(1e-20, 0, '.', buf);
  assert_string_equal(buf, "1e-20");
}

static void test_write_read (void **state) {
  /* 2 x 2, column-major: [0.1 NaN; -2.5e-7 1/3] */
  double d[] = {0.1, -2.5e-7, NAN, 1.0 / 3}, out[4];
  cl_matrix m = {2, 2, d};
  const char *rn[] = {"Горнодобывающая промышленность", "Trade; \"retail\""};
  const char *cn[] = {" padded ", "Mining"};
  cl_csv_writeopts o = {';', ',', 0, "NA", 1, 0};
  cl_csv_numfmt fmt = {',', 0, 1, NULL, 0};
  cl_csv_table t;
  cl_error err;
  char path[32], text[256];
  FILE *f;
  size_t n;
  (void)state;
  temp_file(path, "", 0);
  assert_int_equal(cl_csv_write(path, &m, rn, cn, &o, &err), CL_OK);
  f = fopen(path, "rb");
  n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  assert_string_equal(text, "\xEF\xBB\xBF;\" padded \";Mining\n"
                      "Горнодобывающая промышленность;0,1;NA\n"
                      "\"Trade; \"\"retail\"\"\";-2,5e-07;0,3333333333333333\n");
  cl_csv_init(&t);
  assert_int_equal(cl_csv_read(&t, path, 0, ',', &err), CL_OK);
  assert_int_equal(t.sep, ';');
  assert_string_equal(cl_csv_cell(&t, 0, 1), " padded ");
  assert_string_equal(cl_csv_cell(&t, 1, 0), rn[0]);
  assert_string_equal(cl_csv_cell(&t, 2, 0), rn[1]);
  assert_int_equal(cl_csv_numbers(&t, 1, 1, &fmt, out, &err), CL_OK);
  assert_true(out[0] == d[0] && out[1] == d[1] && isnan(out[2]) && out[3] == d[3]);
  cl_csv_free(&t);
  remove(path);
}

static void test_write_errors (void **state) {
  double d[] = {1, INFINITY};
  cl_matrix m = {1, 2, d};
  const char *cn[] = {"a", "Mining"};
  cl_csv_writeopts o = {',', '.', 0, "NA", 0, 0};
  cl_error err;
  (void)state;
  assert_int_equal(cl_csv_write("/tmp/x.csv", &m, NULL, cn, &o, &err), CL_EDOMAIN);
  assert_string_equal(err.msg, "/tmp/x.csv: element [1, 2] (Mining) is inf; "
                      "only finite numbers and NaN (written as NA) can be written");
  d[1] = 2;
  assert_int_equal(cl_csv_write("/no/such/dir/x.csv", &m, NULL, cn, &o, &err), CL_EIO);
  assert_string_equal(err.msg, "cannot write /no/such/dir/x.csv: "
                      "No such file or directory");
}

int main (void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_numbers_as_strtod),
    cmocka_unit_test(test_table_numbers_as_strtod),
    cmocka_unit_test(test_not_numbers),
    cmocka_unit_test(test_numbers_locale),
    cmocka_unit_test(test_read_comma),
    cmocka_unit_test(test_read_semicolon),
    cmocka_unit_test(test_quotes_and_lines),
    cmocka_unit_test(test_cr_lines),
    cmocka_unit_test(test_sniff),
    cmocka_unit_test(test_read_errors),
    cmocka_unit_test(test_width_errors),
    cmocka_unit_test(test_number_errors),
    cmocka_unit_test(test_many_numbers),
    cmocka_unit_test(test_missing_values),
    cmocka_unit_test(test_columns),
    cmocka_unit_test(test_format),
    cmocka_unit_test(test_write_read),
    cmocka_unit_test(test_write_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
