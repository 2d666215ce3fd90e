/*
 * inbeeld dossierwerk laden - replay a file of case work (written by
 * inbeeld-gen --dossierwerk, docs/generator.md) into the registry through
 * the same functions the API uses: the automatic opening of SPEC 6
 * (case_opening_text, check_opening), and every other event through
 * case_record, checked by the dossier's state machine inside its write
 * transaction and audited as the account that records it. Each row is
 * replayed on its own day (the business day is the row's datum, as if the
 * person recorded it that day), so the rules of that day apply: what they
 * refuse is counted and left out, never forced.
 *
 * The file: leerling_id,datum,soort,door,plaats_per,dagen,type,tekst, one
 * pupil's rows together in the order they happened. soort is opening (by
 * the registry: a dossier opens when the pupil's categorie on that day opens
 * one), regie (door takes regie for its own organisation, as holder),
 * contact, mdo, plaatsing (plaats_per: the ingangsdatum), verlenging
 * (dagen), escalatie (type: the stagnatie), besluit (in the last
 * escalation), sluiting (type: the uitkomst) or nazorg (type: the moment);
 * and herbeoordeling, the review of the vrijstelling the pupil has that day
 * (plaats_per: the next review, when set), as POST /api/herbeoordelingen.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/case_record.h"
#include "../app/casework.h"
#include "../app/dossiers.h"
#include "../app/procedure_record.h"
#include "../io/csv.h"
#include "../store/store.h"
#include "../util/alloc.h"
#include "cli.h"

static const char USAGE[] = "inbeeld dossierwerk laden --db PAD [--vandaag JJJJ-MM-DD] BESTAND";

enum { C_PUPIL, C_DATUM, C_SOORT, C_DOOR, C_PLAATS, C_DAGEN, C_TYPE, C_TEKST, C_COUNT };
static const char *const COLUMNS[C_COUNT] = {"leerling_id", "datum", "soort", "door",
					     "plaats_per", "dagen", "type", "tekst"};

/* An account that records, found once by name. */
typedef struct person {
	char naam[512];
	account a;
	case_actor who;
	bool found;
} person;

typedef struct replay {
	store *st;
	dataset *ds;
	org_list orgs;
	person *people;
	size_t n_people, cap_people;
	char pupil[72];
	int64_t dossier; /* the pupil's dossier opened by this replay, 0: none */
	size_t opened, recorded, refused, skipped;
	strbuf first_refusals;
	size_t n_reasons;
} replay;

static const person *person_named(replay *rp, const char *naam)
{
	for (size_t i = 0; i < rp->n_people; i++)
		if (strcmp(rp->people[i].naam, naam) == 0)
			return &rp->people[i];
	rp->people = xgrow(rp->people, &rp->cap_people, rp->n_people + 1, sizeof *rp->people);
	person *p = &rp->people[rp->n_people++];
	*p = (person){0};
	snprintf(p->naam, sizeof p->naam, "%s", naam);
	strbuf err = STRBUF_INIT;
	p->found = store_account_get(rp->st, naam, 0, &p->a, &err) == 1 && p->a.organisatie_id;
	sb_free(&err);
	if (p->found) {
		const organisation *o = org_by_id(&rp->orgs, p->a.organisatie_id);
		p->who = (case_actor){p->a.id, p->a.organisatie_id, p->a.naam, o ? o->naam : NULL};
	} else {
		fprintf(stderr, "inbeeld: gebruiker '%s' is onbekend of hoort bij geen organisatie\n", naam);
	}
	return p;
}

static void refuse(replay *rp, uint32_t line, const char *why)
{
	rp->refused++;
	if (rp->n_reasons++ < 10)
		sb_printf(&rp->first_refusals, "  regel %u: %s\n", line, why);
}

static void latest_id(void *ctx, const stream_info *s)
{
	*(int64_t *)ctx = s->id;
}

