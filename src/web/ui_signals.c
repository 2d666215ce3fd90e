/*
 * ui_signals.c - Signalen (issue 12, SPEC 7): for the school's attendance
 * team, the pupils who must be reported now (MELDPLICHT_16_UUR, not gemeld)
 * with one action that records the verzuimmelding, the pupils nearing the 16
 * hours, the sick signals for a talk with the jeugdverpleegkundige, the
 * pupils by Kearney tier, and the dreigende thuiszitters with a button to
 * open a dossier. Leerplicht and the SWV see the same of their pupils: the
 * duties the schools did not report.
 *
 * The signals come from the signals query (src/app/signals_run.c), computed
 * once per snapshot, role, scope and day; the melding is recorded through the
 * API's facts route in the same request (ui_api.c). One audit entry per page.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/signals_run.h"
#include "../util/alloc.h"
#include "ui_cases.h"

/* The signals a user sees on a day, as cached: counts, then the entries. */
typedef struct signal_page {
	size_t n_sig, n_near, enrolled;
	signal_entry rows[]; /* the signals, then the pupils nearing the 16 hours */
} signal_page;

static const signal_page *page_data(req *r, snapshot *s, day_t d, shared_body **hold)
{
	char dt[DATE_TEXT];
	date_format(d, dt);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "ui-signalen", &key);
	sb_printf(&key, "|%s", dt);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		scope_set set;
		scope_resolve(&r->who->sc, s->ds, &set);
		status_query q = status_query_of(d);
		q.scope = &set;
		q.index = &s->index;
		signal_list sig, near;
		size_t enrolled = signals_run(s->ds, &q, r->srv->cfg.threads, &sig, &near);
		scope_set_free(&set);
		size_t bytes = sizeof(signal_page) + (sig.n + near.n) * sizeof(signal_entry);
		signal_page *pg = xcalloc(1, bytes);
		pg->n_sig = sig.n;
		pg->n_near = near.n;
		pg->enrolled = enrolled;
		if (sig.n)
			memcpy(pg->rows, sig.rows, sig.n * sizeof *sig.rows);
		if (near.n)
			memcpy(pg->rows + sig.n, near.rows, near.n * sizeof *near.rows);
		signal_list_free(&sig);
		signal_list_free(&near);
		body = shared_body_new((const char *)pg, bytes);
		free(pg);
		snapshot_cache_put(s, sb_str(&key), body, sig.n);
	}
	sb_free(&key);
	*hold = body;
	return (const signal_page *)(const void *)body->data;
}

/* A refused melding: whose, the values as typed, and the field it is about. */
typedef struct melden_form {
	const char *pupil, *eerste, *datum;
	const char *field; /* "eerste_verzuimdag" or "datum_melding" */
	char error[300];
} melden_form;

static void th(strbuf *o, const char *label, bool numeric)
{
	if (numeric)
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
	else
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(o, label);
	html_lit(o, "</th>");
}

static void table_open(strbuf *o, const char *caption, const char *const *heads, const bool *numeric)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">");
	html_text(o, caption);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (size_t i = 0; heads[i]; i++)
		th(o, heads[i], numeric[i]);
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void table_close(strbuf *o)
{
	html_lit(o, "</tbody></table></div>");
}

static void td_open(strbuf *o, bool numeric)
{
	if (numeric)
		html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	else
		html_lit(o, "<td class=\"utrecht-table__cell\">");
}

static void school_cell(strbuf *o, const dataset *ds, int32_t sc)
{
	td_open(o, false);
	if (sc >= 0) {
		const school *s = &ds->schools[sc];
		html_text(o, s->naam ? s->naam : s->brin);
		html_markupf(o, " <span class=\"ib-small\">");
		html_textf(o, "%s-%s", s->brin, s->vestiging);
		html_lit(o, "</span>");
	}
	html_lit(o, "</td>");
}

static void value_cell(strbuf *o, const signal *s)
{
	td_open(o, true);
	if (s->hundredths) {
		char v[32];
		format_hundredths(s->waarde, ',', v);
		html_text(o, v);
	} else {
		ui_int(o, s->waarde);
	}
	html_lit(o, "</td>");
}

/* A row's first cells: the pupil, its school, the signal's label (when
 * asked), its sinds and its value. The caller closes the row. */
