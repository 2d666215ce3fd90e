// Starts a real inbeeld server on 127.0.0.1 for the integration tests, with
// the example dataset and one account per role inside and outside scope.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.INBEELD_BIN || join(ROOT, 'build/asan/inbeeld');
export const EXAMPLE = join(ROOT, 'examples/voorbeeld');
export const PASSWORD = 'een-lang-genoeg-wachtwoord';
// The server takes this day as today (serve --vandaag), so the case work's
// deadlines and the automatic opening of dossiers do not depend on the day
// the tests run.
export const TODAY = '2026-11-23';

// Accounts: a role inside and outside the scope of pupil U03 (lives in
// Utrecht GM0344, enrolled at 01KF-00 of VO2601).
export const USERS = {
  school_in: ['school', '01KF:00'], school_out: ['school', '02VR:00'],
  leerplicht_in: ['leerplicht', 'GM0344'], leerplicht_out: ['leerplicht', 'GM0355'],
  swv_in: ['swv', 'VO2601'], swv_out: ['swv', 'VO2603'],
  analist_in: ['analist', 'GM0344'], analist_out: ['analist', 'GM0355'],
  beheerder: ['beheerder', '*'],
};

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

// The backend of the registries the tests make: SQLite files, or with
// $INBEELD_TEST_PG_ADMIN (the URI of a database of a cluster whose role may
// create databases, as scripts/pg_cluster.sh prints; make pg-server) a fresh
// PostgreSQL database per registry, as tests/cli/run.sh's reg() makes them.
export const PG_ADMIN = process.env.INBEELD_TEST_PG_ADMIN || '';
// With $INBEELD_TEST_PG_APP as well (the URI of a login role in
// inbeeld_app, pg_cluster.sh's app): the owner makes each registry's schema
// (`inbeeld schema`) and every command and server under test connects as
// the application's role, which may not rewrite the audit log or the
// history (src/store/store_roles.c). The tests' own SQL (sql(), copies)
// runs as the owner: it tampers on purpose.
const PG_APP = process.env.INBEELD_TEST_PG_APP || '';
export const DB_KIND = PG_ADMIN ? 'pg' : 'sqlite';
let registries = 0;
const dbName = (uri) => /^postgres[a-z]*:\/\/[^/?]*\/([^?]*)/.exec(uri)[1];
const withDb = (uri, name) => uri.replace(/^(postgres[a-z]*:\/\/[^/?]*\/)[^?]*/, `$1${name}`);
// The owner's URI of a registry of freshRegistry.
const asOwner = (db) => (PG_APP && db.startsWith(withDb(PG_APP, dbName(db))) ? withDb(PG_ADMIN, dbName(db)) : db);

