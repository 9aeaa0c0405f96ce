# gongshi: static site generator for public-affairs disclosure.
#
#   make run     install what is missing, build, render the bundled site
#   make check   build and run every test, also under ASan + UBSan
#   make check-web  render the bundled site, serve it with nginx on 127.0.0.1,
#                and check it with the Nu HTML Checker, axe-core in chromium,
#                zbarimg; then drive `gongshi serve` in chromium (installs
#                what it needs; see tests/web/)
#   make bench   gongshi vs the floor vs Hugo (issue 6; slow, never a test)
#
PKGS     = libxml-2.0 yaml-0.1 libcrypto libqrencode libmicrohttpd
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-missing-field-initializers
CPPFLAGS_ALL = -D_GNU_SOURCE -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
           -lcmark-gfm-extensions -lcmark-gfm -lpthread

SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ  = $(SRC:src/%.c=build/rel/%.o)
AOBJ = $(SRC:src/%.c=build/asan/%.o)
SAN  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=build/rel/tests/%)
UNIT_ABIN = $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all run check check-web deps deps-test unit unit-asan sites sites-asan sites-valgrind man-lint clean fuzz \
        bench
.DELETE_ON_ERROR:

all: gongshi

deps:
	@.ci/deps.sh build

deps-test:
	@.ci/deps.sh test

gongshi: $(OBJ) build/rel/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

gongshi-asan: $(AOBJ) build/asan/main.o
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/rel/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -MMD -MP -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(CPPFLAGS_ALL) -MMD -MP -c -o $@ $<

# Unit tests; tests/unit/*.h are fixtures that some of them share.
UNIT_H = $(wildcard tests/unit/*.h)

build/rel/tests/%: tests/unit/%.c $(OBJ) $(UNIT_H)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -o $@ $(filter-out %.h,$^) $(LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c $(AOBJ) $(UNIT_H)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(CPPFLAGS_ALL) -o $@ $(filter-out %.h,$^) $(LIBS) -lcmocka

# The hostile-input site test's fixture generator (tests/sites/xssgen.c).
build/rel/xssgen: tests/sites/xssgen.c $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -o $@ $^ $(LIBS)

run: deps
	@$(MAKE) --no-print-directory gongshi
	./gongshi build

# Tests run with a pinned clock, zone and locale.
TEST_ENV = TZ=Asia/Shanghai LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1795392000

check: deps-test
	@$(MAKE) --no-print-directory gongshi gongshi-asan build/rel/xssgen $(UNIT_BIN) $(UNIT_ABIN)
	@$(MAKE) --no-print-directory unit unit-asan sites sites-asan sites-valgrind man-lint
	@echo "make check: all tests passed"

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; $(TEST_ENV) $$t || exit 1; done

unit-asan: $(UNIT_ABIN)
	@for t in $(UNIT_ABIN); do echo "== $$t (asan)"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(TEST_ENV) $$t || exit 1; done

sites: gongshi build/rel/xssgen
	@$(TEST_ENV) GONGSHI=$(CURDIR)/gongshi tests/sites/run.sh

sites-asan: gongshi-asan build/rel/xssgen
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(TEST_ENV) GONGSHI=$(CURDIR)/gongshi-asan tests/sites/run.sh

# Under valgrind: 0 errors, 0 leaks (the kill and disk-full cases are
# about timing and limits, not memory, and are left to the runs above).
sites-valgrind: gongshi build/rel/xssgen
	@$(TEST_ENV) SKIP="kill disk_full serve_parts" GONGSHI=$(CURDIR)/tests/valgrind-gongshi tests/sites/run.sh

# The resident-facing site in a real browser: tests/web/run.sh.
check-web: deps
	@tests/web/deps.sh
	@$(MAKE) --no-print-directory gongshi
	@$(TEST_ENV) tests/web/selftest.sh
	@$(TEST_ENV) tests/web/run.sh
	@$(TEST_ENV) tests/web/serve.sh

# The benchmark (bench/run.sh; BENCH_N, BENCH_ROUNDS tune it).  The floor
# program is built here only, never by `make` or `make check`.
build/bench/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -D_GNU_SOURCE -o $@ $< \
	    -lcmark-gfm-extensions -lcmark-gfm -lqrencode -lpthread

bench: gongshi build/bench/floor
	bench/run.sh

man-lint:
	@mandoc -Tlint -W warning docs/gongshi.1 && echo "man page: mandoc -Tlint clean"

# Fuzzing: libFuzzer with clang (Debian clang + libclang-rt-14-dev).
FUZZ_CC      = clang
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FOBJ = $(SRC:src/%.c=build/fuzz/obj/%.o)
FUZZ_BIN = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
.SECONDARY: $(FOBJ)

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -Wall -Wextra -Werror $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FOBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -Wall -Wextra -Werror $(FUZZ_FLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -Itests/fuzz -o $@ $(filter %.c %.o,$^) $(LIBS)

# The record-level harnesses share tests/fuzz/record.h.
build/fuzz/fuzz_schedule build/fuzz/fuzz_ledger: tests/fuzz/record.h

fuzz:
	@.ci/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build gongshi gongshi-asan public .public.* tests/out

-include $(OBJ:.o=.d) $(AOBJ:.o=.d) $(FOBJ:.o=.d) build/rel/main.d build/asan/main.d
