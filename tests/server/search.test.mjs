// Finding a child (issue 14): the search over BSN, onderwijsnummer,
// leerling-id, a name in any order and the birth date, case and accents
// ignored, paged with its total, only within the caller's scope and audited;
// one child, one record when a new pupil is registered; the beheerder's
// report of likely duplicates.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loggedIn, reloaded, sql, startServer } from './harness.mjs';
import { KIDS, dataset } from './search_data.mjs';

let srv, dir, c = {};
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inbeeld-zoeken-'));
  srv = await startServer({ dataset: dataset(dir) });
  for (const r of ['school_in', 'school_out', 'leerplicht_in', 'leerplicht_out', 'swv_in', 'analist_in', 'beheerder'])
    c[r] = await loggedIn(srv.base, r);
});
after(async () => { assert.equal((await srv.stop()).code, 0); rmSync(dir, { recursive: true, force: true }); });

const search = (who, zoek, extra = '') => c[who].request('GET', `/api/leerlingen?zoek=${encodeURIComponent(zoek)}${extra}`);
const ids = async (who, zoek) => {
  const r = await search(who, zoek);
  assert.equal(r.status, 200, `${who} ${zoek}: ${r.text}`);
  return r.data.leerlingen.map((p) => p.leerling_id);
};

test('each key finds the child: name in any order, BSN, onderwijsnummer, leerling-id, birth date', async () => {
  assert.deepEqual(await ids('leerplicht_in', 'Mila van Wijk'), ['S01']);
  assert.deepEqual(await ids('leerplicht_in', 'van Wijk Mila'), ['S01']);
  assert.deepEqual(await ids('leerplicht_in', 'Wijk, Mila'), ['S01']);
  assert.deepEqual(await ids('leerplicht_in', '999996356'), ['S01'], 'the BSN shown on her page');
  assert.deepEqual(await ids('leerplicht_in', '101222331'), ['U03'], 'an onderwijsnummer');
  assert.deepEqual(await ids('leerplicht_in', 'S01'), ['S01'], 'the leerling-id');
  assert.deepEqual(await ids('leerplicht_in', 's01'), ['S01']);
  assert.deepEqual(await ids('leerplicht_in', '16-02-2014'), ['S01'], 'a birth date as typed in Dutch');
  assert.deepEqual(await ids('leerplicht_in', '2014-02-16'), ['S01'], 'and in ISO');
  assert.deepEqual(await ids('leerplicht_in', 'van wijk 16-02-2014'), ['S01']);
  // The old parameters still work.
  const r = await c.leerplicht_in.request('GET', '/api/leerlingen?bsn=999996356');
  assert.deepEqual(r.data.leerlingen.map((p) => p.leerling_id), ['S01']);
  const answer = (await search('leerplicht_in', 'Mila van Wijk')).data.leerlingen[0];
  assert.deepEqual(answer, { leerling_id: 'S01', voornaam: 'Mila', achternaam: 'van Wijk', geboortedatum: '2014-02-16',
    categorie: answer.categorie });
});

test('case and accents are ignored: Yilmaz finds Yılmaz, Lois finds Loïs', async () => {
  assert.deepEqual(await ids('leerplicht_in', 'Yilmaz'), ['S02']);
  assert.deepEqual(await ids('leerplicht_in', 'YILMAZ emre'), ['S02']);
  assert.deepEqual(await ids('leerplicht_in', 'Lois'), ['S03', 'S04']);
  assert.deepEqual(await ids('leerplicht_in', 'loïs DE VRIES'), ['S03', 'S04']);
});

test('no silent stop at 50: the total and every page', async () => {
  const first = await search('leerplicht_in', 'van Wijk');
  assert.equal(first.status, 200);
  assert.deepEqual(first.data.pagina, { nummer: 1, van: 2, per_pagina: 50, leerlingen: KIDS + 1 });
  assert.equal(first.data.leerlingen.length, 50);
  const second = await search('leerplicht_in', 'van Wijk', '&pagina=2');
  assert.deepEqual(second.data.pagina, { nummer: 2, van: 2, per_pagina: 50, leerlingen: KIDS + 1 });
  assert.equal(second.data.leerlingen.length, KIDS + 1 - 50);
  const all = [...first.data.leerlingen, ...second.data.leerlingen].map((p) => p.leerling_id);
  assert.equal(new Set(all).size, KIDS + 1, 'no pupil twice');
  assert.ok(all.includes('S01') && !all.includes('S90'));
});

