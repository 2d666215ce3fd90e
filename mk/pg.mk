# PostgreSQL as a second store (issue 16): the libpq backend of
# src/store/db.h (src/store/db_pg.c) links into every build of the store
# layer, and make check runs its unit test against a throwaway cluster of
# its own (scripts/pg_cluster.sh), started and stopped within the step.
#
#   make pg-unit        the step alone: cluster, test_db_pg (ASan+UBSan, then
#                       valgrind on the release build), cluster gone
#   INBEELD_TEST_PG=postgresql:///... build/asan/tests/test_db_pg   against a cluster of yours

PG_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PG_LIBS   := $(shell pkg-config --libs libpq 2>/dev/null || echo -lpq)
BASE      += $(PG_CFLAGS)
LIBS      += $(PG_LIBS)
TEST_EXT_store += $(PG_LIBS)
TEST_EXT_live  += $(PG_LIBS)

# $(call with_pg_cluster[,ENV]): how every step below begins its recipe (a
# shell line the step's command follows): a throwaway cluster in a fresh
# folder (scripts/pg_cluster.sh start, with ENV such as PG_MAX_CONNECTIONS=
# in its environment), the snapshot files of its registries in a folder of
# their own (INBEELD_CACHE) and the folder of the server harness's
# registry templates (INBEELD_TEST_TEMPLATES, as with_templates in the
# Makefile: the templates are databases of the cluster, this folder names
# them), all removed when the recipe ends however it ends; the owner's URI
# in $uri and INBEELD_TEST_PG_ADMIN, the application's role's
# (pg_cluster.sh app-uri) in INBEELD_TEST_PG_APP.
define with_pg_cluster
set -e; dir=$$(mktemp -d); export INBEELD_CACHE=$$(mktemp -d) INBEELD_TEST_TEMPLATES=$$(mktemp -d); \
	trap 'sh scripts/pg_cluster.sh stop "$$dir"; rm -rf "$$INBEELD_CACHE" "$$INBEELD_TEST_TEMPLATES"' EXIT; \
	trap 'exit 1' INT TERM; uri=$$($(1) sh scripts/pg_cluster.sh start "$$dir"); \
	export INBEELD_TEST_PG_ADMIN="$$uri" INBEELD_TEST_PG_APP="$$(sh scripts/pg_cluster.sh app-uri "$$dir")";
endef

# test_db_pg needs the cluster: not among the tests `make unit` and
# `make valgrind` run without one, but in its own step.
TEST_LAYER_test_db_pg := store
TESTS := $(filter-out test_db_pg,$(TESTS))

CHECK_STEPS += pg-unit
CHECK_NEEDS_pg-unit := build/asan/tests/test_db_pg build/release/tests/test_db_pg
.PHONY: pg-unit
pg-unit: $(CHECK_NEEDS_pg-unit)
	@$(call with_pg_cluster) export INBEELD_TEST_PG="$$uri"; \
	echo "== test_db_pg (ASan+UBSan) against $$INBEELD_TEST_PG"; ./build/asan/tests/test_db_pg; \
	echo "== valgrind test_db_pg"; valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all ./build/release/tests/test_db_pg >"$$dir.vg" 2>&1 \
		|| { cat "$$dir.vg"; rm -f "$$dir.vg"; exit 1; }; rm -f "$$dir.vg"

# The CLI tests against PostgreSQL (issue 16): every registry the script
# makes is a fresh database of one throwaway cluster (tests/cli/run.sh,
# $INBEELD_TEST_PG_ADMIN), with the same expected bytes as on SQLite.
CHECK_STEPS += pg-cli
CHECK_NEEDS_pg-cli := build/inbeeld build/asan/inbeeld
.PHONY: pg-cli
pg-cli: $(CHECK_NEEDS_pg-cli)
	@$(call with_pg_cluster) sh tests/cli/run.sh build/asan/inbeeld build/inbeeld

# The database guards what matters (issue 16): as the application's role
# (pg_cluster.sh's app, in inbeeld_app) PostgreSQL refuses to rewrite the
# audit log, the history and the schema; the owner's runs grant (tests/pg/roles.sh).
CHECK_STEPS += pg-roles
CHECK_NEEDS_pg-roles := build/asan/inbeeld
.PHONY: pg-roles
pg-roles: $(CHECK_NEEDS_pg-roles)
	@$(call with_pg_cluster) sh tests/pg/roles.sh build/asan/inbeeld

# Moving house (issue 16): inbeeld migreer. Its unit test (SQLite to
# SQLite: every table and column known, every value kept, a refused copy
# leaves no data) runs in `make unit`; pg-migreer copies a registry with
# history, accounts, case work and audit log from SQLite into a throwaway
# cluster and compares the CONTRACT outputs (tests/pg/migreer.sh).
TEST_LAYER_test_store_copy := store
CHECK_STEPS += pg-migreer
CHECK_NEEDS_pg-migreer := build/asan/inbeeld build/inbeeld-gen
.PHONY: pg-migreer
pg-migreer: $(CHECK_NEEDS_pg-migreer)
	@$(call with_pg_cluster) sh tests/pg/migreer.sh build/asan/inbeeld build/inbeeld-gen

# The whole server and case suite (tests/server, every *.test.mjs) against
# PostgreSQL (issue 16): each server the harness starts gets a fresh
# database of one throwaway cluster ($INBEELD_TEST_PG_ADMIN,
# tests/server/harness.mjs), for the same tests as on SQLite. The release
# binary serves, to keep make check's CPU down: the same requests run under
# ASan+UBSan in server-tests (SQLite) and the PostgreSQL backend under them
# in pg-unit and pg-cli. Only sandbox.test.mjs and mail.test.mjs need the
# test build: they probe the sandbox through GET /_test/sandbox, which the
# release binary does not have; those two run one at a time beside the
# others (side_by_side, Makefile): the step is make check's longest. Three
# files at once, each server holding threads + 2 connections, its loads'
# readers and the CLI's: the cluster takes 150 connections
# (PG_MAX_CONNECTIONS; 40 by default). Every server
# and command connects as the application's role (pg_cluster.sh's app in
# inbeeld_app), the schema made by its owner; the tests' own SQL as the
# owner. The PostgreSQL steps keep the snapshot files of their registries
# (INBEELD_CACHE) in a folder of their own, gone with the step.
CHECK_STEPS += pg-server
CHECK_FIRST += pg-server
PG_SERVER_ASAN := tests/server/sandbox.test.mjs tests/server/mail.test.mjs
CHECK_NEEDS_pg-server := $(SERVER_TEST_NEEDS) build/inbeeld
.PHONY: pg-server
pg-server: $(CHECK_NEEDS_pg-server)
	@$(call with_pg_cluster,PG_MAX_CONNECTIONS=150) \
	$(call side_by_side,INBEELD_BIN=build/inbeeld node --test --test-concurrency=$(TEST_JOBS) \
		$(filter-out $(PG_SERVER_ASAN),$(sort $(wildcard tests/server/*.test.mjs))),\
		INBEELD_BIN=build/asan/inbeeld node --test --test-concurrency=1 $(PG_SERVER_ASAN))
# What the server's sandbox allows a registry (src/store/store_reach.c).
TEST_LAYER_test_store_reach := store
