#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/jaartelling.h"
#include "../../src/io/csv.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/util/strbuf.h"

const char BASE_GEMEENTEN[] = "GM0001,Alfa\nGM0002,Beta\nGM0003,Gamma\n";
const char BASE_SWV[] = "PO0001,PO een,PO\nPO0002,PO twee,PO\nVO0001,VO een,VO\nVO0002,VO twee,VO\n";
const char BASE_SWV_GEMEENTEN[] = "PO0002,GM0001\nPO0001,GM0001\nVO0002,GM0001\nPO0002,GM0002\nVO0001,GM0002\n";
const char BASE_SCHOLEN[] = "10AA,00,Basisschool,BAO,GM0001,PO0002,\n"
			    "10AA,01,Speciaal basis,SBO,GM0001,PO0001,\n"
			    "20BB,00,Lyceum,VO,GM0001,,VO0001\n"
			    "30CC,00,Mbo-college,MBO,GM0002,,\n"
			    "40DD,00,Speciaal onderwijs,SO,GM0002,PO0002,\n"
			    "50EE,00,Voortgezet speciaal,VSO,GM0002,,VO0002\n"
			    "60FF,00,Praktijkschool,PRO,GM0001,,VO0001\n"
			    "70GG,00,College Zuid,VO,GM0002,,VO0002\n";

size_t fixture_window = 0;

static void feed(builder *b, table_id t, const char *body, int with_header)
{
	strbuf sb = STRBUF_INIT;
	if (with_header) {
		for (int i = 0; i < TABLES[t].ncols; i++)
			sb_printf(&sb, "%s%s", i ? "," : "", TABLES[t].cols[i]);
		sb_putc(&sb, '\n');
	}
	sb_puts(&sb, body);
	if (fixture_window == FIXTURE_GENERAL) {
		csv_reader *r = csv_from_memory(sb_str(&sb), sb.len);
		dataset_read_table(r, t, b, NULL, 0);
		csv_close(r);
	} else {
		dataset_read_bytes(sb_str(&sb), sb.len, t, b, fixture_window, 2);
	}
	sb_free(&sb);
}

/* leerlingen and the per-pupil tables of f. */
static void feed_pupils(const fixture *f, builder *b)
{
	feed(b, T_LEERLINGEN, f->leerlingen ? f->leerlingen : "", 1);
	feed(b, T_WOONADRESSEN, f->woonadressen ? f->woonadressen : "", 1);
	feed(b, T_INSCHRIJVINGEN, f->inschrijvingen ? f->inschrijvingen : "", 1);
	feed(b, T_VERZUIM, f->verzuim ? f->verzuim : "", 1);
	feed(b, T_VRIJSTELLINGEN, f->vrijstellingen ? f->vrijstellingen : "", 1);
	if (f->meldingen)
		feed(b, T_MELDINGEN, f->meldingen, 1);
	if (f->aanbod)
		feed(b, T_AANBOD, f->aanbod, 1);
}

dataset *fixture_build_with(const fixture *f, builder *b)
{
	feed(b, T_GEMEENTEN, f->gemeenten ? f->gemeenten : BASE_GEMEENTEN, 1);
	feed(b, T_SWV, f->swv ? f->swv : BASE_SWV, 1);
	feed(b, T_SWV_GEMEENTEN, f->swv_gemeenten ? f->swv_gemeenten : BASE_SWV_GEMEENTEN, 1);
	feed(b, T_SCHOLEN, f->scholen ? f->scholen : BASE_SCHOLEN, 1);
	if (f->vakantieregios)
		feed(b, T_VAKANTIEREGIOS, f->vakantieregios, 0);
	if (f->vakanties)
		feed(b, T_VAKANTIES, f->vakanties, 0);
	feed_pupils(f, b);
	return builder_finish(b);
}

dataset *fixture_build_pupils_with(const fixture *f, builder *b)
{
	feed_pupils(f, b);
	return builder_finish(b);
}

dataset *fixture_build(const fixture *f, builder **errors)
{
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(f, b);
	if (!ds && errors) {
		*errors = b;
		return NULL;
	}
	if (!ds) {
		char buf[512];
		fprintf(stderr, "fixture failed: %s\n", first_error(b, buf, sizeof buf));
	}
	builder_free(b);
	return ds;
}

day_t D(const char *iso)
{
	day_t d;
	if (date_parse(iso, strlen(iso), &d) != 0) {
		fprintf(stderr, "bad test date %s\n", iso);
		abort();
	}
	return d;
}

