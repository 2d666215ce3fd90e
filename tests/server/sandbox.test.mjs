// The server's sandbox (issue 11, src/http/sandbox.h), proved on a running
// server of the test build: what an attacker with code execution in a
// request thread would try - open a file outside its folders, run a
// program, ptrace another process, open a socket - fails and is logged
// (GET /_test/sandbox, compiled into the ASan build only); uploads live in
// the server's private temporary folder, which a start empties; started as
// root with --gebruiker it runs as that user.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect, createServer } from 'node:net';
import { BIN, DB_KIND, dropRegistry, EXAMPLE, freshRegistry, listening, loggedIn, PASSWORD, PG_ADMIN, reloaded, startServer, tmpArgs, TODAY } from './harness.mjs';

const landlockOn = (log) => /sandbox: Landlock \(ABI \d+\) actief/.test(log);

// A server of our own on db (the harness's imports a fresh registry).
async function serve(db, port, extra = []) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', TODAY, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  await listening(proc, () => log);
  return { proc, exited, log: () => log };
}

test('the sandbox holds on a request thread: no file outside, no exec, no ptrace, no socket - each logged', async (t) => {
  const srv = await startServer({ probe: true });
  const outside = mkdtempSync(join(tmpdir(), 'inbeeld-buiten-'));
  const secret = join(outside, 'geheim.txt');
  writeFileSync(secret, 'niet voor de server\n');
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    const r = await fetch(`${srv.base}/_test/sandbox?pad=${encodeURIComponent(secret)}&pid=${other.pid}`);
    assert.equal(r.status, 200, 'the test build answers the probe');
    const got = await r.json();
    // seccomp: on every kernel.
    assert.equal(got.uitvoeren.geweigerd, true, 'execve was allowed');
    assert.equal(got.uitvoeren.fout, 'Operation not permitted');
    assert.equal(got.socket.geweigerd, true, 'socket was allowed');
    await new Promise((ok) => setTimeout(ok, 100));
    assert.match(srv.log(), /inbeeld: sandbox: systeemaanroep execve geweigerd/);
    assert.match(srv.log(), /inbeeld: sandbox: systeemaanroep socket geweigerd/);
    assert.match(srv.log(), /sandbox-proef: uitvoeren van \/bin\/true: geweigerd/);
    // Landlock: only where the kernel has it (said at start-up otherwise).
    if (!landlockOn(srv.log())) {
      assert.match(srv.log(), /sandbox: deze kernel heeft geen Landlock/);
      t.skip('deze kernel heeft geen Landlock: openen buiten de mappen en ptrace niet bewezen (alleen seccomp)');
    } else {
      assert.equal(got.openen.geweigerd, true, 'a file outside the server\'s folders was opened');
      assert.equal(got.openen.fout, 'Permission denied');
      assert.match(srv.log(), /sandbox-proef: openen van .*geheim\.txt: geweigerd \(Permission denied\)/);
      assert.equal(got.ptrace.geweigerd, true, 'another process could be traced');
    }
    // The server goes on serving, its registry readable and writable.
    assert.equal((await fetch(`${srv.base}/gezondheid`)).status, 200);
    const c = await loggedIn(srv.base, 'school_in');
    assert.equal((await c.request('GET', '/api/leerlingen/U03')).status, 200);
    const w = await c.request('POST', '/api/leerlingen/U03/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-20' } });
    assert.equal(w.status, 201, w.text);
  } finally {
    other.kill();
    rmSync(outside, { recursive: true, force: true });
    assert.equal((await srv.stop()).code, 0);
  }
});

