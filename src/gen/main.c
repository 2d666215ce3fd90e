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

#include "../core/dataset.h"
#include "../core/ident.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "casework.h"
#include "holidays.h"
#include "life.h"
#include "ref.h"
#include "rng.h"
#include "write.h"
#include "years.h"

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
	"  --tags PAD  schrijf per leerling wat er in zijn leven gebeurde (voor het kalibreren)\n"
	"  --dossierwerk PAD  schrijf ook het dossierwerk van het laatste jaar voor de stand (buiten de\n"
	"              datasetmap), voor inbeeld dossierwerk laden\n";

typedef struct options {
	const char *scale, *out, *ref, *tags, *cases;
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
		{"dossierwerk", required_argument, NULL, 'W'}, {"help", no_argument, NULL, 'h'},
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
		case 'W': o->cases = optarg; break;
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
		o.to = school_year(o.stand != DAY_NONE ? o.stand : now);
	if (!o.from)
		o.from = o.to - 4;
	if (o.from > o.to || o.to - o.from > 30)
		return usage_error("--from moet voor --to liggen (hoogstens 30 jaar)", NULL);
	day_t last = jul31(o.to + 1);
	if (o.stand == DAY_NONE)
		o.stand = now < last ? now : last;
	if (o.stand > last)
		return usage_error("--stand ligt na het laatste schooljaar", NULL);
	if (o.stand < aug1(o.from))
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
	gen_ctx ctx = {.r = &r, .hol = &hol, .seed = o.seed, .window = aug1(o.from), .stand = o.stand,
		       .history = aug1(o.from - 2), .horizon = last, .detail = aug1(o.to) - 61};
	int32_t *only = xmalloc(r.n_gem * sizeof *only);
	if (sc.subset) {
		for (size_t g = 0; g < r.n_gem; g++)
			if (sc.selected[g])
				only[ctx.n_only++] = (int32_t)g;
		ctx.only = only;
	}

	writer w;
	rc = writer_open(&w, &r, o.out, day_from_civil(o.from - 20, 1, 1), last + 400);
	if (o.tags && !(w.tags = fopen(o.tags, "w"))) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", o.tags, strerror(errno));
		rc = 1;
	}
	w.stand = ctx.stand;
	w.hol = &hol;
	w.seed = o.seed;
	if (!rc && o.cases && (!(w.cases = fopen(o.cases, "w")) || fputs(CASEWORK_HEADER, w.cases) == EOF)) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", o.cases, strerror(errno));
		rc = 1;
	}
	life L = {0};
	/* Every child considered gets a number, written or not (too young or
	 * not yet arrived on the stand), so numbers do not depend on it. */
	uint64_t number = 0, onr = 0;
	int last_year = civil_from_day(ctx.horizon).year;
	for (size_t g = 0; g < r.n_gem && !rc; g++) {
		if (!sc.selected[g])
			continue;
		for (int y = o.from - 18; y <= last_year - 4; y++) {
			rng cr;
			rng_seed(&cr, o.seed, (uint64_t)r.gem[g].num, (uint64_t)y, 0xC0407u);
			double want = ref_cohort(&r.gem[g], y) * POPULATION_FACTOR * sc.fraction;
			uint64_t n = (uint64_t)want + (rng_unit(&cr) < want - floor(want) ? 1 : 0);
			for (uint64_t i = 0; i < n; i++, number++) {
				rng pr;
				rng_seed(&pr, o.seed, (uint64_t)r.gem[g].num, (uint64_t)y, i + 1);
				if (life_generate(&ctx, &pr, (int32_t)g, y, &L))
					write_life(&w, &L, number, onr);
				onr += L.onderwijsnummer;
			}
		}
	}
	if (writer_close(&w) != 0)
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
	if (w.cases && fclose(w.cases) != 0) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", o.cases, strerror(errno));
		rc = 1;
	}
	life_free(&L);
	free(only);
	holidays_free(&hol);
	writer_free(&w);
	free(sc.selected);
	ref_free(&r);
	return rc;
}
