/*
 * ui_fields.c - the labelled controls of a form (input, textarea, select,
 * checkbox, the choice of a regiehouder), and a refused form shown again
 * (ui_refusal, ui_form): every value as typed and the server's reason at
 * the field it is about - utrecht's invalid classes, aria-invalid and
 * aria-describedby - or, about no field, above the button. See ui_cases.h.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

/* ---- one control: label, hint, the message at the field, the control ---- */

static void field_open(strbuf *sb, const char *id, const char *label, bool required, const char *error)
{
	html_lit(sb, "<div class=\"utrecht-form-field ib-field");
	if (error)
		html_lit(sb, " utrecht-form-field--invalid");
	html_lit(sb, "\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(sb, id);
	html_lit(sb, "\">");
	html_text(sb, label);
	if (!required)
		html_lit(sb, " <span class=\"ib-muted\">(niet verplicht)</span>");
	html_lit(sb, "</label>");
}

static void hint_html(strbuf *sb, const char *id, const char *hint)
{
	if (hint) {
		html_lit(sb, "<p class=\"utrecht-form-field-description ib-small ib-muted\" id=\"");
		html_attr(sb, id);
		html_lit(sb, "-uitleg\">");
		html_text(sb, hint);
		html_lit(sb, "</p>");
	}
}

/* The hint, then the message at the field (both named by aria-describedby). */
static void field_hint(strbuf *sb, const char *id, const char *hint, const char *error)
{
	hint_html(sb, id, hint);
	if (error) {
		html_lit(sb, "<p class=\"utrecht-form-field-error-message ib-field-error\" id=\"");
		html_attr(sb, id);
		html_lit(sb, "-fout\">");
		html_text(sb, error);
		html_lit(sb, "</p>");
	}
}

static void control_common(strbuf *sb, const char *id, const char *name, bool required, const char *hint,
			   const char *error)
{
	html_lit(sb, " id=\"");
	html_attr(sb, id);
	html_lit(sb, "\" name=\"");
	html_attr(sb, name);
	html_lit(sb, "\"");
	if (required)
		html_lit(sb, " required");
	if (error)
		html_lit(sb, " aria-invalid=\"true\"");
	if (hint || error) {
		html_lit(sb, " aria-describedby=\"");
		if (hint) {
			html_attr(sb, id);
			html_lit(sb, "-uitleg");
		}
		if (error) {
			if (hint)
				html_lit(sb, " ");
			html_attr(sb, id);
			html_lit(sb, "-fout");
		}
		html_lit(sb, "\"");
	}
}

static void input_html(strbuf *sb, const char *id, const char *name, const char *label, const char *type,
		       bool required, const char *hint, const char *value, bool typed, const char *error)
{
	field_open(sb, id, label, required, error);
	field_hint(sb, id, hint, error);
	html_lit(sb, "<input class=\"utrecht-textbox utrecht-textbox--html-input");
	if (error)
		html_lit(sb, " utrecht-textbox--invalid");
	html_lit(sb, "\" type=\"");
	html_attr(sb, type);
	html_lit(sb, "\"");
	control_common(sb, id, name, required, hint, error);
	if (value) {
		html_lit(sb, " value=\"");
		html_attr(sb, value);
		html_lit(sb, "\"");
	} else if (!typed && strcmp(type, "date") == 0 && strcmp(name, "datum") == 0) { /* the day it happened: today */
		char t[DATE_TEXT];
		date_format(today(), t);
		html_lit(sb, " value=\"");
		html_attr(sb, t);
		html_lit(sb, "\" max=\"");
		html_attr(sb, t);
		html_lit(sb, "\"");
	}
	html_lit(sb, "></div>");
}

void ui_input(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
	      const char *hint)
{
	input_html(sb, id, name, label, type, required, hint, NULL, false, NULL);
}

void ui_input_value(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
		    const char *hint, const char *value)
{
	input_html(sb, id, name, label, type, required, hint, value, false, NULL);
}

static void textarea_html(strbuf *sb, const char *id, const char *name, const char *label, bool required,
			  const char *hint, const char *value, const char *error)
{
	field_open(sb, id, label, required, error);
	field_hint(sb, id, hint, error);
	html_lit(sb, "<textarea class=\"utrecht-textarea utrecht-textarea--html-textarea");
	if (error)
		html_lit(sb, " utrecht-textarea--invalid");
	html_lit(sb, "\" rows=\"3\"");
	if (!error) /* a text refused for its length comes back whole */
		html_lit(sb, " maxlength=\"4000\"");
	control_common(sb, id, name, required, hint, error);
	html_lit(sb, ">");
	html_text(sb, value ? value : "");
	html_lit(sb, "</textarea></div>");
}

void ui_textarea(strbuf *sb, const char *id, const char *name, const char *label, bool required, const char *hint)
{
	textarea_html(sb, id, name, label, required, hint, NULL, NULL);
}

static void select_html(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
			bool required, const char *value, const char *error)
{
	field_open(sb, id, label, required, error);
	field_hint(sb, id, NULL, error);
	html_lit(sb, "<select class=\"utrecht-select utrecht-select--html-select");
	if (error)
		html_lit(sb, " utrecht-select--invalid");
	html_lit(sb, "\"");
	control_common(sb, id, name, required, NULL, error);
	html_lit(sb, ">");
	if (!required)
		html_lit(sb, "<option value=\"\">—</option>");
	for (size_t i = 0; pairs[i]; i += 2) {
		html_lit(sb, "<option value=\"");
		html_attr(sb, pairs[i]);
		html_lit(sb, "\"");
		if (value && strcmp(value, pairs[i]) == 0)
			html_lit(sb, " selected");
		html_lit(sb, ">");
		html_text(sb, pairs[i + 1]);
		html_lit(sb, "</option>");
	}
	html_lit(sb, "</select></div>");
}

void ui_select(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
	       bool required)
{
	select_html(sb, id, name, label, pairs, required, NULL, NULL);
}

void ui_select_value(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
		     bool required, const char *value)
{
	select_html(sb, id, name, label, pairs, required, value, NULL);
}

/* ---- a refused form, shown again (ui_refusal, ui_form) ------------------- */

void ui_form_begin(ui_form *f, req *r, const ui_refusal *rf, const char *summary, const char *action, bool open)
{
	ui_form_begin_as(f, r, rf, summary, action, action, open);
}

void ui_form_begin_as(ui_form *f, req *r, const ui_refusal *rf, const char *summary, const char *action,
		      const char *key, bool open)
{
	*f = (ui_form){r, action, rf && strcmp(rf->action, key) == 0 ? rf : NULL, false};
	ui_form_open(r, summary, action, open || f->refused);
	if (f->refused && !f->refused->field[0])
		ui_form_reason(f);
}

void ui_form_reason(ui_form *f)
{
	if (!f->refused || f->placed)
		return;
	f->placed = true;
	html_lit(&f->r->out, "<p class=\"utrecht-form-field-error-message ib-field-error\">Niet gelukt: ");
	html_text(&f->r->out, f->refused->reason);
	html_lit(&f->r->out, "</p>");
}

void ui_form_end(ui_form *f, const char *button)
{
	ui_form_reason(f); /* a reason about no field of the form: above the button */
	ui_form_close(f->r, button);
}

/* The value a control shows: as typed when the form was refused, else the default. */
static const char *shown(ui_form *f, const char *name, const char *value, const char **error)
{
	*error = NULL;
	if (!f->refused)
		return value;
	if (!f->placed && strcmp(f->refused->field, name) == 0) {
		*error = f->refused->reason;
		f->placed = true;
	}
	const char *typed = form(f->r, name);
	return typed ? typed : "";
}

void ui_f_input(ui_form *f, const char *id, const char *name, const char *label, const char *type, bool required,
		const char *hint, const char *value)
{
	const char *error;
	const char *v = shown(f, name, value, &error);
	input_html(&f->r->out, id, name, label, type, required, hint, v, f->refused != NULL, error);
}

void ui_f_textarea(ui_form *f, const char *id, const char *name, const char *label, bool required, const char *hint,
		   const char *value)
{
	const char *error;
	const char *v = shown(f, name, value, &error);
	textarea_html(&f->r->out, id, name, label, required, hint, v, error);
}

void ui_f_select(ui_form *f, const char *id, const char *name, const char *label, const char *const *pairs,
		 bool required, const char *value)
{
	const char *error;
	const char *v = shown(f, name, value, &error);
	select_html(&f->r->out, id, name, label, pairs, required, v, error);
}

void ui_f_check(ui_form *f, const char *id, const char *name, const char *label, const char *hint, bool checked)
{
	const char *error;
	shown(f, name, NULL, &error);
	if (f->refused)
		checked = form(f->r, name) != NULL;
	strbuf *sb = &f->r->out;
	html_lit(sb, "<div class=\"utrecht-form-field utrecht-form-field--checkbox ib-field");
	if (error)
		html_lit(sb, " utrecht-form-field--invalid");
	html_lit(sb, "\">");
	field_hint(sb, id, NULL, error);
	html_lit(sb, "<input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" value=\"1\"");
	control_common(sb, id, name, false, hint, error);
	if (checked)
		html_lit(sb, " checked");
	html_lit(sb, "><label class=\"utrecht-form-label utrecht-form-label--checkbox\" for=\"");
	html_attr(sb, id);
	html_lit(sb, "\">");
	html_text(sb, label);
	html_lit(sb, "</label>");
	hint_html(sb, id, hint);
	html_lit(sb, "</div>");
}

void ui_f_hidden(ui_form *f, const char *name, const char *value)
{
	if (!value)
		return;
	html_lit(&f->r->out, "<input type=\"hidden\" name=\"");
	html_attr(&f->r->out, name);
	html_lit(&f->r->out, "\" value=\"");
	html_attr(&f->r->out, value);
	html_lit(&f->r->out, "\">");
}

static void regie_option(strbuf *o, long long org, long long person, const char *value)
{
	char v[48];
	snprintf(v, sizeof v, "%lld:%lld", org, person);
	html_lit(o, "<option value=\"");
	html_attr(o, v);
	if (value && strcmp(value, v) == 0)
		html_lit(o, "\" selected>");
	else
		html_lit(o, "\">");
}

static void regie_html(strbuf *o, const char *id, const char *label, json_t *orgs, const char *none, const char *value,
		       const char *error)
{
	field_open(o, id, label, true, error);
	field_hint(o, id, NULL, error);
	html_lit(o, "<select class=\"utrecht-select utrecht-select--html-select\"");
	control_common(o, id, "regiehouder", false, NULL, error);
	html_lit(o, "><option value=\"\">");
	html_text(o, none);
	html_lit(o, "</option>");
	size_t i, k;
	json_t *org, *p;
	json_array_foreach(orgs, i, org) {
		html_lit(o, "<optgroup label=\"");
		html_attr(o, jtext(org, "naam"));
		html_lit(o, "\">");
		long long oid = (long long)json_integer_value(json_object_get(org, "id"));
		regie_option(o, oid, 0, value);
		html_text(o, jtext(org, "naam"));
		html_lit(o, " (nog zonder persoon)</option>");
		json_array_foreach(json_object_get(org, "personen"), k, p) {
			regie_option(o, oid, (long long)json_integer_value(json_object_get(p, "id")), value);
			html_text(o, jtext(p, "naam"));
			html_lit(o, "</option>");
		}
		html_lit(o, "</optgroup>");
	}
	html_lit(o, "</select></div>");
}

void ui_regie_select(strbuf *o, const char *id, const char *label, json_t *orgs, const char *none)
{
	regie_html(o, id, label, orgs, none, NULL, NULL);
}

void ui_f_regie(ui_form *f, const char *id, const char *label, json_t *orgs, const char *none)
{
	const char *error;
	const char *v = shown(f, "regiehouder", NULL, &error);
	if (!error && f->refused && (!strcmp(f->refused->field, "organisatie_id") || !strcmp(f->refused->field, "gebruiker_id") ||
				     !strcmp(f->refused->field, "regie_organisatie_id") ||
				     !strcmp(f->refused->field, "regie_gebruiker_id"))) {
		error = f->refused->reason; /* the API's fields of the one choice */
		f->placed = true;
	}
	regie_html(&f->r->out, id, label, orgs, none, v, error);
}