test('a killed upload leaves no pupil data in /tmp, and the next start empties the private folder', async () => {
  const srv = await startServer();
  const tmpBefore = new Set(readdirSync('/tmp').filter((n) => n.startsWith('inbeeld-upload-')));
  const priv = srv.tmp;
  assert.equal(statSync(priv).mode & 0o777, 0o700, 'the temporary folder is private');
  const admin = await loggedIn(srv.base, 'beheerder');
  const { port } = new URL(srv.base);
  const boundary = 'inbeeldgrens';
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/datasets', headers: {
    Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
  req.on('error', () => { /* the server is killed under it */ });
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="leerlingen.csv"; filename="leerlingen.csv"\r\n` +
    'Content-Type: text/csv\r\n\r\nleerling_id,bsn,onderwijsnummer,geboortedatum,voornaam,achternaam,startkwalificatie\r\n');
  const row = 'X1,,,2012-01-01,Geheime,Leerling,\r\n'.repeat(2000);
  let found = null;
  for (let i = 0; i < 400 && !found; i++) {
    req.write(row);
    await new Promise((ok) => setTimeout(ok, 10));
    for (const d of readdirSync(priv))
      if (existsSync(join(priv, d, 'leerlingen.csv')) && statSync(join(priv, d, 'leerlingen.csv')).size > 0) found = join(priv, d);
  }
  assert.ok(found, 'the upload is written into the private folder while it arrives');
  srv.proc.kill('SIGKILL');
  await new Promise((ok) => srv.proc.on('exit', ok));
  req.destroy();
  const tmpAfter = readdirSync('/tmp').filter((n) => n.startsWith('inbeeld-upload-') && !tmpBefore.has(n));
  assert.deepEqual(tmpAfter, [], 'an upload folder in /tmp');
  assert.ok(existsSync(join(found, 'leerlingen.csv')), 'killed, the server left its folder (emptied at the next start)');
  const again = await serve(srv.db, port, tmpArgs(srv.dir));
  try {
    assert.match(again.log(), /luistert op/, again.log());
    assert.deepEqual(readdirSync(priv), [], 'the next start empties the private folder');
  } finally {
    again.proc.kill('SIGTERM');
    assert.equal((await again.exited).code, 0);
    await srv.stop();
  }
});

test('a temporary folder that others may enter is refused at start', async () => {
  const srv = await startServer();
  const { port } = new URL(srv.base);
  srv.proc.kill('SIGTERM');
  await new Promise((ok) => srv.proc.on('exit', ok));
  const open = join(srv.dir, 'open-map');
  mkdirSync(open, { mode: 0o755 });
  const r = await serve(srv.db, port, ['--tijdelijk', open]);
  const end = await r.exited;
  assert.equal(end.code, 1, r.log());
  assert.match(r.log(), /tijdelijke map .*open-map is niet privé/);
  await srv.stop();
});

test('started as root with --gebruiker, the server runs as that user', async (t) => {
  if (process.getuid() !== 0) { t.skip('alleen als root te bewijzen'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-gebruiker-'));
  const db = freshRegistry(dir);
  execFileSync(BIN, ['import', '--db', db, '--stil', '--door', 'test', EXAMPLE]);
  execFileSync(BIN, ['gebruiker', '--db', db, '--naam', 'lp', '--rol', 'leerplicht', '--scope', 'GM0344'],
    { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const nogroup = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  for (const f of readdirSync(dir)) chownSync(join(dir, f), nobody, nogroup);
  chownSync(dir, nobody, nogroup);
  const port = 20000 + (process.pid % 20000);
  const s = await serve(db, port, ['--gebruiker', 'nobody', ...tmpArgs(dir)]);
  try {
    assert.match(s.log(), /luistert op/, s.log());
    const status = execFileSync('cat', [`/proc/${s.proc.pid}/status`], { encoding: 'utf8' });
    assert.match(status, new RegExp(`^Uid:\\s+${nobody}\\s+${nobody}\\s+${nobody}\\s+${nobody}$`, 'm'));
    assert.match(status, new RegExp(`^Gid:\\s+${nogroup}\\s+${nogroup}\\s+${nogroup}\\s+${nogroup}$`, 'm'));
    assert.match(status, /^Groups:\s*\d*\s*$/m);
    assert.match(status, /^NoNewPrivs:\s+1$/m);
    assert.match(status, /^Seccomp:\s+2$/m);
    const c = await loggedIn(`http://127.0.0.1:${port}`, 'lp'); // a session written as that user
    assert.equal((await c.request('GET', '/api/sessie')).status, 200);
  } finally {
    s.proc.kill('SIGTERM');
    assert.equal((await s.exited).code, 0, s.log());
    rmSync(dir, { recursive: true, force: true });
    dropRegistry(db);
  }
});

// A PostgreSQL registry (issue 16): the server reaches its database and
// nothing else - over the cluster's unix socket (seccomp: socket of AF_UNIX
// and connect; Landlock needs no folder for it, so the cluster's files stay
// closed), and over TCP (a TCP socket, Landlock the one port), connections
// opened after start-up (the snapshot's readers) included. Only with a
// cluster (make pg-server, $INBEELD_TEST_PG_ADMIN).
// The log without the refusals the probe provokes (execve, a TCP socket).
const beyondProbe = (log) => log.replace(/systeemaanroep (execve|socket) geweigerd/g, '');
const onPg = (t) => { if (DB_KIND !== 'pg') t.skip('alleen tegen PostgreSQL (make pg-server)'); return DB_KIND === 'pg'; };

test('on PostgreSQL over its unix socket: the cluster is reached, its folder is not, TCP stays closed', async (t) => {
  if (!onPg(t)) return;
  const srv = await startServer({ probe: true });
  const socketDir = new URL(PG_ADMIN).searchParams.get('host');
  try {
    assert.match(srv.log(), new RegExp(`verbinding via de socket in ${socketDir} \\(PostgreSQL\\)`));
    assert.match(srv.log(), /socket en connect alleen voor PostgreSQL\)/);
    const r = await fetch(`${srv.base}/_test/sandbox?pad=${encodeURIComponent(join(socketDir, 'data/PG_VERSION'))}&poort=${new URL(srv.base).port}`);
    const got = await r.json();
    assert.equal(got.socket.geweigerd, true, 'a TCP socket was allowed for a unix-socket registry');
    if (landlockOn(srv.log())) assert.equal(got.openen.geweigerd, true, 'the cluster\'s own files could be read');
    // A change, and the snapshot reading it on new connections.
    const c = await loggedIn(srv.base, 'school_in');
    const w = await c.request('POST', '/api/leerlingen/U03/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-20' } });
    assert.equal(w.status, 201, w.text);
    await reloaded(srv.base, w.data.registratie);
    assert.equal((await c.request('GET', '/api/leerlingen/U03')).status, 200);
  } finally {
    const end = await srv.stop();
    assert.equal(end.code, 0);
  }
  assert.doesNotMatch(beyondProbe(srv.log()), /systeemaanroep .* geweigerd/);
});

