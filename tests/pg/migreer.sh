#!/bin/sh
# Moving house (issue 16): `inbeeld migreer` copies an SQLite registry with
# history (two imports with changes, a --bekend-op that differs between
# them, corrections through the API), accounts, sessions, case work and its
# audit log into a fresh PostgreSQL database. Checked: audit controleer passes
# on the copy; every CONTRACT output (status, telling, jaartelling, uitleg,
# vroegsignalen, with and without --bekend-op) is the same bytes on source and
# copy; every row of every table is the same, NULL and '' apart; a second
# migreer into it is refused; a new import and a new account on the copy work
# (the identities were set past the copied ids); a copy refused halfway leaves
# the target without data; the way back to SQLite gives the same bytes; and
# the errors a user meets say what is wrong in Dutch.
#
# usage: tests/pg/migreer.sh BINARY GENERATOR
#   with $INBEELD_TEST_PG_ADMIN the URI of a database of a throwaway cluster
#   whose role may create databases (scripts/pg_cluster.sh prints it).
set -u
BIN=$1
GEN=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG=${INBEELD_TEST_PG_ADMIN:?INBEELD_TEST_PG_ADMIN: the URI of a PostgreSQL cluster for the test}
WORK=$(mktemp -d)
DBS=""
SERVER=""
. "$ROOT/tests/lib.sh"
# newdb NAME: a new database of the cluster, printed as its URI
newdb() {
	name="${1}_$$"
	psql "$PG" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null || exit 1
	DBS="$DBS $name"
	with_db "$PG" "$name"
}
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	for name in $DBS; do psql "$PG" -qAt -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1; done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "== inbeeld migreer: SQLite to PostgreSQL, with $BIN"

# 1. A registry with history, accounts, case work and an audit log (the
# generator's region with its case work, as tests/gen/run.sh replays it).
SRC=$WORK/bron.db
Z=$WORK/z
# Recorded in the past weeks (a correction through the API is recorded now,
# after them); known-on in between.
V1=$(date -d '-20 days' +%Y-%m-%d)
V2=$(date -d '-10 days' +%Y-%m-%d)T10:00:00
KNOWN=$(date -d '-15 days' +%Y-%m-%d)
"$GEN" --scale gemeente:GM0355 --seed 4 --from 2021 --to 2025 --stand 2026-03-02 --out "$Z" \
	--dossierwerk "$WORK/dossierwerk.csv" 2>/dev/null || bad "generate the region"
exits "import v1" 0 "$BIN" import --db "$SRC" --door test --geregistreerd-op "$V1" "$Z"
cp -r "$Z" "$WORK/z2"
# v2: an offer and two absences gone (ended, kept as history)
sed -i '2d' "$WORK/z2/aanbod.csv"
sed -i '3d; 5d' "$WORK/z2/verzuim.csv"
exits "import v2" 0 "$BIN" import --db "$SRC" --door test --geregistreerd-op "$V2" "$WORK/z2"
says "v2 ends facts" "beëindigd" "$WORK/err"
for p in $(cut -d, -f4 "$WORK/dossierwerk.csv" | grep '^lp-' | sort -u); do
	printf '%s-wachtwoord\n' "$p" | "$BIN" gebruiker --db "$SRC" --naam "$p" --rol leerplicht --scope GM0355 \
		>/dev/null 2>&1 || bad "account $p"
done
printf 'beheer-wachtwoord-1\n' | "$BIN" gebruiker --db "$SRC" --naam beheer --rol beheerder --scope '*' >/dev/null 2>&1 ||
	bad "account beheer"
exits "dossierwerk laden" 0 "$BIN" dossierwerk laden --db "$SRC" --vandaag 2026-03-02 "$WORK/dossierwerk.csv"
# Corrections through the API, and a session: a leerplicht account adds an
# absence to a pupil of its scope (a correctie batch with its audit entry).
PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$SRC" --listen "127.0.0.1:$PORT" --stil --vandaag 2026-03-02 >"$WORK/serve.log" 2>&1 &
SERVER=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/gezondheid" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
LP=$(cut -d, -f4 "$WORK/dossierwerk.csv" | grep '^lp-' | sort -u | head -1)
curl -s -c "$WORK/jar" -H 'Content-Type: application/json' -d "{\"gebruikersnaam\":\"$LP\",\"wachtwoord\":\"$LP-wachtwoord\"}" \
	"http://127.0.0.1:$PORT/api/sessie" >"$WORK/login.json"
