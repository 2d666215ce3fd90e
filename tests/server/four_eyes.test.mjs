// Four eyes on accounts (issue 11, finding 5): the beheerder never knows or
// sets another user's password; an account that reaches personal data, a
// widening and a password reset take effect only when a second, different
// beheerder confirms; the user sets the password with a one-time code; every
// step is in the audit log.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, Client, PASSWORD, loggedIn, sql, startServer } from './harness.mjs';

let srv, a, b;
before(async () => {
  srv = await startServer({ users: { beheerder: ['beheerder', '*'], leerplicht_in: ['leerplicht', 'GM0344'] } });
  execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'beheerder_b', '--rol', 'beheerder', '--scope', '*'],
    { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  a = await loggedIn(srv.base, 'beheerder');
  b = await loggedIn(srv.base, 'beheerder_b');
});
after(async () => { assert.equal((await srv.stop()).code, 0); });

const activate = (naam, code, wachtwoord = 'door-mij-gekozen-wachtwoord') =>
  new Client(srv.base).request('POST', '/api/activeren', { json: { gebruikersnaam: naam, code, wachtwoord } });
// (details read in JS: no json_extract in the SQL both backends speak)
const steps = (naam) => sql(srv.db, `SELECT gebruikersnaam, details FROM audit WHERE actie = 'gebruikersbeheer' ORDER BY id`)
  .split('\n').filter(Boolean).map((l) => { const [who, ...d] = l.split('|'); return [who, JSON.parse(d.join('|') || 'null')]; })
  .filter(([, d]) => d && d.gebruiker === naam).map(([who, d]) => `${who}:${d.stap ?? ''}`);

test('a beheerder alone cannot make an account that reads children, nor give it a password', async () => {
  const withPassword = await a.request('POST', '/api/gebruikers', { json: { naam: 'lp.regio', rol: 'leerplicht', scope: 'GM0344,GM0310,GM0355', wachtwoord: PASSWORD } });
  assert.equal(withPassword.status, 400, 'a password is no field of an account request');
  const made = await a.request('POST', '/api/gebruikers', { json: { naam: 'lp.regio', rol: 'leerplicht', scope: 'GM0344,GM0310,GM0355' } });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.data.vier_ogen, true);
  assert.equal(made.data.status, 'wacht_op_bevestiging');
  assert.equal((await new Client(srv.base).login('lp.regio', PASSWORD)).status, 401, 'no password, inactive');
  // The first beheerder has the first half only: not enough, and cannot confirm.
  const early = await activate('lp.regio', made.data.code);
  assert.equal(early.status, 409);
  assert.match(early.data.fout, /tweede beheerder/);
  const self = await a.request('POST', `/api/gebruikersverzoeken/${made.data.verzoek}/bevestiging`);
  assert.equal(self.status, 403);
  assert.match(self.data.fout, /u vroeg dit zelf aan/);
  const open = (await b.request('GET', '/api/gebruikersverzoeken?open=1')).data;
  assert.ok(open.some((q) => q.id === made.data.verzoek && q.gebruiker === 'lp.regio' && q.scope === 'GM0310,GM0344,GM0355'));
  const ok = await b.request('POST', `/api/gebruikersverzoeken/${made.data.verzoek}/bevestiging`);
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.data.code, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  assert.equal((await b.request('POST', `/api/gebruikersverzoeken/${made.data.verzoek}/bevestiging`)).status, 409, 'decided once');
  // Either half alone fails; both, typed in any spacing, set the user's own password once.
  assert.equal((await activate('lp.regio', made.data.code)).status, 401);
  assert.equal((await activate('lp.regio', ok.data.code)).status, 401);
  const both = `${made.data.code} ${ok.data.code}`.toLowerCase();
  assert.equal((await activate('lp.regio', both, 'kort')).status, 400);
  assert.equal((await activate('lp.regio', both)).status, 200);
  assert.equal((await activate('lp.regio', both, 'nog-een-ander-wachtwoord')).status, 401, 'a code works once');
  assert.equal((await new Client(srv.base).login('lp.regio', 'door-mij-gekozen-wachtwoord')).status, 200);
  assert.deepEqual(steps('lp.regio'), ['beheerder:aanvraag', 'beheerder_b:bevestiging', 'lp.regio:code_gebruikt']);
});

