/*
 * fuzz_facts.c - libFuzzer harness for the fact builder with what follows
 * it: classification, explanation, early signals and counting (src/core).
 *
 * The input is the bodies of the per-pupil files (and the holiday files),
 * each after a line "#N" naming the file: 0 leerlingen, 1 woonadressen,
 * 2 inschrijvingen, 3 verzuim, 4 vrijstellingen, 5 meldingen, 6 aanbod,
 * 7 vakantieregios, 8 vakanties (these two with their header); the reference
 * data is that of the unit tests (tests/unit/helpers.h). A file not named is
 * absent, as an optional file may be (meldingen, aanbod). When the builder
 * accepts the data, every pupil is classified, explained and given its
 * signals on three peildata, and counted per gemeente and per SWV.
 *
 * The same files are also read as a dataset folder's are (the fast path of
 * facts_bytes.h, in windows of 1 to 200 bytes or whole files, chosen by the
 * input's length, so that both its line-at-a-time split past a file's first
 * 64 bytes and its field-at-a-time split of the rest are reached):
 * both readers must accept or refuse alike, with the same errors and
 * warnings, and give the same dataset.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/explain.h"
#include "../../src/core/signals.h"
#include "../../src/core/telling.h"
#include "../../src/io/dataset_dir.h"
#include "../unit/helpers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { SECTIONS = 9 };

static void run_day(const dataset *ds, day_t d)
{
	telling per_gemeente, per_swv;
	telling_init(&per_gemeente, ds, VIEW_GEMEENTE);
	telling_init(&per_swv, ds, VIEW_SWV);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		telling_add(&per_gemeente, ds, &c);
		telling_add(&per_swv, ds, &c);
		explanation ex = {0};
		explain(ds, p, &c, &ex);
		explanation_free(&ex);
		signal_facts sf;
		signals_of(ds, p, &c, &sf);
		if (c.in_scope)
			(void)classify_next_change(ds, p, &c);
	}
	for (size_t g = 0; g < per_gemeente.n_gebieden; g++)
		for (int r = 0; r < R_COUNT; r++) {
			telling_value v;
			telling_value_of(&per_gemeente, g, (regel)r, &v);
		}
	telling_free(&per_gemeente);
	telling_free(&per_swv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Text up to the first NUL, cut into sections at the lines "#N". */
	char *text = malloc(size + 2);
	if (!text)
		return 0;
	text[0] = '\n';
	memcpy(text + 1, data, size);
	text[size + 1] = '\0';
	char *sec[SECTIONS] = {0};
	for (char *p = strstr(text, "\n#"); p; p = strstr(p, "\n#")) {
		*p = '\0';
		int k = p[2] - '0';
		char *body = strchr(p + 2, '\n');
		if (k >= 0 && k < SECTIONS && body)
			sec[k] = body + 1;
		p = body ? body : p + 2;
		if (!body)
			break;
	}
	fixture f = {.leerlingen = sec[0], .woonadressen = sec[1], .inschrijvingen = sec[2], .verzuim = sec[3],
		     .vrijstellingen = sec[4], .meldingen = sec[5], .aanbod = sec[6], .vakantieregios = sec[7],
		     .vakanties = sec[8]};
	builder *b = builder_new(BUILD_IDENTITY);
	fixture_window = FIXTURE_GENERAL;
	dataset *ds = fixture_build_with(&f, b);
	builder *fast_b = builder_new(BUILD_IDENTITY);
	fixture_window = size % 3 == 0 ? 0 : size % 200 + 1;
	dataset *fast = fixture_build_with(&f, fast_b);
	strbuf said = STRBUF_INIT, fast_said = STRBUF_INIT;
	builder_errors_format(b, &said);
	builder_warnings_format(b, "", &said);
	builder_errors_format(fast_b, &fast_said);
	builder_warnings_format(fast_b, "", &fast_said);
	const char *why = "accepted by one reader only";
	if (!ds != !fast || strcmp(sb_str(&said), sb_str(&fast_said)) != 0 || (ds && !datasets_same(ds, fast, &why))) {
		fprintf(stderr, "the fast path differs (%s):\n%s--- fast:\n%s", why, sb_str(&said), sb_str(&fast_said));
		abort();
	}
	sb_free(&said);
	sb_free(&fast_said);
	dataset_free(fast);
	builder_free(fast_b);
	if (ds) {
		static const char *const DAYS[] = {"2024-11-01", "2026-02-01", "2026-11-23"};
		for (size_t i = 0; i < 3; i++)
			run_day(ds, D(DAYS[i]));
		dataset_free(ds);
	}
	builder_free(b);
	free(text);
	return 0;
}