test('on PostgreSQL without --tijdelijk the private folder is the system\'s, named by user and port', async (t) => {
  if (!onPg(t)) return;
  const srv = await startServer();
  const { port } = new URL(srv.base);
  srv.proc.kill('SIGTERM');
  await new Promise((ok) => srv.proc.on('exit', ok));
  const priv = join(process.env.TMPDIR || '/tmp', `inbeeld-${process.getuid()}-${port}.tmp`);
  const r = await serve(srv.db, port);
  try {
    // (after the cache folder of the registry's snapshot file, when there is one)
    assert.match(r.log(), new RegExp(`lezen en schrijven in (?:\\S+ en )?${priv}`), r.log());
    assert.equal(statSync(priv).mode & 0o777, 0o700);
  } finally {
    r.proc.kill('SIGTERM');
    assert.equal((await r.exited).code, 0, r.log());
    rmSync(priv, { recursive: true, force: true });
    await srv.stop();
  }
  assert.doesNotMatch(r.log(), /systeemaanroep .* geweigerd/);
});

test('on PostgreSQL over TCP: a TCP socket, the database\'s port and no other', async (t) => {
  if (!onPg(t)) return;
  // The test cluster listens on its socket only: a TCP port of our own
  // passes each connection on to it.
  const socket = join(new URL(PG_ADMIN).searchParams.get('host'), '.s.PGSQL.5432');
  let relayed = 0;
  const relay = createServer((c) => {
    relayed++;
    const u = connect(socket);
    c.pipe(u).on('error', () => c.destroy());
    u.pipe(c).on('error', () => u.destroy());
    c.on('error', () => u.destroy());
    u.on('error', () => c.destroy());
  });
  await new Promise((ok) => relay.listen(0, '127.0.0.1', ok));
  const dbPort = relay.address().port;
  const srv = await startServer();
  const { port } = new URL(srv.base);
  srv.proc.kill('SIGTERM');
  await new Promise((ok) => srv.proc.on('exit', ok));
  const name = /^postgres[a-z]*:\/\/[^/?]*\/([^?]*)/.exec(srv.db)[1];
  const uri = `postgresql://inbeeld@127.0.0.1:${dbPort}/${name}`;
  const s = await serve(uri, port, tmpArgs(srv.dir));
  try {
    assert.match(s.log(), /luistert op/, s.log());
    if (/Landlock \(ABI ([4-9]|\d\d)\)/.test(s.log()))
      assert.match(s.log(), new RegExp(`verbinding naar poort ${dbPort} \\(PostgreSQL\\)`));
    const probe = async (p) => (await (await fetch(`${srv.base}/_test/sandbox?poort=${p}`)).json());
    const toDb = await probe(dbPort);
    assert.equal(toDb.socket.geweigerd, false, 'seccomp allows a TCP socket for a TCP registry');
    assert.equal(toDb.verbinden.geweigerd, false, 'the database\'s port can be reached');
    if (/Landlock \(ABI ([4-9]|\d\d)\)/.test(s.log())) {
      const other = await probe(port);
      assert.equal(other.verbinden.geweigerd, true, 'another port of this machine could be reached');
      assert.equal(other.verbinden.fout, 'Permission denied');
    }
    const c = await loggedIn(srv.base, 'school_in');
    const w = await c.request('POST', '/api/leerlingen/U03/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-20' } });
    assert.equal(w.status, 201, w.text);
    await reloaded(srv.base, w.data.registratie);
    // A dataset uploaded: the whole registry read anew, by readers that
    // open connections of their own - under seccomp, through the port.
    const atStart = relayed;
    const admin = await loggedIn(srv.base, 'beheerder');
    const form = new FormData();
    for (const f of readdirSync(EXAMPLE)) form.append(f, new Blob([readFileSync(join(EXAMPLE, f))]), f);
    const up = await admin.request('POST', '/api/datasets', { body: form });
    assert.equal(up.status, 202, up.text);
    let job;
    for (let i = 0; i < 2400; i++) {
      job = (await admin.request('GET', `/api/datasets/${up.data.taak}`)).data;
      if (job.status !== 'bezig') break;
      await new Promise((ok) => setTimeout(ok, 25));
    }
    assert.equal(job.status, 'klaar', JSON.stringify(job));
    await reloaded(srv.base, w.data.registratie + 1);
    assert.ok(relayed > atStart, `the new reading connected anew ${JSON.stringify(job)}`);
  } finally {
    s.proc.kill('SIGTERM');
    assert.equal((await s.exited).code, 0, s.log());
    relay.close();
    await srv.stop();
  }
  assert.doesNotMatch(beyondProbe(s.log()), /systeemaanroep .* geweigerd/);
});
