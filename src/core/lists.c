/*
 * lists.c - the lists of pupils: status lines, which categories each list
 * shows, the filter groups, and the urgent pupil. See lists.h.
 */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

void status_row_of(uint32_t p, const classification *c, status_row *out)
{
	*out = (status_row){
		.pupil = p,
		.startdatum = c->startdatum,
		.duur = c->startdatum != DAY_NONE ? c->duur_dagen : -1,
		.gemeente = c->gemeente,
		.swv = c->swv,
		.school = c->school,
		.vrijstelling = categorie_is_vrijstelling(c->cat) ? c->vrijstelling : -1,
		.cat = (uint8_t)c->cat,
		.sector = c->sector,
		.lang = c->lang,
		.zonder_aanbod = c->zonder_aanbod,
	};
}

void status_rows_free(status_rows *r)
{
	free(r->rows);
	*r = (status_rows){0};
}

bool categorie_is_av_niet_geteld(categorie c)
{
	return categorie_is_av_family(c) && c != CAT_AV;
}

bool categorie_on_list(pupil_list l, categorie c)
{
	switch (l) {
	case LIST_THUISZITTERSLIJST:
		return categorie_is_av_family(c) || c == CAT_LRV || c == CAT_LANGDURIG_ZIEK || c == CAT_GESCHORST_VERWIJDERD;
	case LIST_TAFEL: return c == CAT_AV || c == CAT_LRV || c == CAT_LANGDURIG_ZIEK;
	default: return false;
	}
}

categorie_set list_categories(pupil_list l)
{
	categorie_set s = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		if (categorie_on_list(l, (categorie)c))
			s |= categorie_set_of((categorie)c);
	return s;
}

bool categorie_group(const char *name, categorie_set *out)
{
	*out = 0;
	if (strcmp(name, "alle") == 0) {
		*out = CATSET_ALL;
		return true;
	}
	for (int c = 0; c < CAT_COUNT; c++) {
		bool in = strcmp(name, "thuiszitters") == 0	  ? categorie_is_thuiszitter((categorie)c)
			  : strcmp(name, "niet-geteld") == 0 ? categorie_is_av_niet_geteld((categorie)c)
							     : strcmp(name, CATEGORIE_CODES[c]) == 0;
		if (in)
			*out |= categorie_set_of((categorie)c);
	}
	return *out != 0;
}

bool thuiszitter_lang_zonder_aanbod(categorie c, bool lang, bool zonder_aanbod)
{
	return categorie_is_thuiszitter(c) && lang && zonder_aanbod;
}
