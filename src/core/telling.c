/*
 * telling.c - the Resultaatschema of SPEC 5: accumulating classifications
 * into cells per gebied and regel, merging partial tellingen, and reading a
 * row's values. See telling.h.
 */
#include "telling.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/alloc.h"
#include "lists.h"

const regel_desc REGELS[R_COUNT] = {
	[R_AV_PO] = {"AV_PO", SHAPE_KORT_LANG, "Absoluut verzuim PO"},
	[R_AV_VO] = {"AV_VO", SHAPE_KORT_LANG, "Absoluut verzuim VO"},
	[R_AV_VO_WAARVAN_OVERSTAP_MBO] = {"AV_VO_WAARVAN_OVERSTAP_MBO", SHAPE_KORT_LANG,
					  "  waarvan wachtend op instroom mbo"},
	[R_LRV_PO] = {"LRV_PO", SHAPE_KORT_LANG, "Langdurig relatief verzuim PO"},
	[R_LRV_VO] = {"LRV_VO", SHAPE_KORT_LANG, "Langdurig relatief verzuim VO"},
	[R_THUISZITTERS_TOTAAL] = {"THUISZITTERS_TOTAAL", SHAPE_KORT_LANG, "Thuiszitters totaal"},
	[R_THUISZITTERS_LANG_ZONDER_AANBOD] = {"THUISZITTERS_LANG_ZONDER_AANBOD", SHAPE_LANG,
					       "  waarvan 3 mnd+ zonder passend aanbod"},
	[R_LEERPLICHTIGEN] = {"LEERPLICHTIGEN", SHAPE_TOTAAL, "Leerplichtigen"},
	[R_THUISZITTERS_PER_1000] = {"THUISZITTERS_PER_1000", SHAPE_RATE, "Thuiszitters per 1.000 leerplichtigen"},
	[R_VRIJSTELLING_5A_TIJDELIJK] = {"VRIJSTELLING_5A_TIJDELIJK", SHAPE_TOTAAL, "Vrijstelling 5a tijdelijk"},
	[R_VRIJSTELLING_5A_PERMANENT] = {"VRIJSTELLING_5A_PERMANENT", SHAPE_TOTAAL, "Vrijstelling 5a permanent"},
	[R_VRIJSTELLING_5B] = {"VRIJSTELLING_5B", SHAPE_TOTAAL, "Vrijstelling 5b"},
	[R_VRIJSTELLING_5C] = {"VRIJSTELLING_5C", SHAPE_TOTAAL, "Vrijstelling 5c"},
	[R_LANGDURIG_ZIEK] = {"LANGDURIG_ZIEK", SHAPE_KORT_LANG, "Langdurig ziek"},
	[R_GESCHORST_VERWIJDERD] = {"GESCHORST_VERWIJDERD", SHAPE_KORT_LANG, "Geschorst of verwijderd"},
	[R_AV_NIET_GETELD_KORT] = {"AV_NIET_GETELD_KORT", SHAPE_TOTAAL, "Niet geteld: AV korter dan 4 weken"},
	[R_AV_NIET_GETELD_5C] = {"AV_NIET_GETELD_5C", SHAPE_TOTAAL, "Niet geteld: aanvraag 5c loopt"},
	[R_AV_NIET_GETELD_ADRES] = {"AV_NIET_GETELD_ADRES", SHAPE_TOTAAL, "Niet geteld: adres in onderzoek"},
};

void telling_init(telling *t, const dataset *ds, view v)
{
	t->view = v;
	t->n_gebieden = v == VIEW_GEMEENTE ? ds->n_gemeenten : ds->n_swvs;
	t->cells = xcalloc((t->n_gebieden ? t->n_gebieden : 1) * R_COUNT, sizeof *t->cells);
}

void telling_free(telling *t)
{
	free(t->cells);
	t->cells = NULL;
}

static void bump(telling_cell *row, regel r, bool lang, int sign)
{
	if (lang)
		row[r].lang += sign;
	else
		row[r].kort += sign;
}

/* The regel a categorie is counted in (R_COUNT: none besides the denominator). */
static regel regel_of(const classification *c)
{
	switch (c->cat) {
	case CAT_AV: return c->sector == SECTOR_PO ? R_AV_PO : R_AV_VO;
	case CAT_LRV: return c->sector == SECTOR_PO ? R_LRV_PO : R_LRV_VO;
	case CAT_VRIJSTELLING_5A_TIJDELIJK: return R_VRIJSTELLING_5A_TIJDELIJK;
	case CAT_VRIJSTELLING_5A_PERMANENT: return R_VRIJSTELLING_5A_PERMANENT;
	case CAT_VRIJSTELLING_5B: return R_VRIJSTELLING_5B;
	case CAT_VRIJSTELLING_5C: return R_VRIJSTELLING_5C;
	case CAT_LANGDURIG_ZIEK: return R_LANGDURIG_ZIEK;
	case CAT_GESCHORST_VERWIJDERD: return R_GESCHORST_VERWIJDERD;
	case CAT_AV_KORT: return R_AV_NIET_GETELD_KORT;
	case CAT_AV_5C_IN_BEHANDELING: return R_AV_NIET_GETELD_5C;
	case CAT_AV_ADRES_IN_ONDERZOEK: return R_AV_NIET_GETELD_ADRES;
	default: return R_COUNT;
	}
}

