/*
** fuzz_number.c -- libFuzzer harness for cl_csv_parse_number: every decimal
** mark and thousands separator, and each accepted number checked against
** strtod of the same digits (both round correctly, so the bits must agree).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/csvread.h"
#include "fuzz_bytes.h"

/* s without blanks (space, tab, U+00A0, U+202F) and thousands separators,
** with '.' for the decimal mark: what strtod reads */
static void plain (const char *s, char decimal, char thousands, char *out) {
  while (*s != '\0') {
    if (*s == ' ' || *s == '\t' || (thousands != 0 && *s == thousands)) s++;
    else if (strncmp(s, "\xC2\xA0", 2) == 0) s += 2;
    else if (strncmp(s, "\xE2\x80\xAF", 3) == 0) s += 3;
    else {
      *out++ = *s == decimal ? '.' : *s;
      s++;
    }
  }
  *out = '\0';
}

/* only what both grammars share: sign, digits, one point, an exponent */
static int simple (const char *s) {
  return strlen(s) < 300 && strspn(s, "0123456789.eE+-") == strlen(s);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const char decimals[] = {'.', ','};
  static const char thousands[] = {0, '.', ',', '\'', ' '};
  char *s = (char *)malloc(size + 1), *p = (char *)malloc(size + 1), *end;
  size_t d, k;
  double v, w;
  memcpy(s, data, size);
  s[size] = '\0';
  for (d = 0; d < sizeof decimals; d++)
    for (k = 0; k < sizeof thousands; k++) {
      char th = thousands[k] == decimals[d] ? 0 : thousands[k];
      if (!cl_csv_parse_number(s, decimals[d], thousands[k], &v)) continue;
      FUZZ_ASSERT(isfinite(v));
      plain(s, decimals[d], th, p);
      w = strtod(p, &end);
      FUZZ_ASSERT(*end == '\0');
      FUZZ_ASSERT(memcmp(&v, &w, sizeof v) == 0);
    }
  /* a plain C number strtod reads in full is a number here too */
  if (simple(s) && s[0] != '\0') {
    w = strtod(s, &end);
    if (*end == '\0' && isfinite(w)) {
      FUZZ_ASSERT(cl_csv_parse_number(s, '.', 0, &v));
      FUZZ_ASSERT(memcmp(&v, &w, sizeof v) == 0);
    }
  }
  free(s);
  free(p);
  return 0;
}