CSRF=$(sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p' "$WORK/login.json")
[ -n "$CSRF" ] && ok || bad "login on the source: $(cat "$WORK/login.json")"
# pupils of GM0355 with a current enrolment: brin and vestiging from it
awk -F, 'NR > 1 && $5 == "" { print $1 "," $2 "," $3 }' "$Z/inschrijvingen.csv" | head -3 >"$WORK/pupils"
while IFS=, read -r id brin vest; do
	curl -s -o "$WORK/fact.json" -w '%{http_code}\n' -b "$WORK/jar" -H "X-CSRF-Token: $CSRF" \
		-H 'Content-Type: application/json' \
		-d "{\"brin\":\"$brin\",\"vestiging\":\"$vest\",\"soort\":\"ongeoorloofd\",\"van\":\"2026-02-23\",\"tot\":\"2026-02-24\"}" \
		"http://127.0.0.1:$PORT/api/leerlingen/$id/verzuim" >>"$WORK/codes"
done <"$WORK/pupils"
kill "$SERVER" && wait "$SERVER" 2>/dev/null
SERVER=""
corrections=$(sqlite3 "$SRC" "SELECT count(*) FROM batch WHERE kind = 'correctie'")
[ "$corrections" -ge 1 ] && ok || bad "corrections through the API: $(cat "$WORK/codes") $(cat "$WORK/fact.json")"
[ "$(sqlite3 "$SRC" "SELECT count(*) FROM gebeurtenis")" -gt 100 ] && ok || bad "the case work left no events"
[ "$(sqlite3 "$SRC" "SELECT count(*) FROM sessie")" -ge 1 ] && ok || bad "no session"
exits "audit controleer on the source" 0 "$BIN" audit controleer --db "$SRC"
cp "$WORK/out" "$WORK/audit.src"

# 2. The move.
DST=$(newdb migreer)
exits "migreer to PostgreSQL" 0 "$BIN" migreer --van "$SRC" --naar "$DST"
says "progress per table" "gebeurtenis" "$WORK/err"
says "summary" "de rijen van elke tabel geteld, gelijk in bron en doel" "$WORK/err"
exits "audit controleer on the copy" 0 "$BIN" audit controleer --db "$DST"
same "audit controleer says the same" "$WORK/audit.src" "$WORK/out"
exits "migreer --stil" 1 "$BIN" migreer --van "$SRC" --naar "$DST" --stil
says "a second migreer is refused" "is niet leeg: de tabel batch heeft al gegevens" "$WORK/err"

# 3. Every row of every table: the same values, NULL and '' apart, sorted
# the same way (the columns from SQLite's schema, a fact table's rowid too).
for t in $(sqlite3 "$SRC" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
	cols=$(sqlite3 "$SRC" "SELECT name FROM pragma_table_info('$t') ORDER BY cid")
	case " $(echo $cols) " in *" v_from "*) cols="rowid $cols" ;; esac
	expr=""
	for c in $cols; do expr="$expr${expr:+ || '|' || }coalesce('V' || $c, 'N')"; done
	sqlite3 "$SRC" "SELECT $expr FROM $t" | LC_ALL=C sort >"$WORK/rows.src"
	psql "$DST" -qAt -c "SELECT $expr FROM $t" | LC_ALL=C sort >"$WORK/rows.dst"
	same "table $t: every row the same" "$WORK/rows.src" "$WORK/rows.dst"
	n=$(psql "$DST" -qAt -c "SELECT count(*) FROM $t")
	[ "$n" = "$(sqlite3 "$SRC" "SELECT count(*) FROM $t")" ] && ok || bad "table $t: $n rows in the copy"
done
[ "$(sqlite3 "$SRC" "SELECT count(*) FROM audit")" -gt 10 ] && ok || bad "the audit log is nearly empty"

# 4. The CONTRACT outputs, before and after, with and without --bekend-op.
PUPIL=$(head -1 "$WORK/pupils" | cut -d, -f1)
cat >"$WORK/commands" <<EOF
status --peildatum 2026-03-02 --peildatum 2026-02-10
status --bekend-op $KNOWN --peildatum 2026-03-02 --peildatum 2026-02-10
telling --ijkmomenten 2024-2026 --per gemeente
telling --bekend-op $KNOWN --ijkmomenten 2024-2026 --per swv
telling --peildatum 2026-02-01 --per gemeente --breed
jaartelling --schooljaar 2024 --schooljaar 2025 --per gemeente
jaartelling --bekend-op $KNOWN --schooljaar 2025 --per swv
vroegsignalen --peildatum 2026-02-27
vroegsignalen --bekend-op $KNOWN --peildatum 2026-02-27
uitleg --leerling $PUPIL --peildatum 2026-02-27
uitleg --bekend-op $KNOWN --leerling $PUPIL --peildatum 2026-02-27
EOF
while read -r args; do
	for fmt in csv json; do
		case $args in uitleg*) [ $fmt = csv ] && fmt=table ;; esac
		# shellcheck disable=SC2086 # args is a word list on purpose
		"$BIN" $args --db "$SRC" --format $fmt >"$WORK/a" 2>&1
		# shellcheck disable=SC2086
		"$BIN" $args --db "$DST" --format $fmt >"$WORK/b" 2>&1
		same "$args --format $fmt: the same before and after" "$WORK/a" "$WORK/b"
		[ -s "$WORK/a" ] && ok || bad "$args gave nothing"
	done
