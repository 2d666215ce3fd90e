// Reminders by e-mail (issue 14): a local SMTP server (the npm package
// smtp-server) receives the daily digest that `inbeeld herinneringen
// verstuur` (no sandbox) and the server itself (sandboxed: seccomp allows
// socket and connect for SMTP only, Landlock the one port) send with the
// server's day fixed. The counts agree with the API's own figures, the
// message holds no name, BSN, birth date or leerling_id of the test data,
// opting out means no mail, a restart does not send twice, and a failure is
// said in the log (without the address) and not recorded.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { BIN, copyRegistry, DB_KIND, dropRegistry, EXAMPLE, freshPupil, loggedIn, sql, startServer, tmpArgs, TODAY } from './harness.mjs';

const SENDER = 'inbeeld@gemeente.example.nl';
const LP_MAIL = 'leerplicht.utrecht@gemeente.example.nl';
const SWV_MAIL = 'swv.utrecht@swv.example.nl';

let srv, smtp, smtpPort, lp, swv, school;
const inbox = []; // { to: [...], raw }

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

const addDays = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

before(async () => {
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c) => { raw += c; });
      stream.on('end', () => { inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); done(); });
    },
  });
  await new Promise((ok) => smtp.listen(smtpPort, '127.0.0.1', ok));
  srv = await startServer({ spares: 1, users: { leerplicht_in: ['leerplicht', 'GM0344'], swv_in: ['swv', 'VO2601'], school_in: ['school', '01KF:00'] } });
  [lp, swv, school] = await Promise.all(['leerplicht_in', 'swv_in', 'school_in'].map((n) => loggedIn(srv.base, n)));
  // A pupil unauthorised absent since a week ago: a signal now that did not hold then.
  await freshPupil(srv.base, { school }, addDays(TODAY, -7));
});

after(async () => {
  const r = await srv?.stop();
  smtp?.close();
  assert.equal(r?.code, 0, 'server stops cleanly');
});

const SMTP_ARGS = () => ['--smtp-host', '127.0.0.1', '--smtp-poort', String(smtpPort), '--smtp-starttls', 'uit',
  '--smtp-afzender', SENDER, '--herinnering-link', 'https://inbeeld.example.nl'];

function run(args) {
  return new Promise((ok) => execFile(BIN, args, (error, stdout, stderr) => ok({ code: error ? error.code : 0, stdout, stderr })));
}
const sendNow = (db, day, extra = SMTP_ARGS()) => run(['herinneringen', 'verstuur', '--db', db, '--vandaag', day, ...extra]);

// The digest's figures as the API gives them to this user: the open dossiers
// led by them or their organisation, their terms due this week and those over
// a term; the signals that hold today and did not on `since`; the follow-ups
// due of the dossiers they closed.
async function apiFigures(who, name, since) {
  const [me, org] = sql(srv.db, `SELECT id, organisatie_id FROM gebruiker WHERE naam = '${name}'`).split('|').map(Number);
  const list = (await who.request('GET', '/api/dossiers')).data;
  const mine = list.filter((d) => d.status === 'open' && (d.regie.organisatie_id === org || d.regie.gebruiker_id === me));
  const due = mine.reduce((n, d) => n + Object.values(d.termijnen).filter((t) => t.status === 'deze_week').length, 0);
  const over = mine.filter((d) => d.signaal === 'verlopen' || d.signaal === 'gestagneerd').length;
  const key = (s) => `${s.leerling_id}|${s.signaal}`;
  const signals = async (day) => (await who.request('GET', `/api/vroegsignalen?peildatum=${day}`)).data.map(key);
  const earlier = new Set(await signals(since));
  const fresh = (await signals(TODAY)).filter((k) => !earlier.has(k)).length;
  // Closed with the child back at school, a follow-up due: the one who led it closing it.
  const nazorg = list.filter((d) => d.status !== 'open' && d.signaal === 'nazorg' && (d.regie.organisatie_id === org || d.regie.gebruiker_id === me)).length;
  return { dossiers: mine.length, due, over, fresh, nazorg };
}

