/*
 * grants.h - break-glass grants of the beheerder (SPEC 2): for fifteen
 * minutes one pupil, with a reason, audited (POST /api/noodtoegang).
 * Expiry is a wall-clock duration, no business date.
 */
#ifndef INBEELD_HTTP_GRANTS_H
#define INBEELD_HTTP_GRANTS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { GRANT_SECONDS = 15 * 60 };

typedef struct grant_table {
	pthread_mutex_t lock;
	struct grant *items; /* (user, pupil, until) */
	size_t n, cap;
} grant_table;

void grants_init(grant_table *t);
void grants_free(grant_table *t);
/* Whether user holds an active grant for the pupil (NULL: for any pupil). */
bool grant_active(grant_table *t, int64_t user_id, const char *pupil_id);
/* Grant the pupil for `seconds` (0: GRANT_SECONDS), for reason (kept,
 * shortened to GRANT_REASON - 1 bytes, to show the grant). */
enum { GRANT_REASON = 240 };
void grant_add(grant_table *t, int64_t user_id, const char *pupil_id, const char *reason, long seconds);
/* The pupils a user holds an active grant for (at most max). */
size_t grants_list(grant_table *t, int64_t user_id, char (*ids)[72], size_t max);
/* The same with until when and why (for the beheerder's page). */
typedef struct grant_info {
	char pupil_id[72];
	char reason[GRANT_REASON];
	int64_t until; /* seconds since the epoch (wall clock) */
} grant_info;
size_t grants_describe(grant_table *t, int64_t user_id, grant_info *out, size_t max);

#endif
