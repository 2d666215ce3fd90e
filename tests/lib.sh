# lib.sh - the checks the shell test scripts share (tests/cli/run.sh,
# tests/gen/run.sh, tests/snapshot/run.sh, tests/pg/*.sh), sourced by each:
#   . "$ROOT/tests/lib.sh"
# Each check counts a pass (ok) or names a failure (bad NAME, on stdout);
# the script ends with `summary TITLE`, which prints the counts and is
# false when anything failed (the script's exit status). exits writes into
# $WORK, the script's temporary folder.
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
# same NAME FILE_A FILE_B: the same bytes
same() { if cmp -s "$2" "$3"; then ok; else bad "$1"; diff "$2" "$3" | head -20; fi; }
# says NAME TEXT FILE: FILE contains TEXT
says() { if grep -qF -- "$2" "$3"; then ok; else bad "$1: '$2' not in:"; head -5 "$3"; fi; }
# silent NAME FILE: FILE (a command's stderr) is empty
silent() { if [ ! -s "$2" ]; then ok; else bad "$1: stderr not empty:"; head -5 "$2"; fi; }
# is NAME GOT WANTED
is() { if [ "$2" = "$3" ]; then ok; else bad "$1: '$2', wanted '$3'"; fi; }
# exits NAME CODE COMMAND...: the command's exit code is CODE; its stdout
# in $WORK/out, its stderr in $WORK/err (shown when the code is another)
exits() {
	name=$1; want=$2; shift 2
	"$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, wanted $want"; head -20 "$WORK/err"; fi
}
# with_db URI NAME: the PostgreSQL URI naming database NAME
with_db() { echo "$1" | sed "s|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1$2|"; }
# serve_once DB: $BIN serves DB (serve --vandaag 2026-11-02, its stderr in
# $WORK/serve.err) until it listens, and is stopped; checks that it started
# and said nothing of its snapshot file.
serve_once() {
	port=$((20000 + $$ % 20000))
	"$BIN" serve --db "$1" --listen 127.0.0.1:$port --stil --vandaag 2026-11-02 2>"$WORK/serve.err" &
	server=$!
	for _ in $(seq 1 600); do grep -q "luistert op" "$WORK/serve.err" && break; sleep 0.1; done
	grep -q "luistert op" "$WORK/serve.err" && ok || bad "the server did not start: $(cat "$WORK/serve.err")"
	kill -TERM $server
	wait $server
	grep -q "momentopname" "$WORK/serve.err" && bad "the server said: $(grep momentopname "$WORK/serve.err")" || ok
}
# summary TITLE: the counts; false when a check failed
summary() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