// The counts a digest's plain text states.
function digestFigures(raw) {
  const text = raw.replace(/=\r?\n/g, '');
  const num = (re) => { const m = re.exec(text); assert.ok(m, `${re} in\n${text}`); return Number(m[1]); };
  return {
    dossiers: num(/over de (\d+) open dossiers?/), due: num(/- (\d+) termijn(?:en)? (?:lopen|loopt) deze week af/),
    over: num(/- (\d+) dossiers? (?:zijn|is) over een termijn/), fresh: num(/- (\d+) nieuwe? vroegsigna/),
    nazorg: num(/- (\d+) nazorgmoment(?:en)? na terugkeer op school (?:is|zijn) aan de beurt/),
  };
}

// Nothing of a pupil of the test data: ids, BSN, onderwijsnummer, names, birth dates (ISO and Dutch).
function assertNoPersonalData(raw) {
  const [, ...rows] = readFileSync(join(EXAMPLE, 'leerlingen.csv'), 'utf8').trim().split('\n');
  for (const row of rows) {
    const [id, bsn, onr, born, first, last] = row.split(',');
    const words = [id, bsn, onr, first, last].filter((w) => w && w.length >= 3);
    for (const w of words) assert.doesNotMatch(raw, new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}\\p{N}]|$)`, 'u'), `'${w}' of ${id} in the mail`);
    const [y, m, d] = born.split('-');
    assert.ok(!raw.includes(born) && !raw.includes(`${d}-${m}-${y}`), `the birth date of ${id} in the mail`);
  }
  // The spare pupil of freshPupil (harness.mjs): T000, Test Leerling T000, born 2013-04-04.
  for (const w of ['T000', 'Leerling T000', '2013-04-04', '04-04-2013']) assert.ok(!raw.includes(w), `'${w}' in the mail`);
}

const mailsTo = (addr) => inbox.filter((m) => m.to.includes(addr));

async function setReminder(who, json) {
  return who.request('PUT', '/api/instellingen/herinnering', { json });
}

test('the setting: off by default, on with an address, refused without one or with a wrong one', async () => {
  assert.deepEqual((await lp.request('GET', '/api/instellingen/herinnering')).data, { aan: false, email: '' });
  const none = await setReminder(lp, { aan: true });
  assert.equal(none.status, 400);
  assert.equal(none.data.code, 'email_ontbreekt');
  const wrong = await setReminder(lp, { aan: true, email: 'geen adres' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.data.fout, /e-mailadres/);
  const on = await setReminder(lp, { aan: true, email: LP_MAIL });
  assert.equal(on.status, 200);
  assert.deepEqual((await lp.request('GET', '/api/instellingen/herinnering')).data, { aan: true, email: LP_MAIL });
  const audit = sql(srv.db, "SELECT gebruikersnaam, actie, coalesce(details, '') FROM audit WHERE actie = 'instelling' ORDER BY id DESC LIMIT 1");
  assert.match(audit, /^leerplicht_in\|instelling\|/);
  assert.ok(!audit.includes(LP_MAIL), 'the audit entry does not hold the address');
});

test('Mijn instellingen: the form sets it, a refused form keeps what was typed', async () => {
  const page = await swv.request('GET', '/instellingen');
  assert.equal(page.status, 200);
  assert.match(page.text, /Dagelijks overzicht per e-mail/);
  assert.match(page.text, /href="\/instellingen"/, 'the header links to the page');
  const form = (fields) => swv.request('POST', '/instellingen', { body: new URLSearchParams({ csrf_token: swv.csrf, ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: srv.base }, csrf: false });
  const refused = await form({ aan: '1', email: 'swv@@kapot' });
  assert.ok(refused.status >= 400, `refused: ${refused.status}`);
  assert.match(refused.text, /value="swv@@kapot"/, 'what was typed stays');
  assert.match(refused.text, /e-mailadres is geen geldig adres/);
  const saved = await form({ aan: '1', email: SWV_MAIL });
  assert.equal(saved.status, 303, saved.text);
  assert.match(saved.headers.get('location'), /^\/instellingen\?gedaan=opgeslagen/);
  assert.deepEqual((await swv.request('GET', '/api/instellingen/herinnering')).data, { aan: true, email: SWV_MAIL });
  assert.match((await swv.request('GET', '/instellingen?gedaan=opgeslagen')).text, /Uw instelling is opgeslagen/);
});

test('herinneringen verstuur: the digest with the API\'s figures, counts and links only; opted out means no mail', async () => {
  // The school asked for one and then changed its mind.
  assert.equal((await setReminder(school, { aan: true, email: 'school@school.example.nl' })).status, 200);
  assert.equal((await setReminder(school, { aan: false, email: 'school@school.example.nl' })).status, 200);
  const r = await sendNow(srv.db, TODAY);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`herinneringen van ${TODAY}: 2 verstuurd, 0 mislukt`));
  assert.equal(mailsTo('school@school.example.nl').length, 0, 'opted out: no mail');
  const [mail] = mailsTo(LP_MAIL);
  assert.ok(mail, 'leerplicht got its digest');
  assert.match(mail.raw, /^Subject: inbeeld: uw overzicht van 23-11-2026/m);
  assert.match(mail.raw, /Content-Type: multipart\/alternative/);
  assert.match(mail.raw, /Content-Type: text\/html/);
  assert.match(mail.raw, /https:\/\/inbeeld\.example\.nl\/dossiers\?signaal=deze_week/);
  const want = await apiFigures(lp, 'leerplicht_in', addDays(TODAY, -7));
  assert.ok(want.dossiers > 0 && want.due > 0 && want.over > 0 && want.fresh > 0, `the test data gives leerplicht work of each kind: ${JSON.stringify(want)}`);
  assert.deepEqual(digestFigures(mail.raw), want);
  const swvMail = mailsTo(SWV_MAIL)[0];
  assert.ok(swvMail);
  assert.deepEqual(digestFigures(swvMail.raw), await apiFigures(swv, 'swv_in', addDays(TODAY, -7)));
  for (const m of inbox) assertNoPersonalData(m.raw);
  for (const addr of [LP_MAIL, SWV_MAIL]) assert.ok(!r.stderr.includes(addr), 'the log does not name the address');
  // Once a day: a second run the same day sends nothing.
  const again = await sendNow(srv.db, TODAY);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 verstuurd, 0 mislukt/);
  assert.equal(mailsTo(LP_MAIL).length, 1);
});

test('a failed send is said without the address, not recorded, and goes out on the next run', async () => {
  const day = addDays(TODAY, 1);
  const closed = await freePort(); // nobody listens there
  const failed = await sendNow(srv.db, day, ['--smtp-host', '127.0.0.1', '--smtp-poort', String(closed), '--smtp-starttls', 'uit', '--smtp-afzender', SENDER]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /niet verstuurd \(volgende ronde opnieuw\)/);
  assert.ok(!failed.stderr.includes(LP_MAIL) && !failed.stderr.includes(SWV_MAIL));
  assert.equal(sql(srv.db, `SELECT count(*) FROM herinnering_verzonden WHERE dag = '${day}'`), '0');
  // STARTTLS required (the default) from a server that does not offer it: nothing goes in plain text.
  const before = inbox.length;
  const plain = await sendNow(srv.db, day, ['--smtp-host', '127.0.0.1', '--smtp-poort', String(smtpPort), '--smtp-afzender', SENDER]);
  assert.equal(plain.code, 1);
  assert.match(plain.stderr, /niet verstuurd \(volgende ronde opnieuw\): SMTP via 127\.0\.0\.1/);
  assert.equal(inbox.length, before, 'no message without STARTTLS');
  assert.equal(sql(srv.db, `SELECT count(*) FROM herinnering_verzonden WHERE dag = '${day}'`), '0');
  const ok = await sendNow(srv.db, day);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /2 verstuurd/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM herinnering_verzonden WHERE dag = '${day}'`), '2');
});

