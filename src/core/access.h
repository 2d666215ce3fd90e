/*
 * access.h - who may see what (SPEC 2, 9, 11): roles, scopes, and whether a
 * pupil is visible to a scope on a peildatum. Pure functions; the server
 * decides every request with them, never from what the client asks.
 */
#ifndef INBEELD_ACCESS_H
#define INBEELD_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/strbuf.h"
#include "classify.h"
#include "facts.h"
#include "telling.h"

typedef enum role {
	ROLE_SCHOOL,
	ROLE_LEERPLICHT,
	ROLE_SWV,
	ROLE_ANALIST,
	ROLE_BEHEERDER,
	ROLE_COUNT
} role;

extern const char *const ROLE_NAMES[ROLE_COUNT]; /* "school", "leerplicht", ... */

/* Look a role up by name; ROLE_COUNT when unknown. */
role role_from_name(const char *name);

/* The roles that work with pupils (school, leerplicht, swv): they see the
 * pupils in their scope, keep lists and work on cases (SPEC 2). */
bool role_sees_pupils(role r);
/* Whether a role sees counts with small numbers protected (SPEC 9): the
 * analist, who may not see the pupils behind a number. */
bool role_counts_protected(role r);
/* The purpose an audit entry records for a read or change by this role
 * (SPEC 2, 9); the beheerder's break-glass has its own. */
const char *role_purpose(role r, bool break_glass);

/* A scope as given: the codes a role works for (SPEC 11). */
typedef struct scope {
	role rol;
	bool all;     /* "*" (beheerder) */
	size_t n;
	char **codes; /* "GM0363" / "PO2701" / "11AA:00" */
} scope;

/* Parse SCOPE for a role: BRIN:VESTIGING pairs for school, gemeentecodes for
 * leerplicht and analist, swvcodes for swv, "*" for beheerder. Returns 0, or
 * -1 with a Dutch message in err. */
int scope_parse(role r, const char *text, scope *out, strbuf *err);
void scope_free(scope *s);
/* The canonical text ("GM0344,GM0363"): sorted, without duplicates. */
void scope_format(const scope *s, strbuf *out);

/* A scope resolved against a dataset: flags per gemeente, SWV and school. */
typedef struct scope_set {
	role rol;
	bool all;
	bool *gemeente, *swv, *school;
	size_t unknown; /* codes that are not in the dataset's reference data */
} scope_set;

void scope_resolve(const scope *s, const dataset *ds, scope_set *out);
void scope_set_free(scope_set *s);

/* Whether the scope may see the personal data of a pupil on peildatum d,
 * classified as c (SPEC 2):
 *   school      an enrolment at one of its vestigingen covers d;
 *   leerplicht  the residence on d is in one of its gemeenten;
 *   swv         the pupil belongs to one of its SWVs (SPEC 5), or an
 *               enrolment covering d is at one of its schools;
 *   analist, beheerder  never (beheerder only through audited break-glass). */
bool access_sees_pupil(const dataset *ds, const scope_set *s, uint32_t pupil, const classification *c);

/* Whether the caller may open a pupil's page: the scope sees the pupil
 * (access_sees_pupil), or the caller's organisation leads the pupil's open
 * dossier (leads_case: case_led_by). Whoever holds regie answers for the
 * case and must be able to see the child it is about (SPEC 6). */
bool access_sees_pupil_or_case(const dataset *ds, const scope_set *s, uint32_t pupil, const classification *c,
			       bool leads_case);

/* The kinds of organisation (organisatie.soort). */
typedef enum org_kind {
	ORG_SCHOOL,
	ORG_LEERPLICHT,
	ORG_SWV,
	ORG_GEMEENTE, /* beleid and analysts: counts only */
	ORG_BEHEER,
	ORG_ZORG,     /* a care organisation (jeugdhulp, instelling) registered as such */
	ORG_KIND_COUNT
} org_kind;

extern const char *const ORG_KIND_NAMES[ORG_KIND_COUNT]; /* "school", ..., "zorg" */
/* Look a kind up by name; ORG_KIND_COUNT when unknown. */
org_kind org_kind_from_name(const char *name);
/* The role whose scope codes an organisation of this kind holds (school,
 * leerplicht, swv; ROLE_COUNT for the others, which hold no pupils). */
