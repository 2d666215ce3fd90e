#!/bin/sh
# run.sh - the fuzzers of mk/fuzz.mk.
#   sh tests/fuzz/run.sh regress NAME...        each seed and regression input once (fails on any crash)
#   sh tests/fuzz/run.sh fuzz SECONDS NAME...   each harness SECONDS, two at a time (this machine has two
#                                               cores); figures to build/fuzz/report.txt, fails on a crash
set -u
mode=$1
shift
status=0
if [ "$mode" = regress ]; then
	for name in "$@"; do
		inputs=$(find "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name" -type f ! -name '.*' 2>/dev/null | sort)
		n=$(echo "$inputs" | grep -c . || true)
		if [ "$n" -eq 0 ]; then
			echo "fuzz: $name heeft geen invoer in tests/fuzz/corpus/$name" >&2
			status=1
			continue
		fi
		# shellcheck disable=SC2086 # one argument per input file
		if "build/fuzz/fuzz_$name" -runs=1 $inputs >"build/fuzz/regress-$name.log" 2>&1; then
			echo "== fuzz_$name: $n invoer(en) uit corpus en regressies zonder fout"
		else
			echo "fuzz_$name: een invoer uit corpus of regressies faalt:" >&2
			tail -40 "build/fuzz/regress-$name.log" >&2
			status=1
		fi
	done
	exit $status
fi

seconds=$1
shift
mkdir -p build/fuzz/crash
report=build/fuzz/report.txt
: >"$report"
one() {
	name=$1
	mkdir -p "build/fuzz/corpus/$name"
	"build/fuzz/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
		-artifact_prefix="build/fuzz/crash/$name-" "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name" \
		>"build/fuzz/fuzz-$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/fuzz-$name.log" | tail -1)
	crashes=$(find build/fuzz/crash -name "$name-*" -type f | wc -l)
	echo "fuzz_$name: ${execs:-?} uitvoeringen in ${seconds} s, $crashes crash(es), exit $rc" >>"$report"
	return $rc
}
# Two at a time.
set -- "$@"
while [ $# -gt 0 ]; do
	one "$1" &
	a=$!
	b=
	if [ $# -gt 1 ]; then
		one "$2" &
		b=$!
		shift
	fi
	shift
	wait $a || status=1
	[ -n "$b" ] && { wait $b || status=1; }
done
cat "$report"
if [ $status -ne 0 ]; then
	echo "fuzz: een harness vond een fout; zie build/fuzz/crash en build/fuzz/fuzz-*.log" >&2
fi
exit $status
