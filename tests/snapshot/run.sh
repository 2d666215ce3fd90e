#!/bin/sh
# The snapshot file next to the registry (issue 17, src/app/registry_load.c):
# counts read through it give the same bytes as the folder and as the
# registry itself (tests/data, the example and a generated fraction of the
# country); it is really used when fresh, not used when stale, ignored with a
# line on stderr and rewritten when truncated, bit-flipped or of another
# format version; --bekend-op never reads it; it is mode 0600; leftovers of a
# killed writer are removed. The first import writes the file while it
# stores (its second thread, src/store/store_import.c): the same bytes as the
# file rebuilt from the registry afterwards, used as it is by the counts and
# by a server's start; an import that fails midway leaves no file, no
# temporary one and an empty registry.
#
# usage: tests/snapshot/run.sh BINARY GENERATOR
set -u
BIN=$1
GEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$ROOT/tests/lib.sh"

echo "== snapshot tests with $BIN"

# outputs SOURCE OUT: every count of one registry or folder, into OUT.
# SOURCE is "--data DIR" or "--db FILE"; stderr goes to OUT.err.
outputs() {
	: >"$2"
	: >"$2.err"
	for d in 2025-10-01 2025-11-14 2026-11-01; do
		for per in gemeente swv; do
			"$BIN" telling $1 --peildatum $d --per $per --format csv >>"$2" 2>>"$2.err"
		done
		"$BIN" status $1 --peildatum $d --format csv >>"$2" 2>>"$2.err"
		"$BIN" vroegsignalen $1 --peildatum $d --format csv >>"$2" 2>>"$2.err"
	done
	for per in gemeente swv; do
		"$BIN" jaartelling $1 --schooljaar 2025 --per $per --format csv >>"$2" 2>>"$2.err"
	done
}

"$GEN" --scale fraction:0.0005 --seed 7 --stand 2026-12-01 --out "$WORK/gen" >/dev/null 2>&1 || bad "generator"
n=0
for data in "$ROOT/tests/data/spec4" "$ROOT/tests/data/spec7" "$ROOT/tests/data/jaar" "$ROOT/examples/voorbeeld" \
	"$WORK/gen"; do
	n=$((n + 1))
	db=$WORK/r$n.db
	name=$(basename "$data")
	"$BIN" import --db "$db" --stil "$data" >/dev/null 2>&1
	# 1. The import leaves the file, 0600 (it holds identity).
	if [ -f "$db.snapshot" ]; then ok; else bad "$name: import wrote no snapshot file"; continue; fi
	mode=$(stat -c %a "$db.snapshot")
	[ "$mode" = 600 ] && ok || bad "$name: snapshot mode $mode, wanted 600"
	set -- "$db".snapshot.* "$db".import-*
	is "$name: temporary files left by the import" "$(ls -d "$@" 2>/dev/null)" ""
	cp "$db.snapshot" "$WORK/imported.snapshot"
	inode=$(stat -c %i "$db.snapshot")
	# 2. Through the file: the same bytes as the folder, nothing on stderr,
	# and the file used as it is (not rewritten: the same inode).
	outputs "--data $data" "$WORK/folder"
	outputs "--db $db" "$WORK/file"
	same "$name: through the snapshot = the folder" "$WORK/folder" "$WORK/file"
	silent "$name: a fresh snapshot" "$WORK/file.err"
	is "$name: the import's snapshot is used as it is" "$(stat -c %i "$db.snapshot")" "$inode"
	# 3. Without it: read from the registry, the same bytes.
	rm "$db.snapshot"
	outputs "--db $db" "$WORK/registry"
	same "$name: from the registry = the folder" "$WORK/folder" "$WORK/registry"
	silent "$name: no snapshot is no news" "$WORK/registry.err"
	if [ -f "$db.snapshot" ]; then ok; else bad "$name: reading the registry wrote no snapshot file"; fi
	# ... and the file rebuilt from the registry is the import's, byte for
	# byte (spec4 and spec7 have empty tables, which the import's dataset
	# holds as empty arrays and the registry's as none: those differ).
	case $name in
	spec4 | spec7) ;;
	*) same "$name: the import's snapshot = the one rebuilt from the registry" "$WORK/imported.snapshot" \
		"$db.snapshot" ;;
	esac
done

