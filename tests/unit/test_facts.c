/* Validation of datasets (SPEC 3.1): every rule is refused with file, line,
 * column and reason; and what is only doubtful is imported with a warning
 * named the same way. The CSV reader has its own tests (test_csv.c). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/strbuf.h"

#define OK_PUPIL "P,111222333,,2012-03-10,Anna,Jansen,\n"

typedef struct bad_case {
	const char *name;
	fixture f;
	const char *expect; /* the start of the first error */
} bad_case;

static const bad_case CASES[] = {
	{"gemeentecode format", {.gemeenten = "GM0001,Alfa\nGM12,Fout\n"},
	 "gemeenten.csv, regel 3, kolom gemeentecode: 'GM12' is geen gemeentecode"},
	{"gemeentecode twice", {.gemeenten = "GM0001,Alfa\nGM0002,Beta\nGM0003,Gamma\nGM0001,Weer\n"},
	 "gemeenten.csv, regel 5, kolom gemeentecode: gemeentecode GM0001 komt al voor op regel 2"},
	{"swv code format", {.swv = "PO0001,a,PO\nPO0002,b,PO\nVO0001,c,VO\nVO0002,d,VO\nXX0001,e,PO\n"},
	 "swv.csv, regel 6, kolom swvcode: 'XX0001' is geen SWV-code"},
	{"swv sector", {.swv = "PO0001,a,PO\nPO0002,b,PO\nVO0001,c,MBO\nVO0002,d,VO\n"},
	 "swv.csv, regel 4, kolom sector: 'MBO' is geen geldige waarde; toegestaan: PO, VO"},
	{"swv twice", {.swv = "PO0001,a,PO\nPO0002,b,PO\nVO0001,c,VO\nVO0002,d,VO\nVO0001,e,VO\n"},
	 "swv.csv, regel 6, kolom swvcode: SWV-code VO0001 komt al voor op regel 4"},
	{"swv_gemeenten unknown swv", {.swv_gemeenten = "PO0009,GM0001\n"},
	 "swv_gemeenten.csv, regel 2, kolom swvcode: onbekend samenwerkingsverband 'PO0009'"},
	{"swv_gemeenten unknown gemeente", {.swv_gemeenten = "PO0001,GM0009\n"},
	 "swv_gemeenten.csv, regel 2, kolom gemeentecode: onbekende gemeentecode 'GM0009'"},
	{"brin format", {.scholen = "1AAA,00,X,BAO,GM0001,PO0001,\n"},
	 "scholen.csv, regel 2, kolom brin: '1AAA' is geen BRIN"},
	{"vestiging format", {.scholen = "10AA,0,X,BAO,GM0001,PO0001,\n"},
	 "scholen.csv, regel 2, kolom vestiging: '0' is geen vestigingsnummer"},
	{"school twice", {.scholen = "10AA,00,X,BAO,GM0001,PO0001,\n10AA,00,Y,BAO,GM0001,PO0001,\n"},
	 "scholen.csv, regel 3, kolom brin: vestiging 10AA-00 komt al voor op regel 2"},
	{"school soort", {.scholen = "10AA,00,X,HAVO,GM0001,PO0001,\n"},
	 "scholen.csv, regel 2, kolom soort: 'HAVO' is geen geldige waarde; toegestaan: BAO, SBO, SO, VO, VSO, PRO, MBO"},
	{"school gemeente", {.scholen = "10AA,00,X,BAO,GM0099,PO0001,\n"},
	 "scholen.csv, regel 2, kolom gemeentecode: onbekende gemeentecode 'GM0099'"},
	{"school unknown swv_vo", {.scholen = "20BB,00,X,VO,GM0001,,VO0099\n"},
	 "scholen.csv, regel 2, kolom swv_vo: onbekend samenwerkingsverband 'VO0099'"},
	{"leerling_id empty", {.leerlingen = ",,,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 2, kolom leerling_id: verplicht veld is leeg"},
	{"leerling_id too long",
	 {.leerlingen = "12345678901234567890123456789012345678901234567890123456789012345,,,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 2, kolom leerling_id: waarde is langer dan 64 tekens"},
	{"leerling_id twice", {.leerlingen = "P,,,2012-03-10,,,\nQ,,,2012-03-10,,,\nP,,,2013-03-10,,,\n"},
	 "leerlingen.csv, regel 4, kolom leerling_id: leerling_id 'P' komt al voor op regel 2"},
	{"bsn elfproef", {.leerlingen = "P,123456789,,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 2, kolom bsn: '123456789' is geen geldig BSN"},
	{"onderwijsnummer twice", {.leerlingen = "P,,101222331,2012-03-10,,,\nQ,,101222331,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 3, kolom onderwijsnummer: onderwijsnummer 101222331 komt al voor op regel 2 (dubbele leerling)"},
	{"bsn twice", {.leerlingen = "P,111222333,,2012-03-10,,,\nQ,111222333,,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 3, kolom bsn: BSN 111222333 komt al voor op regel 2 (dubbele leerling)"},
	{"onderwijsnummer check", {.leerlingen = "P,,100252333,2012-03-10,,,\n"},
	 "leerlingen.csv, regel 2, kolom onderwijsnummer: '100252333' is geen geldig onderwijsnummer"},
	{"geboortedatum 29 February of a common year", {.leerlingen = "P,,,2013-02-29,,,\n"},
	 "leerlingen.csv, regel 2, kolom geboortedatum: '2013-02-29' is geen geldige datum"},
	{"geboortedatum missing", {.leerlingen = "P,,,,,,\n"},
	 "leerlingen.csv, regel 2, kolom geboortedatum: verplicht veld is leeg"},
	{"control character in a name", {.leerlingen = "P,,,2012-03-10,\"An\tna\",,\n"},
	 "leerlingen.csv, regel 2, kolom voornaam: waarde bevat een stuurteken"},
	{"control character in a school name", {.scholen = "10AA,00,\"X\x1bY\",BAO,GM0001,PO0001,\n"},
	 "scholen.csv, regel 2, kolom naam: waarde bevat een stuurteken (byte 27)"},
	{"a name over 200 bytes",
	 {.gemeenten = "GM0002,Beta\nGM0003,Gamma\nGM0001,"
		       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		       "x\n"},
	 "gemeenten.csv, regel 4, kolom naam: waarde is langer dan 200 tekens"},
	{"woonadres unknown pupil", {.leerlingen = OK_PUPIL, .woonadressen = "Q,GM0001,2012-03-10,,0\n"},
	 "woonadressen.csv, regel 2, kolom leerling_id: onbekende leerling_id 'Q'"},
	{"woonadres unknown gemeente", {.leerlingen = OK_PUPIL, .woonadressen = "P,GM0042,2012-03-10,,0\n"},
	 "woonadressen.csv, regel 2, kolom gemeentecode: onbekende gemeentecode 'GM0042'"},
	{"woonadres van after tot",
	 {.leerlingen = OK_PUPIL, .woonadressen = "P,GM0001,2012-03-10,2020-01-01,0\nP,GM0001,2021-02-01,2021-01-31,0\n"},
	 "woonadressen.csv, regel 3, kolom tot: einddatum 2021-01-31 ligt voor begindatum 2021-02-01"},
	{"woonadres in_onderzoek", {.leerlingen = OK_PUPIL, .woonadressen = "P,GM0001,2012-03-10,,ja\n"},
	 "woonadressen.csv, regel 2, kolom in_onderzoek: 'ja' is geen geldige waarde; toegestaan: 0, 1"},
	{"woonadres bad date", {.leerlingen = OK_PUPIL, .woonadressen = "P,GM0001,10-03-2012,,0\n"},
	 "woonadressen.csv, regel 2, kolom van: '10-03-2012' is geen geldige datum"},
	{"woonadressen overlap",
	 {.leerlingen = OK_PUPIL,
	  .woonadressen = "P,GM0001,2012-03-10,2020-12-31,0\nP,GM0002,2020-12-31,,0\n"},
	 "woonadressen.csv, regel 3, kolom van: woonperiode 2020-12-31 t/m heden van leerling 'P' overlapt met die op regel 2"},
	{"inschrijving unknown school", {.leerlingen = OK_PUPIL, .inschrijvingen = "P,99ZZ,00,2020-08-01,\n"},
	 "inschrijvingen.csv, regel 2, kolom brin: onbekende schoolvestiging 99ZZ-00"},
	{"inschrijving without van", {.leerlingen = OK_PUPIL, .inschrijvingen = "P,10AA,00,,\n"},
	 "inschrijvingen.csv, regel 2, kolom van: verplicht veld is leeg"},
	{"inschrijving tot before van", {.leerlingen = OK_PUPIL, .inschrijvingen = "P,10AA,00,2020-08-01,2020-07-31\n"},
	 "inschrijvingen.csv, regel 2, kolom tot: einddatum 2020-07-31 ligt voor begindatum 2020-08-01"},
	{"verzuim soort", {.leerlingen = OK_PUPIL, .verzuim = "P,10AA,00,spijbelen,2025-01-06,,\n"},
	 "verzuim.csv, regel 2, kolom soort: 'spijbelen' is geen geldige waarde"},
	{"verzuim uren", {.leerlingen = OK_PUPIL, .verzuim = "P,10AA,00,ziek,2025-01-06,,1.234\n"},
	 "verzuim.csv, regel 2, kolom uren: '1.234' is geen aantal uren"},
	{"verzuim uren negative", {.leerlingen = OK_PUPIL, .verzuim = "P,10AA,00,ziek,2025-01-06,,-4\n"},
	 "verzuim.csv, regel 2, kolom uren: '-4' is geen aantal uren"},
	{"vrijstelling grond", {.leerlingen = OK_PUPIL, .vrijstellingen = "P,5d,verleend,,2020-01-01,\n"},
	 "vrijstellingen.csv, regel 2, kolom grond: '5d' is geen vrijstellingsgrond"},
	{"vrijstelling status", {.leerlingen = OK_PUPIL, .vrijstellingen = "P,5a,toegekend,,2020-01-01,\n"},
	 "vrijstellingen.csv, regel 2, kolom status: 'toegekend' is geen geldige waarde"},
	{"verleend without van", {.leerlingen = OK_PUPIL, .vrijstellingen = "P,5a,verleend,2020-01-01,,\n"},
	 "vrijstellingen.csv, regel 2, kolom van: een verleende vrijstelling moet een begindatum (van) hebben"},
	{"verleend with a tot but without van",
	 {.leerlingen = OK_PUPIL, .vrijstellingen = "P,5a,verleend,2020-01-01,,2021-01-01\n"},
	 "vrijstellingen.csv, regel 2, kolom van: een verleende vrijstelling moet een begindatum (van) hebben"},
	{"verleend vrijstellingen overlap",
	 {.leerlingen = OK_PUPIL,
	  .vrijstellingen = "P,5a,verleend,,2020-01-01,2020-12-31\nP,5c,afgewezen,,2020-06-01,\nP,5b,verleend,,2020-12-01,\n"},
	 "vrijstellingen.csv, regel 4, kolom van: verleende vrijstelling 2020-12-01 t/m heden van leerling 'P' overlapt met die op regel 2"},
	{"aanbod soort", {.leerlingen = OK_PUPIL, .aanbod = "P,2025-01-06,,school\n"},
	 "aanbod.csv, regel 2, kolom soort: 'school' is geen geldige waarde; toegestaan: onderwijs, zorg, combinatie"},
	{"row with too few fields", {.leerlingen = "P,,,2012-03-10,,\n"},
	 "leerlingen.csv, regel 2: verwacht 7 velden, gevonden 6"},
	{"unterminated quote", {.leerlingen = "P,,,2012-03-10,\"Anna,,\n"},
	 "leerlingen.csv: regel 2: aanhalingsteken wordt niet afgesloten"},
	{"quote inside a field", {.leerlingen = "P,,,2012-03-10,An\"na,,\n"},
	 "leerlingen.csv: regel 2: aanhalingsteken midden in een veld"},
	{"vakanties without the tot column",
	 {.leerlingen = OK_PUPIL, .vakanties = "regio,van\nzuid,2025-10-18\n"},
	 "vakanties.csv, regel 1: kolom 'tot' ontbreekt in de kopregel"},
	{"vakantieregio unknown gemeente",
	 {.leerlingen = OK_PUPIL, .vakantieregios = "gemeentecode,regio\nGM0077,zuid\n"},
	 "vakantieregios.csv, regel 2, kolom gemeentecode: onbekende gemeentecode 'GM0077'"},
};

static void every_rule_is_refused_with_file_line_and_column(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		builder *b = NULL;
		dataset *ds = fixture_build(&CASES[i].f, &b);
		if (ds) {
			fprintf(stderr, "case '%s': dataset was accepted\n", CASES[i].name);
			dataset_free(ds);
			failures++;
			continue;
		}
		char buf[512];
		first_error(b, buf, sizeof buf);
		if (strncmp(buf, CASES[i].expect, strlen(CASES[i].expect)) != 0) {
			fprintf(stderr, "case '%s':\n  got:    %s\n  wanted: %s\n", CASES[i].name, buf, CASES[i].expect);
			failures++;
		}
		builder_free(b);
	}
	assert_int_equal(failures, 0);
}

/* SPEC 3.1: beyond its rules a row is refused only when it would make the
 * registry wrong or unsafe; what is merely doubtful is imported, with a
 * warning naming file, line, column and reason. */
static const bad_case WARNINGS[] = {
	{"gemeente without name", {.gemeenten = "GM0001,Alfa\nGM0002,\nGM0003,Gamma\n"},
	 "gemeenten.csv, regel 3, kolom naam: naam is leeg"},
	{"swv sector against code", {.swv = "PO0001,a,PO\nPO0002,b,PO\nVO0001,c,VO\nVO0002,d,VO\nPO0003,e,VO\n"},
	 "swv.csv, regel 6, kolom sector: sector VO past niet bij code PO0003; overgenomen met sector VO"},
	{"swv_gemeenten twice", {.swv_gemeenten = "PO0001,GM0001\nPO0001,GM0001\n"},
	 "swv_gemeenten.csv, regel 3: de combinatie PO0001, GM0001 komt al voor op regel 2; een keer overgenomen"},
	{"school swv_po of the wrong sector", {.scholen = "10AA,00,X,BAO,GM0001,VO0001,\n"},
	 "scholen.csv, regel 2, kolom swv_po: 'VO0001' is een VO-samenwerkingsverband, geen PO-samenwerkingsverband; "
	 "overgenomen zoals opgegeven"},
	{"school swv_vo of the wrong sector", {.scholen = "20BB,00,X,VO,GM0001,,PO0002\n"},
	 "scholen.csv, regel 2, kolom swv_vo: 'PO0002' is een PO-samenwerkingsverband, geen VO-samenwerkingsverband; "
	 "overgenomen zoals opgegeven"},
	{"school without name", {.scholen = "10AA,00,,BAO,GM0001,PO0001,\n"}, "scholen.csv, regel 2, kolom naam: naam is leeg"},
	{"startkwalificatie before birth", {.leerlingen = "P,,,2012-03-10,,,2010-01-01\n"},
	 "leerlingen.csv, regel 2, kolom startkwalificatie: startkwalificatie ligt niet na de geboortedatum; de leerling is "
	 "daardoor nooit kwalificatieplichtig"},
	{"startkwalificatie on the birth date", {.leerlingen = "P,,,2012-03-10,,,2012-03-10\n"},
	 "leerlingen.csv, regel 2, kolom startkwalificatie: startkwalificatie ligt niet na de geboortedatum"},
	{"melding before the absence", {.leerlingen = OK_PUPIL, .meldingen = "P,10AA,00,2025-01-06,2025-01-07,verzuim\n"},
	 "meldingen.csv, regel 2, kolom eerste_verzuimdag: eerste verzuimdag ligt na de datum van de melding"},
	{"place before the offer", {.leerlingen = OK_PUPIL, .aanbod = "P,2025-01-06,2025-01-05,zorg\n"},
	 "aanbod.csv, regel 2, kolom plaats_per: plaats_per ligt voor de datum van het aanbod"},
	/* Issue 11: an aanbod dated 2099 for a child born in 2012. */
	{"offer after the kwalificatieplicht", {.leerlingen = OK_PUPIL, .aanbod = "P,2099-01-06,,zorg\n"},
	 "aanbod.csv, regel 2, kolom datum_aanbod: datum_aanbod ligt na het einde van de kwalificatieplicht van de "
	 "leerling (2030-03-09); controleer de datum"},
	{"place after the kwalificatieplicht", {.leerlingen = OK_PUPIL, .aanbod = "P,2026-01-06,2099-02-01,zorg\n"},
	 "aanbod.csv, regel 2, kolom plaats_per: plaats_per ligt na het einde van de kwalificatieplicht"},
};

static void doubtful_rows_are_imported_with_a_warning(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof WARNINGS / sizeof WARNINGS[0]; i++) {
		builder *b = builder_new(BUILD_IDENTITY);
		dataset *ds = fixture_build_with(&WARNINGS[i].f, b);
		size_t kept, total;
		const fact_error *w = builder_warnings(b, &kept, &total);
		strbuf got = STRBUF_INIT;
		if (kept)
			fact_error_format(&w[0], &got);
		if (!ds) {
			char buf[512];
			fprintf(stderr, "case '%s': refused: %s\n", WARNINGS[i].name, first_error(b, buf, sizeof buf));
			failures++;
		} else if (total != 1 || strncmp(sb_str(&got), WARNINGS[i].expect, strlen(WARNINGS[i].expect)) != 0) {
			fprintf(stderr, "case '%s': %zu warnings\n  got:    %s\n  wanted: %s\n", WARNINGS[i].name, total,
				sb_str(&got), WARNINGS[i].expect);
			failures++;
		}
		sb_free(&got);
		dataset_free(ds);
		builder_free(b);
	}
	assert_int_equal(failures, 0);
}

/* What the warned rows become: kept as given. */
static void warned_rows_keep_their_values(void **state)
{
	(void)state;
	fixture f = {.gemeenten = "GM0001,Alfa\nGM0002,\nGM0003,Gamma\n",
		     .swv = "PO0001,a,VO\nPO0002,b,PO\nVO0001,c,VO\nVO0002,d,VO\n",
		     .swv_gemeenten = "PO0002,GM0001\nPO0002,GM0001\nVO0001,GM0002\n",
		     .scholen = "10AA,00,,BAO,GM0001,VO0001,\n20BB,00,Lyceum,VO,GM0001,,VO0001\n",
		     .leerlingen = "P,,,2012-03-10,,,2010-01-01\n",
		     .meldingen = "P,10AA,00,2025-01-06,2025-01-07,verzuim\n",
		     .aanbod = "P,2025-01-06,2025-01-05,zorg\n"};
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(&f, b);
	assert_non_null(ds);
	size_t kept, total;
	builder_warnings(b, &kept, &total);
	assert_int_equal(total, 8);
	assert_string_equal(ds->gemeenten[1].naam, "");
	assert_int_equal(ds->swvs[dataset_swv(ds, "PO0001", 6)].sector, SECTOR_VO); /* the column decides */
	assert_int_equal(ds->n_swv_gemeenten, 2);				      /* the pair once */
	int32_t s = dataset_school(ds, "10AA", "00");
	assert_string_equal(ds->schools[s].naam, "");
	assert_int_equal(ds->schools[s].swv_po, dataset_swv(ds, "VO0001", 6));
	assert_int_equal(ds->schools[s].swv, dataset_swv(ds, "VO0001", 6));
	assert_int_equal(ds->pupils[0].startkwalificatie, D("2010-01-01"));
	assert_int_equal(ds->n_fact[F_MELDING], 1);
	assert_int_equal(ds->meld[0].eerste_verzuimdag, D("2025-01-07"));
	assert_int_equal(ds->n_fact[F_AANBOD], 1);
	assert_int_equal(ds->aanbod[0].plaats_per, D("2025-01-05"));
	dataset_free(ds);
	builder_free(b);
}

/* SPEC 3.1: a tot without a van is valid on a request that was not granted. */
static void a_request_not_granted_may_have_a_tot_without_a_van(void **state)
{
	(void)state;
	fixture f = {.leerlingen = OK_PUPIL,
		     .vrijstellingen = "P,5c,aangevraagd,2020-01-01,,2021-01-01\nP,5a,afgewezen,2020-02-01,,2020-06-30\n"
				       "P,5b,ingetrokken,,,2020-09-01\n"};
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(&f, b);
	assert_non_null(ds);
	size_t kept, total;
	builder_warnings(b, &kept, &total);
	assert_int_equal(total, 0);
	assert_int_equal(ds->n_fact[F_VRIJSTELLING], 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(ds->vrij[i].van, DAY_NONE);
	classification c;
	classify_id(ds, "P", "2020-10-01", &c);
	assert_false(categorie_is_vrijstelling(c.cat));
	dataset_free(ds);
	builder_free(b);
}

static void warnings_are_in_file_order_counted_and_cut(void **state)
{
	(void)state;
	strbuf rows = STRBUF_INIT;
	for (int i = 0; i < BUILDER_MAX_ERRORS + 5; i++)
		sb_puts(&rows, "P,2025-01-06,2025-01-05,zorg\n");
	fixture f = {.leerlingen = "P,,,2012-03-10,,,2010-01-01\n", .meldingen = "P,10AA,00,2025-01-06,2025-01-07,\n",
		     .aanbod = sb_str(&rows)};
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(&f, b);
	assert_non_null(ds);
	size_t kept, total;
	const fact_error *w = builder_warnings(b, &kept, &total);
	assert_int_equal(total, BUILDER_MAX_ERRORS + 7);
	assert_int_equal(kept, BUILDER_MAX_ERRORS);
	assert_int_equal(w[0].table, T_LEERLINGEN);
	assert_int_equal(w[1].table, T_MELDINGEN);
	assert_int_equal(w[2].table, T_AANBOD);
	assert_int_equal(w[2].line, 2);
	assert_int_equal(w[3].line, 3);
	assert_int_equal(ds->n_fact[F_AANBOD], BUILDER_MAX_ERRORS + 5);
	dataset_free(ds);
	builder_free(b);
	sb_free(&rows);
}

static void errors_are_reported_in_file_order_and_counted(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-03-10,,,\nQ,,,bad,,,\n",
		     .woonadressen = "P,GM0001,2012-03-10,2015-01-01,0\nP,GM0001,2014-01-01,,0\nP,GM0009,2012-01-01,,0\n"};
	builder *b = NULL;
	assert_null(fixture_build(&f, &b));
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	assert_int_equal(total, 3);
	assert_int_equal(e[0].table, T_LEERLINGEN);
	assert_int_equal(e[1].table, T_WOONADRESSEN);
	assert_int_equal(e[1].line, 3); /* overlap, found after sorting */
	assert_int_equal(e[2].line, 4);
	builder_free(b);
}

static void a_valid_dataset_is_accepted(void **state)
{
	(void)state;
	fixture f = {.leerlingen = OK_PUPIL "Q,,101222331,2013-05-01,\"Bram, \"\"de\"\" Vries\",,\n",
		     .woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,1\n",
		     .inschrijvingen = "P,10AA,00,2016-08-01,\nP,20BB,00,2016-08-01,\n",
		     .verzuim = "P,10AA,00,ziek,2025-01-06,2025-01-10,12.5\n",
		     .vrijstellingen = "Q,5c,aangevraagd,2025-01-01,,\nQ,15,verleend,,2020-01-01,2020-06-30\n",
		     .meldingen = "P,10AA,00,2025-01-13,2025-01-06,\n",
		     .aanbod = "P,2025-01-06,,combinatie\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	assert_int_equal(ds->n_pupils, 2);
	assert_string_equal(ds->pupils[1].voornaam, "Bram, \"de\" Vries");
	assert_int_equal(ds->abs[0].uren, 1250);
	assert_int_equal(ds->n_fact[F_ENROLMENT], 2);
	dataset_free(ds);
}

/* Files in any order give the same dataset as sorted files: pupils are sorted
 * and a fact file that goes backwards is searched, then hashed. */
static void file_order_does_not_matter(void **state)
{
	(void)state;
	enum { N = 300 };
	strbuf l[2] = {STRBUF_INIT, STRBUF_INIT}, w[2] = {STRBUF_INIT, STRBUF_INIT}, v[2] = {STRBUF_INIT, STRBUF_INIT};
	for (int k = 0; k < N; k++) {
		/* sorted order k, and a scrambled order (k * 7 mod N, reversed) */
		int i = k, j = N - 1 - (k * 7) % N;
		int id[2] = {i, j};
		for (int o = 0; o < 2; o++) {
			sb_printf(&l[o], "P%03d,,,%d-0%d-1%d,,,\n", id[o], 2008 + id[o] % 12, 1 + id[o] % 9, id[o] % 10);
			sb_printf(&w[o], "P%03d,GM000%d,2008-01-01,,0\n", id[o], 1 + id[o] % 3);
			sb_printf(&v[o], "P%03d,20BB,00,ongeoorloofd,2025-09-%02d,,\n", id[o], 1 + id[o] % 28);
		}
	}
	char *dumps[2];
	for (int o = 0; o < 2; o++) {
		fixture f = {.leerlingen = sb_str(&l[o]), .woonadressen = sb_str(&w[o]),
			     .inschrijvingen = "", .verzuim = sb_str(&v[o])};
		dataset *ds = fixture_build(&f, NULL);
		assert_non_null(ds);
		assert_int_equal(ds->n_pupils, N);
		strbuf out = STRBUF_INIT;
		for (uint32_t p = 0; p < ds->n_pupils; p++) {
			classification c;
			classify(ds, p, D("2025-11-01"), &c);
			sb_printf(&out, "%s %s %d %d\n", ds->pupils[p].id, CATEGORIE_CODES[c.cat], c.gemeente, c.startdatum);
			assert_int_equal(dataset_pupil(ds, ds->pupils[p].id, strlen(ds->pupils[p].id)), (int32_t)p);
		}
		assert_int_equal(dataset_pupil(ds, "P300", 4), NO_REF);
		assert_int_equal(dataset_pupil(ds, "P00", 3), NO_REF);
		dumps[o] = out.data;
		dataset_free(ds);
		sb_free(&l[o]);
		sb_free(&w[o]);
		sb_free(&v[o]);
	}
	assert_string_equal(dumps[0], dumps[1]);
	free(dumps[0]);
	free(dumps[1]);
}

/* The reference tables of f alone, built. */
static dataset *reference_of(const fixture *f)
{
	fixture r = {.gemeenten = f->gemeenten, .swv = f->swv, .swv_gemeenten = f->swv_gemeenten, .scholen = f->scholen,
		     .vakantieregios = f->vakantieregios, .vakanties = f->vakanties};
	builder *b = builder_new(0);
	dataset *ds = fixture_build_with(&r, b);
	builder_free(b);
	return ds;
}

/* The messages of a builder after builder_finish, errors then warnings, each
 * formatted; those about reference tables left out when pupils_only. */
static char *messages(const builder *b, bool pupils_only)
{
	strbuf sb = STRBUF_INIT;
	for (int w = 0; w < 2; w++) {
		size_t kept, total;
		const fact_error *e = w ? builder_warnings(b, &kept, &total) : builder_errors(b, &kept, &total);
		for (size_t i = 0; i < kept; i++) {
			if (pupils_only && e[i].table < T_LEERLINGEN)
				continue;
			sb_puts(&sb, w ? "waarschuwing " : "fout ");
			fact_error_format(&e[i], &sb);
			sb_putc(&sb, '\n');
		}
	}
	return sb.data ? sb.data : calloc(1, 1);
}

/* What builder_finish derives from the reference tables: the holiday
 * calendars and each gemeente's SWV per sector. */
static bool same_derived(const dataset *a, const dataset *b)
{
	if (a->n_regios != b->n_regios || a->n_gemeenten != b->n_gemeenten)
		return false;
	for (size_t r = 0; r < a->n_regios; r++)
		if (holiday_days(&a->calendars[r], D("2020-01-01"), D("2030-01-01")) !=
		    holiday_days(&b->calendars[r], D("2020-01-01"), D("2030-01-01")))
			return false;
	for (int sec = 0; sec < 2; sec++)
		for (size_t g = 0; g < a->n_gemeenten; g++)
			if (a->region_swv[sec][g] != b->region_swv[sec][g])
				return false;
	return true;
}

/* One fixture both ways: fed whole to builder_new, and its pupils fed to a
 * builder on its reference data built before (builder_new_on, what the
 * registry's validation of a correction does). The same dataset, the same
 * errors and warnings about the pupils' rows. Returns 1 for a difference,
 * -1 when the reference data does not build (nothing to build on). */
static int both_ways(const char *name, const fixture *f)
{
	dataset *ref = reference_of(f);
	if (!ref)
		return -1;
	builder *whole = builder_new(BUILD_IDENTITY), *on = builder_new_on(ref, BUILD_IDENTITY);
	dataset *a = fixture_build_with(f, whole), *b = fixture_build_pupils_with(f, on);
	int differs = 0;
	const char *why = "";
	if (!a != !b) {
		fprintf(stderr, "case '%s': %s whole, %s on the reference data\n", name, a ? "accepted" : "refused",
			b ? "accepted" : "refused");
		differs = 1;
	} else if (a && !datasets_same(a, b, &why)) {
		fprintf(stderr, "case '%s': the datasets differ: %s\n", name, why);
		differs = 1;
	} else if (a && !same_derived(a, b)) {
		fprintf(stderr, "case '%s': the holiday calendars or the SWVs of the regions differ\n", name);
		differs = 1;
	}
	char *ma = messages(whole, true), *mb = messages(on, false);
	if (strcmp(ma, mb) != 0) {
		fprintf(stderr, "case '%s':\n  whole:\n%s  on the reference data:\n%s", name, ma, mb);
		differs = 1;
	}
	free(ma);
	free(mb);
	/* b first: it borrows ref's reference data, which must outlive it. */
	dataset_free(b);
	dataset_free(a);
	builder_free(on);
	builder_free(whole);
	dataset_free(ref);
	return differs;
}

/* The registry validates each correction on reference data it keeps
 * (builder_new_on): that must give exactly what building everything gives,
 * for every rule and warning about a pupil's rows, on both readers. */
static void a_builder_on_built_reference_data_gives_what_a_whole_build_gives(void **state)
{
	(void)state;
	const fixture valid = {.leerlingen = OK_PUPIL "Q,,101222331,2013-05-01,Bram,,\n",
			       .woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,1\n",
			       .inschrijvingen = "P,10AA,00,2016-08-01,\nQ,70GG,00,2025-08-01,\n",
			       .verzuim = "P,10AA,00,ziek,2025-01-06,2025-01-10,12.5\n",
			       .vrijstellingen = "Q,5c,aangevraagd,2025-01-01,,\n",
			       .meldingen = "P,10AA,00,2025-01-13,2025-01-06,\n",
			       .aanbod = "P,2025-01-06,,combinatie\n",
			       .vakantieregios = "gemeentecode,regio\nGM0002,zuid\n",
			       .vakanties = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n"};
	size_t windows[2] = {0, FIXTURE_GENERAL}, saved = fixture_window;
	int failures = 0, pupil_cases = 0;
	for (int w = 0; w < 2; w++) {
		fixture_window = windows[w];
		failures += both_ways("valid", &valid) != 0;
		for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
			int rc = both_ways(CASES[i].name, &CASES[i].f);
			failures += rc > 0;
			pupil_cases += rc == 0;
		}
		for (size_t i = 0; i < sizeof WARNINGS / sizeof WARNINGS[0]; i++)
			failures += both_ways(WARNINGS[i].name, &WARNINGS[i].f) > 0;
	}
	fixture_window = saved;
	assert_int_equal(failures, 0);
	assert_true(pupil_cases > 20); /* the rules about pupils' rows were compared, not skipped */
}

/* Reference data does not change on such a builder: a row of a reference
 * table is refused, naming the table, and what it built still reads ref's. */
static void a_builder_on_built_reference_data_refuses_reference_rows(void **state)
{
	(void)state;
	fixture none = {0};
	dataset *ref = reference_of(&none);
	assert_non_null(ref);
	builder *b = builder_new_on(ref, 0);
	builder_begin_table(b, T_SCHOLEN);
	static const field site[7] = {{"80HH", 4}, {"00", 2}, {"Nieuw", 5}, {"BAO", 3}, {"GM0001", 6}, {"PO0001", 6},
					{NULL, 0}};
	assert_false(builder_row(b, T_SCHOLEN, site, 2));
	builder_end_table(b, T_SCHOLEN);
	assert_null(builder_finish(b));
	char buf[512];
	assert_string_equal(first_error(b, buf, sizeof buf),
			    "scholen.csv, regel 2: scholen ligt vast: de referentiegegevens veranderen alleen door een import");
	builder_free(b);
	assert_int_equal(ref->n_schools, 8);
	assert_int_equal(dataset_school(ref, "80HH", "00"), NO_REF);
	dataset_free(ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_rule_is_refused_with_file_line_and_column),
		cmocka_unit_test(errors_are_reported_in_file_order_and_counted),
		cmocka_unit_test(doubtful_rows_are_imported_with_a_warning),
		cmocka_unit_test(warned_rows_keep_their_values),
		cmocka_unit_test(a_request_not_granted_may_have_a_tot_without_a_van),
		cmocka_unit_test(warnings_are_in_file_order_counted_and_cut),
		cmocka_unit_test(a_valid_dataset_is_accepted),
		cmocka_unit_test(file_order_does_not_matter),
		cmocka_unit_test(a_builder_on_built_reference_data_gives_what_a_whole_build_gives),
		cmocka_unit_test(a_builder_on_built_reference_data_refuses_reference_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
