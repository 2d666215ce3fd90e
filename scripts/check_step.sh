#!/bin/sh
# check_step.sh - one step of `make check` (README "Tests"), run by make side
# by side with the others: the step's output goes to build/check/STEP.log and
# is printed whole when the step ends (make's --output-sync keeps it in one
# piece), with its wall and CPU time; a failed step says so by name, shows its
# log, and fails make check.
#
#   sh scripts/check_step.sh STEP MAKE [MAKEFLAG...]   (from the Makefile's check-step/%)
set -u
step=$1
shift
mkdir -p build/check
log=build/check/$step.log
t0=$(date +%s.%N)
# The step's user+sys CPU: that of this shell's waited-for children (fields
# cutime and cstime of /proc/PID/stat), what it took from the machine.
# Within the step no output sync (make check's own holds every target's
# output to its end): the log grows as the step runs (tail -f it).
"$@" --no-print-directory --output-sync=none "$step" >"$log" 2>&1
rc=$?
t1=$(date +%s.%N)
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($16 + $17) / hz }' /proc/$$/stat 2>/dev/null)
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
cat "$log"
if [ "$rc" -ne 0 ]; then
	echo "make check: stap $step faalde (exit $rc, na $wall s; uitvoer hierboven en in $log)" >&2
	exit 1
fi
echo "== stap $step geslaagd in $wall s (cpu ${cpu:-?} s)"
# build/check/times: STEP WALL CPU START END, the last two in seconds after
# make check began (build/check/start, which make check writes):
# when the cores stood idle, and which step ended last.
start=$(cat build/check/start 2>/dev/null || echo "$t0")
echo "$step $wall ${cpu:-?} $(awk -v s="$start" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f %.0f", a - s, b - s }')" \
	>>build/check/times
