/*
 * encode.c - a dataset back into canonical rows of text, table by table (what
 * the registry stores). See encode.h.
 */
#include "encode.h"

#include <stdio.h>
#include <string.h>

typedef struct scratch {
	char dates[4][DATE_TEXT];
	char uren[16];
} scratch;

static field txt(const char *s)
{
	return (field){s, s ? strlen(s) : 0};
}

static field date_field(char *buf, day_t d)
{
	date_format(d, buf);
	return txt(buf);
}

void format_uren(int32_t h, char out[16])
{
	if (h % 100 == 0)
		snprintf(out, 16, "%d", h / 100);
	else if (h % 10 == 0)
		snprintf(out, 16, "%d.%d", h / 100, h % 100 / 10);
	else
		snprintf(out, 16, "%d.%02d", h / 100, h % 100);
}

static field school_brin(const dataset *ds, int32_t s)
{
	return (field){ds->schools[s].brin, 4};
}

static field school_vest(const dataset *ds, int32_t s)
{
	return (field){ds->schools[s].vestiging, 2};
}

static void encode_fact(const dataset *ds, table_id t, uint32_t p, uint32_t i, scratch *sc, field *f)
{
	f[0] = txt(PUPIL_AT(ds, p).id);
	switch (t) {
	case T_WOONADRESSEN: {
		const residence *r = &FACT_AT(ds, F_RESIDENCE, res, i);
		f[1] = txt(ds->gemeenten[r->gemeente].code);
		f[2] = date_field(sc->dates[0], r->van);
		f[3] = date_field(sc->dates[1], r->tot);
		f[4] = txt(r->in_onderzoek ? "1" : "0");
		break;
	}
	case T_INSCHRIJVINGEN: {
		const enrolment *e = &FACT_AT(ds, F_ENROLMENT, enr, i);
		f[1] = school_brin(ds, e->school);
		f[2] = school_vest(ds, e->school);
		f[3] = date_field(sc->dates[0], e->van);
		f[4] = date_field(sc->dates[1], e->tot);
		break;
	}
	case T_VERZUIM: {
		const absence *a = &FACT_AT(ds, F_ABSENCE, abs, i);
		f[1] = school_brin(ds, a->school);
		f[2] = school_vest(ds, a->school);
		f[3] = txt(VERZUIM_NAMES[a->soort]);
		f[4] = date_field(sc->dates[0], a->van);
		f[5] = date_field(sc->dates[1], a->tot);
		if (a->uren >= 0) {
			format_uren(a->uren, sc->uren);
			f[6] = txt(sc->uren);
		} else {
			f[6] = txt(NULL);
		}
		break;
	}
	case T_VRIJSTELLINGEN: {
		const vrijstelling *v = &FACT_AT(ds, F_VRIJSTELLING, vrij, i);
		f[1] = (field){v->grond, strnlen(v->grond, sizeof v->grond)};
		f[2] = txt(STATUS_NAMES[v->status]);
		f[3] = date_field(sc->dates[0], v->aanvraag);
		f[4] = date_field(sc->dates[1], v->van);
		f[5] = date_field(sc->dates[2], v->tot);
		break;
	}
	case T_MELDINGEN: {
		const melding *m = &FACT_AT(ds, F_MELDING, meld, i);
		f[1] = school_brin(ds, m->school);
		f[2] = school_vest(ds, m->school);
		f[3] = date_field(sc->dates[0], m->datum_melding);
		f[4] = date_field(sc->dates[1], m->eerste_verzuimdag);
		f[5] = txt(m->soort);
		break;
	}
	case T_AANBOD: {
		const aanbod *a = &FACT_AT(ds, F_AANBOD, aanbod, i);
		f[1] = date_field(sc->dates[0], a->datum);
		f[2] = date_field(sc->dates[1], a->plaats_per);
		f[3] = txt(AANBOD_NAMES[a->soort]);
		break;
	}
	default: break;
	}
}

