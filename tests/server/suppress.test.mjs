// Small numbers over generated regions (SPEC 9, issue 9): what GET /api/telling
// shows the analist, gebied by gebied and peildatum by peildatum, read by an
// independent reader that enumerates every assignment of the unseen cells
// agreeing with the shown ones and the relations of SPEC 5. No "<5" or "x" may
// come down to one value, unless the "<5" around it pin it by themselves (then
// hiding every other cell would not help either). The totals stay in view.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generatedRegion } from './harness.mjs';

const COLS = ['korter_dan_3_maanden', '3_maanden_of_langer', 'totaal'];
const PARTS = ['AV_PO', 'AV_VO', 'LRV_PO', 'LRV_VO'];
const THREE = [...PARTS.slice(0, 2), 'AV_VO_WAARVAN_OVERSTAP_MBO', ...PARTS.slice(2), 'THUISZITTERS_TOTAAL',
  'LANGDURIG_ZIEK', 'GESCHORST_VERWIJDERD'];
const ZA = 'THUISZITTERS_LANG_ZONDER_AANBOD';
// Ijkmomenten and an ordinary day, within the generated history.
const DAYS = ['2023-11-01', '2024-02-01', '2024-06-01', '2025-03-17', '2025-11-01', '2026-06-01'];

// What the analist knows from SPEC 5: sum of parts = whole, or <= for a waarvan regel.
const RULES = [
  ...THREE.map((r) => ({ parts: [[r, 0], [r, 1]], whole: [r, 2] })),
  { parts: [[ZA, 1]], whole: [ZA, 2] },
  ...[0, 1, 2].flatMap((c) => [
    { parts: PARTS.map((r) => [r, c]), whole: ['THUISZITTERS_TOTAAL', c] },
    { parts: [['AV_VO_WAARVAN_OVERSTAP_MBO', c]], whole: ['AV_VO', c], atMost: true },
  ]),
  { parts: [[ZA, 1]], whole: ['THUISZITTERS_TOTAAL', 1], atMost: true },
];
const key = ([r, c]) => `${r}.${c}`;
const IN_RULES = new Set(RULES.flatMap((ru) => [...ru.parts, ru.whole].map(key)));

// Whether the reader pins unseen cell `target` of one gebied to one value.
// view: key -> number | '<5' | 'x'; truth: key -> number.
function pinned(view, truth, target) {
  const unknown = Object.keys(view).filter((k) => IN_RULES.has(k) && typeof view[k] === 'string');
  const index = new Map(unknown.map((k, i) => [k, i]));
  const top = Math.max(0, ...[...IN_RULES].map((k) => truth[k]));
  const lo = unknown.map((k) => (view[k] === '<5' ? 1 : 0));
  const hi = unknown.map((k) => (view[k] === '<5' ? 4 : 2 * top + 10));
  const gap = unknown.map((k) => view[k] === 'x'); // 1 to 4 would have been "<5"
  const rules = RULES.map((ru) => ({ ...ru, last: Math.max(-1, ...[...ru.parts, ru.whole].map((c) => index.get(key(c)) ?? -1)) }));
  const val = unknown.map((k) => truth[k]);
  const get = (c, i) => { const u = index.get(key(c)); return u === undefined ? view[key(c)] : u <= i ? [val[u], val[u]] : [lo[u], hi[u]]; };
  const span = (c, i) => { const x = get(c, i); return Array.isArray(x) ? x : [x, x]; };
  const possible = (ru, i) => {
    let a = 0, b = 0;
    for (const p of ru.parts) { const [x, y] = span(p, i); a += x; b += y; }
    const [wl, wh] = span(ru.whole, i);
    return a <= wh && (ru.atMost || b >= wl);
  };
  const ok = (x, u) => x >= lo[u] && x <= hi[u] && !(gap[u] && x >= 1 && x <= 4);
  let steps = 0;
  const extend = (i) => {
    if (++steps > 2e7) throw new Error('the reader gave up');
    if (i === unknown.length) return true;
    let only = null;
    for (const ru of rules) {
      if (ru.atMost || ru.last !== i) continue;
      let sum = 0;
      for (const p of ru.parts) if (index.get(key(p)) !== i) sum += span(p, i - 1)[0];
      only = index.get(key(ru.whole)) === i ? sum : span(ru.whole, i - 1)[0] - sum;
      break;
    }
    const from = only ?? lo[i], to = only ?? hi[i];
    for (let x = from; x <= to; x++) {
      if (!ok(x, i)) continue;
      val[i] = x;
      if (rules.every((ru) => ru.last < i || possible(ru, i)) && extend(i + 1)) return true;
    }
    return false;
  };
  const t = index.get(target);
  assert.ok(extend(0), 'the true counts agree with the relations');
  for (let d = 1; truth[target] - d >= lo[t] || truth[target] + d <= hi[t]; d++)
    for (const x of [truth[target] - d, truth[target] + d]) {
      if (!ok(x, t)) continue;
      const keep = [lo[t], hi[t]];
      lo[t] = hi[t] = x;
      const found = extend(0);
      [lo[t], hi[t]] = keep;
      if (found) return false;
    }
  return true;
}

