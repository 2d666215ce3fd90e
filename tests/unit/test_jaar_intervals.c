/* The stretches of constant classification (classify_next_change) and the
 * school-year count built on them, against classifying every day of the
 * year, on random registries: birth dates around the start of leerplicht,
 * the 12th and the 18th birthday and 29 February, residences that join or
 * leave gaps, overlapping enrolments, absences of every soort that join
 * across weekends and holidays, vrijstellingen, requests and places, with
 * and without holiday calendars. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "../../src/core/jaartelling.h"

typedef struct rng {
	uint64_t s;
} rng;

/* splitmix64: small, and the same numbers on every machine. */
static uint64_t next(rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int below(rng *r, int n)
{
	return (int)(next(r) % (uint64_t)n);
}

static bool chance(rng *r, int percent)
{
	return below(r, 100) < percent;
}

static day_t between(rng *r, const char *from, const char *to)
{
	day_t a = D(from), b = D(to);
	return a + below(r, b - a + 1);
}

static void date_field(strbuf *sb, day_t d)
{
	char s[DATE_TEXT];
	date_format(d, s);
	sb_puts(sb, s);
}

static const char *const GEMEENTEN[] = {"GM0001", "GM0002", "GM0003"};
static const char *const SCHOLEN[] = {"10AA,00", "10AA,01", "20BB,00", "30CC,00",
				      "40DD,00", "50EE,00", "60FF,00", "70GG,00"};
static const char *const SOORTEN[] = {"ongeoorloofd", "ziek", "schorsing", "verwijdering", "geoorloofd"};
static const char *const GRONDEN[] = {"5a", "5b", "5c", "11g"};
static const char *const STATUSSEN[] = {"aangevraagd", "afgewezen", "ingetrokken"};

static day_t birth_date(rng *r)
{
	switch (below(r, 10)) {
	case 0: return between(r, "2020-06-01", "2021-09-30"); /* leerplicht starts in the year */
	case 1: return between(r, "2007-06-01", "2008-09-30"); /* turns 18 in the year */
	case 2: return between(r, "2013-06-01", "2014-09-30"); /* turns 12: sector by age */
	case 3: return D(below(r, 2) ? "2008-02-29" : "2012-02-29");
	default: return between(r, "2006-06-01", "2021-06-01");
	}
}

typedef struct files {
	strbuf leerlingen, woonadressen, inschrijvingen, verzuim, vrijstellingen, aanbod;
} files;

static void one_pupil(rng *r, files *f, int i)
{
	char id[16];
	snprintf(id, sizeof id, "L%04d", i);
	day_t born = birth_date(r);
	sb_printf(&f->leerlingen, "%s,,,", id);
	date_field(&f->leerlingen, born);
	sb_puts(&f->leerlingen, ",,,");
	if (chance(r, 5))
		date_field(&f->leerlingen, between(r, "2025-06-01", "2026-09-30"));
	sb_putc(&f->leerlingen, '\n');

	/* Residences in order, joined or with a gap; the last one often open. */
	int n = chance(r, 8) ? 0 : 1 + below(r, 3);
	day_t van = chance(r, 50) ? born : between(r, "2024-06-01", "2026-03-01");
	for (int k = 0; k < n; k++) {
		bool open = k == n - 1 && chance(r, 60);
		day_t tot = van + below(r, 400);
		sb_printf(&f->woonadressen, "%s,%s,", id, GEMEENTEN[below(r, 3)]);
		date_field(&f->woonadressen, van);
		sb_putc(&f->woonadressen, ',');
		if (!open)
			date_field(&f->woonadressen, tot);
		sb_printf(&f->woonadressen, ",%d\n", chance(r, 10));
		if (open)
			break;
		van = tot + 1 + (chance(r, 50) ? 0 : 1 + below(r, 60));
	}
	/* Enrolments, overlapping at times (dual enrolment). */
	n = chance(r, 15) ? 0 : 1 + below(r, 3);
	for (int k = 0; k < n; k++) {
		day_t v = between(r, "2023-08-01", "2026-07-01");
		sb_printf(&f->inschrijvingen, "%s,%s,", id, SCHOLEN[below(r, 8)]);
		date_field(&f->inschrijvingen, v);
		sb_putc(&f->inschrijvingen, ',');
		if (!chance(r, 30))
			date_field(&f->inschrijvingen, v + below(r, 400));
		sb_putc(&f->inschrijvingen, '\n');
	}
	/* Absences, often one after another across a weekend or a holiday. */
	n = chance(r, 30) ? 0 : below(r, 7);
	day_t a = between(r, "2024-06-01", "2026-07-15");
	for (int k = 0; k < n; k++) {
		day_t tot = a + below(r, 90);
		bool open = chance(r, 12);
		sb_printf(&f->verzuim, "%s,%s,%s,", id, SCHOLEN[below(r, 8)], SOORTEN[below(r, 5)]);
		date_field(&f->verzuim, a);
		sb_putc(&f->verzuim, ',');
		if (!open)
			date_field(&f->verzuim, tot);
		sb_puts(&f->verzuim, ",\n");
		a = chance(r, 40) ? tot + 1 + below(r, 4) : between(r, "2024-06-01", "2026-07-15");
	}
	/* Vrijstellingen: granted ones one after another, never overlapping. */
	n = chance(r, 70) ? 0 : 1 + below(r, 2);
	day_t v = between(r, "2024-06-01", "2026-06-01");
	for (int k = 0; k < n; k++) {
		const char *grond = GRONDEN[below(r, 4)];
		if (chance(r, 50)) {
			day_t tot = v + 10 + below(r, 300);
			bool open = chance(r, 30);
			sb_printf(&f->vrijstellingen, "%s,%s,verleend,", id, grond);
			date_field(&f->vrijstellingen, v - 10);
			sb_putc(&f->vrijstellingen, ',');
			date_field(&f->vrijstellingen, v);
			sb_putc(&f->vrijstellingen, ',');
			if (!open)
				date_field(&f->vrijstellingen, tot);
			sb_putc(&f->vrijstellingen, '\n');
			if (open)
				break;
			v = tot + 1 + below(r, 40);
		} else {
			sb_printf(&f->vrijstellingen, "%s,%s,%s,", id, chance(r, 60) ? "5c" : grond,
				  chance(r, 70) ? "aangevraagd" : STATUSSEN[below(r, 3)]);
			date_field(&f->vrijstellingen, between(r, "2024-06-01", "2026-07-01"));
			sb_puts(&f->vrijstellingen, ",,\n");
		}
	}
	n = chance(r, 75) ? 0 : 1 + below(r, 2);
	for (int k = 0; k < n; k++) {
		day_t d = between(r, "2024-09-01", "2026-07-01");
		sb_printf(&f->aanbod, "%s,", id);
		date_field(&f->aanbod, d);
		sb_putc(&f->aanbod, ',');
		if (chance(r, 80))
			date_field(&f->aanbod, d + below(r, 60));
		sb_puts(&f->aanbod, ",onderwijs\n");
	}
}

static const char REGIOS[] = "gemeentecode,regio\nGM0001,noord\nGM0002,zuid\n";
static const char VAKANTIES[] = "regio,naam,van,tot\n"
				"zuid,herfst,2024-10-19,2024-10-27\nzuid,kerst,2024-12-21,2025-01-05\n"
				"zuid,voorjaar,2025-03-01,2025-03-09\nzuid,mei,2025-04-26,2025-05-04\n"
				"zuid,zomer,2025-07-05,2025-08-17\nzuid,herfst,2025-10-18,2025-10-26\n"
				"zuid,kerst,2025-12-20,2026-01-04\nzuid,voorjaar,2026-02-14,2026-02-22\n"
				"zuid,mei,2026-04-25,2026-05-03\nzuid,zomer,2026-07-04,2026-08-16\n"
				"noord,herfst,2024-10-12,2024-10-20\nnoord,kerst,2024-12-21,2025-01-05\n"
				"noord,voorjaar,2025-02-15,2025-02-23\nnoord,mei,2025-04-26,2025-05-04\n"
				"noord,zomer,2025-07-19,2025-08-31\nnoord,herfst,2025-10-11,2025-10-19\n"
				"noord,kerst,2025-12-20,2026-01-04\nnoord,voorjaar,2026-02-21,2026-03-01\n"
				"noord,mei,2026-04-25,2026-05-03\nnoord,zomer,2026-07-18,2026-08-30\n";

enum { DATASETS = 16, PUPILS = 120 };

static void random_registries_agree_with_every_day(void **state)
{
	(void)state;
	size_t pupils = 0, classified = 0;
	for (int seed = 1; seed <= DATASETS; seed++) {
		rng r = {(uint64_t)seed * 7919u};
		files f = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
		for (int i = 0; i < PUPILS; i++)
			one_pupil(&r, &f, i);
		bool holidays = seed % 2 == 0;
		fixture fx = {.leerlingen = sb_str(&f.leerlingen), .woonadressen = sb_str(&f.woonadressen),
			      .inschrijvingen = sb_str(&f.inschrijvingen), .verzuim = sb_str(&f.verzuim),
			      .vrijstellingen = sb_str(&f.vrijstellingen), .aanbod = sb_str(&f.aanbod),
			      .vakantieregios = holidays ? REGIOS : NULL, .vakanties = holidays ? VAKANTIES : NULL};
		builder *errors = NULL;
		dataset *ds = fixture_build(&fx, &errors);
		if (!ds) {
			char buf[512];
			fail_msg("seed %d: %s", seed, first_error(errors, buf, sizeof buf));
		}
		for (int y = 2024; y <= 2025; y++) {
			strbuf why = STRBUF_INIT;
			size_t bad = year_by_days_mismatches(ds, y, &why);
			if (bad)
				fail_msg("seed %d, schooljaar %d: %zu verschillen\n%s", seed, y, bad, sb_str(&why));
			sb_free(&why);
			for (uint32_t p = 0; p < ds->n_pupils; p++) {
				jaar_pupil jp;
				classified += jaar_pupil_compute(ds, p, y, &jp);
			}
			pupils += ds->n_pupils;
		}
		dataset_free(ds);
		sb_free(&f.leerlingen);
		sb_free(&f.woonadressen);
		sb_free(&f.inschrijvingen);
		sb_free(&f.verzuim);
		sb_free(&f.vrijstellingen);
		sb_free(&f.aanbod);
	}
	/* The point of the stretches: far fewer classifications than days. */
	assert_true(classified < pupils * 30);
	printf("  %zu leerlingjaren, %.1f indelingen per leerlingjaar (in plaats van 365)\n", pupils,
	       (double)classified / (double)pupils);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_registries_agree_with_every_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
