# Early signals on the server (issue 12): the store's test of when enrolments
# were recorded links the store layer, and `make bench` times the signal
# pages for a G4 city (scripts/bench_signals.sh).

TEST_LAYER_test_registrations := store

BENCH_STEPS += bench-signals

.PHONY: bench-signals
bench-signals: build/inbeeld build/inbeeld-gen $(WEB_OUT)/.stamp
	@sh scripts/bench_signals.sh
