/*
 * ui_cases.h - the pages of the case work (SPEC 6): the dossier list
 * (ui_dossiers.c) and one dossier (ui_dossier.c), regie (ui_regie.c), the
 * thuiszitterstafel and stays in care (ui_tafel.c), the vrijstelling 5a
 * procedure and reviews (ui_procedures.c); what they share: the API inside a
 * page (ui_api.c) and forms (ui_forms.c); their routes (case_pages.c).
 *
 * These pages hold no rules of their own. A page runs the API operation in
 * the same request (ui_api): the same roles, the same default-deny check of
 * the body, the same handler with its access check, state machine and audit
 * entry. A form posts to a page route, whose fields become the operation's
 * JSON body; on success the browser is sent back (303) to the page it came
 * from with a short confirmation, on failure that page is shown again with the
 * reason.
 */
#ifndef INBEELD_UI_CASES_H
#define INBEELD_UI_CASES_H

#include "ui.h"

extern const route CASE_PAGES[];
extern const size_t N_CASE_PAGES;

/* Run API operation `method path` for this request with body (taken; NULL
 * without). Returns the reply's status; a JSON answer is left in r->out. */
int ui_api(req *r, const char *method, const char *path, json_t *body);
/* GET path in this request: its JSON answer, or NULL with the error reply
 * left in place (the error page shows it). */
json_t *ui_api_get(req *r, const char *path);
/* The JSON answer of a successful ui_api (NULL when unreadable); r->out is
 * then free for the page. */
json_t *ui_api_json(req *r);
/* The reason of a failed ui_api, for showing on the page ("" when none). */
void ui_api_error(req *r, char *out, size_t size);
/* A form's operation: on success 303 to back ("{id}" in it becomes the id of
 * what was made) with ?gedaan=done, and true; 403 and 404 are left to the
 * error page (true as well). Else false: show the form's page with error. */
bool ui_submit(req *r, const char *method, const char *path, json_t *body, const char *back, const char *done,
	       char *error, size_t size, int *status);
/* The same for a form shown again when refused (ui_refusal): false with rf
 * filled (its action: the path posted to) when the page must show it. */
typedef struct ui_refusal ui_refusal;
bool ui_submit_form(req *r, const char *method, const char *path, json_t *body, const char *back, const char *done,
		    ui_refusal *rf);
/* After a successful form: 303 to path with ?gedaan=done. */
void ui_done(req *r, const char *path, const char *done);

/* A form field as text, NULL when absent or empty. */
const char *ui_field(req *r, const char *name);
/* Copy form fields into an API body (empty ones left out); JSON_INTEGER
 * fields are converted, JSON_ARRAY ones split on commas and line breaks. */
void ui_copy_fields(req *r, json_t *body, const char *const *names, const json_type *types);

/* A JSON member as text, NULL when absent. */
const char *jtext(json_t *o, const char *key);
/* A JSON member as a day, DAY_NONE when absent or not a date. */
day_t ui_jday(json_t *o, const char *key);
/* "1 nov 2026" for a JSON date, "" for none. */
void ui_jdate(strbuf *sb, json_t *o, const char *key);

/* The confirmation (?gedaan=) or the error of a form, as an alert. */
void ui_form_notice(req *r, const char *error);
/* A term's status or a dossier's signal as a coloured label. */
void ui_term_badge(strbuf *sb, const char *status);
/* The fields of a timeline entry, as a definition list. */
void ui_event_details(strbuf *sb, json_t *gegevens);
/* Start a collapsible form posting to action (with the CSRF field). */
void ui_form_open(req *r, const char *summary, const char *action, bool open);
void ui_form_close(req *r, const char *button);
/* Form controls: a labelled input (type text/date/number) or textarea. */
void ui_input(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
	      const char *hint);
void ui_textarea(strbuf *sb, const char *id, const char *name, const char *label, bool required, const char *hint);
/* The same holding a value (NULL: empty), for a form that changes something. */
void ui_input_value(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
		    const char *hint, const char *value);
/* A <select> of choices "value|label|value|label..." (NULL-terminated pairs). */
void ui_select(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
	       bool required);
/* The same with the option equal to value selected. */
void ui_select_value(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
		     bool required, const char *value);

/* A form the server refused, shown again on its page: the values as typed
 * (the posted fields, r->json) and the API's reason at the field it is
 * about (r->error_field, reply_field_error), or above the button. */
struct ui_refusal {
	char action[256];   /* the refused form: its action (or a key of its own) */
	char field[48];	    /* the body field the reason is about, "" for the form as a whole */
	char reason[600];
	int status; /* of the page shown again */
};
/* After a failed ui_api: its reason and field into rf; r is free for the page. */
void ui_refusal_take(req *r, ui_refusal *rf, const char *action, int status);

/* One form on a page; refused (rf, may be NULL) when rf is about its action:
 * then it is open, its controls show what was typed and the reason. */
typedef struct ui_form {
	req *r;
	const char *action;
	const ui_refusal *refused; /* this form's refusal, or NULL */
	bool placed;		   /* the reason is shown */
} ui_form;
void ui_form_begin(ui_form *f, req *r, const ui_refusal *rf, const char *summary, const char *action, bool open);
/* The same for one of several forms with one action: refused when rf's action is key. */
void ui_form_begin_as(ui_form *f, req *r, const ui_refusal *rf, const char *summary, const char *action,
		      const char *key, bool open);
