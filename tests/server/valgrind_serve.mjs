// The server under valgrind (tests/valgrind.sh): a working day of requests -
// counts, a pupil, the pages, and every kind of case work - then SIGTERM. The
// server's exit status is valgrind's: 99 on any invalid access or leak.
// Usage: node valgrind_serve.mjs BIN DB   (the registry holds the example
// dataset and the accounts vg-leerplicht and vg-swv with PASSWORD)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Client, PASSWORD, reloaded } from './harness.mjs';
import { serial, xlsx, zip } from './xlsx_write.mjs';

const [BIN, DB] = process.argv.slice(2);
const port = await new Promise((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => ok(p)); }); });
const vg = ['-q', '--error-exitcode=99', '--leak-check=full', '--show-leak-kinds=all', '--errors-for-leak-kinds=all'];
const proc = spawn('valgrind', [...vg, BIN, 'serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', '2026-11-23',
  '--pool', '4'], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
proc.stderr.on('data', (d) => { log += d; });
const exited = new Promise((ok) => proc.on('exit', (code) => ok(code)));
for (let i = 0; i < 1200 && !log.includes('luistert op'); i++) {
  if (proc.exitCode !== null) break;
  await new Promise((ok) => setTimeout(ok, 100));
}
const fail = (msg) => { console.error(msg + '\n' + log.slice(-4000)); proc.kill('SIGKILL'); process.exit(1); };
if (!log.includes('luistert op')) fail('server startte niet onder valgrind');
// Let the first automatic opening of dossiers finish.
for (let i = 0; i < 600 && !log.includes('automatisch geopend'); i++) await new Promise((ok) => setTimeout(ok, 100));

const base = `http://127.0.0.1:${port}`;
const lp = new Client(base), swv = new Client(base);
if ((await lp.login('vg-leerplicht', PASSWORD)).status !== 200) fail('inloggen leerplicht');
if ((await swv.login('vg-swv', PASSWORD)).status !== 200) fail('inloggen swv');
const expect = async (what, promise, status) => {
  const r = await promise;
  if (r.status !== status) fail(`${what}: ${r.status} ${String(r.text).slice(0, 300)}`);
  return r.data;
};
const form = (c, path, fields) => c.request('POST', path, { body: new URLSearchParams({ csrf_token: c.csrf, ...fields }).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base }, csrf: false });

