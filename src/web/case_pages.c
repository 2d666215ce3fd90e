/*
 * case_pages.c - the route table of the case pages: dossiers, the tafel,
 * stays, procedures and reviews, with their roles, query parameters and form
 * fields (default deny, as every route).
 */
#include "ui_cases.h"

#define GEDAAN {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}
#define DOSSIER_FORM(seg, ...)                                                                           \
	{"POST", "/dossiers/{id}/" seg, ui_dossier_action, CASE_ROLES, false, true, BODY_FORM, 16384,     \
	 "Formulier: " seg, "Pagina's", {{0}}, {__VA_ARGS__}, "303,400,403,404,409", true}
#define F(name) {name, JSON_STRING, false, NULL}
#define PAGINA {"pagina", P_INT, false, NULL, "pagina van 50 (issue 14)"}
#define DOSSIER_EXPORT(file, summary)                                                                      \
	{"GET", "/dossiers/" file, ui_dossiers_export, CASE_ROLES, false, false, BODY_NONE, 0, summary, "Pagina's", \
	 {{"status", P_CHOICE, false, "open|gesloten|alle", NULL},                                          \
	  {"signaal", P_CHOICE, false, "alle|deze_week|verlopen|gestagneerd|zonder_regie|nazorg", NULL}},     \
	 {{0}}, "200,400", true}
#define TAFEL_EXPORT(file, summary)                                                                    \
	{"GET", "/tafel/{id}/" file, ui_tafel_list_export, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, \
	 0, summary, "Pagina's", {{0}}, {{0}}, "200,404", true}

