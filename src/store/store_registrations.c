/*
 * store_registrations.c - when each enrolment and each end of one was first
 * recorded (SPEC 7: enrolments and de-registrations within 7 days; issue 12's
 * melddiscipline). The registry keeps every version of a fact with the batch
 * that recorded it; the first version that names a van (or a tot) is when the
 * registry learned of it.
 */
#include <string.h>

#include "store_internal.h"

/* ?1, ?2: the period (its days as text); ?3: the last batch looked at. */
static const char REGISTRATIONS_SQL[] =
	"SELECT 0, i.brin, i.vestiging, i.van, min(b.recorded_at) FROM inschrijvingen i JOIN batch b ON b.id = i.v_from"
	" WHERE i.van >= ?1 AND i.van <= ?2 AND i.v_from <= ?3 GROUP BY i.leerling_id, i.brin, i.vestiging, i.van"
	" UNION ALL"
	" SELECT 1, i.brin, i.vestiging, i.tot, min(b.recorded_at) FROM inschrijvingen i JOIN batch b ON b.id = i.v_from"
	" WHERE i.tot IS NOT NULL AND i.tot >= ?1 AND i.tot <= ?2 AND i.v_from <= ?3"
	" GROUP BY i.leerling_id, i.brin, i.vestiging, i.van, i.tot";

int store_registrations(store *st, const char *from, const char *to, int64_t upto_batch,
			void (*row)(void *ctx, const registration_row *r), void *ctx, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, REGISTRATIONS_SQL, &q, err))
		return -1;
	if (bind_text(q, 1, from) || bind_text(q, 2, to) || bind_int(q, 3, upto_batch)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		registration_row r = {.ending = col_int(q, 0) != 0, .brin = col_text(q, 1),
				      .vestiging = col_text(q, 2), .named = col_text(q, 3), .recorded_at = col_text(q, 4)};
		if (r.brin && r.vestiging && r.named && r.recorded_at)
			row(ctx, &r);
	}
	db_finalize(q);
	if (rc != DB_DONE)
		return db_fail(st, err, "lezen van de inschrijvingen mislukt");
	return 0;
}
