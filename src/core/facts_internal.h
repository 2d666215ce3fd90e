/*
 * facts_internal.h - what the parts of the fact builder share (facts.c: the
 * builder itself, its errors and warnings; facts_fields.c: checks of one
 * field; facts_ref.c: reference tables and pupils; facts_pupil.c: the
 * per-pupil facts; facts_bytes.c, facts_bytes_values.h, facts_lookup.c and
 * facts_parts.c: the fast path over CSV bytes; facts_reuse.c: a builder on
 * reference data built before). Not for use outside
 * src/core/facts*.c.
 */
#ifndef INBEELD_FACTS_INTERNAL_H
#define INBEELD_FACTS_INTERNAL_H

#include <string.h>

#include "facts.h"

/* The longest leerling_id (SPEC 3.1), and the longest other text: a safety
 * bound, so that every text fits the registry's fixed-size paths (a
 * correction's fields, page labels). */
enum { MAX_ID = 64, MAX_TEXT = 200 };

/* The rows of a per-pupil table while it is read. While they come grouped
 * by pupil in id order (as inbeeld writes them) only where each pupil's
 * rows begin is kept (off); at the first row that goes back, each row's
 * pupil (owner) instead, and the rows are sorted when the table ends. */
typedef struct fact_table {
	char *rows; /* elements of elem bytes */
	size_t n, cap;
	uint32_t *owner, *line;
	size_t cap_owner, cap_line;
	bool ungrouped;	     /* owner is kept, off is not */
	uint32_t last_owner; /* the pupil of row n - 1 */
	uint32_t *off;	     /* [n_pupils + 1] while grouped: off[p] for p < off_filled */
	size_t off_filled;
	/* The fast path compares each row with the row before of the same
	 * pupil as it comes (fb_fact_after()): how many rows it compared so,
	 * and whether one came before that row in canonical order. When it
	 * saw every row, fb_end_facts() need not read them again. */
	size_t ordered;
	bool disordered;
} fact_table;

/* Errors or warnings: the first BUILDER_MAX_ERRORS kept, all counted. */
typedef struct error_list {
	fact_error *items;
	size_t n, cap, total;
} error_list;

/* A month of the fast path's dates: the day before its 1st, and how many
 * days it has. */
struct month_entry {
	int32_t before, days;
};

/* The fast path's dates of one table (or part) read on one thread: the
 * table of months, and the last "YYYY-MM-" it found valid with its month,
 * as most dates of a row, and of the rows of a pupil, are of the month of
 * the date before. */
typedef struct date_memo {
	const struct month_entry *months;
	uint64_t ym; /* the 8 bytes "YYYY-MM-" as read, 0 none (never a valid one) */
	struct month_entry e;
	int y, m;
} date_memo;

/* Everything a per-pupil table touches while it is read. Distinct fact tables
 * share nothing writable, so they may be read on different threads. */
typedef struct fact_state {
	fact_table t;
	error_list errors, warnings;
	arena strings;	     /* moved into the dataset by builder_finish */
	uint32_t last_pupil; /* the pupil of the previous row (files are usually grouped) */
	const char *last_id; /* the fast path: that row's id in the bytes being read, or NULL */
	size_t last_id_len;
	uint64_t last_school_key; /* the fast path: the previous school's BRIN and vestiging bytes, 0 none */
	int32_t last_school;	  /* and the school they name */
	uint32_t backwards;  /* how often the file went back in id order */
	strmap pupil_map;    /* id -> pupil, built only for a file that needs it */
	date_memo dates;     /* the fast path */
} fact_state;

struct builder {
	unsigned flags;
	bool on_reference; /* builder_new_on: the reference tables are another dataset's, ended */
	char *only;
	size_t only_len;
	dataset *ds;
	int state[T_COUNT]; /* 0 not begun, 1 open, 2 ended */

	error_list errors, warnings; /* reference tables and leerlingen; all of them after finish */

	/* Reference tables while they are read. */
	size_t cap_gem, cap_swv, cap_swvgem, cap_school, cap_vak, cap_regio;
	uint32_t *code_line;   /* [20000]: line of a gemeente/swv code, for duplicates */
	uint32_t *regio_line;  /* per gemeente: line of its vakantieregios row */
	u64map pair_lines;     /* swv_gemeenten pairs, school keys */
	strmap regio_index;

