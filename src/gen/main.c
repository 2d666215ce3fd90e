/*
 * inbeeld-gen - a synthetic Netherlands: writes a dataset folder (SPEC 3.1)
 * with the real gemeenten, SWVs and school sites and invented pupils whose
 * lives are calibrated to the national figures of seed 004.
 *
 *   inbeeld-gen --scale national|region|gemeente:GMxxxx[,GMyyyy]|fraction:F
 *               --seed N [--from YYYY --to YYYY] [--stand YYYY-MM-DD]
 *               [--ref DIR] --out DIR
 *
 * See docs/generator.md.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/ident.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "holidays.h"
#include "life.h"
#include "out.h"
#include "ref.h"
#include "rng.h"

/* The CBS bands of 2021 give about 2.35 million children aged 5-17; the
 * 2014/2015 cohorts that seed 004 counted were larger (about 2.6 million of
 * compulsory age, SPEC 10). Cohorts are scaled to that population. */
static const double POPULATION_FACTOR = 1.205;

static const char USAGE[] =
	"gebruik: inbeeld-gen --scale national|region|gemeente:GMxxxx[,GMyyyy]|fraction:F --seed N\n"
	"                     [--from JJJJ --to JJJJ] [--stand JJJJ-MM-DD] [--ref MAP] --out MAP\n"
	"  --scale     national: heel Nederland; region: de G4 (Amsterdam, Rotterdam, 's-Gravenhage,\n"
	"              Utrecht); gemeente:GM0363,GM0344: die gemeenten; fraction:0.1: een steekproef\n"
	"              van het hele land (elke gemeente naar rato)\n"
	"  --seed      dezelfde seed en argumenten geven dezelfde bytes\n"
	"  --from/--to de schooljaren met geschiedenis (2022 = 2022/23); standaard de laatste vijf\n"
	"              tot en met het huidige\n"
	"  --stand     de datum waarop de registratie wordt uitgelezen (standaard vandaag, hoogstens\n"
	"              31 juli na het laatste schooljaar)\n"
	"  --ref       map met de referentiedata (standaard data/ naast build/)\n"
	"  --out       de map voor de dataset (wordt aangemaakt)\n"
	"  --tags PAD  schrijf per leerling wat er in zijn leven gebeurde (voor het kalibreren)\n";

typedef struct options {
	const char *scale, *out, *ref, *tags;
	uint64_t seed;
	bool have_seed;
	int from, to;
	day_t stand;
} options;

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "inbeeld-gen: %s%s%s\n%s", msg, arg ? " " : "", arg ? arg : "", USAGE);
	return 2;
}

static int parse_year(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 1900 || v > 2900)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
	static const struct option LONG[] = {
		{"scale", required_argument, NULL, 's'}, {"seed", required_argument, NULL, 'S'},
		{"from", required_argument, NULL, 'f'},	 {"to", required_argument, NULL, 't'},
		{"stand", required_argument, NULL, 'd'}, {"out", required_argument, NULL, 'o'},
		{"ref", required_argument, NULL, 'r'},	 {"tags", required_argument, NULL, 'T'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->stand = DAY_NONE;
	int c;
	while ((c = getopt_long(argc, argv, "", LONG, NULL)) != -1) {
		char *end;
		switch (c) {
		case 's': o->scale = optarg; break;
		case 'S':
			errno = 0;
			o->seed = strtoull(optarg, &end, 10);
			if (*end || errno || !*optarg)
				return usage_error("--seed verwacht een getal, niet", optarg);
			o->have_seed = true;
			break;
		case 'f':
			if (parse_year(optarg, &o->from))
				return usage_error("--from verwacht een jaartal, niet", optarg);
			break;
		case 't':
			if (parse_year(optarg, &o->to))
				return usage_error("--to verwacht een jaartal, niet", optarg);
			break;
		case 'd':
			if (date_parse(optarg, strlen(optarg), &o->stand))
				return usage_error("--stand verwacht JJJJ-MM-DD, niet", optarg);
			break;
		case 'o': o->out = optarg; break;
		case 'r': o->ref = optarg; break;
		case 'T': o->tags = optarg; break;
		case 'h': fputs(USAGE, stdout); exit(0);
		default: return usage_error("onbekende optie", NULL);
		}
	}
	if (optind < argc)
		return usage_error("onverwacht argument", argv[optind]);
	if (!o->scale)
		return usage_error("--scale ontbreekt", NULL);
	if (!o->have_seed)
		return usage_error("--seed ontbreekt", NULL);
	if (!o->out)
		return usage_error("--out ontbreekt", NULL);
	return 0;
}

static int school_year_of(day_t d)
{
	civil c = civil_from_day(d);
	return c.month >= 8 ? c.year : c.year - 1;
}

static day_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The reference data: --ref, else data/ beside the build directory of this
 * binary, else ./data. */
static char *ref_dir(const options *o)
{
	if (o->ref)
		return xstrdup(o->ref);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			strbuf p = STRBUF_INIT;
			sb_printf(&p, "%s/../data", exe);
			struct stat st;
			strbuf probe = STRBUF_INIT;
			sb_printf(&probe, "%s/gemeenten_2025.csv", sb_str(&p));
			bool ok = stat(sb_str(&probe), &st) == 0;
			sb_free(&probe);
			if (ok)
				return p.data;
			sb_free(&p);
		}
	}
	return xstrdup("data");
}

