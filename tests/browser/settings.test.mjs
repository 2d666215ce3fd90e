// Mijn instellingen in a real browser (issue 14): from the header's link a
// user turns the daily digest by e-mail on with an address; a wrong address
// is refused with the reason and what was typed kept; the page has no
// serious or critical axe-core violation and no console errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startServer } from '../server/harness.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

let browser, server;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: { 'lp-utrecht': ['leerplicht', 'GM0344'] }, extraArgs: ['--static', join(ROOT, 'build/web')] });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(problems, [], 'console errors or axe violations:\n' + problems.join('\n'));
});

test('the header leads to Mijn instellingen, where the digest is turned on; an address the server refuses keeps what was typed', async () => {
  const { context, page, problems: p } = await rolePage(browser, server.base);
  await login(page, 'lp-utrecht');
  await Promise.all([page.waitForURL(/\/instellingen$/), page.click('header a:has-text("Mijn instellingen")')]);
  for (const v of await axe(page)) problems.push(`instellingen: ${v}`);
  assert.equal(await page.isChecked('#herinnering-aan'), false, 'off until the user turns it on');
  await page.check('#herinnering-aan');
  await page.fill('#herinnering-email', 'lp@utrecht');
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('[role=alert]'), /e-mailadres is geen geldig adres/);
  assert.equal(await page.inputValue('#herinnering-email'), 'lp@utrecht');
  assert.equal(await page.isChecked('#herinnering-aan'), true);
  for (const v of await axe(page)) problems.push(`instellingen (geweigerd): ${v}`);
  // The browser logs the 400 of that answer: expected, once.
  const refused = p.findIndex((x) => /\/instellingen: Failed to load resource: .* 400/.test(x));
  assert.ok(refused >= 0, 'the refusal answers 400');
  p.splice(refused, 1);
  await page.fill('#herinnering-email', 'lp@utrecht.example.nl');
  await Promise.all([page.waitForURL(/gedaan=opgeslagen/), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('[role=status]'), /Uw instelling is opgeslagen/);
  assert.equal(await page.inputValue('#herinnering-email'), 'lp@utrecht.example.nl');
  assert.equal(await page.isChecked('#herinnering-aan'), true);
  await shot(page, 'instellingen');
  problems.push(...p);
  await context.close();
});
