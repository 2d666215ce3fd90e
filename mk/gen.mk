# inbeeld-gen: the synthetic dataset generator (src/gen, docs/generator.md),
# and its tests (tests/gen). Links only the parts of the core it needs: dates,
# the leerplicht rules, calendars, identifiers, the dataset's names, fact
# order and table columns (dataset.c, facts_pupil.c) and the canonical hours
# (encode.c); the CSV reader for its reference data.

GEN_SRC  := $(wildcard src/gen/*.c)
GEN_CORE := src/core/date.c src/core/ident.c src/core/leerplicht.c src/core/calendar.c src/core/sort.c \
            src/core/dataset.c src/core/encode.c src/io/csv.c \
            src/util/alloc.c src/util/strbuf.c src/util/hashmap.c src/util/arena.c

BINS        += build/inbeeld-gen
CHECK_STEPS += gen-check

build/inbeeld-gen: $(call obj,release,$(GEN_SRC) $(GEN_CORE))
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ -lm

build/asan/inbeeld-gen: $(call obj,asan,$(GEN_SRC) $(GEN_CORE))
	@echo "  LD      $@"
	@$(CC) $(SANITIZE) $^ -o $@ -lm

# The school-year count against a day-by-day scan on generated data.
build/release/tests/jaar-check: build/release/obj/tests/gen/jaar_check.o build/release/obj/tests/unit/helpers.o \
		$(call obj,release,$(LIB_SRC))
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ $(LIBS) -lcmocka

.PHONY: gen-check
CHECK_NEEDS_gen-check := build/inbeeld-gen build/asan/inbeeld-gen build/inbeeld build/release/tests/jaar-check
gen-check: $(CHECK_NEEDS_gen-check)
	@sh tests/gen/run.sh
