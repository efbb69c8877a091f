// End-to-end tests of the web dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): loads the demo book into a fresh store, starts the built server on it, signs in as each
// role and clicks through the pages. Run with `npm run test:browser` (builds first); not part of `npm test`.
// SCREENSHOTS=1 writes docs/dashboard-*.png. Prints "N passed, N failed" and exits 1 on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../../..');
const docs = join(root, 'docs');
const shots = process.env.SCREENSHOTS === '1';

const ensure = spawnSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
if (ensure.status !== 0) {
  console.error('test:browser: Chromium is not at /usr/bin/chromium and could not be installed (scripts/ensure-chromium.sh); install it with `apt-get install -y chromium` and run again.');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-dash-'));
const env = { ...process.env, DATA_DIR: dataDir, BUSINESS_DATE: '2025-12-31', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
const cli = (...args) => {
  const r = spawnSync('node', [join(root, 'dist/apps/cli/src/main.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const freePort = () => new Promise((ok) => { const s = createServer().listen(0, () => { const p = s.address().port; s.close(() => ok(p)); }); });

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(true);
    console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push(false);
    console.log(`  FAIL  ${name}: ${e.message.split('\n')[0]}`);
  }
}
const assert = (cond, message) => { if (!cond) throw new Error(message); };

let server;
let browser;
try {
  cli('demo');
  const port = await freePort();
  server = spawn('node', [join(root, 'dist/apps/api/src/main.js')], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/health`)).ok) break; } catch { /* not yet */ }
    if (i > 100) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const tokens = {
    risk: cli('token', '--sub', 'risk-1', '--roles', 'risk'),
    officer: cli('token', '--sub', 'wang', '--roles', 'officer'),
    regulator: cli('token', '--sub', 'reg-1', '--roles', 'regulator'),
    self: cli('token', '--sub', 'officer-li', '--roles', 'approver'), // asked for L0065's renewal himself
    approver: cli('token', '--sub', 'zhao', '--roles', 'approver'),
  };

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  async function signedIn(role, lang = 'en') {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    await context.addInitScript((l) => localStorage.setItem('groupcap.lang', l), lang);
    const page = await context.newPage();
    // A 403 is the server refusing a read the role may not make (the sign-in probe, an approver's own request): expected.
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 403/.test(m.text())) problems.push(`${role}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${role}: ${e.message}`));
    await page.goto(base + '/');
    await page.fill('#token', tokens[role]);
    await page.click('button[type=submit]');
    await page.waitForSelector('header');
    return page;
  }
  const tabs = async (page) => page.$$eval('header a[data-tab]', (as) => as.map((a) => a.dataset.tab));
  const canvasDrawn = (page, sel) => page.$eval(`${sel} canvas`, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 16) if (d[i] > 0) ink++;
    return ink;
  });

  await check('the page is served at / with its own CSP, the API keeps none', async () => {
    const page = await fetch(`${base}/`);
    assert(page.ok && (await page.text()).includes('<div id="app">'), 'no index.html at /');
    assert(/script-src 'self'/.test(page.headers.get('content-security-policy')), 'the page has no script-src self');
    const api = await fetch(`${base}/api/v1/breaches`);
    assert(api.headers.get('content-security-policy') === "default-src 'none';frame-ancestors 'none'", 'the API policy changed');
  });

  await check('a bad token is refused on the sign-in page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(base + '/');
    await page.fill('#token', 'a.b.c');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error');
    await page.context().close();
  });

  const risk = await signedIn('risk');
  await check('risk: overview draws the bars, the breach in red, net capital and the as-of date', async () => {
    await risk.waitForSelector('[data-chart=bars] canvas');
    await risk.waitForSelector('[data-chart=histogram] canvas');
    assert((await canvasDrawn(risk, '[data-chart=bars]')) > 500, 'the bar chart is blank');
    const breach = await risk.textContent('tr.breach');
    assert(breach.includes('G000010'), `the breach row is ${breach}`);
    assert((await risk.textContent('[data-as-of]')) === '2025-12-31', 'as-of date');
    assert((await risk.textContent('[data-net-capital]')) === '500,000.00', 'net capital in 万元');
    assert((await tabs(risk)).includes('events'), 'risk sees the event log');
    if (shots) await risk.screenshot({ path: join(docs, 'dashboard-overview.png'), fullPage: false });
  });
  await check('risk: changing the date redraws the overview as of that date (before the merge: no breach)', async () => {
    await risk.fill('[data-date]', '2025-09-30');
    await risk.dispatchEvent('[data-date]', 'change');
    await risk.waitForFunction(() => document.querySelector('[data-as-of]')?.textContent === '2025-09-30');
    await risk.waitForFunction(() => !document.querySelector('tr.breach'));
    await risk.fill('[data-date]', '2025-12-31');
    await risk.dispatchEvent('[data-date]', 'change');
    await risk.waitForSelector('tr.breach');
  });
  await check('risk: the group page draws the control graph and the timeline', async () => {
    await risk.goto(base + '/#/group/G000010');
    await risk.waitForSelector('[data-chart=graph] canvas');
    await risk.waitForSelector('[data-chart=timeline] canvas');
    await risk.waitForTimeout(1500); // the force layout settles
    assert((await canvasDrawn(risk, '[data-chart=graph]')) > 500, 'the graph is blank');
    const story = await risk.textContent('main');
    assert(story.includes('breached') && story.includes('merged'), 'the timeline lacks the merge or the breach');
    if (shots) await risk.screenshot({ path: join(docs, 'dashboard-group.png'), fullPage: true });
  });
  await check('risk: a group owned by the state-asset regulator draws the regulator apart', async () => {
    await risk.goto(base + '/#/group/G000018');
    await risk.waitForSelector('[data-chart=graph] canvas');
    await risk.waitForTimeout(1500);
    assert((await canvasDrawn(risk, '[data-chart=graph]')) > 500, 'the graph is blank');
    if (shots) await risk.screenshot({ path: join(docs, 'dashboard-group-state.png'), fullPage: true });
  });
  await check('risk: the breaches list says since when and by how much', async () => {
    await risk.goto(base + '/#/breaches');
    await risk.waitForSelector('[data-breaches] tr.breach');
    const row = await risk.textContent('[data-breaches] tr.breach');
    assert(row.includes('2025-10-15') && row.includes('5,000.00'), row);
    if (shots) await risk.screenshot({ path: join(docs, 'dashboard-breaches.png') });
  });

  await check('risk: files the large-credit report of the date; the page then shows it filed', async () => {
    await risk.goto(base + '/#/reports');
    await risk.waitForSelector('[data-report] tbody tr');
    assert((await risk.textContent('[data-filing]')).includes('Not filed'), 'already filed?');
    await risk.click('[data-file]');
    await risk.waitForFunction(() => /Filed \(risk-1/.test(document.querySelector('[data-filing]')?.textContent ?? ''));
    assert(!(await risk.$('[data-file]')), 'the file button stays after filing');
  });

  const officer = await signedIn('officer', 'zh');
  await check('officer: no event log; the group page lists members without the graph', async () => {
    const t = await tabs(officer);
    assert(!t.includes('events') && t.includes('overview'), `tabs ${t}`);
    await officer.waitForSelector('[data-chart=bars] canvas');
    if (shots) await officer.screenshot({ path: join(docs, 'dashboard-overview-zh.png') });
    await officer.goto(base + '/#/group/G000010');
    await officer.waitForSelector('[data-no-graph]');
  });

  const regulator = await signedIn('regulator');
  await check('regulator: reports and breaches only; downloads the csv', async () => {
    const t = await tabs(regulator);
    assert(t.join() === 'breaches,reports', `tabs ${t}`);
    await regulator.goto(base + '/#/reports');
    await regulator.waitForSelector('[data-report] tbody tr');
    assert((await regulator.textContent('[data-filing]')).includes('Filed'), 'the regulator sees the filing');
    assert(!(await regulator.$('[data-file]')), 'a regulator has no file button');
    const [download] = await Promise.all([regulator.waitForEvent('download'), regulator.click('[data-download=csv]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert(csv.includes('comprehensiveLimit') && csv.includes('长江鑫达集团有限公司'), 'the csv lacks its header or the group');
    assert(download.suggestedFilename() === 'large-credit-2025-12-31.csv', download.suggestedFilename());
    if (shots) await regulator.screenshot({ path: join(docs, 'dashboard-reports.png') });
  });

  const self = await signedIn('self');
  await check('approver: a self-approval shows the server refusal', async () => {
    assert((await tabs(self)).join() === 'queue', 'an approver sees the queue');
    await self.waitForSelector('[data-queue] tr[data-limit=L0065]');
    await self.click('tr[data-limit=L0065] [data-approve]');
    await self.waitForSelector('[data-message]');
    const text = await self.textContent('[data-message]');
    assert(text.includes('SELF_APPROVAL'), text);
    if (shots) await self.screenshot({ path: join(docs, 'dashboard-queue-refusal.png') });
  });
  const approver = await signedIn('approver');
  await check('approver: a second user opens the group from the queue and approves the pending renewal', async () => {
    await approver.waitForSelector('tr[data-limit=L0065]');
    const after = await approver.textContent('tr[data-limit=L0065]');
    assert(after.includes('6,300.00'), `the request figures: ${after}`);
    await approver.waitForFunction(() => /%/.test(document.querySelector('tr[data-limit=L0065]')?.textContent ?? ''));
    if (shots) await approver.screenshot({ path: join(docs, 'dashboard-queue.png') });
    await approver.click('tr[data-limit=L0065] a[href^="#/group/"]');
    await approver.waitForFunction(() => /L0065/.test(document.querySelector('main')?.textContent ?? '')); // the requested limit among the members'
    await approver.goBack();
    await approver.waitForSelector('tr[data-limit=L0065] [data-approve]');
    await approver.click('tr[data-limit=L0065] [data-approve]');
    await approver.waitForSelector('[data-message].ok');
    await approver.waitForFunction(() => !document.querySelector('tr[data-limit=L0065]'));
  });

  await check('no script error and no CSP violation on any page', async () => {
    assert(problems.length === 0, problems.join(' | '));
  });
} catch (e) {
  results.push(false);
  console.log(`  FAIL  setup: ${e.message}`);
} finally {
  await browser?.close();
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.length === passed ? 0 : 1);