// A fresh, empty registry: the file registratie.db in dir, or a new
// database of the cluster (its URI), removed by dropRegistry. With
// template (the name of a database of the cluster; startServer's
// templates) the database is a copy of it, its schema among what it copies;
// name names the new database (default: one of its own).
export function freshRegistry(dir, name = '', template = '') {
  if (!PG_ADMIN) return join(dir, 'registratie.db');
  name ||= `srv_${process.pid}_${++registries}`;
  // A template's files copied as they are (FILE_COPY): for these small
  // databases (10 MB) less than half the cluster's CPU of copying them block
  // by block through the write-ahead log (WAL_LOG, the default; ten copies
  // 0.16-0.64 s against 0.56-1.16 s), though it asks for a checkpoint.
  const copy = template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : '';
  execFileSync('psql', [PG_ADMIN, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}${copy}`],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!PG_APP) return withDb(PG_ADMIN, name);
  if (template) return withDb(PG_APP, name);
  execFileSync(BIN, ['schema', '--db', withDb(PG_ADMIN, name)], { stdio: ['ignore', 'ignore', 'inherit'] });
  return withDb(PG_APP, name);
}

// Remove a registry of freshRegistry (a file goes with its folder).
export function dropRegistry(db) {
  if (!PG_ADMIN || !/^postgres/.test(db)) return;
  execFileSync('psql', [PG_ADMIN, '-qAt', '-c', `DROP DATABASE IF EXISTS ${dbName(db)} WITH (FORCE)`], { stdio: 'ignore' });
}

// A copy of the registry db as it is now, while its server runs: SQLite's
// online backup into dir, or pg_dump into a fresh database.
export function copyRegistry(db, dir) {
  const copy = freshRegistry(dir);
  if (!PG_ADMIN) {
    sql(db, `.backup '${copy}'`);
    return copy;
  }
  const dump = execFileSync('pg_dump', ['--no-owner', '-d', asOwner(db)], { maxBuffer: 1 << 30 });
  if (PG_APP) /* the schema inbeeld schema made goes: the dump brings it, with its privileges */
    execFileSync('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', '-d', asOwner(copy), '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', '-d', asOwner(copy)], { input: dump, stdio: ['pipe', 'ignore', 'inherit'] });
  return copy;
}

// The arguments of `serve` for a private temporary folder in dir when the
// registry is a PostgreSQL database: its default is in /tmp (by port), next
// to the file of an SQLite registry.
export const tmpArgs = (dir) => (PG_ADMIN ? ['--tijdelijk', join(dir, 'tijdelijk')] : []);

// The tests' own SQL on the registry, in the dialect SQLite and PostgreSQL
// share (as src/store/db.h's): rows of columns joined by '|', NULL as ''.
// The server writes at moments of its own (the audit writer, the sweep after
// a reload): wait for its lock as the server's own connections do.
export function sql(db, query) {
  if (/^postgres/.test(db))
    return execFileSync('psql', [asOwner(db), '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, query], { encoding: 'utf8' }).trim();
}

// What only one backend can say (a trigger dropped, a query plan): both
// forms, the one of db's backend run.
export function sqlByKind(db, forms) {
  const query = /^postgres/.test(db) ? forms.pg : forms.sqlite;
  if (query === undefined) throw new Error(`geen SQL voor ${DB_KIND}`);
  return sql(db, query);
}

// Spare pupils for freshPupil: the registry's own, as a BRP extract and the
// school's administration give them (a write can no longer make a pupil
// visible to leerplicht, issue 11): born 2013-04-04, living in Utrecht
// (GM0344) since birth, enrolled at 01KF-00 since 2024-08-19, no absence.
const spareId = (i) => `T${String(i).padStart(3, '0')}`;
function withSpares(dataset, dir, n) {
  const out = join(dir, 'data');
  cpSync(dataset, out, { recursive: true });
  const rows = (f) => Array.from({ length: n }, (_, i) => f(spareId(i))).join('');
  appendFileSync(join(out, 'leerlingen.csv'), rows((id) => `${id},,,2013-04-04,Test,Leerling ${id},\n`));
  appendFileSync(join(out, 'woonadressen.csv'), rows((id) => `${id},GM0344,2013-04-04,,0\n`));
  appendFileSync(join(out, 'inschrijvingen.csv'), rows((id) => `${id},01KF,00,2024-08-19,\n`));
  return out;
}
const sparesOf = new Map(); // base -> { n, next }

// A registry as startServer begins it: the dataset (with n spares) imported
// and one account per entry of users, into db (a file of freshRegistry or a
// database of it); dir is scratch for the spares' copy of the dataset.
const IMPORT = ['--stil', '--door', 'test'];
function seed(db, dir, { dataset, users, spares }) {
  if (spares) dataset = withSpares(dataset, dir, spares);
  execFileSync(BIN, ['import', '--db', db, ...IMPORT, dataset]);
  for (const [name, [rol, scope]] of Object.entries(users))
    execFileSync(BIN, ['gebruiker', '--db', db, '--naam', name, '--rol', rol, '--scope', scope], {
      input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
}

// Templates (make's with_templates, Makefile; mk/pg.mk's cluster): with
// $INBEELD_TEST_TEMPLATES (a folder of one run of a step, removed when it
// ends) each distinct starting registry is seeded once and every server
// after the first begins with a copy of it: an SQLite file with its
// snapshot file, or CREATE DATABASE ... TEMPLATE of a database of the
// cluster, instead of an import and an Argon2id hash per account (a
// process each, under ASan in server-tests) for every server: 8 servers of
// the example dataset and USERS took 12.8-13.0 s of CPU, 3.7-4.0 s so. The
// key is everything the registry's content follows from: the backend (and whether its owner made the schema), the
// dataset's every file by content (tests write and generate their own in
// folders of random names), the spares, the accounts in their order (their
// ids), the password and the import's options; and whether the clock is
// moved (tests/faketime.sh), so that a registry of the real clock never
// serves a test on the moved one even in one folder. It holds no date: the
// business day comes from serve --vandaag, not from the registry. Two
// registries differ only in what the tests do not read: the recording
// timestamps (a template's are from earlier in the run), the passwords'
// salts, and the folder the import names as its source (the batch's
// source). Both builds of one tree (ASan, release) make the same schema,
// so their runs in one step share templates.
const TEMPLATES = process.env.INBEELD_TEST_TEMPLATES || '';
function contentHash(folder, h = createHash('sha256'), rel = '') {
  for (const e of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name))) {
    const path = join(folder, e.name), name = rel + e.name;
    if (e.isDirectory()) contentHash(path, h, name + '/');
    else { const data = readFileSync(path); h.update(`${name}\0${data.length}\0`).update(data); }
  }
  return h;
}
function templateKey({ dataset, users, spares }) {
  return createHash('sha256').update(JSON.stringify({
    backend: DB_KIND, owner_schema: Boolean(PG_ADMIN && PG_APP), clock: process.env.FAKETIME ? 'moved' : 'real',
    dataset: contentHash(dataset).digest('hex'), spares, users: Object.entries(users), password: PASSWORD, import: IMPORT,
  })).digest('hex').slice(0, 32);
}
const pgTemplates = new Map(); // key -> database name, this process's
let templateDbs = 0;
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };

// The template done, made by build() unless another process makes it: one
// builder at a time per template (the lock file names its process), the
// others wait for done; a lock whose process is gone is taken over.
async function template(done, build) {
  const lock = `${done}.lock`;
  while (!existsSync(done)) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8')); // 0 while its builder is writing it
      if (pid && !alive(pid)) rmSync(lock, { force: true });
      else await new Promise((ok) => setTimeout(ok, 50));
      continue;
    }
    try {
      if (!existsSync(done)) build();
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

// The registry of a server of startServer, seeded in dir (freshRegistry):
// a copy of its template when templates are on.
async function seededRegistry(dir, what) {
  if (!TEMPLATES) {
    const db = freshRegistry(dir);
    seed(db, dir, what);
    return db;
  }
  const key = templateKey(what), done = join(TEMPLATES, key);
  if (!PG_ADMIN) {
    // The folder of a template appears whole (rename).
    await template(done, () => {
      const part = mkdtempSync(join(TEMPLATES, `${key}.part-`));
      seed(freshRegistry(part), mkdtempSync(join(part, 'scratch-')), what);
      for (const e of readdirSync(part)) if (e.startsWith('scratch-')) rmSync(join(part, e), { recursive: true });
      renameSync(part, done);
    });
    const db = freshRegistry(dir);
    // registratie.db and its snapshot file (and a write-ahead log, if one was left).
    for (const f of readdirSync(done)) copyFileSync(join(done, f), join(dir, f));
    return db;
  }
  // PostgreSQL: the template is a database of the cluster, named in the
  // file done once it is whole; no one connects to it after it is seeded
  // (CREATE DATABASE ... TEMPLATE refuses a source with connections).
  if (!pgTemplates.has(key)) {
    await template(done, () => {
      const name = `tpl_${process.pid}_${++templateDbs}`, scratch = mkdtempSync(join(TEMPLATES, `${key}.part-`));
      seed(freshRegistry(scratch, name), scratch, what);
      rmSync(scratch, { recursive: true, force: true });
      writeFileSync(`${done}.part`, name + '\n');
      renameSync(`${done}.part`, done);
    });
    pgTemplates.set(key, readFileSync(done, 'utf8').trim());
  }
  return freshRegistry(dir, '', pgTemplates.get(key));
}
const STARTUP_MS = 180_000;

// Whether a spawned server came up: true when its stderr (read into log())
// says it listens, false when it stopped first. On that line, not after a
// fixed wait: a large registry under ASan on a busy machine (make check runs
// its steps side by side) takes a while to read. STARTUP_MS bounds only a
// server that never comes up; it is killed then, or it would outlive the run.
export function listening(proc, log) {
  return new Promise((ok, fail) => {
    const done = (up, err) => {
      clearTimeout(timer); proc.stderr.off('data', seen); proc.off('exit', gone);
      if (!err) return ok(up);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      fail(err);
    };
    const seen = () => { if (log().includes('luistert op')) done(true); };
    const gone = () => done(false);
    const timer = setTimeout(() => done(false, new Error(`server startte niet binnen ${STARTUP_MS / 1000} s: ` + log())), STARTUP_MS);
    proc.stderr.on('data', seen);
    proc.on('exit', gone);
    if (proc.exitCode !== null) done(false); else seen();
  });
}

// A system call the sandbox refused (src/http/seccomp.c logs each) is a
// call the server needs and its allowlist lacks: stop() fails on one,
// unless the test provokes them (probe).
export async function startServer({ extraArgs = [], users = USERS, dataset = EXAMPLE, today = TODAY, spares = 0, probe = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-test-'));
  const db = await seededRegistry(dir, { dataset, users, spares });
  // The server's private temporary folder: next to a registry file, in
  // the test's folder for a PostgreSQL registry (its default is in /tmp).
  const tmp = PG_ADMIN ? join(dir, 'tijdelijk') : `${db}.tmp`;
  extraArgs = [...tmpArgs(dir), ...extraArgs];
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', today, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const scheme = extraArgs.includes('--tls-cert') ? 'https' : 'http';
  const base = `${scheme}://127.0.0.1:${port}`;
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  if (!(await listening(proc, () => log))) throw new Error('server stopte: ' + log);
  sparesOf.set(base, { n: spares, next: 0 });
  return {
    base, db, dir, tmp, proc, log: () => log,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const r = await exited;
      rmSync(dir, { recursive: true, force: true });
      dropRegistry(db);
      const refused = /inbeeld: sandbox: systeemaanroep .* geweigerd/.exec(log);
      if (refused && !probe) throw new Error(`de sandbox weigerde een systeemaanroep van de server: ${refused[0]}`);
      return r;
    },
  };
}

