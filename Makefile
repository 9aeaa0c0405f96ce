# gongshi: static site generator for public-affairs disclosure.
#
#   make run     install what is missing, build, render the bundled site
#   make check   build and run every test, also under ASan + UBSan
#   make bench   gongshi vs the floor vs Hugo (issue 6; slow, never a test)
#
PKGS     = libxml-2.0 yaml-0.1 libcrypto
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

.PHONY: all run check deps deps-test unit unit-asan sites sites-asan man-lint clean \
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

build/rel/tests/%: tests/unit/%.c $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -o $@ $^ $(LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c $(AOBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(CPPFLAGS_ALL) -o $@ $^ $(LIBS) -lcmocka

run: deps
	@$(MAKE) --no-print-directory gongshi
	./gongshi build

# Tests run with a pinned clock, zone and locale.
TEST_ENV = TZ=Asia/Shanghai LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1795392000

check: deps-test
	@$(MAKE) --no-print-directory gongshi gongshi-asan $(UNIT_BIN) $(UNIT_ABIN)
	@$(MAKE) --no-print-directory unit unit-asan sites sites-asan man-lint
	@echo "make check: all tests passed"

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; $(TEST_ENV) $$t || exit 1; done

unit-asan: $(UNIT_ABIN)
	@for t in $(UNIT_ABIN); do echo "== $$t (asan)"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(TEST_ENV) $$t || exit 1; done

sites: gongshi
	@$(TEST_ENV) GONGSHI=$(CURDIR)/gongshi tests/sites/run.sh

sites-asan: gongshi-asan
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(TEST_ENV) GONGSHI=$(CURDIR)/gongshi-asan tests/sites/run.sh

# The benchmark (bench/run.sh; BENCH_N, BENCH_ROUNDS tune it).  The floor
# program is built here only, never by `make` or `make check`.
build/bench/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -D_GNU_SOURCE -o $@ $< \
	    -lcmark-gfm-extensions -lcmark-gfm -lpthread

bench: gongshi build/bench/floor
	bench/run.sh

man-lint:
	@mandoc -Tlint -W warning docs/gongshi.1 && echo "man page: mandoc -Tlint clean"

clean:
	rm -rf build gongshi gongshi-asan public .public.* tests/out

-include $(OBJ:.o=.d) $(AOBJ:.o=.d)
