# inbeeld - GNU Make build. See README.md.
#   make            release build: build/inbeeld (and the binaries of mk/*.mk)
#   make check      install missing packages, build, run every test (ASan+UBSan, valgrind), and the
#                   server, browser and CLI tests again with the wall clock moved (libfaketime)
#   make demo       build, load the example dataset, show the latest Resultaatschema
#   make bench      benchmarks with figures and ratios against peers
#   make clean
#
# Parts of the project with their own binaries and steps live in mk/*.mk and
# add to BINS (built by `make`), CHECK_STEPS (run by `make check` after the
# core tests) and BENCH_STEPS (run by `make bench`).

CC      ?= gcc
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
           -Wcast-qual -Wsign-compare -Wformat=2 -Wvla
BASE    := -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -fno-common -fstack-protector-strong \
           -MMD -MP $(WARN)
LIBS    := -lmicrohttpd -lsqlite3 -ljansson -lsodium -lcurl -lpthread
RELEASE := -O2 -g -D_FORTIFY_SOURCE=2 -fPIE
SANITIZE:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -fPIE
# Binaries are position independent, with their relocations read-only after
# start-up (full RELRO, bindings resolved at once).
HARDEN  := -pie -Wl,-z,relro,-z,now

# The layers of src/ (README "Design", checked by scripts/layers.sh), each a
# static library, from the bottom up. A layer's external libraries: none for
# util and core; store sqlite3 and libsodium; io and app jansson (app also
# libsodium and threads); http, api and web microhttpd, jansson and
# libsodium; web libxlsxwriter (mk/ui.mk adds it to LIBS); mail (the
# reminders by e-mail, above app and beside http) libcurl.
LAYERS  := util core io store app mail http api web
LIB_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
TEST_SRC:= $(wildcard tests/unit/test_*.c)
TESTS   := $(patsubst tests/unit/%.c,%,$(TEST_SRC))

obj = $(patsubst %.c,build/$(1)/obj/%.o,$(2))
# The static libraries of layers (top first: the order they link in).
libs = $(foreach l,$(2),build/$(1)/lib/lib$(l).a)
ALL_LAYERS_TOP_FIRST := web api http mail app store io core util

