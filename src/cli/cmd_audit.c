/*
 * inbeeld audit - look after the audit log: check the hash chain and that
 * every change (correctie batch, case event) has its entry, remove entries
 * past the retention period.
 */
#include <stdio.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"

static const char USAGE[] = "inbeeld audit controleer|opschonen --db PAD [--audit-bewaardagen DAGEN]";

static void say_gap(void *ctx, const audit_gap *g)
{
	size_t *n = ctx;
	if (++*n <= 20)
		fprintf(stderr, "inbeeld: %s %lld (vastgelegd op %s) heeft geen auditregel\n",
			!strcmp(g->wat, "correctie") ? "de correctie met registratie" : "de dossiergebeurtenis", (long long)g->id,
			g->vastgelegd_op);
}

/* The chain, then the changes without an entry (each named, the first 20). */
static int check(store *st)
{
	size_t checked, changes, missing = 0;
	int64_t bad;
	strbuf err = STRBUF_INIT;
	int rc = 0;
	if (store_audit_verify(st, &checked, &bad, &err) != 0 || store_audit_gaps(st, say_gap, &missing, &changes, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	else if (bad)
		rc = data_error("het auditlog is aangetast: regel %lld volgt niet uit de vorige (%zu gecontroleerd)",
				(long long)bad, checked);
	else if (missing)
		rc = data_error("het auditlog is onvolledig: %zu van de %zu wijzigingen hebben geen auditregel", missing,
				changes);
	else
		printf("auditlog in orde: %zu regels, de hashketen klopt, alle %zu wijzigingen hebben een auditregel\n",
		       checked, changes);
	sb_free(&err);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_SERVE, USAGE, &o);
	if (!rc && (o.n_args != 1 || (strcmp(o.args[0], "controleer") && strcmp(o.args[0], "opschonen"))))
		rc = usage_error("geef 'controleer' of 'opschonen'\ngebruik: %s", USAGE);
	store *st = NULL;
	strbuf err = STRBUF_INIT;
	if (!rc && store_open(cli_db_path(&o), &st, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (!rc && !strcmp(o.args[0], "controleer")) {
		rc = check(st);
	} else if (!rc) {
		size_t deleted;
		bool allowed;
		char role[64];
		if (store_audit_purge_allowed(st, &allowed, role, &err) != 0)
			rc = data_error("%s", sb_str(&err));
		else if (!allowed) /* PostgreSQL: the application's role (store.h) */
			rc = data_error("de databaserol %s mag geen auditregels verwijderen: het opschonen van het auditlog "
					"is aan de eigenaar van de database (inbeeld audit opschonen --db <URI van de "
					"eigenaar>)",
					role);
		else if ((o.audit_days && store_audit_set_retention(st, o.audit_days, &err) != 0) ||
		    store_audit_purge(st, &deleted, &err) != 0)
			rc = data_error("%s", sb_str(&err));
		else
			printf("%zu auditregels ouder dan de bewaartermijn verwijderd\n", deleted);
	}
	store_close(st);
	sb_free(&err);
	cli_opts_free(&o);
	return rc;
}
