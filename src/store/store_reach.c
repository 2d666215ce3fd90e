/*
 * store_reach.c - what a connection to the registry reaches (store_reach.h):
 * the SQLite file's folder, or the sockets, ports and files of a libpq
 * connection URI, read with libpq's own parser (PQconninfoParse) and its
 * environment variables and defaults.
 */
#include "store_reach.h"

#include <errno.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db_pg.h"

/* Debian's libpq is built with this socket folder (upstream's is /tmp). */
static const char DEFAULT_SOCKET_DIR[] = "/var/run/postgresql";
static const int DEFAULT_PORT = 5432;
/* OpenSSL's configuration on Debian (OPENSSLDIR/openssl.cnf). */
static const char OPENSSL_CONF_FILE[] = "/usr/lib/ssl/openssl.cnf";

static int file_reach(const char *path, store_reach *r, strbuf *err)
{
	if (!realpath(path, r->file)) {
		sb_printf(err, "registratie %s is niet te vinden: %s", path, strerror(errno));
		return -1;
	}
	snprintf(r->dir, sizeof r->dir, "%s", r->file);
	char *slash = strrchr(r->dir, '/');
	if (slash == r->dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	return 0;
}

/* The URI's value of keyword, else its environment variable's, else NULL. */
static const char *option(PQconninfoOption *opts, const char *keyword)
{
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (strcmp(o->keyword, keyword) == 0) {
			if (o->val && *o->val)
				return o->val;
			const char *env = o->envvar ? getenv(o->envvar) : NULL;
			return env && *env ? env : NULL;
		}
	return NULL;
}

/* Item i of a comma-separated list (libpq's host, hostaddr, port) into out;
 * false past its end. */
static bool list_item(const char *list, size_t i, char *out, size_t size)
{
	out[0] = '\0';
	if (!list)
		return i == 0;
	const char *p = list;
	for (size_t k = 0; k < i; k++) {
		p = strchr(p, ',');
		if (!p)
			return false;
		p++;
	}
	size_t n = strcspn(p, ",");
	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
	return true;
}

static size_t list_len(const char *list)
{
	size_t n = 1;
	for (const char *p = list; p && *p; p++)
		n += *p == ',';
	return n;
}

static void add_read(store_reach *r, const char *path)
{
	struct stat st;
	if (r->n_reads < REACH_MAX && stat(path, &st) == 0)
		snprintf(r->reads[r->n_reads++], PATH_MAX, "%s", path);
}

/* A file libpq reads: the URI's or the environment's, else the default
 * beneath the home folder, pinned in env so that libpq need not look the
 * home folder up (it asks the user database, closed by the sandbox). */
static void pin_file(PQconninfoOption *opts, const char *keyword, const char *env, const char *home,
		     const char *rel, store_reach *r)
{
	const char *given = option(opts, keyword);
	char path[PATH_MAX];
	if (given)
		snprintf(path, sizeof path, "%s", given);
	else if (home)
		snprintf(path, sizeof path, "%s/%s", home, rel);
	else
		return;
	if (!given)
		setenv(env, path, 1);
	add_read(r, path);
}

static int uri_reach(const char *target, store_reach *r, strbuf *err)
{
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(target, &msg);
	if (!opts) {
		sb_printf(err, "--db: de PostgreSQL-verbinding is niet te lezen: %s", msg ? msg : "geen geheugen");
		PQfreemem(msg);
		return -1;
	}
	int rc = 0;
	if (option(opts, "service")) {
		/* The service file could name hosts this parser does not see. */
		sb_puts(err, "--db: een PostgreSQL-service (service=, PGSERVICE) kan de server niet afschermen; "
			     "geef host, poort en database in de URI");
		rc = -1;
	}
	const char *hosts = option(opts, "host"), *addrs = option(opts, "hostaddr"), *ports = option(opts, "port");
	size_t n = list_len(hosts), n_addrs = list_len(addrs), n_ports = list_len(ports);
	if (n_addrs > n)
		n = n_addrs;
	bool tcp = false;
	for (size_t i = 0; !rc && i < n; i++) {
		char host[PATH_MAX], addr[256], port[32];
		list_item(hosts, i, host, sizeof host);
		list_item(addrs, i, addr, sizeof addr);
		/* As libpq: one port for every host, else one each; "" the default. */
		list_item(ports, n_ports == 1 ? 0 : i, port, sizeof port);
		if (!*addr && (!*host || host[0] == '/')) {
			if (r->n_sockets < REACH_MAX)
				snprintf(r->sockets[r->n_sockets++], PATH_MAX, "%s", *host ? host : DEFAULT_SOCKET_DIR);
			continue;
		}
		if (!*addr && host[0] == '@')
			continue; /* an abstract socket: no folder, no port */
		char *end = NULL;
		long p = *port ? strtol(port, &end, 10) : DEFAULT_PORT;
		if ((end && *end) || p < 1 || p > 65535) {
			sb_printf(err, "--db: poort '%s' van de PostgreSQL-verbinding is geen poortnummer", port);
			rc = -1;
		}
		bool seen = false;
		for (size_t k = 0; k < r->n_ports; k++)
			seen |= r->ports[k] == (int)p;
		if (!rc && !seen && r->n_ports < REACH_MAX)
			r->ports[r->n_ports++] = (int)p;
		tcp = true;
	}
	struct passwd *pw = rc ? NULL : getpwuid(geteuid());
	const char *home = pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
	if (!rc && !option(opts, "user") && pw)
		setenv("PGUSER", pw->pw_name, 1);
	if (!rc)
		pin_file(opts, "passfile", "PGPASSFILE", home, ".pgpass", r);
	const char *mode = option(opts, "sslmode");
	if (!rc && tcp && !(mode && strcmp(mode, "disable") == 0)) {
		pin_file(opts, "sslcert", "PGSSLCERT", home, ".postgresql/postgresql.crt", r);
		pin_file(opts, "sslkey", "PGSSLKEY", home, ".postgresql/postgresql.key", r);
		pin_file(opts, "sslrootcert", "PGSSLROOTCERT", home, ".postgresql/root.crt", r);
		pin_file(opts, "sslcrl", "PGSSLCRL", home, ".postgresql/root.crl", r);
		const char *crldir = option(opts, "sslcrldir");
		if (crldir)
			add_read(r, crldir);
		/* libpq starts OpenSSL with its configuration (the system's TLS
		 * policy) at the first TCP connection. */
		const char *conf = getenv("OPENSSL_CONF");
		add_read(r, conf && *conf ? conf : OPENSSL_CONF_FILE);
	}
	PQconninfoFree(opts);
	return rc;
}

int store_reach_of(const char *target, store_reach *r, strbuf *err)
{
	memset(r, 0, sizeof *r);
	r->is_file = !db_is_postgres(target);
	return r->is_file ? file_reach(target, r, err) : uri_reach(target, r, err);
}

void store_target_redacted(const char *target, strbuf *out)
{
	if (db_is_postgres(target))
		db_pg_redact(target, out);
	else
		sb_puts(out, target);
}
