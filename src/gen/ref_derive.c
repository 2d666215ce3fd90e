/*
 * ref_derive.c - what the sources of data/ lack, derived and marked as such:
 * SWV names, MBO sites, the index of schools per gemeente and kind, where
 * each gemeente lies and its nearest neighbours, the holiday region of a
 * gemeente without a VO site, and each gemeente's local character.
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "ref_internal.h"
#include "rng.h"

/* SWV names are not published in any source we have: name each after the
 * gemeenten holding most of its inhabitants ("... PO Amsterdam-Diemen"). */
void name_swvs(ref *r, const share_row *rows, size_t n)
{
	for (size_t s = 0; s < r->n_swv; s++) {
		int32_t best = -1, second = -1;
		double bw = -1, sw = -1, total = 0;
		for (size_t i = 0; i < n; i++) {
			if (rows[i].swv != (int32_t)s)
				continue;
			total += rows[i].inwoners;
			if (rows[i].inwoners > bw) {
				second = best, sw = bw;
				best = rows[i].gem, bw = rows[i].inwoners;
			} else if (rows[i].inwoners > sw) {
				second = rows[i].gem, sw = rows[i].inwoners;
			}
		}
		strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "Samenwerkingsverband passend onderwijs %s ", SECTOR_NAMES[r->swv[s].sector]);
		if (best < 0)
			sb_printf(&sb, "%s", r->swv[s].code);
		else if (second >= 0 && sw >= 0.15 * total)
			sb_printf(&sb, "%s-%s", r->gem[best].naam, r->gem[second].naam);
		else if (second >= 0)
			sb_printf(&sb, "%s e.o.", r->gem[best].naam);
		else
			sb_printf(&sb, "%s", r->gem[best].naam);
		r->swv[s].naam = sb.data;
	}
	/* Names that came out the same get their code added. */
	for (size_t s = 0; s < r->n_swv; s++)
		for (size_t k = s + 1; k < r->n_swv; k++)
			if (strcmp(r->swv[s].naam, r->swv[k].naam) == 0) {
				for (size_t j = 0; j < 2; j++) {
					ref_swv *w = &r->swv[j ? k : s];
					if (strchr(w->naam, '('))
						continue;
					strbuf sb = STRBUF_INIT;
					sb_printf(&sb, "%s (%s)", w->naam, w->code);
					free(w->naam);
					w->naam = sb.data;
				}
			}
}

/* MBO: DUO's MBO site file was not available. Every gemeente of 40,000
 * inhabitants or more gets one generated institution (BRIN 90AA, 90AB, ...
 * - real BRINs start with 00 to 32) with a site per 150,000 inhabitants. */
void generate_mbo(ref *r)
{
	size_t cap = r->n_school;
	int seq = 0;
	for (size_t g = 0; g < r->n_gem; g++) {
		const ref_gemeente *gm = &r->gem[g];
		if (gm->inwoners < 40000)
			continue;
		int sites = 1 + (int)(gm->inwoners / 150000);
		if (sites > 6)
			sites = 6;
		char brin[5] = {(char)('9' - 0), (char)('0' + seq / 676), (char)('A' + seq / 26 % 26),
				(char)('A' + seq % 26), '\0'};
		seq++;
		for (int v = 0; v < sites; v++) {
			r->school = xgrow(r->school, &cap, r->n_school + 1, sizeof *r->school);
			ref_school *s = &r->school[r->n_school++];
			memset(s, 0, sizeof *s);
			memcpy(s->brin, brin, 5);
			s->vest[0] = '0';
			s->vest[1] = (char)('0' + v);
			s->soort = SOORT_MBO;
			s->generated = true;
			s->gem = (int32_t)g;
			s->swv_po = s->swv_vo = -1;
			s->weight = gm->inwoners / sites;
			strbuf sb = STRBUF_INIT;
			if (sites > 1)
				sb_printf(&sb, "Mbo-college %s, locatie %d (fictief)", gm->naam, v + 1);
			else
				sb_printf(&sb, "Mbo-college %s (fictief)", gm->naam);
			s->naam = sb.data;
		}
	}
}

