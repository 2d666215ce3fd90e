/*
 * input.c - what the handlers read from a body beyond its declared checks
 * (validate.c): dates, an event's data, and store errors as replies; and the
 * body fields in words, so that a message names the field as people know it
 * ("Met wie ontbreekt"), never by its key.
 */
#include <string.h>

#include "api.h"

/* Every body field a person fills in, in words (a message's first word:
 * capitalised). The keys stay in the JSON error's code and the API. */
static const struct {
	const char *key, *label;
} LABELS[] = {
	{"datum", "Datum"}, {"met_wie", "Met wie"}, {"wijze", "Hoe"}, {"omschrijving", "Omschrijving"},
	{"deelnemers", "Deelnemers"}, {"afspraken", "Afspraken"}, {"volgende_datum", "Volgend MDO"},
	{"aanbod_soort", "Soort aanbod"}, {"soort", "Soort"}, {"aanbieder", "Aanbieder"},
	{"plaats_per", "Plaats beschikbaar per"}, {"school", "School"}, {"ingangsdatum", "Ingangsdatum"},
	{"reden", "Reden"}, {"dagen", "Dagen"}, {"type", "Type stagnatie"}, {"uitkomst", "Uitkomst"},
	{"toelichting", "Toelichting"}, {"moment", "Moment"}, {"bevinding", "Bevinding"}, {"besluit", "Besluit"},
	{"besloten_door", "Besloten door"}, {"verantwoording", "Verantwoording"}, {"aan", "Afgelegd aan"},
	{"tekst", "Notitie"}, {"leerling_id", "Leerling"}, {"brin", "School (BRIN)"}, {"vestiging", "Vestiging"},
	{"van", "Van"}, {"tot", "Tot en met"}, {"uren", "Uren"}, {"gemeentecode", "Gemeente"},
	{"in_onderzoek", "Adres in onderzoek"}, {"grond", "Grond"}, {"status", "Status"},
	{"aanvraagdatum", "Datum van de aanvraag"}, {"datum_melding", "Datum van de melding"},
	{"eerste_verzuimdag", "Eerste verzuimdag"}, {"datum_aanbod", "Datum van het aanbod"}, {"bsn", "BSN"},
	{"onderwijsnummer", "Onderwijsnummer"}, {"geboortedatum", "Geboortedatum"}, {"voornaam", "Voornaam"},
	{"achternaam", "Achternaam"}, {"startkwalificatie", "Startkwalificatie"}, {"versie", "Versie"},
	{"swv", "Samenwerkingsverband"}, {"deskundige", "Deskundige"}, {"advies", "Advies"},
	{"mogelijkheden", "Mogelijk onderwijs"}, {"motivering", "Motivering"}, {"volgende", "Volgende herbeoordeling"},
	{"organisatie_id", "Organisatie"}, {"gebruiker_id", "Persoon"}, {"peildatum", "Peildatum"},
	{"gebruikersnaam", "Gebruikersnaam"}, {"wachtwoord", "Wachtwoord"}, {"huidig", "Huidig wachtwoord"},
	{"nieuw", "Nieuw wachtwoord"}, {"volgende_stap", "Volgende stap"}, {"door", "Door"},
	{"uiterlijk", "Uiterlijk"}, {"woonadres", "Woonadres"}, {"inschrijving", "Inschrijving"},
};

const char *field_label(const char *key)
{
	for (size_t i = 0; key && i < sizeof LABELS / sizeof LABELS[0]; i++)
		if (strcmp(LABELS[i].key, key) == 0)
			return LABELS[i].label;
	return NULL;
}

/* The field as a message starts with it: its words, else "veld 'key'". */
static void field_said(const char *key, char *out, size_t size)
{
	const char *words = field_label(key);
	if (words)
		snprintf(out, size, "%s", words);
	else
		snprintf(out, size, "veld '%s'", key);
}

bool body_day(req *r, const char *key, bool required, day_t *out)
{
	const char *s = form(r, key);
	char said[80];
	field_said(key, said, sizeof said);
	*out = DAY_NONE;
	if (!s) {
		if (required)
			reply_field_error(r, 400, "veld_ontbreekt", key, "%s ontbreekt", said);
		return !required;
	}
	if (date_parse(s, strlen(s), out) != 0) {
		reply_field_error(r, 400, "ongeldige_datum", key, "%s verwacht een bestaande datum (JJJJ-MM-DD)", said);
		return false;
	}
	if (strcmp(key, "datum") == 0 && *out > today()) { /* the day it happened */
		reply_field_error(r, 400, "ongeldige_datum", key, "%s ligt in de toekomst", said);
		return false;
	}
	return true;
}

json_t *data_of(req *r)
{
	json_t *g = json_deep_copy(r->json);
	json_object_del(g, "datum");
	return g;
}

void reply_store_error(req *r, int rc, strbuf *why)
{
	if (rc == STORE_INVALID)
		reply_error(r, 422, "ongeldig", "%s", sb_str(why));
	else if (rc == STORE_CONFLICT)
		reply_error(r, 409, "conflict", "de aanvraag in de registratie is intussen gewijzigd; laad opnieuw");
	else if (rc == STORE_NOT_FOUND)
		reply_error(r, 409, "conflict", "de aanvraag staat niet meer in de registratie");
	else
		reply_error(r, 500, "interne_fout", "de registratie kon niet worden bijgewerkt");
}

void reply_not_one_of(req *r, const char *what, const char *const *codes, size_t n)
{
	strbuf list = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&list, "%s%s", i ? ", " : "", codes[i]);
	reply_error(r, 400, "ongeldige_waarde", "%s is een van: %s", what, sb_str(&list));
	sb_free(&list);
}

void reply_read(req *r, int rc, json_t *arr, const char *what)
{
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "de %s zijn niet leesbaar", what);
		return;
	}
	reply_json(r, 200, arr);
}

json_t *event_audit_details(void *ctx)
{
	const event_audit *ea = ctx;
	json_t *j = json_pack("{s:I, s:s, s:I}", ea->stream_kind, (json_int_t)ea->stream, "soort", ea->soort, "gebeurtenis",
			      (json_int_t)ea->event);
	if (j && ea->facts && ea->facts->batch)
		jset(j, "registratie", json_integer(ea->facts->batch));
	return j;
}

json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *date_or_null(day_t d)
{
	char t[DATE_TEXT];
	date_format(d, t);
	return t[0] ? json_string(t) : json_null();
}
