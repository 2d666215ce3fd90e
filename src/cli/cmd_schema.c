/*
 * inbeeld schema - bring the registry's schema up to date and, on
 * PostgreSQL, give the application's group role inbeeld_app its privileges
 * again (issue 16): the command of the schema's owner, before the
 * application (connecting as a login role in inbeeld_app) may open a
 * registry whose schema is behind. SQLite has no roles: there it only
 * migrates, as every command that opens the registry does.
 */
#include <stdio.h>

#include "../store/store.h"
#include "cli.h"

static const char USAGE[] = "inbeeld schema --db PAD";

int cmd_schema(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB, USAGE, &o);
	if (!rc && o.n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o.args[0], USAGE);
	store *st = NULL;
	strbuf err = STRBUF_INIT;
	int version = 0;
	bool granted = false;
	if (!rc && (store_open(cli_db_path(&o), &st, &err) != 0 ||
		    store_schema_update(st, &version, &granted, &err) != 0))
		rc = data_error("%s", sb_str(&err));
	if (!rc && !store_is_file(st) && !granted)
		rc = data_error("schema bij (versie %d), maar de groepsrol inbeeld_app bestaat niet en deze databaserol mag "
				"geen rollen maken: maak haar aan (CREATE ROLE inbeeld_app NOLOGIN) en voer dan opnieuw "
				"inbeeld schema uit",
				version);
	else if (!rc)
		printf("schema bij (versie %d)%s\n", version,
		       store_is_file(st) ? "; SQLite kent geen databaserollen"
					 : "; de groepsrol inbeeld_app heeft haar rechten opnieuw gekregen");
	store_close(st);
	sb_free(&err);
	cli_opts_free(&o);
	return rc;
}
