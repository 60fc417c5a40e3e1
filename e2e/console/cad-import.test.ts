// Calls for service in the console: choose a column mapping, upload the CAD export with a
// progress bar, read the report (incidents created, rows rejected by line), and import it again
// to see nothing change. Then the admin's webhook view: add a target (its secret shown once),
// test-send to a real receiver, and read the delivery log. The file is the real Dallas extract
// from ../shared/samples with synthetic rows appended; the receiver is local.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const DALLAS = fileURLToPath(new URL('../../../shared/samples/cad-calls-for-service/dallas-pd-active-calls.are8-xahz.csv', import.meta.url));

/** The Dallas extract, 3,000 synthetic calls of two units each, and two rows that cannot be read. */
function cadExport(): { file: Buffer; incidents: number } {
  const real = readFileSync(DALLAS, 'utf8').trim();
  const realIncidents = new Set(real.split('\n').slice(1).map((r) => /"(\d{2}-\d{7})"/.exec(r)![1])).size;
  const rows = [real];
  for (let i = 0; i < 3_000; i++) {
    const n = `26-9${String(i).padStart(6, '0')}`;
    for (const unit of ['E2E1', 'E2E2']) rows.push(`"999","${100 + (i % 50)}00","2026-03-08T0${i % 4}:30:00.000","Synthetic","${n}","Test St","40 - Other","3","9999","At Scene","${unit}"`);
  }
  rows.splice(5, 0, '"999","100","yesterday","Synthetic","26-BADTIME","Test St","40 - Other","3","9999","At Scene","X1"');
  rows.splice(9, 0, '"999","100","2026-03-08T01:00:00.000","Synthetic","","Test St","40 - Other","3","9999","At Scene","X2"');
  return { file: Buffer.from(rows.join('\n')), incidents: realIncidents + 3_000 };
}

describe('calls-for-service import and webhooks in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let receiver: Server;
  let receiverUrl = '';
  const received: { headers: Record<string, unknown>; body: string }[] = [];

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/cad/rtcc`;
    [s, browser] = await Promise.all([startServer({ RTCC_MODULES: 'lpr,hotlists,cad', RTCC_WEBHOOK_ALLOW_LOCAL: 'true' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it('imports a CAD export through the Dallas preset with progress and a report, and a second import changes nothing', async () => {
    const { file, incidents } = cadExport();
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/');
    await page.click('nav a:has-text("CAD import")');
    await page.waitForSelector('#cfs-mapping option', { state: 'attached' });
    await page.selectOption('#cfs-mapping', 'preset:dallas-pd-active-calls');
    assert.match((await page.textContent('[data-testid="cfs-mapping-summary"]')) ?? '', /America\/Chicago/);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
    await page.setInputFiles('#cfs-file', { name: 'dallas-active-calls.csv', mimeType: 'text/csv', buffer: file });
    await page.click('button:has-text("Import")');
    await page.waitForFunction(() => {
      const v = Number((document.querySelector('[data-testid="cfs-progress"]') as HTMLProgressElement | null)?.value);
      return v > 0 && v < 100;
    });
    await page.waitForSelector('[data-testid="cfs-report"]', { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    assert.match((await page.textContent('[data-testid="cfs-incidents"]')) ?? '', new RegExp(`^${incidents.toLocaleString('en-US')} incidents`));
    assert.match((await page.textContent('[data-testid="cfs-created"]')) ?? '', new RegExp(`^${incidents.toLocaleString('en-US')} created`));
    assert.match((await page.textContent('[data-testid="cfs-rejected"]')) ?? '', /^2 rows rejected/);
    const rejected = await page.locator('[data-testid="cfs-rejections"] tbody tr').allTextContents();
    assert.equal(rejected.length, 2);
    // the real extract is lines 1-64 (header and 63 rows); the bad rows follow 4 and 7 synthetic ones
    assert.match(rejected[0], /^69date_time: "yesterday" is not a date and time/);
    assert.match(rejected[1], /^73no incident number in column incident_number/);
    await page.screenshot({ path: '/tmp/rtcc-e2e-cad-import.png' }).catch(() => undefined);

    const stored = await s.api<{ total: number; items: { sourceIncidentId: string; units: { unitId: string }[] }[] }>('GET', '/api/v1/incidents?limit=500');
    assert.equal(stored.total, incidents);

    await page.click('button:has-text("Import")');
    await page.waitForFunction(() => /unchanged/.test(document.querySelector('[data-testid="cfs-unchanged"]')?.textContent ?? '') && document.querySelector('[data-testid="cfs-created"]')?.textContent?.startsWith('0 '));
    assert.match((await page.textContent('[data-testid="cfs-unchanged"]')) ?? '', new RegExp(`^${incidents.toLocaleString('en-US')} unchanged`));
    assert.equal((await s.api<{ total: number }>('GET', '/api/v1/incidents?limit=1')).total, incidents, 'no duplicates');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('adds a webhook, shows its secret once, test-sends and lists the delivery', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/webhooks');
    await page.fill('#wh-name', 'County CAD');
    await page.fill('#wh-url', receiverUrl);
    await page.click('button:has-text("Add webhook")');
    await page.waitForSelector('[data-testid="webhook-secret"] code');
    const secret = (await page.textContent('[data-testid="webhook-secret"] code')) ?? '';
    assert.match(secret, /^whsec_/);
    await page.click('[data-testid="webhooks-table"] tr[data-name="County CAD"] button:has-text("Test")');
    await page.waitForSelector('[data-testid="delivery-log"] tr[data-status="delivered"]');
    assert.equal(JSON.parse(received.at(-1)!.body).event, 'webhook.test');
    assert.match(String(received.at(-1)!.headers['x-rtcc-signature']), /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.match((await page.textContent('[data-testid="delivery-log"]')) ?? '', /webhook\.test.*delivered.*204/s);
    await page.click('button:has-text("I have stored it")');
    await page.reload();
    await page.waitForSelector('[data-testid="webhooks-table"] tr[data-name="County CAD"]');
    assert.equal((await page.content()).includes(secret), false, 'the secret is not shown again');
    await page.screenshot({ path: '/tmp/rtcc-e2e-webhooks.png' }).catch(() => undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
