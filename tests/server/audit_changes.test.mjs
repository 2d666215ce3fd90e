// Every change has its audit entry, written in the change's own transaction
// (issue 11, finding 4): `inbeeld audit controleer` checks the hash chain and
// that every correctie batch and every case event is named by an entry, and
// names what is missing when one was removed - also the last one, whose
// removal leaves the chain whole. The kill test (tests/security/audit_kill.mjs)
// shows that crashes leave none missing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, TODAY, loggedIn, sql, sqlByKind, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

function controleer() {
  try {
    return { code: 0, out: execFileSync(BIN, ['audit', 'controleer', '--db', srv.db], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    return { code: e.status, out: String(e.stderr) };
  }
}

// Tampering as someone with the database file (or the database's owner)
// could: the triggers go first.
function removeEntry(id) {
  sqlByKind(srv.db, {
    sqlite: `DROP TRIGGER IF EXISTS audit_retention; DELETE FROM audit WHERE id = ${id};`,
    pg: `DROP TRIGGER IF EXISTS audit_retention ON audit; DELETE FROM audit WHERE id = ${id};`,
  });
}

// The entries with details, read in JS (no json_extract in the SQL both
// backends speak): { id, gebruikersnaam, rol, leerling ('-': none), details }.
function entries() {
  const out = sql(srv.db, "SELECT id, gebruikersnaam, rol, coalesce(leerling_id, '-'), details FROM audit WHERE details IS NOT NULL ORDER BY id");
  return out.split('\n').filter(Boolean).map((l) => {
    const [id, gebruikersnaam, rol, leerling, ...details] = l.split('|');
    return { id: Number(id), gebruikersnaam, rol, leerling, details: JSON.parse(details.join('|')) };
  });
}

test('a change carries its entry; controleer names a correction whose entry is gone', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const r = await school.request('POST', '/api/leerlingen/U09/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-10' } });
  assert.equal(r.status, 201);
  const mine = entries().filter((e) => e.details.registratie === r.data.registratie);
  assert.equal(mine.length, 1, 'one entry names the change');
  const entry = mine[0].details;
  assert.equal(entry.registratie, r.data.registratie);
  const ok = controleer();
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /hashketen klopt, alle \d+ wijzigingen hebben een auditregel/);

  removeEntry(mine[0].id);
  const bad = controleer();
  assert.equal(bad.code, 1);
  assert.match(bad.out, new RegExp(`de correctie met registratie ${r.data.registratie} \\(vastgelegd op [0-9T:-]+\\) heeft geen auditregel`));
  assert.match(bad.out, /het auditlog is onvolledig: 1 van de \d+ wijzigingen hebben geen auditregel/);
});

test('controleer names a case event whose entry is gone, the automatic opening of a dossier included', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const d = (await lp.request('GET', '/api/dossiers?status=alle')).data.find((x) => x.leerling_id === 'U03');
  const opening = sql(srv.db, `SELECT id FROM gebeurtenis WHERE stroom_id = ${d.id} AND soort = 'opening'`);
  const byRegistry = entries().filter((e) => e.details.gebeurtenis === Number(opening))
    .map((e) => [e.gebruikersnaam, e.rol, e.leerling, e.details.leerling].join('|')).join('\n');
  assert.equal(byRegistry, 'inbeeld|systeem|-|U03', 'the registry opened it, and said so (not among what people did with U03)');
  const r = await lp.request('POST', `/api/dossiers/${d.id}/notities`, { json: { datum: TODAY, tekst: 'gebeld met school' } });
  assert.equal(r.status, 201);
  const last = sql(srv.db, 'SELECT max(id) FROM audit');
  assert.equal(JSON.parse(sql(srv.db, `SELECT details FROM audit WHERE id = ${last}`)).gebeurtenis, r.data.gebeurtenis_id);
  removeEntry(last); // the last entry: the chain stays whole
  const bad = controleer();
  assert.equal(bad.code, 1);
  assert.doesNotMatch(bad.out, /aangetast/, 'the chain itself is whole');
  assert.match(bad.out, new RegExp(`de dossiergebeurtenis ${r.data.gebeurtenis_id} \\(vastgelegd op [0-9T:-]+\\) heeft geen auditregel`));
});