static void entry_cells(strbuf *o, const dataset *ds, const signal_entry *e, day_t d, bool label)
{
	html_lit(o, "<tr class=\"utrecht-table__row\">");
	td_open(o, false);
	ui_pupil_link(o, ds, e->pupil, d);
	html_lit(o, "</td>");
	school_cell(o, ds, e->school);
	if (label) {
		td_open(o, false);
		html_text(o, SIGNAAL_LABELS[e->s.kind]);
		html_lit(o, "</td>");
	}
	td_open(o, false);
	ui_date(o, e->s.sinds);
	html_lit(o, "</td>");
	value_cell(o, &e->s);
}

static void empty_row(strbuf *o, int cols, const char *text)
{
	html_markupf(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" colspan=\"%d\">", cols);
	html_text(o, text);
	html_lit(o, "</td></tr>");
}

/* Paging (issue 14): every table of the page shows its rows of the same page
 * w; whether the k-th row of a table is on it. */
static bool on_page(const ui_page *w, size_t k)
{
	return k >= w->from && k < w->to;
}

/* After a table's rows: none at all, or none left on this page. */
static void table_rest(strbuf *o, int cols, size_t shown, const ui_page *w, const char *none)
{
	if (!shown)
		empty_row(o, cols, none);
	else if (shown <= w->from)
		empty_row(o, cols, "Op deze pagina geen leerlingen meer in deze tabel: zie de eerdere pagina's.");
}

/* One labelled date field of the melden form, with the message at the field
 * when the API refused it. */
static void date_field(strbuf *o, const char *id, const char *name, const char *label, const char *value,
		       const char *error)
{
	html_lit(o, "<div class=\"utrecht-form-field ib-field");
	if (error)
		html_lit(o, " utrecht-form-field--invalid");
	html_lit(o, "\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, label);
	html_lit(o, "</label>");
	if (error) {
		html_lit(o, "<p class=\"utrecht-form-field-error-message\" id=\"");
		html_attr(o, id);
		html_lit(o, "-fout\">");
		html_text(o, error);
		html_lit(o, "</p>");
	}
	html_lit(o, "<input class=\"utrecht-textbox utrecht-textbox--html-input");
	if (error)
		html_lit(o, " utrecht-textbox--invalid");
	html_lit(o, "\" type=\"date\" required name=\"");
	html_attr(o, name);
	html_lit(o, "\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\"");
	if (error) {
		html_lit(o, " aria-invalid=\"true\" aria-describedby=\"");
		html_attr(o, id);
		html_lit(o, "-fout\"");
	}
	html_lit(o, "></div>");
}

/* The one action: record the verzuimmelding, first day of absence prefilled. */
static void melden_form_html(req *r, const dataset *ds, const signal_entry *e, day_t d, const melden_form *refused)
{
	strbuf *o = &r->out;
	const char *id = PUPIL_AT(ds, e->pupil).id;
	bool mine = refused && refused->pupil && strcmp(refused->pupil, id) == 0;
	char sinds[DATE_TEXT], dt[DATE_TEXT], fid[96];
	date_format(e->s.sinds, sinds);
	date_format(d, dt);
	html_lit(o, "<form method=\"post\" action=\"/signalen/melden\" class=\"ib-melden\">");
	ui_csrf_field(r);
	html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
	html_attr(o, id);
	html_lit(o, "\"><input type=\"hidden\" name=\"peildatum\" value=\"");
	html_attr(o, dt);
	html_lit(o, "\">");
	snprintf(fid, sizeof fid, "eerste-%s", id);
	date_field(o, fid, "eerste_verzuimdag", "Eerste verzuimdag", mine ? refused->eerste : sinds,
		   mine && strcmp(refused->field, "eerste_verzuimdag") == 0 ? refused->error : NULL);
	snprintf(fid, sizeof fid, "datum-%s", id);
	date_field(o, fid, "datum_melding", "Datum van de melding", mine ? refused->datum : dt,
		   mine && strcmp(refused->field, "datum_melding") == 0 ? refused->error : NULL);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Melden bij "
		    "leerplicht</button></form>");
}

static void section_open(strbuf *o, const char *id, const char *title, const char *intro)
{
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"");
	html_attr(o, id);
	html_lit(o, "\"><h2 class=\"utrecht-heading-2\" id=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, title);
	html_lit(o, "</h2><p class=\"utrecht-paragraph\">");
	html_text(o, intro);
	html_lit(o, "</p>");
}

