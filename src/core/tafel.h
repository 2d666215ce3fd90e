/*
 * tafel.h - the rhythm of the thuiszitterstafel and the stays in care
 * (SPEC 6): when the next list is due, whether a list may be fixed for a
 * peildatum, which pupils the two lists can fairly be compared on, and where
 * a stay in an instelling met verblijf or a pleeggezin stands. Pure
 * functions on business dates (the server's day).
 */
#ifndef INBEELD_TAFEL_H
#define INBEELD_TAFEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "date.h"

enum {
	TAFEL_DAYS = 21,	 /* leerplicht fixes the list every 3 weeks (Rotterdam) */
	STAY_AFTER_DAYS = 183, /* a stay stays in view half a year after it ended */
};

/* The day the next list is due: three weeks after the peildatum of the
 * latest (DAY_NONE: none yet, then today). */
day_t tafel_next_due(day_t latest, day_t today);
/* How that stands today: "verlopen", "deze_week" (DUE_SOON_DAYS) or "op_tijd". */
const char *tafel_status(day_t due, day_t today);
/* A list is fixed as it stands, never ahead: its peildatum is not after today. */
bool tafel_peildatum_ok(day_t peildatum, day_t today);

/* The reconciliation (SPEC 6): leerplicht's list beside the SWV's. A pupil
 * counts as missing on one side only when that side could have known the
 * pupil: leerplicht the residents of its gemeenten, the SWV the pupils that
 * belong to it as SPEC 5 says (its schools, of its sector - the attribution
 * names swv_po for a PO school, swv_vo for the others - or the never
 * enrolled AV pupils of its region). A pupil one side could never have
 * known is *buiten elkaars bereik*, not a difference. */
typedef enum tafel_known {
	TAFEL_BEIDE,	      /* on both lists */
	TAFEL_ALLEEN_LP,      /* only on leerplicht's, though the SWV could have known */
	TAFEL_ALLEEN_SWV,     /* only on the SWV's, though leerplicht could have known */
	TAFEL_BUITEN_BEREIK, /* on one list; the other side could not have known the pupil */
	TAFEL_KNOWN_COUNT
} tafel_known;

extern const char *const TAFEL_KNOWN_CODES[TAFEL_KNOWN_COUNT]; /* "beide", "alleen_leerplicht", ... */

/* Whether a list of that scope (codes: its scope text, comma-separated)
 * reaches a pupil whose code there is code (the residence's gemeentecode for
 * leerplicht, the SWV of SPEC 5 for an SWV; NULL or "" when it has none). */
bool tafel_reaches(const char *codes, const char *code);
/* Where a pupil stands: on_lp / on_swv whether it is on each list; lp_reach
 * whether its residence on the list's peildatum is in leerplicht's
 * gemeenten; swv_reach whether it belongs to one of the SWVs of the other
 * list on that day. A pupil on neither list is not asked about. */
tafel_known tafel_compare(bool on_lp, bool on_swv, bool lp_reach, bool swv_reach);

/* The coverage over the comparable pupils (both, only_lp and only_swv; the
 * pupils out of each other's reach do not count): both / comparable, in
 * tenths of a percent rounded half up (989 = 98,9%); -1 when no pupil is
 * comparable. */
int tafel_coverage_tenths(size_t both, size_t only_lp, size_t only_swv);
/* That coverage explained in one Dutch sentence, written to out. */
void tafel_coverage_sentence(size_t both, size_t only_lp, size_t only_swv, size_t out_of_reach, strbuf *out);

/* The meeting (SPEC 6): for each child discussed, what was decided, the
 * next step, by whom and by when; at a later tafel, whether it happened.
 * A decision taken at the tafel of peildatum `decided` comes back on the
 * agenda of every later tafel (peildatum `meeting`) until that is recorded. */
bool tafel_carried(day_t decided, day_t meeting, bool checked);
/* How the next step of a decision stands on day d: "gedaan" or "niet_gedaan"
 * once recorded (done 1 / 0), else "verlopen" after its day (by_when),
 * else "loopt". */
const char *tafel_step_state(day_t by_when, int done, day_t d);

/* The agenda (issue 15): which children the tafel of a list discusses, in
 * order - at least one, at most TAFEL_AGENDA_MAX, none twice. False with a
 * Dutch reason. */
enum { TAFEL_AGENDA_MAX = 200 };
bool tafel_agenda_ok(const char *const *pupils, size_t n, strbuf *why);
/* The earlier tafel whose agenda the next one carries on: of the same
 * organisation, the latest peildatum before the meeting's (then the last
 * fixed, the highest id). Whether candidate (peildatum, id) is earlier and
 * later than the best so far (best_id 0: none yet). */
bool tafel_previous_better(day_t cand, int64_t cand_id, day_t best, int64_t best_id, day_t meeting);
/* A child on the agenda of the previous tafel comes back on the next one's
 * proposed agenda unless the previous tafel discussed it (decided on it);
 * so does a child with a decision of an earlier tafel not yet checked
 * (tafel_carried). */
bool tafel_agenda_comes_back(bool on_previous_agenda, bool discussed, bool open_decision);

/* Where a stay from van to tot (DAY_NONE: ongoing) stands on d: "voor",
 * "tijdens" or "na" - regie of the schooling runs before, during and after. */
const char *stay_phase(day_t van, day_t tot, day_t d);
/* Whether the stays list still shows it on d: until STAY_AFTER_DAYS after it ended. */
bool stay_in_view(day_t tot, day_t d);
/* What is wrong with a stay, in Dutch: no named regiehouder for its schooling. */
size_t stay_problems(bool has_regiehouder, const char *out[1]);

#endif
