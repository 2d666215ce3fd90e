#!/bin/sh
# make demo: from nothing to a running inbeeld with demo data and one login per
# role. The demo region is the four G4 cities when the generator is built
# (build/inbeeld-gen), else the small example dataset.
set -eu
cd "$(dirname "$0")/.."
BIN=./build/inbeeld
DB=build/demo/registratie.db
LISTEN=${INBEELD_LISTEN:-127.0.0.1:8080}
mkdir -p build/demo
rm -f "$DB" "$DB-wal" "$DB-shm"

if [ -x build/inbeeld-gen ]; then
	# The registry as it grew: an extract a week over the last WEKEN weeks,
	# each loaded with the day it was read out, so that the registry knows
	# when each fact was recorded and late registrations show
	# (docs/generator.md). The extracts are views of the same lives.
	WEKEN=${INBEELD_DEMO_WEKEN:-4}
	TODAY=$(date +%Y-%m-%d)
	TO=$(date +%Y)
	[ "$(date +%m)" -ge 8 ] || TO=$((TO - 1))
	echo "inbeeld demo: een synthetische G4-regio genereren (Amsterdam, Rotterdam, Den Haag, Utrecht),"
	echo "              als $((WEKEN + 1)) wekelijkse uitlezingen tot en met vandaag..."
	k=$WEKEN
	while [ "$k" -ge 0 ]; do
		STAND=$(date -d "$TODAY - $((7 * k)) days" +%Y-%m-%d)
		rm -rf build/demo/dataset
		# The last extract comes with the case work of the year before it,
		# next to the dataset (docs/generator.md).
		CASES=
		[ "$k" -gt 0 ] || CASES="--dossierwerk build/demo/dossierwerk.csv"
		# shellcheck disable=SC2086
		./build/inbeeld-gen --scale region --seed 2026 --from $((TO - 4)) --to "$TO" --stand "$STAND" \
			--out build/demo/dataset $CASES
		$BIN import --db "$DB" --door demo --geregistreerd-op "$STAND" build/demo/dataset
		k=$((k - 1))
	done
	GEMEENTE=GM0363
else
	echo "inbeeld demo: het voorbeeld (examples/voorbeeld) laden"
	GEMEENTE=GM0344
	$BIN import --db "$DB" --door demo examples/voorbeeld
fi

# Scopes from the data itself: the gemeente's biggest VO site and its SWV.
q() { sqlite3 "$DB" "$1"; }
SCHOOL=$(q "SELECT s.brin || ':' || s.vestiging FROM scholen s JOIN inschrijvingen i ON i.brin = s.brin AND i.vestiging = s.vestiging
	WHERE s.gemeentecode = '$GEMEENTE' AND s.soort = 'VO' AND s.v_until IS NULL AND i.v_until IS NULL
	GROUP BY s.brin, s.vestiging ORDER BY count(*) DESC LIMIT 1")
SWV=$(q "SELECT swv_vo FROM scholen WHERE brin || ':' || vestiging = '$SCHOOL' AND v_until IS NULL")
ANALIST=$(q "SELECT group_concat(gemeentecode) FROM (SELECT gemeentecode FROM gemeenten WHERE v_until IS NULL
	AND gemeentecode IN ('GM0363', 'GM0599', 'GM0518', 'GM0344', 'GM0310', 'GM0355') ORDER BY gemeentecode)")

user() { printf '%s\n' "$4" | $BIN gebruiker --db "$DB" --naam "$1" --rol "$2" --scope "$3" 2>/dev/null; }
user demo-school school "$SCHOOL" demo-school-wachtwoord
user demo-leerplicht leerplicht "$GEMEENTE" demo-leerplicht-wachtwoord
user demo-swv swv "$SWV" demo-swv-wachtwoord
user demo-analist analist "$ANALIST" demo-analist-wachtwoord
user demo-beheerder beheerder '*' demo-beheerder-wachtwoord

# The case work: the persons of leerplicht it names (lp-<gemeente>-<n>) get
# an account, then it is replayed through the rules of each day, as each of
# them recorded it (inbeeld dossierwerk laden).
REGIE=
if [ -f build/demo/dossierwerk.csv ]; then
	for p in $(cut -d, -f4 build/demo/dossierwerk.csv | grep '^lp-GM[0-9]*-[0-9]*$' | sort -u); do
		gm=${p#lp-}
		user "$p" leerplicht "${gm%-*}" "$p-wachtwoord"
	done
	echo "inbeeld demo: het dossierwerk van het afgelopen jaar naspelen..."
	$BIN dossierwerk laden --db "$DB" build/demo/dossierwerk.csv | tee build/demo/dossierwerk.txt
	REGIE=$(awk '$1 == "regiehouder" && $2 == "lp-'"$GEMEENTE"'-1:" { print $3 }' build/demo/dossierwerk.txt)
fi

cat <<MSG

inbeeld draait op http://$LISTEN  (stoppen: Ctrl-C)

Demo-logins (alleen voor deze demo):
  rol         gebruiker         wachtwoord                  scope
  school      demo-school       demo-school-wachtwoord      $SCHOOL
  leerplicht  demo-leerplicht   demo-leerplicht-wachtwoord  $GEMEENTE
  swv         demo-swv          demo-swv-wachtwoord         $SWV
  analist     demo-analist      demo-analist-wachtwoord     $ANALIST
  beheerder   demo-beheerder    demo-beheerder-wachtwoord   *
MSG
[ -z "$REGIE" ] || cat <<MSG
  leerplicht  lp-$GEMEENTE-1      lp-$GEMEENTE-1-wachtwoord     $GEMEENTE  (regiehouder van $REGIE open dossiers)

Elke gemeente heeft drie leerplichtambtenaren met regie: lp-GEMEENTECODE-1 tot -3 (wachtwoord: de naam
met -wachtwoord erachter), bijvoorbeeld lp-GM0599-2 in Rotterdam.
MSG
cat <<MSG

Met de API, bijvoorbeeld:
  curl -c jar -H 'Content-Type: application/json' \\
       -d '{"gebruikersnaam":"demo-leerplicht","wachtwoord":"demo-leerplicht-wachtwoord"}' http://$LISTEN/api/sessie
  curl -b jar 'http://$LISTEN/api/status?peildatum=$(date +%Y-%m-%d)'
  curl -b jar 'http://$LISTEN/api/telling?per=gemeente&ijkmomenten=2022-2027'
  curl -b jar http://$LISTEN/api/openapi.json

MSG
exec $BIN serve --db "$DB" --listen "$LISTEN"