test('a password reset needs the user and two beheerders; the old password and sessions end', async () => {
  const user = await loggedIn(srv.base, 'leerplicht_in');
  const id = (await a.request('GET', '/api/gebruikers')).data.find((u) => u.naam === 'leerplicht_in').id;
  assert.equal((await a.request('PUT', `/api/gebruikers/${id}`, { json: { wachtwoord: 'door-de-beheerder-gezet' } })).status, 400,
    'a beheerder cannot set a password');
  const asked = await a.request('POST', `/api/gebruikers/${id}/herstel`);
  assert.equal(asked.status, 201, asked.text);
  assert.equal((await activate('leerplicht_in', asked.data.code)).status, 409);
  const refused = await b.request('POST', `/api/gebruikersverzoeken/${asked.data.verzoek}/afwijzing`);
  assert.equal(refused.status, 200);
  assert.equal((await activate('leerplicht_in', asked.data.code)).status, 401, 'refused: the code is dead');
  const again = await a.request('POST', `/api/gebruikers/${id}/herstel`);
  const ok = await b.request('POST', `/api/gebruikersverzoeken/${again.data.verzoek}/bevestiging`);
  assert.equal((await user.request('GET', '/api/sessie')).status, 200, 'nothing changed before the user acts');
  assert.equal((await activate('leerplicht_in', again.data.code + ok.data.code, 'mijn-nieuwe-wachtwoord')).status, 200);
  assert.equal((await user.request('GET', '/api/sessie')).status, 401, 'the sessions ended');
  assert.equal((await new Client(srv.base).login('leerplicht_in', PASSWORD)).status, 401);
  assert.equal((await new Client(srv.base).login('leerplicht_in', 'mijn-nieuwe-wachtwoord')).status, 200);
  assert.deepEqual(steps('leerplicht_in'), ['beheerder:aanvraag', 'beheerder_b:afwijzing', 'beheerder:aanvraag',
    'beheerder_b:bevestiging', 'leerplicht_in:code_gebruikt']);
});

test('a wider scope waits for the second beheerder; a narrower one is at once', async () => {
  const id = (await a.request('GET', '/api/gebruikers')).data.find((u) => u.naam === 'lp.regio').id;
  const wider = await a.request('PUT', `/api/gebruikers/${id}`, { json: { scope: 'GM0344,GM0310,GM0355,GM0363' } });
  assert.equal(wider.status, 202, wider.text);
  const user = new Client(srv.base);
  assert.equal((await user.login('lp.regio', 'door-mij-gekozen-wachtwoord')).status, 200);
  assert.equal((await user.request('GET', '/api/sessie')).data.scope, 'GM0310,GM0344,GM0355', 'not yet');
  assert.equal((await a.request('POST', `/api/gebruikersverzoeken/${wider.data.verzoek}/bevestiging`)).status, 403);
  assert.equal((await b.request('POST', `/api/gebruikersverzoeken/${wider.data.verzoek}/bevestiging`)).status, 200);
  const now = (await a.request('GET', '/api/gebruikers')).data.find((u) => u.naam === 'lp.regio');
  assert.equal(now.scope, 'GM0310,GM0344,GM0355,GM0363');
  const role = await a.request('PUT', `/api/gebruikers/${id}`, { json: { rol: 'analist', scope: 'GM0344' } });
  assert.equal(role.status, 202, 'another role is wider too');
  const narrower = await a.request('PUT', `/api/gebruikers/${id}`, { json: { scope: 'GM0344' } });
  assert.equal(narrower.status, 200, narrower.text);
  assert.equal(narrower.data.scope, 'GM0344');
  assert.equal((await b.request('POST', `/api/gebruikersverzoeken/${role.data.verzoek}/bevestiging`)).status, 409,
    'a widening asked against the old terms is gone');
  // A beheerder cannot confirm a widening of their own account.
  const mine = (await a.request('GET', '/api/gebruikers')).data.find((u) => u.naam === 'beheerder_b').id;
  const own = await a.request('PUT', `/api/gebruikers/${mine}`, { json: { organisatie: 'Beheer elders' } });
  assert.equal(own.status, 202);
  const byOwner = await b.request('POST', `/api/gebruikersverzoeken/${own.data.verzoek}/bevestiging`);
  assert.equal(byOwner.status, 403);
  assert.match(byOwner.data.fout, /uw eigen account/);
});

test('an analist account (aggregates only) needs no second beheerder', async () => {
  const made = await a.request('POST', '/api/gebruikers', { json: { naam: 'analist.nieuw', rol: 'analist', scope: 'GM0344' } });
  assert.equal(made.status, 201);
  assert.equal(made.data.vier_ogen, false);
  assert.equal((await activate('analist.nieuw', made.data.code)).status, 200);
  assert.equal((await new Client(srv.base).login('analist.nieuw', 'door-mij-gekozen-wachtwoord')).status, 200);
});

test('the audit page shows each step of account management in words, to the beheerder only', async () => {
  const page = await a.request('GET', '/audit?aantal=200');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  for (const line of ['Aangevraagd (wacht op een tweede beheerder): nieuw account lp.regio (leerplicht, GM0310,GM0344,GM0355)',
    'Bevestigd door een tweede beheerder: nieuw account lp.regio',
    'Wachtwoord zelf gekozen met de eenmalige code: lp.regio',
    'Afgewezen door een tweede beheerder: wachtwoordherstel leerplicht_in',
    'Ingeperkt of gelijk gehouden: lp.regio (leerplicht, GM0344)'])
    assert.ok(page.text.includes(line), line);
  assert.match(page.text, /href="\/audit"/, 'in the navigation');
  const lp = new Client(srv.base);
  await lp.login('leerplicht_in', 'mijn-nieuwe-wachtwoord');
  assert.equal((await lp.request('GET', '/audit')).status, 403);
});
