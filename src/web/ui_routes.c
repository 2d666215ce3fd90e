/*
 * ui_routes.c - the route table of the web interface: every page, its roles
 * and its declared query parameters and form fields (default deny, checked by
 * the pipeline before a handler runs). Pages without a session redirect to
 * /inloggen; their errors become HTML pages (ui_error_page).
 */
#include "ui.h"
#include "ui_steer.h"


#define PAGE_ROLES ALL_ROLES
#define PUPIL_ROLES (CASE_ROLES | R(ROLE_BEHEERDER))
#define PEIL {"peildatum", P_DATE, false, NULL, "peildatum (standaard: vandaag)"}
#define SCHEMA_QUERY                                                                                 \
	{{"per", P_CHOICE, false, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "code of 'alle'"}, \
	 {"ijkmomenten", P_SPAN, false, NULL, "schooljaren JJJJ-JJJJ"}}
#define JAAR_QUERY                                                                                   \
	{{"per", P_CHOICE, false, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "code of 'alle'"}, \
	 {"schooljaar", P_INT, false, NULL, "het beginjaar JJJJ"}}

const route UI_ROUTES[] = {
	{"GET", "/inloggen", ui_login_form, 0, true, false, BODY_NONE, 0, "Inlogpagina", "Pagina's",
	 {{"terug", P_TEXT, false, NULL, NULL}, {"uit", P_CHOICE, false, "1", NULL}}, {{0}}, "200", true},
	{"POST", "/inloggen", ui_login_post, 0, true, false, BODY_FORM, 4096, "Inloggen met het formulier", "Pagina's",
	 {{0}},
	 {{"gebruikersnaam", JSON_STRING, true, NULL}, {"wachtwoord", JSON_STRING, true, NULL},
	  {"terug", JSON_STRING, false, NULL}},
	 "303,400,401,429", true},
	{"POST", "/uitloggen", ui_logout, ALL_ROLES, false, true, BODY_FORM, 1024, "Uitloggen", "Pagina's", {{0}}, {{0}},
	 "303,403", true},
	{"GET", "/", ui_overview, PAGE_ROLES, false, false, BODY_NONE, 0, "Overzicht", "Pagina's", {PEIL}, {{0}}, "200",
	 true},
	{"GET", "/overzicht/trend", ui_trend, PAGE_ROLES, false, false, BODY_NONE, 0, "De trend over de ijkmomenten",
	 "Pagina's", {{0}}, {{0}}, "200", true},
	{"GET", "/thuiszitters", ui_list, CASE_ROLES, false, false, BODY_NONE, 0, "Thuiszitterslijst", "Pagina's",
	 {PEIL,
	  {"categorie", P_CHOICE, false,
	   "alle|thuiszitters|AV|LRV|LANGDURIG_ZIEK|GESCHORST_VERWIJDERD|niet-geteld", NULL},
	  {"sector", P_CHOICE, false, "alle|PO|VO", NULL},
	  {"duur", P_CHOICE, false, "alle|kort|lang", NULL},
	  {"aanbod", P_CHOICE, false, "alle|zonder", NULL},
	  {"school", P_CODE, false, NULL, "BRIN:VESTIGING of 'alle'"},
	  {"gebied", P_CODE, false, NULL, "gemeente- of SWV-code of 'alle'"},
	  {"sorteer", P_CHOICE, false, "duur-af|duur-op|naam", NULL},
	  {"pagina", P_INT, false, NULL, NULL}},
	 {{0}}, "200,400", true},
	{"GET", "/leerlingen/{id}", ui_pupil, PUPIL_ROLES, false, false, BODY_NONE, 0, "Een leerling", "Pagina's", {PEIL},
	 {{0}}, "200,400,403,404", true},
	{"GET", "/leerlingen/{id}/geschiedenis", ui_pupil_history, PUPIL_ROLES, false, false, BODY_NONE, 0,
	 "Alle versies van de feiten van een leerling", "Pagina's", {PEIL}, {{0}}, "200,403,404", true},
	{"GET", "/zoeken", ui_search, CASE_ROLES, false, false, BODY_NONE, 0, "Leerlingen zoeken", "Pagina's",
	 {{"zoek", P_TEXT, false, NULL, NULL}, PEIL}, {{0}}, "200,400", true},
	{"GET", "/resultaatschema", ui_schema, PAGE_ROLES, false, false, BODY_NONE, 0, "Resultaatschema", "Pagina's",
	 SCHEMA_QUERY, {{0}}, "200,400", true},
	{"GET", "/resultaatschema/export.csv", ui_export_csv, PAGE_ROLES, false, false, BODY_NONE, 0,
	 "Resultaatschema als CSV", "Pagina's", SCHEMA_QUERY, {{0}}, "200,400", true},
	{"GET", "/resultaatschema/export.xlsx", ui_export_xlsx, PAGE_ROLES, false, false, BODY_NONE, 0,
	 "Resultaatschema als Excel-bestand", "Pagina's", SCHEMA_QUERY, {{0}}, "200,400", true},
	{"GET", "/jaartelling", ui_jaartelling, PAGE_ROLES, false, false, BODY_NONE, 0, "Jaartelling (leerplichttelling)",
	 "Pagina's", JAAR_QUERY, {{0}}, "200,400", true},
	{"GET", "/jaartelling/export.csv", ui_jaartelling_csv, PAGE_ROLES, false, false, BODY_NONE, 0,
	 "Jaartelling als CSV", "Pagina's", JAAR_QUERY, {{0}}, "200,400", true},
	{"GET", "/jaartelling/export.xlsx", ui_jaartelling_xlsx, PAGE_ROLES, false, false, BODY_NONE, 0,
	 "Jaartelling als Excel-bestand", "Pagina's", JAAR_QUERY, {{0}}, "200,400", true},
	{"GET", "/vrijstellingen", ui_vrijstellingen, PAGE_ROLES, false, false, BODY_NONE, 0, "Vrijstellingen",
	 "Pagina's", {PEIL}, {{0}}, "200,400", true},
	{"GET", "/audit", ui_audit, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Het auditlog: inzage, wijzigingen en de stappen van accountbeheer (vier ogen)", "Pagina's",
	 {{"leerling", P_CODE, false, NULL, NULL}, {"voor", P_INT, false, NULL, NULL}, {"aantal", P_INT, false, NULL, NULL}},
	 {{0}}, "200,400,403", true},
	/* Early signals (issue 12) */
	{"GET", "/signalen", ui_signals, CASE_ROLES, false, false, BODY_NONE, 0, "Signalen", "Pagina's",
	 {PEIL, {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}}, {{0}}, "200,400", true},
	{"POST", "/signalen/melden", ui_signal_report, R(ROLE_SCHOOL), false, true, BODY_FORM, 4096,
	 "Formulier: verzuimmelding aan leerplicht", "Pagina's", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"peildatum", JSON_STRING, false, NULL},
	  {"eerste_verzuimdag", JSON_STRING, false, NULL}, {"datum_melding", JSON_STRING, false, NULL}},
	 "303,400,403,404,409,422", true},
	{"GET", "/melddiscipline", ui_melddiscipline, CASE_ROLES, false, false, BODY_NONE, 0, "Melddiscipline",
	 "Pagina's",
	 {{"van", P_DATE, false, NULL, NULL}, {"tot", P_DATE, false, NULL, NULL},
	  {"sorteer", P_CHOICE, false, "nooit-gemeld|meldingen|mediaan|binnen-7|naam", NULL}},
	 {{0}}, "200,400", true},
	/* Help and words (issue 14): the glossary */
	{"GET", "/begrippen", ui_begrippen, PAGE_ROLES, false, false, BODY_NONE, 0, "Begrippen", "Pagina's", {{0}},
	 {{0}}, "200", true},
	{"GET", "/static/{*}", ui_static, 0, true, false, BODY_NONE, 0, "Stijlen, scripts en afbeeldingen", "Pagina's",
	 {{0}}, {{0}}, "200,404", false},
};

const size_t N_UI_ROUTES = sizeof UI_ROUTES / sizeof UI_ROUTES[0];
