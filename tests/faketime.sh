#!/bin/sh
# Run a command with the wall clock moved to a day far from today (Debian's
# libfaketime), so that a test which depends on the day it runs fails here and
# not on a user's machine next month (issue 9).
#
#   sh tests/faketime.sh COMMAND [ARG...]
#
# INBEELD_FAKETIME (default "2028-02-29 10:00:00", a leap day far from the
# tests' business day 2026-11-23) is where the clock starts. It then runs on at
# the normal rate, as an offset from the real clock: every process of the tree
# (node, inbeeld import/gebruiker/serve, sqlite3) agrees on it, history stays in
# order, and idle timeouts of sessions still expire. CLOCK_MONOTONIC is left
# alone (durations, node's timers). Business dates must not move: the server
# takes its day from `serve --vandaag`; only recording timestamps (audit,
# batches, vastgesteld_op, sessions) follow this clock.
set -eu
start=${INBEELD_FAKETIME:-2028-02-29 10:00:00}
lib=
for f in /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/local/lib/faketime/libfaketimeMT.so.1; do
	[ -r "$f" ] && lib=$f && break
done
if [ -z "$lib" ]; then
	echo "faketime: libfaketime ontbreekt (apt-get install faketime; make deps)" >&2
	exit 1
fi
want=$(date -d "$start" +%s)
off=$((want - $(date +%s)))
case $off in -*) ;; *) off="+$off" ;; esac
LD_PRELOAD="$lib${LD_PRELOAD:+ $LD_PRELOAD}"
FAKETIME=$off
FAKETIME_DONT_FAKE_MONOTONIC=1
# libfaketime 0.9.10 turns on its "monotonic fix" by itself on this glibc:
# then a pthread_cond_timedwait on a CLOCK_MONOTONIC condition (the server's
# reloader, checkpointer and mail scheduler) times out at once, and those
# threads spin - an idle server took a whole core, and the server suite
# under this clock four times its CPU. The monotonic clock is not moved
# here, so the waits need no fix: off.
FAKETIME_FORCE_MONOTONIC_FIX=0
export LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC FAKETIME_FORCE_MONOTONIC_FIX
# An ASan binary wants its runtime first among the libraries; here libfaketime
# comes first (it only wraps the clock functions and calls through to ASan's).
ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS
# The clock must really have moved, or this run proves nothing.
now=$(date +%s)
if [ $((now - want)) -lt 0 ] || [ $((now - want)) -gt 60 ]; then
	echo "faketime: de klok staat niet op $start maar op $(date '+%F %T')" >&2
	exit 1
fi
echo "faketime: klok op $(date '+%F %T'), offset $off s"
exec "$@"
