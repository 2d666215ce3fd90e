/* A write never widens the writer's reach (issue 11): a property test over
 * every role with a scope in and out of each pupil's places, every write
 * route (a new row, a correction, an end, of each kind of fact, and the
 * identity), pupils in and out of scope, and rows with dates before, inside
 * and after their periods. A write the rules allow is carried out on the
 * fixture (the world rebuilt by the real fact builder) and the writer's reach
 * (access_reach) after it must lie within the reach before it - except for
 * the enrolment flow: a school enrolling, with the child's BSN, from at most
 * ENROL_BACK_DAYS before today. Prints its figures. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/access.h"

#define TODAY "2025-11-03"
enum { MAX_LINES = 24, MAX_LINE = 96 };

/* The per-pupil tables of the world as lines of CSV text. */
static const table_id KINDS[] = {T_LEERLINGEN, T_WOONADRESSEN, T_INSCHRIJVINGEN, T_VERZUIM, T_VRIJSTELLINGEN,
				 T_MELDINGEN, T_AANBOD};
enum { N_KINDS = sizeof KINDS / sizeof KINDS[0] };
typedef struct world {
	char line[N_KINDS][MAX_LINES][MAX_LINE];
	size_t n[N_KINDS];
} world;

/* A: lived in GM0001, in GM0002 since 2025, enrolled at 20BB-00 then 70GG-00,
 *    unauthorised absent; BSN known.
 * B: lives in GM0002, left 10AA-00 in the summer (absoluut verzuim); no BSN.
 * C: lives in GM0003 (no SWV region) since 2020, never enrolled; BSN known.
 * E: lives abroad, enrolled at 50EE-00 (VSO), with a vrijstelling request. */
static const char *const START[N_KINDS] = {
	"A,111222333,,2012-01-01,,,\nB,,,2013-05-05,,,\nC,123456782,,2014-02-02,,,\nE,,,2011-03-03,,,\n",
	"A,GM0001,2012-01-01,2024-12-31,0\nA,GM0002,2025-01-01,,0\nB,GM0002,2013-05-05,,0\nC,GM0003,2020-01-01,,0\n",
	"A,20BB,00,2024-08-01,2025-07-31\nA,70GG,00,2025-08-01,\nB,10AA,00,2019-08-01,2025-07-31\nE,50EE,00,2023-08-01,\n",
	"A,70GG,00,ongeoorloofd,2025-09-15,,\nB,10AA,00,ziek,2025-06-02,2025-06-06,\n",
	"E,5c,aangevraagd,2025-09-01,,\n",
	"A,70GG,00,2025-10-01,2025-09-15,relatief verzuim\n",
	"B,2025-10-01,,zorg\n",
};

static void world_reset(world *w)
{
	memset(w->n, 0, sizeof w->n);
	for (size_t k = 0; k < N_KINDS; k++)
		for (const char *p = START[k]; *p;) {
			size_t len = strcspn(p, "\n");
			snprintf(w->line[k][w->n[k]++], MAX_LINE, "%.*s", (int)len, p);
			p += len + 1;
		}
}

static dataset *world_build(const world *w)
{
	char body[N_KINDS][MAX_LINES * MAX_LINE];
	for (size_t k = 0; k < N_KINDS; k++) {
		size_t at = 0;
		body[k][0] = '\0';
		for (size_t i = 0; i < w->n[k]; i++)
			at += (size_t)snprintf(body[k] + at, sizeof body[k] - at, "%s\n", w->line[k][i]);
	}
	fixture f = {.leerlingen = body[0], .woonadressen = body[1], .inschrijvingen = body[2], .verzuim = body[3],
		     .vrijstellingen = body[4], .meldingen = body[5], .aanbod = body[6]};
	builder *errors = NULL;
	dataset *ds = fixture_build(&f, &errors);
	if (errors)
		builder_free(errors);
	return ds;
}

/* A line split into fields (points into buf). */
typedef struct row {
	char buf[MAX_LINE];
	field f[TABLE_MAX_COLS];
} row;

