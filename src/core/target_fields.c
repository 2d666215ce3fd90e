/*
 * target_fields.c - a target from and to its text fields (target_fields.h),
 * and the protection of its figure for roles without access to pupils.
 */
#include "target_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jaartelling.h"

static bool refuse(strbuf *err, const char *msg)
{
	sb_puts(err, msg);
	return false;
}

static bool present(const char *s)
{
	return s && *s;
}

/* The next comma-separated item of *p (spaces trimmed) into item; false at the end. */
static bool next_item(const char **p, char *item, size_t size, bool *too_long)
{
	const char *s = *p;
	while (*s == ' ' || *s == ',')
		s++;
	if (!*s)
		return false;
	const char *e = strchr(s, ',');
	size_t len = e ? (size_t)(e - s) : strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	*too_long = len >= size;
	snprintf(item, size, "%.*s", (int)(len < size ? len : size - 1), s);
	*p = e ? e : s + strlen(s);
	return true;
}

static bool parse_gebieden(const char *text, target *t, strbuf *err)
{
	if (!present(text))
		return refuse(err, "vul de gebieden van het doel in");
	char code[16];
	bool too_long;
	const char *p = text;
	while (next_item(&p, code, sizeof code, &too_long)) {
		if (too_long || strlen(code) >= sizeof t->gebieden[0]) {
			sb_printf(err, "'%s' is geen code van een gemeente of samenwerkingsverband", code);
			return false;
		}
		if (t->n_gebieden == TARGET_MAX_GEBIEDEN) {
			sb_printf(err, "een doel geldt voor ten hoogste %d gebieden", TARGET_MAX_GEBIEDEN);
			return false;
		}
		memcpy(t->gebieden[t->n_gebieden++], code, strlen(code) + 1); /* fits: checked above */
	}
	return true;
}

static int regel_index(const target *t, const char *code)
{
	unsigned n = t->telling == TT_RESULTAATSCHEMA ? R_COUNT : JR_COUNT;
	for (unsigned r = 0; r < n; r++)
		if (strcmp(code, t->telling == TT_RESULTAATSCHEMA ? REGELS[r].code : JAAR_REGELS[r].code) == 0)
			return (int)r;
	return -1;
}

static bool parse_regels(const char *text, target *t, strbuf *err)
{
	if (!present(text))
		return refuse(err, "kies de regels van het doel");
	char code[48];
	bool too_long;
	const char *p = text;
	while (next_item(&p, code, sizeof code, &too_long)) {
		int r = too_long ? -1 : regel_index(t, code);
		if (r < 0) {
			sb_printf(err, "de regel '%s' bestaat niet in de %s", code,
				  t->telling == TT_RESULTAATSCHEMA ? "Resultaatschema-telling" : "jaartelling");
			return false;
		}
		t->regels |= 1u << r;
	}
	return true;
}

/* "-75", "-12.5", "-12,5", "+10": hundredths of a percent. */
static bool parse_percent(const char *s, int32_t *out)
{
	bool neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	int64_t whole = 0;
	while (*s >= '0' && *s <= '9' && whole < 100000)
		whole = whole * 10 + (*s++ - '0');
	int64_t frac = 0;
	int digits = 0;
	if (*s == '.' || *s == ',') {
		s++;
		while (*s >= '0' && *s <= '9' && digits < 2) {
			frac = frac * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0)
			return false;
		if (digits == 1)
			frac *= 10;
	}
	if (*s == '%')
		s++;
	if (*s || whole >= 100000)
		return false;
	int64_t v = whole * 100 + frac;
	*out = (int32_t)(neg ? -v : v);
	return true;
}

static bool parse_count(const char *s, int64_t *out)
{
	if (*s < '0' || *s > '9')
		return false;
	int64_t v = 0;
	while (*s >= '0' && *s <= '9' && v <= INT64_C(100000000000))
		v = v * 10 + (*s++ - '0');
	if (*s)
		return false;
	*out = v;
	return true;
}

