/*
 * ui.h - what the pages of the web interface share (ui_*.c).
 *
 * One file per page, as cgit does: ui_login.c, ui_overview.c, ui_list.c,
 * ui_pupil.c, ui_schema.c (with ui_export.c), ui_vrijstellingen.c, and the
 * static files in ui_static.c; the case pages in ui_cases.h. The chrome
 * every page shares (head, header, navigation, footer, error pages) lives in
 * ui_chrome.c, formatting in ui_format.c, the pupils and counts a page shows
 * in ui_data.c; the route table in ui_routes.c. HTML is written only through
 * html.h.
 *
 * Pages render; they do not compute: the pupils come from the status query
 * and the numbers from the counts query (src/app), the rules from src/core,
 * and what the role may see is decided on the server as for the API (the
 * case pages run the API's handlers, ui_api.c). A page that shows personal
 * data writes exactly one audit entry per request and shows nothing when
 * that fails.
 */
#ifndef INBEELD_UI_H
#define INBEELD_UI_H

#include "../core/lists.h"
#include "../core/suppress.h"
#include "html.h"
#include "../api/api.h"

extern const route UI_ROUTES[];
extern const size_t N_UI_ROUTES;

/* The pages (handlers of UI_ROUTES), one file each. */
void ui_login_form(req *r);
void ui_login_post(req *r);
void ui_logout(req *r);
void ui_overview(req *r);
void ui_trend(req *r);
void ui_list(req *r);
void ui_list_export(req *r); /* the thuiszitterslijst as XLSX or CSV (issue 14) */
void ui_pupil(req *r);
void ui_pupil_history(req *r);
void ui_search(req *r);
void ui_schema(req *r);
void ui_export_csv(req *r);
void ui_export_xlsx(req *r);
void ui_vrijstellingen(req *r);
void ui_audit(req *r);
void ui_static(req *r);
/* Early signals (issue 12): ui_signals.c, ui_melddiscipline.c */
void ui_signals(req *r);
void ui_signal_report(req *r);
void ui_melddiscipline(req *r);
/* The beheerder's likely duplicates (issue 14): ui_search.c, with ui_search */
void ui_duplicates(req *r);
void ui_merge(req *r);
/* Help and words (issue 14): the glossary page (ui_begrippen.c) */
void ui_begrippen(req *r);

/* ---- chrome (ui_chrome.c) ------------------------------------------------- */

typedef enum ui_nav {
	NAV_NONE,
	NAV_OVERZICHT,
	NAV_LIJST,
	NAV_DOSSIERS,
	NAV_TAFEL,
	NAV_SCHEMA,
	NAV_VRIJSTELLINGEN,
	NAV_DOELEN,
	NAV_JAARTELLING,
	NAV_AUDIT, /* the beheerder's audit log (ui_audit.c) */
	NAV_SIGNALEN,
	NAV_MELDDISCIPLINE,
	/* The complete navigation (issue 14) */
	NAV_MIJN_DOSSIERS,
	NAV_VERBLIJVEN,
	NAV_PROCEDURES,
	NAV_HERBEOORDELINGEN,
	NAV_JAARVERSLAG,
	NAV_BEHEER, /* the beheerder's pages (ui_beheer*.c) */
	NAV_DUBBEL, /* the beheerder's likely duplicates (ui_search.c) */
	NAV_BEGRIPPEN, /* the glossary (ui_begrippen.c) */
} ui_nav;

/* Start a page in r->out: head, header with the user's organisation, role
 * and scope (names from ds), navigation, and <main>. */
void ui_begin(req *r, const dataset *ds, const char *title, ui_nav active);
/* The same with the names of the current snapshot (for a page that reads
 * nothing else of it). */
void ui_begin_page(req *r, const char *title, ui_nav active);
/* Close the page and reply with it. */
void ui_end(req *r, int status);
/* Reply with r->out as an HTML fragment (for htmx). */
void ui_fragment(req *r);
/* The error hook of the page table: an error reply as an HTML page. */
void ui_error_page(req *r);
/* An error in HTML, for a page that is half-built (resets r->out). */
void ui_fail(req *r, int status, const char *code, const char *message);

const char *ui_role_label(role rl);

/* ---- help and words (ui_terms.c, ui_intro.c) -------------------------------- */

/* A term of the glossary: its anchor on /begrippen, its name, its meaning
 * and the source of that meaning. */
typedef struct ui_term_entry {
	const char *slug; /* "regie": /begrippen#regie */
	const char *term;
	const char *meaning;
	const char *source;
} ui_term_entry;
extern const ui_term_entry UI_TERMS[];
extern const size_t N_UI_TERMS;
/* The entry with that anchor, or NULL. */
const ui_term_entry *ui_term_find(const char *slug);
/* The word text as a link to its entry on /begrippen (slug must be in
 * UI_TERMS; a slug that is not aborts, as a programmer's error). */
void ui_term(strbuf *sb, const char *slug, const char *text);
/* "Zie ook: " and the terms (slugs, NULL-terminated) linked to their entries. */
void ui_see_also(strbuf *sb, const char *const *slugs);
/* The one-line explanation of the page with that route path, or NULL. */
const char *ui_page_intro(const char *path);

/* ---- formatting (ui_format.c) --------------------------------------------- */

/* "1 november 2026" / "1 nov 2026" / "01-11-2026"; nothing for DAY_NONE. */
void ui_date_long(strbuf *sb, day_t d);
void ui_date(strbuf *sb, day_t d);
/* 12345 -> "12.345" */
void ui_int(strbuf *sb, int64_t v);
/* A telling rate "453.13" -> "453,13" */
void ui_rate(strbuf *sb, const char *rate);
/* A recording time "2026-12-01T18:22:03" as "01-12-2026 18:22". */
void ui_timestamp(strbuf *sb, const char *iso);
/* A number of days: "1 dag", "12 dagen" (nl_days). */
void ui_days(strbuf *sb, int64_t n);
/* One cell of the Resultaatschema as shown to the user: a number, "<5", "x",
 * or "" (no value). `sp` is NULL when nothing is suppressed. */