/* The automatic opening on day d, as the sweep does it (cases_sweep). */
static void open_dossier(replay *rp, day_t d, uint32_t line)
{
	rp->dossier = 0;
	int32_t p = dataset_pupil(rp->ds, rp->pupil, strlen(rp->pupil));
	classification c;
	if (p != NO_REF)
		classify(rp->ds, (uint32_t)p, d, &c);
	if (p == NO_REF || !c.in_scope || !categorie_opens_dossier(c.cat)) {
		rp->skipped++; /* the registry does not open one that day */
		return;
	}
	char now[DATE_TEXT];
	date_format(d, now);
	char *text = case_opening_text(rp->ds, &c, &rp->orgs);
	new_event first = {"opening", now, text, 0, "inbeeld", NULL};
	const char *names[1] = {rp->pupil};
	bool automatic = true;
	size_t opened = 0;
	strbuf err = STRBUF_INIT;
	if (store_streams_open(rp->st, "dossier", names, &first, 1, check_opening, &automatic, &CASE_OPENING_BY, &opened,
			       &err) != 0)
		refuse(rp, line, sb_str(&err));
	else if (!opened)
		rp->skipped++; /* one is open already, or dealt with this absence */
	else if (store_streams(rp->st, "dossier", rp->pupil, latest_id, &rp->dossier, &err) == 0)
		rp->opened++;
	free(text);
	sb_free(&err);
}

static void got_event(void *ctx, const stream_event *e)
{
	int64_t *last = ctx;
	if (strcmp(e->soort, "escalatie") == 0)
		*last = e->id;
}

/* The entry's details, written at the commit: by then the event and the
 * aanbod fact's batch are known. */
typedef struct audit_ctx {
	const char *stream_kind; /* "dossier", "vrijstellingsprocedure" */
	int64_t stream, event;
	const char *soort;
	const fact_result *facts; /* may be NULL */
} audit_ctx;

static bool audit_details(void *ctx, strbuf *out)
{
	const audit_ctx *a = ctx;
	sb_printf(out, "{\"%s\":%lld,\"soort\":\"%s\",\"gebeurtenis\":%lld", a->stream_kind, (long long)a->stream,
		  a->soort, (long long)a->event);
	if (a->facts && a->facts->batch)
		sb_printf(out, ",\"registratie\":%lld", (long long)a->facts->batch);
	sb_puts(out, "}");
	return true;
}

/* The audit entry of a change by person pe (its details at the commit). */
static change_audit audit_as(const person *pe, const char *pupil_id, audit_ctx *ac)
{
	return (change_audit){.e = {.gebruiker_id = pe->a.id, .gebruikersnaam = pe->a.naam, .rol = pe->a.rol,
				    .organisatie = pe->who.organisatie, .leerling_id = pupil_id, .actie = "wijzigen",
				    .endpoint = "inbeeld dossierwerk laden", .doel = "dossierwerk van de demo vastleggen"},
			      .details = audit_details, .ctx = ac};
}

/* A row's fields as text (the reader's fields do not end in NUL). */
typedef struct row {
	char v[C_COUNT][512];
} row;

static bool row_read(row *rw, const field *f, size_t n)
{
	if (n != C_COUNT)
		return false;
	for (size_t i = 0; i < C_COUNT; i++) {
		size_t len = f[i].len < sizeof rw->v[i] ? f[i].len : sizeof rw->v[i] - 1;
		memcpy(rw->v[i], f[i].p ? f[i].p : "", len);
		rw->v[i][len] = 0;
	}
	return true;
}

static void put(json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		abort(); /* out of memory: as alloc.h does */
}