done <"$WORK/commands"
"$BIN" status --db "$DST" --peildatum 2026-03-02 --format csv >"$WORK/a"
"$BIN" status --db "$DST" --bekend-op $KNOWN --peildatum 2026-03-02 --format csv >"$WORK/b"
if cmp -s "$WORK/a" "$WORK/b"; then bad "--bekend-op $KNOWN should differ from now"; else ok; fi

# 5. New writes on the copy take the next ids.
max_batch=$(psql "$DST" -qAt -c "SELECT max(id) FROM batch")
exits "import into the copy" 0 "$BIN" import --db "$DST" --door test "$Z"
[ "$(psql "$DST" -qAt -c "SELECT max(id) FROM batch")" = $((max_batch + 1)) ] && ok || bad "the import's batch is not the next"
printf 'nieuw-wachtwoord-1\n' | "$BIN" gebruiker --db "$DST" --naam nieuw --rol analist --scope GM0355 >/dev/null 2>&1 &&
	ok || bad "a new account on the copy"
exits "audit controleer after new writes" 0 "$BIN" audit controleer --db "$DST"

# 6. A copy refused halfway (the target refuses the audit log's third row)
# leaves the target without data.
HALF=$(newdb half)
"$BIN" status --db "$HALF" --peildatum 2026-03-02 >/dev/null 2>&1 # the schema, no data
psql "$HALF" -qAt -v ON_ERROR_STOP=1 -c "ALTER TABLE audit ADD CONSTRAINT nee CHECK (id < 3)" >/dev/null ||
	bad "a constraint that refuses"
exits "a refused copy" 1 "$BIN" migreer --van "$SRC" --naar "$HALF"
says "the refusal names the table" "kopiëren van audit mislukt" "$WORK/err"
says "nothing copied" "niets gemigreerd" "$WORK/err"
for t in batch leerlingen gebruiker stroom gebeurtenis audit; do
	[ "$(psql "$HALF" -qAt -c "SELECT count(*) FROM $t")" = 0 ] && ok || bad "a refused copy left rows in $t"
done
# The copy has the schema's indexes (a large table's were built after its rows).
psql "$HALF" -qAt -c "ALTER TABLE audit DROP CONSTRAINT nee" >/dev/null
INDEXES="SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
psql "$HALF" -qAt -c "$INDEXES" >"$WORK/a"
psql "$DST" -qAt -c "$INDEXES" >"$WORK/b"
same "the copy has every index of the schema" "$WORK/a" "$WORK/b"

