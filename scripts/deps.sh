#!/bin/sh
# Install the Debian packages inbeeld needs to build and test, when missing.
# As root this runs apt-get; otherwise it prints the command to run.
set -eu
# faketime: make check runs the tests a second time with the wall clock moved (tests/faketime.sh).
# poppler-utils: the browser tests read the printed annual report back (pdftotext).
# libseccomp-dev: the server's system-call allowlist (src/http/seccomp.c); clang and libclang-rt-14-dev:
# the fuzzers (libFuzzer, tests/fuzz, mk/fuzz.mk). libcurl4-openssl-dev: the reminders by e-mail (SMTP, src/mail).
# zlib1g-dev and libexpat1-dev: reading an XLSX file (src/io/xlsx_read.c, mk/xlsx.mk).
# postgresql and libpq-dev: the registry in PostgreSQL (src/store/db_pg.c) and the tests' throwaway cluster
# (scripts/pg_cluster.sh, mk/pg.mk).
PKGS="gcc make pkg-config libsqlite3-dev libjansson-dev libcmocka-dev libmicrohttpd-dev libsodium-dev \
libxlsxwriter-dev sqlite3 valgrind openssl ca-certificates faketime poppler-utils libseccomp-dev clang libclang-rt-14-dev \
zlib1g-dev libexpat1-dev libcurl4-openssl-dev \
postgresql libpq-dev"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# Node.js runs the HTTP and browser tests; any 18 or newer will do.
if ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || apt-get update
	apt-get install -y -qq --no-install-recommends $missing >/dev/null || apt-get install -y --no-install-recommends $missing
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run: sudo apt-get install$missing" >&2
	exit 1
fi