	/* Pupils while leerlingen is read (arrival order). */
	size_t cap_pupils, cap_pupil_line;
	uint32_t *pupil_line;
	strmap bsn_lines, onr_lines;
	bool pupils_sorted;  /* leerlingen arrived in strictly ascending id order */

	fact_state facts[F_COUNT];

	/* The fast path over CSV bytes (facts_bytes.c). */
	int32_t *school_by_brin; /* [BRIN_KEYS]: first school of a BRIN (schools are sorted), NO_REF when none */
	uint64_t *school_hash;	 /* open addressing, [school_mask + 1]: fb_school_entry(), 0 empty; NULL when
				  * there are too many schools for its 16 bits of index */
	uint32_t school_mask;
	const char **id_ptr;	 /* per pupil, once leerlingen has ended: its id (pupils[p].id, 8 to a line) */
	uint8_t *id_len;	 /* per pupil, once leerlingen has ended: the length of its id */
	struct age_span *ages;	 /* per pupil, when the fast path's parts derived them: ds->ages to be */
	struct month_entry *month_day; /* per month of DATE_MIN_YEAR..DATE_MAX_YEAR (facts_bytes_values.h) */
	struct {
		uint8_t verzuim[VZ_COUNT], status[VS_COUNT], aanbod[AANBOD_COUNT];
	} name_len; /* the lengths of the names of each enumeration, with month_day */
	struct pupil_part *parts; /* [BYTES_PARTS]: leerlingen while read fast */
	bool borrowed_index;	  /* school_by_brin, school_hash and month_day are another builder's */
	bool keep_numbers;	  /* builder_bytes_done() keeps part 0's numbers unchecked (builder_new_slice) */
	uint32_t *kept_bsn, *kept_onr;
	size_t n_kept_bsn, n_kept_onr;
};


/* A part of leerlingen read by the fast path (facts_bytes.c), on a thread
 * of its own; the parts are joined in order when the table is done. */
typedef struct pupil_part {
	pupil *pupils;
	uint32_t *line; /* of each pupil; from the part's own first line until joined */
	size_t n, cap, cap_line;
	arena strings;			  /* ids (and identities) */
	uint32_t *bsn_seen, *onr_seen;	  /* as numbers, for duplicates; sorted once checked */
	size_t n_bsn, cap_bsn, n_onr, cap_onr;
	/* Derived from the pupils at the part's end (builder_bytes_part_end), on
	 * its thread: what fb_end_leerlingen() and builder_finish() would
	 * otherwise make after the join. In the placed block, or the part's own. */
	const char **id_ptr;
	uint8_t *id_len;
	struct age_span *ages;
	bool checked; /* bsn_seen and onr_seen sorted, each without a number twice */
	bool unchecked; /* the builder's caller checks them (keep_numbers): left as read */
	bool derived; /* id_ptr, id_len and ages hold the part's n pupils */
	const char *first_id, *prev_id; /* for the order */
	size_t first_len, prev_len;
	bool sorted, failed, used;
	bool placed;   /* pupils and line are fixed room in one block for both parts (builder_bytes_place) */
	bool borrowed; /* that block is part 0's */
	uint32_t next_line; /* the line after the part's last */
	date_memo dates;
} pupil_part;

/* Free what the fast path's parts derived of the pupils (b->id_ptr,
 * id_len, ages), as when it no longer holds (facts_parts.c). */
void fb_forget_derived(builder *b);

/* BRIN "99ZZ": two digits and two capitals (brin_valid), numbered densely. */
enum { BRIN_KEYS = 100 * 26 * 26 };
static inline int fb_brin_key(const char *brin)
{
	return ((brin[0] - '0') * 10 + (brin[1] - '0')) * 676 + (brin[2] - 'A') * 26 + (brin[3] - 'A');
}

/* The fast path's key of a site: the 4 bytes of its BRIN and the 2 of its
 * vestiging as they are in the file (48 bits, never 0 for a known site). */
static inline uint64_t fb_school_key(const char *brin, const char *vest)
{
	uint32_t x;
	uint16_t y;
	memcpy(&x, brin, 4);
	memcpy(&y, vest, 2);
	return (uint64_t)x << 16 | y;
}
/* Where school_hash looks for key first, and what an entry of school i holds. */
static inline uint32_t fb_school_slot(uint64_t key, uint32_t mask)
{
	return (uint32_t)((key * 0x9E3779B97F4A7C15u) >> 40) & mask;
}
static inline uint64_t fb_school_entry(uint64_t key, uint32_t i)
{
	return key << 16 | i;
}

