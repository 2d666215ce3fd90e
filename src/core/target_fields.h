/*
 * target_fields.h - a target (targets.h) as the text fields people and the
 * registry use, both ways, and how its figure shows to a role that may not
 * see the pupils behind it (SPEC 9).
 *
 * The fields:
 *   naam          free text
 *   per           "gemeente" or "swv"
 *   gebieden      codes separated by commas ("GM0344,GM0355")
 *   telling       "resultaatschema" (SPEC 5) or "jaartelling" (SPEC 8.1)
 *   regels        regel codes of that telling, separated by commas
 *   kolom         "totaal" or "lang" (3 maanden of langer / langer dan 3 maanden)
 *   basis         a peildatum JJJJ-MM-DD (resultaatschema) or a schooljaar JJJJ
 *   verandering   a percentage ("-75", "-12.5", "-12,5"): the goal relative to the basis
 *   aantal        a number: the goal itself (exactly one of verandering and aantal)
 *   streefdatum   JJJJ-MM-DD
 */
#ifndef INBEELD_TARGET_FIELDS_H
#define INBEELD_TARGET_FIELDS_H

#include <stdbool.h>

#include "../util/strbuf.h"
#include "suppress.h"
#include "targets.h"

typedef struct target_input {
	const char *naam, *per, *gebieden, *telling, *regels, *kolom, *basis, *verandering, *aantal, *streefdatum;
} target_input;

/* Parse and validate (target_validate, with ds): true, or false with a Dutch
 * message naming the field in err. NULL fields are absent; kolom defaults to
 * totaal. */
bool target_parse(const target_input *in, const dataset *ds, target *out, strbuf *err);

/* The index of the target's i-th gebied in ds (its view), NO_REF when ds
 * does not know it. */
int32_t target_gebied(const target *t, const dataset *ds, size_t i);

/* Only what says where and from when: naam, per, gebieden, telling and
 * basis (for a template, which brings the rest). The gebieden must exist in
 * ds. */
bool target_parse_scope(const target_input *in, const dataset *ds, target *out, strbuf *err);

/* The fields of a target as text (the inverse of target_parse). */
typedef struct target_text {
	char per[16], telling[16], kolom[8], basis[DATE_TEXT], verandering[16], aantal[24], streefdatum[DATE_TEXT];
	char gebieden[TARGET_MAX_GEBIEDEN * 7 + 1];
	char regels[640];
} target_text;

void target_format(const target *t, target_text *out);

/* Regel codes of the target's telling joined with " + " into out ("AV_PO + AV_VO"), as labels
 * when labels is true ("Absoluut verzuim PO + ..."). */
void target_regels_text(const target *t, bool labels, strbuf *out);

/* How the target's figure from a count shows to a role with protected
 * counts. The figure sums cells of the count; it shows (CELL_SHOWN) only
 * when every cell it sums shows as a number to that role - a Resultaatschema
 * cell as suppress_small_numbers decides it, a jaartelling cell when it is 0
 * or 5 or more - so that no protected cell can be worked out from it.
 * Otherwise it is CELL_SMALL when the figure is 1 to 4, else CELL_HIDDEN.
 * False when the count does not fit the target (target_actual_*). */
bool target_protected_telling(const target *t, const dataset *ds, const telling *count, cell_state *out);
bool target_protected_jaartelling(const target *t, const dataset *ds, const jaartelling *count, cell_state *out);

#endif