static bool parse_goal(const target_input *in, target *t, strbuf *err)
{
	bool rel = present(in->verandering), num = present(in->aantal);
	if (rel == num)
		return refuse(err, "vul het doel in als verandering in procenten of als aantal (één van beide)");
	if (rel) {
		t->goal_kind = GOAL_RELATIVE;
		if (!parse_percent(in->verandering, &t->goal_relative))
			return refuse(err, "de verandering is een percentage, bijvoorbeeld -75 of -12,5");
	} else {
		t->goal_kind = GOAL_NUMBER;
		if (!parse_count(in->aantal, &t->goal_number))
			return refuse(err, "het aantal van het doel is een geheel getal, 0 of meer");
	}
	return true;
}

static bool parse_basis(const char *s, target *t, strbuf *err)
{
	if (!present(s))
		return refuse(err, t->telling == TT_RESULTAATSCHEMA ? "vul de peildatum van de basis in"
								 : "vul het schooljaar van de basis in");
	if (t->telling == TT_RESULTAATSCHEMA) {
		if (date_parse(s, strlen(s), &t->baseline_peildatum))
			return refuse(err, "de peildatum van de basis is geen datum JJJJ-MM-DD");
		return true;
	}
	/* "2024" or "2024/2025" */
	char *end;
	long y = strtol(s, &end, 10);
	if (end - s != 4 || (*end && !(*end == '/' && strtol(end + 1, &end, 10) == y + 1 && !*end)))
		return refuse(err, "het schooljaar van de basis is een jaartal JJJJ (of JJJJ/JJJJ)");
	t->baseline_schooljaar = (int32_t)y;
	return true;
}

int32_t target_gebied(const target *t, const dataset *ds, size_t i)
{
	const char *code = t->gebieden[i];
	return t->view == VIEW_GEMEENTE ? dataset_gemeente(ds, code, strlen(code)) : dataset_swv(ds, code, strlen(code));
}

bool target_parse_scope(const target_input *in, const dataset *ds, target *out, strbuf *err)
{
	target *t = out;
	memset(t, 0, sizeof *t);
	t->baseline_peildatum = DAY_NONE;
	t->target_date = DAY_NONE;
	if (in->naam && strlen(in->naam) >= sizeof t->naam)
		return refuse(err, "de naam van het doel is te lang");
	snprintf(t->naam, sizeof t->naam, "%s", in->naam ? in->naam : "");
	if (!present(in->per) || (strcmp(in->per, "gemeente") != 0 && strcmp(in->per, "swv") != 0))
		return refuse(err, "kies of het doel geldt voor gemeenten of voor samenwerkingsverbanden");
	t->view = strcmp(in->per, "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	if (!present(in->telling) ||
	    (strcmp(in->telling, "resultaatschema") != 0 && strcmp(in->telling, "jaartelling") != 0))
		return refuse(err, "kies of het doel over het Resultaatschema of over de jaartelling gaat");
	t->telling = strcmp(in->telling, "jaartelling") == 0 ? TT_JAARTELLING : TT_RESULTAATSCHEMA;
	if (present(in->kolom) && strcmp(in->kolom, "totaal") != 0 && strcmp(in->kolom, "lang") != 0)
		return refuse(err, "kies of het doel over het totaal of over drie maanden of langer gaat");
	t->column = present(in->kolom) && strcmp(in->kolom, "lang") == 0 ? TC_LANG : TC_TOTAAL;
	if (!parse_gebieden(in->gebieden, t, err) || !parse_basis(in->basis, t, err))
		return false;
	for (size_t i = 0; ds && i < t->n_gebieden; i++) {
		if (target_gebied(t, ds, i) == NO_REF) {
			sb_printf(err, "het gebied %s is onbekend als %s", t->gebieden[i],
				  t->view == VIEW_GEMEENTE ? "gemeente" : "samenwerkingsverband");
			return false;
		}
	}
	return true;
}

bool target_parse(const target_input *in, const dataset *ds, target *out, strbuf *err)
{
	target *t = out;
	if (!target_parse_scope(in, ds, t, err) || !parse_regels(in->regels, t, err) || !parse_goal(in, t, err))
		return false;
	if (!present(in->streefdatum))
		return refuse(err, "vul de datum in waarop het doel bereikt moet zijn");
	if (date_parse(in->streefdatum, strlen(in->streefdatum), &t->target_date))
		return refuse(err, "de datum waarop het doel bereikt moet zijn is geen datum JJJJ-MM-DD");
	return target_validate(t, ds, err);
}

