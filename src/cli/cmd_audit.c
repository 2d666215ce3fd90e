/*
 * inbeeld audit - look after the audit log: check the hash chain, remove
 * entries past the retention period.
 */
#include <stdio.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"

static const char USAGE[] = "inbeeld audit controleer|opschonen --db PAD [--audit-bewaardagen DAGEN]";

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
		size_t checked;
		int64_t bad;
		if (store_audit_verify(st, &checked, &bad, &err) != 0)
			rc = data_error("%s", sb_str(&err));
		else if (bad)
			rc = data_error("het auditlog is aangetast: regel %lld volgt niet uit de vorige (%zu gecontroleerd)",
					(long long)bad, checked);
		else
			printf("auditlog in orde: %zu regels, de hashketen klopt\n", checked);
	} else if (!rc) {
		size_t deleted;
		if ((o.audit_days && store_audit_set_retention(st, o.audit_days, &err) != 0) ||
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