/* In comparison functions: order by x, then go on. */
#define CMP(x, y) \
	if ((x) != (y)) \
	return (x) < (y) ? -1 : 1

extern const size_t FACT_SIZE[F_COUNT];
extern const table_id FACT_TABLE[F_COUNT];

/* The fact kind of a per-pupil table; F_COUNT for the others. */
fact_kind fb_fact_of(table_id t);

/* Record an error (returns false, so a check can `return fb_reject(...)`),
 * or a warning: a doubtful value that is imported all the same (SPEC 3.1). */
__attribute__((format(printf, 5, 6))) bool fb_reject(builder *b, table_id t, uint32_t line, int col,
						      const char *fmt, ...);
__attribute__((format(printf, 5, 6))) void fb_warn(builder *b, table_id t, uint32_t line, int col,
						    const char *fmt, ...);

/* A short printable rendering of a field for messages: at most 40 code points,
 * control characters shown as '?'. */
typedef struct shown {
	char s[4 * 40 + 4];
} shown;
shown fb_show(field f);

/* ---- checks of one field (facts_fields.c); each records its error ---- */
bool fb_text(builder *b, table_id t, uint32_t line, int col, field f, size_t max, bool required);
/* What is wrong with a non-empty text (fb_text says it in words): 0 nothing,
 * TEXT_LONG, TEXT_CONTROL (*bad: the byte) or TEXT_UTF8. */
enum { TEXT_OK, TEXT_LONG, TEXT_CONTROL, TEXT_UTF8 };
int fb_text_problem(field f, size_t max, unsigned char *bad);
/* Hundredths of an hour from "12", "12.5" or "12.25" (not empty); false when
 * it is no such number. Inline: the fast path reads it for every row of
 * verzuim. */
static inline bool fb_uren_value(field f, int32_t *out)
{
	int64_t whole = 0, frac = 0;
	size_t i = 0, fd = 0;
	for (; i < f.len && f.p[i] >= '0' && f.p[i] <= '9'; i++)
		if ((whole = whole * 10 + (f.p[i] - '0')) > 100000)
			break;
	bool ok = i > 0 && whole <= 100000;
	if (ok && i < f.len) {
		ok = f.p[i] == '.' && i + 1 < f.len;
		for (i++; ok && i < f.len; i++, fd++)
			ok = f.p[i] >= '0' && f.p[i] <= '9' && fd < 2 && ((frac = frac * 10 + (f.p[i] - '0')), 1);
	}
	if (!ok)
		return false;
	if (fd == 1)
		frac *= 10;
	*out = (int32_t)(whole * 100 + frac);
	return true;
}
/* A vrijstelling's grond (not empty): its kind, or false when it is none. */
bool fb_grond_valid(field f, uint8_t *kind);
/* Find a pupil by id, exactly, whatever the order of the rows (fs keeps
 * where the previous row's pupil was). */
bool fb_find_pupil(const dataset *ds, fact_state *fs, field f, uint32_t *out);
/* Whether the rules across rows of kind k name lines (the overlaps of
 * residences and of verleende vrijstellingen): only then are they kept. */
static inline bool fb_needs_lines(fact_kind k)
{
	return k == F_RESIDENCE || k == F_VRIJSTELLING;
}
/* Before row n of kind k, of pupil `owner`: room for it, and its pupil
 * noted (a new pupil's first row, or one that goes back). */
void fb_fact_note(builder *b, fact_kind k, uint32_t owner);
/* A new row of facts of kind k, owned by pupil `owner` (inline: the fast
 * path adds tens of millions). */
static inline __attribute__((always_inline)) void *fb_fact_slot(builder *b, fact_kind k, uint32_t owner, uint32_t line)
{
	fact_table *ft = &b->facts[k].t;
	bool lines = fb_needs_lines(k);
	if (__builtin_expect(ft->n >= ft->cap || (lines && ft->n >= ft->cap_line) ||
				     (ft->ungrouped ? ft->n >= ft->cap_owner : owner < ft->last_owner || !ft->n),
			     0)) {
		fb_fact_note(b, k, owner);
	} else if (!ft->ungrouped && owner != ft->last_owner) {
		/* A new pupil's first row: the pupils up to it begin here. */
		for (size_t p = ft->off_filled; p <= owner; p++)
			ft->off[p] = (uint32_t)ft->n;
		ft->off_filled = owner + (size_t)1;
	}
	if (ft->ungrouped)
		ft->owner[ft->n] = owner;
	ft->last_owner = owner;
	if (lines)
		ft->line[ft->n] = line;
	return ft->rows + FACT_SIZE[k] * ft->n++;
}

