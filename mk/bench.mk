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

# The live load test (scripts/bench_live.sh, bench/load.c): the registry of
# bench-run served with readers and writers at once, next to a bare
# libmicrohttpd for the reads. BENCH_LIVE_SECONDS (default 60) shortens it.
BENCH_STEPS += bench-live

build/bench/load: build/release/obj/bench/load.o build/release/obj/bench/load_setup.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(RELEASE) $^ -o $@ -lcurl -ljansson

.PHONY: bench-live
bench-live: build/inbeeld build/mhd-ceiling build/bench/load
	@sh scripts/bench_live.sh