static void split(const char *line, row *r)
{
	snprintf(r->buf, sizeof r->buf, "%s", line);
	size_t i = 0;
	for (char *p = r->buf; i < TABLE_MAX_COLS;) {
		size_t len = strcspn(p, ",");
		r->f[i++] = (field){p, len};
		if (!p[len])
			break;
		p[len] = '\0';
		p += len + 1;
	}
	while (i < TABLE_MAX_COLS)
		r->f[i++] = (field){"", 0};
}

/* The scopes tried: for each role, codes in and out of the pupils' places. */
static const struct {
	role r;
	const char *codes;
} SCOPES[] = {
	{ROLE_SCHOOL, "10AA:00"},   {ROLE_SCHOOL, "20BB:00"},	{ROLE_SCHOOL, "70GG:00"},  {ROLE_SCHOOL, "50EE:00"},
	{ROLE_SCHOOL, "40DD:00"},   {ROLE_LEERPLICHT, "GM0001"}, {ROLE_LEERPLICHT, "GM0002"}, {ROLE_LEERPLICHT, "GM0003"},
	{ROLE_SWV, "VO0001"},	    {ROLE_SWV, "VO0002"},	{ROLE_SWV, "PO0002"},	   {ROLE_ANALIST, "GM0002"},
	{ROLE_BEHEERDER, "*"},
};
enum { N_SCOPES = sizeof SCOPES / sizeof SCOPES[0] };

/* The roles of each write route (src/api/routes.c): the route table refuses
 * the others before any rule runs. */
static bool route_allows(role r, table_id t)
{
	switch (t) {
	case T_WOONADRESSEN:
	case T_VRIJSTELLINGEN: return r == ROLE_LEERPLICHT;
	case T_INSCHRIJVINGEN:
	case T_VERZUIM:
	case T_MELDINGEN: return r == ROLE_SCHOOL;
	case T_AANBOD: return r == ROLE_LEERPLICHT || r == ROLE_SWV;
	case T_LEERLINGEN: return r == ROLE_SCHOOL || r == ROLE_LEERPLICHT;
	default: return false;
	}
}

static const char *const PUPILS[] = {"A", "B", "C", "E"};
static const char *const DAYS[] = {"2012-01-01", "2024-12-31", "2025-01-01", "2025-10-05", "2025-10-06", TODAY,
				   "2026-12-08"};
enum { N_DAYS = sizeof DAYS / sizeof DAYS[0] };
static const char *const SCHOOLS[] = {"10AA,00", "20BB,00", "70GG,00", "50EE,00"};
static const char *const GEMEENTEN[] = {"GM0001", "GM0002", "GM0003"};

/* The candidate rows of kind k for pupil id: dates before, inside and after
 * every period, at every place. Calls try() for each. */
typedef struct counts {
	size_t tried, by_route, by_rules, by_builder, done, by_flow, widened;
	size_t per_role[ROLE_COUNT];
	size_t candidates, stride; /* every stride-th candidate write is tried (test_stride) */
} counts;

typedef struct trial {
	counts *n;
	world *w;
	size_t k;
	const char *id;
	int32_t old; /* the line replaced or ended, -1 for a new row */
	bool end;
} trial;

static void try_write(trial *t, const char *line, const char *bsn);

