// Doubtful rows (SPEC 3.1) are imported and said: the upload job lists and
// counts its warnings; a correction that would only warn is accepted and
// answers with its warnings; a rule of SPEC 3.1 still refuses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLE, loggedIn, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

// The example dataset with three doubtful rows appended.
const EXTRA = {
  'meldingen.csv': 'U01,03LX,00,2026-01-01,2026-02-01,verzuim\n',
  'aanbod.csv': 'U27,2026-10-01,2026-09-01,onderwijs\n',
  'swv_gemeenten.csv': 'VO2601,GM0344\n',
};

function uploadForm() {
  const form = new FormData();
  for (const f of readdirSync(EXAMPLE)) {
    const text = readFileSync(join(EXAMPLE, f), 'utf8') + (EXTRA[f] ?? '');
    form.append(f, new Blob([text]), f);
  }
  return form;
}

async function finished(admin, loc) {
  for (let i = 0; i < 400; i++) {
    const r = await admin.request('GET', loc);
    assert.equal(r.status, 200);
    if (r.data.status !== 'bezig') return r.data;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('the upload did not finish');
}

test('the upload job imports doubtful rows and lists and counts their warnings', async () => {
  const admin = await loggedIn(srv.base, 'beheerder');
  const r = await admin.request('POST', '/api/datasets', { body: uploadForm() });
  assert.equal(r.status, 202, r.text);
  const job = await finished(admin, r.data.voortgang);
  assert.equal(job.status, 'klaar', JSON.stringify(job));
  assert.equal(job.resultaat.waarschuwingen, 3);
  assert.ok(job.resultaat.toegevoegd >= 2, 'the warned rows were imported');
  assert.deepEqual(job.waarschuwingen, [
    'swv_gemeenten.csv, regel 8: de combinatie VO2601, GM0344 komt al voor op regel 5; een keer overgenomen',
    'meldingen.csv, regel 8, kolom eerste_verzuimdag: eerste verzuimdag ligt na de datum van de melding',
    'aanbod.csv, regel 5, kolom plaats_per: plaats_per ligt voor de datum van het aanbod',
  ]);
  // The place per 2026-09-01 answers U27's absence since 2026-01-12.
  const lp = await loggedIn(srv.base, 'leerplicht_out');
  for (let i = 0; i < 100; i++) {
    const s = await lp.request('GET', '/api/status?peildatum=2026-11-01');
    const u27 = s.data.find((x) => x.leerling_id === 'U27');
    if (u27 && u27.zonder_passend_aanbod === false) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.fail('U27 still zonder passend aanbod');
});

test('a correction that would only warn is accepted and answers with its warnings', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const r = await school.request('POST', '/api/leerlingen/U03/meldingen', {
    json: { brin: '01KF', vestiging: '00', datum_melding: '2026-03-01', eerste_verzuimdag: '2026-03-02', soort: 'verzuim' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.data.waarschuwingen, ['meldingen, eerste_verzuimdag: eerste verzuimdag ligt na de datum van de melding']);
  const clean = await school.request('POST', '/api/leerlingen/U03/meldingen', {
    json: { brin: '01KF', vestiging: '00', datum_melding: '2026-03-20', eerste_verzuimdag: '2026-03-02' } });
  assert.equal(clean.status, 201, clean.text);
  assert.deepEqual(clean.data.waarschuwingen, []);
});

test('SPEC 3.1 still refuses: a verleend vrijstelling needs a van; a request not granted may have a tot alone', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const V = '/api/leerlingen/U03/vrijstellingen';
  const refused = await lp.request('POST', V, { json: { grond: '5b', status: 'verleend', aanvraagdatum: '2026-10-01', tot: '2027-07-31' } });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.data.fout, /een verleende vrijstelling moet een begindatum \(van\) hebben/);
  const asked = await lp.request('POST', V, { json: { grond: '5b', status: 'aangevraagd', aanvraagdatum: '2026-10-01', tot: '2027-07-31' } });
  assert.equal(asked.status, 201, asked.text);
  assert.deepEqual(asked.data.waarschuwingen, []);
});
