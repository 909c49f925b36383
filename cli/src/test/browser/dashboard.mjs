// The dashboard in headless Chromium, driven by DashboardBrowserIT (see that class):
//   1. opens the build list and prints READY; the test then stores a build and sends its ID on stdin;
//   2. sees the build appear in the list, opens it, tails the job's log and sees it grow live;
//   3. clicks Cancel, gives the token in the dialog and sees the build become Failed (cancelled).
// Screenshots go to $SCREENSHOTS. Any failed expectation exits 1 with the reason (and a screenshot).
// Env: DASHBOARD_URL, GATEWAY_TOKEN, SCREENSHOTS, CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.DASHBOARD_URL;
const token = process.env.GATEWAY_TOKEN;
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });
const step = (text) => console.log(`step: ${text}`);

function expect(condition, message) {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}

const stdin = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => stdin.once('line', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`); });
let failed = false;
try {
  await page.goto(base + '/');
  await page.waitForSelector('#builds tbody tr');
  expect((await page.locator('#builds tbody tr[data-build]').count()) === 0, 'no builds listed before the build exists');
  step('build list open and empty');
  console.log('READY');
  const buildId = (await nextLine()).trim();

  const row = page.locator(`#builds tbody tr[data-build="${buildId}"]`);
  await row.waitFor({ timeout: 15000 });
  step(`build ${buildId} appeared in the list`);
  await page.screenshot({ path: join(shots, '1-build-list.png'), fullPage: true });

  await row.locator('a').click();
  await page.waitForURL(`**/builds/${buildId}`);
  const jobTab = page.locator('#log-tabs button[data-source^="slow-"]');
  await jobTab.waitFor({ timeout: 30000 });
  expect((await page.locator('#phase [data-phase]').getAttribute('data-phase')) === 'Running', 'the build runs');
  await jobTab.click();
  const log = page.locator('#log');
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('tick 3\n'), null, { timeout: 20000 });
  const before = (await log.textContent()).split('\n').length;
  await page.waitForFunction((n) => document.querySelector('#log').textContent.split('\n').length >= n + 5, before, { timeout: 20000 });
  const after = (await log.textContent()).split('\n').length;
  expect(after > before, `the log grew live (${before} → ${after} lines)`);
  step(`log tail grew live from ${before} to ${after} lines`);
  await page.screenshot({ path: join(shots, '2-build-live-log.png'), fullPage: true });

  await page.click('#cancel');
  await page.waitForSelector('#token-dialog[open]');
  await page.fill('#token-input', token);
  await page.screenshot({ path: join(shots, '3-token-dialog.png') });
  await page.click('#token-ok');
  await page.waitForFunction(() => document.querySelector('#action-message').textContent === 'cancelled', null, { timeout: 15000 });
  await page.waitForSelector('#phase [data-phase="Failed"]', { timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('#log-status').textContent.startsWith('ended'), null, { timeout: 15000 });
  expect(await page.locator('#cancel').isDisabled(), 'cancel is disabled once the build has ended');
  step('build cancelled: phase Failed');
  await page.screenshot({ path: join(shots, '4-build-cancelled.png'), fullPage: true });

  await page.goto(base + '/?phase=Failed');
  await page.locator(`#builds tbody tr[data-build="${buildId}"] [data-phase="Failed"]`).waitFor({ timeout: 10000 });
  step('the list filtered by phase Failed shows it');
  expect(pageErrors.length === 0, `no errors in the page: ${pageErrors.join('; ')}`);
  console.log('PASSED');
} catch (e) {
  failed = true;
  console.log(`FAILED: ${e.message}`);
  await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  stdin.close();
  await browser.close();
}
process.exit(failed ? 1 : 0);
