/*
 * api_tafel_eigen.c - the SWV's own list for the thuiszitterstafel (SPEC 6,
 * issue 15): read from its own administration (CSV or XLSX), matched to the
 * registry row by row (src/core/tafel_match.c) and kept as a list of the
 * SWV (bron "eigen") that the reconciliation takes as the SWV's side. A row
 * that matches nobody is kept, as *onbekend in de registratie*; a
 * suggestion on name and birth date counts once someone confirms it.
 *
 * The file arrives in a JSON body ({"bestand": {"naam", "inhoud",
 * "codering"}}): a CSV file as text (comma- or, as Dutch Excel writes it,
 * semicolon-separated, with or without a byte order mark), or an XLSX file
 * (src/io/xlsx_read.c, its first sheet) in base64 (codering "base64"). The
 * pipeline checks that bestand is an object; this handler checks what is in
 * it (only those texts; in a CSV no control characters but line ends and
 * tabs).
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/lists.h"
#include "../core/tafel.h"
#include "../core/tafel_match.h"
#include "../io/csv.h"
#include "../io/xlsx_read.h"
#include "../util/alloc.h"
#include "api.h"
#include "api_tafel_eigen.h"

enum { OWN_MAX_ROWS = 5000 };

bool tafel_list_day(req *r, day_t *d)
{
	*d = today();
	const char *given = form(r, "peildatum");
	if (given && date_parse(given, strlen(given), d) != 0) {
		reply_error(r, 400, "ongeldige_datum", "veld 'peildatum' verwacht een bestaande datum JJJJ-MM-DD");
		return false;
	}
	if (!tafel_peildatum_ok(*d, today())) {
		reply_error(r, 400, "ongeldige_datum", "een lijst wordt niet vooruit vastgesteld");
		return false;
	}
	return true;
}

/* The file of the body, checked: a CSV text, or (codering "base64") the
 * bytes of an XLSX file. Its bytes (owned) and whether they are a workbook;
 * NULL after a 4xx reply. */
static char *own_file(req *r, const char **name, size_t *len, bool *xlsx)
{
	json_t *f = json_object_get(r->json, "bestand");
	const char *key;
	json_t *v;
	json_object_foreach(f, key, v) {
		if ((strcmp(key, "naam") != 0 && strcmp(key, "inhoud") != 0 && strcmp(key, "codering") != 0) ||
		    !json_is_string(v)) {
			reply_error(r, 400, "ongeldig_veld", "veld 'bestand' verwacht alleen de teksten 'naam', 'inhoud' en "
							     "'codering'");
			return NULL;
		}
	}
	*name = json_string_value(json_object_get(f, "naam"));
	const char *text = json_string_value(json_object_get(f, "inhoud"));
	const char *coding = json_string_value(json_object_get(f, "codering"));
	if (!*name || !text || !**name || strlen(*name) > 200) {
		reply_error(r, 400, "ongeldig_veld", "het bestand heeft een naam en een inhoud nodig");
		return NULL;
	}
	if (coding && strcmp(coding, "base64") != 0) {
		reply_error(r, 400, "ongeldig_veld", "veld 'codering' van het bestand verwacht base64 (of niets: tekst)");
		return NULL;
	}
	for (const char *p = *name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			reply_error(r, 400, "ongeldig_veld", "de naam van het bestand bevat stuurtekens");
			return NULL;
		}
	size_t tlen = json_string_length(json_object_get(f, "inhoud"));
	char *data;
	if (coding) {
		data = xmalloc(tlen / 4 * 3 + 3);
		if (sodium_base642bin((unsigned char *)data, tlen / 4 * 3 + 3, text, tlen, "\r\n", len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(data);
			reply_error(r, 400, "ongeldig_veld", "de inhoud van het bestand is geen base64");
			return NULL;
		}
	} else {
		data = xstrndup(text, tlen);
		*len = tlen;
	}
	size_t n = strlen(*name);
	bool named_xlsx = n > 5 && strcasecmp(*name + n - 5, ".xlsx") == 0;
	*xlsx = xlsx_looks_like(data, *len);
	if (named_xlsx && !*xlsx) {
		free(data);
		reply_error(r, 415, "geen_xlsx", "%s is geen XLSX-bestand (een werkmap van Excel of LibreOffice): lever een "
						 "XLSX- of CSV-bestand", *name);
		return NULL;
	}
	for (size_t i = 0; !*xlsx && i < *len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
			free(data);
			reply_error(r, 400, "ongeldig_bestand", "het bestand bevat stuurtekens: lever een CSV-bestand in UTF-8 "
								"of een XLSX-bestand");
			return NULL;
		}
	}
	return data;
}