static void duties(req *r, const dataset *ds, const signal_page *pg, day_t d, const melden_form *refused,
		   const ui_page *w)
{
	strbuf *o = &r->out;
	bool school_role = r->who->rol == ROLE_SCHOOL;
	section_open(o, "melden-kop", school_role ? "Nu melden bij leerplicht" : "Niet gemelde meldplicht",
		     "16 uur of meer ongeoorloofd verzuim in 4 lesweken moet de school meteen melden (Leerplichtwet "
		     "art. 21); er is nog geen melding sinds de eerste schooldag met verzuim in het venster.");
	ui_see_also(o, (const char *const[]){"relatief-verzuim", "melddiscipline", NULL});
	static const char *const HEADS[] = {"Leerling", "School", "Sinds", "Uren in 4 lesweken", "Melding", NULL};
	static const bool NUM[] = {false, false, false, true, false};
	const char *const heads_lp[] = {HEADS[0], HEADS[1], HEADS[2], HEADS[3], NULL};
	table_open(o, "Meldplicht 16 uur, niet gemeld", school_role ? HEADS : heads_lp, NUM);
	size_t shown = 0;
	for (size_t i = 0; i < pg->n_sig; i++) {
		const signal_entry *e = &pg->rows[i];
		if (e->s.kind != SIG_MELDPLICHT_16_UUR || e->s.gemeld != 0 || !on_page(w, shown++))
			continue;
		entry_cells(o, ds, e, d, false);
		if (school_role) {
			td_open(o, false);
			melden_form_html(r, ds, e, d, refused);
			html_lit(o, "</td>");
		}
		html_lit(o, "</tr>");
	}
	table_rest(o, school_role ? 5 : 4, shown, w, "Geen leerlingen die nu gemeld moeten worden.");
	table_close(o);
	html_lit(o, "</section>");

	section_open(o, "bijna-kop", "Bijna 16 uur",
		     "10 uur of meer ongeoorloofd verzuim in het venster van 4 lesweken: nog geen meldplicht, wel een "
		     "reden voor een gesprek.");
	static const char *const NEAR[] = {"Leerling", "School", "Eerste schooldag met verzuim", "Uren in 4 lesweken", NULL};
	table_open(o, "Leerlingen die de 16 uur naderen", NEAR, NUM);
	for (size_t i = w->from; i < pg->n_near && i < w->to; i++) {
		const signal_entry *e = &pg->rows[pg->n_sig + i];
		entry_cells(o, ds, e, d, false);
		html_lit(o, "</tr>");
	}
	table_rest(o, 4, pg->n_near, w, "Geen leerlingen die de 16 uur naderen.");
	table_close(o);
	html_lit(o, "</section>");
}

static void sickness(strbuf *o, const dataset *ds, const signal_page *pg, day_t d, const ui_page *w)
{
	section_open(o, "ziek-kop", "Zorgwekend ziekteverzuim",
		     "Vier ziekmeldingen in 12 lesweken, of de zevende schooldag ziek op rij (MAZL): bespreek de "
		     "leerling met de jeugdverpleegkundige of jeugdarts.");
	static const char *const HEADS[] = {"Leerling", "School", "Signaal", "Sinds", "Schooldagen of ziekmeldingen", NULL};
	static const bool NUM[] = {false, false, false, false, true};
	table_open(o, "Ziekteverzuim", HEADS, NUM);
	size_t shown = 0;
	for (size_t i = 0; i < pg->n_sig; i++) {
		const signal_entry *e = &pg->rows[i];
		if ((e->s.kind != SIG_ZIEK_7_DAGEN && e->s.kind != SIG_ZIEK_4_KEER) || !on_page(w, shown++))
			continue;
		entry_cells(o, ds, e, d, true);
		html_lit(o, "</tr>");
	}
	table_rest(o, 5, shown, w, "Geen signalen van ziekteverzuim.");
	table_close(o);
	html_lit(o, "</section>");
}

static void tier_list(strbuf *o, const dataset *ds, const signal_page *pg, day_t d, signaal kind, const char *caption,
		      const ui_page *w)
{
	static const char *const HEADS[] = {"Leerling", "School", "Sinds", "Verzuim (% van de lestijd)", NULL};
	static const bool NUM[] = {false, false, false, true};
	table_open(o, caption, HEADS, NUM);
	size_t shown = 0;
	for (size_t i = 0; i < pg->n_sig; i++) {
		const signal_entry *e = &pg->rows[i];
		if (e->s.kind != kind || !on_page(w, shown++))
			continue;
		entry_cells(o, ds, e, d, false);
		html_lit(o, "</tr>");
	}
	table_rest(o, 4, shown, w, "Geen leerlingen.");
	table_close(o);
}

