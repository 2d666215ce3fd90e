/*
 * ui_routes.c - the route table of the web interface: every page, its roles
 * and its declared query parameters and form fields (default deny, checked by
 * the pipeline before a handler runs). Pages without a session redirect to
 * /inloggen; their errors become HTML pages (ui_error_page).
 */
#include "ui.h"
#include "ui_steer.h"
#include "ui_beheer.h"

#define BEHEER R(ROLE_BEHEERDER)
#define GEDAAN {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}


#define PAGE_ROLES ALL_ROLES
#define PUPIL_ROLES (CASE_ROLES | R(ROLE_BEHEERDER))
#define PEIL {"peildatum", P_DATE, false, NULL, "peildatum (standaard: vandaag)"}
#define SCHEMA_QUERY                                                                                 \
	{{"per", P_CHOICE, false, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "code of 'alle'"}, \
	 {"ijkmomenten", P_SPAN, false, NULL, "schooljaren JJJJ-JJJJ"}}
#define JAAR_QUERY                                                                                   \
	{{"per", P_CHOICE, false, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "code of 'alle'"}, \
	 {"schooljaar", P_INT, false, NULL, "het beginjaar JJJJ"}}

#define LIST_QUERY                                                                                   \
	{PEIL,                                                                                         \
	 {"categorie", P_CHOICE, false, "alle|thuiszitters|AV|LRV|LANGDURIG_ZIEK|GESCHORST_VERWIJDERD|niet-geteld", \
	  NULL},                                                                                       \
	 {"sector", P_CHOICE, false, "alle|PO|VO", NULL},                                              \
	 {"duur", P_CHOICE, false, "alle|kort|lang", NULL},                                            \
	 {"aanbod", P_CHOICE, false, "alle|zonder", NULL},                                             \
	 {"school", P_CODE, false, NULL, "BRIN:VESTIGING of 'alle'"},                                  \
	 {"gebied", P_CODE, false, NULL, "gemeente- of SWV-code of 'alle'"},                           \
	 {"sorteer", P_CHOICE, false, "duur-af|duur-op|naam", NULL},                                   \
	 {"pagina", P_INT, false, NULL, NULL}}

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
	 LIST_QUERY, {{0}}, "200,400", true},
	{"GET", "/leerlingen/{id}", ui_pupil, PUPIL_ROLES, false, false, BODY_NONE, 0, "Een leerling", "Pagina's",
	 {PEIL, {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}}, {{0}}, "200,400,403,404", true},
	{"GET", "/leerlingen/{id}/geschiedenis", ui_pupil_history, PUPIL_ROLES, false, false, BODY_NONE, 0,
	 "Alle versies van de feiten van een leerling", "Pagina's", {PEIL}, {{0}}, "200,403,404", true},
	{"GET", "/zoeken", ui_search, CASE_ROLES, false, false, BODY_NONE, 0, "Leerlingen zoeken", "Pagina's",
	 {{"zoek", P_TEXT, false, NULL, NULL}, {"pagina", P_INT, false, NULL, NULL},
	  {"ga", P_CHOICE, false, "1", "uit het zoekvak bovenaan: bij één treffer meteen naar de leerling"}, PEIL},
	 {{0}}, "200,400", true},
	{"GET", "/dubbele-leerlingen", ui_duplicates, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Mogelijk dubbele leerlingen", "Pagina's",
	 {{"pagina", P_INT, false, NULL, NULL}, {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}}, {{0}},
	 "200,400", true},
	{"POST", "/dubbele-leerlingen/samenvoegen", ui_merge, R(ROLE_BEHEERDER), false, true, BODY_FORM, 4096,
	 "Formulier: twee leerlingen samenvoegen", "Pagina's", {{0}},
	 {{"behouden", JSON_STRING, true, NULL}, {"opheffen", JSON_STRING, true, NULL}, {"reden", JSON_STRING, true, NULL}},
	 "303,400,403,404,409,422", true},
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
	 {{"leerling", P_CODE, false, NULL, NULL}, {"voor", P_INT, false, NULL, NULL}, {"aantal", P_INT, false, NULL, NULL},
	  {"gebruiker", P_TEXT, false, NULL, NULL}, {"actie", P_CODE, false, NULL, NULL}, {"van", P_DATE, false, NULL, NULL},
	  {"tot", P_DATE, false, NULL, NULL}},
	 {{0}}, "200,400,403", true},
	/* Early signals (issue 12) */
	{"GET", "/signalen", ui_signals, CASE_ROLES, false, false, BODY_NONE, 0, "Signalen", "Pagina's",
	 {PEIL, {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}, {"pagina", P_INT, false, NULL, NULL}}, {{0}},
	 "200,400", true},
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
	/* Lists to take along (issue 14): the thuiszitterslijst with its filters */
	{"GET", "/resultaatschema/export-nl.csv", ui_export_csv, PAGE_ROLES, false, false, BODY_NONE, 0,
	 "Resultaatschema als CSV voor Nederlandse Excel (; en decimale komma)", "Pagina's", SCHEMA_QUERY, {{0}},
	 "200,400", true},
	{"GET", "/thuiszitters/export.xlsx", ui_list_export, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Thuiszitterslijst als Excel-bestand", "Pagina's", LIST_QUERY, {{0}}, "200,400", true},
	{"GET", "/thuiszitters/export.csv", ui_list_export, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Thuiszitterslijst als CSV", "Pagina's", LIST_QUERY, {{0}}, "200,400", true},
	{"GET", "/thuiszitters/export-nl.csv", ui_list_export, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Thuiszitterslijst als CSV voor Nederlandse Excel (; en decimale komma)", "Pagina's", LIST_QUERY, {{0}},
	 "200,400", true},
	/* Beheer in the browser, the own password, the one-time code (issue 14): ui_beheer*.c */
	{"GET", "/wachtwoord", ui_password_form, ALL_ROLES, false, false, BODY_NONE, 0, "Het eigen wachtwoord wijzigen",
	 "Pagina's", {GEDAAN}, {{0}}, "200", true},
	{"POST", "/wachtwoord", ui_password_post, ALL_ROLES, false, true, BODY_FORM, 4096,
	 "Formulier: het eigen wachtwoord wijzigen", "Pagina's", {{0}},
	 {{"huidig", JSON_STRING, true, NULL}, {"nieuw", JSON_STRING, true, NULL}, {"herhaling", JSON_STRING, true, NULL}},
	 "303,400,403", true},
	{"GET", "/activeren", ui_activate_form, 0, true, false, BODY_NONE, 0,
	 "Zelf een wachtwoord kiezen met een eenmalige code", "Pagina's", {{"gebruiker", P_TEXT, false, NULL, NULL}}, {{0}},
	 "200", true},
	{"POST", "/activeren", ui_activate_post, 0, true, false, BODY_FORM, 4096,
	 "Formulier: een wachtwoord kiezen met een eenmalige code", "Pagina's", {{0}},
	 {{"gebruikersnaam", JSON_STRING, true, NULL}, {"code", JSON_STRING, true, NULL},
	  {"wachtwoord", JSON_STRING, true, NULL}, {"herhaling", JSON_STRING, true, NULL}},
	 "200,400,401,409,429", true},
	{"GET", "/beheer/gebruikers", ui_accounts, BEHEER, false, false, BODY_NONE, 0, "Gebruikers beheren", "Pagina's",
	 {{"rol", P_CHOICE, false, "school|leerplicht|swv|analist|beheerder", NULL},
	  {"organisatie", P_TEXT, false, NULL, NULL}, {"actief", P_CHOICE, false, "ja|nee", NULL},
	  {"pagina", P_INT, false, NULL, NULL}, GEDAAN},
	 {{0}}, "200,400,403", true},
	{"POST", "/beheer/gebruikers", ui_account_create, BEHEER, false, true, BODY_FORM, 4096,
	 "Formulier: een gebruiker aanvragen", "Pagina's", {{0}},
	 {{"naam", JSON_STRING, true, NULL}, {"rol", JSON_STRING, true, NULL}, {"scope", JSON_STRING, true, NULL},
	  {"organisatie", JSON_STRING, false, NULL}},
	 "201,303,400,403,409", true},
	{"POST", "/beheer/gebruikers/{id}", ui_account_change, BEHEER, false, true, BODY_FORM, 4096,
	 "Formulier: een gebruiker wijzigen, blokkeren of weer activeren", "Pagina's", {{0}},
	 {{"actie", JSON_STRING, true, NULL}, {"rol", JSON_STRING, false, NULL}, {"scope", JSON_STRING, false, NULL},
	  {"organisatie", JSON_STRING, false, NULL}},
	 "303,400,403,404,409", true},
	{"POST", "/beheer/gebruikers/{id}/sessies", ui_account_revoke, BEHEER, false, true, BODY_FORM, 1024,
	 "Formulier: de sessies van een gebruiker beëindigen", "Pagina's", {{0}}, {{0}}, "303,403,404", true},
	{"POST", "/beheer/gebruikers/{id}/herstel", ui_account_reset, BEHEER, false, true, BODY_FORM, 1024,
	 "Formulier: wachtwoordherstel met een eenmalige code", "Pagina's", {{0}}, {{0}}, "201,403,404,409", true},
	{"POST", "/beheer/verzoeken/{id}/bevestiging", ui_request_decide, BEHEER, false, true, BODY_FORM, 1024,
	 "Formulier: een verzoek bevestigen als tweede beheerder", "Pagina's", {{0}}, {{0}}, "200,303,403,404,409", true},
	{"POST", "/beheer/verzoeken/{id}/afwijzing", ui_request_decide, BEHEER, false, true, BODY_FORM, 1024,
	 "Formulier: een verzoek afwijzen als tweede beheerder", "Pagina's", {{0}}, {{0}}, "303,403,404,409", true},
	{"GET", "/beheer/organisaties", ui_organisations, BEHEER, false, false, BODY_NONE, 0, "Organisaties", "Pagina's",
	 {GEDAAN}, {{0}}, "200,403", true},
	{"POST", "/beheer/organisaties", ui_organisation_create, BEHEER, false, true, BODY_FORM, 4096,
	 "Formulier: een organisatie aanmaken", "Pagina's", {{0}},
	 {{"naam", JSON_STRING, true, NULL}, {"soort", JSON_STRING, true, NULL}}, "303,400,403,409", true},
	{"POST", "/beheer/organisaties/{id}/deactivering", ui_organisation_deactivate, BEHEER, false, true, BODY_FORM, 1024,
	 "Formulier: een organisatie deactiveren (al haar accounts geblokkeerd)", "Pagina's", {{0}}, {{0}},
	 "303,403,404,409", true},
	{"GET", "/beheer/noodtoegang", ui_break_glass, BEHEER, false, false, BODY_NONE, 0, "Noodtoegang (break-glass)",
	 "Pagina's", {GEDAAN}, {{0}}, "200,403", true},
	{"POST", "/beheer/noodtoegang", ui_break_glass_post, BEHEER, false, true, BODY_FORM, 4096,
	 "Formulier: noodtoegang met een reden", "Pagina's", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"reden", JSON_STRING, true, NULL}}, "303,400,403,404", true},
	{"GET", "/beheer/datasets", ui_datasets, BEHEER, false, false, BODY_NONE, 0, "Een dataset laden", "Pagina's",
	 {{0}}, {{0}}, "200,403", true},
	{"GET", "/beheer/datasets/{taak}", ui_dataset_job, BEHEER, false, false, BODY_NONE, 0,
	 "De voortgang en uitkomst van een geladen dataset", "Pagina's", {{"pagina", P_INT, false, NULL, NULL}}, {{0}},
	 "200,403,404", true},
	/* Help and words (issue 14): the glossary */
	{"GET", "/begrippen", ui_begrippen, PAGE_ROLES, false, false, BODY_NONE, 0, "Begrippen", "Pagina's", {{0}},
	 {{0}}, "200", true},
	{"GET", "/static/{*}", ui_static, 0, true, false, BODY_NONE, 0, "Stijlen, scripts en afbeeldingen", "Pagina's",
	 {{0}}, {{0}}, "200,404", false},
};

const size_t N_UI_ROUTES = sizeof UI_ROUTES / sizeof UI_ROUTES[0];
