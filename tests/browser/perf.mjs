// Page load times on the demo region (make demo running): the server time of
// the HTML with fetch, and full page loads in chromium. Usage:
//   node tests/browser/perf.mjs [demo-leerplicht] (BASE=http://127.0.0.1:8080)
import { chromium } from 'playwright-core';
const B = process.env.BASE || 'http://127.0.0.1:8080';
const N = 300, M = 30;
const who = process.argv[2] || 'demo-leerplicht';
const r = await fetch(B + '/inloggen', { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: `gebruikersnaam=${who}&wachtwoord=${who}-wachtwoord` });
const cookie = /inbeeld_sessie=[^;]+/.exec(r.headers.get('set-cookie'))[0];
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
for (const path of ['/', '/thuiszitters', '/thuiszitters?categorie=thuiszitters&duur=lang&pagina=3', '/resultaatschema']) {
  const t0 = performance.now();
  let res = await fetch(B + path, { headers: { Cookie: cookie } }); await res.text();
  const cold = performance.now() - t0;
  const times = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    res = await fetch(B + path, { headers: { Cookie: cookie } }); await res.text();
    if (res.status !== 200) throw new Error(path + ' ' + res.status);
    times.push(performance.now() - t);
  }
  console.log(`${who} ${path}: first ${cold.toFixed(1)} ms; then median ${q(times, .5).toFixed(1)} ms, p99 ${q(times, .99).toFixed(1)} ms (n=${N})`);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const ctx = await browser.newContext();
await ctx.addCookies([{ name: 'inbeeld_sessie', value: cookie.split('=')[1], url: B }]);
const page = await ctx.newPage();
for (const path of ['/', '/thuiszitters']) {
  const times = [];
  for (let i = 0; i < M + 1; i++) {
    await page.goto(B + path, { waitUntil: 'load' });
    const t = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; });
    if (i) times.push(t);
  }
  console.log(`${who} chromium ${path}: load event median ${q(times, .5).toFixed(0)} ms, p99 ${q(times, .99).toFixed(0)} ms (n=${M})`);
}
await browser.close();
