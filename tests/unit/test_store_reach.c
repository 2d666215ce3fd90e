/* What the server's sandbox allows a registry (src/store/store_reach.h): an
 * SQLite file's folder; for a libpq URI its unix-socket folders (Debian's
 * default when none is named), its TCP ports as libpq pairs them with the
 * hosts, the password file when it exists, and the user name and password
 * file pinned in the environment (the sandbox closes the user database);
 * a URI libpq cannot read, a port that is no number or a service file is
 * refused. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/store/store_reach.h"

static store_reach r;

static int clean_env(void **state)
{
	(void)state;
	const char *vars[] = {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGPASSFILE", "PGSERVICE", "PGSSLMODE",
			      "PGSSLCERT", "PGSSLKEY", "PGSSLROOTCERT", "PGSSLCRL"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	return 0;
}

static int reach_of(const char *target, strbuf *err)
{
	sb_reset(err);
	return store_reach_of(target, &r, err);
}

static bool has_read(const char *path)
{
	for (size_t i = 0; i < r.n_reads; i++)
		if (strcmp(r.reads[i], path) == 0)
			return true;
	return false;
}

static void test_sqlite_file_and_folder(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/inbeeld-reach-%d.db", (int)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	strbuf err = STRBUF_INIT;
	assert_int_equal(reach_of(path, &err), 0);
	assert_true(r.is_file);
	assert_string_equal(r.file, path);
	assert_string_equal(r.dir, "/tmp");
	assert_int_equal(r.n_sockets + r.n_ports, 0);
	unlink(path);
	assert_int_equal(reach_of(path, &err), -1);
	assert_non_null(strstr(sb_str(&err), "is niet te vinden"));
	sb_free(&err);
}

static void test_unix_sockets(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT;
	assert_int_equal(reach_of("postgresql:///inbeeld?host=/srv/pg&user=app", &err), 0);
	assert_false(r.is_file);
	assert_int_equal(r.n_sockets, 1);
	assert_string_equal(r.sockets[0], "/srv/pg");
	assert_int_equal(r.n_ports, 0);
	/* None named: libpq's default folder (Debian's), or $PGHOST's. */
	assert_int_equal(reach_of("postgresql:///inbeeld", &err), 0);
	assert_int_equal(r.n_sockets, 1);
	assert_string_equal(r.sockets[0], "/var/run/postgresql");
	setenv("PGHOST", "/run/elders", 1);
	assert_int_equal(reach_of("postgres:///inbeeld", &err), 0);
	assert_string_equal(r.sockets[0], "/run/elders");
	unsetenv("PGHOST");
	sb_free(&err);
}

static void test_tcp_ports(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT;
	assert_int_equal(reach_of("postgresql://db.example.nl/inbeeld", &err), 0);
	assert_int_equal(r.n_sockets, 0);
	assert_int_equal(r.n_ports, 1);
	assert_int_equal(r.ports[0], 5432);
	/* TLS over TCP: OpenSSL's configuration is read; not without TLS. */
	if (access("/usr/lib/ssl/openssl.cnf", R_OK) == 0) {
		assert_true(has_read("/usr/lib/ssl/openssl.cnf"));
		assert_int_equal(reach_of("postgresql://db.example.nl/inbeeld?sslmode=disable", &err), 0);
		assert_false(has_read("/usr/lib/ssl/openssl.cnf"));
		assert_int_equal(reach_of("postgresql:///inbeeld?host=/srv/pg", &err), 0);
		assert_false(has_read("/usr/lib/ssl/openssl.cnf"));
	}
	/* One port per host; an empty one is the default; each port once. */
	assert_int_equal(reach_of("postgresql://a:6000,b,c:6000/inbeeld", &err), 0);
	assert_int_equal(r.n_ports, 2);
	assert_int_equal(r.ports[0], 6000);
	assert_int_equal(r.ports[1], 5432);
	/* One port for every host; a hostaddr is TCP whatever the host says. */
	assert_int_equal(reach_of("postgresql:///inbeeld?host=/tmp,x&hostaddr=,127.0.0.1&port=7000", &err), 0);
	assert_int_equal(r.n_sockets, 1);
	assert_string_equal(r.sockets[0], "/tmp");
	assert_int_equal(r.n_ports, 1);
	assert_int_equal(r.ports[0], 7000);
	assert_int_equal(reach_of("postgresql://a:http/inbeeld", &err), -1);
	assert_non_null(strstr(sb_str(&err), "geen poortnummer"));
	sb_free(&err);
}

static void test_refused(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT;
	assert_int_equal(reach_of("postgresql:///inbeeld?onzin=1", &err), -1);
	assert_non_null(strstr(sb_str(&err), "niet te lezen"));
	assert_int_equal(reach_of("postgresql:///inbeeld?service=regio", &err), -1);
	assert_non_null(strstr(sb_str(&err), "service"));
	setenv("PGSERVICE", "regio", 1);
	assert_int_equal(reach_of("postgresql:///inbeeld", &err), -1);
	unsetenv("PGSERVICE");
	sb_free(&err);
}

static void test_files_and_pins(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT;
	char pass[64];
	snprintf(pass, sizeof pass, "/tmp/inbeeld-reach-%d.pgpass", (int)getpid());
	FILE *f = fopen(pass, "w");
	assert_non_null(f);
	fclose(f);
	char uri[128];
	snprintf(uri, sizeof uri, "postgresql:///inbeeld?host=/srv/pg&passfile=%s", pass);
	assert_int_equal(reach_of(uri, &err), 0);
	assert_int_equal(r.n_reads, 1);
	assert_string_equal(r.reads[0], pass);
	assert_null(getenv("PGPASSFILE")); /* the URI names it */
	assert_non_null(getenv("PGUSER"));  /* the URI does not name the user */
	unlink(pass);
	/* A password file that does not exist: nothing to read, still pinned. */
	unsetenv("PGUSER");
	assert_int_equal(reach_of("postgresql://app@/inbeeld?host=/srv/pg", &err), 0);
	assert_int_equal(r.n_reads, 0);
	assert_null(getenv("PGUSER"));
	assert_non_null(getenv("PGPASSFILE"));
	assert_non_null(strstr(getenv("PGPASSFILE"), ".pgpass"));
	sb_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sqlite_file_and_folder, clean_env),
		cmocka_unit_test_setup(test_unix_sockets, clean_env),
		cmocka_unit_test_setup(test_tcp_ports, clean_env),
		cmocka_unit_test_setup(test_refused, clean_env),
		cmocka_unit_test_setup(test_files_and_pins, clean_env),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