void classify_id(const dataset *ds, const char *id, const char *iso, classification *c)
{
	int32_t p = dataset_pupil(ds, id, strlen(id));
	assert_int_not_equal(p, NO_REF);
	classify(ds, (uint32_t)p, D(iso), c);
}

const char *first_error(builder *b, char *buf, size_t size)
{
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	if (!kept) {
		buf[0] = '\0';
		return buf;
	}
	strbuf sb = STRBUF_INIT;
	fact_error_format(&e[0], &sb);
	snprintf(buf, size, "%s", sb_str(&sb));
	sb_free(&sb);
	return buf;
}

/* Whether two classifications agree in everything but the fields that count
 * days (peildatum, duur_dagen, elapsed, holidays). */
static bool same_but_days(const classification *a, const classification *b)
{
	return a->in_scope == b->in_scope && a->cat == b->cat && a->sector == b->sector &&
	       a->sector_basis == b->sector_basis && a->startdatum == b->startdatum &&
	       a->three_months == b->three_months && a->lang == b->lang && a->zonder_aanbod == b->zonder_aanbod &&
	       a->overstap_mbo == b->overstap_mbo && a->residence == b->residence && a->enrolment == b->enrolment &&
	       a->last_enrolment == b->last_enrolment && a->vrijstelling == b->vrijstelling &&
	       a->request_5c == b->request_5c && a->mbo_enrolment == b->mbo_enrolment && a->aanbod == b->aanbod &&
	       a->gemeente == b->gemeente && a->school == b->school && a->swv == b->swv &&
	       a->swv_enrolled == b->swv_enrolled && a->regio == b->regio && a->av_leerplicht == b->av_leerplicht &&
	       a->av_residence == b->av_residence && a->av_enrolment == b->av_enrolment &&
	       a->av_vrijstelling == b->av_vrijstelling && a->av_enrolment_run == b->av_enrolment_run &&
	       a->run.start == b->run.start && a->run.end == b->run.end;
}

static void mismatch(size_t *n, strbuf *why, const dataset *ds, uint32_t p, day_t d, const char *what)
{
	if ((*n)++ < 5) {
		char s[DATE_TEXT];
		date_format(d, s);
		sb_printf(why, "leerling %s, %s: %s\n", ds->pupils[p].id, s, what);
	}
}

size_t year_by_days_mismatches(const dataset *ds, int y, strbuf *why)
{
	size_t bad = 0;
	day_t first = schooljaar_first(y), last = schooljaar_last(y);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		/* The change points: each stretch is the same classification all through. */
		classification c, e;
		for (day_t d = first; d <= last;) {
			classify(ds, p, d, &c);
			day_t next = classify_next_change(ds, p, &c);
			if (next <= d)
				mismatch(&bad, why, ds, p, d, "de volgende verandering ligt niet na de dag zelf");
			for (day_t x = d + 1; x < next && x <= last; x++) {
				classify(ds, p, x, &e);
				if (!same_but_days(&c, &e)) {
					mismatch(&bad, why, ds, p, x, "andere indeling dan op het begin van het stuk");
					break;
				}
			}
			d = next > last ? last + 1 : next;
		}
		/* The school year, day by day, straight from SPEC 8.1. */
		uint8_t counted = 0, lang = 0;
		day_t at[JR_COUNT];
		int32_t gm[JR_COUNT], sw[JR_COUNT];
		bool opgelost = false;
		for (day_t d = first; d <= last; d++) {
			classify(ds, p, d, &c);
			jaar_regel r = c.in_scope ? jaar_regel_of(c.cat) : JR_COUNT;
			if (r != JR_COUNT) {
				counted |= (uint8_t)(1u << r);
				at[r] = d;
				gm[r] = c.gemeente;
				sw[r] = c.swv;
				if (c.lang && JAAR_REGELS[r].duur)
					lang |= (uint8_t)(1u << r);
			}
			if (d == last)
				opgelost = c.in_scope && c.enrolment >= 0 && (c.cat == CAT_GEEN || c.cat == CAT_DREIGEND);
		}
		jaar_pupil jp;
		jaar_pupil_compute(ds, p, y, &jp);
		if (jp.counted != counted || jp.lang != lang || jp.opgelost != opgelost)
			mismatch(&bad, why, ds, p, last, "andere regels, langer dan 3 maanden of opgelost dan dag voor dag");
		for (int r = 0; r < JR_COUNT; r++)
			if (counted & 1u << r && (jp.last[r] != at[r] || jp.gemeente[r] != gm[r] || jp.swv[r] != sw[r]))
				mismatch(&bad, why, ds, p, at[r], "andere laatste dag of ander gebied dan dag voor dag");
	}
	return bad;
}

