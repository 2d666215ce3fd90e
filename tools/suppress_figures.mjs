// The figures of the small-number protection (SPEC 9) on a dataset: what GET
// /api/telling shows an analist of the given gemeenten on a peildatum, per
// view - cells shown, "<5", "x", the rate - and how many suppressed cells or
// never-shown differences of 1 to 4 the independent reader of
// tests/server/suppress_reader.mjs can still work out (beyond those the "<5"
// pin by themselves). For the lead and docs/security.md.
//
//   INBEELD_BIN=build/inbeeld node tools/suppress_figures.mjs DATASET GM0344,GM0363 2026-11-01 [DAYS]
//
// With DAYS, also every day of the DAYS up to the peildatum: on how many the
// analist may count, and how many cells can be worked out on those.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PASSWORD, TODAY, loggedIn } from '../tests/server/harness.mjs';
import { byGebied, workedOut } from '../tests/server/suppress_reader.mjs';

const [dataset, scope, peildatum, back] = process.argv.slice(2);
if (!dataset || !scope || !peildatum) {
  console.error('gebruik: node tools/suppress_figures.mjs DATASET GMxxxx[,GMyyyy] JJJJ-MM-DD');
  process.exit(2);
}
// A server of its own: a region takes longer to load than the tests' wait.
async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-figures-')), db = join(dir, 'registratie.db');
  execFileSync(BIN, ['import', '--db', db, '--stil', '--door', 'cijfers', dataset]);
  for (const [name, rol, sc] of [['analist', 'analist', scope], ['beheerder', 'beheerder', '*']])
    execFileSync(BIN, ['gebruiker', '--db', db, '--naam', name, '--rol', rol, '--scope', sc], {
      input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const port = 20000 + (process.pid % 20000);
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', TODAY], {
    stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  while (!log.includes('luistert op')) {
    if (proc.exitCode !== null) throw new Error('server stopte: ' + log);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const exited = new Promise((ok) => proc.on('exit', ok));
  return { base: `http://127.0.0.1:${port}`, async stop() { proc.kill('SIGTERM'); await exited; rmSync(dir, { recursive: true, force: true }); } };
}
const srv = await start();
// The server closes a keep-alive connection idle for a while: ask again once.
const get = (client, path) => client.request('GET', path).catch(() => client.request('GET', path));
try {
  const analist = await loggedIn(srv.base, 'analist'), beheerder = await loggedIn(srv.base, 'beheerder');
  for (const per of ['gemeente', 'swv']) {
    const seen = await get(analist, `/api/telling?peildatum=${peildatum}&per=${per}`);
    if (seen.status !== 200) throw new Error(`${per}: ${seen.status} ${seen.text}`);
    const truth = byGebied((await get(beheerder, `/api/telling?peildatum=${peildatum}&per=${per}`)).data);
    const f = { gebieden: 0, cells: 0, shown: 0, small: 0, hidden: 0, rates: 0, ratesHidden: 0, workedOut: 0, inherent: 0 };
    const leaks = [];
    for (const [gebied, view] of byGebied(seen.data)) {
      f.gebieden++;
      for (const [k, v] of Object.entries(view)) {
        if (k.startsWith('THUISZITTERS_PER_1000')) { f.rates++; f.ratesHidden += v === 'x'; continue; }
        f.cells++;
        if (v === '<5') f.small++; else if (v === 'x') f.hidden++; else f.shown++;
      }
      for (const w of workedOut(view, truth.get(gebied))) {
        if (w.inherent) f.inherent++;
        else { f.workedOut++; leaks.push(`${gebied} ${w.cell} = ${w.value}`); }
      }
    }
    if (back) {
      let allowed = 0, cells = 0;
      for (let i = Number(back) - 1; i >= 0; i--) {
        const d = new Date(Date.parse(peildatum) - i * 86400000).toISOString().slice(0, 10);
        const r = await get(analist, `/api/telling?peildatum=${d}&per=${per}`);
        if (r.status !== 200) continue;
        allowed++;
        const t = byGebied((await get(beheerder, `/api/telling?peildatum=${d}&per=${per}`)).data);
        for (const [gebied, view] of byGebied(r.data)) cells += workedOut(view, t.get(gebied)).filter((w) => !w.inherent).length;
      }
      console.log(`per ${per}, the ${back} days up to ${peildatum}: the analist counts on ${allowed}; worked out on those: ${cells}`);
    }
    console.log(`per ${per}: ${f.gebieden} gebieden, ${f.cells} cells: ${f.shown} shown, ${f.small} <5, ${f.hidden} x; ` +
      `rate shown in ${f.rates - f.ratesHidden} of ${f.rates}; worked out: ${f.workedOut}` +
      `${leaks.length ? ` (${leaks.join(', ')})` : ''}; pinned by the <5 alone: ${f.inherent}`);
  }
} finally {
  await srv.stop();
}
