/*
 * report.c - status lists, early signals, tellingen and explanations as CSV
 * (the CONTRACT of SPEC 4.1, 7.1), JSON or an aligned table. See report.h.
 */
#include "report.h"

#include <string.h>

#include "../core/nl_format.h"
#include "../util/alloc.h"

const char *const STATUS_COLUMNS[10] = {"leerling_id", "categorie", "sector", "startdatum", "duur_dagen",
					"langer_dan_3_maanden", "zonder_passend_aanbod", "gemeentecode", "brin",
					"vestiging"};
static const char *const STATUS_LABELS[10] = {"leerling", "categorie", "sector", "startdatum", "duur",
					      "langer dan 3 maanden", "zonder passend aanbod", "gemeente", "brin",
					      "vestiging"};
const char *const TELLING_COLUMNS[6] = {"gebied", "peildatum", "regel", "korter_dan_3_maanden",
					"3_maanden_of_langer", "totaal"};

void csv_field(strbuf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sb_puts(out, s);
		return;
	}
	sb_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_putc(out, '"');
		sb_putc(out, *s);
	}
	sb_putc(out, '"');
}

void json_append(strbuf *out, json_t *j, int pretty)
{
	char *s = json_dumps(j, JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT));
	if (!s) {
		fprintf(stderr, "inbeeld: JSON kon niet worden opgebouwd (geheugen)\n");
		abort();
	}
	sb_puts(out, s);
	free(s);
}

/* The ten status values of SPEC 4.1 as text ("" for empty); for people
 * (the table) in words: the categorie's label, Dutch dates and days, ja/nee. */
typedef struct status_text {
	char v[10][72];
} status_text;

static void status_values(const dataset *ds, const status_row *c, bool people, status_text *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->v[0], sizeof t->v[0], "%s", PUPIL_AT(ds, c->pupil).id);
	snprintf(t->v[1], sizeof t->v[1], "%s", people ? categorie_short(c->cat) : CATEGORIE_CODES[c->cat]);
	snprintf(t->v[2], sizeof t->v[2], "%s", SECTOR_NAMES[c->sector]);
	if (c->startdatum != DAY_NONE && people) {
		nl_date(c->startdatum, t->v[3]);
		nl_days(c->duur, t->v[4]);
	} else if (c->startdatum != DAY_NONE) {
		date_format(c->startdatum, t->v[3]);
		snprintf(t->v[4], sizeof t->v[4], "%d", c->duur);
	}
	snprintf(t->v[5], sizeof t->v[5], "%s", people ? (c->lang ? "ja" : "nee") : c->lang ? "1" : "0");
	snprintf(t->v[6], sizeof t->v[6], "%s", people ? (c->zonder_aanbod ? "ja" : "nee") : c->zonder_aanbod ? "1" : "0");
	if (c->gemeente != NO_REF)
		snprintf(t->v[7], sizeof t->v[7], "%s", ds->gemeenten[c->gemeente].code);
	if (c->school != NO_REF) {
		snprintf(t->v[8], sizeof t->v[8], "%s", ds->schools[c->school].brin);
		snprintf(t->v[9], sizeof t->v[9], "%s", ds->schools[c->school].vestiging);
	}
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *status_json(const dataset *ds, const status_row *c)
{
	status_text t;
	status_values(ds, c, false, &t);
	json_t *o = json_object();
	json_object_set_new(o, "leerling_id", json_string(t.v[0]));
	json_object_set_new(o, "categorie", json_string(t.v[1]));
	json_object_set_new(o, "sector", json_string(t.v[2]));
	json_object_set_new(o, "startdatum", str_or_null(t.v[3]));
	json_object_set_new(o, "duur_dagen", c->startdatum != DAY_NONE ? json_integer(c->duur) : json_null());
	json_object_set_new(o, "langer_dan_3_maanden", json_boolean(c->lang));
	json_object_set_new(o, "zonder_passend_aanbod", json_boolean(c->zonder_aanbod));
	json_object_set_new(o, "gemeentecode", str_or_null(t.v[7]));
	json_object_set_new(o, "brin", str_or_null(t.v[8]));
	json_object_set_new(o, "vestiging", str_or_null(t.v[9]));
	return o;
}

void table_fit(text_table *tb, size_t col, const char *s)
{
	size_t w = utf8_width(s);
	if (w > tb->width[col])
		tb->width[col] = w;
}

void table_row(strbuf *out, const text_table *tb, const char *const *cells)
{
	for (size_t i = 0; i < tb->ncols; i++) {
		if (i)
			sb_puts(out, "  ");
		sb_pad(out, cells[i], i + 1 == tb->ncols && !tb->right[i] ? 0 : tb->width[i], tb->right[i]);
	}
	sb_putc(out, '\n');
}

