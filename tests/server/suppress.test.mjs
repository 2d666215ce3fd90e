// Small numbers over generated regions (SPEC 9, issues 9 and 11): what GET
// /api/telling shows the analist, gebied by gebied and peildatum by
// peildatum, read by an independent reader (suppress_reader.mjs) that
// enumerates every assignment of the unseen cells agreeing with the shown
// ones and the relations of SPEC 5: parent and "waarvan" regels, kort + lang
// = totaal, the parts of THUISZITTERS_TOTAAL, zonder aanbod within lang, the
// rate. No "<5", no "x", and no never-shown difference of 1 to 4 (AV_VO
// beside those waiting for mbo, lang beside those zonder aanbod) may come
// down to one value, unless the "<5" around it pin it by themselves (then
// hiding every other cell would not help either). The totals stay in view.
// And the analist counts only on the first day of a month.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, TODAY, loggedIn, startServer } from './harness.mjs';
import { IN_RULES, allHidden, byGebied, pinned, withDifferences, withUnseen, workedOut } from './suppress_reader.mjs';

const GEN = join(ROOT, 'build/inbeeld-gen');
// Ijkmomenten and another first day of a month, within the generated history.
const DAYS = ['2023-11-01', '2024-02-01', '2024-06-01', '2025-03-01', '2025-11-01', '2026-06-01'];
// Small regions of several seeds: hundreds of small and a few larger gebieden each.
// The first on every day of DAYS, the others on three of them.
const REGIONS = [{ seed: 11, fraction: '0.05', days: DAYS }, { seed: 23, fraction: '0.05', days: DAYS.filter((_, i) => i % 2) },
  { seed: 47, fraction: '0.05', days: DAYS.filter((_, i) => i % 2 === 0) }];
const TOTAL = 'THUISZITTERS_TOTAAL.2';
// A turn of node's event loop. The reader's work on a day's gebieden took
// 7 to 10 s between two requests on a loaded machine; without a turn node's
// fetch cannot run the timer that closes its idle connection after 4 s, and
// once the server has closed it (MHD's 30 s without activity, daemon.c) the
// next request goes out on it: "fetch failed", other side closed (under
// faketime, on a machine running make check beside other work).
const turn = () => new Promise((ok) => setImmediate(ok));

async function telling(client, d, per) {
  const r = await client.request('GET', `/api/telling?peildatum=${d}&per=${per}`);
  assert.equal(r.status, 200);
  return byGebied(r.data);
}

