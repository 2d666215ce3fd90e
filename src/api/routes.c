/*
 * routes.c - the API's main route table: sessions, counts, pupils and their
 * facts, and what the beheerder does. The case work, procedures, tafel and
 * stays have their own tables in their files (api.h lists them all).
 *
 * Dispatch, the role check, default-deny input validation (undeclared query
 * parameters and body fields are refused) and /api/openapi.json all come from
 * the tables (src/http/routes.h), so the documentation cannot drift from the
 * routes.
 */
#include "api.h"


#define PEILDATUM {"peildatum", P_DATE, false, NULL, "peildatum JJJJ-MM-DD (standaard: vandaag)"}
#define R_NUMBER JSON_REAL /* a JSON number, integer or not */

/* The body fields of each kind of fact: its dataset columns without leerling_id. */
#define F_WOONADRES                                                                                  \
	{{"gemeentecode", JSON_STRING, true, "GMnnnn"}, {"van", JSON_STRING, true, "JJJJ-MM-DD"},      \
	 {"tot", JSON_STRING, false, "JJJJ-MM-DD of null (lopend)"},                                   \
	 {"in_onderzoek", JSON_TRUE, false, "adres in onderzoek bij de BRP"}}
#define F_INSCHRIJVING                                                                               \
	{{"brin", JSON_STRING, true, "BRIN, bv. 12AB"}, {"vestiging", JSON_STRING, true, "twee cijfers"}, \
	 {"van", JSON_STRING, true, NULL}, {"tot", JSON_STRING, false, NULL},                          \
	 {"bsn", JSON_STRING, false, "van de leerling: nodig om een bekende leerling in te schrijven"},  \
	 {"onderwijsnummer", JSON_STRING, false, "in plaats van het BSN"}}
#define F_VERZUIM                                                                                    \
	{{"brin", JSON_STRING, true, NULL}, {"vestiging", JSON_STRING, true, NULL},                     \
	 {"soort", JSON_STRING, true, "ongeoorloofd, ziek, schorsing, verwijdering, geoorloofd"},      \
	 {"van", JSON_STRING, true, NULL}, {"tot", JSON_STRING, false, NULL},                          \
	 {"uren", R_NUMBER, false, "uren binnen de periode"}}
#define F_VRIJSTELLING                                                                               \
	{{"grond", JSON_STRING, true, "5a, 5b, 5c of een ander artikel"},                             \
	 {"status", JSON_STRING, true,                                                                \
	  "aangevraagd, verleend, afgewezen, ingetrokken; een 5a alleen via de vrijstellingsprocedure verleend"}, \
	 {"aanvraagdatum", JSON_STRING, false, NULL}, {"van", JSON_STRING, false, NULL},               \
	 {"tot", JSON_STRING, false, NULL}}
#define F_MELDING                                                                                    \
	{{"brin", JSON_STRING, true, NULL}, {"vestiging", JSON_STRING, true, NULL},                     \
	 {"datum_melding", JSON_STRING, true, NULL}, {"eerste_verzuimdag", JSON_STRING, true, NULL},   \
	 {"soort", JSON_STRING, false, NULL}}
#define F_AANBOD                                                                                     \
	{{"datum_aanbod", JSON_STRING, true, NULL},                                                   \
	 {"plaats_per", JSON_STRING, false, "de dag dat er een plaats beschikbaar is"},               \
	 {"soort", JSON_STRING, true, "onderwijs, zorg, combinatie"}}

#define FACT_ROUTES(name, roles, fields, label)                                                      \
	{"POST", "/api/leerlingen/{id}/" name, h_fact_add, roles, false, true, BODY_JSON, 0,           \
	 label " toevoegen (correctie, met geschiedenis)", "Feiten", {{0}}, fields, "201,400,401,403,404,409,422", false}, \
	{"PUT", "/api/leerlingen/{id}/" name "/{feit}", h_fact_replace, roles, false, true, BODY_JSON, 0, \
	 label " corrigeren: de oude versie blijft bewaard", "Feiten", {{0}}, fields,                  \
	 "200,400,401,403,404,409,422", false},                                                              \
	{"DELETE", "/api/leerlingen/{id}/" name "/{feit}", h_fact_end, roles, false, true, BODY_NONE, 0, \
	 label " intrekken (blijft bewaard als geschiedenis)", "Feiten", {{0}}, {{0}}, "200,401,403,404,409,422", false}