void report_list(strbuf *out, const list_source *src, const day_t *peildata, size_t n, out_format fmt)
{
	bool multi = n > 1;
	size_t nc = src->ncols;
	char v[LIST_MAX_COLS][72], d[DATE_TEXT];
	if (fmt == FMT_JSON) {
		json_t *arr = json_array();
		for (size_t k = 0; k < n; k++)
			for (size_t i = 0; i < src->count(src->ctx, k); i++) {
				json_t *o = src->json(src->ctx, k, i);
				if (multi) {
					date_format(peildata[k], d);
					json_object_set_new(o, "peildatum", json_string(d));
				}
				json_array_append_new(arr, o);
			}
		json_append(out, arr, 1);
		sb_putc(out, '\n');
		json_decref(arr);
		return;
	}
	if (fmt == FMT_CSV) {
		if (multi)
			sb_puts(out, "peildatum,");
		for (size_t c = 0; c < nc; c++)
			sb_printf(out, "%s%s", c ? "," : "", src->columns[c]);
		sb_putc(out, '\n');
		for (size_t k = 0; k < n; k++) {
			date_format(peildata[k], d);
			for (size_t i = 0; i < src->count(src->ctx, k); i++) {
				src->text(src->ctx, k, i, false, v);
				if (multi)
					sb_printf(out, "%s,", d);
				for (size_t c = 0; c < nc; c++) {
					if (c)
						sb_putc(out, ',');
					csv_field(out, v[c]);
				}
				sb_putc(out, '\n');
			}
		}
		return;
	}
	/* Table: the same columns for people, aligned. */
	text_table tb = {.ncols = nc + multi};
	const char *cells[LIST_MAX_COLS + 1];
	if (multi)
		cells[0] = "peildatum";
	for (size_t c = 0; c < nc; c++)
		cells[c + multi] = src->labels[c];
	for (size_t c = 0; c < tb.ncols; c++)
		table_fit(&tb, c, cells[c]);
	if (src->right_col >= 0)
		tb.right[(size_t)src->right_col + multi] = true;
	if (multi)
		tb.width[0] = DATE_TEXT - 1;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < src->count(src->ctx, k); i++) {
			src->text(src->ctx, k, i, true, v);
			for (size_t c = 0; c < nc; c++)
				table_fit(&tb, c + multi, v[c]);
		}
	table_row(out, &tb, cells);
	for (size_t k = 0; k < n; k++) {
		nl_date(peildata[k], d);
		for (size_t i = 0; i < src->count(src->ctx, k); i++) {
			src->text(src->ctx, k, i, true, v);
			if (multi)
				cells[0] = d;
			for (size_t c = 0; c < nc; c++)
				cells[c + multi] = v[c];
			table_row(out, &tb, cells);
		}
	}
}

/* The lists with their dataset, as report_list asks them. */
typedef struct status_ctx {
	const dataset *ds;
	const status_rows *lists;
} status_ctx;

static size_t status_ctx_count(const void *ctx, size_t k)
{
	return ((const status_ctx *)ctx)->lists[k].n;
}

static void status_ctx_text(const void *ctx, size_t k, size_t i, bool people, char v[][72])
{
	const status_ctx *sc = ctx;
	status_text t;
	status_values(sc->ds, &sc->lists[k].rows[i], people, &t);
	memcpy(v, t.v, sizeof t.v);
}

static json_t *status_ctx_json(const void *ctx, size_t k, size_t i)
{
	const status_ctx *sc = ctx;
	return status_json(sc->ds, &sc->lists[k].rows[i]);
}

void report_status(strbuf *out, const dataset *ds, const status_rows *lists, const day_t *peildata, size_t n,
		   out_format fmt)
{
	status_ctx sc = {ds, lists};
	list_source src = {10, STATUS_COLUMNS, STATUS_LABELS, 4, status_ctx_count, status_ctx_text, status_ctx_json, &sc};
	report_list(out, &src, peildata, n, fmt);
	if (fmt != FMT_TABLE)
		return;
	for (size_t k = 0; k < n; k++) {
		char d[DATE_TEXT], n_text[NL_NUMBER_TEXT];
		nl_date(peildata[k], d);
		nl_int((int64_t)lists[k].n, n_text);
		sb_printf(out, "%s leerling%s in beeld op %s\n", n_text, lists[k].n == 1 ? "" : "en", d);
	}
}

