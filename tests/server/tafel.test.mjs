// The thuiszitterstafel as Rotterdam runs it (SPEC 6, issue 15), on a
// generated Utrecht (thousands of pupils, PO and VO): the reconciliation
// before both lists exist, a fair comparison (a pupil is missing on one side
// only when that side could have known it), coverage over the comparable
// pupils, and the list one page at a time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, TODAY, loggedIn, startServer } from './harness.mjs';

const GEN = join(ROOT, 'build/inbeeld-gen');
const USERS = { lp: ['leerplicht', 'GM0344'], vo: ['swv', 'VO2601'], po: ['swv', 'PO2601'] };
let srv, dir, c = {};

before(async () => {
  assert.ok(existsSync(GEN), 'build/inbeeld-gen is built by make');
  dir = mkdtempSync(join(tmpdir(), 'inbeeld-tafel-'));
  execFileSync(GEN, ['--scale', 'gemeente:GM0344', '--seed', '5', '--stand', TODAY, '--out', join(dir, 'data')],
    { stdio: 'ignore' });
  srv = await startServer({ dataset: join(dir, 'data'), users: USERS });
  for (const name of Object.keys(USERS)) c[name] = await loggedIn(srv.base, name);
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const afstemming = async (who, query = '') => {
  const r = await who.request('GET', `/api/tafels/afstemming${query}`);
  assert.equal(r.status, 200, r.text);
  return r.data;
};
const fix = async (who) => {
  const r = await who.request('POST', '/api/tafels', { json: {} });
  assert.equal(r.status, 201, r.text);
  return r.data.id;
};

// Every pupil of a reconciliation, page by page.
async function allPages(who, query) {
  const first = await afstemming(who, query);
  const rows = [...first.leerlingen];
  for (let p = 2; p <= first.pagina.van; p++)
    rows.push(...(await afstemming(who, `${query}&pagina=${p}`)).leerlingen);
  return { first, rows };
}

test('before both lists exist, the reconciliation says what is missing instead of counting', async () => {
  const none = await afstemming(c.lp);
  assert.deepEqual(none.ontbreekt, ['leerplicht', 'swv']);
  assert.equal(none.samenvatting, null, 'not "0 bij beide / 0,0%"');
  assert.deepEqual(none.leerlingen, []);
  const lpList = await fix(c.lp);
  const half = await afstemming(c.lp);
  assert.deepEqual(half.ontbreekt, ['swv']);
  assert.equal(half.samenvatting, null, 'not "0 bij beide / 1.986 alleen leerplicht"');
  assert.deepEqual(half.leerlingen, []);
  assert.deepEqual(half.leerplicht.map((x) => x.id), [lpList]);
});

test('a fair reconciliation: PO pupils never count against the VO SWV, nor residents elsewhere against leerplicht', async () => {
  const lpList = await fix(c.lp), voList = await fix(c.vo), poList = await fix(c.po);
  // Leerplicht Utrecht beside the VO SWV: same registry, same day, so they differ only by reach.
  const { first, rows } = await allPages(c.lp, `?leerplicht=${lpList}&swv=${voList}`);
  const s = first.samenvatting;
  assert.deepEqual(first.ontbreekt, []);
  assert.equal(s.alleen_leerplicht, 0, 'no PO pupil is missing from the VO list');
  assert.equal(s.alleen_swv, 0);
  assert.ok(s.beide > 0 && s.buiten_bereik > 0, JSON.stringify(s));
  assert.equal(s.vergelijkbaar, s.beide);
  assert.equal(s.dekking_procent, '100.0', 'over the comparable pupils, not over everyone on either list');
  assert.match(s.dekking_uitleg, new RegExp(`^Van de ${s.beide} leerlingen die beide kanten konden kennen, staan er ${s.beide} op beide lijsten: een dekking van 100,0%; ${s.buiten_bereik} leerlingen buiten elkaars bereik tellen niet mee\\.$`));
  for (const x of rows) {
    if (x.bekend_bij === 'buiten_bereik') {
      assert.equal(x.swv, null, x.leerling_id);
      assert.notEqual(x.leerplicht.swv, 'VO2601', x.leerling_id);
    } else {
      assert.equal(x.bekend_bij, 'beide', x.leerling_id);
      assert.equal(x.leerplicht.swv, 'VO2601', x.leerling_id);
    }
  }
  assert.ok(rows.some((x) => x.bekend_bij === 'buiten_bereik' && x.leerplicht.sector === 'PO'), 'PO pupils are apart');
  // The VO SWV beside leerplicht: its pupils who live outside Utrecht are out of leerplicht's reach.
  const vo = await allPages(c.vo, `?leerplicht=${lpList}&swv=${voList}`);
  const away = vo.rows.filter((x) => !x.leerplicht);
  assert.ok(away.length > 0, 'pupils of Utrecht schools who live elsewhere');
  for (const x of away) {
    assert.equal(x.bekend_bij, 'buiten_bereik', x.leerling_id);
    assert.notEqual(x.swv.gemeentecode, 'GM0344', x.leerling_id);
  }
  assert.equal(vo.first.samenvatting.alleen_swv, 0);
  // The PO SWV: the VO pupils of Utrecht are apart, the PO ones on both.
  const po = await allPages(c.lp, `?leerplicht=${lpList}&swv=${poList}`);
  assert.equal(po.first.samenvatting.alleen_leerplicht, 0);
  for (const x of po.rows)
    if (x.leerplicht?.sector === 'VO') assert.equal(x.bekend_bij, 'buiten_bereik', x.leerling_id);
});

test('the reconciliation is paged: 50 a page, each pupil once, differences first', async () => {
  const lpList = await fix(c.lp), voList = await fix(c.vo);
  const { first, rows } = await allPages(c.lp, `?leerplicht=${lpList}&swv=${voList}`);
  assert.equal(first.pagina.per_pagina, 50);
  assert.equal(first.leerlingen.length, Math.min(50, first.pagina.leerlingen));
  assert.ok(first.pagina.van > 1, `${first.pagina.leerlingen} pupils need more than one page`);
  assert.equal(first.pagina.van, Math.ceil(first.pagina.leerlingen / 50));
  assert.equal(rows.length, first.pagina.leerlingen);
  assert.equal(new Set(rows.map((x) => x.leerling_id)).size, rows.length, 'no pupil on two pages');
  const order = ['alleen_leerplicht', 'alleen_swv', 'beide', 'buiten_bereik'];
  for (let i = 1; i < rows.length; i++) {
    const a = order.indexOf(rows[i - 1].bekend_bij), b = order.indexOf(rows[i].bekend_bij);
    assert.ok(a < b || (a === b && rows[i - 1].leerling_id < rows[i].leerling_id), `${rows[i - 1].leerling_id} before ${rows[i].leerling_id}`);
  }
  // A page past the end is the first page; a kind alone has its own pages.
  assert.deepEqual((await afstemming(c.lp, `?leerplicht=${lpList}&swv=${voList}&pagina=999`)).leerlingen, first.leerlingen);
  const apart = await afstemming(c.lp, `?leerplicht=${lpList}&swv=${voList}&bekend_bij=buiten_bereik`);
  assert.equal(apart.pagina.leerlingen, first.samenvatting.buiten_bereik);
  assert.ok(apart.leerlingen.every((x) => x.bekend_bij === 'buiten_bereik'));
});