static fact_kind kind_of(table_id t)
{
	switch (t) {
	case T_WOONADRESSEN: return F_RESIDENCE;
	case T_INSCHRIJVINGEN: return F_ENROLMENT;
	case T_VERZUIM: return F_ABSENCE;
	case T_VRIJSTELLINGEN: return F_VRIJSTELLING;
	case T_MELDINGEN: return F_MELDING;
	default: return F_AANBOD;
	}
}

size_t encode_pupil_table(const dataset *ds, table_id t, uint32_t p, void (*emit)(void *, const field *),
			  void *ctx)
{
	field f[TABLE_MAX_COLS];
	scratch sc;
	if (t == T_LEERLINGEN) {
		const pupil *pu = &PUPIL_AT(ds, p);
		f[0] = txt(pu->id);
		f[1] = txt(pu->bsn);
		f[2] = txt(pu->onderwijsnummer);
		f[3] = date_field(sc.dates[0], pu->geboortedatum);
		f[4] = txt(pu->voornaam);
		f[5] = txt(pu->achternaam);
		f[6] = date_field(sc.dates[1], pu->startkwalificatie);
		emit(ctx, f);
		return 1;
	}
	fact_kind k = kind_of(t);
	size_t n = 0;
	for (uint32_t i = PUPIL_FIRST(ds, k, p), end = i + PUPIL_NFACTS(ds, k, p); i < end; i++, n++) {
		encode_fact(ds, t, p, i, &sc, f);
		emit(ctx, f);
	}
	return n;
}

size_t encode_table(const dataset *ds, table_id t, void (*emit)(void *, const field *), void *ctx)
{
	field f[TABLE_MAX_COLS];
	scratch sc;
	size_t n = 0;
	switch (t) {
	case T_GEMEENTEN:
		for (; n < ds->n_gemeenten; n++) {
			f[0] = txt(ds->gemeenten[n].code);
			f[1] = txt(ds->gemeenten[n].naam);
			emit(ctx, f);
		}
		return n;
	case T_SWV:
		for (; n < ds->n_swvs; n++) {
			f[0] = txt(ds->swvs[n].code);
			f[1] = txt(ds->swvs[n].naam);
			f[2] = txt(SECTOR_NAMES[ds->swvs[n].sector]);
			emit(ctx, f);
		}
		return n;
	case T_SWV_GEMEENTEN:
		for (; n < ds->n_swv_gemeenten; n++) {
			f[0] = txt(ds->swvs[ds->swv_gemeenten[n].swv].code);
			f[1] = txt(ds->gemeenten[ds->swv_gemeenten[n].gemeente].code);
			emit(ctx, f);
		}
		return n;
	case T_SCHOLEN:
		for (; n < ds->n_schools; n++) {
			const school *s = &ds->schools[n];
			f[0] = (field){s->brin, 4};
			f[1] = (field){s->vestiging, 2};
			f[2] = txt(s->naam);
			f[3] = txt(SOORT_NAMES[s->soort]);
			f[4] = txt(ds->gemeenten[s->gemeente].code);
			f[5] = txt(s->swv_po == NO_REF ? NULL : ds->swvs[s->swv_po].code);
			f[6] = txt(s->swv_vo == NO_REF ? NULL : ds->swvs[s->swv_vo].code);
			emit(ctx, f);
		}
		return n;
	case T_VAKANTIEREGIOS:
		for (size_t g = 0; g < ds->n_gemeenten; g++) {
			if (ds->gemeenten[g].regio == NO_REF)
				continue;
			f[0] = txt(ds->gemeenten[g].code);
			f[1] = txt(ds->regios[ds->gemeenten[g].regio]);
			emit(ctx, f);
			n++;
		}
		return n;
	case T_VAKANTIES:
		for (; n < ds->n_vakanties; n++) {
			const vakantie *v = &ds->vakanties[n];
			f[0] = txt(ds->regios[v->regio]);
			f[1] = txt(v->naam);
			f[2] = date_field(sc.dates[0], v->van);
			f[3] = date_field(sc.dates[1], v->tot);
			emit(ctx, f);
		}
		return n;
	default:
		for (uint32_t p = 0; p < ds->n_pupils; p++)
			n += encode_pupil_table(ds, t, p, emit, ctx);
		return n;
	}
}
