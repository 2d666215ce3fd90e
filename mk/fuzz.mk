# Fuzzing in the tree (issue 11.7): libFuzzer harnesses (clang, Debian's
# libclang-rt-14-dev) in tests/fuzz for the CSV reader, the fact builder with
# classification, signals and counting, the JSON body and query checks, and
# the session cookie, the XLSX reader; the seed corpus in tests/fuzz/corpus/NAME, inputs that
# once failed in tests/fuzz/regressions/NAME (each run once by fuzz-regress).
#
#   make fuzz                     every harness FUZZ_SECONDS (default 60), two at a time
#   make fuzz FUZZ_SECONDS=3600   longer; FUZZERS="csv facts" for some of them
#   make check                    fuzz-regress, then every harness FUZZ_CHECK_SECONDS (15)
#
# The project's sources are built again with clang, ASan and UBSan (clang's
# UBSan also flags NULL + 0, which gcc's does not) into build/fuzz. New inputs
# go to build/fuzz/corpus/NAME, crashes to build/fuzz/crash/NAME-*; the
# figures (executions, crashes) to build/fuzz/report.txt.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZERS      ?= csv facts json cookie xlsx
# Line tables only (-gline-tables-only): a crash's stack still names file and
# line, and the clang build (every layer, for fuzz_json) compiles in about
# 10% less CPU than with full debug information.
FUZZ_FLAGS   := -O1 -gline-tables-only -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(BASE) $(FUZZ_FLAGS) -c $< -o $@

$(foreach l,$(LAYERS),$(eval $(call layer_lib,fuzz,$(l))))

FUZZ_LINK := $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer
build/fuzz/fuzz_csv: build/fuzz/obj/tests/fuzz/fuzz_csv.o $(call libs,fuzz,io core util)
	@echo "  LD      $@"
	@$(FUZZ_LINK) $^ -o $@ -lpthread
build/fuzz/fuzz_facts: build/fuzz/obj/tests/fuzz/fuzz_facts.o build/fuzz/obj/tests/unit/helpers.o \
		$(call libs,fuzz,io core util)
	@echo "  LD      $@"
	@$(FUZZ_LINK) $^ -o $@ -lcmocka -lpthread
build/fuzz/fuzz_json: build/fuzz/obj/tests/fuzz/fuzz_json.o $(call libs,fuzz,$(ALL_LAYERS_TOP_FIRST))
	@echo "  LD      $@"
	@$(FUZZ_LINK) $^ -o $@ $(LIBS)
build/fuzz/fuzz_cookie: build/fuzz/obj/tests/fuzz/fuzz_cookie.o $(call libs,fuzz,http app store io core util)
	@echo "  LD      $@"
	@$(FUZZ_LINK) $^ -o $@ $(LIBS)
# The XLSX reader (src/io/xlsx_read.c, zlib and expat; mk/xlsx.mk).
build/fuzz/fuzz_xlsx: build/fuzz/obj/tests/fuzz/fuzz_xlsx.o $(call libs,fuzz,io core util)
	@echo "  LD      $@"
	@$(FUZZ_LINK) $^ -o $@ -lexpat -lz

FUZZ_BINS := $(addprefix build/fuzz/fuzz_,$(FUZZERS))

.PHONY: fuzz fuzz-regress fuzz-check
fuzz-regress: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh regress $(FUZZERS)

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@sh tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) $(FUZZERS)

CHECK_STEPS += fuzz-check
FUZZ_CHECK_SECONDS ?= 15
# Its clang build (build/fuzz, no other step's) is built within the step.
# Two compilers at a time of its own (a make with its own -j2, which says it
# resets the jobserver): within make check the step holds one job, and its
# compiles, one at a time, were the last to end while the other steps
# mostly waited on their servers. It is not in CHECK_FIRST: started at once,
# its build (about 120 s of CPU) delayed the ASan build that the longest
# steps (server-tests, browser-tests) wait for; now it starts once the
# builds are done (CHECK_FIRST_NEEDS, Makefile) and its wall time (its
# build and 3 x FUZZ_CHECK_SECONDS) fits beside the long steps.
CHECK_NEEDS_fuzz-check :=
fuzz-check:
	@$(MAKE) --no-print-directory -j2 $(FUZZ_BINS)
	@$(MAKE) --no-print-directory fuzz-regress
	@sh tests/fuzz/run.sh fuzz $(FUZZ_CHECK_SECONDS) $(FUZZERS)
