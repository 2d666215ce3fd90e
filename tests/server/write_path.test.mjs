// The write path at national scale (issue 17): every statement a correction
// runs inside the registry's write lock finds its rows through an index, so
// one write holds the lock for milliseconds however large the registry is,
// and the readers waiting for their audit entries with it. The plans are
// the backend's own (SQLite's or PostgreSQL's) for the statements of src/store (store_pupil.c, the version
// check of store_write_path.c, store_audit.c), on the server's registry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DB_KIND, loggedIn, sqlByKind, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

const PUPIL_TABLES = ['leerlingen', 'woonadressen', 'inschrijvingen', 'verzuim', 'vrijstellingen', 'meldingen', 'aanbod'];

// A statement's plan, without its heading: SQLite's EXPLAIN QUERY PLAN, or
// PostgreSQL's EXPLAIN with sequential scans priced out (the test registry
// is so small that a scan would otherwise win; an index the planner cannot
// use still shows as a Seq Scan).
const plan = (stmt) => sqlByKind(srv.db, {
  sqlite: `EXPLAIN QUERY PLAN ${stmt}`,
  pg: `SET enable_seqscan = off; EXPLAIN ${stmt}`,
}).split('\n').slice(DB_KIND === 'pg' ? 0 : 1).join('\n');
const TABLE_NAMES = 'batch|leerlingen|woonadressen|inschrijvingen|verzuim|vrijstellingen|meldingen|aanbod';
const SCAN = DB_KIND === 'pg' ? new RegExp(`\\bSeq Scan on (${TABLE_NAMES})\\b`) : new RegExp(`\\bSCAN (${TABLE_NAMES})\\b`);
const BY_INDEX = DB_KIND === 'pg' ? /Index (Only )?Scan/ : /USING (COVERING )?INDEX/;

const statements = [
  // the time of the last batch, so history stays in order (last_recorded)
  'SELECT max(recorded_at) FROM batch',
  // the registry's version (batch_limit), and the imports since a validation
  'SELECT coalesce(max(id), 0) FROM batch',
  "SELECT 1 FROM batch WHERE id > 1 AND kind = 'import' LIMIT 1",
  // an identity change: is the BSN or onderwijsnummer another pupil's (identifier_taken)
  "SELECT 1 FROM leerlingen WHERE bsn = '123456782' AND v_until IS NULL AND leerling_id <> 'U29' LIMIT 1",
  "SELECT 1 FROM leerlingen WHERE onderwijsnummer = '1234567' AND v_until IS NULL AND leerling_id <> 'U29' LIMIT 1",
  "SELECT 1 FROM leerlingen WHERE leerling_id = 'U29' AND v_until IS NULL",
  ...PUPIL_TABLES.flatMap((t) => [
    // the pupil's facts the validation reads, and whether they changed since
    `SELECT rowid FROM ${t} WHERE leerling_id = 'U29' AND v_until IS NULL`,
    `SELECT 1 FROM ${t} WHERE leerling_id = 'U29' AND (v_from > 1 OR v_until > 1) LIMIT 1`,
    // the row a change replaces, and ending it
    `SELECT leerling_id, v_until IS NULL FROM ${t} WHERE rowid = 1`,
    `UPDATE ${t} SET v_until = 1 WHERE rowid = 1 AND v_until IS NULL`,
  ]),
];

test('every statement of a correction inside the write lock uses an index', () => {
  for (const stmt of statements) {
    const p = plan(stmt);
    assert.doesNotMatch(p, SCAN, `${stmt}\n${p}`);
    // SQLite plans an aggregate over a whole table without an index as a
    // "SEARCH" without "USING": these must name theirs.
    if (/max\(recorded_at\)|bsn|onderwijsnummer/.test(stmt))
      assert.match(p, BY_INDEX, `${stmt}\n${p}`);
  }
});

test('a correction still refuses what the rules refuse and says what is doubtful', async () => {
  const w = await loggedIn(srv.base, 'school_in');
  const bad = await w.request('POST', '/api/leerlingen/U29/verzuim',
    { json: { brin: '01KF', vestiging: '00', soort: 'geoorloofd', van: '2027-02-10', tot: '2027-02-01' } });
  assert.equal(bad.status, 422, JSON.stringify(bad.data));
  const unknown = await w.request('POST', '/api/leerlingen/GEEN-LEERLING/verzuim',
    { json: { brin: '01KF', vestiging: '00', soort: 'geoorloofd', van: '2027-02-10', tot: '2027-02-11' } });
  assert.equal(unknown.status, 404, JSON.stringify(unknown.data));
});
