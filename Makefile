# inbeeld - GNU Make build. See README.md.
#   make            release build: build/inbeeld (and the binaries of mk/*.mk)
#   make check      install missing packages, build, run every test (ASan+UBSan, valgrind), and the
#                   server, browser and CLI tests again with the wall clock moved (libfaketime)
#   make demo       build, load the example dataset, show the latest Resultaatschema
#   make bench      benchmarks with figures and ratios against peers
#   make clean
#
# Parts of the project with their own binaries and steps live in mk/*.mk and
# add to BINS (built by `make`), CHECK_STEPS (run by `make check`, with
# CHECK_NEEDS_<step>: see "make check" below) and BENCH_STEPS (run by
# `make bench`).

CC      ?= gcc
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
           -Wcast-qual -Wsign-compare -Wformat=2 -Wvla
BASE    := -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -fno-common -fstack-protector-strong \
           -MMD -MP $(WARN)
LIBS    := -lmicrohttpd -lsqlite3 -ljansson -lsodium -lcurl -lpthread
RELEASE := -O2 -g -D_FORTIFY_SOURCE=2 -fPIE
# The test build's debug information is line tables and function names
# (-g1): enough for the file and line of every frame of an ASan or UBSan
# report (the variable of a stack overflow comes from ASan's own frame
# layout, not from DWARF); full -g took about a fifth more compile CPU.
SANITIZE:= -O1 -g1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -fPIE
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
TEST_LAYER_test_dataset_slices := app
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
CHECK_FIRST :=
CHECK_BUILDS:=
BENCH_STEPS :=
# Used by the steps of make check, here and in mk/*.mk (defined before they
# are read, so that any of them can use these): npm ci done (mk/ui.mk), the
# pages' assets (mk/ui.mk), what a run of the server suite needs (some files
# generate regions; the server serves build/web).
NPM_STAMP   := node_modules/.inbeeld-installed
WEB_OUT     := build/web
SERVER_TEST_NEEDS := $(NPM_STAMP) $(WEB_OUT)/.stamp build/asan/inbeeld build/inbeeld-gen

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

CHECK_NEEDS_unit := asan
unit: $(CHECK_NEEDS_unit)
	@set -e; for t in $(TESTS); do echo "== $$t (ASan+UBSan)"; ./build/asan/tests/$$t; done

CHECK_NEEDS_cli-tests := build/inbeeld build/asan/inbeeld
cli-tests: $(CHECK_NEEDS_cli-tests)
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
CHECK_NEEDS_server-tests := $(SERVER_TEST_NEEDS)
server-tests: $(CHECK_NEEDS_server-tests)
	@$(with_templates) INBEELD_BIN=build/asan/inbeeld node --test --test-concurrency=$(TEST_JOBS) tests/server/

# $(with_templates): how the recipe of a suite that starts servers through
# tests/server/harness.mjs begins (a shell line its command follows): a
# temporary folder of the run's registry templates ($INBEELD_TEST_TEMPLATES:
# each distinct starting registry imported once, every other server of the
# run on a copy), removed when the recipe ends however it ends. The
# PostgreSQL steps have it in with_pg_cluster (mk/pg.mk). Without it (a
# test file run by hand) every server imports its own.
with_templates = set -e; export INBEELD_TEST_TEMPLATES=$$(mktemp -d); \
	trap 'rm -rf "$$INBEELD_TEST_TEMPLATES"' EXIT; trap 'exit 1' INT TERM;

# $(call side_by_side,FIRST,SECOND): a step's two runs of tests (shell
# commands) at once, where one binary cannot serve all files (the probe of
# the test build, below and mk/pg.mk): one after the other, the second (a
# few files) was the step's last minute with a core idle. SECOND's output
# is printed after FIRST's; false when either failed.
side_by_side = { $(2); } >build/$@.side.log 2>&1 & side=$$!; rc=0; $(1) || rc=$$?; wait $$side || rc=1; \
	cat build/$@.side.log; rm -f build/$@.side.log; [ $$rc = 0 ]

