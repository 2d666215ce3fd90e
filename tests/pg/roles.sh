#!/bin/sh
# The database guards what matters (issue 16): as the application's role (a
# login role in inbeeld_app, owning nothing) PostgreSQL itself refuses to
# rewrite the audit log or the history - with permission denied, also when
# the owner has dropped the triggers that refuse it too - and to change the
# schema; the owner's migration run gives the role its privileges (again),
# a command as the application's role on a schema that is behind names what
# the owner runs, and removing old audit entries is the owner's.
#
# usage: tests/pg/roles.sh BINARY
#   $INBEELD_TEST_PG_ADMIN: the URI of a role that may create databases and
#   owns them (scripts/pg_cluster.sh start); $INBEELD_TEST_PG_APP: the URI of
#   a login role in inbeeld_app (pg_cluster.sh app-uri). Each test below
#   makes a fresh database of the cluster.
set -u
BIN=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ADMIN=${INBEELD_TEST_PG_ADMIN:?INBEELD_TEST_PG_ADMIN ontbreekt}
APP=${INBEELD_TEST_PG_APP:?INBEELD_TEST_PG_APP ontbreekt}
WORK=$(mktemp -d)
trap 'for n in $(psql "$ADMIN" -qAt -c "SELECT datname FROM pg_database WHERE datname LIKE '"'"'roles%\_$$'"'"'" 2>/dev/null); do
	psql "$ADMIN" -qAt -c "DROP DATABASE IF EXISTS $n" >/dev/null 2>&1; done; rm -rf "$WORK"' EXIT
. "$ROOT/tests/lib.sh"
# fresh NAME: a new database; sets OWNER and USER (the application's role) to its URIs
fresh() {
	psql "$ADMIN" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE roles_$1_$$" >/dev/null || exit 1
	OWNER=$(with_db "$ADMIN" "roles_$1_$$")
	USER_URI=$(with_db "$APP" "roles_$1_$$")
}
# as URI SQL: run SQL (stdout the values, stderr in $WORK/err); its exit code
as() { psql "$1" -qAt -v ON_ERROR_STOP=1 -c "$2" 2>"$WORK/err"; }
# denied NAME SQL: the application's role runs SQL and PostgreSQL refuses it for
# want of a privilege (not a trigger's message)
denied() {
	if as "$USER_URI" "$2" >/dev/null; then
		bad "$1: allowed"
	elif grep -q "permission denied\|must be owner" "$WORK/err"; then
		ok
	else
		bad "$1: refused otherwise: $(cat "$WORK/err")"
	fi
}
# allowed NAME URI SQL
allowed() {
	if as "$2" "$3" >/dev/null; then ok; else bad "$1: $(cat "$WORK/err")"; fi
}

# ---- an owner's migration run grants, and the application then works -------
fresh main
if "$BIN" status --db "$USER_URI" --peildatum 2025-01-01 >/dev/null 2>"$WORK/msg"; then
	bad "the application's role migrated a new database"
elif grep -q "nog geen schema; de databaserol app is niet de eigenaar van het schema.*inbeeld schema --db <URI van de eigenaar>" "$WORK/msg"; then
	ok
else
	bad "no message naming inbeeld schema: $(cat "$WORK/msg")"