# 2b. A server starts from the file the import wrote: nothing said of it,
# and it is not rewritten (a stale or foreign file would be).
"$BIN" import --db "$WORK/srv.db" --stil "$WORK/gen" >/dev/null 2>&1
inode=$(stat -c %i "$WORK/srv.db.snapshot")
cp "$WORK/srv.db.snapshot" "$WORK/srv.snapshot"
serve_once "$WORK/srv.db"
is "the server starts from the import's snapshot" "$(stat -c %i "$WORK/srv.db.snapshot")" "$inode"
same "the server leaves the import's snapshot alone" "$WORK/srv.snapshot" "$WORK/srv.db.snapshot"

# 2c. A first import that fails midway (its files may not grow past 85 % of
# the registry it would make: the registry's copy of the second thread's
# tables fails, while or after that thread writes its snapshot, which is
# smaller) leaves no snapshot file, no temporary file and a registry without
# a batch or a row. (ulimit -f: blocks of 512 bytes.)
limit=$(($(stat -c %s "$WORK/srv.db") * 85 / 100 / 512))
(
	trap '' XFSZ
	ulimit -f $limit
	exec "$BIN" import --db "$WORK/fail.db" --stil "$WORK/gen"
) >/dev/null 2>"$WORK/fail.err"
rc=$?
[ $rc != 0 ] && ok || bad "the import with too little room did not fail"
says "the failed import says so" "niets geïmporteerd" "$WORK/fail.err"
[ ! -e "$WORK/fail.db.snapshot" ] && ok || bad "a failed import left a snapshot file"
set -- "$WORK"/fail.db.snapshot.* "$WORK"/fail.db.import-*
is "temporary files left by a failed import" "$(ls -d "$@" 2>/dev/null)" ""
rows=$(sqlite3 "$WORK/fail.db" "SELECT (SELECT count(*) FROM batch) + (SELECT count(*) FROM leerlingen) +
	(SELECT count(*) FROM verzuim) + (SELECT count(*) FROM inschrijvingen) + (SELECT count(*) FROM woonadressen)")
is "rows in the registry after a failed import" "$rows" 0
outputs "--db $WORK/fail.db" "$WORK/a"
[ ! -e "$WORK/fail.db.snapshot" ] && ok || bad "an empty registry got a snapshot file"

# From here on: the example, and a second version of it.
EX=$ROOT/examples/voorbeeld
DB=$WORK/ex.db
"$BIN" import --db "$DB" --stil --door test --geregistreerd-op 2026-01-05 "$EX" >/dev/null 2>&1
outputs "--db $DB" "$WORK/v1"
# The file the registry gives (the import's may differ in bytes only: an
# empty table NULL or not): what a rewritten file must equal.
rm "$DB.snapshot"
outputs "--db $DB" "$WORK/a"
same "the example from the registry" "$WORK/v1" "$WORK/a"
cp "$DB.snapshot" "$WORK/v1.snapshot"

# 4. A fresh file is what is read: a row changed behind the registry's back
# (no new batch, so the file stays fresh) does not show; with the file gone
# it does.
sqlite3 "$DB" "DROP TRIGGER leerlingen_append_only; UPDATE leerlingen SET geboortedatum = '2019-01-01' WHERE v_until IS NULL"
outputs "--db $DB" "$WORK/a"
same "a fresh snapshot is used" "$WORK/v1" "$WORK/a"
rm "$DB.snapshot"
outputs "--db $DB" "$WORK/b"
if cmp -s "$WORK/v1" "$WORK/b"; then bad "the registry's change did not show without the snapshot"; else ok; fi
rm -f "$DB" "$DB.snapshot"
"$BIN" import --db "$DB" --stil --door test --geregistreerd-op 2026-01-05 "$EX" >/dev/null 2>&1
cp "$WORK/v1.snapshot" "$DB.snapshot" # the same registry again (same key)
outputs "--db $DB" "$WORK/a"
same "the file of an identical registry" "$WORK/v1" "$WORK/a"

# 5. --bekend-op reads the registry, never the file: a damaged file is not
# even looked at (no line, left as it is).
printf 'kapot' | dd of="$DB.snapshot" bs=1 seek=5000 conv=notrunc 2>/dev/null
cp "$DB.snapshot" "$WORK/damaged"
"$BIN" telling --db "$DB" --bekend-op 2026-06-01 --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/a" 2>"$WORK/a.err"
"$BIN" telling --data "$EX" --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/b"
same "--bekend-op: the registry's counts" "$WORK/b" "$WORK/a"
silent "--bekend-op does not read the snapshot" "$WORK/a.err"
same "--bekend-op leaves the snapshot alone" "$WORK/damaged" "$DB.snapshot"
cp "$WORK/v1.snapshot" "$DB.snapshot"

# 6. Damaged or foreign files: ignored with a line, the registry read, the
# file rewritten as it should be.
damage() { # NAME: damage "$DB.snapshot" in one way
	case $1 in
	truncated) head -c 100000 "$WORK/v1.snapshot" >"$DB.snapshot" ;;
	bitflip) # one bit of the fact arrays, far from the header
		size=$(stat -c %s "$DB.snapshot")
		pos=$((size / 2))
		byte=$(od -An -tu1 -j $pos -N1 "$DB.snapshot" | tr -d ' ')
		printf "$(printf '\\%03o' $((byte ^ 4)))" | dd of="$DB.snapshot" bs=1 seek=$pos conv=notrunc 2>/dev/null ;;
	version) printf '\011' | dd of="$DB.snapshot" bs=1 seek=16 conv=notrunc 2>/dev/null ;;
	foreign) head -c 300000 /dev/urandom >"$DB.snapshot" ;;
	esac
}
for how in truncated bitflip version foreign; do
	cp "$WORK/v1.snapshot" "$DB.snapshot"
	damage $how
	if cmp -s "$WORK/v1.snapshot" "$DB.snapshot"; then bad "$how: the damage did not take"; fi
	outputs "--db $DB" "$WORK/a"
	same "$how: the registry's counts" "$WORK/v1" "$WORK/a"
	says "$how: said on stderr" "momentopname $DB.snapshot wordt niet gebruikt" "$WORK/a.err"
	# Said once: after the first command the file is sound again.
	lines=$(grep -c "momentopname" "$WORK/a.err")
	[ "$lines" = 1 ] && ok || bad "$how: said $lines times, wanted once (rewritten)"
	same "$how: rewritten" "$WORK/v1.snapshot" "$DB.snapshot"
