/*
 * migrations.h - the registry schema, one entry per version, applied in order.
 * Never edit an entry that has shipped; add a new one.
 *
 * Every fact table has the columns of its dataset file (SPEC 3.1) as canonical
 * text, plus v_from / v_until: the batches that recorded and superseded the row.
 */
#ifndef INBEELD_MIGRATIONS_H
#define INBEELD_MIGRATIONS_H

#define VERSIONED "v_from INTEGER NOT NULL REFERENCES batch(id), v_until INTEGER REFERENCES batch(id)"

/* History is kept: a row may only be ended, once, and never changed. */
#define APPEND_ONLY(t)                                                                              \
	"CREATE TRIGGER " t "_append_only BEFORE UPDATE ON " t " WHEN OLD.v_until IS NOT NULL"       \
	" OR NEW.v_until IS NULL OR NEW.v_from IS NOT OLD.v_from BEGIN"                              \
	" SELECT RAISE(ABORT, 'geschiedenis is alleen aan te vullen'); END;\n"

static const char *const MIGRATIONS[] = {
	/* 1: the registry */
	"CREATE TABLE batch (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('import', 'correctie')),\n"
	"  source TEXT\n"
	");\n"
	"CREATE TABLE gemeenten (gemeentecode TEXT NOT NULL, naam TEXT, " VERSIONED ");\n"
	"CREATE TABLE swv (swvcode TEXT NOT NULL, naam TEXT, sector TEXT NOT NULL, " VERSIONED ");\n"
	"CREATE TABLE swv_gemeenten (swvcode TEXT NOT NULL, gemeentecode TEXT NOT NULL, " VERSIONED ");\n"
	"CREATE TABLE scholen (brin TEXT NOT NULL, vestiging TEXT NOT NULL, naam TEXT, soort TEXT NOT NULL,"
	" gemeentecode TEXT NOT NULL, swv_po TEXT, swv_vo TEXT, " VERSIONED ");\n"
	"CREATE TABLE vakantieregios (gemeentecode TEXT NOT NULL, regio TEXT NOT NULL, " VERSIONED ");\n"
	"CREATE TABLE vakanties (regio TEXT NOT NULL, naam TEXT, van TEXT NOT NULL, tot TEXT NOT NULL, " VERSIONED
	");\n"
	"CREATE TABLE leerlingen (leerling_id TEXT NOT NULL, bsn TEXT, onderwijsnummer TEXT,"
	" geboortedatum TEXT NOT NULL, voornaam TEXT, achternaam TEXT, startkwalificatie TEXT, " VERSIONED ");\n"
	"CREATE TABLE woonadressen (leerling_id TEXT NOT NULL, gemeentecode TEXT NOT NULL, van TEXT NOT NULL,"
	" tot TEXT, in_onderzoek INTEGER NOT NULL CHECK (in_onderzoek IN (0, 1)), " VERSIONED ");\n"
	"CREATE TABLE inschrijvingen (leerling_id TEXT NOT NULL, brin TEXT NOT NULL, vestiging TEXT NOT NULL,"
	" van TEXT NOT NULL, tot TEXT, " VERSIONED ");\n"
	"CREATE TABLE verzuim (leerling_id TEXT NOT NULL, brin TEXT NOT NULL, vestiging TEXT NOT NULL,"
	" soort TEXT NOT NULL, van TEXT NOT NULL, tot TEXT, uren TEXT, " VERSIONED ");\n"
	"CREATE TABLE vrijstellingen (leerling_id TEXT NOT NULL, grond TEXT NOT NULL, status TEXT NOT NULL,"
	" aanvraagdatum TEXT, van TEXT, tot TEXT, " VERSIONED ");\n"
	"CREATE TABLE meldingen (leerling_id TEXT NOT NULL, brin TEXT NOT NULL, vestiging TEXT NOT NULL,"
	" datum_melding TEXT NOT NULL, eerste_verzuimdag TEXT NOT NULL, soort TEXT, " VERSIONED ");\n"
	"CREATE TABLE aanbod (leerling_id TEXT NOT NULL, datum_aanbod TEXT NOT NULL, plaats_per TEXT,"
	" soort TEXT NOT NULL, " VERSIONED ");\n"
	"CREATE INDEX leerlingen_id ON leerlingen (leerling_id);\n"
	"CREATE INDEX woonadressen_leerling ON woonadressen (leerling_id);\n"
	"CREATE INDEX inschrijvingen_leerling ON inschrijvingen (leerling_id);\n"
	"CREATE INDEX verzuim_leerling ON verzuim (leerling_id);\n"
	"CREATE INDEX vrijstellingen_leerling ON vrijstellingen (leerling_id);\n"
	"CREATE INDEX meldingen_leerling ON meldingen (leerling_id);\n"
	"CREATE INDEX aanbod_leerling ON aanbod (leerling_id);\n"
	APPEND_ONLY("gemeenten") APPEND_ONLY("swv") APPEND_ONLY("swv_gemeenten") APPEND_ONLY("scholen")
	APPEND_ONLY("vakantieregios") APPEND_ONLY("vakanties") APPEND_ONLY("leerlingen")
	APPEND_ONLY("woonadressen") APPEND_ONLY("inschrijvingen") APPEND_ONLY("verzuim")
	APPEND_ONLY("vrijstellingen") APPEND_ONLY("meldingen") APPEND_ONLY("aanbod")
	"CREATE TRIGGER batch_append_only BEFORE UPDATE ON batch BEGIN"
	" SELECT RAISE(ABORT, 'geschiedenis is alleen aan te vullen'); END;\n",

	/* 2: accounts, sessions and the audit log */
	"CREATE TABLE organisatie (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  naam TEXT NOT NULL UNIQUE,\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('school', 'leerplicht', 'swv', 'gemeente', 'beheer'))\n"
	");\n"
	"CREATE TABLE gebruiker (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  naam TEXT NOT NULL UNIQUE,\n"
	"  wachtwoord TEXT NOT NULL,\n" /* Argon2id, libsodium's string format */
	"  rol TEXT NOT NULL CHECK (rol IN ('school', 'leerplicht', 'swv', 'analist', 'beheerder')),\n"
	"  scope TEXT NOT NULL,\n"
	"  organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),\n"
	"  actief INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1)),\n"
	"  aangemaakt TEXT NOT NULL,\n"
	"  gewijzigd TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE sessie (\n"
	"  token_hash TEXT PRIMARY KEY,\n" /* SHA-256 of the cookie value: a copy of the table opens nothing */
	"  gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),\n"
	"  csrf TEXT NOT NULL,\n"
	"  aangemaakt TEXT NOT NULL,\n"
	"  verloopt TEXT NOT NULL,\n"
	"  laatst_gebruikt TEXT NOT NULL,\n"
	"  ingetrokken TEXT,\n"
	"  adres TEXT\n"
	");\n"
	"CREATE INDEX sessie_gebruiker ON sessie (gebruiker_id);\n"
	"CREATE TABLE instelling (naam TEXT PRIMARY KEY, waarde TEXT NOT NULL);\n"
	"INSERT INTO instelling VALUES ('audit_bewaardagen', '730'), ('audit_anker', '');\n"
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  tijdstip TEXT NOT NULL,\n"
	"  gebruiker_id INTEGER,\n"
	"  gebruikersnaam TEXT NOT NULL,\n"
	"  rol TEXT NOT NULL,\n"
	"  organisatie TEXT,\n"
	"  leerling_id TEXT,\n"
	"  actie TEXT NOT NULL,\n"
	"  endpoint TEXT NOT NULL,\n"
	"  doel TEXT NOT NULL,\n"
	"  details TEXT,\n"
	"  hash TEXT NOT NULL\n" /* SHA-256 over the previous hash and this entry: tampering shows */
	");\n"
	"CREATE INDEX audit_leerling ON audit (leerling_id, id);\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
	" SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END;\n"
	/* Only entries past the retention period may go. */
	"CREATE TRIGGER audit_retention BEFORE DELETE ON audit WHEN OLD.tijdstip >= strftime('%Y-%m-%dT%H:%M:%S',"
	" 'now', 'localtime', '-' || (SELECT waarde FROM instelling WHERE naam = 'audit_bewaardagen') || ' days')"
	" BEGIN SELECT RAISE(ABORT, 'auditregels binnen de bewaartermijn kunnen niet worden verwijderd'); END;\n",

	/* 3: case work. A dossier and a vrijstelling procedure are streams of
	 * events; their state is derived from the events (src/core/cases.c),
	 * never stored. Events, fixed tafel lists and reviews are never changed. */
	"ALTER TABLE organisatie ADD COLUMN scope TEXT;\n"
	"UPDATE organisatie SET scope = (SELECT scope FROM gebruiker g WHERE g.organisatie_id = organisatie.id"
	" ORDER BY g.id LIMIT 1);\n"
	"CREATE TABLE stroom (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('dossier', 'procedure')),\n"
	"  leerling_id TEXT NOT NULL,\n"
	"  aangemaakt TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX stroom_leerling ON stroom (leerling_id, soort);\n"
	"CREATE TABLE gebeurtenis (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stroom_id INTEGER NOT NULL REFERENCES stroom(id),\n"
	"  soort TEXT NOT NULL,\n"
	"  datum TEXT NOT NULL,\n"
	"  vastgelegd_op TEXT NOT NULL,\n"
	"  gebruiker_id INTEGER,\n"
	"  gebruikersnaam TEXT NOT NULL,\n"
	"  organisatie TEXT,\n"
	"  gegevens TEXT NOT NULL\n" /* JSON: the fields of this kind of event */
	");\n"
	"CREATE INDEX gebeurtenis_stroom ON gebeurtenis (stroom_id, id);\n"
	"CREATE TABLE tafel (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('leerplicht', 'swv')),\n"
	"  organisatie TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL,\n"
	"  peildatum TEXT NOT NULL,\n"
	"  vastgesteld_op TEXT NOT NULL,\n"
	"  gebruiker_id INTEGER,\n"
	"  gebruikersnaam TEXT NOT NULL,\n"
	"  registratie INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE tafel_rij (\n"
	"  tafel_id INTEGER NOT NULL REFERENCES tafel(id),\n"
	"  leerling_id TEXT NOT NULL,\n"
	"  categorie TEXT NOT NULL, sector TEXT, startdatum TEXT, duur_dagen INTEGER, zonder_aanbod INTEGER,\n"
	"  gemeentecode TEXT, brin TEXT, vestiging TEXT, swv TEXT\n"
	");\n"
	"CREATE INDEX tafel_rij_tafel ON tafel_rij (tafel_id);\n"
	"CREATE TABLE verblijf (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  leerling_id TEXT NOT NULL,\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('instelling', 'pleeggezin')),\n"
	"  instelling TEXT,\n"
	"  van TEXT NOT NULL,\n"
	"  tot TEXT,\n"
	"  regie_organisatie_id INTEGER REFERENCES organisatie(id),\n"
	"  regie_gebruiker_id INTEGER REFERENCES gebruiker(id),\n"
	"  vastgelegd_op TEXT NOT NULL,\n"
	"  gebruikersnaam TEXT NOT NULL,\n"
	"  vervangen_door INTEGER\n" /* a correction is a new row; the old one points to it */
	");\n"
	"CREATE INDEX verblijf_leerling ON verblijf (leerling_id);\n"
	"CREATE TRIGGER gebeurtenis_vast BEFORE UPDATE ON gebeurtenis BEGIN"
	" SELECT RAISE(ABORT, 'gebeurtenissen kunnen niet worden gewijzigd'); END;\n"
	"CREATE TRIGGER gebeurtenis_blijft BEFORE DELETE ON gebeurtenis BEGIN"
	" SELECT RAISE(ABORT, 'gebeurtenissen kunnen niet worden verwijderd'); END;\n"
	"CREATE TRIGGER tafel_vast BEFORE UPDATE ON tafel BEGIN SELECT RAISE(ABORT, 'een vastgestelde lijst ligt vast'); END;\n"
	"CREATE TRIGGER tafel_rij_vast BEFORE UPDATE ON tafel_rij BEGIN"
	" SELECT RAISE(ABORT, 'een vastgestelde lijst ligt vast'); END;\n"
	"CREATE TRIGGER verblijf_geschiedenis BEFORE UPDATE ON verblijf WHEN OLD.vervangen_door IS NOT NULL"
	" OR NEW.vervangen_door IS NULL OR NEW.leerling_id IS NOT OLD.leerling_id OR NEW.van IS NOT OLD.van"
	" OR NEW.tot IS NOT OLD.tot OR NEW.soort IS NOT OLD.soort OR NEW.instelling IS NOT OLD.instelling"
	" OR NEW.regie_organisatie_id IS NOT OLD.regie_organisatie_id OR NEW.regie_gebruiker_id IS NOT OLD.regie_gebruiker_id"
	" BEGIN SELECT RAISE(ABORT, 'geschiedenis is alleen aan te vullen'); END;\n",

	/* 4: the personal data of a closed dossier goes after a retention period
	 * (SPEC 9); the counts, which come from the registry, survive. Only the
	 * events of a dossier closed before the period may be deleted. */
	"INSERT INTO instelling VALUES ('dossier_bewaardagen', '1826');\n"
	"DROP TRIGGER gebeurtenis_blijft;\n"
	"CREATE TRIGGER gebeurtenis_blijft BEFORE DELETE ON gebeurtenis WHEN NOT EXISTS (SELECT 1 FROM gebeurtenis g"
	" JOIN stroom s ON s.id = g.stroom_id WHERE g.stroom_id = OLD.stroom_id AND s.soort = 'dossier'"
	" AND g.soort = 'sluiting' AND g.datum < date('now', 'localtime', '-' || (SELECT waarde FROM instelling"
	" WHERE naam = 'dossier_bewaardagen') || ' days'))"
	" BEGIN SELECT RAISE(ABORT, 'gebeurtenissen kunnen niet worden verwijderd'); END;\n",

	/* 5: the retention period of a closed dossier runs from its closing date,
	 * a business date, so it ends on a business day too: the day the server
	 * takes as today (serve --vandaag), not the wall clock's. The purge writes
	 * that day here for the length of its transaction; at any other time no
	 * event of a dossier can be deleted. */
	"INSERT INTO instelling VALUES ('dossier_opruimdag', '');\n"
	"DROP TRIGGER gebeurtenis_blijft;\n"
	"CREATE TRIGGER gebeurtenis_blijft BEFORE DELETE ON gebeurtenis WHEN NOT EXISTS (SELECT 1 FROM gebeurtenis g"
	" JOIN stroom s ON s.id = g.stroom_id WHERE g.stroom_id = OLD.stroom_id AND s.soort = 'dossier'"
	" AND g.soort = 'sluiting' AND g.datum < date((SELECT waarde FROM instelling WHERE naam = 'dossier_opruimdag'),"
	" '-' || (SELECT waarde FROM instelling WHERE naam = 'dossier_bewaardagen') || ' days'))"
	" BEGIN SELECT RAISE(ABORT, 'gebeurtenissen kunnen niet worden verwijderd'); END;\n",

	/* 6: care organisations (soort zorg) may hold regie of a pupil's case
	 * (SPEC 6). SQLite cannot widen a CHECK in place: the table is rebuilt
	 * with the same ids (the runner turns foreign keys off while migrating
	 * and checks them before the commit). */
	"CREATE TABLE organisatie_nieuw (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  naam TEXT NOT NULL UNIQUE,\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('school', 'leerplicht', 'swv', 'gemeente', 'beheer', 'zorg')),\n"
	"  scope TEXT\n"
	");\n"
	"INSERT INTO organisatie_nieuw (id, naam, soort, scope) SELECT id, naam, soort, scope FROM organisatie;\n"
	"DROP TABLE organisatie;\n"
	"ALTER TABLE organisatie_nieuw RENAME TO organisatie;\n",

	/* 7: targets (SPEC 8). A target keeps its history as the case data does:
	 * a change is a new version (a new row of the same doel_id), the old one
	 * points to it (vervangen_door) and is never changed otherwise; a
	 * withdrawn target is a last version marked ingetrokken. registratie is
	 * the registry's version (the newest batch) when the version was
	 * recorded: the baseline "as known then" is counted on it. */
	"CREATE TABLE doel (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  doel_id INTEGER NOT NULL,\n" /* the id of the target's first version */
	"  naam TEXT NOT NULL,\n"
	"  per TEXT NOT NULL CHECK (per IN ('gemeente', 'swv')),\n"
	"  gebieden TEXT NOT NULL,\n"
	"  telling TEXT NOT NULL CHECK (telling IN ('resultaatschema', 'jaartelling')),\n"
	"  regels TEXT NOT NULL,\n"
	"  kolom TEXT NOT NULL CHECK (kolom IN ('totaal', 'lang')),\n"
	"  basis TEXT NOT NULL,\n"
	"  verandering TEXT,\n"
	"  aantal INTEGER,\n"
	"  streefdatum TEXT NOT NULL,\n"
	"  ingetrokken INTEGER NOT NULL DEFAULT 0 CHECK (ingetrokken IN (0, 1)),\n"
	"  registratie INTEGER NOT NULL,\n"
	"  vastgelegd_op TEXT NOT NULL,\n"
	"  gebruiker_id INTEGER,\n"
	"  gebruikersnaam TEXT NOT NULL,\n"
	"  vervangen_door INTEGER\n"
	");\n"
	"CREATE INDEX doel_versies ON doel (doel_id, id);\n"
	"CREATE TRIGGER doel_geschiedenis BEFORE UPDATE ON doel WHEN OLD.vervangen_door IS NOT NULL"
	" OR NEW.vervangen_door IS NULL OR NEW.id IS NOT OLD.id OR NEW.doel_id IS NOT OLD.doel_id"
	" OR NEW.naam IS NOT OLD.naam OR NEW.per IS NOT OLD.per OR NEW.gebieden IS NOT OLD.gebieden"
	" OR NEW.telling IS NOT OLD.telling OR NEW.regels IS NOT OLD.regels OR NEW.kolom IS NOT OLD.kolom"
	" OR NEW.basis IS NOT OLD.basis OR NEW.verandering IS NOT OLD.verandering OR NEW.aantal IS NOT OLD.aantal"
	" OR NEW.streefdatum IS NOT OLD.streefdatum OR NEW.ingetrokken IS NOT OLD.ingetrokken"
	" OR NEW.registratie IS NOT OLD.registratie OR NEW.vastgelegd_op IS NOT OLD.vastgelegd_op"
	" OR NEW.gebruiker_id IS NOT OLD.gebruiker_id OR NEW.gebruikersnaam IS NOT OLD.gebruikersnaam"
	" BEGIN SELECT RAISE(ABORT, 'geschiedenis is alleen aan te vullen'); END;\n"
	"CREATE TRIGGER doel_blijft BEFORE DELETE ON doel BEGIN"
	" SELECT RAISE(ABORT, 'geschiedenis is alleen aan te vullen'); END;\n",
	/* 8: a change's audit entry is written in the change's own transaction
	 * (store_audit_with). From then on every correctie batch and every case
	 * event has one; `audit controleer` checks the changes recorded after
	 * audit_volledig_na: everything in a new registry, the changes after this
	 * migration in an older one (whose earlier changes were audited after
	 * their commit). Retention moves the moment on (store_audit_purge). */
	"INSERT INTO instelling SELECT 'audit_volledig_na', CASE WHEN EXISTS (SELECT 1 FROM batch WHERE kind = 'correctie')"
	" OR EXISTS (SELECT 1 FROM gebeurtenis) THEN strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') ELSE '' END;\n"
	/* ... and accounts under four eyes (src/core/four_eyes.h): a request to
	 * create an account, widen one or reset its password, confirmed (or
	 * refused) by a second beheerder, and redeemed by the user with a
	 * one-time code, of which only the SHA-256 of each half is kept. An
	 * account made through the API has no password ('') until its user sets
	 * one. Requests are kept, never deleted. */
	"CREATE TABLE gebruiker_verzoek (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),\n"
	"  soort TEXT NOT NULL CHECK (soort IN ('nieuw', 'wijziging', 'herstel')),\n"
	"  rol TEXT, scope TEXT, organisatie_id INTEGER REFERENCES organisatie(id), actief INTEGER,\n" /* the proposal */
	"  vier_ogen INTEGER NOT NULL CHECK (vier_ogen IN (0, 1)),\n"
	"  aangevraagd_door INTEGER NOT NULL REFERENCES gebruiker(id),\n"
	"  aangevraagd_op TEXT NOT NULL,\n"
	"  verloopt TEXT NOT NULL,\n"
	"  code1 TEXT,\n" /* SHA-256 of the half shown to who asked */
	"  code2 TEXT,\n" /* ... and of the half shown to who confirmed */
	"  beoordeeld_door INTEGER REFERENCES gebruiker(id),\n"
	"  beoordeeld_op TEXT,\n"
	"  uitkomst TEXT CHECK (uitkomst IN ('bevestigd', 'afgewezen', 'vervangen')),\n"
	"  code_gebruikt_op TEXT\n"
	");\n"
	"CREATE INDEX gebruiker_verzoek_gebruiker ON gebruiker_verzoek (gebruiker_id, id);\n"
	"CREATE TRIGGER gebruiker_verzoek_blijft BEFORE DELETE ON gebruiker_verzoek BEGIN"
	" SELECT RAISE(ABORT, 'verzoeken over accounts blijven bewaard'); END;\n",
	/* 9: the SWV's own list for the thuiszitterstafel (SPEC 6, issue 15),
	 * read from its own administration: a tafel list with bron 'eigen', whose
	 * rows keep the row as the file gave it (gegeven, JSON), its line, what
	 * was wrong with it (melding) and how it matched the registry
	 * (koppeling: bsn, onderwijsnummer, leerling_id, voorstel or onbekend;
	 * leerling_id '' when nobody). A suggestion counts once someone confirms
	 * it: a decision appended to tafel_bevestiging, never changed. And the
	 * retention of a dossier that reopened runs from its last closing. */
	"ALTER TABLE tafel ADD COLUMN bron TEXT NOT NULL DEFAULT 'registratie' CHECK (bron IN ('registratie', 'eigen'));\n"
	"ALTER TABLE tafel ADD COLUMN bestandsnaam TEXT;\n"
	"ALTER TABLE tafel_rij ADD COLUMN regel INTEGER;\n"
	"ALTER TABLE tafel_rij ADD COLUMN koppeling TEXT CHECK (koppeling IN ('bsn', 'onderwijsnummer', 'leerling_id',"
	" 'voorstel', 'onbekend'));\n"
	"ALTER TABLE tafel_rij ADD COLUMN gegeven TEXT;\n"
	"ALTER TABLE tafel_rij ADD COLUMN melding TEXT;\n"
	"CREATE TABLE tafel_bevestiging (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  tafel_id INTEGER NOT NULL REFERENCES tafel(id),\n"
	"  regel INTEGER NOT NULL,\n"
	"  besluit TEXT NOT NULL CHECK (besluit IN ('bevestigd', 'afgewezen')),\n"
	"  vastgelegd_op TEXT NOT NULL,\n"
	"  gebruiker_id INTEGER,\n"
	"  gebruikersnaam TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX tafel_bevestiging_tafel ON tafel_bevestiging (tafel_id, regel, id);\n"
	"CREATE TRIGGER tafel_bevestiging_vast BEFORE UPDATE ON tafel_bevestiging BEGIN"
	" SELECT RAISE(ABORT, 'een bevestiging ligt vast'); END;\n"
	/* After the return (SPEC 6) a dossier reopens for a new absence: a
	 * closing that a reopening followed no longer starts the retention. */
	"DROP TRIGGER gebeurtenis_blijft;\n"
	"CREATE TRIGGER gebeurtenis_blijft BEFORE DELETE ON gebeurtenis WHEN NOT EXISTS (SELECT 1 FROM gebeurtenis g"
	" JOIN stroom s ON s.id = g.stroom_id WHERE g.stroom_id = OLD.stroom_id AND s.soort = 'dossier'"
	" AND g.soort = 'sluiting' AND g.datum < date((SELECT waarde FROM instelling WHERE naam = 'dossier_opruimdag'),"
	" '-' || (SELECT waarde FROM instelling WHERE naam = 'dossier_bewaardagen') || ' days')"
	" AND NOT EXISTS (SELECT 1 FROM gebeurtenis h WHERE h.stroom_id = g.stroom_id AND h.soort = 'heropening'"
	" AND h.id > g.id))"
	" BEGIN SELECT RAISE(ABORT, 'gebeurtenissen kunnen niet worden verwijderd'); END;\n"
	/* The meeting (SPEC 6): per child discussed at the tafel of a list, what
	 * was decided, the next step, by whom and by when; and, at a later
	 * tafel, whether the step of an earlier decision happened (vorige_id,
	 * gedaan). Never changed. */
	"CREATE TABLE tafel_bespreking (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  tafel_id INTEGER NOT NULL REFERENCES tafel(id),\n"
	"  leerling_id TEXT NOT NULL,\n"
	"  besluit TEXT NOT NULL, volgende_stap TEXT NOT NULL, door TEXT NOT NULL, uiterlijk TEXT NOT NULL,\n"
	"  vorige_id INTEGER REFERENCES tafel_bespreking(id),\n"
	"  gedaan INTEGER CHECK (gedaan IN (0, 1)),\n"
	"  vastgelegd_op TEXT NOT NULL, gebruiker_id INTEGER, gebruikersnaam TEXT NOT NULL, organisatie TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX tafel_bespreking_tafel ON tafel_bespreking (tafel_id, id);\n"
	"CREATE UNIQUE INDEX tafel_bespreking_vorige ON tafel_bespreking (vorige_id) WHERE vorige_id IS NOT NULL;\n"
	"CREATE TRIGGER tafel_bespreking_vast BEFORE UPDATE ON tafel_bespreking BEGIN"
	" SELECT RAISE(ABORT, 'een besluit van de tafel ligt vast'); END;\n",
	/* 10: the agenda of the thuiszitterstafel - which children of
	 * leerplicht's list are discussed, in which order. Set again as a whole
	 * (a new versie); the latest versie counts, the earlier ones stay. */
	"CREATE TABLE tafel_agenda (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  tafel_id INTEGER NOT NULL REFERENCES tafel(id),\n"
	"  versie INTEGER NOT NULL,\n"
	"  volgorde INTEGER NOT NULL,\n"
	"  leerling_id TEXT NOT NULL,\n"
	"  vastgelegd_op TEXT NOT NULL, gebruiker_id INTEGER, gebruikersnaam TEXT NOT NULL,\n"
	"  UNIQUE (tafel_id, versie, volgorde), UNIQUE (tafel_id, versie, leerling_id)\n"
	");\n"
	"CREATE TRIGGER tafel_agenda_vast BEFORE UPDATE ON tafel_agenda BEGIN"
	" SELECT RAISE(ABORT, 'een agenda van de tafel ligt vast'); END;\n",
	/* 11: one child, one record (issue 14): a pupil registered twice is
	 * merged into the surviving record (naar) by a beheerder, with a reason.
	 * The merged id stays resolvable; its current facts were carried over in
	 * the batch, its dossiers point to the survivor, and its history, audit
	 * entries and fixed tafel lists stay under the old id and are read with
	 * the survivor's. Never changed or removed. */
	"CREATE TABLE samenvoeging (\n"
	"  leerling_id TEXT PRIMARY KEY,\n"
	"  naar TEXT NOT NULL,\n"
	"  batch INTEGER NOT NULL REFERENCES batch(id),\n"
	"  door TEXT NOT NULL,\n"
	"  reden TEXT NOT NULL,\n"
	"  tijdstip TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX samenvoeging_naar ON samenvoeging (naar);\n"
	"CREATE TRIGGER samenvoeging_vast BEFORE UPDATE ON samenvoeging BEGIN"
	" SELECT RAISE(ABORT, 'een samenvoeging ligt vast'); END;\n"
	"CREATE TRIGGER samenvoeging_blijft BEFORE DELETE ON samenvoeging BEGIN"
	" SELECT RAISE(ABORT, 'een samenvoeging ligt vast'); END;\n",
	/* 12: reminders by e-mail (issue 14): per account whether it wants the
	 * daily digest and at which address, and per account and server day
	 * that its digest went out, so a restart does not send it twice. */
	"CREATE TABLE herinnering_instelling (\n"
	"  gebruiker_id INTEGER PRIMARY KEY REFERENCES gebruiker(id),\n"
	"  aan INTEGER NOT NULL CHECK (aan IN (0, 1)),\n"
	"  email TEXT NOT NULL,\n"
	"  gewijzigd_op TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE herinnering_verzonden (\n"
	"  gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),\n"
	"  dag TEXT NOT NULL,\n"
	"  verzonden_op TEXT NOT NULL,\n"
	"  PRIMARY KEY (gebruiker_id, dag)\n"
	");\n",
	/* 13: the write path without full scans (issue 17): a correction reads the time of
	 * the last batch (one batch per correction, so the table grows with
	 * every write) and, when it changes a pupil's identity, whether another
	 * current pupil has the BSN or onderwijsnummer - each a scan of millions
	 * of rows inside the write transaction at national scale. */
	"CREATE INDEX batch_recorded ON batch (recorded_at);\n"
	"CREATE INDEX leerlingen_bsn ON leerlingen (bsn) WHERE v_until IS NULL;\n"
	"CREATE INDEX leerlingen_onderwijsnummer ON leerlingen (onderwijsnummer) WHERE v_until IS NULL;\n",
	/* 14: several servers, one registry (issue 16): the login limits
	 * (src/http/ratelimit.c) kept here instead of in one process's memory,
	 * so that failed logins count whichever process they reach. One row per
	 * key the limiter counts by (per account, per address, per activation
	 * name), stored as its SHA-256 so that the table names no account or
	 * address; the times are seconds since 1970 of the server's clock,
	 * every count and window worked out in C (store_login_limit). A row
	 * untouched for longer than the window is removed. */
	"CREATE TABLE inlogpoging (\n"
	"  sleutel TEXT PRIMARY KEY,\n"
	"  mislukt TEXT NOT NULL,\n"	       /* the failures in the window, oldest first, space separated */
	"  geblokkeerd_tot INTEGER NOT NULL,\n" /* 0, or the second the lock ends */
	"  bezig INTEGER NOT NULL,\n"	       /* tries let through whose check is under way */
	"  bezig_sinds INTEGER NOT NULL,\n"     /* when the last of them began */
	"  bijgewerkt INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX inlogpoging_bijgewerkt ON inlogpoging (bijgewerkt);\n",
	/* 15: the database guards what matters (issue 16): on PostgreSQL the
	 * settings of the audit chain become the schema owner's (row level
	 * security, migrations_pg.h). SQLite has no roles - whoever may open
	 * the file may write all of it - so here nothing changes: a version
	 * without a statement, to keep one version per version. */
	"-- nothing: SQLite has no roles\n",
};

#define MIGRATION_COUNT ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))

#endif