void ui_cell_text(char out[32], const telling_value *v, int col, const suppression *sp, regel rg);
/* A link to a pupil's page on day d: the name, and the id in small print. */
void ui_pupil_link(strbuf *sb, const dataset *ds, uint32_t p, day_t d);
/* A label for a categorie, with a colour class (ib-cat--...). */
void ui_categorie(strbuf *sb, categorie c);
/* A cell value as ui_cell_text gives it, for people: "1.234", "16,65", "<5". */
void ui_number(strbuf *sb, const char *text);
/* The same in a numeric table cell. */
void ui_number_cell(strbuf *sb, const char *text, bool strong);
/* A cell of hundredths (a median, a share) with its unit, or "geen
 * meldingen" when v < 0 (ui_melddiscipline.c). */
void ui_hundredths_cell(strbuf *o, int64_t v, const char *unit);
/* A <input type="date"> for the peildatum, with its label. */
void ui_peildatum_field(strbuf *sb, day_t d);
/* The links to path/export.xlsx and path/export.csv with the query args
 * ("?per=..."), the first labelled xlsx_label. */
void ui_export_links(strbuf *o, const char *path, const char *args, const char *xlsx_label);
/* The same, with dutch_csv also path/export-nl.csv (';' and a decimal
 * comma, for Excel set to Dutch). */
void ui_export_links_for(strbuf *o, const char *path, const char *args, const char *xlsx_label, bool dutch_csv);
/* Beside the field, for a role whose counts are protected: the days it may
 * count on (peildatum_param refuses the others). Nothing for other roles. */
void ui_protected_day_hint(strbuf *sb, bool protect);
/* The hidden CSRF field of a form that changes state. */
void ui_csrf_field(req *r);

/* ---- paging a long list (ui_pages.c) ---------------------------------------- */

enum { UI_PAGE_SIZE = 50 };
/* One page of a list: rows [from, to) of total, page 1..pages. */
typedef struct ui_page {
	size_t total, page, pages, from, to;
} ui_page;
/* Page `asked` of total rows (the first when 0, the last when beyond). */
ui_page ui_page_at(size_t total, size_t asked);
/* The same with ?pagina of the request. */
ui_page ui_page_of(req *r, size_t total);
/* "1–50 van 1.234"; nothing for an empty list. */
void ui_page_range(strbuf *o, const ui_page *p);
/* The page's own URL (r->path) with every declared query parameter it was
 * asked with (not pagina, not gedaan), and pagina=page when page > 1; for
 * an attribute, pass through html_attr. */
void ui_page_url(req *r, strbuf *url, size_t page);
/* The range and the links to the other pages (nothing when one page, or
 * when the page answers a refused form: a POST);
 * with hx_target, htmx swaps that element instead of loading the page. */
void ui_page_nav(req *r, strbuf *o, const ui_page *p, const char *hx_target);
/* The downloads of a list (ui_export_links_for, with the CSV for Dutch
 * Excel) at path/export.*, with the page's own filters. */
void ui_list_exports(req *r, strbuf *o, const char *path);

/* ---- data shared by the pages (ui_data.c) ----------------------------------- */


/* Every pupil with a categorie other than GEEN that the user may see on d,
 * in leerling_id order; computed once per snapshot, role, scope and day.
 * *hold keeps the rows alive: release it with shared_body_release. */
const status_row *ui_visible(req *r, snapshot *s, day_t d, size_t *n, shared_body **hold);

/* The gebieden a user's overview is about (access_home_gebied): their view
 * and indices (at most max). Returns how many; *v gets the view. */
size_t ui_home_gebieden(req *r, const dataset *ds, view *v, size_t *out, size_t max);
/* The counts of those gebieden on the days given (the counts query over the
 * snapshot, protected for the analist). Free with counts_free. */
void ui_home_counts(req *r, snapshot *s, const day_t *days, size_t n_days, counts *out);

/* The Resultaatschema asked for (ui_schema.c): a view, its gebieden and the
 * ijkmomenten (those after today are left out). */
enum { SCHEMA_MAX_GEBIEDEN = 400, SCHEMA_MAX_DAYS = 60 };
typedef struct schema_query {
	view v;
	bool all;			   /* gebied=alle */
	size_t gebieden[SCHEMA_MAX_GEBIEDEN]; /* chosen, in code order */
	size_t n_gebieden;
	day_t days[SCHEMA_MAX_DAYS];
	size_t n_days;
	char span[32];	 /* "2025-2027" */
	char gebied[16]; /* the code, or "alle" */
	bool protect;	 /* small numbers suppressed (analist) */
} schema_query;

/* Read per, gebied and ijkmomenten; false after an error reply. */
bool schema_query_parse(req *r, const dataset *ds, schema_query *q);
/* The counts of the query's gebieden on its ijkmomenten (the counts query
 * over the snapshot; protected for the analist). Free with counts_free. */
void schema_counts(req *r, snapshot *s, const schema_query *q, counts *out);

/* The fields "Tellen per" and "Gebied" of a counts form (ui_schema.c): the
 * views, and the gebieden the user may see, q's selected. */
void ui_gebied_fields(req *r, const dataset *ds, const schema_query *q);

/* Peildatum from the query (today when absent); false after an error reply. */
bool ui_peildatum(req *r, day_t *d);

#endif