// A server of our own on a copy of the registry: the harness's starts on a fresh one.
async function serve(db, dir, day, { probe = false } = {}) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', day, '--herinnering-uur', '0', ...SMTP_ARGS(),
    ...tmpArgs(dir)],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', (code) => ok(code)));
  const until = async (what) => {
    for (let i = 0; i < 400 && !what.test(log); i++) {
      if (proc.exitCode !== null) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    assert.match(log, what);
  };
  return {
    log: () => log, until, base: `http://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      assert.equal(await exited, 0, log);
      if (!probe) assert.doesNotMatch(log, /sandbox: systeemaanroep .* geweigerd/, 'the sandbox refused nothing the mail needs');
    },
  };
}

test('the server sends each day\'s digests at the hour, in its sandbox, and not twice after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-mail-'));
  const db = copyRegistry(srv.db, dir);
  const day = addDays(TODAY, 2);
  const before = inbox.length;
  try {
    const first = await serve(db, dir, day);
    await first.until(new RegExp(`herinneringen van ${day}: 2 verstuurd, 0 mislukt`));
    assert.match(first.log(), /socket en connect alleen voor SMTP/);
    if (/Landlock \(ABI ([4-9]|\d\d)\)/.test(first.log()))
      assert.match(first.log(), new RegExp(`alleen een verbinding naar poort ${smtpPort} \\(SMTP\\)`));
    await first.stop();
    assert.equal(inbox.length, before + 2);
    assert.ok(inbox.slice(before).every((m) => /uw overzicht van \d\d-\d\d-\d{4}/.test(m.raw)));
    for (const m of inbox.slice(before)) assertNoPersonalData(m.raw);
    assert.ok(!first.log().includes(LP_MAIL) && !first.log().includes(SWV_MAIL), 'the server log does not name the address');
    const second = await serve(db, dir, day);
    await second.until(new RegExp(`herinneringen van ${day}: niemand \\(meer\\) aan de beurt`));
    await second.stop();
    assert.equal(inbox.length, before + 2, 'a restart on the same day sends nothing again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    dropRegistry(db);
  }
});

test('with SMTP the sandbox lets the server reach that port and no other', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-mail-'));
  const db = copyRegistry(srv.db, dir);
  try {
    const s = await serve(db, dir, TODAY, { probe: true });
    await s.until(/luistert op/);
    const probe = async (port) => (await (await fetch(`${s.base}/_test/sandbox?poort=${port}`)).json());
    const smtpOk = await probe(smtpPort);
    assert.equal(smtpOk.socket.geweigerd, false, 'seccomp allows a TCP socket once SMTP is configured');
    assert.equal(smtpOk.verbinden.geweigerd, false, 'the SMTP port can be reached');
    const other = await probe(new URL(srv.base).port);
    if (!/Landlock \(ABI ([4-9]|\d\d)\)/.test(s.log())) {
      t.skip('deze kernel heeft geen Landlock-netregels (ABI 4): alleen seccomp bewezen');
    } else {
      assert.equal(other.verbinden.geweigerd, true, 'another port of this machine could be reached');
      assert.equal(other.verbinden.fout, 'Permission denied');
    }
    await s.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    dropRegistry(db);
  }
});

test('without --smtp-host the server keeps socket and connect closed', async () => {
  // (A PostgreSQL registry's connections are the only ones then: its unix
  // socket; sandbox.test.mjs shows a TCP socket refused.)
  assert.match(srv.log(), DB_KIND === 'pg' ? /geen execve of ptrace; socket en connect alleen voor PostgreSQL\)/
    : /geen execve, ptrace, socket of connect/);
  const r = await run(['serve', '--db', srv.db, '--smtp-poort', '25']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /vragen --smtp-host/);
});
