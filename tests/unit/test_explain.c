/* The explanation of a classification in words (src/core/explain.c): the
 * worked examples of SPEC 4 in full, and for every other categorie the lines
 * that say why, with the facts that led to it (dates, days, holidays, the
 * school, the gebieden it counts in). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/access.h"
#include "../../src/core/explain.h"
#include "../../src/util/strbuf.h"

#define PEIL "2025-11-01"

/* P, born 2012-03-10, living in GM0001 Alfa since birth; 20BB-00 is the VO
 * school Lyceum of SWV VO0001 (helpers.h). */
#define PUPIL "P,,,2012-03-10,,,\n"
#define HOME "P,GM0001,2012-03-10,,0\n"
#define AT_VO "P,20BB,00,2024-08-01,\n"

/* The summary, then every line, each on a line of its own. */
static char *explain_text(const fixture *f, const char *id, const char *d)
{
	dataset *ds = fixture_build(f, NULL);
	assert_non_null(ds);
	int32_t p = dataset_pupil(ds, id, strlen(id));
	assert_int_not_equal(p, NO_REF);
	classification c;
	classify(ds, (uint32_t)p, D(d), &c);
	explanation ex;
	explain(ds, (uint32_t)p, &c, &ex);
	strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s\n", ex.summary);
	for (size_t i = 0; i < ex.n; i++)
		sb_printf(&sb, "%s\n", ex.lines[i]);
	explanation_free(&ex);
	dataset_free(ds);
	return sb.data;
}

static void expect_text(const fixture *f, const char *d, const char *want)
{
	char *got = explain_text(f, "P", d);
	if (strcmp(got, want) != 0)
		fail_msg("explanation:\n%s\nexpected:\n%s", got, want);
	free(got);
}

/* Whether text has this whole line. */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, line, n) == 0 && p[n] == '\n')
			return true;
	return false;
}

/* Each of the NULL-terminated lines is in P's explanation on d, and none of
 * the `without` ones (NULL: no check) is. */
static void expect_lines(const fixture *f, const char *d, const char *const *lines, const char *const *without)
{
	char *got = explain_text(f, "P", d);
	for (; *lines; lines++)
		if (!has_line(got, *lines))
			fail_msg("missing line:\n%s\nin:\n%s", *lines, got);
	for (; without && *without; without++)
		if (strstr(got, *without))
			fail_msg("unexpected text:\n%s\nin:\n%s", *without, got);
	free(got);
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* What every explanation of P starts with. */
#define P_AGES                                                                                              \
	"Geboren op 10-03-2012; op de peildatum 13 jaar.\n"                                                 \
	"Leerplichtig vanaf 01-04-2017 (eerste dag van de maand na de vijfde verjaardag), volledig "        \
	"leerplichtig tot en met 31-07-2028 (einde van het schooljaar van de zestiende verjaardag).\n"      \
	"Kwalificatieplichtig tot en met 09-03-2030 (dag voor de achttiende verjaardag).\n"                 \
	"Woont op de peildatum in GM0001 Alfa (woonperiode 10-03-2012 t/m heden).\n"

/* ---- the worked examples of SPEC 4 (D = 2025-11-01), in full --------------- */

static void example_lrv(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-15,,\n"};
	expect_text(&f, PEIL,
		    "Op 01-11-2025 is leerling P ingedeeld als langdurig relatief verzuim.\n" P_AGES
		    "Ingeschreven op 20BB-00 Lyceum (VO), van 01-08-2024 t/m heden.\n"
		    "Ongeoorloofd verzuim zonder onderbreking door een schooldag van 15-09-2025 t/m heden (perioden "
		    "waartussen alleen weekend- of vakantiedagen liggen, tellen als een reeks).\n"
		    "Van 15-09-2025 tot de peildatum zijn 47 dagen verstreken (geen vakantiekalender bekend).\n"
		    "Ongeoorloofd, 28 of meer verstreken dagen: langdurig relatief verzuim.\n"
		    "Sector VO: volgens de soort (VO) van de inschrijving.\n"
		    "Duur: 48 dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum is "
		    "15-12-2025: korter dan 3 maanden.\n"
		    "Geen aanbod met een plaats beschikbaar tussen het begin van dit verzuim (15-09-2025) en de "
		    "peildatum: zonder passend aanbod.\n"
		    "Telt per gemeente bij GM0001 Alfa (woonplaats) en per samenwerkingsverband bij VO0001.\n");
}

static void example_one_run_across_a_weekend(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,2025-09-05,\nP,20BB,00,ongeoorloofd,2025-09-08,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Ongeoorloofd verzuim zonder onderbreking door een schooldag van 01-09-2025 t/m heden "
			   "(perioden waartussen alleen weekend- of vakantiedagen liggen, tellen als een reeks).",
			   "Van 01-09-2025 tot de peildatum zijn 61 dagen verstreken (geen vakantiekalender bekend).",
			   "Ongeoorloofd, 28 of meer verstreken dagen: langdurig relatief verzuim.",
			   "Duur: 62 dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum "
			   "is 01-12-2025: korter dan 3 maanden."),
		     NULL);
}