void index_schools(ref *r)
{
	qsort(r->school, r->n_school, sizeof *r->school, school_cmp);
	size_t caps[SOORT_COUNT];
	for (size_t g = 0; g < r->n_gem; g++) {
		memset(caps, 0, sizeof caps);
		for (size_t i = 0; i < r->n_school; i++) {
			const ref_school *s = &r->school[i];
			if (s->gem != (int32_t)g)
				continue;
			ref_gemeente *gm = &r->gem[g];
			size_t k = s->soort, n = gm->n_schools[k];
			gm->schools[k] = xgrow(gm->schools[k], &caps[k], n + 1, sizeof(int32_t));
			gm->schools[k][n] = (int32_t)i;
			gm->n_schools[k] = n + 1;
		}
		for (int k = 0; k < SOORT_COUNT; k++) {
			ref_gemeente *gm = &r->gem[g];
			gm->cum[k] = xmalloc((gm->n_schools[k] ? gm->n_schools[k] : 1) * sizeof(double));
			double run = 0;
			for (size_t i = 0; i < gm->n_schools[k]; i++) {
				run += r->school[gm->schools[k][i]].weight;
				gm->cum[k][i] = run;
			}
		}
	}
}

/* ---- geography and character -------------------------------------------- */

static double dist2(const ref_gemeente *a, const ref_gemeente *b)
{
	double dy = a->lat - b->lat, dx = (a->lon - b->lon) * 0.61; /* cos(52 deg) */
	return dx * dx + dy * dy;
}

void geography(ref *r, const geo *centre)
{
	for (size_t g = 0; g < r->n_gem; g++) {
		ref_gemeente *gm = &r->gem[g];
		if (centre[g].n > 0) {
			gm->lat = centre[g].lat / centre[g].n;
			gm->lon = centre[g].lon / centre[g].n;
		} else {
			gm->lat = 52.1, gm->lon = 5.3; /* no school site: the middle of the country */
		}
	}
	for (size_t g = 0; g < r->n_gem; g++) {
		ref_gemeente *gm = &r->gem[g];
		double best[NEAR_GEMEENTEN];
		for (int k = 0; k < NEAR_GEMEENTEN; k++)
			gm->near[k] = -1, best[k] = 1e9;
		for (size_t o = 0; o < r->n_gem; o++) {
			if (o == g)
				continue;
			double d = dist2(gm, &r->gem[o]);
			for (int k = 0; k < NEAR_GEMEENTEN; k++)
				if (d < best[k]) {
					for (int m = NEAR_GEMEENTEN - 1; m > k; m--)
						best[m] = best[m - 1], gm->near[m] = gm->near[m - 1];
					best[k] = d, gm->near[k] = (int32_t)o;
					break;
				}
		}
	}
	/* Holiday region of the 55 gemeenten without a VO site (DUO gives the
	 * region per VO site): that of the nearest gemeente that has one. */
	for (size_t g = 0; g < r->n_gem; g++) {
		ref_gemeente *gm = &r->gem[g];
		if (gm->regio >= 0)
			continue;
		gm->regio_derived = true;
		for (int k = 0; k < NEAR_GEMEENTEN && gm->regio < 0; k++)
			if (r->gem[gm->near[k]].regio >= 0 && !r->gem[gm->near[k]].regio_derived)
				gm->regio = r->gem[gm->near[k]].regio;
		if (gm->regio < 0)
			gm->regio = REGIO_MIDDEN;
	}
}

static bool named(const ref_gemeente *g, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(g->naam, names[i]) == 0)
			return true;
	return false;
}

/* A lognormal factor with mean 1 from the gemeente code. */
static double trait(const ref_gemeente *g, uint64_t salt, double sigma)
{
	double u = hash_unit(g->code, salt), v = hash_unit(g->code, salt + 1);
	double z = sqrt(-2.0 * log(1.0 - u)) * cos(6.283185307179586 * v);
	return exp(sigma * z - sigma * sigma / 2);
}

static void normalise(ref *r, size_t offset)
{
	double w = 0, s = 0;
	for (size_t g = 0; g < r->n_gem; g++) {
		double kids = r->gem[g].band[1] + r->gem[g].band[2];
		w += kids;
		s += kids * *(double *)((char *)&r->gem[g] + offset);
	}
	for (size_t g = 0; g < r->n_gem && s > 0; g++)
		*(double *)((char *)&r->gem[g] + offset) *= w / s;
}

/* The local character of each gemeente. Seed 004 reports absoluut verzuim
 * from 0.1 per 1,000 (Amersfoort) to 15 (Amsterdam), with Rotterdam at 1
 * and Nijmegen at 9; those four are pinned, the rest spread lognormally. */
