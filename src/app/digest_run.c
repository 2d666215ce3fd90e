/*
 * digest_run.c - the figures of one account's digest (see digest_run.h).
 */
#include "digest_run.h"

#include <string.h>

#include "signals_run.h"

/* The signals of the pupils scope sees on day d. */
static void signals_on(const dataset *ds, const pupil_index *index, int threads, const scope_set *set, day_t d,
		       signal_list *out)
{
	status_query q = status_query_of(d);
	q.scope = set;
	q.index = index;
	signals_run(ds, &q, threads, out, NULL);
}

int digest_gather(store *st, const dataset *ds, const pupil_index *index, int threads, const dossier_state *all,
		  size_t n_all, int64_t account_id, day_t today, digest_counts *out, strbuf *err)
{
	account a = {0};
	int found = store_account_get(st, NULL, account_id, &a, err);
	if (found <= 0) {
		if (found == 0)
			sb_printf(err, "gebruiker %lld bestaat niet", (long long)account_id);
		account_free(&a);
		return -1;
	}
	char today_text[DATE_TEXT], last_text[11];
	date_format(today, today_text);
	if (store_reminder_last(st, account_id, today_text, last_text, err) != 0) {
		account_free(&a);
		return -1;
	}
	day_t last = DAY_NONE;
	if (last_text[0] && date_parse(last_text, strlen(last_text), &last) != 0)
		last = DAY_NONE;
	digest_begin(out, today, last);
	for (size_t i = 0; i < n_all; i++)
		if (digest_case_is_mine(&all[i].st, a.id, a.organisatie_id))
			digest_add_case(out, &all[i].st);
		else
			digest_add_followup(out, &all[i].st, a.id, a.organisatie_id);
	role r = role_from_name(a.rol);
	scope sc;
	strbuf why = STRBUF_INIT;
	if (r != ROLE_COUNT && r != ROLE_BEHEERDER && scope_parse(r, a.scope, &sc, &why) == 0) {
		scope_set set;
		scope_resolve(&sc, ds, &set);
		signal_list now = {0}, before = {0};
		signals_on(ds, index, threads, &set, today, &now);
		signals_on(ds, index, threads, &set, out->since, &before);
		digest_add_signals(out, now.rows, now.n, before.rows, before.n);
		signal_list_free(&now);
		signal_list_free(&before);
		scope_set_free(&set);
		scope_free(&sc);
	}
	sb_free(&why);
	account_free(&a);
	return 0;
}
