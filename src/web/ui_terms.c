/*
 * ui_terms.c - the words of the domain as data: every term of the glossary
 * page /begrippen (ui_begrippen.c) with its anchor, its meaning in Dutch and
 * the source it is taken from (SPEC §1 and the policy documents behind it,
 * /work/shared/seeds), and the link from a term where a page uses it to its
 * entry (ui_term).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define G4 "G4 Thuiszittersaanpak (februari 2017)"
#define OCW "Kamerbrief Cijfers leerplicht en aanpak thuiszitters (OCW, 3 februari 2016)"
#define ZL "Thuiszittersaanpak Zuid-Limburg (april 2018)"
#define LEK "Thuiszittersaanpak regio Lekstroom"
#define NJI "Praktijkkaart Van thuis weer naar school (NJi en Ingrado, 2021)"
#define LPW "Leerplichtwet 1969"

/* In alphabetical order of the term, as the page lists them. */
const ui_term_entry UI_TERMS[] = {
	{"absoluut-verzuim", "Absoluut verzuim (AV)",
	 "Een leer- of kwalificatieplichtig kind dat op geen enkele school staat ingeschreven, vanaf de eerste dag. "
	 "Geteld als thuiszitter worden alleen wie vier weken of langer niet zijn ingeschreven, zonder de "
	 "administratieve gevallen (adres in onderzoek, een lopende aanvraag van vrijstelling 5c).",
	 OCW ", en " G4 " §2.1"},
	{"av", "AV", "Afkorting van absoluut verzuim: niet ingeschreven op een school terwijl het kind leerplichtig is.",
	 G4 " §2.1"},
	{"doorzettingsmacht", "Doorzettingsmacht",
	 "De vooraf afgesproken bevoegdheid om een besluit te forceren wanneer een casus vastloopt (stagneert), "
	 "bijvoorbeeld na zes en daarna nog vier weken zonder passend aanbod.",
	 ZL " §3.4"},
	{"ijkmoment", "IJkmoment",
	 "Een vaste peildatum van de telling: 1 november, 1 februari en 1 juni van elk schooljaar.", G4 " §5.1"},
	{"kwalificatieplicht", "Kwalificatieplicht",
	 "Na de leerplicht moet een jongere tot de 18e verjaardag onderwijs volgen, tot een startkwalificatie is "
	 "behaald.",
	 LPW ", en " ZL},
	{"langdurig-relatief-verzuim", "Langdurig relatief verzuim (LRV)",
	 "Een ingeschreven leerling die vier weken of langer aaneengesloten ongeoorloofd afwezig is. Vroeger heette "
	 "alleen deze groep thuiszitters.",
	 OCW ", en " G4 " §2.1"},
	{"langdurig-ziek", "Langdurig ziek",
	 "Een ingeschreven leerling die vier weken of langer aaneengesloten ziek (geoorloofd afwezig) is. Telt niet "
	 "als thuiszitter, maar staat wel op de thuiszitterslijst.",
	 G4 " §2.1"},
	{"leerplicht", "Leerplicht",
	 "De plicht om naar school te gaan, vanaf de eerste dag van de maand na de 5e verjaardag tot het einde van "
	 "het schooljaar waarin het kind 16 wordt. Ook de afdeling van de gemeente die erop toeziet "
	 "(de leerplichtambtenaar).",
	 LPW},
	{"lrv", "LRV", "Afkorting van langdurig relatief verzuim.", OCW},
	{"mdo", "MDO",
	 "Multidisciplinair overleg over één kind: school, leerplicht, samenwerkingsverband, jeugdarts, jeugdhulp, "
	 "ouders en het kind zelf.",
	 NJI},
	{"melddiscipline", "Melddiscipline",
	 "Hoe goed een school verzuim meldt aan leerplicht: hoeveel meldingen, hoeveel dagen tussen de eerste "
	 "verzuimdag en de melding, en welk deel binnen een week gemeld is.",
	 OCW " (de meldplicht bij 16 uur in 4 weken)"},
	{"passend-aanbod", "Passend aanbod",
	 "Een aanbod van onderwijs en/of zorg dat past bij het kind, én een plek die daadwerkelijk beschikbaar is. "
	 "Zonder beschikbare plek is er geen passend aanbod.",
	 G4 " §2"},
	{"peildatum", "Peildatum",
	 "De dag waarover een telling of een classificatie gaat. Elke telling kan voor elke dag in het verleden "
	 "opnieuw worden gemaakt.",
	 G4 " §5.1"},
	{"regie", "Regie",
	 "De partij (en de persoon, de regiehouder) die een casus leidt en verantwoordelijk is voor de voortgang "
	 "ervan, tot het kind weer naar school gaat.",
	 G4 ", Routekaart punt 6, en " LEK},
	{"relatief-verzuim", "Relatief verzuim",
	 "Een leer- of kwalificatieplichtige leerling die op een school staat ingeschreven en ongeoorloofd afwezig "
	 "is. Een school meldt het verzuim bij meer dan 16 uur in 4 weken.",
	 OCW},
	{"samenwerkingsverband", "Samenwerkingsverband (SWV)",
	 "Het regionale samenwerkingsverband passend onderwijs van schoolbesturen, voor het primair (PO) of het "
	 "voortgezet onderwijs (VO). Het zorgt voor een dekkend aanbod in de regio.",
	 G4},
	{"startkwalificatie", "Startkwalificatie",
	 "Een diploma havo, vwo of mbo niveau 2 of hoger. Wie dat heeft, valt niet meer onder de kwalificatieplicht.",
	 LPW ", en " ZL},
	{"thuiszitter", "Thuiszitter",
	 "Verzamelnaam voor een kind met langdurig relatief verzuim of geteld absoluut verzuim: het gaat vier weken "
	 "of langer niet naar school.",
	 OCW},
	{"thuiszitterstafel", "Thuiszitterstafel",
	 "Het regionale overleg (ook taskforce) waar vastgelopen casussen besproken worden en de lijsten van "
	 "leerplicht en samenwerkingsverband naast elkaar worden gelegd; in Rotterdam elke drie weken.",
	 NJI},
	{"vrijstelling", "Vrijstelling",
	 "Een vrijstelling van de inschrijvingsplicht volgens de Leerplichtwet, artikel 5: grond 5a, 5b of 5c. "
	 "Andere artikelen (zoals 11g of 15) geven vrijstelling van geregeld schoolbezoek.",
	 LPW ", artikel 5, en " OCW},
	{"vrijstelling-11g", "Vrijstelling 11g",
	 "Vrijstelling van geregeld schoolbezoek om gewichtige omstandigheden: het kind staat ingeschreven maar "
	 "hoeft (een tijd) niet naar school.",
	 LPW ", artikel 11 onder g"},
	{"vrijstelling-5a", "Vrijstelling 5a",
	 "Het kind is lichamelijk of psychisch niet in staat om naar school te gaan. Tijdelijk (met een einddatum) "
	 "of permanent; een vrijstelling wordt op tijd opnieuw beoordeeld.",
	 LPW ", artikel 5 onder a"},
	{"vrijstelling-5b", "Vrijstelling 5b",
	 "De ouders hebben bedenkingen tegen de richting van het onderwijs op alle scholen in de buurt.",
	 LPW ", artikel 5 onder b"},
	{"vrijstelling-5c", "Vrijstelling 5c", "Het kind staat ingeschreven op een school in het buitenland.",
	 LPW ", artikel 5 onder c"},
};

