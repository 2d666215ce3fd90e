# PostgreSQL's speed and its snapshot file (issue 16).
#
#   make pg-snapshot   check step: the snapshot file of a PostgreSQL registry
#                      (tests/pg/snapshot.sh) against a throwaway cluster
#   make bench-pg      bench step: the national dataset (BENCH_PG_SCALE) on
#                      PostgreSQL next to SQLite (scripts/bench_pg.sh): import
#                      rows/s, telling/status wall time and peak memory,
#                      server start-up, GET /api/status under load through two
#                      servers; PG_SHARED_BUFFERS for the cluster it starts.

CHECK_STEPS += pg-snapshot
CHECK_NEEDS_pg-snapshot := build/asan/inbeeld
.PHONY: pg-snapshot
pg-snapshot: $(CHECK_NEEDS_pg-snapshot)
	@set -e; dir=$$(mktemp -d); trap 'sh scripts/pg_cluster.sh stop "$$dir"' EXIT; \
	trap 'exit 1' INT TERM; uri=$$(sh scripts/pg_cluster.sh start "$$dir"); \
	sh tests/pg/snapshot.sh build/asan/inbeeld "$$uri"

BENCH_STEPS += bench-pg
.PHONY: bench-pg
bench-pg: build/inbeeld build/inbeeld-gen build/bench/load
	@sh scripts/bench_pg.sh