/* Count c into t (sign 1) or take it out again (sign -1). */
static inline __attribute__((always_inline)) void tally(telling *t, const classification *c, int sign)
{
	if (!c->in_scope)
		return;
	int32_t gebied = t->view == VIEW_GEMEENTE ? c->gemeente : c->swv;
	int32_t denominator = t->view == VIEW_GEMEENTE ? c->gemeente : c->swv_enrolled;
	if (denominator != NO_REF)
		t->cells[(size_t)denominator * R_COUNT + R_LEERPLICHTIGEN].kort += sign;
	if (gebied == NO_REF)
		return;
	telling_cell *row = &t->cells[(size_t)gebied * R_COUNT];
	regel r = regel_of(c);
	if (r == R_COUNT)
		return;
	if (REGELS[r].shape == SHAPE_TOTAAL) {
		row[r].kort += sign;
		return;
	}
	bump(row, r, c->lang, sign);
	if (categorie_is_thuiszitter(c->cat)) {
		bump(row, R_THUISZITTERS_TOTAAL, c->lang, sign);
		if (c->cat == CAT_AV && c->overstap_mbo && c->sector == SECTOR_VO)
			bump(row, R_AV_VO_WAARVAN_OVERSTAP_MBO, c->lang, sign);
		if (thuiszitter_lang_zonder_aanbod(c->cat, c->lang, c->zonder_aanbod))
			row[R_THUISZITTERS_LANG_ZONDER_AANBOD].lang += sign;
	}
}

void telling_add(telling *t, const dataset *ds, const classification *c)
{
	(void)ds;
	tally(t, c, 1);
}

void telling_remove(telling *t, const dataset *ds, const classification *c)
{
	(void)ds;
	tally(t, c, -1);
}

void telling_merge(telling *into, const telling *from)
{
	for (size_t i = 0; i < into->n_gebieden * R_COUNT; i++) {
		into->cells[i].kort += from->cells[i].kort;
		into->cells[i].lang += from->cells[i].lang;
	}
}

bool per_1000(int64_t n, int64_t d, char out[32])
{
	if (d <= 0) {
		out[0] = '\0';
		return false;
	}
	/* hundredths = floor(n * 100000 / d + 1/2), in integers. */
	int64_t hundredths = (n * 200000 + d) / (2 * d);
	snprintf(out, 32, "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
	return true;
}

void telling_value_of(const telling *t, size_t gebied, regel r, telling_value *out)
{
	const telling_cell *row = &t->cells[gebied * R_COUNT];
	*out = (telling_value){0};
	switch (REGELS[r].shape) {
	case SHAPE_KORT_LANG:
		out->has_kort = out->has_lang = out->has_totaal = true;
		out->kort = row[r].kort;
		out->lang = row[r].lang;
		out->totaal = out->kort + out->lang;
		break;
	case SHAPE_LANG:
		out->has_lang = out->has_totaal = true;
		out->lang = out->totaal = row[r].lang;
		break;
	case SHAPE_TOTAAL:
		out->has_totaal = true;
		out->totaal = row[r].kort;
		break;
	case SHAPE_RATE: {
		const telling_cell *tz = &row[R_THUISZITTERS_TOTAAL];
		out->is_rate = true;
		out->has_totaal = per_1000(tz->kort + tz->lang, row[R_LEERPLICHTIGEN].kort, out->rate);
		break;
	}
	}
}

void telling_value_sum(const telling *t, const size_t *gebieden, size_t n, regel r, telling_value *out)
{
	*out = (telling_value){0};
	if (REGELS[r].shape == SHAPE_RATE) { /* the rate of the sums, not a sum of rates */
		telling_value tz, lp;
		telling_value_sum(t, gebieden, n, R_THUISZITTERS_TOTAAL, &tz);
		telling_value_sum(t, gebieden, n, R_LEERPLICHTIGEN, &lp);
		out->is_rate = true;
		out->has_totaal = per_1000(tz.totaal, lp.totaal, out->rate);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		telling_value v;
		telling_value_of(t, gebieden[i], r, &v);
		out->has_kort = v.has_kort, out->has_lang = v.has_lang, out->has_totaal = v.has_totaal;
		out->kort += v.kort, out->lang += v.lang, out->totaal += v.totaal;
	}
}

const char *gebied_code(const dataset *ds, view v, size_t i)
{
	return v == VIEW_GEMEENTE ? ds->gemeenten[i].code : ds->swvs[i].code;
}

const char *gebied_naam(const dataset *ds, view v, size_t i)
{
	const char *n = v == VIEW_GEMEENTE ? ds->gemeenten[i].naam : ds->swvs[i].naam;
	return n ? n : "";
}