await expect('status', lp.request('GET', '/api/status?peildatum=2026-11-01'), 200);
await expect('telling', lp.request('GET', '/api/telling?per=gemeente&ijkmomenten=2025-2027'), 200);
await expect('leerling', lp.request('GET', '/api/leerlingen/U03'), 200);
const dossiers = await expect('dossiers', lp.request('GET', '/api/dossiers'), 200);
const d = dossiers.find((x) => x.leerling_id === 'U03').id;
await expect('signalen', lp.request('GET', '/api/signalen'), 200);
// Early signals (issue 12)
await expect('vroegsignalen', lp.request('GET', '/api/vroegsignalen?peildatum=2026-11-01'), 200);
await expect('melddiscipline', lp.request('GET', '/api/melddiscipline?van=2026-08-01'), 200);
await expect('melddiscipline swv', swv.request('GET', '/api/melddiscipline?van=2026-08-01&tot=2026-11-01'), 200);
await expect('dossier', lp.request('GET', `/api/dossiers/${d}`), 200);
await expect('regie', lp.request('POST', `/api/dossiers/${d}/regie`, { json: { reden: 'overname' } }), 201);
await expect('mdo', lp.request('POST', `/api/dossiers/${d}/mdo`, { json: { datum: '2026-11-20', deelnemers: ['ouders', 'mentor'], afspraken: 'plan' } }), 201);
await expect('aanbod', lp.request('POST', `/api/dossiers/${d}/aanbod`, { json: { datum: '2026-11-20', soort: 'zorg', aanbieder: 'x', plaats_per: '2026-11-23' } }), 201);
await expect('te vroeg', lp.request('POST', `/api/dossiers/${d}/aanbod`, { json: { datum: '2026-01-01', soort: 'zorg', aanbieder: 'x' } }), 409);
const esc = await expect('escalatie', lp.request('POST', `/api/dossiers/${d}/escalaties`, { json: { datum: '2026-11-22', type: 'jeugdhulp', omschrijving: 'wachtlijst' } }), 201);
const e = esc.escalaties.at(-1).id;
await expect('besluit', lp.request('POST', `/api/dossiers/${d}/escalaties/${e}/besluit`, { json: { datum: '2026-11-23', besluit: 'b', besloten_door: 'w' } }), 201);
await expect('plaatsing', lp.request('POST', `/api/dossiers/${d}/plaatsingen`, { json: { datum: '2026-11-23', omschrijving: 'VSO', ingangsdatum: '2026-12-01' } }), 201);
await expect('sluiting', lp.request('POST', `/api/dossiers/${d}/sluiting`, { json: { datum: '2026-11-23', uitkomst: 'ander_onderwijs' } }), 201);
await expect('na sluiting', lp.request('POST', `/api/dossiers/${d}/notities`, { json: { datum: '2026-11-23', tekst: 'x' } }), 409);
// After the return (issue 15): a dossier closed as terug_op_school gets its follow-up.
const back = dossiers.find((x) => x.leerling_id !== 'U03').id;
await expect('terug', lp.request('POST', `/api/dossiers/${back}/sluiting`, { json: { datum: '2026-11-23', uitkomst: 'terug_op_school' } }), 201);
await expect('nazorg', lp.request('POST', `/api/dossiers/${back}/nazorg`, { json: { datum: '2026-11-23', moment: '6_weken', bevinding: 'goed' } }), 201);
await expect('nazorg lijst', lp.request('GET', '/api/dossiers?signaal=nazorg'), 200);
await expect('lijst lp', lp.request('POST', '/api/tafels', { json: {} }), 201);
await expect('lijst swv', swv.request('POST', '/api/tafels', { json: {} }), 201);
await expect('afstemming', lp.request('GET', '/api/tafels/afstemming'), 200);
// The SWV's own list (issue 15): read in, matched, a suggestion confirmed, the reconciliation paged.
const own = await expect('eigen lijst', swv.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'lijst.csv',
  inhoud: 'onderwijsnummer,naam,geboortedatum,categorie,eerste_verzuimdag\n101222331,Mila Hendriks,2012-09-03,LRV,2026-03-02\n' +
    ',Isa Dijkstra,18-04-2012,LRV,2026-09-01\n,Nina Nergens,2013-04-01,AV,2026-10-12\n,Kees,2013-13-01,THUIS,\n' } } }), 201);
await expect('eigen lijst kapot', swv.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'x.csv', inhoud: 'bsn\n1' } } }), 422);
await expect('voorstel', swv.request('POST', `/api/tafels/${own.id}/regels/3`, { json: { besluit: 'bevestigd' } }), 200);
await expect('eigen lijst lezen', swv.request('GET', `/api/tafels/${own.id}`), 200);
const tafelLp = (await expect('lijst lp vroeger', lp.request('POST', '/api/tafels', { json: { peildatum: '2026-11-02' } }), 201)).id;
// Lists for the day's work (issue 14): mijn dossiers, a page of a list, every export.
const stillOpen = (await expect('open dossiers', lp.request('GET', '/api/dossiers'), 200))[0];
await expect('regie nemen', lp.request('POST', `/api/dossiers/${stillOpen.id}/regie`, { json: { reden: 'ik' } }), 201);
await expect('mijn dossiers', lp.request('GET', '/mijn-dossiers'), 200);
await expect('mijn dossiers organisatie', lp.request('GET', '/mijn-dossiers?regie=organisatie&pagina=2'), 200);
for (const kind of ['export.xlsx', 'export.csv', 'export-nl.csv']) {
  await expect(`lijst ${kind}`, lp.request('GET', `/thuiszitters/${kind}?categorie=thuiszitters&sorteer=naam`), 200);
  await expect(`dossiers ${kind}`, lp.request('GET', `/dossiers/${kind}?status=alle`), 200);
  await expect(`tafellijst ${kind}`, lp.request('GET', `/tafel/${tafelLp}/${kind}`), 200);
}
await expect('resultaatschema nl', lp.request('GET', '/resultaatschema/export-nl.csv?ijkmomenten=2025-2026'), 200);
await expect('herbeoordelingen pagina', lp.request('GET', '/herbeoordelingen?pagina=2'), 200);
await expect('signalen pagina', lp.request('GET', '/signalen?pagina=3'), 200);
const tb = await expect('besluit', lp.request('POST', `/api/tafels/${tafelLp}/besluiten`, { json: { leerling_id: 'U03', besluit: 'b', volgende_stap: 's', door: 'd', uiterlijk: '2026-11-20' } }), 201);
const tafelNu = (await expect('lijst lp nu', lp.request('POST', '/api/tafels', { json: {} }), 201)).id;
await expect('besluit gedaan', lp.request('POST', `/api/tafels/${tafelNu}/besluiten`, { json: { leerling_id: 'U03', besluit: 'b2', volgende_stap: 's2', door: 'd2', uiterlijk: '2026-12-01', vorige_id: tb.id, gedaan: true } }), 201);
await expect('besluiten', lp.request('GET', `/api/tafels/${tafelNu}/besluiten`), 200);
await expect('besluiten csv', lp.request('GET', `/tafel/${tafelNu}/besluiten.csv`), 200);
// The rest of issue 15: the own list as Dutch Excel's CSV and as XLSX (a zip bomb refused), the agenda, a reopening by hand.
await expect('eigen lijst ;', swv.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'lijst.csv',
  inhoud: '\uFEFFonderwijsnummer;naam;geboortedatum;categorie;eerste_verzuimdag\r\n101222331;Mila Hendriks;03-09-2012;LRV;02-03-2026\r\n' } } }), 201);