static void example_av_from_the_absence_before_leaving(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-06-30\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-05-12,2025-06-30,\n"};
	expect_text(&f, PEIL,
		    "Op 01-11-2025 is leerling P ingedeeld als absoluut verzuim.\n" P_AGES
		    "Niet ingeschreven op de peildatum. Laatste inschrijving: 20BB-00 Lyceum (VO), van 01-08-2024 "
		    "t/m 30-06-2025.\n"
		    "Niet ingeschreven, dus absoluut verzuim. De eerste dag van feitelijke afwezigheid is de laatste "
		    "van:\n"
		    "  (a) begin van de leerplicht: 01-04-2017\n"
		    "  (b) begin van het onafgebroken verblijf in Nederland: 10-03-2012\n"
		    "  (c) begin van het ongeoorloofd verzuim dat de laatste inschrijfdag (30-06-2025) omvatte: "
		    "12-05-2025\n"
		    "  (d) geen eerder verleende vrijstelling\n"
		    "Startdatum: 12-05-2025.\n"
		    "Van 12-05-2025 tot de peildatum zijn 173 dagen verstreken (geen vakantiekalender bekend).\n"
		    "28 of meer verstreken dagen (vier weken of langer): geteld als absoluut verzuim.\n"
		    "Sector VO: volgens de soort (VO) van de laatste inschrijving.\n"
		    "Duur: 174 dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum is "
		    "12-08-2025: 3 maanden of langer.\n"
		    "Geen aanbod met een plaats beschikbaar tussen het begin van dit verzuim (12-05-2025) en de "
		    "peildatum: zonder passend aanbod.\n"
		    "Telt per gemeente bij GM0001 Alfa (woonplaats) en per samenwerkingsverband bij VO0001 (via de "
		    "laatste inschrijving).\n");
}

static void example_address_in_onderzoek(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = "P,GM0001,2012-03-10,2025-06-30,0\nP,GM0001,2025-07-01,,1\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-19\n"};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als absoluut verzuim, adres in "
			   "onderzoek (niet geteld).",
			   "Woont op de peildatum in GM0001 Alfa (woonperiode 01-07-2025 t/m heden); het adres is in "
			   "onderzoek.",
			   "  (b) begin van het onafgebroken verblijf in Nederland: 10-03-2012",
			   "  (c) dag na het einde van de laatste inschrijving: 20-10-2025", "Startdatum: 20-10-2025.",
			   "Het woonadres is in onderzoek: geregistreerd, niet geteld als absoluut verzuim."),
		     /* Not counted, so neither days nor aanbod are weighed. */
		     LINES("dagen verstreken", "aanbod"));
}