done
cp "$WORK/v1.snapshot" "$DB.snapshot"
damage version
"$BIN" telling --db "$DB" --peildatum 2026-11-01 --per gemeente >/dev/null 2>"$WORK/a.err"
says "another format version is named" "indeling 9 van een andere inbeeld" "$WORK/a.err"

# 7. A stale file (the registry changed after it was written) is not used,
# and replaced without a word.
mkdir "$WORK/v2"
cp "$EX"/*.csv "$WORK/v2/"
head -n -3 "$EX/inschrijvingen.csv" >"$WORK/v2/inschrijvingen.csv"
"$BIN" import --db "$DB" --stil --door test --geregistreerd-op 2026-02-05 "$WORK/v2" >/dev/null 2>&1
outputs "--data $WORK/v2" "$WORK/v2out"
if cmp -s "$WORK/v1" "$WORK/v2out"; then bad "the second version counts the same as the first"; fi
cp "$WORK/v1.snapshot" "$DB.snapshot" # the file of before the change
outputs "--db $DB" "$WORK/a"
same "a stale snapshot is not used" "$WORK/v2out" "$WORK/a"
silent "a stale snapshot is replaced silently" "$WORK/a.err"
if cmp -s "$WORK/v1.snapshot" "$DB.snapshot"; then bad "the stale snapshot was not replaced"; else ok; fi
# ... and what --bekend-op gives of the first version is still the first.
"$BIN" telling --db "$DB" --bekend-op 2026-01-31 --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/a"
"$BIN" telling --data "$EX" --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/b"
same "--bekend-op: the first version" "$WORK/b" "$WORK/a"

# 8. What a writer killed midway leaves behind ("<file>.XXXXXX") goes at the
# next write once it is an hour old; a younger one (a writer at work) stays.
echo half >"$DB.snapshot.aB3dE9"
touch -d '2 hours ago' "$DB.snapshot.aB3dE9"
echo half >"$DB.snapshot.zY8xW7"
rm "$DB.snapshot"
"$BIN" telling --db "$DB" --peildatum 2026-11-01 --per gemeente >/dev/null 2>&1
[ ! -e "$DB.snapshot.aB3dE9" ] && ok || bad "an old leftover of a killed writer was not removed"
[ -e "$DB.snapshot.zY8xW7" ] && ok || bad "a young temporary file was removed"

summary "snapshot tests"
