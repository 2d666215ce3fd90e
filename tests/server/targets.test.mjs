// Targets (SPEC 8) through the API: set by the analist or leerplicht of the
// gebied and no one else, CSRF, the field named when wrong, on track at the
// line and just above it, history kept, the seeds' templates, small numbers
// protected for the analist, and the baseline as known then and as known now
// after a correction (the registratie-effect, seed 004 §2.2).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loggedIn, reloaded, startServer } from './harness.mjs';

let srv, lp, an, school, lpOut;
before(async () => {
  srv = await startServer();
  lp = await loggedIn(srv.base, 'leerplicht_in');
  an = await loggedIn(srv.base, 'analist_in');
  school = await loggedIn(srv.base, 'school_in');
  lpOut = await loggedIn(srv.base, 'leerplicht_out');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, 'server stops cleanly'); });

const AV = { naam: 'AV omlaag', per: 'gemeente', gebieden: 'GM0344', telling: 'resultaatschema', regels: 'AV_PO,AV_VO',
  basis: '2025-11-01', verandering: '-50', streefdatum: '2027-11-01' };

test('the analist and leerplicht of the gebied set targets; others, outside the scope or without CSRF, not', async () => {
  const made = await lp.request('POST', '/api/doelen', { json: AV });
  assert.equal(made.status, 201, made.text);
  assert.equal((await an.request('POST', '/api/doelen', { json: { ...AV, naam: 'van de analist' } })).status, 201);
  // the analist counts on first days of the month only (issue 11.5): a baseline is a count of its day
  const odd = await an.request('POST', '/api/doelen', { json: { ...AV, naam: 'op een gewone dag', basis: '2025-11-02' } });
  assert.equal(odd.status, 400);
  assert.match(odd.text, /eerste dag van een maand/);
  assert.equal((await an.request('POST', '/api/doelen/sjablonen/g4', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2025-11-02' } })).status, 400);
  assert.equal((await school.request('POST', '/api/doelen', { json: AV })).status, 403);
  const out = await lpOut.request('POST', '/api/doelen', { json: AV });
  assert.equal(out.status, 403);
  assert.equal(out.data.code, 'buiten_scope');
  assert.equal((await lp.request('POST', '/api/doelen', { json: AV, csrf: false })).status, 403);
  // Outside the scope the target is not there at all.
  assert.equal((await lpOut.request('GET', `/api/doelen/${made.data.id}`)).status, 404);
  assert.equal((await lpOut.request('DELETE', `/api/doelen/${made.data.id}`)).status, 404);
  assert.ok(!(await lpOut.request('GET', '/api/doelen')).data.some((d) => d.id === made.data.id));
  assert.ok((await school.request('GET', '/api/doelen')).data.some((d) => d.id === made.data.id), 'every role in scope sees it');
  // Moved to a gebied outside the caller's scope it cannot go.
  const away = await lp.request('PUT', `/api/doelen/${made.data.id}`, { json: { ...AV, gebieden: 'GM0344,GM0355' } });
  assert.equal(away.status, 403);
});

test('the pages: the forms for the analist and leerplicht only, with CSRF; every role reads', async () => {
  const form = (c, path, fields, token = c.csrf) => c.request('POST', path, { body: new URLSearchParams({ csrf_token: token, ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: srv.base }, csrf: false });
  const fields = { ...AV, naam: 'via het formulier' };
  assert.equal((await form(school, '/doelen', fields)).status, 403);
  assert.equal((await form(lp, '/doelen', fields, 'fout')).status, 403);
  const ok = await form(lp, '/doelen', fields);
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /^\/doelen\?gedaan=doel$/);
  const made = (await lp.request('GET', '/api/doelen')).data.find((d) => d.naam === 'via het formulier');
  assert.equal((await form(lpOut, `/doelen/${made.id}/intrekken`, {})).status, 404, 'outside the scope it is not there');
  assert.equal((await form(school, `/doelen/${made.id}/intrekken`, {})).status, 403);
  for (const c of [lp, an, school, lpOut]) {
    assert.equal((await c.request('GET', '/doelen')).status, 200);
    assert.equal((await c.request('GET', '/jaarverslag?schooljaar=2025')).status, 200, 'the own gebied by default');
  }
  assert.equal((await lpOut.request('GET', '/jaarverslag?per=gemeente&gebied=GM0344&schooljaar=2025')).status, 403);
  assert.equal((await lp.request('GET', '/jaarverslag?per=gemeente&gebied=GM0344&schooljaar=2030')).status, 400);
});

test('a wrong target is refused with the field named in Dutch', async () => {
  for (const [change, says] of [[{ regels: 'AV_XX' }, /de regel 'AV_XX' bestaat niet/], [{ gebieden: 'GM9999' }, /GM9999 is onbekend als gemeente/],
    [{ aantal: '3' }, /als verandering in procenten of als aantal/], [{ streefdatum: '2025-10-01' }, /ligt na de basis/],
    [{ regels: 'THUISZITTERS_PER_1000' }, /verhouding/], [{ kolom: 'lang', regels: 'LEERPLICHTIGEN' }, /drie maanden of langer/]]) {
    const r = await lp.request('POST', '/api/doelen', { json: { ...AV, ...change } });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.data.fout, says);
  }
});

test('on track at the line, not just above it: the line is straight from the baseline to the goal', async () => {
  // A number as goal: from the baseline B on 1 November 2025 to B on 1 June 2026
  // stays at B (on track when actual <= B); a goal of 0 by 1 February 2026 puts the line at 0 from then.
  const flat = await lp.request('POST', '/api/doelen', { json: { ...AV, verandering: '0' } });
  const d = (await lp.request('GET', `/api/doelen/${flat.data.id}`)).data;
  const base = d.voortgang.basis.bekend_nu;
  assert.equal(typeof base, 'number');
  for (const p of d.voortgang.punten) {
    assert.equal(p.lijn, `${base}.00`, 'the line stays at the baseline');
    assert.equal(p.op_koers, p.werkelijk <= base, `${p.datum}: ${p.werkelijk} against ${p.lijn}`);
  }
  assert.ok(d.voortgang.punten.some((p) => p.werkelijk === base && p.op_koers), 'at the line is on track');
  assert.ok(d.voortgang.punten.some((p) => p.werkelijk === base + 1 && !p.op_koers) ||
    d.voortgang.punten.every((p) => p.werkelijk !== base + 1), 'just above is not');
  const zero = (await lp.request('POST', '/api/doelen', { json: { ...AV, verandering: null, aantal: '0', streefdatum: '2026-02-01' } }));
  const z = (await lp.request('GET', `/api/doelen/${zero.data.id}`)).data.voortgang.punten;
  assert.deepEqual(z.map((p) => p.datum), ['2025-11-01', '2026-02-01', '2026-06-01', '2026-11-01']);
  assert.deepEqual(z.slice(1).map((p) => p.lijn), ['0.00', '0.00', '0.00']);
  assert.deepEqual(z.slice(1).map((p) => p.op_koers), z.slice(1).map((p) => p.werkelijk === 0));
});

test('a change is a new version and the old one stays; a withdrawn target is gone from the list, not from history', async () => {
  const made = (await lp.request('POST', '/api/doelen', { json: AV })).data;
  const changed = await lp.request('PUT', `/api/doelen/${made.id}`, { json: { ...AV, verandering: '-75', versie: made.versie } });
  assert.equal(changed.status, 200, changed.text);
  const stale = await lp.request('PUT', `/api/doelen/${made.id}`, { json: { ...AV, versie: made.versie } });
  assert.equal(stale.status, 409);
  const one = (await lp.request('GET', `/api/doelen/${made.id}`)).data;
  assert.equal(one.verandering, '-75');
  assert.deepEqual(one.versies.map((v) => v.verandering), ['-50', '-75']);
  assert.equal((await lp.request('DELETE', `/api/doelen/${made.id}`)).status, 200);
  assert.ok(!(await lp.request('GET', '/api/doelen')).data.some((d) => d.id === made.id));
  const gone = (await lp.request('GET', `/api/doelen/${made.id}`)).data;
  assert.equal(gone.ingetrokken, true);
  assert.deepEqual(gone.versies.map((v) => v.ingetrokken), [false, false, true]);
  assert.equal((await lp.request('PUT', `/api/doelen/${made.id}`, { json: AV })).status, 404);
  assert.equal((await lp.request('DELETE', `/api/doelen/${made.id}`)).status, 404);
});

test('the G4 and Zuid-Limburg templates of the seeds', async () => {
  const list = (await school.request('GET', '/api/doelen/sjablonen')).data;
  assert.deepEqual(list.map((t) => t.code), ['g4', 'zuid-limburg']);
  assert.deepEqual(list[0].doelen.map((d) => d.verandering ?? `aantal ${d.aantal}`), ['-75', '-100', '-10', 'aantal 0']);
  const g4 = await lp.request('POST', '/api/doelen/sjablonen/g4', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2025-11-01' } });
  assert.equal(g4.status, 201, g4.text);
  assert.equal(g4.data.doelen.length, 4);
  const av = (await lp.request('GET', `/api/doelen/${g4.data.doelen[0]}`)).data;
  assert.equal(av.streefdatum, '2029-11-01', 'four years');
  const zl = await an.request('POST', '/api/doelen/sjablonen/zuid-limburg', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2024' } });
  assert.equal(zl.status, 201, zl.text);
  const lrv = (await an.request('GET', `/api/doelen/${zl.data.doelen[1]}`)).data;
  assert.equal(lrv.telling, 'jaartelling');
  assert.equal(lrv.streefdatum, '2027-07-31', 'to zero two schooljaren after 2024/2025');
  assert.deepEqual(lrv.voortgang.punten.map((p) => p.datum), ['2025-07-31', '2026-07-31']);
  assert.equal((await school.request('POST', '/api/doelen/sjablonen/g4', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2025-11-01' } })).status, 403);
  assert.equal((await lp.request('POST', '/api/doelen/sjablonen/g5', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2025-11-01' } })).status, 404);
});

test('the analist sees small figures as <5 and no line that would give them away', async () => {
  const made = (await lp.request('POST', '/api/doelen', { json: AV })).data;
  const seen = (await lp.request('GET', `/api/doelen/${made.id}`)).data.voortgang;
  const small = (await an.request('GET', `/api/doelen/${made.id}`)).data.voortgang;
  assert.ok(seen.basis.bekend_nu >= 1 && seen.basis.bekend_nu <= 4, 'the example has a few AV pupils in Utrecht');
  assert.equal(small.basis.bekend_nu, '<5');
  assert.equal(small.doel, null);
  for (const p of small.punten) {
    assert.equal(p.lijn, null);
    assert.equal(p.op_koers, null);
    assert.ok(p.werkelijk === 0 || p.werkelijk === '<5' || p.werkelijk === 'x' || p.werkelijk >= 5, String(p.werkelijk));
  }
});

test('the baseline as known then and as known now: a late registration changes only the latter', async () => {
  const made = (await lp.request('POST', '/api/doelen', { json: AV })).data;
  const before = (await lp.request('GET', `/api/doelen/${made.id}`)).data.voortgang.basis;
  assert.equal(before.bekend_toen, before.bekend_nu);
  // Registered late: a child living in Utrecht since August 2025, never enrolled (AV on 1 November 2025).
  const late = await lp.request('POST', '/api/leerlingen', { json: { leerling_id: 'LAAT1', geboortedatum: '2014-05-05',
    voornaam: 'Laat', achternaam: 'Geregistreerd', woonadres: { gemeentecode: 'GM0344', van: '2025-08-01', in_onderzoek: false } } });
  assert.equal(late.status, 201, late.text);
  await reloaded(srv.base, late.data.registratie);
  const after = (await lp.request('GET', `/api/doelen/${made.id}`)).data.voortgang.basis;
  assert.equal(after.bekend_toen, before.bekend_toen, 'as known then stays');
  assert.equal(after.bekend_nu, before.bekend_nu + 1, 'as known now takes the late registration in');
  assert.ok(after.registratie_nu > after.registratie_toen);
  // A target set after the correction knows the new figure then as well.
  const later = (await lp.request('POST', '/api/doelen', { json: AV })).data;
  const b = (await lp.request('GET', `/api/doelen/${later.id}`)).data.voortgang.basis;
  assert.equal(b.bekend_toen, after.bekend_nu);
});