for (const { seed, fraction, days } of REGIONS) {
  describe(`a generated region (seed ${seed}, a fraction ${fraction} of every gemeente)`, () => {
    let srv, dir, analist, beheerder;
    before(async () => {
      assert.ok(existsSync(GEN), 'build/inbeeld-gen is built by make');
      dir = mkdtempSync(join(tmpdir(), 'inbeeld-suppress-'));
      execFileSync(GEN, ['--scale', `fraction:${fraction}`, '--seed', String(seed), '--from', '2021', '--to', '2025',
        '--stand', '2026-07-31', '--out', join(dir, 'data')], { stdio: 'ignore' });
      const gemeenten = readFileSync(join(dir, 'data/gemeenten.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
      srv = await startServer({ dataset: join(dir, 'data'), users: { analist: ['analist', gemeenten.join(',')], beheerder: ['beheerder', '*'] } });
      analist = await loggedIn(srv.base, 'analist');
      beheerder = await loggedIn(srv.base, 'beheerder');
    });
    after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

    test('no "<5", "x" or never-shown difference of 1 to 4 can be worked out; the totals stay', { timeout: 600_000 }, async (t) => {
      let gebieden = 0, shown = 0, small = 0, hidden = 0, differences = 0, inherent = 0, totals = 0, totalsHidden = 0;
      for (const per of ['gemeente', 'swv']) {
        for (const d of days) {
          const seen = await telling(analist, d, per), truths = await telling(beheerder, d, per);
          assert.ok(seen.size > 0);
          for (const [gebied, view] of seen) {
            await turn();
            const truth = truths.get(gebied), what = `${per} ${gebied} ${d}`;
            gebieden++;
            for (const [k, v] of Object.entries(view)) {
              if (k.startsWith('THUISZITTERS_PER_1000')) continue;
              const n = truth[k];
              assert.equal(v === '<5', n >= 1 && n <= 4, `${what} ${k}: ${n} shown as ${v}`);
              if (typeof v === 'number') assert.equal(v, n, `${what} ${k}`), shown++;
              else assert.ok(v === '<5' || v === 'x', `${what} ${k}: ${v}`);
              if (v === '<5') small++; else if (v === 'x') hidden++;
            }
            const full = withDifferences(truth);
            differences += ['REST.0', 'REST.1', 'REST.2', 'MET.1'].filter((k) => full[k] >= 1 && full[k] <= 4).length;
            for (const w of workedOut(view, truth)) {
              assert.ok(w.inherent, `${what}: ${w.cell} (${w.value}) can be worked out`);
              inherent++;
            }
            // The total goes only when it must: shown, it would pin a
            // suppressed cell or a small difference even with every other
            // cell hidden.
            if (truth[TOTAL] >= 5) totals++;
            if (truth[TOTAL] >= 5 && view[TOTAL] === 'x') {
              totalsHidden++;
              const all = allHidden(withUnseen(view)), need = { ...all, [TOTAL]: truth[TOTAL] };
              assert.ok(Object.entries(all).some(([k, v]) => typeof v === 'string' && IN_RULES.has(k) && k !== TOTAL &&
                (v !== 'never' || (full[k] >= 1 && full[k] <= 4)) && pinned(need, full, k)),
              `${what}: the total ${truth[TOTAL]} is hidden where it need not be`);
            }
            // The rate: beside a shown total and denominator, and there always.
            const rate = view['THUISZITTERS_PER_1000.2'];
            if (rate !== undefined)
              assert.equal(rate !== 'x', typeof view[TOTAL] === 'number' && typeof view['LEERPLICHTIGEN.2'] === 'number', `${what}: the rate`);
          }
        }
      }
      t.diagnostic(`${gebieden} gebied-days: ${shown} cells shown, ${small} <5, ${hidden} x; ${differences} never-shown ` +
        `differences of 1 to 4; ${inherent} pinned by the <5 alone; the total hidden in ${totalsHidden} of ${totals} with ` +
        'a total of 5 or more, each time because it must');
      assert.ok(totals > 15 * days.length, 'enough gebieden with totals to judge');
      assert.ok(differences > 20, 'enough small differences to judge');
    });

    if (seed === REGIONS[0].seed)
      test('the analist counts on the first day of a month only, the ijkmomenten among them', async () => {
        const r = await analist.request('GET', '/api/telling?peildatum=2025-03-17&per=gemeente');
        assert.equal(r.status, 400);
        assert.equal(r.data.code, 'peildatum_niet_toegestaan');
        assert.match(r.data.fout, /eerste dag van een maand/);
        assert.match(r.data.fout, /1 november, 1 februari en 1 juni/);
        assert.match(r.data.fout, /2025-03-17 kan niet, 2025-03-01 wel/);
        // Days next to each other would date single children.
        assert.equal((await analist.request('GET', '/api/telling?peildatum=2025-03-01&per=swv')).status, 200);
        assert.equal((await analist.request('GET', '/api/telling?peildatum=2025-03-02&per=swv')).status, 400);
        assert.equal((await analist.request('GET', '/api/telling?ijkmomenten=2024-2025&per=swv')).status, 200);
        // Without a peildatum: the first day of this month (the server's day).
        const now = await analist.request('GET', '/api/telling?per=gemeente');
        assert.equal(now.status, 200);
        assert.equal(now.data[0].peildatum, `${TODAY.slice(0, 8)}01`);
        // The pages the analist counts on say the same, in a page.
        for (const path of ['/', '/vrijstellingen']) {
          const p = await analist.request('GET', `${path}?peildatum=2025-03-17`);
          assert.equal(p.status, 400, path);
          assert.match(p.text, /eerste dag van een maand/);
          const ok = await analist.request('GET', `${path}?peildatum=2025-03-01`);
          assert.equal(ok.status, 200, path);
          assert.match(ok.text, /U telt op de eerste dag van een maand/, `${path} says which days`);
        }
        // The rule is for counts: a pupil's route answers as before (the analist sees no pupil).
        assert.equal((await analist.request('GET', '/api/leerlingen/GEEN-LEERLING?peildatum=2025-03-17')).status, 404);
        // Roles that see the pupils count on any day.
        assert.equal((await beheerder.request('GET', '/api/telling?peildatum=2025-03-17&per=gemeente')).status, 200);
      });
  });
}
