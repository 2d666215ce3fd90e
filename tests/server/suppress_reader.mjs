// The analist as an independent reader of the Resultaatschema (SPEC 5, 9):
// given one gebied's cells as shown (numbers, "<5", "x") and the relations of
// SPEC 5, it enumerates every assignment of the unseen cells that agrees, and
// says whether a cell comes down to one value. Used by suppress.test.mjs and
// by tools that print the figures of the suppression (cells shown and hidden).
//
// Cells are "REGEL.col" (col 0 kort, 1 lang, 2 totaal). A "waarvan" regel is
// a part of its parent beside a part the analist never sees but can work out:
// REST.c, those of AV_VO not waiting for mbo, and MET.1, the thuiszitters of
// 3 months or longer with an aanbod. Those are small numbers too when 1 to 4.
import assert from 'node:assert/strict';

export const COLS = ['korter_dan_3_maanden', '3_maanden_of_langer', 'totaal'];
const PARTS = ['AV_PO', 'AV_VO', 'LRV_PO', 'LRV_VO'];
const THREE = [...PARTS.slice(0, 2), 'AV_VO_WAARVAN_OVERSTAP_MBO', ...PARTS.slice(2), 'THUISZITTERS_TOTAAL',
  'LANGDURIG_ZIEK', 'GESCHORST_VERWIJDERD'];
const ZA = 'THUISZITTERS_LANG_ZONDER_AANBOD';
export const DIFFERENCES = ['REST.0', 'REST.1', 'REST.2', 'MET.1'];

// What the analist knows from SPEC 5: the sum of the parts is the whole.
const RULES = [
  ...THREE.map((r) => ({ parts: [[r, 0], [r, 1]], whole: [r, 2] })),
  { parts: [['REST', 0], ['REST', 1]], whole: ['REST', 2] },
  { parts: [[ZA, 1]], whole: [ZA, 2] },
  ...[0, 1, 2].flatMap((c) => [
    { parts: PARTS.map((r) => [r, c]), whole: ['THUISZITTERS_TOTAAL', c] },
    { parts: [['AV_VO_WAARVAN_OVERSTAP_MBO', c], ['REST', c]], whole: ['AV_VO', c] },
  ]),
  { parts: [[ZA, 1], ['MET', 1]], whole: ['THUISZITTERS_TOTAAL', 1] },
];
const key = ([r, c]) => `${r}.${c}`;
export const IN_RULES = new Set(RULES.flatMap((ru) => [...ru.parts, ru.whole].map(key)));

// Rows of /api/telling grouped per gebied: key -> cell (null cells left out).
export function byGebied(rows) {
  const out = new Map();
  for (const row of rows) {
    if (!out.has(row.gebied)) out.set(row.gebied, {});
    COLS.forEach((c, i) => { if (row[c] !== null) out.get(row.gebied)[`${row.regel}.${i}`] = row[c]; });
  }
  return out;
}

// The true counts of a gebied with its never-shown differences.
export function withDifferences(truth) {
  const t = { ...truth };
  for (const c of [0, 1, 2]) t[`REST.${c}`] = truth[`AV_VO.${c}`] - truth[`AV_VO_WAARVAN_OVERSTAP_MBO.${c}`];
  t['MET.1'] = truth['THUISZITTERS_TOTAAL.1'] - truth[`${ZA}.1`];
  return t;
}

// The view with the never-shown differences as unknowns without the gap of "x".
export function withUnseen(view) {
  return { ...view, ...Object.fromEntries(DIFFERENCES.map((k) => [k, 'never'])) };
}

