# Targets (issue 13): the store's unit test of the doel table links the store layer.
TEST_LAYER_test_store_targets := store
