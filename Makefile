# clusterlab -- a Lua 5.4 host with fast numerical primitives for regional
# economists.  `make` builds ./clusterlab; `make test` runs every test.

PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := lua5.4 openblas lapacke xlsxwriter
OPTFLAGS ?= -O2 -g
WARN     := -Wall -Wextra $(if $(WERROR),-Werror)
CFLAGS   += -std=c11 -D_DEFAULT_SOURCE $(OPTFLAGS) $(WARN) $(SANITIZE) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lreadstat -lreadline -lpthread -lm
LDFLAGS  += $(SANITIZE)

BUILD    := build$(if $(SANITIZE),-san)
CORE_OBJ := $(patsubst core/%.c,$(BUILD)/core/%.o,$(wildcard core/*.c))
HOST_OBJ := $(patsubst lua/%.c,$(BUILD)/lua/%.o,$(wildcard lua/*.c))
CTESTS   := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/test_*.c))
BIN      := clusterlab$(if $(SANITIZE),-san)

# Debian 12 packages the build and the tests need; the benchmarks' peers
DEPS       := build-essential pkg-config liblua5.4-dev libopenblas-dev \
              liblapacke-dev libreadline-dev libcmocka-dev \
              libxlsxwriter-dev python3-openpyxl libxml2-utils libreadstat-dev
BENCH_DEPS := r-base-core python3-numpy python3-scipy python3-statsmodels \
              python3-pandas r-cran-fastcluster r-cran-data.table time

.PHONY: all deps bench-deps test test-kernels check-memory demo bench install clean fuzz fuzz-api

all: $(BIN)

$(BIN): $(CORE_OBJ) $(HOST_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/core/%.o: core/%.c core/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The distance loops take a square root per pair (2e8 at n = 20,000) of a sum
# of squares, never negative: without errno's check the same sqrtsd costs
# about a quarter less of pdist's compute time, and sqrt vectorises. The
# euclidean loop is vectorised across pairs (the dynamic cost model: -O2's
# default declines loops of unknown length); no FMA contraction, so every
# sum stays R's bit for bit
$(BUILD)/core/distance.o: CFLAGS += -fno-math-errno -ffp-contract=off \
                                    -fvect-cost-model=dynamic

$(BUILD)/lua/%.o: lua/%.c lua/*.h core/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DCL_PREFIX='"$(PREFIX)"' -c -o $@ $<

$(BUILD)/tests/%: tests/c/%.c $(wildcard tests/c/*.h) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LDLIBS) -lcmocka

# Installs the Debian packages above that are missing (as root).
deps:
	@sh tools/install-packages.sh $(DEPS)

bench-deps:
	@sh tools/install-packages.sh $(BENCH_DEPS)

test: deps
	@$(MAKE) -s $(BIN) $(CTESTS)
	@sh tests/run.sh ./$(BIN) $(BUILD)/tests

# The whole suite under each OpenBLAS kernel the results must not depend on:
# OpenBLAS's own choice, the one clusterlab selects for this CPU (found by
# starting from the fallback), and the SSE3 fallback "Prescott" itself.
test-kernels: deps
	@$(MAKE) -s $(BIN) $(CTESTS)
	@sel=$$(OPENBLAS_CORETYPE=Prescott CLUSTERLAB_BLAS_SELECT=force ./$(BIN) \
	        -e 'print((require "timer".blas_kernel()))') && \
	for k in default $$sel Prescott; do \
	  if [ $$k = default ]; then env="-u OPENBLAS_CORETYPE CLUSTERLAB_BLAS_SELECT=0"; \
	  else env="OPENBLAS_CORETYPE=$$k"; fi; \
	  env $$env sh tests/run.sh ./$(BIN) $(BUILD)/tests >$(BUILD)/kernel.log 2>&1; \
	  rc=$$?; grep -E '^(FAIL|\[  FAILED)' $(BUILD)/kernel.log; \
	  echo "OpenBLAS kernel $$k: $$(tail -n 1 $(BUILD)/kernel.log)"; \
	  [ $$rc -eq 0 ] || exit 1; \
	done

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer; any
# report of either fails it.
SAN_FLAGS := SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer" OPTFLAGS="-O1 -g"
check-memory:
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(MAKE) $(SAN_FLAGS) test

# The Lua API fuzz harness (tests/fuzz/api_fuzz.lua) under ASan and UBSan:
# every module function and method with hostile arguments for FUZZ_API_SECONDS
# of CPU, in a scratch folder. Huge allocations fail (as malloc may) instead
# of exhausting the machine; a sanitizer report or a hang fails the target.
FUZZ_API_SECONDS ?= 60
FUZZ_API_SEED    ?= 1
fuzz-api: deps
	@$(MAKE) -s $(SAN_FLAGS) clusterlab-san
	@d=$$(mktemp -d); cd $$d && \
	  ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=256 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 OPENBLAS_NUM_THREADS=1 \
	  FUZZ_SCRATCH=$$d FUZZ_DATA=$(CURDIR)/tests/data \
	  timeout $$(( $(FUZZ_API_SECONDS) * 2 + 120 )) $(CURDIR)/clusterlab-san \
	    $(CURDIR)/tests/fuzz/api_fuzz.lua $(FUZZ_API_SECONDS) $(FUZZ_API_SEED); \
	  rc=$$?; cd / && rm -rf $$d; \
	  [ $$rc -eq 0 ] || { echo "api_fuzz: FOUND A BUG (exit status $$rc; rerun with FUZZ_TRACE=1)"; exit 1; }

# The main job: the bundled reproduction of the dissertation, into out/.
demo: deps
	@$(MAKE) -s $(BIN)
	./$(BIN) scripts/dissertation.lua --out out

# Speed and memory against numpy, scipy, statsmodels, pandas, R, fastcluster
# and data.table on the same inputs, interleaved, best of 3 (not a test; a
# quarter of an hour on 2 cores). The table also goes to out/bench.md.
bench: bench-deps $(BIN)
	@mkdir -p out
	./$(BIN) scripts/benchmarks.lua --markdown out/bench.md

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/clusterlab
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/clusterlab
	cp -r stdlib $(DESTDIR)$(PREFIX)/share/clusterlab/

clean:
	rm -rf build build-san clusterlab clusterlab-san out

# Fuzzing, not part of `make test`: each libFuzzer harness in tests/fuzz/
# (clang, ASan + UBSan) runs FUZZ_SECONDS (0: until stopped) from its corpus
# in build/fuzz/; the CSV harness starts from the files under tests/data. A
# finding stops make and leaves the input as build/fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -std=c11 -D_DEFAULT_SOURCE -O1 -g -fno-omit-frame-pointer \
                -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all $(WARN) \
                $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_OBJ     := $(patsubst core/%.c,build/fuzz/core/%.o,$(wildcard core/*.c))
FUZZERS      := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

$(FUZZ_OBJ): build/fuzz/core/%.o: core/%.c core/*.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZERS): build/fuzz/%: tests/fuzz/%.c tests/fuzz/*.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz:
	@sh tools/install-packages.sh clang libclang-rt-14-dev
	@$(MAKE) -s $(FUZZERS)
	@mkdir -p build/fuzz/seed_csvread
	@find tests/data -name '*.csv' -exec cp {} build/fuzz/seed_csvread/ \;
	@for f in $(FUZZERS); do \
	  name=$${f#build/fuzz/}; seeds=; dict=; log=build/fuzz/$$name.log; \
	  [ -d build/fuzz/seed_$${name#fuzz_} ] && seeds=build/fuzz/seed_$${name#fuzz_}; \
	  [ -f tests/fuzz/$$name.dict ] && dict=-dict=tests/fuzz/$$name.dict; \
	  mkdir -p build/fuzz/corpus_$$name; \
	  if ! OPENBLAS_NUM_THREADS=1 $$f -max_total_time=$(FUZZ_SECONDS) \
	       -print_final_stats=1 -artifact_prefix=build/fuzz/ $$dict \
	       build/fuzz/corpus_$$name $$seeds >$$log 2>&1; then \
	    tail -n 40 $$log; echo "$$name: FOUND A BUG (log: $$log)"; exit 1; \
	  fi; \
	  echo "$$name: $$(sed -n 's/^stat::number_of_executed_units: *//p' $$log)" \
	       "runs in $(FUZZ_SECONDS) s, no findings"; \
	done