# The server tests (the case tests among them) and the CLI tests once more
# with the wall clock on a day far from today: tests/faketime.sh (Debian's
# libfaketime) starts it at 29 February 2028 and lets it run on. Business dates
# come from the server's day (serve --vandaag, the tests' TODAY), so only a new
# dependency on the wall clock's date fails here: in CI, not on a user's
# machine next month. mk/ui.mk does the same for the browser tests.
#
# These runs use the release binary, not the ASan one: they look for a
# dependence on the wall clock's date, and the release build runs the same
# code (the two builds differ only in instrumentation and in the test build's
# probe, src/http/sandbox_probe.c), in about 60% of the CPU. Memory errors are
# the ASan run's on the real clock (server-tests, cli-tests, and valgrind on
# the release build): a moved date changes no length or path of what the
# server formats (a date is ten characters in 2026 and 2028). The files that
# ask the probe (FAKETIME_PROBE_TESTS: GET /_test/) run on the ASan binary.
FAKETIME_RUN := INBEELD_BIN=build/inbeeld sh tests/faketime.sh
FAKETIME_ASAN_RUN := INBEELD_BIN=build/asan/inbeeld sh tests/faketime.sh
FAKETIME_PROBE_TESTS := $(shell grep -l '/_test/' tests/server/*.test.mjs)
.PHONY: server-tests-faketime cli-tests-faketime
CHECK_NEEDS_server-tests-faketime := $(SERVER_TEST_NEEDS) build/inbeeld
server-tests-faketime: $(CHECK_NEEDS_server-tests-faketime)
	@$(with_templates) $(call side_by_side,$(FAKETIME_RUN) node --test --test-concurrency=$(TEST_JOBS) \
		$(filter-out $(FAKETIME_PROBE_TESTS),$(wildcard tests/server/*.test.mjs)),\
		$(if $(FAKETIME_PROBE_TESTS),$(FAKETIME_ASAN_RUN) node --test --test-concurrency=1 $(FAKETIME_PROBE_TESTS),:))

# The release binary alone: that the two builds give the same bytes is
# cli-tests' (both binaries, the real clock).
CHECK_NEEDS_cli-tests-faketime := build/inbeeld
cli-tests-faketime: $(CHECK_NEEDS_cli-tests-faketime)
	@$(FAKETIME_RUN) sh tests/cli/run.sh build/inbeeld

# The layers of src/ (scripts/layers.sh, README "Design"): no file includes a
# layer above its own, no circle of files calling each other. It reads every
# release object (the unit tests' among them).
CHECK_NEEDS_layers := build/inbeeld $(addprefix build/release/tests/,$(TESTS))
layers: $(CHECK_NEEDS_layers)
	@sh scripts/layers.sh build/release/obj

# The release build under valgrind (tests/valgrind.sh), in two steps that
# make check runs side by side (valgrind runs a program on one core):
# valgrind-1 the unit tests of VALGRIND_FIRST (the property tests and the
# readers, about half the unit tests' time under valgrind), valgrind-2 the
# other unit tests, then the main commands and the server through a day of
# case work. `make valgrind` runs both.
VALGRIND_FIRST := test_access_write test_suppress test_facts_bytes test_csv
.PHONY: valgrind-1 valgrind-2
CHECK_NEEDS_valgrind-1 := $(addprefix build/release/tests/,$(filter $(VALGRIND_FIRST),$(TESTS)))
valgrind-1: $(CHECK_NEEDS_valgrind-1)
	@sh tests/valgrind.sh unit $(filter $(VALGRIND_FIRST),$(TESTS))
CHECK_NEEDS_valgrind-2 := $(addprefix build/release/tests/,$(filter-out $(VALGRIND_FIRST),$(TESTS))) build/inbeeld \
	$(WEB_OUT)/.stamp
valgrind-2: $(CHECK_NEEDS_valgrind-2)
	@sh tests/valgrind.sh unit $(filter-out $(VALGRIND_FIRST),$(TESTS))
	@sh tests/valgrind.sh commands
valgrind: valgrind-1 valgrind-2

# make check (README "Tests"): one make, CHECK_JOBS jobs at once, builds and
# runs every step (a target of its own: `make server-tests` runs one). Most
# steps wait on servers, sleeps and polls as much as they compute, and
# valgrind and the generator's tests use one core. Four at a time left a
# third of this machine's two cores idle (25 CPU-minutes in 17.8 minutes):
# five. A step starts as soon as what it needs is built,
# beside the builds still running; steps take the free jobs in the order of
# CHECK_ALL (CHECK_FIRST, the longest, first; then CHECK_STEPS of mk/*.mk;
# the short ones fill in at the end), and what a step needs is built in that
# order too. The longest of all, PostgreSQL's server suite (mk/pg.mk's
# pg-server, CHECK_FIRST of mk/*.mk), comes first: last in the list it
# started after ten minutes, and ran eight more alone at the end.
#
# Each step runs as check-step/STEP (scripts/check_step.sh: `make STEP` with
# its output in build/check/STEP.log, printed whole when it ends, with its
# wall and CPU time, also in build/check/times with its start and end in
# seconds after make check began); a failed step is named and
# fails make check (the steps running then finish first, no new one starts).
#
# A new step, e.g. in mk/pg.mk (issue 16):
#   CHECK_STEPS += pg-server-tests
#   CHECK_NEEDS_pg-server-tests := build/asan/inbeeld build/inbeeld-gen $(WEB_OUT)/.stamp $(NPM_STAMP)
#   .PHONY: pg-server-tests
#   pg-server-tests: $(CHECK_NEEDS_pg-server-tests)
#   	@sh scripts/pg_cluster.sh run node --test --test-concurrency=$(TEST_JOBS) tests/server/
# - CHECK_NEEDS_STEP: every file the step needs built, also the target's own
#   prerequisites (one list). make check builds them in its one make, so no
#   two makes ever build the same file at once; the step's own make then
#   finds them done. A step without CHECK_NEEDS_STEP waits for every build
#   (check-builds). A binary only the step uses (the fuzzers) may be built
#   within it instead; it must not be a prerequisite of any other step.
# - The step runs beside any other: its own temporary folder, port (ask the
#   kernel: port 0) and, for a database cluster, its own data folder and
#   socket, removed when it ends.
# - A long step (more than about two minutes) goes into CHECK_FIRST with
#   `CHECK_FIRST += STEP`, so that it starts early.
CHECK_JOBS   ?= 5
CHECK_BUILDS += $(addprefix build/release/tests/,$(TESTS)) build/release/tests/jaar-check
CHECK_FIRST  := $(CHECK_FIRST) valgrind-2 browser-tests server-tests server-tests-faketime valgrind-1 gen-check
CHECK_ALL    := $(CHECK_FIRST) $(filter-out $(CHECK_FIRST),$(CHECK_STEPS) layers unit cli-tests cli-tests-faketime)
.PHONY: check-steps check-builds
check: deps
	@mkdir -p build/check && rm -f build/check/times && date +%s.%N >build/check/start
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) --output-sync=target check-steps
	@echo "make check: alle tests geslaagd ($(words $(CHECK_ALL)) stappen)"

# Everything make builds, also what no step needs (the release unit tests at
# -O2 with FORTIFY catch warnings of their own), after the steps' needs.
check-builds: all asan $(CHECK_BUILDS)
check-steps: $(addprefix check-step/,$(CHECK_ALL)) check-builds
# A step's needs (secondary expansion): CHECK_NEEDS_STEP if it is defined,
# else every build.
check_needs = $(if $(filter undefined,$(origin CHECK_NEEDS_$(1))),check-builds,$(CHECK_NEEDS_$(1)))
# The other steps also wait (order-only) for the needs of CHECK_FIRST: their
# binaries are often built first, and they would take the jobs the long
# steps need as soon as theirs are built.
CHECK_FIRST_NEEDS = $(sort $(foreach s,$(CHECK_FIRST),$(call check_needs,$(s))))
check-step/%: $$(call check_needs,$$*) | $$(if $$(filter $$*,$$(CHECK_FIRST)),,$$(CHECK_FIRST_NEEDS))
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
