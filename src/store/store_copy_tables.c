/*
 * store_copy_tables.c - what `inbeeld migreer` copies (store_copy.c): every
 * table of the registry's schema with every column, as one table of data in
 * the order the foreign keys accept (a table after those it refers to), and
 * the check that a database's schema is exactly that - no table or column
 * more or less - so that a migration that adds one the copy does not know
 * stops the copy instead of leaving the new home without it
 * (tests/unit/test_store_copy.c asks it of a new registry).
 *
 * A fact table's columns are its dataset file's (TABLES, core/dataset.c)
 * between its rowid and its versions: its rowid is SQLite's implicit one and
 * PostgreSQL's identity column of that name (migrations_pg.h), and copied,
 * since the store reads, orders and ends rows by it.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "store_copy.h"
#include "store_internal.h"

/* The fact tables have no entry of their own: FACT marks where they go. */
#define FACT NULL

static const struct {
	const char *name;
	copy_key key;
	const char *cols; /* ", "-separated; FACT: the fact tables, in table_id order */
} COPY_TABLES[] = {
	{"batch", COPY_ID, "id, recorded_at, actor, kind, source"},
	{"", COPY_ROWID, FACT},
	{"organisatie", COPY_ID, "id, naam, soort, scope"},
	{"gebruiker", COPY_ID, "id, naam, wachtwoord, rol, scope, organisatie_id, actief, aangemaakt, gewijzigd"},
	{"sessie", COPY_NONE, "token_hash, gebruiker_id, csrf, aangemaakt, verloopt, laatst_gebruikt, ingetrokken, adres"},
	/* The migrations fill it with their defaults: the source's replace them. */
	{"instelling", COPY_NONE, "naam, waarde"},
	{"audit", COPY_ID,
	 "id, tijdstip, gebruiker_id, gebruikersnaam, rol, organisatie, leerling_id, actie, endpoint, doel, details, hash"},
	{"stroom", COPY_ID, "id, soort, leerling_id, aangemaakt"},
	{"gebeurtenis", COPY_ID,
	 "id, stroom_id, soort, datum, vastgelegd_op, gebruiker_id, gebruikersnaam, organisatie, gegevens"},
	{"tafel", COPY_ID,
	 "id, soort, organisatie, scope, peildatum, vastgesteld_op, gebruiker_id, gebruikersnaam, registratie, bron,"
	 " bestandsnaam"},
	{"tafel_rij", COPY_NONE,
	 "tafel_id, leerling_id, categorie, sector, startdatum, duur_dagen, zonder_aanbod, gemeentecode, brin,"
	 " vestiging, swv, regel, koppeling, gegeven, melding"},
	{"verblijf", COPY_ID,
	 "id, leerling_id, soort, instelling, van, tot, regie_organisatie_id, regie_gebruiker_id, vastgelegd_op,"
	 " gebruikersnaam, vervangen_door"},
	{"doel", COPY_ID,
	 "id, doel_id, naam, per, gebieden, telling, regels, kolom, basis, verandering, aantal, streefdatum,"
	 " ingetrokken, registratie, vastgelegd_op, gebruiker_id, gebruikersnaam, vervangen_door"},
	{"gebruiker_verzoek", COPY_ID,
	 "id, gebruiker_id, soort, rol, scope, organisatie_id, actief, vier_ogen, aangevraagd_door, aangevraagd_op,"
	 " verloopt, code1, code2, beoordeeld_door, beoordeeld_op, uitkomst, code_gebruikt_op"},
	{"tafel_bevestiging", COPY_ID, "id, tafel_id, regel, besluit, vastgelegd_op, gebruiker_id, gebruikersnaam"},
	/* vorige_id refers to an earlier decision of the same table: rows go in id order. */
	{"tafel_bespreking", COPY_ID,
	 "id, tafel_id, leerling_id, besluit, volgende_stap, door, uiterlijk, vorige_id, gedaan, vastgelegd_op,"
	 " gebruiker_id, gebruikersnaam, organisatie"},
	{"tafel_agenda", COPY_ID, "id, tafel_id, versie, volgorde, leerling_id, vastgelegd_op, gebruiker_id, gebruikersnaam"},
	{"samenvoeging", COPY_NONE, "leerling_id, naar, batch, door, reden, tijdstip"},
	{"herinnering_instelling", COPY_NONE, "gebruiker_id, aan, email, gewijzigd_op"},
	{"herinnering_verzonden", COPY_NONE, "gebruiker_id, dag, verzonden_op"},
	/* The login limits of the moment (migration 14): a lock stays a lock in the new home. */
	{"inlogpoging", COPY_NONE, "sleutel, mislukt, geblokkeerd_tot, bezig, bezig_sinds, bijgewerkt"},
};

enum { N_COPY_TABLES = (int)(sizeof COPY_TABLES / sizeof COPY_TABLES[0]) };

static void add_col(copy_table_def *t, const char *name, size_t len)
{
	t->cols = xgrow(t->cols, &t->cap_cols, (size_t)t->ncols + 1, sizeof *t->cols);
	t->cols[t->ncols++] = xstrndup(name, len);
	sb_printf(&t->select, "%s%.*s", t->ncols > 1 ? ", " : "", (int)len, name);
}

