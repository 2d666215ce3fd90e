/*
 * targets.c - targets of SPEC 8: validation, the straight line from baseline
 * to goal, on track or not, the figure from a count, and the seeds' templates.
 */
#include "targets.h"

#include <stdio.h>
#include <string.h>

#include "leerplicht.h"

enum {
	PERCENT_SCALE = 10000,	     /* goal_relative is in hundredths of a percent */
	MAX_RELATIVE = 100000,	     /* +1000 % */
	MAX_SPAN_DAYS = 100 * 366,   /* a target within a century */
};
#define MAX_NUMBER INT64_C(1000000000)

static unsigned n_regels(const target *t)
{
	return t->telling == TT_RESULTAATSCHEMA ? R_COUNT : JR_COUNT;
}

static const char *regel_code(const target *t, unsigned r)
{
	return t->telling == TT_RESULTAATSCHEMA ? REGELS[r].code : JAAR_REGELS[r].code;
}

static bool regel_has_lang(const target *t, unsigned r)
{
	if (t->telling == TT_JAARTELLING)
		return JAAR_REGELS[r].duur;
	return REGELS[r].shape == SHAPE_KORT_LANG || REGELS[r].shape == SHAPE_LANG;
}

static int32_t gebied_index(const dataset *ds, view v, const char *code)
{
	size_t len = strlen(code);
	return v == VIEW_GEMEENTE ? dataset_gemeente(ds, code, len) : dataset_swv(ds, code, len);
}

static bool refuse(strbuf *err, const char *msg)
{
	sb_puts(err, msg);
	return false;
}

static bool validate_gebieden(const target *t, const dataset *ds, strbuf *err)
{
	if (t->view != VIEW_GEMEENTE && t->view != VIEW_SWV)
		return refuse(err, "kies of het doel geldt voor gemeenten of voor samenwerkingsverbanden");
	if (t->n_gebieden == 0)
		return refuse(err, "kies ten minste één gebied voor het doel");
	if (t->n_gebieden > TARGET_MAX_GEBIEDEN) {
		sb_printf(err, "een doel geldt voor ten hoogste %d gebieden", TARGET_MAX_GEBIEDEN);
		return false;
	}
	const char *soort = t->view == VIEW_GEMEENTE ? "gemeente" : "samenwerkingsverband";
	for (size_t i = 0; i < t->n_gebieden; i++) {
		const char *code = t->gebieden[i];
		if (!memchr(code, '\0', sizeof t->gebieden[i]) || !*code)
			return refuse(err, "een gebied van het doel heeft geen geldige code");
		for (size_t k = 0; k < i; k++)
			if (strcmp(code, t->gebieden[k]) == 0) {
				sb_printf(err, "het gebied %s staat twee keer bij het doel", code);
				return false;
			}
		if (ds && gebied_index(ds, (view)t->view, code) == NO_REF) {
			sb_printf(err, "het gebied %s is onbekend als %s", code, soort);
			return false;
		}
	}
	return true;
}

static bool validate_regels(const target *t, strbuf *err)
{
	if (t->telling != TT_RESULTAATSCHEMA && t->telling != TT_JAARTELLING)
		return refuse(err, "kies of het doel over het Resultaatschema of over de jaartelling gaat");
	unsigned n = n_regels(t);
	if (!t->regels)
		return refuse(err, "kies ten minste één regel voor het doel");
	if (n < 32 && t->regels >> n)
		return refuse(err, "een regel van het doel bestaat niet in die telling");
	if (t->column != TC_TOTAAL && t->column != TC_LANG)
		return refuse(err, "kies of het doel over het totaal of over drie maanden of langer gaat");
	for (unsigned r = 0; r < n; r++) {
		if (!(t->regels & 1u << r))
			continue;
		if (t->telling == TT_RESULTAATSCHEMA && REGELS[r].shape == SHAPE_RATE) {
			sb_printf(err, "de regel %s is een verhouding; kies de aantallen waaruit hij bestaat", REGELS[r].code);
			return false;
		}
		if (t->column == TC_LANG && !regel_has_lang(t, r)) {
			sb_printf(err, "de regel %s heeft geen aantal voor drie maanden of langer", regel_code(t, r));
			return false;
		}
	}
	return true;
}