role org_kind_role(org_kind k);
/* Whether an organisation of this kind can lead a case (hold regie):
 * school, leerplicht, swv and zorg. */
bool org_kind_leads_cases(org_kind k);

/* Whether an organisation of kind k with scope s (resolved as the role of
 * its kind; NULL for kinds without one) is concerned with pupil p classified
 * as c on c->peildatum, so that regie of the pupil's case may go to it
 * (SPEC 6):
 *   school      one of its vestigingen enrols the pupil on the day, enrolled
 *               it last before the day, or will enrol it after the day;
 *   swv         the pupil belongs to it (SPEC 5), or one of its schools is
 *               such a school of the pupil;
 *   leerplicht  the pupil lives in one of its gemeenten on the day (else did
 *               last before it), or will live there after it;
 *   zorg        always: a care organisation registered as such;
 *   gemeente, beheer  never. */
bool access_concerned(const dataset *ds, org_kind k, const scope_set *s, uint32_t pupil, const classification *c);

/* Whether a gebied (gemeente or SWV index in the view) is in the scope for
 * counts: leerplicht and analist their gemeenten, or the SWVs whose region
 * holds one of them; swv its SWVs, or the gemeenten in their regions; school
 * the gemeenten and SWVs of its vestigingen; beheerder everything. */
bool access_sees_gebied(const dataset *ds, const scope_set *s, view v, size_t gebied);

/* The gebieden a role's overview is about first (access_rows.c): leerplicht
 * and analist count by residence, their own gemeenten; school and swv count by
 * school, the SWV of their schools or their own SWVs; the beheerder every
 * gebied. Always within access_sees_gebied. */
view access_home_view(role r);
bool access_home_gebied(const dataset *ds, const scope_set *s, size_t gebied);

/* ---- access by period of responsibility (access_reach.c, access_write.c) ---
 * A scope is responsible for a pupil on the days access_sees_pupil says so
 * (a school: its enrolment periods; leerplicht: the residence periods in its
 * gemeenten; the SWV: its schools' enrolments and its attribution, SPEC 5).
 * Those days are its reach. A peildatum outside the reach opens nothing; a
 * peildatum inside it shows only the facts and schools within the reach. */
typedef struct period {
	day_t van, tot; /* both inclusive; tot DAY_OPEN: ongoing */
} period;
typedef struct reach {
	period *p; /* in order, disjoint, not adjacent */
	size_t n, cap;
} reach;

/* The reach of scope s for pupil p (empty for roles without pupils). */
void access_reach(const dataset *ds, const scope_set *s, uint32_t p, reach *out);
void reach_free(reach *r);
/* Append [van, tot], after every period of r (joined when adjacent). */
void reach_add(reach *r, day_t van, day_t tot);
bool reach_has(const reach *r, day_t d);
bool reach_overlaps(const reach *r, day_t van, day_t tot);
/* The first day of [van, tot] outside r; DAY_NONE when r covers them all. */
day_t reach_first_gap(const reach *r, day_t van, day_t tot);

/* Who reads a pupil: the scope and its reach. reach NULL: every period (the
 * beheerder's break-glass, the organisation that leads the pupil's case);
 * a NULL reader (the command line, which has no viewer) sees everything. */
typedef struct access_reader {
	const scope_set *set;
	const reach *reach;
} access_reader;

/* Whether the reader may name school sc (BRIN, vestiging, name, soort): a
 * school only its own vestigingen, an SWV only its schools, others all.
 * Another school's enrolment is, to the reader, "een inschrijving elders". */
bool access_names_school(const dataset *ds, const access_reader *rd, int32_t sc);
/* Whether the reader sees an enrolment or an aanbod (in its reach, and for
 * an enrolment at a school it may name). */
bool access_sees_enrolment(const dataset *ds, const access_reader *rd, const enrolment *e);
bool access_sees_aanbod(const access_reader *rd, const aanbod *a);

/* Whether the reader sees the periods of rows of table t clipped to its
 * reach: the facts it never records itself (a school's residences and
 * vrijstellingen, leerplicht's enrolments and absences; everything for an
 * SWV), so that it sees nothing of them before or after its own periods. */