// A client with a cookie jar, as a browser-less API user.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async request(method, path, { json, body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /inbeeld_sessie=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `inbeeld_sessie=${m[1]}` : '';
    }
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    return { status: res.status, data, headers: res.headers, text };
  }
  async login(name, password = PASSWORD) {
    const r = await this.request('POST', '/api/sessie', { json: { gebruikersnaam: name, wachtwoord: password } });
    if (r.status === 200) this.csrf = r.data.csrf_token;
    return r;
  }
}

export async function loggedIn(base, name) {
  const c = new Client(base);
  const r = await c.login(name);
  if (r.status !== 200) throw new Error(`inloggen als ${name}: ${r.status} ${r.text}`);
  return c;
}

// Wait until the server's snapshot has read registry version `batch` (the
// "registratie" a change answers with): changes reach lists and counts a
// moment after they are stored.
export async function reloaded(base, batch) {
  // Polled every 25 ms; the bound (60 s) only ends a wait for a version that never comes.
  for (let i = 0; i < 2400; i++) {
    const h = await (await fetch(base + '/gezondheid')).json();
    if (h.registratie >= batch) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`registratie ${batch} niet ingelezen`);
}

// A pupil not used before of U03's places - enrolled at 01KF-00 (SWV
// VO2601), living in Utrecht (GM0344), one of the spares of startServer -
// made unauthorised absent from `since`: DREIGEND on TODAY, so no dossier
// opens by itself. Seen by school_in, leerplicht_in and swv_in.
export async function freshPupil(base, { school }, since = '2026-11-16') {
  const pool = sparesOf.get(base);
  if (!pool || pool.next >= pool.n) throw new Error('geen reserveleerling meer: startServer({ spares })');
  const id = spareId(pool.next++);
  const absent = await school.request('POST', `/api/leerlingen/${id}/verzuim`, { json: { brin: '01KF', vestiging: '00',
    soort: 'ongeoorloofd', van: since } });
  if (absent.status !== 201) throw new Error(`verzuim: ${absent.status} ${absent.text}`);
  await reloaded(base, absent.data.registratie);
  return id;
}