static void add_cols(copy_table_def *t, const char *list)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		add_col(t, p, len);
		p += len;
		p += strspn(p, ", ");
	}
}

static void def_begin(copy_table_def *t, const char *name, copy_key key)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->key = key;
	t->select = (strbuf)STRBUF_INIT;
}

copy_table_def *copy_tables(int *n)
{
	copy_table_def *defs = xcalloc((size_t)(N_COPY_TABLES - 1 + T_COUNT), sizeof *defs);
	int k = 0;
	for (int i = 0; i < N_COPY_TABLES; i++) {
		if (COPY_TABLES[i].cols != FACT) {
			def_begin(&defs[k], COPY_TABLES[i].name, COPY_TABLES[i].key);
			add_cols(&defs[k++], COPY_TABLES[i].cols);
			continue;
		}
		for (int t = 0; t < T_COUNT; t++) {
			copy_table_def *d = &defs[k++];
			def_begin(d, TABLES[t].name, COPY_TABLES[i].key);
			add_cols(d, "rowid");
			for (int c = 0; c < TABLES[t].ncols; c++)
				add_cols(d, TABLES[t].cols[c]);
			add_cols(d, "v_from, v_until");
		}
	}
	*n = k;
	return defs;
}

void copy_tables_free(copy_table_def *defs, int n)
{
	for (int i = 0; defs && i < n; i++) {
		for (int c = 0; c < defs[i].ncols; c++)
			free(defs[i].cols[c]);
		free(defs[i].cols);
		sb_free(&defs[i].select);
	}
	free(defs);
}

int copy_prepare(store *st, strbuf *sql, db_stmt **q, strbuf *err)
{
	int rc = prepare(st, sb_str(sql), q, err);
	sb_free(sql);
	return rc;
}

/* ---- the check of a database's schema ------------------------------------- */

static int table_index(const copy_table_def *defs, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(defs[i].name, name))
			return i;
	return -1;
}

static int col_index(const copy_table_def *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c], name))
			return c;
	return -1;
}

/* Every (table, column) of d's schema, the registry's tables only (not
 * SQLite's own, not PostgreSQL's schema version). */
static const char SCHEMA_SQLITE[] =
	"SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
	" WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY m.name, p.cid";
static const char SCHEMA_PG[] = "SELECT table_name, column_name FROM information_schema.columns"
				" WHERE table_schema = current_schema() AND table_name <> 'inbeeld_schema'"
				" ORDER BY table_name, ordinal_position";

int copy_check_schema(db *d, const copy_table_def *defs, int n, strbuf *err)
{
	bool sqlite = db_kind_of(d) == DB_SQLITE;
	db_stmt *q;
	if (db_prepare(d, sqlite ? SCHEMA_SQLITE : SCHEMA_PG, &q) != DB_OK) {
		sb_printf(err, "registratie: het schema lezen mislukt: %s", db_errmsg(d));
		return -1;
	}
	/* [table * 64 + column]: seen; no table has more than 64 columns */
	unsigned char *seen = xcalloc((size_t)n * 64, 1);
	int rc = 0, step;
	while (!rc && (step = db_step(q)) == DB_ROW) {
		const char *table = col_text(q, 0), *col = col_text(q, 1);
		int t = table ? table_index(defs, n, table) : -1;
		int c = t < 0 || !col ? -1 : col_index(&defs[t], col);
		if (t < 0) {
			sb_printf(err, "migreer kent de tabel %s niet: een kopie zou die missen. Werk de lijst van "
				       "tabellen bij (src/store/store_copy_tables.c)",
				  table ? table : "?");
			rc = -1;
		} else if (c < 0 || c >= 64) {
			sb_printf(err, "migreer kent de kolom %s van de tabel %s niet: een kopie zou die missen. Werk de "
				       "lijst van tabellen bij (src/store/store_copy_tables.c)",
				  col ? col : "?", table);
			rc = -1;
		} else {
			seen[t * 64 + c] = 1;
		}
	}
	if (!rc && step != DB_DONE) {
		sb_printf(err, "registratie: het schema lezen mislukt: %s", db_errmsg(d));
		rc = -1;
	}
	db_finalize(q);
	for (int t = 0; !rc && t < n; t++)
		for (int c = 0; !rc && c < defs[t].ncols; c++) {
			bool implicit = sqlite && defs[t].key == COPY_ROWID && !strcmp(defs[t].cols[c], "rowid");
			if (!implicit && !seen[t * 64 + c]) {
				sb_printf(err, "de registratie heeft geen kolom %s in de tabel %s, die migreer wel kent",
					  defs[t].cols[c], defs[t].name);
				rc = -1;
			}
		}
	free(seen);
	return rc;
}

int store_copy_check(store *st, strbuf *err)
{
	int n;
	copy_table_def *defs = copy_tables(&n);
	int rc = st->closed ? db_fail(st, err, "het schema lezen mislukt") : copy_check_schema(st->db, defs, n, err);
	copy_tables_free(defs, n);
	return rc;
}