bool access_clips(const access_reader *rd, table_id t);
/* Clip [*van, *tot] to the span of its overlap with the reader's reach;
 * true when that changed it. */
bool access_clip(const access_reader *rd, day_t *van, day_t *tot);

/* Facts as rows of text (access_rows.c). Whether the reader sees fact row f
 * of table t (SPEC 2): the identity always; enrolments, absences and
 * meldingen only of the schools it may name (access_names_school); and every
 * row only as far as it overlaps the reader's reach. */
bool access_fact_visible(const dataset *ds, const access_reader *rd, table_id t, const field *f);
/* The school of a row's brin and vestiging fields, NO_REF when malformed or unknown. */
int32_t access_row_school(const dataset *ds, field brin, field vest);

/* A write never widens the writer's reach (issue 11). A school enrols a
 * child from at most ENROL_BACK_DAYS before today (the law asks registration
 * within 7 days; four weeks leave room for a late registration, which the
 * signals show as late, while no school reaches back further than the 28
 * days after which absence counts as long) and at most ENROL_AHEAD_DAYS
 * ahead; a child already in the registry only with its BSN or
 * onderwijsnummer. */
enum { ENROL_BACK_DAYS = 28, ENROL_AHEAD_DAYS = 366 };

typedef enum write_verdict {
	WRITE_OK,
	WRITE_PLACE_OUT_OF_SCOPE,  /* the row's place (school, gemeente), or the pupil today, outside the scope */
	WRITE_OUT_OF_SCOPE,	   /* the writer is responsible for no period of the pupil */
	WRITE_OUTSIDE_ENROLMENT,   /* absence or melding outside the school's enrolment there */
	WRITE_TOO_EARLY,	   /* an enrolment reaching back more than ENROL_BACK_DAYS */
	WRITE_TOO_LATE,		   /* an enrolment starting more than ENROL_AHEAD_DAYS ahead */
	WRITE_NEEDS_IDENT,	   /* an enrolment of a known child without its BSN or onderwijsnummer */
	WRITE_RESIDENCE_FROM_BRP,  /* a residence period in the gemeente that the registry did not have */
} write_verdict;

/* A proposed write of one row: old_row, new_row NULL for none (a new row,
 * an end); bsn and onderwijsnummer as given with an enrolment (NULL when not). */
typedef struct write_request {
	table_id t;
	const field *old_row, *new_row;
	const char *bsn, *onderwijsnummer;
	day_t today;
} write_request;

/* Whether scope s may make write w to pupil p (NO_REF: a pupil it registers
 * now), as far as periods go; *when gets the first day the write would add
 * (or DAY_NONE). The role's routes are checked apart (the route tables).
 * Rows that belong to a place (access_writes_by_place) lie in the scope, old
 * and new version (access_row_in_scope); other facts need the pupil in scope
 * today. Then, as far as periods go:
 *   school, inschrijving  the days it adds to the school's reach start at
 *       most ENROL_BACK_DAYS before today, it starts at most ENROL_AHEAD_DAYS
 *       ahead, and for a known pupil the BSN or onderwijsnummer is given;
 *   school, verzuim and melding  the period (the first day of absence of a
 *       melding) lies within the school's enrolments at the row's vestiging;
 *   leerplicht, woonadres  the pupil is in its reach, and a new version adds
 *       no day in its gemeenten (a residence comes from the BRP). */
write_verdict access_write_check(const dataset *ds, const scope_set *s, int32_t p, const write_request *w,
				 day_t *when);
/* Whether the scope writes row f of table t as a place (SPEC 2): a school the
 * inschrijvingen, verzuim and meldingen of its own vestigingen, leerplicht the
 * woonadressen in its own gemeenten; whether those rows are in its scope is
 * access_row_in_scope, not whether it sees the pupil. */
bool access_writes_by_place(role r, table_id t);
/* Whether row f lies inside the scope by its place: the school of an
 * inschrijving, verzuim or melding, the gemeente of a woonadres; true for
 * the other tables and for codes the dataset does not know (the builder
 * refuses those). */
bool access_row_in_scope(const dataset *ds, const scope_set *s, table_id t, const field *f);

#endif