/* ---- scale -------------------------------------------------------------- */

typedef struct scale {
	bool *selected; /* per gemeente */
	bool subset;	/* not the whole country */
	double fraction;
} scale;

static int parse_scale(const char *s, const ref *r, scale *sc)
{
	sc->selected = xcalloc(r->n_gem, sizeof *sc->selected);
	sc->fraction = 1.0;
	sc->subset = true;
	if (strcmp(s, "national") == 0 || strncmp(s, "fraction:", 9) == 0) {
		sc->subset = false;
		for (size_t g = 0; g < r->n_gem; g++)
			sc->selected[g] = true;
		if (s[0] == 'f') {
			char *end;
			sc->fraction = strtod(s + 9, &end);
			if (*end || !(sc->fraction > 0 && sc->fraction <= 1))
				return usage_error("--scale fraction:F verwacht 0 < F <= 1, niet", s);
		}
		return 0;
	}
	const char *list = NULL;
	if (strcmp(s, "region") == 0)
		list = "GM0344,GM0363,GM0518,GM0599";
	else if (strncmp(s, "gemeente:", 9) == 0)
		list = s + 9;
	else
		return usage_error("onbekende --scale", s);
	const char *p = list;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int num;
		if (!gemeentecode_parse(p, len, &num) || r->gem_by_num[num] < 0) {
			char code[16];
			snprintf(code, sizeof code, "%.*s", (int)(len < 10 ? len : 10), p);
			return usage_error("onbekende gemeente in --scale:", code);
		}
		sc->selected[r->gem_by_num[num]] = true;
		p += len + (comma ? 1 : 0);
	}
	return 0;
}

/* ---- identifiers -------------------------------------------------------- */

/* BSNs: 8-digit prefixes walked through by a fixed permutation (so they look
 * random), each completed with the digit that makes the 11-proef hold;
 * prefixes for which no digit does are skipped. Distinct prefixes give
 * distinct numbers, so every BSN is unique. */
static void next_bsn(uint64_t *counter, char out[10])
{
	for (;;) {
		uint64_t p = 10000000 + (*counter * 48271u + 1234567u) % 90000000u;
		(*counter)++;
		int sum = 0;
		for (int i = 7; i >= 0; i--) {
			out[i] = (char)('0' + p % 10);
			p /= 10;
		}
		for (int i = 0; i < 8; i++)
			sum += (9 - i) * (out[i] - '0');
		int check = sum % 11;
		if (check == 10)
			continue;
		out[8] = (char)('0' + check);
		out[9] = '\0';
		return;
	}
}

/* Onderwijsnummers: "10" and six digits, completed so that the weighted sum
 * is 5 modulo 11. */
