/*
 * breed.c - the broad count of SPEC 8 (what it takes in: breed.h).
 */
#include "breed.h"

#include <stdlib.h>

#include "../util/alloc.h"

const regel_desc BREED_REGELS[BR_COUNT] = {
	[BR_TOTAAL] = {"BREED_TOTAAL", SHAPE_TOTAAL, "Brede telling totaal"},
	[BR_AV] = {"BREED_AV", SHAPE_KORT_LANG, "  absoluut verzuim (geteld)"},
	[BR_AV_5C] = {"BREED_AV_NIET_GETELD_5C", SHAPE_KORT_LANG, "  absoluut verzuim, aanvraag 5c loopt"},
	[BR_AV_ADRES] = {"BREED_AV_NIET_GETELD_ADRES", SHAPE_KORT_LANG, "  absoluut verzuim, adres in onderzoek"},
	[BR_LRV] = {"BREED_LRV", SHAPE_KORT_LANG, "  langdurig relatief verzuim"},
	[BR_LANGDURIG_ZIEK] = {"BREED_LANGDURIG_ZIEK", SHAPE_KORT_LANG, "  langdurig ziek"},
	[BR_GESCHORST_VERWIJDERD] = {"BREED_GESCHORST_VERWIJDERD", SHAPE_KORT_LANG,
				     "  geschorst of verwijderd, vier weken of langer"},
	[BR_VRIJSTELLING_5A] = {"BREED_VRIJSTELLING_5A", SHAPE_TOTAAL, "  vrijstelling 5a (tijdelijk of permanent)"},
};

breed_regel breed_regel_of(const classification *c)
{
	if (!c->in_scope)
		return BR_COUNT;
	/* Four weeks as SPEC 4 counts them: 28 elapsed days, holidays left out. */
	bool four_weeks = c->startdatum != DAY_NONE && c->elapsed >= 28;
	switch (c->cat) {
	case CAT_AV: return BR_AV;
	case CAT_AV_5C_IN_BEHANDELING: return four_weeks ? BR_AV_5C : BR_COUNT;
	case CAT_AV_ADRES_IN_ONDERZOEK: return four_weeks ? BR_AV_ADRES : BR_COUNT;
	case CAT_LRV: return BR_LRV;
	case CAT_LANGDURIG_ZIEK: return BR_LANGDURIG_ZIEK;
	case CAT_GESCHORST_VERWIJDERD: return four_weeks ? BR_GESCHORST_VERWIJDERD : BR_COUNT;
	case CAT_VRIJSTELLING_5A_TIJDELIJK:
	case CAT_VRIJSTELLING_5A_PERMANENT: return BR_VRIJSTELLING_5A;
	default: return BR_COUNT;
	}
}

void breed_init(breedtelling *t, const dataset *ds, view v)
{
	t->view = v;
	t->n_gebieden = v == VIEW_GEMEENTE ? ds->n_gemeenten : ds->n_swvs;
	t->cells = xcalloc((t->n_gebieden ? t->n_gebieden : 1) * BR_COUNT, sizeof *t->cells);
}

void breed_free(breedtelling *t)
{
	free(t->cells);
	t->cells = NULL;
}

void breed_add(breedtelling *t, const classification *c)
{
	breed_regel r = breed_regel_of(c);
	int32_t g = t->view == VIEW_GEMEENTE ? c->gemeente : c->swv;
	if (r == BR_COUNT || g == NO_REF)
		return;
	telling_cell *row = &t->cells[(size_t)g * BR_COUNT];
	row[BR_TOTAAL].kort++;
	if (BREED_REGELS[r].shape == SHAPE_TOTAAL || !c->lang)
		row[r].kort++;
	else
		row[r].lang++;
}

void breed_merge(breedtelling *into, const breedtelling *from)
{
	for (size_t i = 0; i < into->n_gebieden * BR_COUNT; i++) {
		into->cells[i].kort += from->cells[i].kort;
		into->cells[i].lang += from->cells[i].lang;
	}
}

void breed_value_of(const breedtelling *t, size_t gebied, breed_regel r, telling_value *out)
{
	const telling_cell *cell = &t->cells[gebied * BR_COUNT + (size_t)r];
	*out = (telling_value){.has_totaal = true, .totaal = cell->kort + cell->lang};
	if (BREED_REGELS[r].shape == SHAPE_KORT_LANG) {
		out->has_kort = out->has_lang = true;
		out->kort = cell->kort;
		out->lang = cell->lang;
	}
}