/* A field as a NUL-terminated copy, without spaces around it. */
static char *field_copy(const field *f)
{
	size_t a = 0, b = f->len;
	while (a < b && (f->p[a] == ' ' || f->p[a] == '\t'))
		a++;
	while (b > a && (f->p[b - 1] == ' ' || f->p[b - 1] == '\t'))
		b--;
	char *s = xmalloc(b - a + 1);
	memcpy(s, f->p + a, b - a);
	s[b - a] = '\0';
	return s;
}

/* What was read: the rows' texts (owned), their lines, checked fields. */
typedef struct own_read {
	size_t n, cap;
	char *(*text)[OC_COUNT];
	uint32_t *line;
	own_fields *fields;
	char **msg;
} own_read;

static void own_read_free(own_read *o)
{
	for (size_t i = 0; i < o->n; i++) {
		for (int c = 0; c < OC_COUNT; c++)
			free(o->text[i][c]);
		free(o->msg[i]);
	}
	free(o->text);
	free(o->line);
	free(o->fields);
	free(o->msg);
}

/* Where the rows come from: a CSV file (comma or semicolon, as its header
 * line says) or the first sheet of an XLSX file. */
typedef struct own_source {
	csv_reader *csv;
	xlsx_sheet *sheet;
	size_t next;
} own_source;

static int source_open(own_source *src, const char *data, size_t len, bool xlsx, strbuf *err)
{
	*src = (own_source){0};
	if (!xlsx) {
		src->csv = csv_from_memory(data, len);
		csv_set_separator(src->csv, csv_guess_separator(data, len));
		return 0;
	}
	char msg[200];
	src->sheet = xlsx_read(data, len, OWN_MAX_ROWS + 1, msg, sizeof msg); /* the header and the rows */
	if (!src->sheet) {
		sb_puts(err, msg);
		return -1;
	}
	return 0;
}

static csv_status source_next(own_source *src, const field **f, size_t *n, uint32_t *line)
{
	if (src->csv)
		return csv_next(src->csv, f, n, line);
	if (src->next == xlsx_row_count(src->sheet))
		return CSV_EOF;
	*f = xlsx_row(src->sheet, src->next++, n, line);
	return CSV_RECORD;
}

static void source_close(own_source *src)
{
	csv_close(src->csv);
	xlsx_free(src->sheet);
}

/* Read the file: header, then rows. 0, or -1 with a Dutch message in err. */
static int own_parse(const char *data, size_t len, bool xlsx, own_read *o, strbuf *err)
{
	own_source src;
	if (source_open(&src, data, len, xlsx, err) != 0)
		return -1;
	const field *f;
	size_t n;
	uint32_t line = 1;
	csv_status st = source_next(&src, &f, &n, &line);
	if (st != CSV_RECORD) {
		sb_puts(err, st == CSV_EOF ? "het bestand is leeg" : csv_error(src.csv));
		source_close(&src);
		return -1;
	}
	char **names = xcalloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = field_copy(&f[i]);
	int where[OC_COUNT];
	int rc = own_header((const char *const *)names, n, where, err);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	size_t cap_line = 0, cap_fields = 0, cap_msg = 0;
	while (!rc && (st = source_next(&src, &f, &n, &line)) == CSV_RECORD) {
		if (o->n == OWN_MAX_ROWS) {
			sb_printf(err, "de lijst heeft meer dan %d leerlingen", OWN_MAX_ROWS);
			rc = -1;
			break;
		}
		o->text = xgrow(o->text, &o->cap, o->n + 1, sizeof *o->text);
		o->line = xgrow(o->line, &cap_line, o->n + 1, sizeof *o->line);
		o->fields = xgrow(o->fields, &cap_fields, o->n + 1, sizeof *o->fields);
		o->msg = xgrow(o->msg, &cap_msg, o->n + 1, sizeof *o->msg);
		own_row row;
		for (int c = 0; c < OC_COUNT; c++) {
			field empty = {"", 0};
			o->text[o->n][c] = field_copy(where[c] >= 0 && (size_t)where[c] < n ? &f[where[c]] : &empty);
			row.text[c] = o->text[o->n][c];
		}
		strbuf msg = STRBUF_INIT;
		own_row_check(&row, &o->fields[o->n], &msg);
		o->msg[o->n] = msg.len ? xstrdup(sb_str(&msg)) : NULL;
		sb_free(&msg);
		o->line[o->n++] = line;
	}
	if (!rc && st == CSV_ERROR) {
		sb_puts(err, csv_error(src.csv));
		rc = -1;
	}
	source_close(&src);
	return rc;
}

