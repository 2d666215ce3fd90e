#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/io/csv.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/util/strbuf.h"

const char BASE_GEMEENTEN[] = "GM0001,Alfa\nGM0002,Beta\nGM0003,Gamma\n";
const char BASE_SWV[] = "PO0001,PO een,PO\nPO0002,PO twee,PO\nVO0001,VO een,VO\nVO0002,VO twee,VO\n";
const char BASE_SWV_GEMEENTEN[] = "PO0002,GM0001\nPO0001,GM0001\nVO0002,GM0001\nPO0002,GM0002\nVO0001,GM0002\n";
const char BASE_SCHOLEN[] = "10AA,00,Basisschool,BAO,GM0001,PO0002,\n"
			    "10AA,01,Speciaal basis,SBO,GM0001,PO0001,\n"
			    "20BB,00,Lyceum,VO,GM0001,,VO0001\n"
			    "30CC,00,Mbo-college,MBO,GM0002,,\n"
			    "40DD,00,Speciaal onderwijs,SO,GM0002,PO0002,\n"
			    "50EE,00,Voortgezet speciaal,VSO,GM0002,,VO0002\n"
			    "60FF,00,Praktijkschool,PRO,GM0001,,VO0001\n"
			    "70GG,00,College Zuid,VO,GM0002,,VO0002\n";

static void feed(builder *b, table_id t, const char *body, int with_header)
{
	strbuf sb = STRBUF_INIT;
	if (with_header) {
		for (int i = 0; i < TABLES[t].ncols; i++)
			sb_printf(&sb, "%s%s", i ? "," : "", TABLES[t].cols[i]);
		sb_putc(&sb, '\n');
	}
	sb_puts(&sb, body);
	csv_reader *r = csv_from_memory(sb_str(&sb), sb.len);
	dataset_read_table(r, t, b, NULL, 0);
	csv_close(r);
	sb_free(&sb);
}

dataset *fixture_build_with(const fixture *f, builder *b)
{
	feed(b, T_GEMEENTEN, f->gemeenten ? f->gemeenten : BASE_GEMEENTEN, 1);
	feed(b, T_SWV, f->swv ? f->swv : BASE_SWV, 1);
	feed(b, T_SWV_GEMEENTEN, f->swv_gemeenten ? f->swv_gemeenten : BASE_SWV_GEMEENTEN, 1);
	feed(b, T_SCHOLEN, f->scholen ? f->scholen : BASE_SCHOLEN, 1);
	if (f->vakantieregios)
		feed(b, T_VAKANTIEREGIOS, f->vakantieregios, 0);
	if (f->vakanties)
		feed(b, T_VAKANTIES, f->vakanties, 0);
	feed(b, T_LEERLINGEN, f->leerlingen ? f->leerlingen : "", 1);
	feed(b, T_WOONADRESSEN, f->woonadressen ? f->woonadressen : "", 1);
	feed(b, T_INSCHRIJVINGEN, f->inschrijvingen ? f->inschrijvingen : "", 1);
	feed(b, T_VERZUIM, f->verzuim ? f->verzuim : "", 1);
	feed(b, T_VRIJSTELLINGEN, f->vrijstellingen ? f->vrijstellingen : "", 1);
	if (f->meldingen)
		feed(b, T_MELDINGEN, f->meldingen, 1);
	if (f->aanbod)
		feed(b, T_AANBOD, f->aanbod, 1);
	return builder_finish(b);
}

dataset *fixture_build(const fixture *f, builder **errors)
{
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(f, b);
	if (!ds && errors) {
		*errors = b;
		return NULL;
	}
	if (!ds) {
		char buf[512];
		fprintf(stderr, "fixture failed: %s\n", first_error(b, buf, sizeof buf));
	}
	builder_free(b);
	return ds;
}

day_t D(const char *iso)
{
	day_t d;
	if (date_parse(iso, strlen(iso), &d) != 0) {
		fprintf(stderr, "bad test date %s\n", iso);
		abort();
	}
	return d;
}

void classify_id(const dataset *ds, const char *id, const char *iso, classification *c)
{
	int32_t p = dataset_pupil(ds, id, strlen(id));
	assert_int_not_equal(p, NO_REF);
	classify(ds, (uint32_t)p, D(iso), c);
}

const char *first_error(builder *b, char *buf, size_t size)
{
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	if (!kept) {
		buf[0] = '\0';
		return buf;
	}
	strbuf sb = STRBUF_INIT;
	fact_error_format(&e[0], &sb);
	snprintf(buf, size, "%s", sb_str(&sb));
	sb_free(&sb);
	return buf;
}

void resolve(const dataset *ds, role r, const char *codes, resolved *out)
{
	strbuf err = STRBUF_INIT;
	if (scope_parse(r, codes, &out->s, &err) != 0)
		fail_msg("%s", sb_str(&err));
	scope_resolve(&out->s, ds, &out->set);
	sb_free(&err);
}

void resolved_free(resolved *x)
{
	scope_set_free(&x->set);
	scope_free(&x->s);
}