fi
[ "$(as "$OWNER" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] && ok ||
	bad "the application's role made tables"
# Any command of the owner migrates; its run gives inbeeld_app its privileges.
"$BIN" status --db "$OWNER" --peildatum 2025-01-01 >/dev/null 2>&1 || bad "the owner could not migrate"
"$BIN" import --db "$USER_URI" --door test "$ROOT/examples/voorbeeld" >/dev/null 2>"$WORK/msg" && ok ||
	bad "import as the application's role: $(cat "$WORK/msg")"
"$BIN" status --db "$USER_URI" --peildatum 2025-01-01 --format csv >"$WORK/app.csv" 2>&1 &&
	"$BIN" status --db "$OWNER" --peildatum 2025-01-01 --format csv >"$WORK/owner.csv" 2>&1 &&
	cmp -s "$WORK/app.csv" "$WORK/owner.csv" && ok || bad "status as the application's role differs from the owner's"
# Every table is the application's to read: one GRANTS_PG does not name would get nothing.
missing=$(as "$OWNER" "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'public'
	AND NOT has_table_privilege('inbeeld_app', format('public.%I', tablename), 'SELECT')")
[ -z "$missing" ] && ok || bad "tables without privileges for inbeeld_app (add them to GRANTS_PG): $missing"

# ---- the owner's first import (on two connections, db_pg_stage.c) is the application's ----
# The same dataset imported from empty by the owner (its tables filled
# beside each other in copies the import adopts) and by the application's
# role (one by one, into the tables as they are): the same counts, also as
# known on a day, and no scratch schema left.
fresh staged
STAGED=$OWNER
fresh plain
"$BIN" status --db "$OWNER" --peildatum 2025-01-01 >/dev/null 2>&1 || bad "the owner could not migrate"
PLAIN=$USER_URI
for db in "$STAGED" "$PLAIN"; do
	"$BIN" import --db "$db" --door test --geregistreerd-op 2025-01-01T10:00:00 "$ROOT/examples/voorbeeld" \
		>/dev/null 2>"$WORK/msg" || bad "import into $db: $(cat "$WORK/msg")"
done
for cmd in "status --peildatum 2025-01-01" "status --peildatum 2025-01-01 --bekend-op 2025-01-02" \
	"status --peildatum 2025-01-01 --bekend-op 2024-12-31" "telling --peildatum 2025-01-01 --per gemeente" \
	"telling --peildatum 2025-01-01 --per swv --breed"; do
	# shellcheck disable=SC2086 # cmd is words
	"$BIN" $cmd --db "$STAGED" --format csv >"$WORK/staged.csv" 2>&1 &&
		"$BIN" $cmd --db "$PLAIN" --format csv >"$WORK/plain.csv" 2>&1 &&
		[ -s "$WORK/staged.csv" ] && cmp -s "$WORK/staged.csv" "$WORK/plain.csv" && ok ||
		bad "$cmd: the owner's first import differs from the application's role's"
done
[ "$(as "$STAGED" "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'inbeeld\_import\_%'")" = 0 ] && ok ||
	bad "a scratch schema was left behind"

# ---- the audit log: INSERT only, by privilege ----------------------------------
AUDIT_ROW="(900001, '2000-01-01T00:00:00', NULL, 'test', 'beheerder', NULL, NULL, 'lezen', '/x', 'test', NULL, 'h')"
allowed "INSERT into audit" "$USER_URI" "INSERT INTO audit (id, tijdstip, gebruiker_id, gebruikersnaam, rol,
	organisatie, leerling_id, actie, endpoint, doel, details, hash) VALUES $AUDIT_ROW"
denied "UPDATE audit" "UPDATE audit SET details = 'anders' WHERE id = 900001"
denied "DELETE audit" "DELETE FROM audit WHERE id = 900001"
denied "TRUNCATE audit" "TRUNCATE audit"
# The owner drops the triggers that refuse it as well: the privileges still do.
allowed "the owner drops audit's triggers" "$OWNER" "DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_retention ON audit"
denied "UPDATE audit without its trigger" "UPDATE audit SET details = 'anders' WHERE id = 900001"
denied "DELETE audit without its trigger" "DELETE FROM audit WHERE id = 900001"
[ "$(as "$OWNER" "SELECT count(*) FROM audit WHERE id = 900001 AND details IS NULL")" = 1 ] && ok ||
	bad "the audit entry changed"
# The chain's anchor and the moment from which every change has an entry are the owner's.
as "$USER_URI" "UPDATE instelling SET waarde = '9999-12-31T00:00:00' WHERE naam = 'audit_volledig_na'" >/dev/null
as "$USER_URI" "UPDATE instelling SET waarde = 'x' WHERE naam = 'audit_anker'" >/dev/null
[ "$(as "$OWNER" "SELECT count(*) FROM instelling WHERE naam IN ('audit_anker', 'audit_volledig_na') AND waarde <> ''")" = 0 ] &&
	ok || bad "the application's role changed the audit chain's settings"
allowed "a retention period is the application's to set" "$USER_URI" "UPDATE instelling SET waarde = '730' WHERE naam = 'audit_bewaardagen'"

# ---- removing old entries is the owner's --------------------------------------
if "$BIN" audit opschonen --db "$USER_URI" >/dev/null 2>"$WORK/msg"; then
	bad "audit opschonen as the application's role succeeded"
elif grep -q "de databaserol app mag geen auditregels verwijderen: het opschonen van het auditlog is aan de eigenaar van de database (inbeeld audit opschonen --db <URI van de eigenaar>)" "$WORK/msg"; then
	ok
else
	bad "audit opschonen as the application's role: $(cat "$WORK/msg")"
fi
[ "$("$BIN" audit opschonen --db "$OWNER" 2>&1)" = "1 auditregels ouder dan de bewaartermijn verwijderd" ] && ok ||
	bad "audit opschonen as the owner"

# ---- the history: a version is added, and only ended ---------------------------
facts="gemeenten swv swv_gemeenten scholen vakantieregios vakanties leerlingen woonadressen inschrijvingen verzuim
	vrijstellingen meldingen aanbod"
for t in $facts; do
	denied "DELETE $t" "DELETE FROM $t"
	denied "UPDATE $t.v_from" "UPDATE $t SET v_from = v_from"
	# every column but v_until (and the row id)
	for c in $(as "$OWNER" "SELECT column_name FROM information_schema.columns WHERE table_name = '$t'
		AND column_name NOT IN ('v_until', 'v_from', 'rowid')"); do
		denied "UPDATE $t.$c" "UPDATE $t SET $c = $c"
	done
done
# The other history: written once (a version of a stay or a target ends by vervangen_door).
for tc in batch.actor samenvoeging.reden tafel.scope tafel_rij.categorie tafel_bespreking.besluit gebeurtenis.gegevens \
	verblijf.van verblijf.tot doel.naam doel.aantal gebruiker_verzoek.rol; do
	denied "UPDATE $tc" "UPDATE ${tc%.*} SET ${tc#*.} = ${tc#*.}"
done
for t in batch samenvoeging tafel tafel_rij tafel_bevestiging tafel_bespreking tafel_agenda verblijf doel gebruiker_verzoek; do
	denied "DELETE $t" "DELETE FROM $t"
done
# Ending a version is allowed (the trigger checks the rest); without the
# trigger the privileges still allow nothing else.
allowed "ending a version" "$USER_URI" "BEGIN; UPDATE leerlingen SET v_until = v_from
	WHERE rowid = (SELECT min(rowid) FROM leerlingen WHERE v_until IS NULL); ROLLBACK"
allowed "the owner drops leerlingen's trigger" "$OWNER" "DROP TRIGGER leerlingen_append_only ON leerlingen"
denied "UPDATE leerlingen.bsn without its trigger" "UPDATE leerlingen SET bsn = 'x'"
denied "DELETE leerlingen without its trigger" "DELETE FROM leerlingen"
# What the application may remove at all: dossiers past their retention
# (their trigger decides which), its own login limits and the claim of a
# digest whose sending failed.
deletable=$(as "$OWNER" "SELECT string_agg(table_name::text, ' ' ORDER BY table_name) FROM information_schema.role_table_grants
	WHERE grantee = 'inbeeld_app' AND privilege_type IN ('DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')")
case " $deletable " in
" gebeurtenis herinnering_verzonden stroom " | " gebeurtenis herinnering_verzonden inlogpoging stroom ") ok ;;
*) bad "the application's role may delete from: $deletable" ;;
esac

# ---- the schema is the owner's --------------------------------------------------
denied "CREATE TABLE" "CREATE TABLE eigen (x integer)"
denied "CREATE FUNCTION" "CREATE FUNCTION eigen() RETURNS integer LANGUAGE sql AS 'SELECT 1'"
denied "ALTER TABLE" "ALTER TABLE audit ADD COLUMN x integer"
denied "DISABLE TRIGGER" "ALTER TABLE gebeurtenis DISABLE TRIGGER gebeurtenis_vast"
denied "DROP TRIGGER" "DROP TRIGGER gebeurtenis_vast ON gebeurtenis"
denied "DROP TABLE" "DROP TABLE audit"
denied "DROP POLICY" "DROP POLICY instelling_wijzigen ON instelling"
denied "the schema version" "UPDATE inbeeld_schema SET version = 1"
# A GRANT by who owns nothing grants nothing (PostgreSQL only warns).
as "$USER_URI" "GRANT DELETE ON audit TO inbeeld_app" >/dev/null
denied "DELETE audit after a GRANT to itself" "DELETE FROM audit"
if "$BIN" schema --db "$USER_URI" >/dev/null 2>"$WORK/msg"; then
	bad "inbeeld schema as the application's role succeeded"
elif grep -q "het schema is bij; de databaserol app is niet de eigenaar" "$WORK/msg"; then ok; else
	bad "inbeeld schema as the application's role: $(cat "$WORK/msg")"
fi

# ---- the owner's run gives the privileges again --------------------------------
allowed "the owner takes every privilege away" "$OWNER" "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM inbeeld_app"
denied "reading without privileges" "SELECT count(*) FROM leerlingen"
out=$("$BIN" schema --db "$OWNER" 2>&1)
version=$(as "$OWNER" "SELECT version FROM inbeeld_schema")
[ "$out" = "schema bij (versie $version); de groepsrol inbeeld_app heeft haar rechten opnieuw gekregen" ] && ok ||
	bad "inbeeld schema as the owner: $out"
allowed "reading after inbeeld schema" "$USER_URI" "SELECT count(*) FROM leerlingen"
denied "DELETE audit after inbeeld schema" "DELETE FROM audit"
# A schema behind: the application's role stops, naming what to run.
as "$OWNER" "UPDATE inbeeld_schema SET version = version - 1" >/dev/null
if "$BIN" status --db "$USER_URI" --peildatum 2025-01-01 >/dev/null 2>"$WORK/msg"; then
	bad "the application's role ran on a schema behind"
elif grep -q "de database heeft schemaversie $((version - 1)) en deze inbeeld verwacht $version; de databaserol app is niet de eigenaar van het schema.*inbeeld schema --db <URI van de eigenaar>" "$WORK/msg"; then
	ok
else
	bad "a schema behind: $(cat "$WORK/msg")"
fi
as "$OWNER" "UPDATE inbeeld_schema SET version = version + 1" >/dev/null

# SQLite has no roles: inbeeld schema only migrates.
out=$("$BIN" schema --db "$WORK/reg.db" 2>&1)
[ "$out" = "schema bij (versie $version); SQLite kent geen databaserollen" ] && ok || bad "inbeeld schema on SQLite: $out"

summary "PostgreSQL roles"