void ui_form_end(ui_form *f, const char *button);
/* The reason now, where the caller wants it (once; ui_form_end otherwise). */
void ui_form_reason(ui_form *f);
/* Its controls: value is the default of a form not refused (NULL: none). */
void ui_f_input(ui_form *f, const char *id, const char *name, const char *label, const char *type, bool required,
		const char *hint, const char *value);
void ui_f_textarea(ui_form *f, const char *id, const char *name, const char *label, bool required, const char *hint,
		   const char *value);
void ui_f_select(ui_form *f, const char *id, const char *name, const char *label, const char *const *pairs,
		 bool required, const char *value);
void ui_f_check(ui_form *f, const char *id, const char *name, const char *label, const char *hint, bool checked);
void ui_f_hidden(ui_form *f, const char *name, const char *value);
/* The regiehouder's choice (ui_regie_select) in a form that keeps it. */
void ui_f_regie(ui_form *f, const char *id, const char *label, json_t *orgs, const char *none);

/* A section with a timeline of events (newest first); labels: "soort",
 * "label", ..., NULL. */
void ui_timeline(strbuf *o, const char *heading, json_t *events, const char *const *labels);
/* A <select name="regiehouder"> of organisations and their people (from GET
 * /api/regie/organisaties), values "organisation:person"; `none` first. */
void ui_regie_select(strbuf *o, const char *id, const char *label, json_t *orgs, const char *none);
/* The chosen regiehouder into body[org_key], body[person_key]. */
void ui_regie_fields(req *r, json_t *body, const char *org_key, const char *person_key);
/* "Voornaam Achternaam" from an object with those members, else id. */
void ui_json_name(strbuf *o, json_t *names, const char *id);
/* A pupil as a link - to its page, or to href when given - with its name
 * (ui_json_name) and, in small print, its id. */
void ui_json_pupil(strbuf *o, const char *href, json_t *names, const char *id);

/* The signals of GET /api/signalen as tiles linking to the dossier list. */
void ui_signal_tiles(strbuf *o, json_t *signalen);
/* A link to it with its signal ("geen" without a dossier). */
void ui_dossier_cell(strbuf *o, const dossier_state *d);
/* A dossier's regie (from its JSON): organisation and person, or what is missing. */
void ui_regie_cell(strbuf *o, json_t *d);
/* The days since the dossier's first day of absence, marked from three months. */
void ui_days_since(strbuf *o, json_t *d);

/* The hand-overs of GET /api/overdrachten, each with accept and decline
 * (nothing when there are none); on a dossier (GET /api/dossiers/{id}) the
 * hand-over asked, with the buttons when it is asked of the own organisation
 * (ui_regie.c). */
void ui_handovers(req *r, json_t *overdrachten);
void ui_handover_box(req *r, json_t *dossier, int64_t id);

/* On a pupil's page: its dossier with its signal, or a button to open one
 * (absent: there is a first day of absence). */
void ui_pupil_case(req *r, const snapshot *s, const char *pupil_id, bool absent);

/* The pages (handlers of CASE_PAGES). */
void ui_dossiers(req *r);
void ui_dossier_open(req *r);
/* Issue 14: mijn dossiers, and the dossier list as XLSX or CSV (ui_dossiers.c);
 * a fixed tafel list as XLSX or CSV (ui_tafel.c). */
void ui_my_dossiers(req *r);
void ui_dossiers_export(req *r);
void ui_tafel_list_export(req *r);
void ui_dossier(req *r);
void ui_dossier_action(req *r);
void ui_tafel(req *r);
void ui_tafel_fix(req *r);
void ui_tafel_list(req *r);
void ui_tafel_confirm(req *r);
/* The meeting of the tafel (ui_tafel_besluit.c). */
void ui_tafel_meeting(req *r);
void ui_tafel_decide(req *r);
void ui_tafel_meeting_csv(req *r);
/* The head of a tafel's page (ui_tafel_besluit.c): GET /api/tafels/{id}/part,
 * the page begun with links to the list and the other part, the form's
 * notice, and "De tafel van ..., lijst van <date>" in an open paragraph.
 * NULL after the error page. */
json_t *ui_tafel_page_open(req *r, const char *part, const char *title, const char *error);
/* Reply with the CSV text out (taken over) as tafel-<id>-<part>.csv. */
void ui_tafel_csv_send(req *r, strbuf *out, int64_t id, const char *part);
/* The agenda of a tafel (ui_tafel_agenda.c): the page, its form, as CSV. */
void ui_tafel_agenda(req *r);
void ui_tafel_agenda_set(req *r);
void ui_tafel_agenda_csv(req *r);
/* The SWV's own list (ui_tafel_eigen.c): the form to read it in, the rows of
 * an own list apart from the comparison, and how a row matched, in words. */
void ui_tafel_own_card(req *r);
void ui_tafel_own_apart(req *r, json_t *list);
void ui_tafel_match_label(strbuf *o, const char *koppeling);
void ui_tafel_reconcile(req *r);
void ui_stays(req *r);
void ui_stay_record(req *r);
void ui_stay_regie(req *r);
void ui_procedures(req *r);
void ui_procedure_create(req *r);
void ui_procedure(req *r);
void ui_procedure_step(req *r);
void ui_reviews(req *r);
void ui_review_record(req *r);

#endif
