/*
 * ui_intro.c - the one-line explanation under the title of every page, keyed
 * by the page's route path (UI_ROUTES and the other page tables). A page
 * whose path is not here gets none; a module that adds a page adds its line
 * here. The chrome (ui_begin) writes it below the <h1>; error pages get none.
 */
#include <string.h>

#include "ui.h"

typedef struct page_intro {
	const char *path; /* the route's path as declared, "/dossiers/{id}" */
	const char *line;
} page_intro;

static const page_intro INTROS[] = {
	{"/inloggen", "Log in met uw gebruikersnaam en wachtwoord; u ziet daarna alleen wat uw rol en scope toestaan."},
	{"/", "De thuiszitters in uw gebied op vandaag en op het laatste ijkmoment, met de trend en wat aandacht vraagt."},
	{"/overzicht/trend", "Het aantal thuiszitters op elk ijkmoment van de laatste vijf schooljaren."},
	{"/thuiszitters", "Ieder kind in uw scope dat op de peildatum thuiszit, langdurig ziek of geschorst is, met de "
			  "duur en of er een passend aanbod is."},
	{"/leerlingen/{id}", "Wat inbeeld over deze leerling weet op de peildatum: de categorie, waarom, en de feiten "
			     "waarop dat berust."},
	{"/leerlingen/{id}/geschiedenis", "Elke versie van de feiten van deze leerling, ook de gecorrigeerde, met wie "
					  "ze wanneer vastlegde."},
	{"/zoeken", "Zoek een leerling in uw scope op naam in elke volgorde, geboortedatum, BSN, onderwijsnummer of "
		    "leerling-id; hoofdletters en accenten tellen niet mee."},
	{"/resultaatschema", "De officiële telling van de thuiszitters per gemeente of samenwerkingsverband op de "
			     "ijkmomenten (G4, bijlage 1)."},
	{"/jaartelling", "De leerplichttelling over een heel schooljaar: hoeveel kinderen er in het jaar thuiszaten, per "
			 "soort verzuim en vrijstelling."},
	{"/vrijstellingen", "De verleende vrijstellingen van de leerplicht op de peildatum, per grond (5a, 5b, 5c en "
			    "andere)."},
	{"/vrijstellingsprocedures", "De lopende aanvragen van een vrijstelling 5a, van aanvraag en MDO tot het "
				     "besluit."},
	{"/vrijstellingsprocedures/{id}", "De stappen van deze aanvraag van een vrijstelling 5a en wat er nog moet "
					  "gebeuren."},
	{"/herbeoordelingen", "De vrijstellingen die opnieuw beoordeeld moeten worden, met de datum waarop dat uiterlijk "
			      "moet."},
	{"/verblijven", "Kinderen in een instelling met verblijf of een pleeggezin, en wie voor hun onderwijs de regie "
			"heeft."},
	{"/dossiers", "De dossiers van de thuiszitters in uw scope: wie de regie heeft, de volgende termijn en wat "
		      "stagneert."},
	{"/dossiers/{id}", "Het verloop van deze casus: regie, contacten, MDO's, aanbod en termijnen, van de eerste "
			   "verzuimdag tot de terugkeer."},
	{"/tafel", "De thuiszitterstafel: de casussen die besproken moeten worden, en de lijsten van leerplicht en "
		   "samenwerkingsverband naast elkaar."},
	{"/tafel/afstemming", "Welke kinderen op de lijst van leerplicht en niet op die van het samenwerkingsverband "
			      "staan, en andersom."},
	{"/tafel/{id}", "De vastgestelde lijst van deze thuiszitterstafel, zoals hij op de dag van het overleg was."},
	{"/tafel/{id}/besluiten", "Wat de thuiszitterstafel per kind besloot, en wie wat gaat doen."},
	{"/signalen", "Vroege signalen van verzuim: kinderen die dreigen thuis te komen zitten, voordat het vier weken "
		      "duurt."},
	{"/melddiscipline", "Hoe snel en hoe volledig de scholen verzuim melden aan leerplicht, per school over een "
			    "periode."},
	{"/doelen", "De doelen van de regio voor het aantal thuiszitters, en of de regio op koers ligt."},
	{"/jaarverslag", "Het jaarverslag leerplicht over een schooljaar: de tellingen, de vrijstellingen en de "
			 "melddiscipline van de scholen."},
	{"/audit", "Wie wanneer welke persoonsgegevens inzag of wijzigde, en de stappen van het accountbeheer."},
	{"/begrippen", "De begrippen van de thuiszittersaanpak zoals inbeeld ze gebruikt, met de bron van elke "
		       "omschrijving."},
	/* The pages of issue 14's daily work */
	{"/mijn-dossiers", "De open dossiers waarvan u of uw organisatie de regie heeft, de eerstvolgende termijn "
			   "bovenaan."},
	{"/leerling-registreren", "Een kind dat nog niet in de registratie staat; inbeeld zoekt eerst of het er al "
				  "is, zodat elk kind één dossier heeft."},
	{"/dubbele-leerlingen", "Leerlingen die mogelijk twee keer geregistreerd zijn (zelfde naam en geboortedatum), "
				"met de mogelijkheid ze samen te voegen."},
	{"/beheer/gebruikers", "De accounts: aanvragen, rol en scope wijzigen, blokkeren en sessies beëindigen; een "
			       "verruiming wacht op een tweede beheerder."},
	{"/beheer/organisaties", "De organisaties die inbeeld gebruiken, met hun accounts."},
	{"/beheer/datasets", "Een dataset laden uit de eigen administratie; de waarschuwingen van de import staan "
			     "per bestand, regel en kolom."},
	{"/beheer/datasets/{taak}", "De voortgang van een geladen dataset en, als hij klaar is, de uitkomst en de "
				    "waarschuwingen."},
	{"/beheer/noodtoegang", "Noodtoegang tot de gegevens van één kind, alleen met een reden; elke inzage wordt "
				"vastgelegd."},
	{"/wachtwoord", "Uw eigen wachtwoord wijzigen; uw sessies op andere plaatsen worden beëindigd."},
	{"/activeren", "Kies uw wachtwoord met de eenmalige code die u van de beheerder kreeg."},
	{"/instellingen", "Of u elke dag een herinnering per e-mail wilt: alleen aantallen en links, nooit namen of "
			  "andere gegevens van kinderen."},
	{"/tafel/{id}/agenda", "Welke kinderen aan deze thuiszitterstafel besproken worden, in welke volgorde, en wat de "
			       "vorige tafel afsprak."},
};

const char *ui_page_intro(const char *path)
{
	if (!path)
		return NULL;
	for (size_t i = 0; i < sizeof INTROS / sizeof INTROS[0]; i++)
		if (!strcmp(INTROS[i].path, path))
			return INTROS[i].line;
	return NULL;
}
