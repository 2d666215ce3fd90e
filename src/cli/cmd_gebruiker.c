/*
 * inbeeld gebruiker - create or update an account (SPEC 11). The password is
 * read from standard input: asked twice without echo on a terminal, else the
 * first line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../app/accounts.h"
#include "../app/compute.h"
#include "../app/dossiers.h"
#include "../store/store.h"
#include "../util/alloc.h"
#include "cli.h"

static const char USAGE[] = "inbeeld gebruiker --db PAD --naam NAAM --rol ROL --scope SCOPE [--organisatie NAAM "
			    "[--zorgorganisatie]] [--inactief]   (wachtwoord via standaardinvoer)";

/* One line from stdin without its line end; echo off on a terminal. */
static int read_line(const char *prompt, char *buf, size_t size)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(buf, (int)size, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got) {
		buf[0] = '\0';
		return 0;
	}
	size_t len = strcspn(buf, "\r\n");
	if (buf[len] == '\0' && len == size - 1)
		return -1; /* longer than the buffer */
	buf[len] = '\0';
	return 0;
}

static int read_password(char *pw, size_t size)
{
	if (read_line("Wachtwoord: ", pw, size) != 0)
		return usage_error("het wachtwoord is te lang (hoogstens %zu tekens)", size - 2);
	if (isatty(STDIN_FILENO) && pw[0]) {
		char again[256];
		read_line("Nog eens: ", again, sizeof again);
		int same = strcmp(pw, again) == 0;
		memset(again, 0, sizeof again);
		if (!same)
			return usage_error("de wachtwoorden zijn niet gelijk");
	}
	return 0;
}

/* A care organisation (--zorgorganisatie) must be registered as one: its
 * people see only the pupils whose case it leads, and regie may go to it. */
static int is_care(store *st, int64_t org_id, const char *naam)
{
	organisation *list = NULL;
	size_t n = 0;
	strbuf err = STRBUF_INIT;
	int rc = store_organisations_list(st, &list, &n, &err) != 0 ? data_error("%s", sb_str(&err)) : 0;
	for (size_t i = 0; !rc && i < n; i++)
		if (list[i].id == org_id && org_kind_from_name(list[i].soort) != ORG_ZORG)
			rc = data_error("organisatie '%s' bestaat al als %s, niet als zorgorganisatie", naam, list[i].soort);
	organisations_free(list, n);
	sb_free(&err);
	return rc;
}

/* An account is deactivated only after its dossiers are handed on (SPEC 6):
 * exit 1 with where to hand them over while it leads open dossiers. */
static int still_leads(store *st, const char *naam)
{
	account a = {0};
	strbuf err = STRBUF_INIT;
	int found = store_account_get(st, naam, 0, &a, &err);
	int rc = found < 0 ? data_error("%s", sb_str(&err)) : 0;
	if (found == 1 && a.actief) {
		dossier_state *all = NULL;
		size_t n = 0;
		if (dossiers_all(st, NULL, today(), &all, &n, &err) != 0)
			rc = data_error("%s", sb_str(&err));
		else if (dossiers_led_by(all, n, a.id, naam, &err))
			rc = data_error("%s", sb_str(&err));
		free(all);
	}
	account_free(&a);
	sb_free(&err);
	return rc;
}

int cmd_gebruiker(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_ACCOUNT, USAGE, &o);
	if (!rc && (!o.naam || !o.rol || !o.scope))
		rc = usage_error("--naam, --rol en --scope zijn verplicht\ngebruik: %s", USAGE);
	if (!rc && o.zorg && !o.organisatie)
		rc = usage_error("--zorgorganisatie hoort bij --organisatie NAAM (de zorgorganisatie)");
	role r = rc ? ROLE_COUNT : role_from_name(o.rol);
	if (!rc && r == ROLE_COUNT)
		rc = usage_error("onbekende rol '%s' (school, leerplicht, swv, analist of beheerder)", o.rol);
	if (!rc && (strlen(o.naam) < 2 || strlen(o.naam) > 64 || strpbrk(o.naam, " \t\r\n")))
		rc = usage_error("een gebruikersnaam heeft 2 tot 64 tekens, zonder spaties");
	scope sc = {0};
	strbuf err = STRBUF_INIT;
	if (!rc && scope_parse(r, o.scope, &sc, &err) != 0)
		rc = usage_error("%s", sb_str(&err));
	char pw[256] = "";
	if (!rc)
		rc = read_password(pw, sizeof pw);
	if (!rc && accounts_init() != 0)
		rc = data_error("libsodium kon niet worden gestart");
	store *st = NULL;
	if (!rc && store_open(cli_db_path(&o), &st, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (rc) {
		memset(pw, 0, sizeof pw);
		scope_free(&sc);
		sb_free(&err);
		cli_opts_free(&o);
		return rc;
	}
	/* Name the organisation after the registry's reference data if loaded. */
	strbuf org = STRBUF_INIT;
	if (o.organisatie) {
		sb_puts(&org, o.organisatie);
	} else {
		strbuf lerr = STRBUF_INIT;
		dataset *ds = store_load_reference(st, &lerr);
		organisation_default_name(r, &sc, ds, &org);
		dataset_free(ds);
		sb_free(&lerr);
	}
	char hash[PASSWORD_HASH_MAX] = "";
	int64_t org_id = 0, id = 0;
	bool created = false;
	strbuf canon = STRBUF_INIT;
	scope_format(&sc, &canon);
	if (pw[0] && strlen(pw) < 12)
		fprintf(stderr, "inbeeld: let op: een wachtwoord van minder dan 12 tekens is zwak.\n");
	if (pw[0] && password_hash(pw, hash, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	memset(pw, 0, sizeof pw);
	if (!rc && o.inactief)
		rc = still_leads(st, o.naam);
	const char *kind = o.zorg ? ORG_KIND_NAMES[ORG_ZORG] : organisation_kind(r);
	if (!rc && store_organisation_ensure(st, sb_str(&org), kind, sb_str(&canon), &org_id, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (!rc && o.zorg)
		rc = is_care(st, org_id, sb_str(&org));
	if (!rc && store_account_upsert(st, o.naam, ROLE_NAMES[r], sb_str(&canon), org_id, hash[0] ? hash : NULL,
					!o.inactief, &id, &created, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (!rc) {
		size_t revoked = 0;
		if (!created || o.inactief)
			store_sessions_revoke_user(st, id, NULL, &revoked, &err);
		fprintf(stderr, "Gebruiker %s %s: rol %s, scope %s, organisatie %s%s.%s\n", o.naam,
			created ? "aangemaakt" : "bijgewerkt", ROLE_NAMES[r], sb_str(&canon), sb_str(&org),
			o.inactief ? ", inactief" : "",
			revoked ? " Lopende sessies zijn beëindigd." : "");
	}
	store_close(st);
	scope_free(&sc);
	sb_free(&canon);
	sb_free(&org);
	sb_free(&err);
	cli_opts_free(&o);
	return rc;
}
