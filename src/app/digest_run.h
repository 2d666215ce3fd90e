/*
 * digest_run.h - the figures of one account's daily digest (issue 14), from
 * the registry: its account (role, scope, organisation), the day of its
 * previous digest, the dossiers with their state on the server's day, and
 * the early signals of the pupils it sees on that day and on the previous
 * digest's day. The rules are src/core/digest.c's; this gathers.
 */
#ifndef INBEELD_APP_DIGEST_RUN_H
#define INBEELD_APP_DIGEST_RUN_H

#include "../core/digest.h"
#include "dossiers.h"
#include "status.h"

/* The digest of account `account_id` on server day today, over the dossiers
 * `all` (their states on today: dossiers_all or the server's dossier set)
 * and the dataset ds (index may be NULL). 0, or -1 with err. A beheerder
 * sees pupils only under break-glass: its digest has no signals. */
int digest_gather(store *st, const dataset *ds, const pupil_index *index, int threads, const dossier_state *all,
		  size_t n_all, int64_t account_id, day_t today, digest_counts *out, strbuf *err);

#endif