void resolve(const dataset *ds, role r, const char *codes, resolved *out)
{
	strbuf err = STRBUF_INIT;
	if (scope_parse(r, codes, &out->s, &err) != 0)
		fail_msg("%s", sb_str(&err));
	scope_resolve(&out->s, ds, &out->set);
	sb_free(&err);
}

void resolved_free(resolved *x)
{
	scope_set_free(&x->set);
	scope_free(&x->s);
}

size_t test_stride(void)
{
	const char *v = getenv("INBEELD_TEST_STRIDE");
	long n = v ? strtol(v, NULL, 10) : 1;
	return n > 1 ? (size_t)n : 1;
}

uint64_t random_next(uint64_t *s)
{
	*s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
	return *s;
}

int64_t random_part_of(uint64_t *s, int64_t of)
{
	switch (random_next(s) % 4) {
	case 0: return 0;
	case 1: return of;
	case 2: return of > 4 ? of - (int64_t)(1 + random_next(s) % 4) : of;
	default: return (int64_t)(random_next(s) % (uint64_t)(of + 1));
	}
}

/* ---- comparing two datasets (the fast and the general reader) ---- */

static bool str_same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

#define SAME_OR(cond, what) \
	do { \
		if (!(cond)) { \
			*why = what; \
			return false; \
		} \
	} while (0)

bool datasets_same(const dataset *a, const dataset *b, const char **why)
{
	SAME_OR(a->n_gemeenten == b->n_gemeenten && a->n_swvs == b->n_swvs && a->n_schools == b->n_schools &&
			a->n_swv_gemeenten == b->n_swv_gemeenten && a->n_regios == b->n_regios &&
			a->n_vakanties == b->n_vakanties,
		"reference counts");
	SAME_OR(a->n_pupils == b->n_pupils, "number of pupils");
	for (size_t i = 0; i < a->n_pupils; i++) {
		const pupil *x = &a->pupils[i], *y = &b->pupils[i];
		SAME_OR(strcmp(x->id, y->id) == 0 && str_same(x->bsn, y->bsn) &&
				str_same(x->onderwijsnummer, y->onderwijsnummer) && str_same(x->voornaam, y->voornaam) &&
				str_same(x->achternaam, y->achternaam) && x->geboortedatum == y->geboortedatum &&
				x->startkwalificatie == y->startkwalificatie && x->lp_start == y->lp_start &&
				x->kwal_end == y->kwal_end && a->ages[i].from == b->ages[i].from &&
				a->ages[i].to == b->ages[i].to,
			"a pupil");
	}
	for (int k = 0; k < F_COUNT; k++) {
		SAME_OR(a->n_fact[k] == b->n_fact[k], "number of facts");
		for (size_t p = 0; p <= a->n_pupils; p++)
			SAME_OR(a->off[k][p] == b->off[k][p], "facts per pupil");
	}
	for (size_t i = 0; i < a->n_fact[F_RESIDENCE]; i++)
		SAME_OR(residence_cmp(&a->res[i], &b->res[i]) == 0, "a woonadres");
	for (size_t i = 0; i < a->n_fact[F_ENROLMENT]; i++)
		SAME_OR(enrolment_cmp(&a->enr[i], &b->enr[i]) == 0, "an inschrijving");
	for (size_t i = 0; i < a->n_fact[F_ABSENCE]; i++)
		SAME_OR(absence_cmp(&a->abs[i], &b->abs[i]) == 0, "a verzuim");
	for (size_t i = 0; i < a->n_fact[F_VRIJSTELLING]; i++)
		SAME_OR(vrijstelling_cmp(&a->vrij[i], &b->vrij[i]) == 0 && a->vrij[i].kind == b->vrij[i].kind,
			"a vrijstelling");
	for (size_t i = 0; i < a->n_fact[F_MELDING]; i++)
		SAME_OR(melding_cmp(&a->meld[i], &b->meld[i]) == 0, "a melding");
	for (size_t i = 0; i < a->n_fact[F_AANBOD]; i++)
		SAME_OR(aanbod_cmp(&a->aanbod[i], &b->aanbod[i]) == 0, "an aanbod");
	return true;
}
