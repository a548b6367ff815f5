#!/bin/sh
# Runs every C test binary (cmocka) and every Lua test file, then prints the
# totals as "N passed, N failed". Usage: tests/run.sh ./clusterlab BUILD/tests
bin=$1
ctests=$2
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count () {  # adds the counts of one suite's output to the totals
  p=$1; f=$2; rc=$3; name=$4
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
    echo "FAIL $name exited with status $rc"
    tail -n 20 "$log"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

for t in "$ctests"/test_*; do
  [ -x "$t" ] || continue
  "$t" >"$log" 2>&1
  rc=$?
  p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  grep -E '^\[  (FAILED|ERROR)' "$log" | grep -v 'test(s)' || true
  echo "C   $(basename "$t"): ${p:-0} passed, ${f:-0} failed"
  count "${p:-0}" "${f:-0}" "$rc" "$t"
done

for t in tests/lua/test_*.lua tests/scripts/test_*.lua; do
  [ -f "$t" ] || continue
  CLUSTERLAB_PATH="tests/lua/?.lua" "$bin" "$t" >"$log" 2>&1
  rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  grep -E '^FAIL' "$log" || true
  echo "Lua $(basename "$t"): ${p:-0} passed, ${f:-0} failed"
  count "${p:-0}" "${f:-0}" "$rc" "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
