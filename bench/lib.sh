# bench/lib.sh - helpers of the bench scripts (bench/run.sh,
# scripts/bench_live.sh), sourced after they set OUT and RES and NAME (the
# prefix of their messages): the output directory, the results file, and
# figures with their ratio and target.
mkdir -p "$OUT"
: >"$RES"

say() { printf '%s\n' "$*" | tee -a "$RES"; }
fail() { echo "$NAME: $*" >&2; exit 1; }

# ratio A B: A / B with two decimals, "-" when B is not positive
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# verdict VALUE <=|>= LIMIT: PASS or MISS (a missing or negative VALUE misses)
verdict() {
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = a != "" && a != "-" && a >= 0 && (op == "<=" ? a <= b : a >= b); print ok ? "PASS" : "MISS" }'
}
