/*
 * ui_beheer.h - the beheerder's work in the browser (issue 14): accounts and
 * the requests of the other beheerder under four eyes
 * (ui_beheer_accounts.c), organisations, break-glass and loading a dataset
 * (ui_beheer_tools.c); and for every user: changing one's own password and
 * choosing the first one with a one-time code (ui_beheer.c).
 *
 * As the case pages (ui_cases.h) these pages hold no rules: each runs the API
 * operation in the same request (ui_api) and shows its answer or its reason.
 * A refused form is shown again with what was typed and the reason at the
 * field it concerns (a local mechanism: see ui_beheer_field).
 */
#ifndef INBEELD_UI_BEHEER_H
#define INBEELD_UI_BEHEER_H

#include "ui_cases.h"

/* A labelled input holding value (NULL: empty), with error (NULL: none)
 * at the field; type "text", "password", "date", ...; autocomplete NULL for
 * none. */
void ui_beheer_field(strbuf *o, const char *id, const char *name, const char *label, const char *type,
		     const char *value, const char *error, bool required, const char *hint, const char *autocomplete);
/* A <select> as ui_select_value, with error at the field. */
void ui_beheer_select(strbuf *o, const char *id, const char *name, const char *label, const char *const *pairs,
		      const char *value, const char *error);
/* The reason of a failed ui_api: its message into msg and its code into
 * code (both "" when none); r->out is free again. */
void ui_beheer_refusal(req *r, char *code, size_t code_size, char *msg, size_t msg_size);
/* An alert: ok (role=status) or error (role=alert), with text. */
void ui_beheer_alert(strbuf *o, bool ok, const char *text);
/* A sentence from an API message: its first letter upper case, a full stop. */
void ui_beheer_sentence(strbuf *o, const char *message);
/* The links between the beheer pages, current marked (a path). */
void ui_beheer_subnav(req *r, const char *current);
/* The choices of a role select, value|label pairs (NULL-terminated). */
extern const char *const UI_ROLE_CHOICES[];

/* Every user: ui_beheer.c */
void ui_password_form(req *r);
void ui_password_post(req *r);
void ui_activate_form(req *r);
void ui_activate_post(req *r);
/* Accounts: ui_beheer_accounts.c */
void ui_accounts(req *r);
void ui_account_create(req *r);
void ui_account_change(req *r);
void ui_account_revoke(req *r);
void ui_account_reset(req *r);
void ui_request_decide(req *r);
/* Organisations, break-glass, datasets: ui_beheer_tools.c */
void ui_organisations(req *r);
void ui_organisation_create(req *r);
void ui_organisation_deactivate(req *r);
void ui_break_glass(req *r);
void ui_break_glass_post(req *r);
void ui_datasets(req *r);
void ui_dataset_job(req *r);

#endif