static void count_text(bool has, int64_t v, char out[24])
{
	if (has)
		snprintf(out, 24, "%lld", (long long)v);
	else
		out[0] = '\0';
}

static json_t *telling_value_json(const char *gebied, day_t d, const char *regel_code, const telling_value *v)
{
	char dd[DATE_TEXT];
	date_format(d, dd);
	json_t *o = json_object();
	json_object_set_new(o, "gebied", json_string(gebied));
	json_object_set_new(o, "peildatum", json_string(dd));
	json_object_set_new(o, "regel", json_string(regel_code));
	json_object_set_new(o, "korter_dan_3_maanden", v->has_kort ? json_integer(v->kort) : json_null());
	json_object_set_new(o, "3_maanden_of_langer", v->has_lang ? json_integer(v->lang) : json_null());
	if (v->is_rate)
		json_object_set_new(o, "totaal", v->has_totaal ? json_real(strtod(v->rate, NULL)) : json_null());
	else
		json_object_set_new(o, "totaal", v->has_totaal ? json_integer(v->totaal) : json_null());
	return o;
}

json_t *telling_row_json(const dataset *ds, const telling *t, size_t g, day_t d, regel r)
{
	telling_value v;
	telling_value_of(t, g, r, &v);
	return telling_value_json(gebied_code(ds, t->view, g), d, REGELS[r].code, &v);
}

/* The rows of one gebied: the regels of SPEC 5, then (with a broad count)
 * those of the broad count of SPEC 8. */
static size_t telling_rows(const breedtelling *breed)
{
	return R_COUNT + (breed ? BR_COUNT : 0);
}

static const regel_desc *row_desc(size_t i)
{
	return i < R_COUNT ? &REGELS[i] : &BREED_REGELS[i - R_COUNT];
}

static void row_value(const telling *t, const breedtelling *breed, size_t g, size_t i, telling_value *v)
{
	if (i < R_COUNT)
		telling_value_of(t, g, (regel)i, v);
	else
		breed_value_of(breed, g, (breed_regel)(i - R_COUNT), v);
}

static void telling_texts(const telling_value *v, char kort[24], char lang[24], char tot[32])
{
	count_text(v->has_kort, v->kort, kort);
	count_text(v->has_lang, v->lang, lang);
	if (v->is_rate)
		snprintf(tot, 32, "%s", v->rate);
	else
		count_text(v->has_totaal, v->totaal, tot);
}

static const char BREED_HEADING[] = "Brede telling (niet de officiële telling): alle kinderen in beeld die vier "
				    "weken of langer thuis zijn, om welke reden ook";

static void telling_table(strbuf *out, const dataset *ds, const telling *const *tellingen,
			  const breedtelling *breed, const day_t *peildata, size_t n, const size_t *gebieden,
			  size_t n_gebieden)
{
	char kort[24], lang[24], tot[32], d[DATE_TEXT];
	view v = tellingen[0]->view;
	bool series = n > 1;
	size_t rows = telling_rows(breed);
	telling_value val;
	for (size_t gi = 0; gi < n_gebieden; gi++) {
		size_t g = gebieden[gi];
		sb_printf(out, "%s %s\n", gebied_code(ds, v, g), gebied_naam(ds, v, g));
		text_table tb = {.ncols = series ? n + 1 : 4};
		const char *head[64];
		tb.width[0] = 0;
		for (size_t r = 0; r < rows; r++)
			table_fit(&tb, 0, row_desc(r)->label);
		head[0] = "regel";
		if (series) {
			/* A trend: totaal per peildatum. */
			char dates[64][DATE_TEXT];
			for (size_t k = 0; k < n && k + 1 < 12; k++) {
				nl_date(peildata[k], dates[k]);
				head[k + 1] = dates[k];
				tb.width[k + 1] = 10;
				tb.right[k + 1] = true;
			}
			tb.ncols = n + 1 < 12 ? n + 1 : 12;
			table_row(out, &tb, head);
			for (size_t r = 0; r < rows; r++) {
				char vals[12][NL_NUMBER_TEXT];
				const char *cells[12] = {row_desc(r)->label};
				if (r == R_COUNT)
					sb_printf(out, "%s\n", BREED_HEADING);
				for (size_t k = 0; k + 1 < tb.ncols; k++) {
					row_value(tellingen[k], breed ? &breed[k] : NULL, g, r, &val);
					telling_texts(&val, kort, lang, tot);
					nl_number(tot, vals[k]);
					cells[k + 1] = vals[k];
				}
				table_row(out, &tb, cells);
			}
		} else {
			nl_date(peildata[0], d);
			const char *h[4] = {d, "< 3 mnd", ">= 3 mnd", "totaal"};
			for (int i = 1; i < 4; i++) {
				tb.width[i] = 9;
				tb.right[i] = true;
			}
			table_fit(&tb, 0, d);
			table_row(out, &tb, h);
			for (size_t r = 0; r < rows; r++) {
				if (r == R_COUNT)
					sb_printf(out, "%s\n", BREED_HEADING);
				row_value(tellingen[0], breed, g, r, &val);
				telling_texts(&val, kort, lang, tot);
				char nk[NL_NUMBER_TEXT], nla[NL_NUMBER_TEXT], nt[NL_NUMBER_TEXT];
				nl_number(kort, nk);
				nl_number(lang, nla);
				nl_number(tot, nt);
				const char *cells[4] = {row_desc(r)->label, nk, nla, nt};
				table_row(out, &tb, cells);
			}
		}
		sb_putc(out, '\n');
	}
	if (n > 11)
		sb_printf(out, "(tabel toont de eerste 11 peildata; gebruik --format csv voor alle %zu)\n", n);
}