static void kearney(strbuf *o, const dataset *ds, const signal_page *pg, day_t d, const ui_page *w)
{
	size_t tier[4] = {0};
	for (size_t i = 0; i < pg->n_sig; i++)
		tier[pg->rows[i].s.kind == SIG_KEARNEY_3 ? 3 : pg->rows[i].s.kind == SIG_KEARNEY_2 ? 2 : 0]++;
	tier[1] = pg->enrolled >= tier[2] + tier[3] ? pg->enrolled - tier[2] - tier[3] : 0;
	section_open(o, "kearney-kop", "Leerlingen per niveau (Kearney)",
		     "Niveau 1: komt naar school; niveau 2: 10% of meer van de lestijd afwezig sinds 1 augustus; "
		     "niveau 3: 20% of meer. Kies per niveau de aanpak.");
	html_lit(o, "<ul class=\"ib-tiles\" aria-label=\"Leerlingen per niveau\">");
	static const char *const LABELS[4] = {NULL, "niveau 1: komt naar school", "niveau 2: beginnend verzuim",
					      "niveau 3: ernstig verzuim"};
	for (int k = 1; k <= 3; k++) {
		html_lit(o, "<li class=\"ib-tile\"><span class=\"ib-tile__number\">");
		ui_int(o, (int64_t)tier[k]);
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, LABELS[k]);
		html_lit(o, "</span></li>");
	}
	html_lit(o, "</ul>");
	tier_list(o, ds, pg, d, SIG_KEARNEY_3, "Niveau 3: 20% of meer afwezig", w);
	tier_list(o, ds, pg, d, SIG_KEARNEY_2, "Niveau 2: 10% tot 20% afwezig", w);
	html_lit(o, "</section>");
}

/* The dreigende thuiszitters (the status query's DREIGEND), each with a
 * button that opens a dossier (the case pages' form). */
static void threatening(req *r, snapshot *s, day_t d, const ui_page *w)
{
	strbuf *o = &r->out;
	size_t n;
	shared_body *hold;
	const status_row *rows = ui_visible(r, s, d, &n, &hold);
	section_open(o, "dreigend-kop", "Dreigende thuiszitters",
		     "Ongeoorloofd afwezig, nog geen vier weken: open een dossier voordat de leerling thuiszitter wordt.");
	ui_see_also(o, (const char *const[]){"thuiszitter", "langdurig-relatief-verzuim", NULL});
	static const char *const HEADS[] = {"Leerling", "School", "Afwezig sinds", "Dagen", "Dossier", NULL};
	static const bool NUM[] = {false, false, false, true, false};
	table_open(o, "Dreigende thuiszitters", HEADS, NUM);
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].cat != CAT_DREIGEND || !on_page(w, shown++))
			continue;
		html_lit(o, "<tr class=\"utrecht-table__row\">");
		td_open(o, false);
		ui_pupil_link(o, s->ds, rows[i].pupil, d);
		html_lit(o, "</td>");
		school_cell(o, s->ds, rows[i].school);
		td_open(o, false);
		ui_date(o, rows[i].startdatum);
		html_lit(o, "</td>");
		td_open(o, true);
		ui_int(o, rows[i].duur);
		html_lit(o, "</td>");
		td_open(o, false);
		html_lit(o, "<form method=\"post\" action=\"/dossiers\" class=\"ib-filters ib-filters--inline\">");
		ui_csrf_field(r);
		html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
		html_attr(o, PUPIL_AT(s->ds, rows[i].pupil).id);
		html_lit(o, "\"><input type=\"hidden\" name=\"reden\" value=\"dreigend thuiszitter\">"
			    "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Dossier openen"
			    "<span class=\"ib-visually-hidden\"> voor ");
		html_text(o, PUPIL_AT(s->ds, rows[i].pupil).id);
		html_lit(o, "</span></button></form></td></tr>");
	}
	table_rest(o, 5, shown, w, "Geen dreigende thuiszitters.");
	table_close(o);
	html_lit(o, "</section>");
	shared_body_release(hold);
}

/* The most rows of any table of the page: the pages of it. */
static size_t longest_table(req *r, snapshot *s, day_t d, const signal_page *pg)
{
	size_t n[5] = {pg->n_near, 0, 0, 0, 0}; /* bijna, meldplicht, ziek, niveau 3, niveau 2 */
	for (size_t i = 0; i < pg->n_sig; i++) {
		const signal *x = &pg->rows[i].s;
		n[1] += x->kind == SIG_MELDPLICHT_16_UUR && x->gemeld == 0;
		n[2] += x->kind == SIG_ZIEK_7_DAGEN || x->kind == SIG_ZIEK_4_KEER;
		n[3] += x->kind == SIG_KEARNEY_3;
		n[4] += x->kind == SIG_KEARNEY_2;
	}
	size_t rows, dreigend = 0, most = 0;
	shared_body *hold;
	const status_row *st = ui_visible(r, s, d, &rows, &hold);
	for (size_t i = 0; i < rows; i++)
		dreigend += st[i].cat == CAT_DREIGEND;
	shared_body_release(hold);
	for (int k = 0; k < 5; k++)
		most = n[k] > most ? n[k] : most;
	return dreigend > most ? dreigend : most;
}

