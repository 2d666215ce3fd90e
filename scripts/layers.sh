#!/bin/sh
# layers.sh - the layers of src/ as a fact of the build (make check, README "Design").
#
#   1. Includes: a file includes only its own layer and the layers below it,
#      in this order (the DAG; io and store are side by side):
#
#        util < core < io, store < app < mail, http < api < web < cli
#        gen (the generator) uses util, core and io only
#        (mail, the reminders by e-mail, and http are side by side: the
#        command line wires the one to the other)
#
#      and external libraries only where their layer links them: none in util
#      and core; sqlite3 and libsodium (the audit chain's SHA-256) in store;
#      jansson in io (JSON output) and above; expat and zlib in io (the XLSX reader); microhttpd from http up;
#      seccomp in http only (the sandbox); xlsxwriter in web; curl in mail
#      only (SMTP).
#   2. No circle of files calling each other: object A depends on object B
#      when A uses a symbol B defines; the graph over src/ (build/release/obj)
#      must have no cycle.
#
# Usage: sh scripts/layers.sh [OBJDIR]   (default build/release/obj; the
# objects must be built). Exits 1 and names every violation.
set -u
objdir=${1:-build/release/obj}
status=0

rank() {
	case $1 in
	util) echo 0 ;; core) echo 1 ;; io | store) echo 2 ;; app) echo 3 ;; mail | http) echo 4 ;; api) echo 5 ;;
	web) echo 6 ;; cli) echo 7 ;; *) echo 99 ;;
	esac
}

# The external headers a layer may include.
libs_allowed() {
	case $1 in
	util | core) echo "" ;;
	store) echo "sqlite3.h sodium.h" ;;
	io) echo "jansson.h expat.h zlib.h" ;;
	app) echo "jansson.h sodium.h" ;;
	mail) echo "jansson.h sodium.h curl/curl.h" ;;
	http) echo "jansson.h microhttpd.h sodium.h seccomp.h" ;;
	api) echo "jansson.h microhttpd.h sodium.h" ;;
	web) echo "jansson.h microhttpd.h sodium.h xlsxwriter.h" ;;
	cli) echo "jansson.h microhttpd.h sodium.h" ;;
	gen) echo "" ;;
	esac
}

for f in $(find src -name '*.[ch]' | sort); do
	layer=$(echo "$f" | cut -d/ -f2)
	r=$(rank "$layer")
	# Our own headers of other layers: "../LAYER/file.h".
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\.\.\/\([a-z]*\)\/.*/\1/p' "$f"); do
		if [ "$layer" = gen ]; then
			case $inc in util | core | io) ;; *) echo "layers: $f (gen) includes src/$inc"; status=1 ;; esac
			continue
		fi
		ri=$(rank "$inc")
		if [ "$ri" -gt "$r" ] || { [ "$ri" -eq "$r" ] && [ "$inc" != "$layer" ]; }; then
			echo "layers: $f ($layer) includes src/$inc, a layer that is not below it"
			status=1
		fi
	done
	# External libraries.
	allowed=$(libs_allowed "$layer")
	for lib in jansson.h microhttpd.h sqlite3.h sodium.h xlsxwriter.h seccomp.h curl/curl.h; do
		if grep -q "^[[:space:]]*#[[:space:]]*include[[:space:]]*<$lib>" "$f"; then
			case " $allowed " in *" $lib "*) ;; *) echo "layers: $f ($layer) includes <$lib>"; status=1 ;; esac
		fi
	done
done

# Calls between files: edges "user definer" from the objects' symbols.
if [ ! -d "$objdir/src" ]; then
	echo "layers: $objdir/src is missing; build first (make)" >&2
	exit 1
fi
# The objects of today's sources (a build directory may hold objects of
# files since moved or removed).
objs=$(find "$objdir/src" -name '*.o' ! -path '*/gen/*' | sort | while read -r o; do
	src=${o#"$objdir"/}
	[ -f "${src%.o}.c" ] && echo "$o"
done)
tmp=${TMPDIR:-/tmp}/layers.$$
trap 'rm -f "$tmp".*' EXIT
for o in $objs; do
	name=${o#"$objdir"/}
	nm -P --defined-only "$o" | awk -v f="$name" '$2 ~ /^[TDBR]$/ { print $1, f }'
done | sort >"$tmp.defs"
for o in $objs; do
	name=${o#"$objdir"/}
	nm -P --undefined-only "$o" | awk -v f="$name" '{ print $1, f }'
done | sort >"$tmp.uses"
join "$tmp.uses" "$tmp.defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$tmp.edges"
if ! tsort "$tmp.edges" >/dev/null 2>"$tmp.loop"; then
	echo "layers: files that call each other in a circle:"
	sed -n 's/^tsort: //p' "$tmp.loop" | grep -v 'input contains a loop' | sed 's/^/  /'
	status=1
fi
[ $status -eq 0 ] && echo "layers: no layer includes one above it, no circle of files calling each other"
exit $status