static void candidates(trial *t)
{
	char line[MAX_LINE];
	if (t->end) {
		try_write(t, NULL, NULL);
		return;
	}
	const char *id = t->id;
	for (size_t a = 0; a < N_DAYS; a++)
		for (size_t b = a; b <= N_DAYS; b++) {
			const char *van = DAYS[a], *tot = b == N_DAYS ? "" : DAYS[b];
			switch (KINDS[t->k]) {
			case T_WOONADRESSEN:
				for (size_t g = 0; g < 3; g++)
					for (int o = 0; o < 2; o++) {
						snprintf(line, sizeof line, "%s,%s,%s,%s,%d", id, GEMEENTEN[g], van, tot, o);
						try_write(t, line, NULL);
					}
				break;
			case T_INSCHRIJVINGEN:
				for (size_t s = 0; s < 4; s++) {
					snprintf(line, sizeof line, "%s,%s,%s,%s", id, SCHOOLS[s], van, tot);
					try_write(t, line, NULL);
					try_write(t, line, "111222333");
					try_write(t, line, "123456782");
				}
				break;
			case T_VERZUIM:
				for (size_t s = 0; s < 4; s++) {
					snprintf(line, sizeof line, "%s,%s,ongeoorloofd,%s,%s,", id, SCHOOLS[s], van, tot);
					try_write(t, line, NULL);
				}
				break;
			case T_MELDINGEN:
				if (!*tot)
					break;
				for (size_t s = 0; s < 4; s++) {
					snprintf(line, sizeof line, "%s,%s,%s,%s,relatief verzuim", id, SCHOOLS[s], tot, van);
					try_write(t, line, NULL);
				}
				break;
			case T_VRIJSTELLINGEN:
				snprintf(line, sizeof line, "%s,5b,verleend,%s,%s,%s", id, van, van, tot);
				try_write(t, line, NULL);
				break;
			case T_AANBOD:
				snprintf(line, sizeof line, "%s,%s,%s,onderwijs", id, van, tot);
				try_write(t, line, NULL);
				break;
			case T_LEERLINGEN:
				if (b == a + 1) { /* a birth date of each kind */
					snprintf(line, sizeof line, "%s,,,%s,,,", id, van);
					try_write(t, line, NULL);
				}
				break;
			default: break;
			}
		}
}

static int32_t pupil_of(const dataset *ds, const char *id)
{
	return dataset_pupil(ds, id, strlen(id));
}

/* One write of line (NULL: an end) by every scope. */
static void try_write(trial *t, const char *line, const char *bsn)
{
	if (t->n->candidates++ % t->n->stride != 0)
		return;
	row nr, or;
	if (line)
		split(line, &nr);
	if (t->old >= 0)
		split(t->w->line[t->k][t->old], &or);
	table_id kind = KINDS[t->k];
	dataset *before = world_build(t->w);
	assert_non_null(before);
	/* the world after the write */
	world *after_w = malloc(sizeof *after_w);
	assert_non_null(after_w);
	memcpy(after_w, t->w, sizeof *after_w);
	if (t->old < 0) {
		snprintf(after_w->line[t->k][after_w->n[t->k]++], MAX_LINE, "%s", line);
	} else if (line) {
		snprintf(after_w->line[t->k][t->old], MAX_LINE, "%s", line);
	} else {
		for (size_t i = (size_t)t->old; i + 1 < after_w->n[t->k]; i++)
			memcpy(after_w->line[t->k][i], after_w->line[t->k][i + 1], MAX_LINE);
		after_w->n[t->k]--;
	}
	dataset *after = NULL;
	bool built = false;
	for (size_t s = 0; s < N_SCOPES; s++) {
		t->n->tried++;
		t->n->per_role[SCOPES[s].r]++;
		if (!route_allows(SCOPES[s].r, kind)) {
			t->n->by_route++;
			continue;
		}
		resolved sc;
		resolve(before, SCOPES[s].r, SCOPES[s].codes, &sc);
		int32_t p = pupil_of(before, t->id);
		write_request w = {kind, t->old >= 0 ? or.f : NULL, line ? nr.f : NULL, bsn, NULL, D(TODAY)};
		day_t when;
		write_verdict v = access_write_check(before, &sc.set, p, &w, &when);
		if (v != WRITE_OK) {
			t->n->by_rules++;
			resolved_free(&sc);
			continue;
		}
		if (!built) {
			after = world_build(after_w);
			built = true;
		}
		if (!after) {
			t->n->by_builder++;
			resolved_free(&sc);
			continue;
		}
		t->n->done++;
		reach rb, ra;
		access_reach(before, &sc.set, (uint32_t)p, &rb);
		resolved sa;
		resolve(after, SCOPES[s].r, SCOPES[s].codes, &sa);
		access_reach(after, &sa.set, (uint32_t)pupil_of(after, t->id), &ra);
		/* the enrolment flow: a school, an identified child, from today - 28 days */
		bool flow = SCOPES[s].r == ROLE_SCHOOL && kind == T_INSCHRIJVINGEN && bsn &&
			    before->pupils[p].bsn && strcmp(bsn, before->pupils[p].bsn) == 0;
		reach allowed = rb;
		period extra[64];
		if (flow) {
			assert_true(rb.n < 63);
			if (rb.n)
				memcpy(extra, rb.p, rb.n * sizeof *extra);
			extra[rb.n] = (period){D(TODAY) - ENROL_BACK_DAYS, DAY_OPEN};
			allowed = (reach){extra, rb.n + 1, 64};
		}
		bool wider = false, by_flow = false;
		for (size_t i = 0; i < ra.n; i++) {
			if (reach_first_gap(&rb, ra.p[i].van, ra.p[i].tot) != DAY_NONE)
				by_flow = true;
			if (reach_first_gap(&allowed, ra.p[i].van, ra.p[i].tot) != DAY_NONE)
				wider = true;
		}
		if (wider) {
			t->n->widened++;
			print_error("widened: %s %s writes %s %s of %s (%s)\n", ROLE_NAMES[SCOPES[s].r], SCOPES[s].codes,
				    TABLES[kind].name, line ? line : "(einde)", t->id,
				    t->old >= 0 ? t->w->line[t->k][t->old] : "nieuw");
		}
		if (by_flow && !wider)
			t->n->by_flow++;
		reach_free(&rb);
		reach_free(&ra);
		resolved_free(&sa);
		resolved_free(&sc);
	}
	dataset_free(after);
	dataset_free(before);
	free(after_w);
}

