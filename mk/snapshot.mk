# The snapshot file next to the registry (issue 17: src/io/dataset_file.c,
# src/app/registry_load.c): round trips against the folder and the registry,
# stale, damaged and foreign files, --bekend-op, the file's mode
# (tests/snapshot/run.sh), with the sanitizers on.

CHECK_STEPS += snapshot-tests

.PHONY: snapshot-tests
CHECK_NEEDS_snapshot-tests := build/asan/inbeeld build/inbeeld-gen
snapshot-tests: $(CHECK_NEEDS_snapshot-tests)
	@sh tests/snapshot/run.sh build/asan/inbeeld build/inbeeld-gen

# The snapshot file the first import writes on its second thread
# (tests/unit/test_import_snapshot.c): it imports into a registry and writes
# through src/app/registry_load.c, so it links the app and store layers.
TEST_LAYER_test_import_snapshot := live