bool target_validate(const target *t, const dataset *ds, strbuf *err)
{
	if (!memchr(t->naam, '\0', sizeof t->naam))
		return refuse(err, "de naam van het doel is te lang");
	if (!validate_gebieden(t, ds, err) || !validate_regels(t, err))
		return false;
	if (t->telling == TT_RESULTAATSCHEMA && t->baseline_peildatum == DAY_NONE)
		return refuse(err, "de peildatum van de basis ontbreekt");
	if (t->telling == TT_JAARTELLING &&
	    (t->baseline_schooljaar < DATE_MIN_YEAR || t->baseline_schooljaar >= DATE_MAX_YEAR))
		return refuse(err, "het schooljaar van de basis ontbreekt of bestaat niet");
	if (t->goal_kind == GOAL_RELATIVE) {
		if (t->goal_relative < -PERCENT_SCALE || t->goal_relative > MAX_RELATIVE)
			return refuse(err, "de verandering van het doel ligt tussen -100% en +1000%");
	} else if (t->goal_kind == GOAL_NUMBER) {
		if (t->goal_number < 0 || t->goal_number > MAX_NUMBER)
			return refuse(err, "het aantal van het doel is niet negatief en ten hoogste een miljard");
	} else {
		return refuse(err, "kies of het doel een verandering in procenten of een aantal is");
	}
	day_t t0 = target_baseline_day(t);
	if (t->target_date == DAY_NONE || t->target_date == DAY_OPEN)
		return refuse(err, "de datum waarop het doel bereikt moet zijn ontbreekt");
	if (t->target_date <= t0)
		return refuse(err, "de datum waarop het doel bereikt moet zijn ligt na de basis");
	if ((int64_t)t->target_date - t0 > MAX_SPAN_DAYS)
		return refuse(err, "de datum waarop het doel bereikt moet zijn ligt binnen honderd jaar na de basis");
	return true;
}

day_t target_baseline_day(const target *t)
{
	return t->telling == TT_JAARTELLING ? schooljaar_last(t->baseline_schooljaar) : t->baseline_peildatum;
}

size_t target_points(const target *t, day_t until, day_t *out, size_t max)
{
	day_t t0 = target_baseline_day(t);
	size_t n = 0;
	if (until < t0 || max == 0)
		return 0;
	out[n++] = t0;
	if (t->telling == TT_JAARTELLING) {
		for (int y = t->baseline_schooljaar + 1; y < DATE_MAX_YEAR && schooljaar_last(y) <= until && n < max; y++)
			out[n++] = schooljaar_last(y);
		return n;
	}
	int last_year = civil_from_day(until).year;
	for (int y = civil_from_day(schooljaar_start(t0)).year; y <= last_year && n < max; y++) {
		day_t three[3];
		size_t k = ijkmomenten(y, y + 1, three, 3);
		for (size_t i = 0; i < k && n < max; i++)
			if (three[i] > t0 && three[i] <= until)
				out[n++] = three[i];
	}
	return n;
}

/* The goal times PERCENT_SCALE, exactly. */
static int64_t goal_scaled(const target *t, int64_t baseline)
{
	if (t->goal_kind == GOAL_NUMBER)
		return t->goal_number * PERCENT_SCALE;
	return baseline * (PERCENT_SCALE + t->goal_relative);
}

fraction target_goal(const target *t, int64_t baseline)
{
	return (fraction){goal_scaled(t, baseline), PERCENT_SCALE};
}

bool target_line_at(const target *t, int64_t baseline, day_t d, fraction *out)
{
	day_t t0 = target_baseline_day(t), t1 = t->target_date;
	if (d < t0 || t1 <= t0)
		return false;
	int64_t span = (int64_t)t1 - t0, goal = goal_scaled(t, baseline), base = baseline * PERCENT_SCALE;
	out->den = PERCENT_SCALE * span;
	if (d >= t1)
		out->num = goal * span;
	else
		out->num = base * span + (goal - base) * ((int64_t)d - t0);
	return true;
}

