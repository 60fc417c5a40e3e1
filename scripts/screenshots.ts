/**
 * `npm run screenshots`: the console's main screens on a desktop and on a phone, and the public
 * transparency page, taken from a real training server fed by the simulated city, into
 * docs/screenshots/. `npm run screenshots -- transparency` takes the transparency page only.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, createContext, loadConfig } from '@openrtcc/server';
import { buildCity, CitySimulator, lastLocalHour, SimDriver, streetsGeoJson } from '@openrtcc/sim';
import { buildWeb } from './build-web.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const TOKEN = 'rtcc_screenshots_admin_token_0123456789';
const POLICY_TEXT = [
  'Automated License Plate Reader (ALPR) use policy (simulated city)',
  '',
  '1. Plate data is searched only to investigate a listed offense, with a case or incident number.',
  '2. No search may serve immigration enforcement, reproductive health care or First Amendment-protected activity.',
  '3. A hit is never acted on until an officer has checked the plate, the state and the vehicle against the record.',
  '4. Reads without a hit are deleted after the retention period below; every search is audited.',
].join('\n');

async function main(): Promise<void> {
  buildWeb();
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-shots-'));
  const city = buildCity(42);
  const streets = join(dir, 'streets.geojson');
  writeFileSync(streets, JSON.stringify(streetsGeoJson(city.streets)));
  const only = process.argv[2];
  const policy = join(dir, 'alpr-policy.md');
  writeFileSync(policy, POLICY_TEXT);
  const config = loadConfig({
    RTCC_ADMIN_TOKEN: TOKEN,
    RTCC_LOG_LEVEL: 'silent',
    RTCC_DATA_DIR: join(dir, 'data'),
    RTCC_TRAINING: 'true',
    RTCC_SQLITE_SYNC: 'normal',
    RTCC_MAP_STREETS: streets,
    RTCC_MODULES: 'lpr,hotlists,cad,avl',
    RTCC_TRANSPARENCY_CAMERA_MAP: 'approximate',
    RTCC_TRANSPARENCY_POLICY_FILE: policy,
  });
  const ctx = await createContext(config, { log: () => undefined });
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const driver = new SimDriver({ baseUrl: base, adminToken: TOKEN, sim: new CitySimulator(city), keepTruth: 0 });
    await driver.setup();
    let t = lastLocalHour(city.settings.timeZone, Date.now(), 7) + 30 * 60_000;
    // the morning so far, so searches and the hit queue have something in them
    await driver.step(t - 45 * 60_000, t);

    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const shot = async (page: Page, name: string) => {
      await page.waitForTimeout(300);
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.map')).every((m) => m.getAttribute('data-idle') === 'true'), undefined, { timeout: 20_000 }).catch(() => undefined);
      await page.screenshot({ path: join(out, `${name}.png`) });
      console.log(`  docs/screenshots/${name}.png`);
    };
    const go = async (page: Page, path: string) => {
      await page.evaluate((p) => {
        history.pushState(null, '', p);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.waitForTimeout(800);
    };
    const open = async (viewport: { width: number; height: number }, phone: boolean) => {
      const context = await browser.newContext({ viewport, baseURL: base, isMobile: phone, hasTouch: phone, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto('/');
      await page.fill('#token', TOKEN);
      // the sign-in screen with accounts has its own button for a token
      await page.click((await page.locator('#token-submit').count()) ? '#token-submit' : 'button[type=submit]');
      await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
      return page;
    };
    const liveTraffic = async (minutes: number) => {
      const to = t + minutes * 60_000;
      await driver.step(t, to);
      t = to;
    };

    await transparencyShot(browser, base, api, out);
    if (only === 'transparency') return;

    const desktop = await open({ width: 1600, height: 900 }, false);
    await liveTraffic(20);
    await desktop.waitForSelector('.map[data-ready="true"]');
    await shot(desktop, 'live-map-desktop');

    // an incident from the simulated CAD: its panel, nearest cameras and the reads around it
    const incidents = (await api<{ items: { id: string; priority?: number; location?: { point?: [number, number] } }[] }>('GET', '/api/v1/incidents?status=open&limit=100')).items.filter((i) => i.location?.point);
    const incident = incidents.sort((a, b) => (a.priority ?? 9) - (b.priority ?? 9))[0];
    if (incident) {
      const at = JSON.stringify(incident.location!.point);
      await desktop.evaluate(`document.querySelector('.map').rtccMap.jumpTo({ center: ${at}, zoom: 15 })`);
      await desktop.waitForTimeout(800);
      const [x, y] = (await desktop.evaluate(`(() => { const p = document.querySelector('.map').rtccMap.project(${at}); return [p.x, p.y]; })()`)) as [number, number];
      const box = (await desktop.locator('.map').boundingBox())!;
      await desktop.mouse.click(box.x + x, box.y + y);
      await desktop.waitForSelector('[data-testid="incident-details"]', { timeout: 10_000 });
      await desktop.selectOption('#nearby-offense', 'robbery');
      await desktop.click('button.chip:has-text("±60 min")');
      if (await desktop.isEnabled('[data-testid="nearby-search"]')) {
        await desktop.click('[data-testid="nearby-search"]');
        await desktop.waitForSelector('[data-testid="nearby-total"]');
      }
      // the incident's facts first; its reads are on the map and further down the panel
      await desktop.evaluate(() => document.querySelector('.details-panel')?.scrollTo(0, 0));
      await shot(desktop, 'live-incident-desktop');
    } else console.log('  (no open incident with a position: live-incident-desktop not taken)');
    await go(desktop, '/hits');
    await desktop.waitForSelector('[data-testid="hit-detail"]');
    await shot(desktop, 'hit-verification-desktop');

    const hit = (await api<{ items: { readPlate: string }[] }>('GET', '/api/v1/hits?status=pending')).items[0];
    const pattern = hit ? `${hit.readPlate.slice(0, 3)}?${hit.readPlate.slice(4)}` : 'A*';
    await go(desktop, '/search');
    await desktop.fill('#plate', pattern);
    await desktop.selectOption('#offense', 'motor_vehicle_theft');
    await desktop.fill('#case', '2026-004817');
    await desktop.click('[data-testid="search-button"]');
    await desktop.waitForSelector('[data-testid="results-total"]');
    await desktop.locator('[data-testid="results-table"] tbody tr').first().click();
    await desktop.evaluate(() => document.querySelector('.search-form')?.scrollTo(0, 0));
    await shot(desktop, 'search-desktop');

    const lists = await api<{ items: { id: string }[] }>('GET', '/api/v1/hotlists');
    await go(desktop, `/hotlists/${lists.items[0].id}`);
    await desktop.setInputFiles('#import-file', { name: 'county.txt', mimeType: 'text/plain', buffer: Buffer.from(['# county hot file', 'SCR1001,TX,stolen vehicle', 'SCR1002,OK,stolen plate', '!!!,TX,unreadable', 'SCR1004,TX,stolen vehicle'].join('\n')) });
    await desktop.selectOption('#import-format', 'plain');
    await desktop.selectOption('#import-mode', 'append');
    await desktop.click('button:has-text("Import")');
    await desktop.waitForSelector('[data-testid="import-report"]');
    await shot(desktop, 'hotlists-desktop');
    await go(desktop, '/cameras');
    await desktop.waitForSelector('[data-testid="sources-table"]');
    await shot(desktop, 'cameras-sources-desktop');

    const phone = await open({ width: 390, height: 844 }, true);
    await liveTraffic(5);
    await phone.waitForSelector('.map[data-ready="true"]');
    await shot(phone, 'live-map-phone');
    await phone.tap('.menu-button');
    await shot(phone, 'menu-phone');
    await go(phone, '/hits');
    await phone.locator('[data-testid="hit-row"]').first().tap();
    await phone.waitForSelector('[data-testid="hit-detail"]');
    await shot(phone, 'hit-verification-phone');
    await go(phone, '/search');
    await shot(phone, 'search-phone');
  } finally {
    await browser.close();
    await app.close();
    await ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * The public transparency page after a morning's work: some hits checked (one a misread), a few
 * justified searches and two refused ones, so each section has something to show.
 */