void character(ref *r)
{
	static const char *const orthodox[] = {"Urk", "Staphorst", "Rijssen-Holten", "Barneveld", "Nunspeet",
					       "Elburg", "Hardinxveld-Giessendam", "Molenlanden", "Goeree-Overflakkee",
					       "Reimerswaal", "Tholen", "Krimpenerwaard", "Ede", "Veenendaal",
					       "Scherpenzeel", "Oldebroek", "Hattem", "Neder-Betuwe", "Putten",
					       "Ermelo", "Harderwijk", "Kampen", "Zwartewaterland", "Hof van Twente",
					       "Katwijk", "Alblasserdam", "Woudenberg", "Opsterland", NULL};
	for (size_t g = 0; g < r->n_gem; g++) {
		ref_gemeente *gm = &r->gem[g];
		gm->f_av = trait(gm, 11, 0.85);
		gm->f_lrv = trait(gm, 21, 0.45);
		gm->f_5a = trait(gm, 31, 0.35);
		gm->f_imm = trait(gm, 41, 0.5) * (gm->inwoners > 150000 ? 2.0 : gm->inwoners > 60000 ? 1.3 : 0.8);
		gm->f_5b = named(gm, orthodox) ? 12.0 * trait(gm, 51, 0.4) : 0.25 * trait(gm, 51, 0.8);
		const char *p = gm->provincie;
		gm->border = strcmp(p, "Limburg") == 0 || (strcmp(p, "Zeeland") == 0 && gm->lat < 51.42) ||
			     (strcmp(p, "Noord-Brabant") == 0 && gm->lat < 51.50) ||
			     ((strcmp(p, "Gelderland") == 0 || strcmp(p, "Overijssel") == 0) && gm->lon > 6.30) ||
			     ((strcmp(p, "Drenthe") == 0 || strcmp(p, "Groningen") == 0) && gm->lon > 6.80);
		gm->f_5c = gm->border ? 14.0 * trait(gm, 61, 0.4) : 0.35 * trait(gm, 61, 0.6);
	}
	normalise(r, offsetof(ref_gemeente, f_av));
	normalise(r, offsetof(ref_gemeente, f_lrv));
	normalise(r, offsetof(ref_gemeente, f_5a));
	normalise(r, offsetof(ref_gemeente, f_5b));
	normalise(r, offsetof(ref_gemeente, f_5c));
	normalise(r, offsetof(ref_gemeente, f_imm));
	static const struct {
		const char *naam;
		double f;
	} pinned[] = {{"Amsterdam", 6.2}, {"Rotterdam", 0.45}, {"Nijmegen", 3.9}, {"Amersfoort", 0.04},
		      {"'s-Gravenhage", 1.6}, {"Utrecht", 1.3}};
	for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++)
		for (size_t g = 0; g < r->n_gem; g++)
			if (strcmp(r->gem[g].naam, pinned[i].naam) == 0)
				r->gem[g].f_av = pinned[i].f;
	/* Keep the national mean at 1 by rescaling the gemeenten not pinned. */
	double w = 0, s_pinned = 0, s_free = 0;
	for (size_t g = 0; g < r->n_gem; g++) {
		const ref_gemeente *gm = &r->gem[g];
		double kids = gm->band[1] + gm->band[2];
		bool is_pinned = false;
		for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++)
			is_pinned = is_pinned || strcmp(gm->naam, pinned[i].naam) == 0;
		w += kids;
		if (is_pinned)
			s_pinned += kids * gm->f_av;
		else
			s_free += kids * gm->f_av;
	}
	double scale = s_free > 0 && w > s_pinned ? (w - s_pinned) / s_free : 1.0;
	for (size_t g = 0; g < r->n_gem; g++) {
		bool is_pinned = false;
		for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++)
			is_pinned = is_pinned || strcmp(r->gem[g].naam, pinned[i].naam) == 0;
		if (!is_pinned)
			r->gem[g].f_av *= scale;
	}
	/* Schools differ in how promptly they record and report: half are
	 * prompt, a third average, the rest sloppy (docs/generator.md). */
	for (size_t i = 0; i < r->n_school; i++) {
		char key[8];
		snprintf(key, sizeof key, "%s%s", r->school[i].brin, r->school[i].vest);
		double u = hash_unit(key, 71);
		r->school[i].discipline = u < 0.5 ? DISCIPLINE_PROMPT : u < 0.85 ? DISCIPLINE_AVERAGE : DISCIPLINE_SLOPPY;
		/* 4% record no absence for 3 to 8 weeks, starting between
		 * September and May (sloppy sites more often). */
		double p = r->school[i].discipline == DISCIPLINE_SLOPPY ? 0.1 : 0.03;
		if (hash_unit(key, 72) < p) {
			r->school[i].unrecorded_from = (int16_t)(31 + 270 * hash_unit(key, 73));
			r->school[i].unrecorded_days = (int16_t)(21 + 35 * hash_unit(key, 74));
		}
	}
	r->total_children = 0;
	for (size_t g = 0; g < r->n_gem; g++)
		r->total_children += r->gem[g].band[1] + r->gem[g].band[2] + r->gem[g].band[3];
}