bool target_on_track(const target *t, int64_t baseline, day_t d, int64_t actual)
{
	fraction line;
	return target_line_at(t, baseline, d, &line) && actual * line.den <= line.num;
}

void fraction_text(fraction f, char out[32])
{
	/* Values are not negative: goals are 0 or more. Split to stay in range. */
	int64_t whole = f.num / f.den, rest = f.num % f.den;
	int64_t hundredths = whole * 100 + (rest * 200 + f.den) / (2 * f.den);
	snprintf(out, 32, "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
}

/* The column of one regel of a gebied in a count (SPEC 5 or SPEC 8.1). */
static int64_t telling_cell_of(const void *count, size_t g, unsigned r, uint8_t column)
{
	telling_value v;
	telling_value_of(count, g, (regel)r, &v);
	return column == TC_LANG ? v.lang : v.totaal;
}

static int64_t jaar_cell_of(const void *count, size_t g, unsigned r, uint8_t column)
{
	jaar_value v;
	jaartelling_value_of(count, g, (jaar_regel)r, &v);
	return column == TC_LANG ? v.lang : v.totaal;
}

/* The sum over the target's gebieden and regels; false for a gebied unknown to ds. */
static bool target_sum(const target *t, const dataset *ds, const void *count,
		       int64_t (*cell)(const void *, size_t, unsigned, uint8_t), int64_t *out)
{
	int64_t sum = 0;
	for (size_t i = 0; i < t->n_gebieden; i++) {
		int32_t g = gebied_index(ds, (view)t->view, t->gebieden[i]);
		if (g == NO_REF)
			return false;
		for (unsigned r = 0; r < n_regels(t); r++)
			if (t->regels & 1u << r)
				sum += cell(count, (size_t)g, r, t->column);
	}
	*out = sum;
	return true;
}

bool target_actual_telling(const target *t, const dataset *ds, const telling *count, int64_t *out)
{
	return t->telling == TT_RESULTAATSCHEMA && count->view == (view)t->view &&
	       target_sum(t, ds, count, telling_cell_of, out);
}

bool target_actual_jaartelling(const target *t, const dataset *ds, const jaartelling *count, int64_t *out)
{
	return t->telling == TT_JAARTELLING && count->view == (view)t->view &&
	       target_sum(t, ds, count, jaar_cell_of, out);
}

const template_desc TEMPLATES[TEMPLATE_COUNT] = {
	[TEMPLATE_G4] = {"g4", "G4 Thuiszittersaanpak", TT_RESULTAATSCHEMA,
			 "G4 Thuiszittersaanpak (februari 2017), par. 2.2: gerekend vanaf de stand op 1 oktober 2016"},
	[TEMPLATE_ZUID_LIMBURG] = {"zuid-limburg", "Thuiszittersaanpak Zuid-Limburg", TT_JAARTELLING,
				   "Thuiszittersaanpak Zuid-Limburg (april 2018), beoogde resultaten en par. 2.3: "
				   "de leerplichtrapportage per schooljaar (2016-2017) is leidend"},
};

/* One target of a template: the regels, column and goal, to be met `years`
 * after the baseline peildatum (SPEC 5) or `years` schooljaren after the
 * baseline schooljaar (SPEC 8.1). */
typedef struct template_target {
	const char *naam;
	uint32_t regels;
	uint8_t column, goal_kind;
	int32_t relative;
	int years;
} template_target;

#define BIT(r) (1u << (r))

/* Seed 000 §2.2: "We verminderen het aantal leerlingen dat absoluut verzuimt
 * met 75% in vier jaar"; "relatief verzuimt met 25% per jaar tot nul,
 * gerekend met de stand ... in 2016" (a straight line to zero in four years);
 * 5a "een reductie van minimaal 10% ... fasegewijs tot 2020"; "in 2020 geen
 * enkel kind of jongere langer dan drie maanden thuis zonder passend aanbod". */
static const template_target G4[] = {
	{"G4: absoluut verzuim 75% minder in vier jaar", BIT(R_AV_PO) | BIT(R_AV_VO), TC_TOTAAL, GOAL_RELATIVE,
	 -7500, 4},
	{"G4: langdurig relatief verzuim 25% per jaar minder, tot nul", BIT(R_LRV_PO) | BIT(R_LRV_VO), TC_TOTAAL,
	 GOAL_RELATIVE, -10000, 4},
	{"G4: vrijstellingen 5a minstens 10% minder",
	 BIT(R_VRIJSTELLING_5A_TIJDELIJK) | BIT(R_VRIJSTELLING_5A_PERMANENT), TC_TOTAAL, GOAL_RELATIVE, -1000, 4},
	{"G4: niemand langer dan drie maanden thuis zonder passend aanbod", BIT(R_THUISZITTERS_LANG_ZONDER_AANBOD),
	 TC_LANG, GOAL_NUMBER, 0, 4},
};

/* Seed 002: "Absoluut verzuim: het aantal leerlingen dat absoluut verzuimt
 * wordt verminderd met 50% in vier jaar"; "Relatief verzuim: het aantal
 * leerlingen dat relatief langdurig verzuimt wordt verminderd met 50% per
 * jaar" (from the 2016-2017 figure: a straight line to zero in two years);
 * §2.3 "naar nul leerlingen die langer dan drie maanden thuiszitten" in 2020.
 * "Het aantal vrijstellingen wordt gereduceerd" names no figure: no target. */
static const template_target ZUID_LIMBURG[] = {
	{"Zuid-Limburg: absoluut verzuim 50% minder in vier jaar", BIT(JR_AV), TC_TOTAAL, GOAL_RELATIVE, -5000, 4},
	{"Zuid-Limburg: langdurig relatief verzuim 50% per jaar minder", BIT(JR_LRV), TC_TOTAAL, GOAL_RELATIVE,
	 -10000, 2},
	{"Zuid-Limburg: niemand langer dan drie maanden langdurig relatief verzuim", BIT(JR_LRV), TC_LANG,
	 GOAL_NUMBER, 0, 4},
};

size_t target_template_apply(target_template tpl, view v, const char *const *gebieden, size_t n_gebieden,
			     day_t baseline_peildatum, int baseline_schooljaar, target *out)
{
	if ((unsigned)tpl >= TEMPLATE_COUNT || n_gebieden == 0 || n_gebieden > TARGET_MAX_GEBIEDEN)
		return 0;
	bool yearly = TEMPLATES[tpl].telling == TT_JAARTELLING;
	if (yearly ? baseline_schooljaar < DATE_MIN_YEAR || baseline_schooljaar >= DATE_MAX_YEAR - 8
		   : baseline_peildatum == DAY_NONE || baseline_peildatum == DAY_OPEN)
		return 0;
	for (size_t i = 0; i < n_gebieden; i++)
		if (!gebieden[i] || !*gebieden[i] || strlen(gebieden[i]) >= sizeof out->gebieden[0])
			return 0;
	const template_target *list = tpl == TEMPLATE_G4 ? G4 : ZUID_LIMBURG;
	size_t n = tpl == TEMPLATE_G4 ? sizeof G4 / sizeof G4[0] : sizeof ZUID_LIMBURG / sizeof ZUID_LIMBURG[0];
	for (size_t i = 0; i < n; i++) {
		target *t = &out[i];
		memset(t, 0, sizeof *t);
		snprintf(t->naam, sizeof t->naam, "%s", list[i].naam);
		t->view = (uint8_t)v;
		t->n_gebieden = (uint16_t)n_gebieden;
		for (size_t k = 0; k < n_gebieden; k++)
			snprintf(t->gebieden[k], sizeof t->gebieden[k], "%s", gebieden[k]);
		t->telling = TEMPLATES[tpl].telling;
		t->regels = list[i].regels;
		t->column = list[i].column;
		t->goal_kind = list[i].goal_kind;
		t->goal_relative = list[i].goal_kind == GOAL_RELATIVE ? list[i].relative : 0;
		t->goal_number = 0;
		t->baseline_peildatum = yearly ? DAY_NONE : baseline_peildatum;
		t->baseline_schooljaar = yearly ? baseline_schooljaar : 0;
		t->target_date = yearly ? schooljaar_last(baseline_schooljaar + list[i].years)
					: add_months(baseline_peildatum, 12 * list[i].years);
	}
	return n;
}