# 7. The way back: PostgreSQL to SQLite gives the same bytes.
BACK=$WORK/terug.db
exits "migreer back to SQLite" 0 "$BIN" migreer --van "$DST" --naar "$BACK" --stil
[ -s "$WORK/err" ] && bad "--stil printed: $(cat "$WORK/err")" || ok
"$BIN" telling --db "$DST" --ijkmomenten 2024-2026 --per gemeente >"$WORK/a"
"$BIN" telling --db "$BACK" --ijkmomenten 2024-2026 --per gemeente >"$WORK/b"
same "telling on the way back" "$WORK/a" "$WORK/b"
exits "audit controleer on the way back" 0 "$BIN" audit controleer --db "$BACK"

# A target role that is no superuser (an owner, as in production) may not
# turn the foreign keys' triggers off: they check row by row, same copy.
psql "$PG" -qAt -v ON_ERROR_STOP=1 -c "CREATE ROLE verhuizer_$$ LOGIN" >/dev/null || bad "a role of its own"
OWN=$(newdb eigenaar)
psql "$OWN" -qAt -v ON_ERROR_STOP=1 -c "ALTER DATABASE eigenaar_$$ OWNER TO verhuizer_$$" \
	-c "ALTER SCHEMA public OWNER TO verhuizer_$$" >/dev/null || bad "the role owns the database"
OWN_URI=$(echo "$OWN" | sed "s/user=[^&]*/user=verhuizer_$$/")
exits "migreer as an owner that is no superuser" 0 "$BIN" migreer --van "$SRC" --naar "$OWN_URI"
grep -q "in één keer gecontroleerd" "$WORK/err" && bad "an owner turned the triggers off" || ok
"$BIN" telling --db "$SRC" --ijkmomenten 2024-2026 --per swv >"$WORK/a"
"$BIN" telling --db "$OWN_URI" --ijkmomenten 2024-2026 --per swv >"$WORK/b"
same "telling on the owner's copy" "$WORK/a" "$WORK/b"

# 8. What a user meets.
exits "no source" 1 "$BIN" migreer --van "$WORK/nergens.db" --naar "$(newdb none)"
says "no source named" "de bron $WORK/nergens.db bestaat niet" "$WORK/err"
[ -e "$WORK/nergens.db" ] && bad "a missing source was made" || ok
NOPE=$(echo "$PG" | sed "s|^\(postgres[a-z]*://\)[^/?]*/[^?]*|\1inbeeld:geheim123@/bestaat_niet_$$|")
exits "target unreachable" 1 "$BIN" migreer --van "$SRC" --naar "$NOPE"
says "target unreachable named" "het doel: kan de PostgreSQL-database" "$WORK/err"
grep -q geheim123 "$WORK/err" && bad "the password was shown: $(cat "$WORK/err")" || ok
cp "$SRC" "$WORK/nieuwer.db"
sqlite3 "$WORK/nieuwer.db" "PRAGMA user_version = 999"
exits "a newer source" 1 "$BIN" migreer --van "$WORK/nieuwer.db" --naar "$(newdb newer)"
says "a newer source explained" "heeft schemaversie 999; deze inbeeld kent er" "$WORK/err"
exits "without --naar" 2 "$BIN" migreer --van "$SRC"
says "without --naar explained" "--naar ontbreekt" "$WORK/err"
exits "same source and target" 1 "$BIN" migreer --van "$DST" --naar "$DST"
# A row that refers to nothing (SQLite checks no foreign key with its
# default settings) is refused, and the target keeps no data.
cp "$SRC" "$WORK/los.db"
sqlite3 "$WORK/los.db" "INSERT INTO sessie VALUES ('los', 99999, 'c', '2026-01-01T00:00:00', '2026-01-02T00:00:00',
	'2026-01-01T00:00:00', NULL, NULL)"
LOS=$(newdb los)
exits "a row that refers to nothing" 1 "$BIN" migreer --van "$WORK/los.db" --naar "$LOS"
says "the row that refers to nothing named" "sessie" "$WORK/err"
[ "$(psql "$LOS" -qAt -c "SELECT count(*) FROM gebruiker")" = 0 ] && ok || bad "a refused copy left accounts"

summary "migreer tests"