static void example_av_kort(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-14\n"};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als absoluut verzuim korter dan vier weken "
			   "(niet geteld).",
			   "  (c) dag na het einde van de laatste inschrijving: 15-10-2025", "Startdatum: 15-10-2025.",
			   "Van 15-10-2025 tot de peildatum zijn 17 dagen verstreken (geen vakantiekalender bekend).",
			   "Minder dan 28 verstreken dagen (vier weken): geregistreerd, niet geteld als absoluut verzuim.",
			   "Duur: 18 dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum is "
			   "15-01-2026: korter dan 3 maanden."),
		     LINES("aanbod"));
}

/* ---- the other categories ----------------------------------------------------- */

static void vrijstellingen_name_article_period_and_kind(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .vrijstellingen = "P,5a,verleend,2025-08-01,2025-09-01,2026-07-31\n"};
	const char *const no_duration[] = {"Duur:", "Startdatum", NULL};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als tijdelijke vrijstelling "
			   "art. 5 onder a.",
			   "Vrijstelling op grond van artikel 5a verleend van 01-09-2025 t/m 31-07-2026 (met einddatum: "
			   "tijdelijk); die gaat voor elke andere indeling.",
			   "Sector VO: volgens de soort (VO) van de inschrijving.",
			   "Telt per gemeente bij GM0001 Alfa (woonplaats) en per samenwerkingsverband bij VO0001."),
		     no_duration);
	f.vrijstellingen = "P,5a,verleend,2019-01-01,2019-02-01,\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als permanente vrijstelling "
			   "art. 5 onder a.",
			   "Vrijstelling op grond van artikel 5a verleend van 01-02-2019 t/m heden (zonder einddatum: "
			   "permanent); die gaat voor elke andere indeling."),
		     no_duration);
	f.vrijstellingen = "P,5b,verleend,,2025-08-01,2026-07-31\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als vrijstelling art. 5 onder b.",
			   "Vrijstelling op grond van artikel 5b verleend van 01-08-2025 t/m 31-07-2026; die gaat voor "
			   "elke andere indeling."),
		     no_duration);
	f.vrijstellingen = "P,5c,verleend,,2025-08-01,\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als vrijstelling art. 5 onder c.",
			   "Vrijstelling op grond van artikel 5c verleend van 01-08-2025 t/m heden; die gaat voor elke "
			   "andere indeling."),
		     no_duration);
	f.vrijstellingen = "P,11g,verleend,,2025-10-27,2025-11-07\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als vrijstelling op een andere "
			   "grond.",
			   "Vrijstelling op grond van artikel 11g verleend van 27-10-2025 t/m 07-11-2025; die gaat voor "
			   "elke andere indeling."),
		     no_duration);
}

static void a_pending_5c_request(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,20BB,00,2024-08-01,2025-07-31\n",
		     .vrijstellingen = "P,5c,aangevraagd,2025-10-25,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als absoluut verzuim, aanvraag "
			   "vrijstelling 5 onder c in behandeling (niet geteld).",
			   "Er is op 25-10-2025 een vrijstelling 5 onder c aangevraagd die nog in behandeling is: "
			   "geregistreerd, niet geteld als absoluut verzuim."),
		     LINES("dagen verstreken"));
}

static void av_names_an_mbo_place_and_an_earlier_vrijstelling(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2009-06-01,,,\n", .woonadressen = "P,GM0001,2009-06-01,,0\n",
		     .inschrijvingen = "P,20BB,00,2021-08-01,2025-07-31\nP,30CC,00,2026-02-01,\n",
		     .vrijstellingen = "P,5a,verleend,2025-07-01,2025-08-01,2025-09-14\n"};
	expect_lines(&f, PEIL,
		     LINES("  (c) dag na het einde van de laatste inschrijving: 01-08-2025",
			   "  (d) dag na het einde van de laatste verleende vrijstelling: 15-09-2025",
			   "Startdatum: 15-09-2025.",
			   "28 of meer verstreken dagen (vier weken of langer): geteld als absoluut verzuim.",
			   "Er is een inschrijving bij 30CC-00 Mbo-college (MBO) vanaf 01-02-2026: wacht op instroom in "
			   "het mbo."),
		     NULL);
}