static void next_onderwijsnummer(uint64_t *counter, char out[10])
{
	for (;;) {
		uint64_t p = (*counter * 7919u + 4242u) % 1000000u;
		(*counter)++;
		out[0] = '1', out[1] = '0';
		for (int i = 7; i >= 2; i--) {
			out[i] = (char)('0' + p % 10);
			p /= 10;
		}
		int sum = 0;
		for (int i = 0; i < 8; i++)
			sum += (9 - i) * (out[i] - '0');
		int check = ((sum - 5) % 11 + 11) % 11;
		if (check == 10)
			continue;
		out[8] = (char)('0' + check);
		out[9] = '\0';
		return;
	}
}

/* ---- writing ------------------------------------------------------------ */

enum { F_LEERLINGEN, F_WOON, F_INSCHR, F_VERZUIM, F_VRIJSTELLING, F_MELDING, F_AANBOD, F_PUPIL_FILES };

static const char *const PUPIL_FILES[F_PUPIL_FILES][2] = {
	{"leerlingen.csv", "leerling_id,bsn,onderwijsnummer,geboortedatum,voornaam,achternaam,startkwalificatie"},
	{"woonadressen.csv", "leerling_id,gemeentecode,van,tot,in_onderzoek"},
	{"inschrijvingen.csv", "leerling_id,brin,vestiging,van,tot"},
	{"verzuim.csv", "leerling_id,brin,vestiging,soort,van,tot,uren"},
	{"vrijstellingen.csv", "leerling_id,grond,status,aanvraagdatum,van,tot"},
	{"meldingen.csv", "leerling_id,brin,vestiging,datum_melding,eerste_verzuimdag,soort"},
	{"aanbod.csv", "leerling_id,datum_aanbod,plaats_per,soort"},
};

typedef struct writer {
	outfile f[F_PUPIL_FILES];
	const ref *r;
	bool *used_school, *used_gem;
	uint64_t pupils, bsn_counter, onr_counter;
	FILE *tags;
} writer;

static void school_fields(writer *w, outfile *o, int32_t school)
{
	const ref_school *s = &w->r->school[school];
	of_raw(o, s->brin, 4);
	of_char(o, ',');
	of_raw(o, s->vest, 2);
	w->used_school[school] = true;
}

static void write_life(writer *w, const life *L)
{
	char id[16];
	snprintf(id, sizeof id, "L%08llu", (unsigned long long)++w->pupils);
	outfile *o = &w->f[F_LEERLINGEN];
	char num[10];
	of_str(o, id);
	of_char(o, ',');
	if (!L->onderwijsnummer) {
		next_bsn(&w->bsn_counter, num);
		of_str(o, num);
		of_str(o, ",,");
	} else {
		of_char(o, ',');
		next_onderwijsnummer(&w->onr_counter, num);
		of_str(o, num);
		of_char(o, ',');
	}
	of_date(o, L->birth);
	of_char(o, ',');
	of_text(o, L->voornaam);
	of_char(o, ',');
	of_text(o, L->achternaam);
	of_char(o, ',');
	of_date(o, L->startkwal);
	of_row_end(o);
	if (w->tags) {
		fputs(id, w->tags);
		for (int t = 0; t < TAG_COUNT; t++)
			if (L->tags & 1u << t)
				fprintf(w->tags, ",%s", LIFE_TAGS[t]);
		fputc('\n', w->tags);
	}

	o = &w->f[F_WOON];
	for (size_t i = 0; i < L->n_res; i++) {
		const g_res *r = &L->res[i];
		of_str(o, id);
		of_char(o, ',');
		of_str(o, w->r->gem[r->gem].code);
		w->used_gem[r->gem] = true;
		of_char(o, ',');
		of_date(o, r->van);
		of_char(o, ',');
		of_date(o, r->tot);
		of_str(o, r->onderzoek ? ",1" : ",0");
		of_row_end(o);
	}
	o = &w->f[F_INSCHR];
	for (size_t i = 0; i < L->n_enr; i++) {
		const g_enr *e = &L->enr[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, e->school);
		of_char(o, ',');
		of_date(o, e->van);
		of_char(o, ',');
		of_date(o, e->tot);
		of_row_end(o);
	}
	o = &w->f[F_VERZUIM];
	for (size_t i = 0; i < L->n_abs; i++) {
		const g_abs *a = &L->abs[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, a->school);
		of_char(o, ',');
		of_str(o, GEN_VERZUIM[a->soort]);
		of_char(o, ',');
		of_date(o, a->van);
		of_char(o, ',');
		of_date(o, a->tot);
		of_char(o, ',');
		of_hours(o, a->uren);
		of_row_end(o);
	}
	o = &w->f[F_VRIJSTELLING];
	for (size_t i = 0; i < L->n_vrij; i++) {
		const g_vrij *v = &L->vrij[i];
		of_str(o, id);
		of_char(o, ',');
		of_str(o, v->grond);
		of_char(o, ',');
		of_str(o, GEN_STATUS[v->status]);
		of_char(o, ',');
		of_date(o, v->aanvraag);
		of_char(o, ',');
		of_date(o, v->van);
		of_char(o, ',');
		of_date(o, v->tot);
		of_row_end(o);
	}
	o = &w->f[F_MELDING];
	for (size_t i = 0; i < L->n_meld; i++) {
		const g_meld *m = &L->meld[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, m->school);
		of_char(o, ',');
		of_date(o, m->datum);
		of_char(o, ',');
		of_date(o, m->eerste);
		of_char(o, ',');
		of_str(o, GEN_MELDING[m->soort]);
		of_row_end(o);
	}
	o = &w->f[F_AANBOD];
	for (size_t i = 0; i < L->n_aan; i++) {
		const g_aanbod *a = &L->aan[i];
		of_str(o, id);
		of_char(o, ',');
		of_date(o, a->datum);
		of_char(o, ',');
		of_date(o, a->plaats);
		of_char(o, ',');
		of_str(o, GEN_AANBOD[a->soort]);
		of_row_end(o);
	}
}

