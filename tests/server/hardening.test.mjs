// The holes of issue 11, finding 7 ("Low"), each closed: the login limit
// under parallel tries, an account ended from the command line, a chunked
// body refused while it arrives, %00 in a query value, HTTP/1.1 without
// Host, and the JSON media type matched exactly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { BIN, Client, loggedIn, PASSWORD, startServer, USERS } from './harness.mjs';

let srv;
const users = { ...USERS, parallel_doel: ['swv', 'VO2601'], cli_einde: ['leerplicht', 'GM0344'] };
before(async () => { srv = await startServer({ users }); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

// One raw HTTP exchange: what the server answers to `head` (and the body
// chunks of `write`, if given), as text; '' when it closed without a word.
function raw(head, write) {
  const { port } = new URL(srv.base);
  return new Promise((ok, fail) => {
    const s = connect(Number(port), '127.0.0.1');
    let got = '', sent = 0, done = false;
    // The bound on an exchange that never ends; cleared when it ends, or its
    // timer alone keeps this file's process (and node --test) waiting 60 s.
    const bound = setTimeout(() => { if (!done) { done = true; s.destroy(); fail(new Error('no answer in 60 s')); } }, 60000);
    const finish = () => { if (!done) { done = true; clearTimeout(bound); s.destroy(); ok({ text: got, sent }); } };
    s.on('data', (d) => { got += d; if (/\r\n\r\n/.test(got)) setTimeout(finish, 50); });
    s.on('error', finish);
    s.on('close', finish);
    s.on('connect', async () => {
      s.write(head);
      if (!write) return;
      try { sent = await write(s, () => done || got.length > 0); } catch { /* closed under us */ }
    });
  });
}

test('HTTP/1.1 without Host is refused with 400; with Host, or HTTP/1.0, it is answered', async () => {
  const none = await raw('GET /gezondheid HTTP/1.1\r\nConnection: close\r\n\r\n');
  assert.match(none.text, /^HTTP\/1\.1 400/);
  assert.match(none.text, /host_ontbreekt/);
  const withHost = await raw('GET /gezondheid HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  assert.match(withHost.text, /^HTTP\/1\.1 200/);
  const old = await raw('GET /gezondheid HTTP/1.0\r\n\r\n');
  assert.match(old.text, /^HTTP\/1\.[01] 200/);
});

test('%00 in a query value is refused, not cut and accepted', async () => {
  const c = await loggedIn(srv.base, 'analist_in');
  assert.equal((await c.request('GET', '/api/telling?peildatum=2026-11-01&per=gemeente')).status, 200);
  const cut = await c.request('GET', '/api/telling?peildatum=2026-11-01%00junk&per=gemeente');
  assert.equal(cut.status, 400, cut.text);
  assert.equal(cut.data.code, 'ongeldige_parameter');
  assert.equal((await c.request('GET', '/api/telling?peildatum=2026-11-01&per=gemeente%00')).status, 400);
});

test('the JSON body needs the media type application/json exactly, parameters allowed', async () => {
  const login = (type) => new Client(srv.base).request('POST', '/api/sessie', {
    body: JSON.stringify({ gebruikersnaam: 'school_in', wachtwoord: PASSWORD }), headers: { 'Content-Type': type } });
  for (const type of ['application/jsonx', 'application/json-patch+json', 'application/json/evil', 'application/jsonp; x=1'])
    assert.equal((await login(type)).status, 415, type);
  for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])
    assert.equal((await login(type)).status, 200, type);
});

test('an unauthenticated chunked body to /api/sessie is refused while it arrives, not read to the end', async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const total = 40 * 1024 * 1024;
  const r = await raw('POST /api/sessie HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n', async (s, stop) => {
    let sent = 0;
    while (sent < total && !stop() && !s.destroyed) {
      const ok = s.write(chunk.length.toString(16) + '\r\n') && s.write(chunk) && s.write('\r\n');
      sent += chunk.length;
      if (!ok) await new Promise((go) => { s.once('drain', go); s.once('close', go); });
    }
    return sent;
  });
  // libmicrohttpd cannot queue an answer while a body arrives: the server
  // stops reading and closes the connection (the request log says 413).
  assert.ok(r.text === '' || /^HTTP\/1\.1 413/.test(r.text), `the answer: ${r.text.slice(0, 80)}`);
  assert.ok(r.sent < 8 * 1024 * 1024, `the server read ${r.sent} bytes before refusing (the limit is 64 KiB)`);
});

test('inbeeld gebruiker --inactief ends the sessions of a running server at once', async () => {
  const c = await loggedIn(srv.base, 'cli_einde');
  assert.equal((await c.request('GET', '/api/sessie')).status, 200);
  assert.equal((await c.request('GET', '/api/sessie')).status, 200); // now kept in memory
  execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'cli_einde', '--rol', 'leerplicht', '--scope', 'GM0344', '--inactief'],
    { input: '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const r = await c.request('GET', '/api/sessie');
  assert.equal(r.status, 401, 'the session still worked after the account was made inactive');
  assert.equal((await new Client(srv.base).login('cli_einde')).status, 401);
});

// Last: it uses up failures of this test's address.
test('32 parallel wrong logins get at most 5 password checks', async () => {
  const tries = await Promise.all(Array.from({ length: 32 }, () => new Client(srv.base).login('parallel_doel', 'fout-wachtwoord')));
  const checked = tries.filter((r) => r.status === 401).length;
  const refused = tries.filter((r) => r.status === 429).length;
  assert.equal(checked + refused, 32, tries.map((r) => r.status).join(' '));
  assert.ok(checked <= 5, `${checked} password checks for one account (limit 5)`);
  assert.equal((await new Client(srv.base).login('parallel_doel')).status, 429, 'the account is locked');
});
