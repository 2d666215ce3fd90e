/*
 * registry.h - a registry file for the store's unit tests: open one (failing
 * the test with the store's message when it cannot), remove one with its
 * write-ahead log. Header-only, so tests that do not use the store do not
 * link it.
 */
#ifndef INBEELD_TEST_REGISTRY_H
#define INBEELD_TEST_REGISTRY_H

#include <stdio.h>
#include <unistd.h>

#include "helpers.h"

#include "../../src/store/store.h"

static inline store *registry_open(const char *path)
{
	store *st;
	strbuf err = STRBUF_INIT;
	if (store_open(path, &st, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return st;
}

/* Remove the file and its -wal and -shm files (those that exist). */
static inline void registry_remove(const char *path)
{
	char p[256];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s.snapshot", path); /* registry_load's file next to it */
	unlink(p);
}

#endif