const route CASE_PAGES[] = {
	{"GET", "/dossiers", ui_dossiers, CASE_ROLES, false, false, BODY_NONE, 0, "Dossiers", "Pagina's",
	 {{"status", P_CHOICE, false, "open|gesloten|alle", NULL},
	  {"signaal", P_CHOICE, false, "alle|deze_week|verlopen|gestagneerd|zonder_regie|nazorg", NULL},
	  {"pagina", P_INT, false, NULL, NULL}, GEDAAN},
	 {{0}}, "200,400", true},
	{"POST", "/dossiers", ui_dossier_open, CASE_ROLES, false, true, BODY_FORM, 8192, "Formulier: dossier openen",
	 "Pagina's", {{0}}, {F("leerling_id"), F("reden")}, "303,400,403,404,409", true},
	/* Issue 14: mijn dossiers; the dossier list and a fixed tafel list to take along (before /dossiers/{id}) */
	{"GET", "/mijn-dossiers", ui_my_dossiers, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Mijn dossiers: regie bij mij of bij mijn organisatie, de eerstvolgende termijn eerst", "Pagina's",
	 {{"regie", P_CHOICE, false, "organisatie", NULL}, PAGINA}, {{0}}, "200,400", true},
	DOSSIER_EXPORT("export.xlsx", "Dossiers als Excel-bestand"),
	DOSSIER_EXPORT("export.csv", "Dossiers als CSV"),
	DOSSIER_EXPORT("export-nl.csv", "Dossiers als CSV voor Nederlandse Excel (; en decimale komma)"),
	TAFEL_EXPORT("export.xlsx", "Een vastgestelde lijst als Excel-bestand"),
	TAFEL_EXPORT("export.csv", "Een vastgestelde lijst als CSV"),
	TAFEL_EXPORT("export-nl.csv", "Een vastgestelde lijst als CSV voor Nederlandse Excel (; en decimale komma)"),
	{"GET", "/dossiers/{id}", ui_dossier, CASE_ROLES, false, false, BODY_NONE, 0, "Een dossier", "Pagina's", {GEDAAN},
	 {{0}}, "200,403,404", true},
	DOSSIER_FORM("contacten", F("datum"), F("met_wie"), F("wijze"), F("omschrijving")),
	DOSSIER_FORM("mdo", F("datum"), F("deelnemers"), F("afspraken"), F("volgende_datum"), F("aanbod_soort"),
		     F("aanbieder"), F("plaats_per")),
	DOSSIER_FORM("interventies", F("datum"), F("omschrijving")),
	DOSSIER_FORM("notities", F("datum"), F("tekst")),
	DOSSIER_FORM("aanbod", F("datum"), F("soort"), F("aanbieder"), F("plaats_per"), F("omschrijving")),
	DOSSIER_FORM("plaatsingen", F("datum"), F("school"), F("aanbieder"), F("ingangsdatum"), F("omschrijving")),
	DOSSIER_FORM("regie", F("regiehouder"), F("reden")),
	DOSSIER_FORM("verlenging", F("datum"), F("dagen"), F("reden")),
	DOSSIER_FORM("escalaties", F("datum"), F("type"), F("omschrijving")),
	DOSSIER_FORM("sluiting", F("datum"), F("uitkomst"), F("toelichting")),
	DOSSIER_FORM("nazorg", F("datum"), F("moment"), F("bevinding")),
	DOSSIER_FORM("heropening", F("datum"), F("startdatum"), F("reden")),
	DOSSIER_FORM("escalaties/{escalatie}/besluit", F("datum"), F("besluit"), F("besloten_door")),
	DOSSIER_FORM("escalaties/{escalatie}/verantwoording", F("datum"), F("verantwoording"), F("aan")),
	DOSSIER_FORM("overdracht/aanvaarden", F("toelichting")),
	DOSSIER_FORM("overdracht/afwijzen", F("reden")),
	{"GET", "/tafel", ui_tafel, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0, "Thuiszitterstafel",
	 "Pagina's", {GEDAAN}, {{0}}, "200", true},
	{"POST", "/tafel", ui_tafel_fix, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_FORM, 4096,
	 "Formulier: de lijst vaststellen", "Pagina's", {{0}}, {F("peildatum")}, "303,400,403", true},
	{"GET", "/tafel/afstemming", ui_tafel_reconcile, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "De lijsten van leerplicht en samenwerkingsverband naast elkaar", "Pagina's",
	 {{"leerplicht", P_INT, false, NULL, NULL}, {"swv", P_INT, false, NULL, NULL},
	  {"bekend_bij", P_CHOICE, false, "beide|alleen_leerplicht|alleen_swv|buiten_bereik", NULL},
	  {"pagina", P_INT, false, NULL, NULL}}, {{0}}, "200,400,404", true},
	{"GET", "/tafel/{id}/besluiten", ui_tafel_meeting, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "De besluiten van de tafel", "Pagina's", {GEDAAN}, {{0}}, "200,400,404", true},
	{"GET", "/tafel/{id}/besluiten.csv", ui_tafel_meeting_csv, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false,
	 BODY_NONE, 0, "De lijst en besluiten van de tafel als CSV", "Pagina's", {{0}}, {{0}}, "200,400,404", true},
	{"POST", "/tafel/{id}/besluiten", ui_tafel_decide, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_FORM, 16384,
	 "Formulier: een besluit van de tafel", "Pagina's", {{0}},
	 {F("leerling_id"), F("besluit"), F("volgende_stap"), F("door"), F("uiterlijk"), F("vorige_id"), F("gedaan")},
	 "303,400,403,404,409", true},
	/* The agenda before the meeting (issue 15). */
	{"GET", "/tafel/{id}/agenda", ui_tafel_agenda, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "De agenda van de tafel", "Pagina's", {GEDAAN}, {{0}}, "200,400,404", true},
	{"GET", "/tafel/{id}/agenda.csv", ui_tafel_agenda_csv, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "De agenda van de tafel als CSV", "Pagina's", {{0}}, {{0}}, "200,400,404", true},
	{"POST", "/tafel/{id}/agenda", ui_tafel_agenda_set, R(ROLE_LEERPLICHT), false, true, BODY_FORM, 32768,
	 "Formulier: de agenda van de tafel vaststellen", "Pagina's", {{0}}, {F("leerlingen")}, "303,400,403,404,409",
	 true},
	{"POST", "/tafel/{id}/regels/{regel}", ui_tafel_confirm, R(ROLE_SWV), false, true, BODY_FORM, 4096,
	 "Formulier: een voorstel van de koppeling bevestigen of afwijzen", "Pagina's", {{0}}, {F("besluit")},
	 "303,400,403,404,409", true},
	{"GET", "/tafel/{id}", ui_tafel_list, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Een vastgestelde lijst", "Pagina's", {GEDAAN, PAGINA}, {{0}}, "200,400,404", true},
	{"GET", "/verblijven", ui_stays, CASE_ROLES, false, false, BODY_NONE, 0, "Verblijf in instelling of pleeggezin",
	 "Pagina's", {{"zonder_regie", P_CHOICE, false, "1", NULL}, GEDAAN, PAGINA}, {{0}}, "200,400", true},
	{"POST", "/verblijven", ui_stay_record, CASE_ROLES, false, true, BODY_FORM, 8192, "Formulier: verblijf vastleggen",
	 "Pagina's", {{0}}, {F("leerling_id"), F("soort"), F("instelling"), F("van"), F("tot"), F("regiehouder")},
	 "303,400,403,404", true},
	{"POST", "/verblijven/{leerling}/{verblijf}", ui_stay_regie, CASE_ROLES, false, true, BODY_FORM, 8192,
	 "Formulier: regiehouder van een verblijf", "Pagina's", {{0}},
	 {F("regiehouder"), F("soort"), F("instelling"), F("van"), F("tot")}, "303,400,403,404,409", true},
	{"GET", "/vrijstellingsprocedures", ui_procedures, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Vrijstellingsprocedures 5a", "Pagina's", {{"fase", P_CHOICE, false, "lopend|besloten|alle", NULL}, GEDAAN, PAGINA},
	 {{0}}, "200,400", true},
	{"POST", "/vrijstellingsprocedures", ui_procedure_create, R(ROLE_LEERPLICHT), false, true, BODY_FORM, 8192,
	 "Formulier: aanvraag vrijstelling 5a", "Pagina's", {{0}},
	 {F("leerling_id"), F("datum"), F("swv"), F("toelichting")}, "303,400,403,404,409", true},
	{"GET", "/vrijstellingsprocedures/{id}", ui_procedure, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Een vrijstellingsprocedure", "Pagina's", {GEDAAN}, {{0}}, "200,403,404", true},
	{"POST", "/vrijstellingsprocedures/{id}/{stap}", ui_procedure_step, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true,
	 BODY_FORM, 16384, "Formulier: een stap in de procedure", "Pagina's", {{0}},
	 {F("datum"), F("deskundige"), F("advies"), F("mogelijkheden"), F("deelnemers"), F("afspraken"), F("besluit"),
	  F("van"), F("tot"), F("motivering"), F("bevinding"), F("volgende")},
	 "303,400,403,404,409", true},
	{"GET", "/herbeoordelingen", ui_reviews, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Herbeoordeling van vrijstellingen", "Pagina's", {GEDAAN, PAGINA}, {{0}}, "200,400", true},
	{"POST", "/herbeoordelingen", ui_review_record, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_FORM, 8192,
	 "Formulier: een herbeoordeling", "Pagina's", {{0}},
	 {F("leerling_id"), F("datum"), F("bevinding"), F("volgende")}, "303,400,403,404,409", true},
};

const size_t N_CASE_PAGES = sizeof CASE_PAGES / sizeof CASE_PAGES[0];