static void runs_of_sickness_exclusion_and_short_truancy(void **state)
{
	(void)state;
	const char *const no_aanbod[] = {"aanbod", NULL};
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ziek,2025-09-01,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als langdurig ziek.",
			   "Ziekteverzuim zonder onderbreking door een schooldag van 01-09-2025 t/m heden (perioden "
			   "waartussen alleen weekend- of vakantiedagen liggen, tellen als een reeks).",
			   "Ziek, 28 of meer verstreken dagen: langdurig ziek."),
		     no_aanbod); /* not a thuiszitter: passend aanbod does not apply */
	f.verzuim = "P,20BB,00,schorsing,2025-10-27,2025-10-31,\nP,20BB,00,verwijdering,2025-11-03,,\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als geschorst of verwijderd.",
			   "Schorsing of verwijdering zonder onderbreking door een schooldag van 27-10-2025 t/m heden "
			   "(perioden waartussen alleen weekend- of vakantiedagen liggen, tellen als een reeks).",
			   "Geschorst of verwijderd op de peildatum.",
			   "Duur: 6 dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum is "
			   "27-01-2026: korter dan 3 maanden."),
		     no_aanbod);
	f.verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,2025-11-14,\n";
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P ingedeeld als dreigend thuiszitter (ongeoorloofd "
			   "verzuim, nog geen vier weken).",
			   "Ongeoorloofd verzuim zonder onderbreking door een schooldag van 20-10-2025 t/m 14-11-2025 "
			   "(perioden waartussen alleen weekend- of vakantiedagen liggen, tellen als een reeks).",
			   "Van 20-10-2025 tot de peildatum zijn 12 dagen verstreken (geen vakantiekalender bekend).",
			   "Ongeoorloofd, minder dan 28 verstreken dagen: dreigend thuiszitter, nog niet geteld."),
		     no_aanbod);
}

static void a_pupil_at_school(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ziek,2025-10-20,,\n"};
	expect_text(&f, PEIL,
		    "Op 01-11-2025 is leerling P in beeld: gaat naar school.\n" P_AGES
		    "Ingeschreven op 20BB-00 Lyceum (VO), van 01-08-2024 t/m heden.\n"
		    "Geen vrijstelling en geen verzuimreeks die de peildatum omvat: gaat naar school.\n"
		    "Sector VO: volgens de soort (VO) van de inschrijving.\n"
		    "Telt per gemeente bij GM0001 Alfa (woonplaats) en per samenwerkingsverband bij VO0001.\n");
}

static void out_of_scope_says_why(void **state)
{
	(void)state;
	const char *const no_categorie[] = {"ingedeeld als", "Sector", "Telt per", NULL};
	fixture f = {.leerlingen = "P,,,2021-06-01,,,\n", .woonadressen = "P,GM0001,2021-06-01,,0\n"};
	expect_lines(&f, PEIL,
		     LINES("Op 01-11-2025 is leerling P niet in beeld voor de telling (niet leerplichtig of niet in "
			   "Nederland).",
			   "Buiten de telling: nog niet leerplichtig (pas vanaf 01-07-2026)."),
		     no_categorie);
	f = (fixture){.leerlingen = "P,,,2007-01-01,,,\n", .woonadressen = "P,GM0001,2007-01-01,,0\n"};
	expect_lines(&f, PEIL, LINES("Buiten de telling: niet meer kwalificatieplichtig (sinds 01-01-2025)."),
		     no_categorie);
	f = (fixture){.leerlingen = "P,,,2012-03-10,,,2016-06-01\n", .woonadressen = HOME};
	expect_lines(&f, PEIL,
		     LINES("Kwalificatieplichtig tot en met 31-05-2016 (dag voor het behalen van de startkwalificatie "
			   "op 01-06-2016).",
			   "Buiten de telling: de startkwalificatie (01-06-2016) ligt voor het begin van de leerplicht, dus "
			   "nooit leerplichtig of kwalificatieplichtig."),
		     no_categorie);
	f = (fixture){.leerlingen = PUPIL, .woonadressen = "P,GM0001,2012-03-10,2024-12-31,0\n"};
	expect_lines(&f, PEIL,
		     LINES("Heeft op de peildatum geen woonadres in Nederland.",
			   "Niet ingeschreven op de peildatum en daarvoor nooit ingeschreven geweest.",
			   "Buiten de telling: woont niet in Nederland en is niet ingeschreven op een school."),
		     no_categorie);
}

