// The SWV's own list as Dutch offices keep it (SPEC 6, issue 15): a CSV
// file as Dutch Excel saves it (semicolons, a byte order mark, dates as
// 16-02-2021) and an XLSX workbook (written by libxlsxwriter, by LibreOffice
// when it is installed, and by hand, with dates as Excel serial days and as
// text), read from its first sheet; a damaged workbook and a zip bomb are
// refused in Dutch. On a generated Utrecht, as tafel.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, TODAY, loggedIn, startServer } from './harness.mjs';
import { serial, xlsx, zip } from './xlsx_write.mjs';

const GEN = join(ROOT, 'build/inbeeld-gen');
const USERS = { vo: ['swv', 'VO2601'], lp: ['leerplicht', 'GM0344'] };
let srv, dir, c = {}, pupils;

before(async () => {
  assert.ok(existsSync(GEN), 'build/inbeeld-gen is built by make');
  dir = mkdtempSync(join(tmpdir(), 'inbeeld-tafel-eigen-'));
  execFileSync(GEN, ['--scale', 'gemeente:GM0344', '--seed', '5', '--stand', TODAY, '--out', join(dir, 'data')],
    { stdio: 'ignore' });
  srv = await startServer({ dataset: join(dir, 'data'), users: USERS });
  for (const name of Object.keys(USERS)) c[name] = await loggedIn(srv.base, name);
  // Three pupils of the VO SWV's computed list with a BSN, as the dataset gives them.
  const r = await c.vo.request('POST', '/api/tafels', { json: {} });
  const own = (await c.vo.request('GET', `/api/tafels/${r.data.id}`)).data.leerlingen;
  const [head, ...lines] = readFileSync(join(dir, 'data/leerlingen.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  const ids = new Map(lines.map((l) => { const v = l.split(','); return [v[0], Object.fromEntries(cols.map((k, i) => [k, v[i]]))]; }));
  pupils = own.map((x) => ids.get(x.leerling_id)).filter((x) => x.bsn).slice(0, 3);
  assert.equal(pupils.length, 3);
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const send = (bestand) => c.vo.request('POST', '/api/tafels/eigen', { json: { bestand } });
const sendXlsx = (buf, naam = 'thuiszitters.xlsx') => send({ naam, inhoud: buf.toString('base64'), codering: 'base64' });
const dmy = (iso) => iso.split('-').reverse().join('-');
const rowsOf = async (id) => {
  const list = (await c.vo.request('GET', `/api/tafels/${id}`)).data;
  return [...list.leerlingen, ...list.apart];
};

// The list every format below carries: three pupils on BSN, an unknown child.
const HEADER = ['BSN', 'Naam', 'Geboortedatum', 'Categorie', 'Eerste verzuimdag'];
async function expectRead(r, born = '2013-04-01') {
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.data.koppeling, { bsn: 3, onderwijsnummer: 0, leerling_id: 0, voorstel: 0, onbekend: 1 });
  assert.equal(r.data.met_melding, 0, 'every date and number read as the user wrote it');
  const rows = await rowsOf(r.data.id);
  const first = rows.find((x) => x.regel === 2);
  assert.equal(first.leerling_id, pupils[0].leerling_id);
  assert.equal(first.startdatum, '2026-09-14');
  const unknown = rows.find((x) => x.regel === 5);
  assert.equal(unknown.status, 'onbekend');
  assert.equal(unknown.gegeven.naam, 'Nina Nergens');
  assert.equal(unknown.gegeven.geboortedatum, born, 'as the file shows it; a serial day as a date');
  // What registering the child can start from: the name, the birth date as a date, the identifiers that pass.
  assert.deepEqual(unknown.registreren, { naam: 'Nina Nergens', geboortedatum: '2013-04-01', bsn: '999999990' });
  return rows;
}

test('a CSV as Dutch Excel saves it: semicolons, a byte order mark, dates as 16-02-2021', async () => {
  const lines = [HEADER.join(';'),
    ...pupils.map((p) => [p.bsn, `${p.voornaam} ${p.achternaam}`, dmy(p.geboortedatum), 'LRV', '14-09-2026'].join(';')),
    ['999999990', 'Nina Nergens', '01-04-2013', 'AV', '12-10-2026'].join(';')];
  await expectRead(await send({ naam: 'thuiszitters.csv', inhoud: '\uFEFF' + lines.join('\r\n') + '\r\n' }), '01-04-2013');
  // A comma inside a name stays in the name when semicolons separate.
  const comma = [HEADER.join(';'), ['', `${pupils[0].achternaam}, ${pupils[0].voornaam}`, pupils[0].geboortedatum, 'AV', '2026-10-01'].join(';')];
  const r = await send({ naam: 'komma.csv', inhoud: comma.join('\n') });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.koppeling.voorstel, 1);
});

test('an XLSX workbook written by hand: its first sheet, dates as serial days and as text', async () => {
  const rows = [HEADER,
    ...pupils.map((p, i) => [{ n: p.bsn }, `${p.voornaam} ${p.achternaam}`, i ? dmy(p.geboortedatum) : { serial: serial(p.geboortedatum) },
      'LRV', i ? '2026-09-14' : { serial: serial('2026-09-14') }]),
    ['999999990', 'Nina Nergens', { serial: serial('2013-04-01') }, 'AV', '12-10-2026']];
  await expectRead(await sendXlsx(xlsx(rows)));
});

test('an XLSX workbook written by libxlsxwriter (dates in a dd-mm-yyyy format)', async () => {
  const tool = join(dir, 'xlsx_fixture');
  execFileSync('cc', ['-o', tool, join(ROOT, 'tests/server/xlsx_fixture.c'), '-lxlsxwriter']);
  const tsv = [HEADER,
    ...pupils.map((p) => [`#${p.bsn}`, `${p.voornaam} ${p.achternaam}`, `@${p.geboortedatum}`, 'LRV', '@2026-09-14']),
    ['#999999990', 'Nina Nergens', '@2013-04-01', 'AV', '12-10-2026']].map((r) => r.join('\t')).join('\n') + '\n';
  const out = join(dir, 'libxlsxwriter.xlsx');
  execFileSync(tool, [out], { input: tsv });
  await expectRead(await sendXlsx(readFileSync(out)));
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);
test('an XLSX workbook saved by LibreOffice Calc', { skip: !soffice && 'LibreOffice is not installed' }, async () => {
  const csv = join(dir, 'lo.csv');
  writeFileSync(csv, [HEADER.join(','),
    ...pupils.map((p) => [p.bsn, `${p.voornaam} ${p.achternaam}`, p.geboortedatum, 'LRV', '2026-09-14'].join(',')),
    ['999999990', 'Nina Nergens', '2013-04-01', 'AV', '2026-10-12'].join(',')].join('\n') + '\n');
  execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'xlsx',
    '--outdir', dir, csv], { stdio: 'ignore', timeout: 120000 });
  await expectRead(await sendXlsx(readFileSync(join(dir, 'lo.xlsx'))));
});

test('a damaged workbook, a zip bomb and a file that only calls itself XLSX are refused in Dutch', async () => {
  const notZip = await send({ naam: 'lijst.xlsx', inhoud: 'bsn;naam' });
  assert.equal(notZip.status, 415);
  assert.match(notZip.data.fout, /lijst\.xlsx is geen XLSX-bestand/);
  const broken = await sendXlsx(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
  assert.equal(broken.status, 422);
  assert.match(broken.data.fout, /thuiszitters\.xlsx: het XLSX-bestand is beschadigd/);
  const noSheet = await sendXlsx(zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]));
  assert.equal(noSheet.status, 422);
  assert.match(noSheet.data.fout, /heeft geen werkblad/);
  // 20 MiB of one character packs into some kilobytes: refused before it is unpacked.
  const bomb = await sendXlsx(zip([{ name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="a" Target="s.xml"/></Relationships>' },
    { name: 'xl/s.xml', data: '<worksheet>' + ' '.repeat(20 << 20) + '</worksheet>' }]));
  assert.equal(bomb.status, 422);
  assert.match(bomb.data.fout, /pakt uit tot meer dan 16 MiB of 100 keer zijn eigen grootte \(een zip-bom\?\): inbeeld leest het niet/);
  // A header that says less than the entry holds is caught while unpacking.
  const liar = await sendXlsx(zip([{ name: 'xl/workbook.xml', data: '<workbook>' + ' '.repeat(100000) + '</workbook>', usize: 5000 }]));
  assert.equal(liar.status, 422);
  assert.match(liar.data.fout, /pakt uit tot meer dan het zegt/);
  // An entity declaration (billion laughs) is never expanded.
  const dtd = await sendXlsx(zip([{ name: 'xl/workbook.xml', data: '<!DOCTYPE w [<!ENTITY a "aaaa">]><workbook>&a;</workbook>' }]));
  assert.equal(dtd.status, 422);
  assert.match(dtd.data.fout, /bevat een DTD/);
  const b64 = await send({ naam: 'x.xlsx', inhoud: '***', codering: 'base64' });
  assert.equal(b64.status, 400);
  assert.match(b64.data.fout, /geen base64/);
});
