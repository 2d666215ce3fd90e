// TLS, secure cookies, graceful shutdown, and the OpenAPI document.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';
import { loggedIn, startServer } from './harness.mjs';

test('SIGTERM: running requests finish, the server exits 0', async () => {
  const srv = await startServer();
  const c = await loggedIn(srv.base, 'leerplicht_in');
  const pending = Promise.all(Array.from({ length: 8 }, () => c.request('GET', '/api/status?peildatum=2026-11-01')));
  await new Promise((ok) => setTimeout(ok, 5));
  srv.proc.kill('SIGTERM');
  const rs = await pending.catch(() => []);
  for (const r of rs) assert.equal(r.status, 200);
  const end = await srv.stop();
  assert.equal(end.code, 0);
  assert.match(srv.log(), /SIGTERM ontvangen/);
  assert.match(srv.log(), /gestopt/);
});

test('over TLS the session cookie is Secure and HSTS is sent', async (t) => {
  try { execFileSync('openssl', ['version']); } catch { t.skip('openssl ontbreekt'); return; }
  const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
  const cert = join(dir, 'cert.pem'), key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const srv = await startServer({ extraArgs: ['--tls-cert', cert, '--tls-key', key] });
  const res = await new Promise((ok, fail) => {
    const req = request(`${srv.base}/api/sessie`, { method: 'POST', rejectUnauthorized: false,
      headers: { 'Content-Type': 'application/json' } }, (r) => { r.resume(); r.on('end', () => ok(r)); });
    req.on('error', fail);
    req.end(JSON.stringify({ gebruikersnaam: 'school_in', wachtwoord: 'een-lang-genoeg-wachtwoord' }));
  });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['set-cookie'][0], /; Secure/);
  assert.match(res.headers['strict-transport-security'], /max-age=/);
  assert.equal((await srv.stop()).code, 0);
  execFileSync('rm', ['-rf', dir]);
});