void report_telling(strbuf *out, const dataset *ds, const telling *const *tellingen, const breedtelling *breed,
		    const day_t *peildata, size_t n, const size_t *gebieden, size_t n_gebieden, out_format fmt)
{
	if (fmt == FMT_TABLE) {
		telling_table(out, ds, tellingen, breed, peildata, n, gebieden, n_gebieden);
		return;
	}
	json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
	if (fmt == FMT_CSV)
		for (int i = 0; i < 6; i++)
			sb_printf(out, "%s%s", i ? "," : "", TELLING_COLUMNS[i]);
	if (fmt == FMT_CSV)
		sb_putc(out, '\n');
	size_t rows = telling_rows(breed);
	for (size_t k = 0; k < n; k++) {
		const telling *t = tellingen[k];
		char d[DATE_TEXT], kort[24], lang[24], tot[32];
		date_format(peildata[k], d);
		for (size_t gi = 0; gi < n_gebieden; gi++) {
			size_t g = gebieden[gi];
			const char *code = gebied_code(ds, t->view, g);
			for (size_t r = 0; r < rows; r++) {
				telling_value v;
				row_value(t, breed ? &breed[k] : NULL, g, r, &v);
				if (arr) {
					json_array_append_new(arr, telling_value_json(code, peildata[k], row_desc(r)->code, &v));
					continue;
				}
				telling_texts(&v, kort, lang, tot);
				sb_printf(out, "%s,%s,%s,%s,%s,%s\n", code, d, row_desc(r)->code, kort, lang, tot);
			}
		}
	}
	if (arr) {
		json_append(out, arr, 1);
		sb_putc(out, '\n');
		json_decref(arr);
	}
}

json_t *uitleg_json(const dataset *ds, uint32_t p, const classification *c, const explanation *ex)
{
	char d[DATE_TEXT];
	date_format(c->peildatum, d);
	json_t *o = json_object();
	json_object_set_new(o, "leerling_id", json_string(PUPIL_AT(ds, p).id));
	json_object_set_new(o, "peildatum", json_string(d));
	json_object_set_new(o, "in_beeld", json_boolean(c->in_scope));
	status_row row;
	status_row_of(p, c, &row);
	json_object_set_new(o, "classificatie", c->in_scope ? status_json(ds, &row) : json_null());
	json_object_set_new(o, "samenvatting", json_string(ex->summary));
	json_t *lines = json_array();
	for (size_t i = 0; i < ex->n; i++)
		json_array_append_new(lines, json_string(ex->lines[i]));
	json_object_set_new(o, "uitleg", lines);
	return o;
}

void report_uitleg(strbuf *out, const dataset *ds, uint32_t p, const classification *c, const explanation *ex,
		   out_format fmt)
{
	if (fmt == FMT_JSON) {
		json_t *o = uitleg_json(ds, p, c, ex);
		json_append(out, o, 1);
		sb_putc(out, '\n');
		json_decref(o);
		return;
	}
	sb_printf(out, "%s\n\n", ex->summary);
	for (size_t i = 0; i < ex->n; i++)
		sb_printf(out, "%s%s\n", ex->lines[i][0] == ' ' ? "  " : "- ", ex->lines[i]);
	if (fmt == FMT_CSV && c->in_scope) {
		status_rows one = {&(status_row){0}, 1, 1};
		status_row_of(p, c, one.rows);
		sb_putc(out, '\n');
		report_status(out, ds, &one, &c->peildatum, 1, FMT_CSV);
	}
}