/* The reference files: the whole country, or for a subset its gemeenten and
 * every gemeente, school and SWV its pupils refer to. */
static int write_reference(const char *dir, const ref *r, const scale *sc, writer *w, const holiday_list *hol)
{
	bool *gem = xcalloc(r->n_gem, sizeof *gem), *swv = xcalloc(r->n_swv ? r->n_swv : 1, sizeof *swv);
	bool *school = xcalloc(r->n_school, sizeof *school);
	for (size_t i = 0; i < r->n_school; i++)
		school[i] = !sc->subset || w->used_school[i] || sc->selected[r->school[i].gem];
	for (size_t g = 0; g < r->n_gem; g++)
		gem[g] = !sc->subset || sc->selected[g] || w->used_gem[g];
	for (size_t i = 0; i < r->n_school; i++)
		if (school[i]) {
			gem[r->school[i].gem] = true;
			if (r->school[i].swv_po >= 0)
				swv[r->school[i].swv_po] = true;
			if (r->school[i].swv_vo >= 0)
				swv[r->school[i].swv_vo] = true;
		}
	for (size_t i = 0; i < r->n_pairs; i++)
		if (!sc->subset || sc->selected[r->pairs[i].gem])
			swv[r->pairs[i].swv] = true;

	outfile o;
	int rc = 0;
	if (of_open(&o, dir, "gemeenten.csv", "gemeentecode,naam"))
		return -1;
	for (size_t g = 0; g < r->n_gem; g++)
		if (gem[g]) {
			of_str(&o, r->gem[g].code);
			of_char(&o, ',');
			of_text(&o, r->gem[g].naam);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (of_open(&o, dir, "swv.csv", "swvcode,naam,sector"))
		return -1;
	for (size_t s = 0; s < r->n_swv; s++)
		if (swv[s]) {
			of_str(&o, r->swv[s].code);
			of_char(&o, ',');
			of_text(&o, r->swv[s].naam);
			of_str(&o, r->swv[s].sector ? ",VO" : ",PO");
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (of_open(&o, dir, "swv_gemeenten.csv", "swvcode,gemeentecode"))
		return -1;
	for (size_t i = 0; i < r->n_pairs; i++)
		if (swv[r->pairs[i].swv] && gem[r->pairs[i].gem]) {
			of_str(&o, r->swv[r->pairs[i].swv].code);
			of_char(&o, ',');
			of_str(&o, r->gem[r->pairs[i].gem].code);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (of_open(&o, dir, "scholen.csv", "brin,vestiging,naam,soort,gemeentecode,swv_po,swv_vo"))
		return -1;
	for (size_t i = 0; i < r->n_school; i++) {
		const ref_school *s = &r->school[i];
		if (!school[i])
			continue;
		of_raw(&o, s->brin, 4);
		of_char(&o, ',');
		of_raw(&o, s->vest, 2);
		of_char(&o, ',');
		of_text(&o, s->naam);
		of_char(&o, ',');
		of_str(&o, GEN_SOORT_NAMES[s->soort]);
		of_char(&o, ',');
		of_str(&o, r->gem[s->gem].code);
		of_char(&o, ',');
		if (s->swv_po >= 0)
			of_str(&o, r->swv[s->swv_po].code);
		of_char(&o, ',');
		if (s->swv_vo >= 0)
			of_str(&o, r->swv[s->swv_vo].code);
		of_row_end(&o);
	}
	rc |= of_close(&o);

	if (of_open(&o, dir, "vakantieregios.csv", "gemeentecode,regio"))
		return -1;
	for (size_t g = 0; g < r->n_gem; g++)
		if (gem[g]) {
			of_str(&o, r->gem[g].code);
			of_char(&o, ',');
			of_str(&o, REGIO_NAMES[r->gem[g].regio]);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (of_open(&o, dir, "vakanties.csv", "regio,naam,van,tot"))
		return -1;
	for (size_t i = 0; i < hol->n; i++) {
		of_str(&o, REGIO_NAMES[hol->items[i].regio]);
		of_char(&o, ',');
		of_text(&o, hol->items[i].naam);
		of_char(&o, ',');
		of_date(&o, hol->items[i].van);
		of_char(&o, ',');
		of_date(&o, hol->items[i].tot);
		of_row_end(&o);
	}
	rc |= of_close(&o);
	free(gem);
	free(swv);
	free(school);
	return rc ? -1 : 0;
}

static int write_readme(const char *dir, const options *o, const writer *w)
{
	strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/GEGENEREERD.txt", dir);
	FILE *fp = fopen(sb_str(&path), "w");
	if (!fp) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", sb_str(&path), strerror(errno));
		sb_free(&path);
		return -1;
	}
	char stand[DATE_TEXT];
	date_format(o->stand, stand);
	fprintf(fp, "Synthetische dataset, gemaakt door inbeeld-gen. Geen echte leerlingen.\n\n");
	fprintf(fp, "opdracht: inbeeld-gen --scale %s --seed %llu --from %d --to %d --stand %s\n", o->scale,
		(unsigned long long)o->seed, o->from, o->to, stand);
	fprintf(fp,
		"schooljaren: %d/%d t/m %d/%d\nstand (uitgelezen op): %s\nleerlingen: %llu\n\n"
		"Echt (DUO/CBS, zie data/README.md): gemeenten, SWV-codes en -regio's, vestigingen\n"
		"BAO/SBO/SO/VO/VSO/PRO met BRIN, gemeente en SWV, vakantieregio's, de vakanties van\n"
		"2023/24 t/m 2025/26. Gegenereerd: alle leerlingen en hun feiten, de namen van de SWV's,\n"
		"de mbo-vestigingen (BRIN 9xxx), de vso-afdelingen van (v)so-vestigingen, vakanties van\n"
		"andere jaren (naam eindigt op '(gegenereerd)').\n",
		o->from, o->from + 1, o->to, o->to + 1, stand, (unsigned long long)w->pupils);
	int rc = fclose(fp) == 0 ? 0 : -1;
	sb_free(&path);
	return rc;
}

int main(int argc, char **argv)
{
	options o;
	int rc = parse_args(argc, argv, &o);
	if (rc)
		return rc;
	day_t now = today();
	if (!o.to)
		o.to = school_year_of(o.stand != DAY_NONE ? o.stand : now);
	if (!o.from)
		o.from = o.to - 4;
	if (o.from > o.to || o.to - o.from > 30)
		return usage_error("--from moet voor --to liggen (hoogstens 30 jaar)", NULL);
	day_t last = day_from_civil(o.to + 1, 7, 31);
	if (o.stand == DAY_NONE)
		o.stand = now < last ? now : last;
	if (o.stand > last)
		return usage_error("--stand ligt na het laatste schooljaar", NULL);
	if (o.stand < day_from_civil(o.from, 8, 1))
		return usage_error("--stand ligt voor het eerste schooljaar", NULL);

	char *dir = ref_dir(&o);
	ref r;
	if (ref_load(&r, dir) != 0) {
		fprintf(stderr, "inbeeld-gen: de referentiedata in %s is niet te lezen (zie --ref)\n", dir);
		free(dir);
		ref_free(&r);
		return 1;
	}
	free(dir);
	scale sc;
	rc = parse_scale(o.scale, &r, &sc);
	if (rc) {
		free(sc.selected);
		ref_free(&r);
		return rc;
	}
	if (mkdir(o.out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "inbeeld-gen: kan map %s niet maken: %s\n", o.out, strerror(errno));
		free(sc.selected);
		ref_free(&r);
		return 1;
	}
	holiday_list hol;
	holidays_build(&hol, &r, o.from - 3, o.to);
	gen_ctx ctx = {&r, &hol, o.seed, day_from_civil(o.from, 8, 1), o.stand, day_from_civil(o.from - 2, 8, 1),
		       NULL, 0};
	int32_t *only = xmalloc(r.n_gem * sizeof *only);
	if (sc.subset) {
		for (size_t g = 0; g < r.n_gem; g++)
			if (sc.selected[g])
				only[ctx.n_only++] = (int32_t)g;
		ctx.only = only;
	}

	writer w = {.r = &r};
	w.used_school = xcalloc(r.n_school, sizeof *w.used_school);
	w.used_gem = xcalloc(r.n_gem, sizeof *w.used_gem);
	for (int f = 0; f < F_PUPIL_FILES && !rc; f++)
		rc = of_open(&w.f[f], o.out, PUPIL_FILES[f][0], PUPIL_FILES[f][1]);
	if (o.tags && !(w.tags = fopen(o.tags, "w"))) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", o.tags, strerror(errno));
		rc = 1;
	}
	life L = {0};
	int stand_year = civil_from_day(o.stand).year;
	for (size_t g = 0; g < r.n_gem && !rc; g++) {
		if (!sc.selected[g])
			continue;
		for (int y = o.from - 18; y <= stand_year - 4; y++) {
			rng cr;
			rng_seed(&cr, o.seed, (uint64_t)r.gem[g].num, (uint64_t)y, 0xC0407u);
			double want = ref_cohort(&r.gem[g], y) * POPULATION_FACTOR * sc.fraction;
			uint64_t n = (uint64_t)want + (rng_unit(&cr) < want - floor(want) ? 1 : 0);
			for (uint64_t i = 0; i < n; i++) {
				rng pr;
				rng_seed(&pr, o.seed, (uint64_t)r.gem[g].num, (uint64_t)y, i + 1);
				if (life_generate(&ctx, &pr, (int32_t)g, y, &L))
					write_life(&w, &L);
			}
		}
	}
	for (int f = 0; f < F_PUPIL_FILES; f++)
		if (w.f[f].fp && of_close(&w.f[f]) != 0)
			rc = 1;
	if (!rc && write_reference(o.out, &r, &sc, &w, &hol) != 0)
		rc = 1;
	if (!rc && write_readme(o.out, &o, &w) != 0)
		rc = 1;
	if (!rc)
		fprintf(stderr, "inbeeld-gen: %llu leerlingen geschreven naar %s\n", (unsigned long long)w.pupils,
			o.out);
	if (w.tags && fclose(w.tags) != 0)
		rc = 1;
	life_free(&L);
	free(only);
	holidays_free(&hol);
	free(w.used_school);
	free(w.used_gem);
	free(sc.selected);
	ref_free(&r);
	return rc;
}