void target_regels_text(const target *t, bool labels, strbuf *out)
{
	unsigned n = t->telling == TT_RESULTAATSCHEMA ? R_COUNT : JR_COUNT;
	const char *sep = labels ? " + " : ",";
	bool first = true;
	for (unsigned r = 0; r < n; r++) {
		if (!(t->regels & 1u << r))
			continue;
		const char *text = t->telling == TT_RESULTAATSCHEMA ? (labels ? REGELS[r].label : REGELS[r].code)
								    : (labels ? JAAR_REGELS[r].label : JAAR_REGELS[r].code);
		sb_printf(out, "%s%s", first ? "" : sep, text + strspn(text, " "));
		first = false;
	}
}

void target_format(const target *t, target_text *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->per, sizeof out->per, "%s", t->view == VIEW_SWV ? "swv" : "gemeente");
	snprintf(out->telling, sizeof out->telling, "%s", t->telling == TT_JAARTELLING ? "jaartelling" : "resultaatschema");
	snprintf(out->kolom, sizeof out->kolom, "%s", t->column == TC_LANG ? "lang" : "totaal");
	if (t->telling == TT_JAARTELLING)
		snprintf(out->basis, sizeof out->basis, "%d", (int)t->baseline_schooljaar);
	else
		date_format(t->baseline_peildatum, out->basis);
	if (t->goal_kind == GOAL_RELATIVE) {
		int32_t v = t->goal_relative, a = v < 0 ? -v : v;
		if (a % 100)
			snprintf(out->verandering, sizeof out->verandering, "%s%d.%02d", v < 0 ? "-" : "", (int)(a / 100),
				 (int)(a % 100));
		else
			snprintf(out->verandering, sizeof out->verandering, "%s%d", v < 0 ? "-" : "", (int)(a / 100));
	} else {
		snprintf(out->aantal, sizeof out->aantal, "%lld", (long long)t->goal_number);
	}
	date_format(t->target_date, out->streefdatum);
	size_t at = 0;
	for (size_t i = 0; i < t->n_gebieden && at + 8 < sizeof out->gebieden; i++)
		at += (size_t)snprintf(out->gebieden + at, sizeof out->gebieden - at, "%s%s", i ? "," : "", t->gebieden[i]);
	strbuf sb = STRBUF_INIT;
	target_regels_text(t, false, &sb);
	snprintf(out->regels, sizeof out->regels, "%s", sb_str(&sb));
	sb_free(&sb);
}

static cell_state state_of_sum(int64_t sum, bool all_shown)
{
	if (all_shown)
		return CELL_SHOWN;
	return sum >= 1 && sum <= 4 ? CELL_SMALL : CELL_HIDDEN;
}

bool target_protected_telling(const target *t, const dataset *ds, const telling *count, cell_state *out)
{
	int64_t sum;
	if (!target_actual_telling(t, ds, count, &sum))
		return false;
	bool shown = true;
	int col = t->column == TC_LANG ? COL_LANG : COL_TOTAAL;
	for (size_t i = 0; i < t->n_gebieden && shown; i++) {
		int32_t g = target_gebied(t, ds, i);
		suppression sp;
		suppress_small_numbers(count, (size_t)g, &sp);
		for (unsigned r = 0; r < R_COUNT && shown; r++)
			if (t->regels & 1u << r)
				shown = sp.cell[r][col] == CELL_SHOWN;
	}
	*out = state_of_sum(sum, shown);
	return true;
}

bool target_protected_jaartelling(const target *t, const dataset *ds, const jaartelling *count, cell_state *out)
{
	int64_t sum;
	if (!target_actual_jaartelling(t, ds, count, &sum))
		return false;
	bool shown = true;
	for (size_t i = 0; i < t->n_gebieden && shown; i++) {
		int32_t g = target_gebied(t, ds, i);
		for (unsigned r = 0; r < JR_COUNT && shown; r++) {
			if (!(t->regels & 1u << r))
				continue;
			jaar_value v;
			jaartelling_value_of(count, (size_t)g, (jaar_regel)r, &v);
			int64_t x = t->column == TC_LANG ? v.lang : v.totaal;
			shown = x == 0 || x >= 5;
		}
	}
	*out = state_of_sum(sum, shown);
	return true;
}