/* One row other than an opening, recorded by its person. */
static void record(replay *rp, const row *rw, day_t d, uint32_t line)
{
	const person *pe = person_named(rp, rw->v[C_DOOR]);
	if (!pe->found) {
		refuse(rp, line, "de gebruiker is onbekend");
		return;
	}
	case_event ev = {.kind = case_kind_from_name(rw->v[C_SOORT]), .datum = d, .plaats_per = DAY_NONE,
			 .startdatum = DAY_NONE, .type = -1};
	json_t *g = json_object();
	dossier_offer placement = {"onderwijs", d, DAY_NONE}, *of = NULL;
	const char *tekst = rw->v[C_TEKST], *type = rw->v[C_TYPE];
	switch (ev.kind) {
	case EV_REGIE: {
		/* Regie for the own organisation, with the person as holder, to an
		 * organisation concerned with the pupil (as POST .../regie). */
		int32_t p = dataset_pupil(rp->ds, rp->pupil, strlen(rp->pupil));
		const organisation *o = org_by_id(&rp->orgs, pe->who.org);
		classification c;
		if (p != NO_REF)
			classify(rp->ds, (uint32_t)p, d, &c);
		if (p == NO_REF || !o || !org_concerned(rp->ds, o, (uint32_t)p, &c)) {
			refuse(rp, line, "de organisatie van de gebruiker is niet betrokken bij de leerling");
			json_decref(g);
			return;
		}
		ev.org = pe->who.org;
		ev.user = pe->who.id;
		put(g, "organisatie_id", json_integer(ev.org));
		put(g, "organisatie", json_string(o->naam));
		put(g, "gebruiker_id", json_integer(ev.user));
		put(g, "reden", json_string(tekst));
		break;
	}
	case EV_CONTACT:
		put(g, "met_wie", json_string("leerling en ouders"));
		put(g, "wijze", json_string(type));
		put(g, "omschrijving", json_string(tekst));
		break;
	case EV_MDO:
		put(g, "deelnemers", json_pack("[s, s, s, s]", "leerplicht", "school", "samenwerkingsverband", "ouders"));
		put(g, "afspraken", json_string(tekst));
		break;
	case EV_PLAATSING:
		if (rw->v[C_PLAATS][0] && date_parse(rw->v[C_PLAATS], strlen(rw->v[C_PLAATS]), &ev.plaats_per) != 0) {
			refuse(rp, line, "plaats_per is geen datum JJJJ-MM-DD");
			json_decref(g);
			return;
		}
		placement.plaats_per = case_event_place(&ev);
		of = &placement;
		if (rw->v[C_PLAATS][0])
			put(g, "ingangsdatum", json_string(rw->v[C_PLAATS]));
		put(g, "omschrijving", json_string(tekst));
		break;
	case EV_VERLENGING:
		ev.dagen = atoi(rw->v[C_DAGEN]);
		put(g, "dagen", json_integer(ev.dagen));
		put(g, "reden", json_string(tekst));
		break;
	case EV_ESCALATIE:
		ev.type = (int32_t)stagnatie_from_code(type);
		if (ev.type < ST_COUNT)
			put(g, "route", json_string(STAGNATIE[ev.type].route));
		put(g, "type", json_string(type));
		put(g, "omschrijving", json_string(tekst));
		break;
	case EV_BESLUIT: {
		strbuf err = STRBUF_INIT;
		store_stream_events(rp->st, "dossier", rp->dossier, got_event, &ev.ref, &err);
		sb_free(&err);
		put(g, "escalatie_id", json_integer(ev.ref));
		put(g, "besluit", json_string(tekst));
		put(g, "besloten_door", json_string(type));
		break;
	}
	case EV_SLUITING:
		ev.type = (int32_t)uitkomst_from_code(type);
		put(g, "uitkomst", json_string(type));
		put(g, "toelichting", json_string(tekst));
		break;
	case EV_NAZORG:
		ev.type = (int32_t)nazorg_from_code(type);
		put(g, "moment", json_string(type));
		put(g, "bevinding", json_string(tekst));
		break;
	default:
		json_decref(g);
		refuse(rp, line, "onbekende soort gebeurtenis");
		return;
	}
	char *text = json_text(g);
	json_decref(g);
	fact_result result = {0};
	audit_ctx ac = {"dossier", rp->dossier, 0, CASE_KIND_NAMES[ev.kind], &result};
	change_audit ca = audit_as(pe, rp->pupil, &ac);
	bool refused = false;
	strbuf why = STRBUF_INIT;
	store_audit_with(rp->st, &ca);
	int rc = case_record(rp->st, rp->ds, rp->dossier, rp->pupil, &ev, text, of, &pe->who, d, &result, &ac.event,
			     &refused, &why);
	store_audit_with(rp->st, NULL);
	if (rc == 0 && ca.written)
		rp->recorded++;
	else
		refuse(rp, line, rc == 0 ? "het auditlog kon niet worden bijgewerkt" : sb_str(&why)[0] ? sb_str(&why) : "fout");
	sb_free(&why);
	free(text);
}

/* A review of the vrijstelling the pupil has on day d, as POST
 * /api/herbeoordelingen: in the stream that backs it, after taking it over
 * from the registry when none does. */
