/*
 * jaarverslag.c - the annual report's schooljaar and the protection of its
 * school-year and broad counts (jaarverslag.h).
 */
#include "jaarverslag.h"

#include "leerplicht.h"

int jaarverslag_schooljaar(day_t today)
{
	/* The schooljaar running today started on 1 August of year Y; the last
	 * complete one is Y-1 (on 31 July, the one running is not over yet). */
	return civil_from_day(schooljaar_start(today)).year - 1;
}

static cell_state small(int64_t v)
{
	return v >= 1 && v <= 4 ? CELL_SMALL : CELL_SHOWN;
}

void jaar_protect(const jaartelling *t, size_t g, cell_state out[JR_COUNT][3])
{
	for (int r = 0; r < JR_COUNT; r++) {
		jaar_value v;
		jaartelling_value_of(t, g, (jaar_regel)r, &v);
		out[r][0] = small(v.totaal);
		out[r][1] = v.has_lang ? small(v.lang) : CELL_SHOWN;
		out[r][2] = v.has_opgelost ? small(v.opgelost) : CELL_SHOWN;
	}
}

void breed_protect(const breedtelling *t, size_t g, cell_state out[BR_COUNT])
{
	bool any = false;
	for (int r = 0; r < BR_COUNT; r++) {
		telling_value v;
		breed_value_of(t, g, (breed_regel)r, &v);
		out[r] = small(v.totaal);
		if (r != BR_TOTAAL && out[r] != CELL_SHOWN)
			any = true;
	}
	if (any && out[BR_TOTAAL] == CELL_SHOWN)
		out[BR_TOTAAL] = CELL_HIDDEN;
}