async function transparencyShot(browser: Browser, base: string, api: Api, dir: string): Promise<void> {
  const pending = (await api<{ items: { id: string; readPlate: string }[] }>('GET', '/api/v1/hits?status=pending&limit=6')).items;
  const plate = pending[0]?.readPlate ?? 'ABC1234';
  for (const [i, h] of pending.entries()) {
    await api('POST', `/api/v1/hits/${h.id}/verification`, { disposition: i === 2 ? 'misread' : i === 4 ? 'record_stale' : 'confirmed', verifiedBy: 'Screenshot Sergeant' });
  }
  const search = (offenseType: string, caseNumber: string, note?: string) =>
    fetch(`${base}/api/v1/reads/search`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ plate, justification: { offenseType, caseNumber, note } }) });
  for (const [offense, n] of [['motor_vehicle_theft', 4], ['robbery', 2], ['missing_person', 1], ['burglary', 2]] as const) {
    for (let i = 0; i < n; i++) await search(offense, `2026-00${4800 + i}`);
  }
  await search('robbery', 'n/a');
  await search('wanted_person', '2026-004900', 'ICE detainer');
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, baseURL: base, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto('/transparency');
  // the top of a long page: what is collected, cameras, retention, searches and hits
  await page.screenshot({ path: join(dir, 'transparency-desktop.png'), fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 3400 } });
  console.log('  docs/screenshots/transparency-desktop.png');
  await context.close();
}

main().catch((e) => {
  console.error(`screenshots: ${(e as Error).message}`);
  process.exitCode = 1;
});