// A fresh pupil with a dossier opened by hand by leerplicht.
export async function freshDossier(base, clients, since) {
  const pupil = await freshPupil(base, clients, since);
  const r = await clients.leerplicht.request('POST', '/api/dossiers', { json: { leerling_id: pupil, reden: 'test' } });
  if (r.status !== 201) throw new Error(`dossier openen: ${r.status} ${r.text}`);
  return { pupil, dossier: r.data.id };
}

// A server over a region made by inbeeld-gen (genArgs: its options without
// --out), with an analist over every gemeente and a beheerder, both logged in.
export async function generatedRegion(prefix, genArgs) {
  const gen = join(ROOT, 'build/inbeeld-gen');
  if (!existsSync(gen)) throw new Error('build/inbeeld-gen is built by make');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(gen, [...genArgs, '--out', join(dir, 'data')], { stdio: 'ignore' });
  const gemeenten = readFileSync(join(dir, 'data/gemeenten.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  const srv = await startServer({ dataset: join(dir, 'data'), users: { analist: ['analist', gemeenten.join(',')], beheerder: ['beheerder', '*'] } });
  return {
    srv, analist: await loggedIn(srv.base, 'analist'), beheerder: await loggedIn(srv.base, 'beheerder'),
    async stop() { await srv.stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}

// An account made as a beheerder makes one (issue 11, four eyes): asked by
// admin, confirmed by a second beheerder (made once per server, through the
// command line, the bootstrap path) when it reaches personal data, its
// password chosen by the user with the one-time code. Returns the request's
// answer (its gebruiker_id is the account's id).
const seconds = new Map();
export async function apiAccount(srv, admin, { naam, rol, scope, organisatie, password = PASSWORD }) {
  const made = await admin.request('POST', '/api/gebruikers', { json: { naam, rol, scope, ...(organisatie ? { organisatie } : {}) } });
  if (made.status !== 201) throw new Error(`gebruiker aanvragen: ${made.status} ${made.text}`);
  let code = made.data.code;
  if (made.data.vier_ogen) {
    if (!seconds.has(srv.base)) {
      execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'beheerder_twee', '--rol', 'beheerder', '--scope', '*'],
        { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
      seconds.set(srv.base, await loggedIn(srv.base, 'beheerder_twee'));
    }
    const ok = await seconds.get(srv.base).request('POST', `/api/gebruikersverzoeken/${made.data.verzoek}/bevestiging`);
    if (ok.status !== 200) throw new Error(`bevestigen: ${ok.status} ${ok.text}`);
    code += ok.data.code;
  }
  const set = await new Client(srv.base).request('POST', '/api/activeren', { json: { gebruikersnaam: naam, code, wachtwoord: password } });
  if (set.status !== 200) throw new Error(`activeren: ${set.status} ${set.text}`);
  return made.data;
}
