// The API's messages name a field in words, as a form shows it ("Met wie
// ontbreekt"), never by its key; the machine codes stay as they were.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TODAY, freshDossier, loggedIn, startServer } from './harness.mjs';

let srv, api;
before(async () => {
  srv = await startServer({ spares: 2 });
  api = { school: await loggedIn(srv.base, 'school_in'), leerplicht: await loggedIn(srv.base, 'leerplicht_in') };
});
after(async () => { assert.equal((await srv.stop()).code, 0); });

async function says(client, method, path, json, status, code, words) {
  const r = await client.request(method, path, { json });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  assert.equal(r.data.code, code);
  assert.match(r.data.fout, words);
  assert.doesNotMatch(r.data.fout, /veld '|\b(met_wie|datum_melding|eerste_verzuimdag|in_onderzoek)\b|\((van|bsn)\)|\(van, tot\)/,
    'no field key in the message');
}

test('the input checks and the fact rules say the field in words, with the codes unchanged', async () => {
  const { dossier } = await freshDossier(srv.base, api, '2026-11-16');
  const contact = `/api/dossiers/${dossier}/contacten`;
  await says(api.leerplicht, 'POST', contact, { datum: TODAY, omschrijving: 'x' }, 400, 'veld_ontbreekt', /^Met wie ontbreekt$/);
  await says(api.leerplicht, 'POST', contact, { datum: TODAY, met_wie: 'o'.repeat(4001), omschrijving: 'x' }, 400,
    'verkeerd_type', /^Met wie is te lang of bevat stuurtekens: hoogstens 4000 tekens$/);
  await says(api.leerplicht, 'POST', contact, { datum: '2099-01-01', met_wie: 'ouders', omschrijving: 'x' }, 400,
    'ongeldige_datum', /^Datum ligt in de toekomst$/);
  await says(api.leerplicht, 'POST', contact, { datum: '2026-02-30', met_wie: 'ouders', omschrijving: 'x' }, 400,
    'ongeldige_datum', /^Datum verwacht een bestaande datum \(JJJJ-MM-DD\)$/);
  const melding = '/api/leerlingen/U03/meldingen';
  await says(api.school, 'POST', melding, { brin: '01KF', vestiging: '00', eerste_verzuimdag: '2026-11-02' }, 400,
    'veld_ontbreekt', /^Datum van de melding ontbreekt$/);
  await says(api.school, 'POST', '/api/leerlingen/U03/verzuim', { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-10', tot: '2026-11-01' },
    422, 'ongeldig', /^Tot en met: /);
  await says(api.school, 'POST', '/api/leerlingen/U03/verzuim', { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2012-01-09', tot: '2012-01-10' },
    403, 'buiten_inschrijving', /verzuimperiode \(van en tot en met\) valt buiten de inschrijving/);
  await says(api.leerplicht, 'POST', '/api/leerlingen/U03/woonadressen', { gemeentecode: 'GM0344', van: '2001-01-01', tot: '2001-12-31' },
    409, 'woonadres_uit_brp', /markeer het adres als in onderzoek \(adres in onderzoek\)/i);
});
