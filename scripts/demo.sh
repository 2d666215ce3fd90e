#!/bin/sh
# make demo: from nothing to the registry with the example dataset.
set -eu
cd "$(dirname "$0")/.."
DB=build/demo.db
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "inbeeld demo: het voorbeeld (examples/voorbeeld) wordt geladen in $DB"
./build/inbeeld import --db "$DB" --door demo examples/voorbeeld
echo
echo "Resultaatschema per gemeente op het laatste ijkmoment:"
echo
./build/inbeeld telling --db "$DB" --peildatum ijkmoment --per gemeente --format table
cat <<MSG
Verder:
  ./build/inbeeld status  --db $DB --peildatum ijkmoment --format table
  ./build/inbeeld telling --db $DB --ijkmomenten 2025-2027 --per swv --format table
  ./build/inbeeld uitleg  --db $DB --leerling U20 --peildatum 2026-11-01
  ./build/inbeeld help
MSG
