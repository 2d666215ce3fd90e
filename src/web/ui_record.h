/*
 * ui_record.h - recording and correcting a pupil's facts in the browser
 * (issue 14): the forms on the pupil's page (ui_record_forms.c), their posts
 * and the registration of a new pupil (ui_record.c), and their routes.
 *
 * Every form runs the API's own operation in the same request (ui_api): the
 * same handler (api_facts.c, api_procedures.c), so the same validation,
 * access rules, history, audit entry and 409 on a concurrent change. A
 * refused form comes back on its page with what was typed and the reason at
 * its field (ui_refusal, ui_form in ui_forms.c).
 */
#ifndef INBEELD_UI_RECORD_H
#define INBEELD_UI_RECORD_H

#include "ui_cases.h"

extern const route RECORD_PAGES[];
extern const size_t N_RECORD_PAGES;

/* One kind of fact a form records: its API table, its title and who may. */
typedef struct record_kind {
	const char *table; /* the API's segment: "verzuim" */
	const char *title; /* "Verzuim" */
	unsigned roles;	   /* who records it (as its API route) */
} record_kind;
extern const record_kind RECORD_KINDS[];
extern const size_t N_RECORD_KINDS;

/* The pupil's page (ui_pupil.c), shown again with a refused form (rf; NULL
 * for none). */
void ui_pupil_page(req *r, const ui_refusal *rf);
/* The pupil's versions of its facts (GET .../geschiedenis), read before the
 * page starts; NULL when the role records nothing or they are unreadable. */
json_t *ui_record_history(req *r, const char *pupil_id);
/* On the pupil's page: "Eerder geregistreerd" (the replaced and withdrawn
 * versions, when and by whom) and the forms the role may use. pupil: the
 * answer of GET /api/leerlingen/{id}; history: from ui_record_history. */
void ui_record_section(req *r, const dataset *ds, json_t *pupil, json_t *history, const ui_refusal *rf);

/* The pages (handlers of RECORD_PAGES). */
void ui_record_post(req *r);
void ui_register_form(req *r);
void ui_register_post(req *r);
/* The registration form (ui_record_forms.c), refused (rf) or not. */
void ui_register_page(req *r, const ui_refusal *rf);

#endif