static void signals_page(req *r, day_t d, const melden_form *refused, int status)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	shared_body *hold;
	const signal_page *pg = page_data(r, s, d, &hold);
	char dt[DATE_TEXT];
	date_format(d, dt);
	if (!audit(r, "signalen", NULL,
		   json_pack("{s:s, s:I, s:I, s:I}", "peildatum", dt, "aantal", (json_int_t)pg->n_sig, "bijna",
			     (json_int_t)pg->n_near, "registratie", (json_int_t)s->version))) {
		shared_body_release(hold);
		snapshot_release(s);
		return; /* the audit's failure is the reply */
	}
	strbuf *o = &r->out;
	ui_begin(r, s->ds, "Signalen", NAV_SIGNALEN);
	html_lit(o, "<form method=\"get\" action=\"/signalen\" class=\"ib-filters ib-filters--inline\">");
	ui_peildatum_field(o, d);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");
	ui_form_notice(r, refused ? refused->error : NULL);
	ui_page w = ui_page_of(r, longest_table(r, s, d, pg));
	duties(r, s->ds, pg, d, refused, &w);
	sickness(o, s->ds, pg, d, &w);
	kearney(o, s->ds, pg, d, &w);
	threatening(r, s, d, &w);
	ui_page_nav(r, o, &w, NULL);
	shared_body_release(hold);
	snapshot_release(s);
	ui_end(r, status);
}

void ui_signals(req *r)
{
	day_t d;
	if (!ui_peildatum(r, &d))
		return;
	signals_page(r, d, NULL, 200);
}

/* The field the API's reason is about (reply_field_error); the reason names
 * it in words already. */
static void field_of(req *r, melden_form *f)
{
	static const char *const KEYS[2] = {"eerste_verzuimdag", "datum_melding"};
	for (int k = 0; k < 2; k++)
		if (strcmp(r->error_field, KEYS[k]) == 0)
			f->field = KEYS[k];
}

void ui_signal_report(req *r)
{
	const char *id = ui_field(r, "leerling_id"), *pd = ui_field(r, "peildatum");
	day_t d = today();
	if (pd && date_parse(pd, strlen(pd), &d) != 0)
		d = today();
	if (!id || !pupil_id_ok(id)) {
		reply_error(r, 400, "ongeldige_parameter", "geen leerling gekozen");
		return;
	}
	/* The melding names the school of the enrolment the signal is about. */
	snapshot *s = snapshot_acquire(&r->srv->snap);
	classification c;
	bool ok = pupil_ok(r, s, id, &c) && c.enrolment >= 0;
	int32_t sc = ok ? FACT_AT(s->ds, F_ENROLMENT, enr, c.enrolment).school : -1;
	json_t *body = json_object();
	if (sc >= 0) {
		jset(body, "brin", json_string(s->ds->schools[sc].brin));
		jset(body, "vestiging", json_string(s->ds->schools[sc].vestiging));
	}
	snapshot_release(s);
	if (r->status) { /* pupil_ok replied */
		json_decref(body);
		return;
	}
	if (sc < 0) {
		json_decref(body);
		reply_error(r, 409, "niet_ingeschreven", "de leerling is vandaag niet ingeschreven");
		return;
	}
	static const char *const NAMES[] = {"datum_melding", "eerste_verzuimdag", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	jset(body, "soort", json_string("verzuim"));
	strbuf path = STRBUF_INIT, back = STRBUF_INIT;
	sb_puts(&path, "/api/leerlingen/");
	html_url_path(&path, id);
	sb_puts(&path, "/meldingen");
	char dt[DATE_TEXT];
	date_format(d, dt);
	sb_printf(&back, "/signalen?peildatum=%s", dt);
	melden_form refused = {id, ui_field(r, "eerste_verzuimdag"), ui_field(r, "datum_melding"), "datum_melding", ""};
	int status;
	if (!ui_submit(r, "POST", sb_str(&path), body, sb_str(&back), "gemeld", refused.error, sizeof refused.error,
		       &status)) {
		field_of(r, &refused);
		if (!refused.eerste)
			refused.eerste = "";
		if (!refused.datum)
			refused.datum = "";
		r->status = 0;
		signals_page(r, d, &refused, status >= 400 ? status : 422);
	}
	sb_free(&path);
	sb_free(&back);
}