static void review(replay *rp, const row *rw, day_t d, uint32_t line)
{
	const person *pe = person_named(rp, rw->v[C_DOOR]);
	const char *pupil_id = rw->v[C_PUPIL];
	int32_t p = dataset_pupil(rp->ds, pupil_id, strlen(pupil_id));
	const vrijstelling *x = p != NO_REF ? vrijstelling_granted_on(rp->ds, (uint32_t)p, d) : NULL;
	if (!pe->found || !x) {
		refuse(rp, line, pe->found ? "deze leerling heeft die dag geen verleende vrijstelling" : "de gebruiker is onbekend");
		return;
	}
	classification c;
	classify(rp->ds, (uint32_t)p, d, &c);
	char swv_code[8] = "";
	if (c.swv != NO_REF)
		snprintf(swv_code, sizeof swv_code, "%s", rp->ds->swvs[c.swv].code);
	strbuf why = STRBUF_INIT;
	step_check sc;
	audit_ctx ac = {"vrijstellingsprocedure", 0, 0, VP_KIND_NAMES[VP_REGISTRATIE], NULL};
	change_audit ca = audit_as(pe, pupil_id, &ac);
	store_audit_with(rp->st, &ca);
	int rc = vp_take_over(rp->st, pupil_id, x, swv_code, &pe->who, &sc, &ac.stream, &ac.event, &why);
	store_audit_with(rp->st, NULL);
	if (rc == STORE_INVALID && sc.backed) /* reviewed before: in that stream */
		rc = vp_latest(rp->st, pupil_id, &ac.stream, &why);
	if (rc == 0) {
		vp_event next = {.kind = VP_HERBEOORDELING, .datum = d, .besluit = -1, .van = DAY_NONE, .tot = DAY_NONE,
				 .volgende = DAY_NONE};
		json_t *g = json_object();
		put(g, "leerling_id", json_string(pupil_id));
		put(g, "bevinding", json_string(rw->v[C_TEKST]));
		if (rw->v[C_PLAATS][0] && date_parse(rw->v[C_PLAATS], strlen(rw->v[C_PLAATS]), &next.volgende) == 0)
			put(g, "volgende", json_string(rw->v[C_PLAATS]));
		char *text = json_text(g);
		json_decref(g);
		char dt[DATE_TEXT];
		date_format(d, dt);
		new_event ne = {VP_KIND_NAMES[VP_HERBEOORDELING], dt, text, pe->who.id, pe->who.naam, pe->who.organisatie};
		sc = (step_check){.next = next};
		ac.soort = VP_KIND_NAMES[VP_HERBEOORDELING];
		ca = audit_as(pe, pupil_id, &ac);
		sb_reset(&why);
		store_audit_with(rp->st, &ca);
		rc = store_stream_append(rp->st, ac.stream, &ne, check_step, &sc, NULL, &ac.event, &why);
		store_audit_with(rp->st, NULL);
		free(text);
		if (rc == 0 && !ca.written)
			rc = -1;
	}
	if (rc == 0)
		rp->recorded++;
	else
		refuse(rp, line, sb_str(&why)[0] ? sb_str(&why) : "de herbeoordeling kon niet worden vastgelegd");
	sb_free(&why);
}

static int replay_file(replay *rp, const char *path)
{
	char msg[256];
	csv_reader *r = csv_open(path, msg, sizeof msg);
	if (!r)
		return data_error("%s", msg);
	const field *f;
	size_t n;
	uint32_t line;
	csv_status s = csv_next(r, &f, &n, &line);
	bool header = s == CSV_RECORD && n == C_COUNT;
	for (size_t i = 0; header && i < C_COUNT; i++)
		header = f[i].len == strlen(COLUMNS[i]) && memcmp(f[i].p, COLUMNS[i], f[i].len) == 0;
	int rc = header ? 0 : data_error("%s: de kopregel is niet %s,%s,%s,%s,%s,%s,%s,%s", path, COLUMNS[0], COLUMNS[1],
					COLUMNS[2], COLUMNS[3], COLUMNS[4], COLUMNS[5], COLUMNS[6], COLUMNS[7]);
	while (!rc && (s = csv_next(r, &f, &n, &line)) == CSV_RECORD) {
		day_t d;
		row rw;
		if (!row_read(&rw, f, n) || date_parse(rw.v[C_DATUM], strlen(rw.v[C_DATUM]), &d) != 0 ||
		    strlen(rw.v[C_PUPIL]) >= sizeof rp->pupil) {
			rc = data_error("%s, regel %u: verwacht %d velden met een datum JJJJ-MM-DD", path, line, C_COUNT);
			break;
		}
		/* The row's day is the business day: the rules of that day apply. */
		today_fix(d);
		if (strcmp(rw.v[C_SOORT], "herbeoordeling") == 0) {
			review(rp, &rw, d, line);
		} else if (strcmp(rw.v[C_SOORT], "opening") == 0) {
			memcpy(rp->pupil, rw.v[C_PUPIL], strlen(rw.v[C_PUPIL]) + 1); /* fits: checked above */
			open_dossier(rp, d, line);
		} else if (strcmp(rw.v[C_PUPIL], rp->pupil) || !rp->dossier) {
			rp->skipped++; /* its dossier did not open */
		} else {
			record(rp, &rw, d, line);
		}
	}
	if (!rc && s == CSV_ERROR)
		rc = data_error("%s, regel %u: %s", path, line, csv_error(r));
	csv_close(r);
	return rc;
}