test('within scope only: a school never finds a pupil outside its scope, by any key', async () => {
  assert.deepEqual(await ids('school_in', 'Mila van Wijk'), ['S01']);
  assert.deepEqual(await ids('school_out', 'Mila van Wijk'), ['S90']);
  assert.deepEqual(await ids('leerplicht_out', 'Mila van Wijk'), ['S90']);
  assert.deepEqual(await ids('school_out', '999996356'), [], 'not by BSN');
  assert.deepEqual(await ids('school_out', 'S01'), [], 'not by id');
  assert.deepEqual(await ids('school_out', '16-02-2014'), [], 'not by birth date');
  assert.equal((await search('school_out', 'van Wijk')).data.pagina.leerlingen, 1, 'the total counts only what it sees');
  assert.deepEqual(await ids('beheerder', 'Mila van Wijk'), [], 'the beheerder only under break-glass');
  assert.equal((await search('analist_in', 'Mila van Wijk')).status, 403);
});

test('every search is audited: one entry with the pupils shown and the total', async () => {
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'zoeken'"));
  await search('leerplicht_in', 'van Wijk', '&pagina=2');
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'zoeken'")), before + 1);
  const d = JSON.parse(sql(srv.db, "SELECT details FROM audit WHERE actie = 'zoeken' ORDER BY id DESC LIMIT 1"));
  assert.equal(d.totaal, KIDS + 1);
  assert.equal(d.pagina, 2);
  assert.equal(d.leerlingen.length, KIDS + 1 - 50);
});

test('a search that cannot be done says why in Dutch', async () => {
  const r = await search('leerplicht_in', 'M');
  assert.equal(r.status, 400);
  assert.equal(r.data.code, 'ongeldige_zoekopdracht');
  assert.match(r.data.fout, /minstens twee letters/);
});

const enrol = (who, body) => c[who].request('POST', '/api/leerlingen', { json: who.startsWith('school')
  ? { ...body, inschrijving: { brin: who === 'school_in' ? '01KF' : '02VR', vestiging: '00', van: '2026-11-20' } }
  : { ...body, woonadres: { gemeentecode: 'GM0344', van: '2026-11-20', in_onderzoek: false } } });

