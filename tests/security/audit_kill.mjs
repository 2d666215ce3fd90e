// The kill test of the audit log (issue 11, finding 4): the server is killed
// with SIGKILL again and again while clients write notes, other case events
// (contacts) and corrections (absence rows); afterwards every change in the
// registry - every correctie batch and every case event - must have its
// audit entry (0 missing), every acknowledged write must be there, and
// `inbeeld audit controleer` must agree. Prints the figures.
//
//   node tests/security/audit_kill.mjs [kills]     (INBEELD_BIN: the binary; default build/inbeeld)
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, EXAMPLE, PASSWORD, ROOT, TODAY, listening, sql } from '../server/harness.mjs';

const BIN = process.env.INBEELD_BIN || join(ROOT, 'build/inbeeld');
const KILLS = Number(process.argv[2] || 12);
const WORKERS = 6;
const t0 = Date.now();

const dir = mkdtempSync(join(tmpdir(), 'inbeeld-kill-'));
const db = join(dir, 'registratie.db');
execFileSync(BIN, ['import', '--db', db, '--stil', '--door', 'test', EXAMPLE]);
for (const [name, rol, scope] of [['school_in', 'school', '01KF:00'], ['leerplicht_in', 'leerplicht', 'GM0344']])
  execFileSync(BIN, ['gebruiker', '--db', db, '--naam', name, '--rol', rol, '--scope', scope],
    { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });

let port = 18500 + (process.pid % 1000);
async function start() {
  port++;
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', TODAY],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  if (!(await listening(proc, () => log))) throw new Error('server stopte: ' + log);
  return { base: `http://127.0.0.1:${port}`, proc, exited, log: () => log };
}

async function login(base, name) {
  const c = new Client(base);
  const r = await c.login(name);
  if (r.status !== 200) throw new Error(`inloggen als ${name}: ${r.status} ${r.text}`);
  return c;
}

// What the clients were told was stored: event ids and batch ids.
const acked = { events: new Set(), batches: new Set() };
let writes = 0;

async function worker(i, school, lp, dossier, stop) {
  for (let n = 0; !stop.now; n++) {
    const day = String(1 + ((i * 7 + n) % 20)).padStart(2, '0');
    let r;
    try {
      const kind = (i + n) % 3;
      if (kind === 0)
        r = await lp.request('POST', `/api/dossiers/${dossier}/notities`, { json: { datum: TODAY, tekst: `notitie ${i}.${n}` } });
      else if (kind === 1)
        r = await lp.request('POST', `/api/dossiers/${dossier}/contacten`,
          { json: { datum: TODAY, met_wie: 'ouders', omschrijving: `gesprek ${i}.${n}` } });
      else
        r = await school.request('POST', '/api/leerlingen/U09/verzuim',
          { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: `2026-11-${day}`, tot: `2026-11-${day}` } });
    } catch { return; } // the server went away mid-request: not acknowledged
    writes++;
    if (r.status !== 201) throw new Error(`schrijven: ${r.status} ${r.text}`);
    if (r.data.gebeurtenis_id) acked.events.add(r.data.gebeurtenis_id);
    else acked.batches.add(r.data.registratie);
  }
}

let dossier = 0;
for (let k = 0; k < KILLS; k++) {
  const srv = await start();
  const school = await login(srv.base, 'school_in'), lp = await login(srv.base, 'leerplicht_in');
  if (!dossier) {
    const list = (await lp.request('GET', '/api/dossiers?status=alle')).data.filter((d) => d.leerling_id === 'U03');
    assert.equal(list.length, 1, 'U03 has its dossier');
    dossier = list[0].id;
  }
  const stop = { now: false };
  const running = Array.from({ length: WORKERS }, (_, i) => worker(i, school, lp, dossier, stop));
  await new Promise((ok) => setTimeout(ok, 400 + Math.floor(Math.random() * 900)));
  srv.proc.kill('SIGKILL');
  stop.now = true;
  await Promise.all(running);
  const how = await srv.exited;
  assert.equal(how.signal, 'SIGKILL', 'the server was killed, not stopped');
}

// The changes recorded since the registry was made, and those no entry names.
const named = "(SELECT json_extract(details, '$.%s') FROM audit WHERE json_valid(details) AND json_extract(details, '$.%s') IS NOT NULL)";
const num = (q) => Number(sql(db, q));
const batches = num("SELECT count(*) FROM batch WHERE kind = 'correctie'");
const events = num('SELECT count(*) FROM gebeurtenis');
const notes = num("SELECT count(*) FROM gebeurtenis WHERE soort = 'notitie'");
const missingBatches = num(`SELECT count(*) FROM batch WHERE kind = 'correctie' AND id NOT IN ${named.replaceAll('%s', 'registratie')}`);
const missingEvents = num(`SELECT count(*) FROM gebeurtenis WHERE id NOT IN ${named.replaceAll('%s', 'gebeurtenis')}`);
const storedEvents = new Set(sql(db, 'SELECT id FROM gebeurtenis').split('\n').map(Number));
const storedBatches = new Set(sql(db, "SELECT id FROM batch WHERE kind = 'correctie'").split('\n').map(Number));
const lost = [...acked.events].filter((e) => !storedEvents.has(e)).length + [...acked.batches].filter((b) => !storedBatches.has(b)).length;

console.log(`audit-killtest: ${KILLS} kills, ${writes} writes acknowledged, ${batches} corrections + ${events} case events ` +
  `(${notes} notes) = ${batches + events} changes, missing entries: ${missingBatches + missingEvents} ` +
  `(corrections ${missingBatches}, case events ${missingEvents}), acknowledged but lost: ${lost}, ` +
  `${((Date.now() - t0) / 1000).toFixed(1)} s`);
let controleer;
try {
  controleer = { ok: true, out: execFileSync(BIN, ['audit', 'controleer', '--db', db], { encoding: 'utf8', stdio: 'pipe' }) };
} catch (e) {
  controleer = { ok: false, out: String(e.stderr) };
}
rmSync(dir, { recursive: true, force: true });
assert.ok(batches > 0 && notes > 0 && events > notes, 'the load wrote corrections, notes and other case events');
assert.equal(lost, 0, 'every acknowledged write is in the registry');
assert.equal(missingBatches + missingEvents, 0, 'every change has its audit entry');
assert.ok(controleer.ok, `audit controleer: ${controleer.out}`);
