// The DuckDB peer: the Resultaatschema of SPEC 4-5 in DuckDB's SQL, straight
// over the CSV files of a dataset folder, printed as the CSV of SPEC 4.1
// (the same bytes as `inbeeld telling --format csv`).
//
//   node bench/peers/duckdb_telling.mjs DIR PEILDATUM gemeente|swv [--threads N]
//
// Prints the result on stdout and "duckdb: N ms" (query time, from reading
// the files to the last row) on stderr.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const usage = 'gebruik: node duckdb_telling.mjs MAP JJJJ-MM-DD gemeente|swv [--threads N]';
let threads = null;
const ti = args.indexOf('--threads');
if (ti >= 0) {
  threads = Number(args[ti + 1]);
  args.splice(ti, 2);
}
const [dir, d, per] = args;
if (!dir || !/^\d{4}-\d{2}-\d{2}$/.test(d ?? '') || !['gemeente', 'swv'].includes(per)) {
  console.error(usage);
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const quoted = resolve(dir).replaceAll("'", "''");
const sql = readFileSync(join(here, 'telling_duckdb.sql'), 'utf8')
  .replaceAll('{DIR}', quoted).replaceAll('{D}', d).replaceAll('{PER}', per);
const statements = sql.split(/^;$/m).map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim());

const t0 = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
const con = await instance.connect();
// INBEELD_PROFILE=1: the time of each statement on stderr.
const profile = process.env.INBEELD_PROFILE === '1';
for (const s of statements.slice(0, -1)) {
  const s0 = process.hrtime.bigint();
  await con.run(s);
  if (profile) console.error(`${Number(process.hrtime.bigint() - s0) / 1e6} ms: ${s.replace(/--.*$/gm, '').trim().slice(0, 60)}`);
}
const reader = await con.runAndReadAll(statements[statements.length - 1]);
const t1 = process.hrtime.bigint();

const cell = (v) => (v === null || v === undefined ? '' : String(v));
const out = [reader.columnNames().join(',')];
for (const row of reader.getRows()) out.push(row.map(cell).join(','));
process.stdout.write(out.join('\n') + '\n');
console.error(`duckdb: ${Number(t1 - t0) / 1e6} ms`);