/* A share in percent with a decimal comma, as people read it. */
static void percent(char *out, size_t n, size_t part, size_t whole)
{
	long tenths = whole ? (long)((part * 1000 + whole / 2) / whole) : 0;
	snprintf(out, n, "%ld,%ld%%", tenths / 10, tenths % 10);
}

/* What the registry's dossiers look like on day d: open, stagnated, led by
 * a person (and by each person of the file), closed, follow-up due. */
static int summary(replay *rp, day_t d)
{
	dossier_state *all = NULL;
	size_t n = 0;
	strbuf err = STRBUF_INIT;
	if (dossiers_all(rp->st, rp->ds, d, &all, &n, &err) != 0) {
		int rc = data_error("%s", sb_str(&err));
		sb_free(&err);
		free(all);
		return rc;
	}
	size_t open = 0, stagnated = 0, overdue = 0, led = 0, closed = 0, followup = 0;
	size_t *per = xcalloc(rp->n_people ? rp->n_people : 1, sizeof *per);
	for (size_t i = 0; i < n; i++) {
		const case_state *st = &all[i].st;
		if (!st->open) {
			closed++;
			followup += case_matches_signal(st, "nazorg");
			continue;
		}
		open++;
		stagnated += st->stagnated;
		overdue += case_matches_signal(st, "verlopen");
		led += !case_without_regie(st) && st->regie_user != 0;
		for (size_t k = 0; k < rp->n_people; k++)
			per[k] += rp->people[k].found && case_held_by(st, rp->people[k].a.id);
	}
	char day[DATE_TEXT], p1[48], p2[48];
	date_format(d, day);
	percent(p1, sizeof p1, stagnated, open);
	percent(p2, sizeof p2, led, open);
	printf("dossiers op %s: %zu open, waarvan %zu gestagneerd (%s), %zu over een termijn, %zu met een regiehouder "
	       "(%s); %zu gesloten, waarvan %zu met nazorg aan de beurt\n",
	       day, open, stagnated, p1, overdue, led, p2, closed, followup);
	for (size_t k = 0; k < rp->n_people; k++)
		if (per[k])
			printf("regiehouder %s: %zu open %s\n", rp->people[k].naam, per[k], per[k] == 1 ? "dossier" : "dossiers");
	free(per);
	free(all);
	sb_free(&err);
	return 0;
}

int cmd_dossierwerk(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_VANDAAG, USAGE, &o);
	if (!rc && (o.n_args != 2 || strcmp(o.args[0], "laden")))
		rc = usage_error("geef 'laden' en het bestand\ngebruik: %s", USAGE);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	replay rp = {.first_refusals = STRBUF_INIT};
	strbuf err = STRBUF_INIT;
	rp.ds = cli_load(&o, 0, NULL, NULL);
	if (!rp.ds)
		rc = EXIT_DATA;
	if (!rc && store_open(cli_db_path(&o), &rp.st, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (!rc && orgs_read(rp.st, &rp.orgs, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	if (!rc)
		rc = replay_file(&rp, o.args[1]);
	if (!rc) {
		printf("dossierwerk geladen: %zu dossiers geopend, %zu gebeurtenissen vastgelegd, %zu geweigerd, %zu "
		       "overgeslagen\n",
		       rp.opened, rp.recorded, rp.refused, rp.skipped);
		if (rp.refused)
			fprintf(stderr, "inbeeld: geweigerd door de regels%s:\n%s", rp.n_reasons > 10 ? " (de eerste 10)" : "",
				sb_str(&rp.first_refusals));
		/* The figures on the registry's day (--vandaag, else the clock). */
		today_fix(o.vandaag_set ? o.vandaag : DAY_NONE);
		rc = summary(&rp, today());
	}
	for (size_t i = 0; i < rp.n_people; i++)
		account_free(&rp.people[i].a);
	free(rp.people);
	orgs_free(&rp.orgs);
	store_close(rp.st);
	dataset_free(rp.ds);
	sb_free(&rp.first_refusals);
	sb_free(&err);
	cli_opts_free(&o);
	return rc;
}