const size_t N_UI_TERMS = sizeof UI_TERMS / sizeof UI_TERMS[0];

const ui_term_entry *ui_term_find(const char *slug)
{
	for (size_t i = 0; i < N_UI_TERMS; i++)
		if (!strcmp(UI_TERMS[i].slug, slug))
			return &UI_TERMS[i];
	return NULL;
}

void ui_term(strbuf *sb, const char *slug, const char *text)
{
	const ui_term_entry *t = ui_term_find(slug);
	/* A term that is not in the table is a programmer's error: the table
	 * and its callers are in the same tree. */
	if (!t) {
		fprintf(stderr, "inbeeld: begrip '%s' staat niet in UI_TERMS\n", slug);
		abort();
	}
	html_lit(sb, "<a class=\"utrecht-link ib-term\" href=\"/begrippen#");
	html_attr(sb, t->slug);
	html_lit(sb, "\" aria-label=\"");
	html_attr(sb, text);
	html_lit(sb, " (uitleg in de begrippenlijst)\">");
	html_text(sb, text);
	html_lit(sb, "</a>");
}

void ui_see_also(strbuf *sb, const char *const *slugs)
{
	html_lit(sb, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted ib-see-also\">Zie ook: ");
	for (size_t i = 0; slugs[i]; i++) {
		const ui_term_entry *t = ui_term_find(slugs[i]);
		if (i)
			html_lit(sb, ", ");
		ui_term(sb, slugs[i], t ? t->term : slugs[i]);
	}
	html_lit(sb, ".</p>");
}