define layer_lib
build/$(1)/lib/lib$(2).a: $(call obj,$(1),$(wildcard src/$(2)/*.c))
	@mkdir -p $$(dir $$@)
	@echo "  AR      $$@"
	@rm -f $$@ && $$(AR) rcs $$@ $$^
endef
$(foreach m,release asan,$(foreach l,$(LAYERS),$(eval $(call layer_lib,$(m),$(l)))))

# A unit test links the library of the layer it tests and those below it,
# with only their external libraries (default: core). The fixtures of every
# test are CSV text read by the real reader (tests/unit/helpers.c), so io
# comes along; of it, only the reader's objects are linked in.
TEST_LAYER_test_store  := store
TEST_LAYER_test_store_errors := store
TEST_LAYER_test_status := app
TEST_LAYER_test_signals := app
TEST_LAYER_test_encode := io
test_layer = $(or $(TEST_LAYER_$(1)),core)
TEST_LIBS_core  := io core util
TEST_LIBS_store := store io core util
TEST_LIBS_io    := io core util
TEST_LIBS_app   := app io core util
TEST_EXT_core   := -lpthread
TEST_EXT_store  := -lsqlite3 -lsodium -lpthread
TEST_EXT_io     := -ljansson -lpthread
TEST_EXT_app    := -ljansson -lpthread

BINS        := build/inbeeld
CHECK_STEPS :=
CHECK_BUILDS:=
BENCH_STEPS :=

.PHONY: all asan check unit cli-tests server-tests valgrind demo bench clean deps layers
all: bins

-include $(sort $(wildcard mk/*.mk))

.PHONY: bins
bins: $(BINS)

deps:
	@sh scripts/deps.sh

build/release/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE) $(RELEASE) -c $< -o $@

build/asan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(BASE) $(SANITIZE) -c $< -o $@

build/inbeeld: $(call obj,release,$(CLI_SRC)) $(call libs,release,$(ALL_LAYERS_TOP_FIRST))
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $(HARDEN) $^ -o $@ $(LIBS)

build/asan/inbeeld: $(call obj,asan,$(CLI_SRC)) $(call libs,asan,$(ALL_LAYERS_TOP_FIRST))
	@echo "  LD      $@"
	@$(CC) $(SANITIZE) $(HARDEN) $^ -o $@ $(LIBS)

.SECONDEXPANSION:
build/asan/tests/%: build/asan/obj/tests/unit/%.o build/asan/obj/tests/unit/helpers.o \
		$$(call libs,asan,$$(TEST_LIBS_$$(call test_layer,$$*)))
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(SANITIZE) $^ -o $@ $(TEST_EXT_$(call test_layer,$*)) -lcmocka

build/release/tests/%: build/release/obj/tests/unit/%.o build/release/obj/tests/unit/helpers.o \
		$$(call libs,release,$$(TEST_LIBS_$$(call test_layer,$$*)))
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ $(TEST_EXT_$(call test_layer,$*)) -lcmocka

# Keep test objects between runs.
.SECONDARY:

asan: build/asan/inbeeld $(addprefix build/asan/tests/,$(TESTS))

unit: asan
	@set -e; for t in $(TESTS); do echo "== $$t (ASan+UBSan)"; ./build/asan/tests/$$t; done

cli-tests: build/inbeeld build/asan/inbeeld
	@sh tests/cli/run.sh build/asan/inbeeld build/inbeeld

build/mhd-ceiling: build/release/obj/tools/mhd_ceiling.o
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ -lmicrohttpd -lpthread

# wrk against the server, next to a bare libmicrohttpd as the ceiling.
BENCH_STEPS += bench-server
.PHONY: bench-server
bench-server: build/inbeeld build/mhd-ceiling
	@sh scripts/bench_server.sh

# The HTTP server against a real socket, under ASan+UBSan (tests/server).
# TEST_JOBS test files at once (each its own server on its own port and
# registry): half of a file's time is waiting on the server and on polls, so
# two at a time fill this machine's two cores. TEST_JOBS=1 for one at a time.
TEST_JOBS ?= 2
server-tests: build/asan/inbeeld $(NPM_STAMP)
	@INBEELD_BIN=build/asan/inbeeld node --test --test-concurrency=$(TEST_JOBS) tests/server/

# The server tests (the case tests among them) and the CLI tests once more
# with the wall clock on a day far from today: tests/faketime.sh (Debian's
# libfaketime) starts it at 29 February 2028 and lets it run on. Business dates
# come from the server's day (serve --vandaag, the tests' TODAY), so only a new
# dependency on the wall clock's date fails here: in CI, not on a user's
# machine next month. mk/ui.mk does the same for the browser tests.
FAKETIME_RUN := INBEELD_BIN=build/asan/inbeeld sh tests/faketime.sh
.PHONY: server-tests-faketime cli-tests-faketime
server-tests-faketime: build/asan/inbeeld $(NPM_STAMP)
	@$(FAKETIME_RUN) node --test --test-concurrency=$(TEST_JOBS) tests/server/

cli-tests-faketime: build/inbeeld build/asan/inbeeld
	@$(FAKETIME_RUN) sh tests/cli/run.sh build/asan/inbeeld build/inbeeld

# The layers of src/ (scripts/layers.sh, README "Design"): no file includes a
# layer above its own, no circle of files calling each other.
layers: build/inbeeld
	@sh scripts/layers.sh build/release/obj

valgrind: $(addprefix build/release/tests/,$(TESTS)) build/inbeeld
	@sh tests/valgrind.sh $(TESTS)

# make check: the builds (two compilers at a time), then every step side by
# side, CHECK_JOBS at once (README "Tests"). Most steps wait on servers,
# sleeps and polls as much as they compute, and valgrind and the generator's
# tests use one core: three at a time keep this machine's two cores busy.
# Each step's output goes to build/check/STEP.log and is printed whole when
# the step ends, with its time (scripts/check_step.sh); a failed step is named
# and fails make check (the steps running then finish first). The longest
# steps come first, the short ones fill in at the end; a step of mk/*.mk
# (CHECK_STEPS) runs among them. What two steps build alike is built before
# (CHECK_BUILDS), so that no two makes build the same file at once; a step's
# own binaries (the fuzzers) are built within it, beside the others.
CHECK_JOBS   ?= 3
CHECK_BUILDS += $(addprefix build/release/tests/,$(TESTS)) build/release/tests/jaar-check
CHECK_FIRST  := server-tests valgrind browser-tests server-tests-faketime gen-check fuzz-check
CHECK_ALL    := $(CHECK_FIRST) $(filter-out $(CHECK_FIRST),$(CHECK_STEPS) layers unit cli-tests cli-tests-faketime)
.PHONY: check-steps
check: deps
	@$(MAKE) --no-print-directory -j2 all asan $(CHECK_BUILDS)
	@rm -f build/check/times
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) --output-sync=target check-steps
	@echo "make check: alle tests geslaagd ($(words $(CHECK_ALL)) stappen)"

check-steps: $(addprefix check-step/,$(CHECK_ALL))
check-step/%:
	@sh scripts/check_step.sh $* $(MAKE)

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(BENCH_STEPS)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