const book = xlsx([['onderwijsnummer', 'naam', 'geboortedatum', 'categorie', 'eerste_verzuimdag'],
  [{ n: 101222331 }, 'Mila Hendriks', { serial: serial('2012-09-03') }, 'LRV', '02-03-2026'], ['', 'Nina Nergens', '2013-04-01', 'AV', '2026-10-12']]);
await expect('eigen lijst xlsx', swv.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'lijst.xlsx', inhoud: book.toString('base64'), codering: 'base64' } } }), 201);
const bomb = zip([{ name: 'xl/workbook.xml', data: '<workbook>' + ' '.repeat(4 << 20) + '</workbook>' }]);
await expect('zip-bom', swv.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'b.xlsx', inhoud: bomb.toString('base64'), codering: 'base64' } } }), 422);
await expect('agenda vaststellen', lp.request('POST', `/api/tafels/${tafelNu}/agenda`, { json: { leerlingen: ['U03'] } }), 201);
await expect('agenda', swv.request('GET', `/api/tafels/${tafelNu}/agenda`), 200);
await expect('agenda voorstel', lp.request('GET', `/api/tafels/${tafelLp}/agenda`), 200);
await expect('agenda csv', lp.request('GET', `/tafel/${tafelNu}/agenda.csv`), 200);
await expect('agenda pagina', lp.request('GET', `/tafel/${tafelNu}/agenda`), 200);
await expect('heropenen', lp.request('POST', `/api/dossiers/${d}/heropening`, { json: { datum: '2026-11-23', startdatum: '2026-11-23', reden: 'te vroeg gesloten' } }), 201);
await expect('afstemming eigen', swv.request('GET', '/api/tafels/afstemming?bekend_bij=buiten_bereik&pagina=2'), 200);
const p = await expect('aanvraag', lp.request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: 'U07', datum: '2026-11-02', swv: 'VO2601' } }), 201);
await expect('arts', lp.request('POST', `/api/vrijstellingsprocedures/${p.id}/advies-arts`, { json: { datum: '2026-11-09', deskundige: 'a', advies: 'b' } }), 201);
await expect('swv advies', swv.request('POST', `/api/vrijstellingsprocedures/${p.id}/advies-swv`, { json: { datum: '2026-11-10', advies: 'c' } }), 201);
await expect('besluit 5a', lp.request('POST', `/api/vrijstellingsprocedures/${p.id}/besluit`, { json: { datum: '2026-11-12', besluit: 'afgewezen', motivering: 'm' } }), 201);
await expect('herbeoordeling', lp.request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U11', datum: '2026-11-23', bevinding: 'b' } }), 201);
await expect('herbeoordelingen', lp.request('GET', '/api/herbeoordelingen'), 200);
await expect('verblijf', lp.request('POST', '/api/leerlingen/U02/verblijven', { json: { soort: 'pleeggezin', van: '2026-10-01' } }), 201);
await expect('verblijven', lp.request('GET', '/api/verblijven?zonder_regie=1'), 200);
// Targets: set, from a template, changed, the baseline as known then after a correction, withdrawn.
const doel = { per: 'gemeente', gebieden: 'GM0344', telling: 'resultaatschema', regels: 'AV_PO,AV_VO', basis: '2025-11-01', verandering: '-50', streefdatum: '2027-11-01' };
const t = await expect('doel', lp.request('POST', '/api/doelen', { json: doel }), 201);
await expect('sjabloon', lp.request('POST', '/api/doelen/sjablonen/zuid-limburg', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2024' } }), 201);
await expect('doel wijzigen', lp.request('PUT', `/api/doelen/${t.id}`, { json: { ...doel, verandering: '-75', versie: t.versie } }), 200);
await expect('laat geregistreerd', lp.request('POST', '/api/leerlingen', { json: { leerling_id: 'VG1', geboortedatum: '2014-05-05', woonadres: { gemeentecode: 'GM0344', van: '2025-08-01', in_onderzoek: false } } }), 201);
await expect('doelen', lp.request('GET', '/api/doelen'), 200);
await expect('een doel', lp.request('GET', `/api/doelen/${t.id}`), 200);
await expect('doel formulier', form(lp, '/doelen', { per: 'gemeente', gebieden: 'GM0344', telling: 'jaartelling', regels: 'AV', basis: '2024', aantal: '0', streefdatum: '2027-07-31' }), 303);
await expect('doel intrekken', lp.request('DELETE', `/api/doelen/${t.id}`), 200);
for (const page of ['/doelen', '/jaarverslag', '/jaarverslag?per=swv&gebied=VO2601&schooljaar=2024'])
  await expect(page, lp.request('GET', page), 200);
for (const page of ['/', '/thuiszitters', '/dossiers', `/dossiers/${d}`, `/dossiers/${back}`, '/tafel', '/tafel/afstemming', `/tafel/${own.id}`, `/tafel/${tafelNu}/besluiten`, '/verblijven',
  '/vrijstellingsprocedures', `/vrijstellingsprocedures/${p.id}`, '/herbeoordelingen', '/leerlingen/U03', '/resultaatschema',
  '/signalen?peildatum=2026-11-01', '/melddiscipline?van=2026-08-01&sorteer=mediaan'])
  await expect(page, lp.request('GET', page), 200);
await expect('formulier', form(lp, '/dossiers', { leerling_id: 'U09', reden: 'x' }), 409);
await expect('xlsx', lp.request('GET', '/resultaatschema/export.xlsx'), 200);
for (const path of ['/api/jaartelling?schooljaar=2025&per=gemeente', '/jaartelling', '/jaartelling/export.xlsx',
  '/jaartelling/export.csv', '/resultaatschema/export.csv'])
  await expect(path, lp.request('GET', path), 200);
await expect('uitloggen', lp.request('DELETE', '/api/sessie'), 200);
// Accounts under four eyes: asked, confirmed by a second beheerder, the
// password chosen with the code; a widening, a narrowing, a reset refused;
// the audit page.
const ba = new Client(base), bb = new Client(base);
if ((await ba.login('vg-beheer-a', PASSWORD)).status !== 200 || (await bb.login('vg-beheer-b', PASSWORD)).status !== 200)
  fail('inloggen beheerders');
const asked = await expect('aanvraag', ba.request('POST', '/api/gebruikers', { json: { naam: 'vg-nieuw', rol: 'school', scope: '01KF:00' } }), 201);
await expect('zelf bevestigen', ba.request('POST', `/api/gebruikersverzoeken/${asked.verzoek}/bevestiging`), 403);
const second = await expect('bevestiging', bb.request('POST', `/api/gebruikersverzoeken/${asked.verzoek}/bevestiging`), 200);
await expect('activeren', new Client(base).request('POST', '/api/activeren', { json: { gebruikersnaam: 'vg-nieuw', code: asked.code + second.code, wachtwoord: PASSWORD } }), 200);
const wider = await expect('verruiming', ba.request('PUT', `/api/gebruikers/${asked.gebruiker_id}`, { json: { scope: '01KF:00,02VR:00' } }), 202);
await expect('verzoeken', bb.request('GET', '/api/gebruikersverzoeken?open=1'), 200);
await expect('verruiming bevestigd', bb.request('POST', `/api/gebruikersverzoeken/${wider.verzoek}/bevestiging`), 200);
await expect('inperking', ba.request('PUT', `/api/gebruikers/${asked.gebruiker_id}`, { json: { scope: '01KF:00' } }), 200);
const reset = await expect('herstel', ba.request('POST', `/api/gebruikers/${asked.gebruiker_id}/herstel`), 201);
await expect('herstel afgewezen', bb.request('POST', `/api/gebruikersverzoeken/${reset.verzoek}/afwijzing`), 200);
await expect('code dood', new Client(base).request('POST', '/api/activeren', { json: { gebruikersnaam: 'vg-nieuw', code: reset.code, wachtwoord: PASSWORD } }), 401);
await expect('auditpagina', ba.request('GET', '/audit'), 200);
// Finding a child, one record per child (issue 14): the search by each kind of key and its page, a duplicate
// refused and confirmed, the report of likely duplicates, a merge and the merged id resolving to the survivor.
const lz = new Client(base);
if ((await lz.login('vg-leerplicht', PASSWORD)).status !== 200) fail('inloggen leerplicht (zoeken)');
for (const q of ['Mila', 'hendriks mila', '111222333', '101222331', '03-09-2012', 'U0'])
  await expect(`zoeken ${q}`, lz.request('GET', `/api/leerlingen?zoek=${encodeURIComponent(q)}&pagina=1`), 200);
await expect('zoeken te kort', lz.request('GET', '/api/leerlingen?zoek=M'), 400);
await expect('zoekpagina', lz.request('GET', '/zoeken?zoek=de&pagina=2'), 200);
await expect('zoekvak', lz.request('GET', '/zoeken?zoek=Mila%20Hendriks&ga=1'), 303);
const place = { woonadres: { gemeentecode: 'GM0344', van: '2025-08-01', in_onderzoek: false } };
await expect('bestaat al', lz.request('POST', '/api/leerlingen', { json: { geboortedatum: '2016-05-12', bsn: '111222333', ...place } }), 409);
const vg2 = await expect('nieuw kind', lz.request('POST', '/api/leerlingen', { json: { leerling_id: 'VG2', geboortedatum: '2013-03-03', voornaam: 'Loïs', achternaam: 'Vos', ...place } }), 201);
await reloaded(base, vg2.registratie);
await expect('mogelijk dubbel', lz.request('POST', '/api/leerlingen', { json: { leerling_id: 'VG3', geboortedatum: '2013-03-03', voornaam: 'LOIS', achternaam: 'vos', ...place } }), 409);
const vg3 = await expect('toch nieuw', lz.request('POST', '/api/leerlingen', { json: { leerling_id: 'VG3', geboortedatum: '2013-03-03', voornaam: 'Lois', achternaam: 'Vos', bevestig_nieuw: true, ...place } }), 201);
await reloaded(base, vg3.registratie);
await expect('dubbele leerlingen', ba.request('GET', '/api/dubbele-leerlingen'), 200);
await expect('dubbele leerlingen pagina', ba.request('GET', '/dubbele-leerlingen'), 200);
const merged = await expect('samenvoegen', ba.request('POST', '/api/samenvoegingen', { json: { behouden: 'VG2', opheffen: 'VG3', reden: 'één kind' } }), 200);
await expect('twee kinderen', ba.request('POST', '/api/samenvoegingen', { json: { behouden: 'U01', opheffen: 'U02', reden: 'twee kinderen?' } }), 409);
await reloaded(base, merged.registratie);
await expect('samengevoegd', lz.request('GET', '/api/leerlingen/VG3'), 301);
await expect('geschiedenis', lz.request('GET', '/api/leerlingen/VG2/geschiedenis'), 200);
await expect('audit samengevoegd', ba.request('GET', '/api/audit?leerling=VG2'), 200);

proc.kill('SIGTERM');
const code = await exited;
if (code !== 0) { console.error(log.slice(-8000)); process.exit(1); }
console.log('valgrind: de server is schoon (een werkdag aan verzoeken, afsluiten met SIGTERM)');
