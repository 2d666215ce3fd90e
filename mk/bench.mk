# make bench: a national dataset from inbeeld-gen, timed against the SQL peers
# (bench/run.sh, docs/bench.md). BENCH_SCALE, BENCH_RUNS override the defaults.

BENCH_STEPS += bench-run

build/bench/classify: build/release/obj/bench/classify_bench.o $(call libs,release,app io core util)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ $(LIBS)

.PHONY: bench-run
bench-run: build/inbeeld build/inbeeld-gen build/bench/classify
	@sh bench/run.sh