/* ---- the facts behind the words --------------------------------------------- */

static void holidays_are_counted_out_by_name_of_the_region(void **state)
{
	(void)state;
	/* 70GG-00 lies in GM0002, holiday region zuid: 18-26 October. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,70GG,00,2024-08-01,\n",
		     .vakantieregios = "gemeentecode,regio\nGM0002,Zuid\n",
		     .vakanties = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n",
		     .verzuim = "P,70GG,00,ongeoorloofd,2025-09-22,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Van 22-09-2025 tot de peildatum zijn 31 dagen verstreken: 40 kalenderdagen min 9 "
			   "vakantiedagen (vakantieregio zuid; vakantiedagen tellen niet mee).",
			   "Ongeoorloofd, 28 of meer verstreken dagen: langdurig relatief verzuim."),
		     NULL);
	f.verzuim = "P,70GG,00,ongeoorloofd,2025-10-27,,\n";
	expect_lines(&f, PEIL,
		     LINES("Van 27-10-2025 tot de peildatum zijn 5 dagen verstreken (geen vakantiedagen daartussen)."),
		     NULL);
}

static void a_birthday_on_29_february(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-02-29,,,\n", .woonadressen = "P,GM0001,2012-02-29,,0\n",
		     .inschrijvingen = AT_VO};
	expect_lines(&f, PEIL,
		     LINES("Geboren op 29-02-2012; op de peildatum 13 jaar.",
			   "De verjaardag valt op 29 februari; in jaren zonder die dag telt 1 maart als verjaardag.",
			   "Leerplichtig vanaf 01-04-2017 (eerste dag van de maand na de vijfde verjaardag), volledig "
			   "leerplichtig tot en met 31-07-2028 (einde van het schooljaar van de zestiende verjaardag).",
			   "Kwalificatieplichtig tot en met 28-02-2030 (dag voor de achttiende verjaardag)."),
		     NULL);
}

static void sector_and_gebieden_say_where_they_come_from(void **state)
{
	(void)state;
	/* Never enrolled: sector by age, SWV by the region of the residence. */
	fixture f = {.leerlingen = "P,,,2016-01-01,,,\n", .woonadressen = "P,GM0001,2016-01-01,,0\n"};
	expect_lines(&f, PEIL,
		     LINES("Sector PO: nooit ingeschreven, dus naar leeftijd (9 jaar; onder de 12 is PO).",
			   "Telt per gemeente bij GM0001 Alfa (woonplaats) en per samenwerkingsverband bij PO0001 (nooit "
			   "ingeschreven: het SWV van de sector waarvan de regio de woongemeente omvat)."),
		     NULL);
	/* GM0003 lies in no SWV region. */
	f = (fixture){.leerlingen = PUPIL, .woonadressen = "P,GM0003,2012-03-10,,0\n"};
	expect_lines(&f, PEIL,
		     LINES("Telt per gemeente bij GM0003 Gamma (woonplaats); niet toegerekend aan een "
			   "samenwerkingsverband."),
		     NULL);
	/* Living abroad, at school here: counted per SWV only. */
	f = (fixture){.leerlingen = PUPIL, .inschrijvingen = "P,70GG,00,2024-08-01,\n",
		      .verzuim = "P,70GG,00,ongeoorloofd,2025-06-02,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Heeft op de peildatum geen woonadres in Nederland.",
			   "Telt per gemeente nergens (geen woonadres in Nederland) en per samenwerkingsverband bij "
			   "VO0002."),
		     NULL);
	/* At the mbo: sector VO by the soort, and no SWV. */
	f = (fixture){.leerlingen = "P,,,2009-06-01,,,\n", .woonadressen = "P,GM0002,2009-06-01,,0\n",
		      .inschrijvingen = "P,30CC,00,2025-08-01,\n", .verzuim = "P,30CC,00,ongeoorloofd,2025-09-01,,\n"};
	expect_lines(&f, PEIL,
		     LINES("Sector VO: volgens de soort (MBO) van de inschrijving.",
			   "Telt per gemeente bij GM0002 Beta (woonplaats); niet toegerekend aan een "
			   "samenwerkingsverband."),
		     NULL);
}

