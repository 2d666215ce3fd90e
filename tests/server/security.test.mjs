// CSRF, login rate limiting, security headers, revocation and expiry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, loggedIn, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer({ extraArgs: ['--sessie-inactief', '2'] }); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

const V = '/api/leerlingen/U09/verzuim';
const body = { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-12-01' };

test('state changes need the session CSRF token and the same origin', async () => {
  // Both logins first: a login's Argon2id check takes a while on a loaded machine, and this server ends a session
  // idle for 2 s (--sessie-inactief 2), which would answer 401 instead of the 403 asserted here.
  const other = await loggedIn(srv.base, 'leerplicht_in'); // another session's token does not fit
  const c = await loggedIn(srv.base, 'school_in');
  assert.equal((await c.request('POST', V, { json: body, csrf: false })).status, 403);
  assert.equal((await c.request('POST', V, { json: body, csrf: false, headers: { 'X-CSRF-Token': 'a'.repeat(43) } })).status, 403);
  assert.equal((await c.request('POST', V, { json: body, csrf: false, headers: { 'X-CSRF-Token': other.csrf } })).status, 403);
  assert.equal((await c.request('POST', V, { json: body, headers: { Origin: 'https://kwaadaardig.example' } })).status, 403);
  assert.equal((await c.request('POST', V, { json: body, headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
  const ok = await c.request('POST', V, { json: body, headers: { Origin: srv.base, 'Sec-Fetch-Site': 'same-origin' } });
  assert.equal(ok.status, 201);
  const cross = await new Client(srv.base).request('POST', '/api/sessie', {
    json: { gebruikersnaam: 'school_in', wachtwoord: 'een-lang-genoeg-wachtwoord' }, headers: { 'Sec-Fetch-Site': 'cross-site' } });
  assert.equal(cross.status, 403, 'no login from another site');
});

test('security headers on every answer', async () => {
  const c = await loggedIn(srv.base, 'analist_in').catch(() => new Client(srv.base));
  for (const p of ['/gezondheid', '/api/telling?peildatum=2026-11-01&per=gemeente', '/api/bestaat-niet']) {
    const r = await c.request('GET', p);
    assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('a revoked or idle session is over', async () => {
  // Both logins at once: one after the other, a login's Argon2id on a
  // loaded machine takes longer than this server's idle limit of 2 s, and the
  // first session would be over before the revocation is tried.
  const [victim, admin] = await Promise.all([loggedIn(srv.base, 'leerplicht_out'), loggedIn(srv.base, 'beheerder')]);
  assert.equal((await victim.request('GET', '/api/sessie')).status, 200);
  const users = (await admin.request('GET', '/api/gebruikers')).data;
  const id = users.find((u) => u.naam === 'leerplicht_out').id;
  assert.equal((await admin.request('POST', `/api/gebruikers/${id}/sessies-intrekken`)).status, 200);
  assert.equal((await victim.request('GET', '/api/sessie')).status, 401);
  const idle = await loggedIn(srv.base, 'school_out');
  assert.equal((await idle.request('GET', '/api/sessie')).status, 200);
  await new Promise((ok) => setTimeout(ok, 3200)); // --sessie-inactief 2
  assert.equal((await idle.request('GET', '/api/sessie')).status, 401);
});

// Last: it locks this test's address out.
test('failed logins are limited per account and per address', async () => {
  const c = new Client(srv.base);
  for (let i = 0; i < 5; i++) assert.equal((await c.login('swv_out', 'fout')).status, 401);
  const locked = await c.login('swv_out');
  assert.equal(locked.status, 429, 'even the right password waits');
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assert.equal((await c.login('swv_in')).status, 200, 'other accounts are not locked');
  // Per address: 20 failures over many accounts lock the address.
  for (let i = 0; i < 20; i++) await c.login(`poging${i}`, 'fout');
  assert.equal((await c.login('analist_in')).status, 429);
});