// Whether the reader pins unseen cell `target` of one gebied to one value.
// view: key -> number | '<5' | 'x' | 'never' (withUnseen); truth: key ->
// number (withDifferences).
export function pinned(view, truth, target) {
  // The never-shown cells last: their rules then leave them one value to try.
  const unknown = Object.keys(view).filter((k) => IN_RULES.has(k) && typeof view[k] === 'string')
    .sort((a, b) => (view[a] === 'never') - (view[b] === 'never'));
  const index = new Map(unknown.map((k, i) => [k, i]));
  const top = Math.max(0, ...[...IN_RULES].map((k) => truth[k]));
  const lo = unknown.map((k) => (view[k] === '<5' ? 1 : 0));
  const hi = unknown.map((k) => (view[k] === '<5' ? 4 : 2 * top + 10));
  const gap = unknown.map((k) => view[k] === 'x'); // 1 to 4 would have been "<5"
  const val = unknown.map((k) => truth[k]);
  // Each rule with its cells as the index of an unknown, or -1 beside the
  // value shown (resolved once here: the search below runs millions of
  // steps); the first rule whose last unknown is i fixes the value of i.
  const at = (c) => index.get(key(c)) ?? -1;
  const rules = RULES.map((ru) => {
    const parts = ru.parts.map(at), whole = at(ru.whole);
    return { parts, shown: ru.parts.map((c) => view[key(c)]), whole, wholeShown: view[key(ru.whole)], last: Math.max(whole, ...parts) };
  });
  const fixing = unknown.map((_, i) => rules.find((ru) => ru.last === i) ?? null);
  const open = unknown.map((_, i) => rules.filter((ru) => ru.last >= i));
  // A cell's lowest and highest value with the unknowns up to i set (val).
  const low = (u, shown, i) => (u < 0 ? shown : u <= i ? val[u] : lo[u]);
  const high = (u, shown, i) => (u < 0 ? shown : u <= i ? val[u] : hi[u]);
  const possible = (ru, i) => {
    let a = 0, b = 0;
    for (let j = 0; j < ru.parts.length; j++) { a += low(ru.parts[j], ru.shown[j], i); b += high(ru.parts[j], ru.shown[j], i); }
    return a <= high(ru.whole, ru.wholeShown, i) && b >= low(ru.whole, ru.wholeShown, i);
  };
  const ok = (x, u) => x >= lo[u] && x <= hi[u] && !(gap[u] && x >= 1 && x <= 4);
  let steps = 0;
  const extend = (i) => {
    if (++steps > 2e7) throw new Error('the reader gave up');
    if (i === unknown.length) return true;
    let only = null;
    const ru = fixing[i];
    if (ru) {
      let sum = 0;
      for (let j = 0; j < ru.parts.length; j++) if (ru.parts[j] !== i) sum += low(ru.parts[j], ru.shown[j], i - 1);
      only = ru.whole === i ? sum : low(ru.whole, ru.wholeShown, i - 1) - sum;
    }
    const from = only ?? lo[i], to = only ?? hi[i], check = open[i];
    for (let x = from; x <= to; x++) {
      if (!ok(x, i)) continue;
      val[i] = x;
      if (check.every((r) => possible(r, i)) && extend(i + 1)) return true;
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

// As much hidden as could be: every shown cell of a relation an "x".
export function allHidden(view) {
  return Object.fromEntries(Object.entries(view).map(([k, v]) => [k, IN_RULES.has(k) && typeof v === 'number' ? 'x' : v]));
}

// The cells of one gebied the reader can work out although they are
// suppressed or never shown and 1 to 4, with whether the "<5" alone pin it
// (then hiding every other cell would not help either).
export function workedOut(shown, truthRows) {
  const view = withUnseen(shown), truth = withDifferences(truthRows), all = allHidden(view);
  const out = [];
  for (const [k, v] of Object.entries(view)) {
    if (typeof v !== 'string' || !IN_RULES.has(k)) continue;
    if (v === 'never' && !(truth[k] >= 1 && truth[k] <= 4)) continue;
    if (pinned(view, truth, k)) out.push({ cell: k, value: truth[k], inherent: v !== 'x' && pinned(all, truth, k) });
  }
  return out;
}