test('one child, one record: the same BSN or onderwijsnummer is refused, naming the record the writer sees', async () => {
  const seen = await enrol('school_in', { geboortedatum: '2012-09-03', voornaam: 'Mila', achternaam: 'H.', onderwijsnummer: '101222331' });
  assert.equal(seen.status, 409);
  assert.equal(seen.data.code, 'bestaat_al');
  assert.equal(seen.data.leerling_id, 'U03');
  assert.equal(seen.data.overeenkomst, 'onderwijsnummer');
  assert.match(seen.data.fout, /onderwijsnummer bestaat al.*Mila Hendriks \(leerling-id U03/);
  // U01 (Sanne de Graaf, BSN 111222333) is at another school: only "bestaat al".
  const unseen = await enrol('school_in', { geboortedatum: '2016-05-12', voornaam: 'Sanne', achternaam: 'Graaf', bsn: '111222333' });
  assert.equal(unseen.status, 409);
  assert.equal(unseen.data.code, 'bestaat_al');
  assert.equal(unseen.data.leerling_id, undefined);
  assert.doesNotMatch(unseen.data.fout, /U01|Sanne|de Graaf/);
  assert.match(unseen.data.fout, /BSN bestaat al in de registratie/);
  const lp = await enrol('leerplicht_in', { geboortedatum: '2016-05-12', bsn: '111222333' });
  assert.equal(lp.status, 409);
  assert.equal(lp.data.leerling_id, 'U01', 'leerplicht of Utrecht sees U01');
  // Confirming does not help against an identifier.
  assert.equal((await enrol('school_in', { geboortedatum: '2016-05-12', bsn: '111222333', bevestig_nieuw: true })).status, 409);
});

test('one child, one record: the same name and birth date asks for confirmation', async () => {
  const asked = await enrol('school_in', { geboortedatum: '2014-02-16', voornaam: 'MILA', achternaam: 'van wijk' });
  assert.equal(asked.status, 409);
  assert.equal(asked.data.code, 'mogelijk_dubbel');
  assert.equal(asked.data.leerling_id, 'S01');
  assert.match(asked.data.fout, /deze naam en geboortedatum.*bevestig/);
  const other = await enrol('school_out', { geboortedatum: '2014-02-16', voornaam: 'Mila', achternaam: 'van Wijk' });
  assert.equal(other.status, 409);
  assert.equal(other.data.leerling_id, undefined, 'outside its scope: not which one');
  const confirmed = await enrol('school_in', { geboortedatum: '2014-02-16', voornaam: 'Mila', achternaam: 'van Wijk', bevestig_nieuw: true });
  assert.equal(confirmed.status, 201, confirmed.text);
  await reloaded(srv.base, confirmed.data.registratie);
  // Another birth date is another child.
  const fresh = await enrol('school_in', { geboortedatum: '2014-02-17', voornaam: 'Mila', achternaam: 'van Wijk' });
  assert.equal(fresh.status, 201, fresh.text);
  await reloaded(srv.base, fresh.data.registratie);
  // The report of likely duplicates now holds the confirmed one beside S01.
  const report = await c.beheerder.request('GET', '/api/dubbele-leerlingen');
  assert.equal(report.status, 200);
  const groups = report.data.groepen.map((g) => g.leerlingen.map((p) => p.leerling_id));
  assert.ok(groups.some((g) => g.includes('S01') && g.includes(confirmed.data.leerling_id)), JSON.stringify(groups));
  assert.ok(!groups.some((g) => g.includes(fresh.data.leerling_id)));
});

test('the beheerder reports likely duplicates: ids only, paged, audited, refused to the others', async () => {
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'lijst'"));
  const r = await c.beheerder.request('GET', '/api/dubbele-leerlingen');
  assert.equal(r.status, 200);
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'lijst'")), before + 1);
  const lois = r.data.groepen.find((g) => g.leerlingen.some((p) => p.leerling_id === 'S03'));
  assert.deepEqual(lois, { overeenkomst: 'naam_geboortedatum', leerlingen: [
    { leerling_id: 'S03', bsn_bekend: false, onderwijsnummer_bekend: false },
    { leerling_id: 'S04', bsn_bekend: false, onderwijsnummer_bekend: false }] });
  assert.equal(r.data.pagina.nummer, 1);
  assert.equal(r.data.pagina.groepen, r.data.groepen.length);
  assert.doesNotMatch(r.text, /Lo(ï|i)s|Vries/, 'no names');
  const page = await c.beheerder.request('GET', '/dubbele-leerlingen');
  assert.equal(page.status, 200);
  assert.match(page.text, /S03.*S04/s);
  for (const who of ['school_in', 'leerplicht_in', 'swv_in', 'analist_in'])
    assert.equal((await c[who].request('GET', '/api/dubbele-leerlingen')).status, 403, who);
});

test('the beheerder merges two records of one child: facts, dossier, history and audit reachable from the survivor', async () => {
  // S04 (Lois De Vries) is S03 (Loïs de Vries) registered twice: the school records absence on S04, leerplicht opens a dossier.
  const absent = await c.school_in.request('POST', '/api/leerlingen/S04/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ongeoorloofd', van: '2026-11-16' } });
  assert.equal(absent.status, 201, absent.text);
  await reloaded(srv.base, absent.data.registratie);
  const dossier = await c.leerplicht_in.request('POST', '/api/dossiers', { json: { leerling_id: 'S04', reden: 'verzuim' } });
  assert.equal(dossier.status, 201, dossier.text);
  // Two different BSNs are two children; a reason is needed.
  const refused = await c.beheerder.request('POST', '/api/samenvoegingen', { json: { behouden: 'S01', opheffen: 'U01', reden: 'zelfde kind?' } });
  assert.equal(refused.status, 409);
  assert.equal(refused.data.code, 'samenvoegen_geweigerd');
  assert.match(refused.data.fout, /ander BSN: het zijn twee kinderen/);
  assert.equal((await c.beheerder.request('POST', '/api/samenvoegingen', { json: { behouden: 'S03', opheffen: 'S04', reden: '' } })).status, 400);
  for (const who of ['school_in', 'leerplicht_in'])
    assert.equal((await c[who].request('POST', '/api/samenvoegingen', { json: { behouden: 'S03', opheffen: 'S04', reden: 'één kind' } })).status, 403);

  const before = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'samenvoegen'"));
  const merged = await c.beheerder.request('POST', '/api/samenvoegingen', { json: { behouden: 'S03', opheffen: 'S04', reden: 'één kind, twee keer ingeschreven' } });
  assert.equal(merged.status, 200, merged.text);
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'samenvoegen'")), before + 1, 'audited in its transaction');
  const entry = JSON.parse(sql(srv.db, "SELECT details FROM audit WHERE actie = 'samenvoegen' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(entry, { registratie: merged.data.registratie, behouden: 'S03', opgeheven: 'S04', reden: 'één kind, twee keer ingeschreven' });
  await reloaded(srv.base, merged.data.registratie);

  // The merged id stays resolvable: it points to the survivor.
  const old = await c.leerplicht_in.request('GET', '/api/leerlingen/S04');
  assert.equal(old.status, 301);
  assert.equal(old.headers.get('location'), '/api/leerlingen/S03');
  assert.equal(old.data.leerling_id, 'S03');
  // A link with a peildatum keeps it on the way (a bookmark of last month's view).
  const dated = await c.leerplicht_in.request('GET', '/api/leerlingen/S04?peildatum=2026-11-10');
  assert.equal(dated.status, 301);
  assert.equal(dated.headers.get('location'), '/api/leerlingen/S03?peildatum=2026-11-10');
  const page = await c.leerplicht_in.request('GET', '/leerlingen/S04?peildatum=2026-11-10&gedaan=x_y');
  assert.equal(page.status, 301);
  assert.equal(page.headers.get('location'), '/leerlingen/S03?peildatum=2026-11-10&gedaan=x_y');
  const write = await c.school_in.request('POST', '/api/leerlingen/S04/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-18' } });
  assert.equal(write.status, 409);
  assert.equal(write.data.code, 'samengevoegd');
  // The absence is the survivor's now, and its history shows where it came from.
  const hist = await c.leerplicht_in.request('GET', '/api/leerlingen/S03/geschiedenis');
  assert.equal(hist.status, 200);
  const verzuim = hist.data.feiten.verzuim;
  const mine = verzuim.filter((v) => v.van === '2026-11-16' && v.soort === 'ongeoorloofd');
  assert.equal(mine.length, 2, JSON.stringify(verzuim));
  assert.ok(mine.some((v) => v.beeindigd_op === undefined && v.geregistreerd_door === 'beheerder'), 'the survivor\'s version, from the merge');
  assert.ok(mine.some((v) => v.beeindigd_door === 'beheerder' && v.geregistreerd_door === 'school_in'), 'the old id\'s version, kept');
  // The dossier follows the child.
  const dossiers = await c.leerplicht_in.request('GET', '/api/dossiers');
  const d = dossiers.data.find((x) => x.id === dossier.data.id);
  assert.equal(d?.leerling_id, 'S03', JSON.stringify(d));
  // The audit log of the survivor holds the old id's entries too.
  const audit = await c.beheerder.request('GET', '/api/audit?leerling=S03&aantal=1000');
  assert.ok(audit.data.some((e) => e.leerling_id === 'S04' && e.actie === 'wijzigen'));
  assert.ok(audit.data.some((e) => e.leerling_id === 'S03' && e.actie === 'samenvoegen'));
  // One record now: search and the report agree.
  assert.deepEqual(await ids('leerplicht_in', 'Lois de Vries'), ['S03']);
  const report = await c.beheerder.request('GET', '/api/dubbele-leerlingen');
  assert.ok(!report.data.groepen.some((g) => g.leerlingen.some((p) => p.leerling_id === 'S03')));
  assert.equal((await c.beheerder.request('POST', '/api/samenvoegingen', { json: { behouden: 'S03', opheffen: 'S04', reden: 'nog eens' } })).status, 404);
});