let region, analist, beheerder;
before(async () => {
  // A twentieth of every gemeente: hundreds of small and a few larger gebieden.
  region = await generatedRegion('inbeeld-suppress-', ['--scale', 'fraction:0.05', '--seed', '11', '--from', '2021', '--to',
    '2025', '--stand', '2026-07-31']);
  ({ analist, beheerder } = region);
});
after(async () => { await region?.stop(); });

// Rows of /api/telling grouped per gebied: key -> cell.
async function telling(client, d, per) {
  const r = await client.request('GET', `/api/telling?peildatum=${d}&per=${per}`);
  assert.equal(r.status, 200);
  const out = new Map();
  for (const row of r.data) {
    if (!out.has(row.gebied)) out.set(row.gebied, {});
    COLS.forEach((c, i) => { if (row[c] !== null) out.get(row.gebied)[`${row.regel}.${i}`] = row[c]; });
  }
  return out;
}

test('no "<5" or "x" of a gebied can be worked out from its shown cells; the totals stay', { timeout: 600_000 }, async (t) => {
  let gebieden = 0, small = 0, hidden = 0, inherent = 0, totals = 0, totalsHidden = 0;
  for (const per of ['gemeente', 'swv']) {
    for (const d of DAYS) {
      const seen = await telling(analist, d, per), truths = await telling(beheerder, d, per);
      assert.ok(seen.size > 0);
      for (const [gebied, view] of seen) {
        const truth = truths.get(gebied), what = `${per} ${gebied} ${d}`;
        gebieden++;
        for (const [k, v] of Object.entries(view)) {
          if (k.startsWith('THUISZITTERS_PER_1000')) continue;
          const n = truth[k];
          assert.equal(v === '<5', n >= 1 && n <= 4, `${what} ${k}: ${n} shown as ${v}`);
          if (typeof v === 'number') assert.equal(v, n, `${what} ${k}`);
          else assert.ok(v === '<5' || v === 'x', `${what} ${k}: ${v}`);
        }
        // As much hidden as could be: every shown cell of a relation an "x".
        const all = Object.fromEntries(Object.entries(view).map(([k, v]) => [k, IN_RULES.has(k) && typeof v === 'number' ? 'x' : v]));
        for (const [k, v] of Object.entries(view)) {
          if (typeof v !== 'string' || k.startsWith('THUISZITTERS_PER_1000')) continue;
          if (v === '<5') small++; else hidden++;
          if (!IN_RULES.has(k) || !pinned(view, truth, k)) continue;
          assert.ok(v === '<5' && pinned(all, truth, k), `${what}: ${k} (${truth[k]}) can be worked out`);
          inherent++;
        }
        // The total goes only when it must: shown, it would pin a suppressed
        // cell even with every other cell hidden.
        const TOTAL = 'THUISZITTERS_TOTAAL.2';
        if (truth[TOTAL] >= 5) totals++;
        if (truth[TOTAL] >= 5 && view[TOTAL] === 'x') {
          totalsHidden++;
          const need = { ...all, [TOTAL]: truth[TOTAL] };
          assert.ok(Object.entries(view).some(([k, v]) => typeof v === 'string' && IN_RULES.has(k) && k !== TOTAL && pinned(need, truth, k)),
            `${what}: the total ${truth[TOTAL]} is hidden where it need not be`);
        }
        // The rate: beside a shown total and denominator, and there always.
        const rate = view['THUISZITTERS_PER_1000.2'];
        if (rate !== undefined)
          assert.equal(rate !== 'x', typeof view[TOTAL] === 'number' && typeof view['LEERPLICHTIGEN.2'] === 'number', `${what}: the rate`);
      }
    }
  }
  t.diagnostic(`${gebieden} gebied-days: ${small} <5, ${hidden} x, ${inherent} pinned by the <5 alone; the total hidden in ${totalsHidden} of ${totals} with a total of 5 or more, each time because it must`);
  assert.ok(totals > 100, 'enough gebieden with totals to judge');
});
