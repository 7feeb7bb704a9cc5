import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { impactFigureRows, type ImpactReport } from '@ledger/reporting';
import { startDemoLedger } from '../testing/demo-ledger.js';
import type { TestLedger } from '../testing/test-ledger.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;
  if (process.env['CI']) throw new Error(reason);
  process.stdout.write(`SKIPPED report-browser.e2e: ${reason}\n`);
}
const describeInBrowser = available ? describe : describe.skip;

/** A person signs in with an auditor token and reads the HTML impact report in headless Chromium. */
describeInBrowser('the HTML impact report in a browser', () => {
  let ledger: TestLedger;
  let browser: Browser;
  let baseUrl: string;
  let report: ImpactReport;

  beforeAll(async () => {
    ledger = await startDemoLedger();
    await ledger.app.listen(0, '127.0.0.1');
    const { port } = (ledger.app.getHttpServer() as Server).address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    const json = await ledger.http
      .get('/programmes/iep-2017/reports/impact')
      .set('Authorization', `Bearer ${ledger.tokens.auditor}`);
    report = json.body as ImpactReport;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  it('given an auditor token, when signing in and opening the report, then it renders with charts, no console error, and the JSON figures', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

    const reportPath = '/programmes/iep-2017/reports/impact?format=html';
    await page.goto(`${baseUrl}${reportPath}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.fill('#token', ledger.tokens.auditor);
    await Promise.all([page.waitForURL(`${baseUrl}${reportPath}`), page.click('button[type=submit]')]);

    const charts = await page.locator('svg').count();
    const onPage: string[][] = [];
    for (const node of await page.locator('[data-figure]').all()) {
      onPage.push([
        (await node.getAttribute('data-figure')) ?? '',
        ((await node.textContent()) ?? '').trim(),
      ]);
    }
    const expected = impactFigureRows(report).map((row) => [row.figure, row.display]);
    expect(charts).toBeGreaterThanOrEqual(3);
    // The page groups figures by section; the set of figures and every text must equal the JSON's.
    const comparable = (rows: string[][]) => rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(comparable(onPage)).toEqual(comparable(expected));
    expect(Object.fromEntries(onPage)).toMatchObject({
      grantsAwarded: '£360,000',
      partnershipsPercentOfTarget: '1,111%',
    });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('given a signed-in auditor, when opening a corrected grant’s history, then the correction stands next to the award it corrected', async () => {
    const page = await browser.newPage();
    await page.goto(
      `${baseUrl}/sign-in?next=${encodeURIComponent('/audit/streams/grant-iep-grant-07?format=html')}`,
    );
    await page.fill('#token', ledger.tokens.auditor);
    await Promise.all([page.waitForURL(/\/audit\/streams\//), page.click('button[type=submit]')]);

    const correction = page.locator('tr.correction');
    expect(await correction.count()).toBe(1);
    expect(await correction.locator('td').nth(2).textContent()).toBe('GrantAmountCorrected');
    expect(await correction.locator('a').textContent()).toBe('GrantAwarded (rev 0)');
    await page.close();
  }, 60_000);
});