/* The fast path's check of the canonical order, before it adds a row of
 * kind k for pupil `owner`: the row before when it is the same pupil's
 * (else NULL), and then whether the new row sorts before it. */
static inline __attribute__((always_inline)) const void *fb_fact_prev(const builder *b, fact_kind k, uint32_t owner)
{
	const fact_table *ft = &b->facts[k].t;
	return ft->n && ft->last_owner == owner ? ft->rows + FACT_SIZE[k] * (ft->n - 1) : NULL;
}
static inline __attribute__((always_inline)) void fb_fact_after(builder *b, fact_kind k, bool before_prev)
{
	fact_table *ft = &b->facts[k].t;
	ft->ordered++;
	ft->disordered |= before_prev;
}

/* An empty field gives `empty` (and an error when required). */
bool fb_date(builder *b, table_id t, uint32_t line, int col, field f, bool required, day_t empty, day_t *out);
bool fb_period(builder *b, table_id t, uint32_t line, int col_tot, day_t van, day_t tot);
bool fb_enum(builder *b, table_id t, uint32_t line, int col, field f, const char *const *names, int n, int *out);
bool fb_gemeente(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out);
bool fb_swv(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out);
/* f[0] brin, f[1] vestiging */
bool fb_school(builder *b, table_id t, uint32_t line, int col_brin, const field *f, int32_t *out);
bool fb_pupil(builder *b, table_id t, uint32_t line, field f, uint32_t *out);
/* Hundredths of an hour; -1 when empty. */
bool fb_uren(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out);

/* Whether t is a reference table (gemeenten to vakanties: before leerlingen). */
bool fb_is_reference(table_id t);

/* ---- reference tables and pupils (facts_ref.c) ---- */
bool fb_row_gemeente(builder *b, const field *f, uint32_t line);
bool fb_row_swv(builder *b, const field *f, uint32_t line);
bool fb_row_swv_gemeente(builder *b, const field *f, uint32_t line);
bool fb_row_school(builder *b, const field *f, uint32_t line);
bool fb_row_vakantieregio(builder *b, const field *f, uint32_t line);
bool fb_row_vakantie(builder *b, const field *f, uint32_t line);
bool fb_row_leerling(builder *b, const field *f, uint32_t line);
void fb_end_gemeenten(builder *b);
void fb_end_swv(builder *b);
void fb_end_swv_gemeenten(builder *b);
void fb_end_scholen(builder *b);
void fb_end_leerlingen(builder *b);
/* After every table: the SWV per sector of each gemeente's region, and the
 * holiday calendars. */
void fb_derive_region_swv(dataset *ds);
void fb_build_calendars(dataset *ds);
/* Whether builder_only_pupil() skips the row of this pupil. */
bool fb_only_skips(const builder *b, field id);

/* ---- the fast path (facts_bytes.c) ---- */
void fb_free_parts(builder *b);
void fb_part_free(pupil_part *pp);
/* Whether id a sorts strictly before id b (strcmp order). */
static inline bool fb_ids_ascending(const char *a, size_t alen, const char *b, size_t blen)
{
	/* Inline, a word at a time: asked once per row of leerlingen, where
	 * a call of memcmp() costs more than the comparing. */
	size_t n = alen < blen ? alen : blen, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break; /* the bytes below say which */
	}
	for (; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i];
	return alen < blen;
}
/* What the fast path needs before a table's rows come (on one thread). */
void fb_bytes_begin(builder *b, table_id t);

/* ---- per-pupil facts (facts_pupil.c) ---- */
bool fb_row_woonadres(builder *b, const field *f, uint32_t line);
bool fb_row_inschrijving(builder *b, const field *f, uint32_t line);
bool fb_row_verzuim(builder *b, const field *f, uint32_t line);
bool fb_row_vrijstelling(builder *b, const field *f, uint32_t line);
bool fb_row_melding(builder *b, const field *f, uint32_t line);
bool fb_row_aanbod(builder *b, const field *f, uint32_t line);
/* Sort the facts of kind k by pupil, hand them to the dataset, and check the
 * rules that span rows. */
void fb_end_facts(builder *b, fact_kind k);

#endif
