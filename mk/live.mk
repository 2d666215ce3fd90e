# The incremental snapshot (issue 17): its unit test reads and changes a
# registry, so it links the app and store layers.
TEST_LAYER_test_snapshot_update := live
TEST_LIBS_live := app store io core util
TEST_EXT_live := -ljansson -lsqlite3 -lsodium -lpthread
# The property test of the incremental snapshot (patched lists, carried
# tellingen against a full recomputation): the same layers.
TEST_LAYER_test_snapshot_patch := live