/* The row as the file gave it, for the list (JSON text). */
static char *given_json(char *const text[OC_COUNT])
{
	json_t *g = json_object();
	for (int c = 0; c < OC_COUNT; c++)
		if (*text[c])
			jset(g, OWN_COLUMN_NAMES[c], json_string(text[c]));
	char *s = json_dumps(g, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(g);
	return s ? s : xstrdup("{}");
}

typedef struct own_text {
	char start[DATE_TEXT], gem[8], brin[5], vest[3], swv[8];
	char *given;
} own_text;

void h_tafel_own_upload(req *r)
{
	day_t d;
	if (!tafel_list_day(r, &d))
		return;
	const char *name;
	size_t len;
	bool xlsx;
	char *data = own_file(r, &name, &len, &xlsx);
	if (!data)
		return;
	own_read o = {0};
	strbuf err = STRBUF_INIT;
	int parsed = own_parse(data, len, xlsx, &o, &err);
	free(data);
	if (parsed != 0) {
		reply_error(r, 422, "ongeldig_bestand", "%s: %s", name, sb_str(&err));
		own_read_free(&o);
		sb_free(&err);
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	own_match *m = xcalloc(o.n ? o.n : 1, sizeof *m);
	own_match_rows(ds, o.fields, o.n, m);
	tafel_row *rows = xcalloc(o.n ? o.n : 1, sizeof *rows);
	own_text *text = xcalloc(o.n ? o.n : 1, sizeof *text);
	size_t kinds[OM_COUNT] = {0}, wrong = 0;
	for (size_t i = 0; i < o.n; i++) {
		const own_fields *f = &o.fields[i];
		own_text *t = &text[i];
		status_row sr = {.gemeente = NO_REF, .school = NO_REF, .swv = NO_REF, .sector = 2};
		if (m[i].pupil != NO_REF) { /* the registry's view of the pupil on the peildatum */
			classification c;
			classify(ds, (uint32_t)m[i].pupil, d, &c);
			status_row_of((uint32_t)m[i].pupil, &c, &sr);
		}
		date_format(f->eerste_verzuimdag, t->start);
		snprintf(t->gem, sizeof t->gem, "%s", sr.gemeente != NO_REF ? ds->gemeenten[sr.gemeente].code : "");
		snprintf(t->brin, sizeof t->brin, "%s", sr.school != NO_REF ? ds->schools[sr.school].brin : "");
		snprintf(t->vest, sizeof t->vest, "%s", sr.school != NO_REF ? ds->schools[sr.school].vestiging : "");
		snprintf(t->swv, sizeof t->swv, "%s", sr.swv != NO_REF ? ds->swvs[sr.swv].code : "");
		t->given = given_json(o.text[i]);
		int64_t duur = f->eerste_verzuimdag != DAY_NONE && f->eerste_verzuimdag <= d ? d - f->eerste_verzuimdag + 1 : -1;
		/* The SWV's own categorie and first day; where the pupil lives and
		 * goes to school as the registry knows it. */
		rows[i] = (tafel_row){m[i].pupil != NO_REF ? PUPIL_AT(ds, m[i].pupil).id : "",
				      f->cat != CAT_COUNT ? CATEGORIE_CODES[f->cat] : "",
				      sr.sector < 2 ? SECTOR_NAMES[sr.sector] : NULL,
				      t->start[0] ? t->start : NULL,
				      t->gem[0] ? t->gem : NULL,
				      t->brin[0] ? t->brin : NULL,
				      t->vest[0] ? t->vest : NULL,
				      t->swv[0] ? t->swv : NULL,
				      duur,
				      m[i].pupil != NO_REF && sr.zonder_aanbod,
				      (int64_t)o.line[i],
				      OWN_MATCH_CODES[m[i].kind],
				      t->given,
				      o.msg[i],
				      NULL};
		kinds[m[i].kind]++;
		wrong += o.msg[i] != NULL;
	}
	char peil[DATE_TEXT];
	date_format(d, peil);
	tafel_info t = {0, "swv", r->who->organisatie, r->who->scope_text, peil, NULL, r->who->naam, s->version,
			(int64_t)o.n, r->who->id, "eigen", name};
	store *st = pool_get(&r->srv->pool);
	int64_t id = 0;
	int rc = store_tafel_create(st, &t, rows, o.n, &id, &err);
	pool_put(&r->srv->pool, st);
	snapshot_release(s);
	for (size_t i = 0; i < o.n; i++)
		free(text[i].given);
	free(text);
	free(rows);
	free(m);
	size_t n = o.n;
	own_read_free(&o);
	sb_free(&err);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de lijst kon niet worden bewaard");
		return;
	}
	json_t *k = json_object();
	for (int i = 0; i < OM_COUNT; i++)
		jset(k, OWN_MATCH_CODES[i], json_integer((json_int_t)kinds[i]));
	if (audit(r, "lijst", NULL,
		  json_pack("{s:s, s:I, s:s, s:I}", "lijst", "eigen lijst samenwerkingsverband ingelezen", "tafel",
			    (json_int_t)id, "peildatum", peil, "aantal", (json_int_t)n))) {
		char loc[48];
		snprintf(loc, sizeof loc, "/api/tafels/%lld", (long long)id);
		add_header(r, "Location", loc);
		reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:I}", "id", (json_int_t)id, "soort", "swv",
					     "bron", "eigen", "peildatum", peil, "rijen", (json_int_t)n, "koppeling", k,
					     "met_melding", (json_int_t)wrong));
	} else {
		json_decref(k);
	}
}

