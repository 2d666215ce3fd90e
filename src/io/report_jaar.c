/*
 * report_jaar.c - the school-year count as CSV (SPEC 8.1), JSON or a table.
 */
#include "report_jaar.h"

#include <stdio.h>

#include "../core/nl_format.h"

/* "" for an empty cell. */
static void cell_text(bool has, int64_t v, char out[24])
{
	if (has)
		snprintf(out, 24, "%lld", (long long)v);
	else
		out[0] = '\0';
}

/* The same for people: "1.234" (nl_int). */
static void number_text(bool has, int64_t v, char out[NL_NUMBER_TEXT])
{
	if (has)
		nl_int(v, out);
	else
		out[0] = '\0';
}

json_t *jaartelling_row_json(const dataset *ds, const jaartelling *t, size_t g, jaar_regel r)
{
	jaar_value v;
	jaartelling_value_of(t, g, r, &v);
	char sj[10];
	schooljaar_text(t->schooljaar, sj);
	json_t *o = json_object();
	json_object_set_new(o, "gebied", json_string(gebied_code(ds, t->view, g)));
	json_object_set_new(o, "schooljaar", json_string(sj));
	json_object_set_new(o, "regel", json_string(JAAR_REGELS[r].code));
	json_object_set_new(o, "totaal", json_integer(v.totaal));
	json_object_set_new(o, "langer_dan_3_maanden", v.has_lang ? json_integer(v.lang) : json_null());
	json_object_set_new(o, "opgelost", v.has_opgelost ? json_integer(v.opgelost) : json_null());
	return o;
}

static const char *const TABLE_HEAD[4] = {"totaal", "langer dan 3 maanden", "opgelost in het schooljaar", NULL};

/* For people: per gebied and schooljaar the six regels with Dutch labels. */
static void jaar_table(strbuf *out, const dataset *ds, const jaartelling *counts, size_t n, const bool *keep)
{
	size_t label = utf8_width("regel");
	for (int r = 0; r < JR_COUNT; r++)
		if (utf8_width(JAAR_REGELS[r].label) > label)
			label = utf8_width(JAAR_REGELS[r].label);
	view v = counts[0].view;
	for (size_t g = 0; g < counts[0].n_gebieden; g++) {
		if (keep && !keep[g])
			continue;
		for (size_t k = 0; k < n; k++) {
			char sj[10];
			schooljaar_text(counts[k].schooljaar, sj);
			sb_printf(out, "%s %s, schooljaar %s\n", gebied_code(ds, v, g), gebied_naam(ds, v, g), sj);
			sb_pad(out, "regel", label, 0);
			for (int c = 0; TABLE_HEAD[c]; c++) {
				sb_puts(out, "  ");
				sb_pad(out, TABLE_HEAD[c], utf8_width(TABLE_HEAD[c]), 1);
			}
			sb_putc(out, '\n');
			for (int r = 0; r < JR_COUNT; r++) {
				jaar_value jv;
				jaartelling_value_of(&counts[k], g, (jaar_regel)r, &jv);
				char cells[3][NL_NUMBER_TEXT];
				number_text(true, jv.totaal, cells[0]);
				number_text(jv.has_lang, jv.lang, cells[1]);
				number_text(jv.has_opgelost, jv.opgelost, cells[2]);
				sb_pad(out, JAAR_REGELS[r].label, label, 0);
				for (int c = 0; c < 3; c++) {
					sb_puts(out, "  ");
					sb_pad(out, cells[c], utf8_width(TABLE_HEAD[c]), 1);
				}
				sb_putc(out, '\n');
			}
			sb_putc(out, '\n');
		}
	}
	sb_puts(out, "Geteld: elke leerling eenmaal per regel, in het gebied waar hij de laatste dag in die regel "
		     "hoorde; opgelost: op 31 juli weer op school.\n");
}

void report_jaartelling(strbuf *out, const dataset *ds, const jaartelling *counts, size_t n, const bool *keep,
			out_format fmt)
{
	if (fmt == FMT_TABLE) {
		if (n)
			jaar_table(out, ds, counts, n, keep);
		return;
	}
	json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
	if (!arr) {
		for (int i = 0; i < 6; i++)
			sb_printf(out, "%s%s", i ? "," : "", JAARTELLING_COLUMNS[i]);
		sb_putc(out, '\n');
	}
	for (size_t k = 0; k < n; k++) {
		const jaartelling *t = &counts[k];
		char sj[10];
		schooljaar_text(t->schooljaar, sj);
		for (size_t g = 0; g < t->n_gebieden; g++) {
			if (keep && !keep[g])
				continue;
			for (int r = 0; r < JR_COUNT; r++) {
				if (arr) {
					json_array_append_new(arr, jaartelling_row_json(ds, t, g, (jaar_regel)r));
					continue;
				}
				jaar_value v;
				jaartelling_value_of(t, g, (jaar_regel)r, &v);
				char tot[24], lang[24], opg[24];
				cell_text(true, v.totaal, tot);
				cell_text(v.has_lang, v.lang, lang);
				cell_text(v.has_opgelost, v.opgelost, opg);
				sb_printf(out, "%s,%s,%s,%s,%s,%s\n", gebied_code(ds, t->view, g), sj, JAAR_REGELS[r].code,
					  tot, lang, opg);
			}
		}
	}
	if (arr) {
		json_append(out, arr, 1);
		sb_putc(out, '\n');
		json_decref(arr);
	}
}