static void no_write_widens_the_writers_reach(void **state)
{
	(void)state;
	counts n = {.stride = test_stride()};
	world *w = malloc(sizeof *w);
	assert_non_null(w);
	world_reset(w);
	size_t routes = 0;
	for (size_t k = 0; k < N_KINDS; k++) {
		routes += KINDS[k] == T_LEERLINGEN ? 1 : 3; /* identity: PUT; facts: POST, PUT, DELETE */
		for (size_t pi = 0; pi < 4; pi++) {
			trial t = {&n, w, k, PUPILS[pi], -1, false};
			if (KINDS[k] != T_LEERLINGEN)
				candidates(&t); /* POST: a new row */
			for (size_t i = 0; i < w->n[k]; i++) {
				if (strncmp(w->line[k][i], PUPILS[pi], 1) != 0 || w->line[k][i][1] != ',')
					continue;
				t.old = (int32_t)i;
				t.end = false;
				candidates(&t); /* PUT: a correction */
				if (KINDS[k] != T_LEERLINGEN) {
					t.end = true;
					candidates(&t); /* DELETE: an end */
				}
			}
		}
	}
	printf("access property: %zu writes tried (%d scopes of %d roles x %zu write routes x %zu pupils x rows): "
	       "%zu refused by the route table, %zu by the access rules, %zu by the fact builder; %zu carried out, "
	       "%zu of them widening through the enrolment flow; %zu widened the writer's reach\n",
	       n.tried, N_SCOPES, ROLE_COUNT, routes, sizeof PUPILS / sizeof PUPILS[0], n.by_route, n.by_rules,
	       n.by_builder, n.done, n.by_flow, n.widened);
	if (n.stride > 1)
		printf("  (every %zuth of %zu candidate writes: INBEELD_TEST_STRIDE)\n", n.stride, n.candidates);
	for (int r = 0; r < ROLE_COUNT; r++)
		printf("  %-10s %zu writes tried\n", ROLE_NAMES[r], n.per_role[r]);
	assert_int_equal(n.widened, 0);
	assert_true(n.by_flow > 0); /* the flow is really tried */
	assert_true(n.done > 100);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_write_widens_the_writers_reach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