#define IDENTITY_FIELDS                                                                              \
	{"bsn", JSON_STRING, false, "negen cijfers, elfproef"},                                       \
		{"onderwijsnummer", JSON_STRING, false, NULL},                                         \
		{"geboortedatum", JSON_STRING, true, "JJJJ-MM-DD"}, {"voornaam", JSON_STRING, false, NULL}, \
		{"achternaam", JSON_STRING, false, NULL}, {"startkwalificatie", JSON_STRING, false, NULL}

const route API_ROUTES[] = {
	{"GET", "/gezondheid", h_health, 0, true, false, BODY_NONE, 0, "Of de server draait en de registratie leest",
	 "Beheer", {{0}}, {{0}}, "200", false},
	{"POST", "/api/sessie", h_login, 0, true, false, BODY_JSON, 4096, "Inloggen: zet een sessiecookie", "Sessie",
	 {{0}},
	 {{"gebruikersnaam", JSON_STRING, true, NULL}, {"wachtwoord", JSON_STRING, true, NULL}},
	 "200,400,401,429", false},
	{"GET", "/api/sessie", h_session, ALL_ROLES, false, false, BODY_NONE, 0,
	 "De huidige sessie: gebruiker, rol, scope en CSRF-token", "Sessie", {{0}}, {{0}}, "200,401", false},
	{"DELETE", "/api/sessie", h_logout, ALL_ROLES, false, false, BODY_NONE, 0, "Uitloggen: beëindigt de sessie",
	 "Sessie", {{0}}, {{0}}, "200,401,403", false},
	{"PUT", "/api/sessie/wachtwoord", h_password, ALL_ROLES, false, true, BODY_JSON, 4096,
	 "Het eigen wachtwoord wijzigen (beëindigt de andere sessies)", "Sessie", {{0}},
	 {{"huidig", JSON_STRING, true, NULL}, {"nieuw", JSON_STRING, true, "minstens 12 tekens"}},
	 "200,400,401,403", false},
	{"GET", "/api/openapi.json", h_openapi, ALL_ROLES, false, false, BODY_NONE, 0, "Deze beschrijving (OpenAPI 3)",
	 "Beheer", {{0}}, {{0}}, "200,401", false},
	{"GET", "/api/status", h_status, CASE_ROLES | R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De leerlingen in beeld op een peildatum die de gebruiker mag zien (SPEC 4.1)", "Tellen",
	 {PEILDATUM, {"categorie", P_CODE, false, NULL, "alleen deze categorieën (komma's)"},
	  {"gebied", P_CODE, false, NULL, "alleen deze gemeente of dit SWV"}},
	 {{0}}, "200,400,401,403", false},
	/* Early signals (issue 12) */
	{"GET", "/api/vroegsignalen", h_vroegsignalen, CASE_ROLES | R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De vroegsignalen op een peildatum van de leerlingen die de gebruiker mag zien (SPEC 7.1)", "Tellen",
	 {PEILDATUM}, {{0}}, "200,400,401,403", false},
	{"GET", "/api/melddiscipline", h_melddiscipline, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Melddiscipline per school over een periode, naast de andere scholen van het SWV en de gemeente (SPEC 7)",
	 "Tellen",
	 {{"van", P_DATE, false, NULL, "begin van de periode (standaard: 1 augustus)"},
	  {"tot", P_DATE, false, NULL, "einde van de periode (standaard en hoogstens: vandaag)"}},
	 {{0}}, "200,400,401,403", false},
	{"GET", "/api/telling", h_telling, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Het Resultaatschema per gemeente of SWV (SPEC 5), kleine aantallen afgeschermd voor analisten (die tellen "
	 "op de eerste dag van een maand)", "Tellen",
	 {PEILDATUM, {"per", P_CHOICE, true, "gemeente|swv", NULL},
	  {"ijkmomenten", P_SPAN, false, NULL, "schooljaren JJJJ-JJJJ: elke 1 nov, 1 feb, 1 jun"},
	  {"gebied", P_CODE, false, NULL, "alleen deze gebieden (komma's)"}},
	 {{0}}, "200,400,401", false},
	{"GET", "/api/jaartelling", h_jaartelling, ALL_ROLES, false, false, BODY_NONE, 0,
	 "De telling over een schooljaar per gemeente of SWV (SPEC 8.1, leerplichttelling art. 25), kleine aantallen "
	 "afgeschermd voor analisten", "Tellen",
	 {{"schooljaar", P_INT, true, NULL, "het beginjaar JJJJ: 1 augustus JJJJ tot en met 31 juli JJJJ+1"},
	  {"per", P_CHOICE, true, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "alleen deze gebieden (komma's)"}},
	 {{0}}, "200,400,401", false},
	{"GET", "/api/referentie/{soort}", h_referentie, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Referentiegegevens: gemeenten, swv of scholen", "Referentie",
	 {{"gemeente", P_CODE, false, NULL, NULL}, {"swv", P_CODE, false, NULL, NULL}}, {{0}}, "200,400,401,404", false},
	{"GET", "/api/leerlingen", h_search, CASE_ROLES | R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Leerlingen zoeken binnen de eigen scope op BSN, onderwijsnummer, leerling-id, naam (woorden in elke volgorde, "
	 "hoofdletters en accenten genegeerd) en geboortedatum (16-02-2014 of 2014-02-16), per pagina van 50; "
	 "antwoord {leerlingen, pagina: {nummer, van, per_pagina, leerlingen}}", "Leerlingen",
	 {{"zoek", P_TEXT, false, NULL, "wat de gebruiker typt, bv. 'Mila van Wijk 16-02-2014' of een BSN"},
	  {"geboortedatum", P_DATE, false, NULL, NULL}, {"bsn", P_CODE, false, NULL, NULL},
	  {"pagina", P_INT, false, NULL, "pagina van 50 leerlingen, standaard 1"}, PEILDATUM},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/leerlingen", h_pupil_create, R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT), false, true, BODY_JSON, 0,
	 "Een leerling registreren, met een woonadres (leerplicht) of inschrijving (school) in de eigen scope. Eén kind, "
	 "één leerling: 409 bestaat_al wanneer het BSN of onderwijsnummer al bij een andere leerling staat, 409 "
	 "mogelijk_dubbel wanneer een leerling met dezelfde voor- en achternaam (hoofdletters en accenten genegeerd) en "
	 "geboortedatum bestaat (opnieuw met bevestig_nieuw: true registreert toch); beide met overeenkomst (bsn, "
	 "onderwijsnummer, naam_geboortedatum) en, als de schrijver die leerling ziet, leerling_id",
	 "Leerlingen", {{0}},
	 {{"leerling_id", JSON_STRING, false, "weglaten: inbeeld kiest er een"}, IDENTITY_FIELDS,
	  {"woonadres", JSON_OBJECT, false, NULL}, {"inschrijving", JSON_OBJECT, false, NULL},
	  {"bevestig_nieuw", JSON_TRUE, false, "een ander kind dan de leerling met dezelfde naam en geboortedatum"}},
	 "201,400,401,403,409,422", false},
	{"GET", "/api/leerlingen/{id}", h_pupil, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Een leerling: gegevens, indeling op de peildatum en de uitleg daarvan", "Leerlingen", {PEILDATUM}, {{0}},
	 "200,400,401,403,404", false},
	{"PUT", "/api/leerlingen/{id}", h_pupil_identity, R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT), false, true, BODY_JSON,
	 0, "De persoonsgegevens corrigeren (met geschiedenis)", "Leerlingen", {{0}},
	 {{"versie", JSON_INTEGER, true, "de id van de versie die wordt vervangen"}, IDENTITY_FIELDS},
	 "200,400,401,403,404,409,422", false},
	{"GET", "/api/leerlingen/{id}/uitleg", h_pupil_explain, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Waarom de leerling op de peildatum zo is ingedeeld", "Leerlingen", {PEILDATUM}, {{0}}, "200,400,401,403,404", false},
	{"GET", "/api/leerlingen/{id}/geschiedenis", h_pupil_history, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Alle versies van alle feiten, met wie ze wanneer vastlegde of beëindigde", "Leerlingen", {PEILDATUM}, {{0}},
	 "200,401,403,404", false},
	FACT_ROUTES("woonadressen", R(ROLE_LEERPLICHT), F_WOONADRES, "Woonadres"),
	FACT_ROUTES("inschrijvingen", R(ROLE_SCHOOL), F_INSCHRIJVING, "Inschrijving"),
	FACT_ROUTES("verzuim", R(ROLE_SCHOOL), F_VERZUIM, "Verzuim"),
	FACT_ROUTES("vrijstellingen", R(ROLE_LEERPLICHT), F_VRIJSTELLING, "Vrijstelling"),
	FACT_ROUTES("meldingen", R(ROLE_SCHOOL), F_MELDING, "Verzuimmelding"),
	FACT_ROUTES("aanbod", R(ROLE_LEERPLICHT) | R(ROLE_SWV), F_AANBOD, "Aanbod"),
	{"GET", "/api/audit", h_audit, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Het auditlog, nieuwste eerst; met leerling: wie die leerling wanneer zag of wijzigde", "Beheer",
	 {{"leerling", P_CODE, false, NULL, NULL}, {"voor", P_INT, false, NULL, "alleen regels met een lagere id"},
	  {"aantal", P_INT, false, NULL, "hoogstens (standaard 100, hoogstens 1000)"},
	  {"gebruiker", P_TEXT, false, NULL, "alleen deze gebruikersnaam"}, {"actie", P_CODE, false, NULL, NULL},
	  {"van", P_DATE, false, NULL, "vastgelegd op of na deze dag"}, {"tot", P_DATE, false, NULL, "op of voor deze dag"}},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/noodtoegang", h_break_glass, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Noodtoegang (break-glass): 15 minuten inzage in een leerling, met reden, in het auditlog", "Beheer", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"reden", JSON_STRING, true, "waarom, voor het auditlog"}},
	 "200,400,401,403,404", false},
	{"GET", "/api/noodtoegang", h_break_glass_list, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De eigen noodtoegang die nog loopt: leerling, tot wanneer en waarom", "Beheer", {{0}}, {{0}}, "200,401,403",
	 false},
	{"GET", "/api/gebruikers", h_users, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0, "Alle gebruikers", "Beheer",
	 {{0}}, {{0}}, "200,401,403", false},
	/* Accounts under four eyes (api_accounts.c, core/four_eyes.h): no password
	 * is ever given or shown to a beheerder. */
	{"POST", "/api/gebruikers", h_user_create, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Een gebruiker aanvragen: het account komt er zonder wachtwoord; de gebruiker kiest dat zelf met een eenmalige "
	 "code. Een account met toegang tot persoonsgegevens wordt pas actief als een tweede beheerder het bevestigt",
	 "Beheer", {{0}},
	 {{"naam", JSON_STRING, true, NULL}, {"rol", JSON_STRING, true, NULL}, {"scope", JSON_STRING, true, NULL},
	  {"organisatie", JSON_STRING, false, NULL}},
	 "201,400,401,403,409", false},
	{"PUT", "/api/gebruikers/{id}", h_user_update, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Een gebruiker wijzigen (beëindigt diens sessies); een verruiming (rol, organisatie, scope, weer actief) wacht "
	 "op een tweede beheerder (202)",
	 "Beheer", {{0}},
	 {{"rol", JSON_STRING, false, NULL}, {"scope", JSON_STRING, false, NULL}, {"organisatie", JSON_STRING, false, NULL},
	  {"actief", JSON_TRUE, false, NULL}},
	 "200,202,400,401,403,404,409", false},
	{"POST", "/api/gebruikers/{id}/herstel", h_user_reset, R(ROLE_BEHEERDER), false, true, BODY_NONE, 0,
	 "Wachtwoordherstel: een eenmalige code waarmee de gebruiker zelf een nieuw wachtwoord kiest (met toegang tot "
	 "persoonsgegevens: na bevestiging door een tweede beheerder)",
	 "Beheer", {{0}}, {{0}}, "201,401,403,404,409", false},
	{"GET", "/api/gebruikersverzoeken", h_user_requests, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Verzoeken over accounts (aanmaken, verruimen, herstel), nieuwste eerst", "Beheer",
	 {{"open", P_CHOICE, false, "1", "alleen die op een tweede beheerder wachten"}}, {{0}}, "200,400,401,403", false},
	{"POST", "/api/gebruikersverzoeken/{id}/bevestiging", h_request_confirm, R(ROLE_BEHEERDER), false, true, BODY_NONE,
	 0, "Een verzoek bevestigen als tweede beheerder (niet wie het aanvroeg, niet het account zelf)", "Beheer", {{0}},
	 {{0}}, "200,401,403,404,409", false},
	{"POST", "/api/gebruikersverzoeken/{id}/afwijzing", h_request_refuse, R(ROLE_BEHEERDER), false, true, BODY_NONE, 0,
	 "Een verzoek afwijzen als tweede beheerder", "Beheer", {{0}}, {{0}}, "200,401,403,404,409", false},
	{"POST", "/api/activeren", h_activate, 0, true, false, BODY_JSON, 4096,
	 "Zelf een wachtwoord kiezen met een eenmalige code (activering of herstel); geen sessie nodig", "Sessie", {{0}},
	 {{"gebruikersnaam", JSON_STRING, true, NULL}, {"code", JSON_STRING, true, "de code, bij vier ogen beide delen"},
	  {"wachtwoord", JSON_STRING, true, "minstens 12 tekens"}},
	 "200,400,401,409,429", false},
	{"POST", "/api/gebruikers/{id}/sessies-intrekken", h_user_revoke, R(ROLE_BEHEERDER), false, true, BODY_NONE, 0,
	 "Alle sessies van een gebruiker beëindigen", "Beheer", {{0}}, {{0}}, "200,401,403,404", false},
	{"GET", "/api/organisaties", h_organisations, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0, "Alle organisaties",
	 "Beheer", {{0}}, {{0}}, "200,401,403", false},
	{"POST", "/api/organisaties", h_organisation_create, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Een organisatie aanmaken (de naam is uniek)", "Beheer", {{0}},
	 {{"naam", JSON_STRING, true, "2 tot 100 tekens"},
	  {"soort", JSON_STRING, true, "school, leerplicht, swv, gemeente, zorg of beheer"}},
	 "201,400,401,403,409", false},
	{"POST", "/api/organisaties/{id}/deactivering", h_organisation_deactivate, R(ROLE_BEHEERDER), false, true, BODY_NONE,
	 0, "Een organisatie deactiveren: al haar accounts geblokkeerd (niet zolang een ervan regie heeft over open "
	 "dossiers: 409)", "Beheer", {{0}}, {{0}}, "200,401,403,404,409", false},
	{"POST", "/api/datasets", h_dataset_upload, R(ROLE_BEHEERDER), false, true, BODY_UPLOAD, (size_t)4 << 30,
	 "Een dataset (de CSV-bestanden van SPEC 3.1, multipart/form-data) laden, alles of niets; loopt op de achtergrond",
	 "Beheer", {{0}}, {{0}}, "202,400,401,403,413,415", false},
	{"GET", "/api/datasets/{job}", h_dataset_job, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De voortgang en uitkomst van een geladen dataset", "Beheer", {{0}}, {{0}}, "200,401,403,404", false},
};

const size_t N_API_ROUTES = sizeof API_ROUTES / sizeof API_ROUTES[0];