static void a_place_that_answers_the_absence(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-06-02,,\n", .aanbod = "P,2025-09-01,2025-10-01,zorg\n"};
	expect_lines(&f, PEIL,
		     LINES("Aanbod (zorg) van 01-09-2025 met een plaats beschikbaar per 01-10-2025, sinds het begin van "
			   "dit verzuim op 02-06-2025: er is een passend aanbod."),
		     LINES("zonder passend aanbod"));
}

/* Written for the reader (explain_for): a school that may not name the
 * school of the enrolment that counts reads "een inschrijving elders", no
 * BRIN, name, soort or SWV of it; that school itself, and no reader at all
 * (the command line), read it named. */
static void written_for_the_reader(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,\nP,70GG,00,2025-08-01,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	uint32_t p = (uint32_t)dataset_pupil(ds, "P", 1);
	classification c;
	classify(ds, p, D(PEIL), &c);
	const char *scopes[] = {"20BB:00", "70GG:00", NULL};
	for (size_t k = 0; k < 3; k++) {
		resolved r;
		reach rc = {0};
		access_reader rd = {NULL, NULL};
		if (scopes[k]) {
			resolve(ds, ROLE_SCHOOL, scopes[k], &r);
			access_reach(ds, &r.set, p, &rc);
			rd = (access_reader){&r.set, &rc};
		}
		explanation ex;
		explain_for(ds, p, &c, scopes[k] ? &rd : NULL, &ex);
		strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < ex.n; i++)
			sb_printf(&sb, "%s\n", ex.lines[i]);
		bool named = k != 0;
		assert_int_equal(strstr(sb_str(&sb), "70GG") != NULL, named);
		assert_int_equal(strstr(sb_str(&sb), "VO0002") != NULL, named);
		assert_int_equal(strstr(sb_str(&sb), "een inschrijving elders") != NULL, !named);
		sb_free(&sb);
		explanation_free(&ex);
		if (scopes[k]) {
			reach_free(&rc);
			resolved_free(&r);
		}
	}
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_lrv),
		cmocka_unit_test(example_one_run_across_a_weekend),
		cmocka_unit_test(example_av_from_the_absence_before_leaving),
		cmocka_unit_test(example_address_in_onderzoek),
		cmocka_unit_test(example_av_kort),
		cmocka_unit_test(vrijstellingen_name_article_period_and_kind),
		cmocka_unit_test(a_pending_5c_request),
		cmocka_unit_test(av_names_an_mbo_place_and_an_earlier_vrijstelling),
		cmocka_unit_test(runs_of_sickness_exclusion_and_short_truancy),
		cmocka_unit_test(a_pupil_at_school),
		cmocka_unit_test(out_of_scope_says_why),
		cmocka_unit_test(holidays_are_counted_out_by_name_of_the_region),
		cmocka_unit_test(a_birthday_on_29_february),
		cmocka_unit_test(sector_and_gebieden_say_where_they_come_from),
		cmocka_unit_test(a_place_that_answers_the_absence),
		cmocka_unit_test(written_for_the_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