/* What a registration of a child the registry does not know can start
 * from (issue 15): the row of the file read as it was when the list was read
 * in (own_row_check): the name, the birth date, and only the identifiers
 * that pass their check. */
json_t *own_register_json(json_t *given)
{
	const char *text[OC_COUNT];
	for (int c = 0; c < OC_COUNT; c++) {
		const char *v = json_string_value(json_object_get(given, OWN_COLUMN_NAMES[c]));
		text[c] = v ? v : "";
	}
	own_row row;
	memcpy(row.text, text, sizeof text);
	own_fields f;
	strbuf ignored = STRBUF_INIT; /* what is wrong was kept with the row (melding) */
	own_row_check(&row, &f, &ignored);
	sb_free(&ignored);
	char born[DATE_TEXT] = "";
	if (f.geboortedatum != DAY_NONE)
		date_format(f.geboortedatum, born);
	return json_pack("{s:s*, s:s*, s:s*, s:s*}", "naam", f.naam[0] ? f.naam : NULL, "geboortedatum",
			 born[0] ? born : NULL, "bsn", f.bsn, "onderwijsnummer", f.onderwijsnummer);
}

/* ---- confirming a suggestion ---------------------------------------------------------- */

typedef struct own_one {
	int64_t regel;
	bool found, own, eigen;
	const char *org;
	char koppeling[16], leerling[65];
} own_one;

static void confirm_head(void *ctx, const tafel_info *t)
{
	own_one *o = ctx;
	o->found = true;
	o->eigen = t->bron && strcmp(t->bron, "eigen") == 0;
	o->own = strcmp(t->organisatie, o->org) == 0;
}

static void confirm_row(void *ctx, const tafel_row *x)
{
	own_one *o = ctx;
	if (x->regel != o->regel)
		return;
	snprintf(o->koppeling, sizeof o->koppeling, "%s", x->koppeling ? x->koppeling : "");
	snprintf(o->leerling, sizeof o->leerling, "%s", x->leerling_id);
}

void h_tafel_own_confirm(req *r)
{
	int64_t id = path_number(r->params[0]), line_no = path_number(r->params[1]);
	const char *besluit = form(r, "besluit");
	if (!besluit || (strcmp(besluit, "bevestigd") != 0 && strcmp(besluit, "afgewezen") != 0)) {
		reply_error(r, 400, "ongeldig_veld", "veld 'besluit' verwacht bevestigd of afgewezen");
		return;
	}
	own_one o = {.regel = line_no, .org = r->who->organisatie};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id > 0 && line_no > 0 ? store_tafel_get(st, id, confirm_head, confirm_row, &o, &err) : 0;
	int rc = 0;
	if (found > 0 && o.eigen && o.own && strcmp(o.koppeling, "voorstel") == 0)
		rc = store_tafel_confirm(st, id, line_no, besluit, r->who->id, r->who->naam, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found < 0 || rc) {
		reply_error(r, 500, "interne_fout", "de bevestiging kon niet worden vastgelegd");
	} else if (!found || !o.eigen || !o.own || !o.koppeling[0]) {
		reply_error(r, 404, "onbekend", "regel %lld van lijst %lld is geen regel van een eigen lijst van uw organisatie",
			    (long long)line_no, (long long)id);
	} else if (strcmp(o.koppeling, "voorstel") != 0) {
		reply_error(r, 409, "geen_voorstel", "regel %lld is %s: alleen een voorstel op naam en geboortedatum wordt "
						  "bevestigd", (long long)line_no,
			    strcmp(o.koppeling, "onbekend") == 0 ? "onbekend in de registratie" : "al exact gekoppeld");
	} else {
		reply_audited(r, 200,
			      json_pack("{s:I, s:I, s:s, s:s}", "tafel", (json_int_t)id, "regel", (json_int_t)line_no,
					"leerling_id", o.leerling, "besluit", besluit),
			      "wijzigen", o.leerling,
			      json_pack("{s:s, s:I, s:I, s:s}", "wat", "koppeling eigen lijst", "tafel", (json_int_t)id,
					"regel", (json_int_t)line_no, "besluit", besluit));
	}
}
