import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { buildImpactReport } from '../impact-report.builder.js';
import { impactFigureRows } from '../impact-report.rows.js';
import type { ImpactReport } from '../impact-report.types.js';
import { IEP_PERIOD, IEP_POSITION, iepFacts } from '../testing/iep-facts.fixture.js';
import { escapeHtml } from './html-escape.js';
import { renderImpactHtml } from './impact-report.html.js';

const options = {
  programmeId: 'iep',
  period: IEP_PERIOD,
  position: IEP_POSITION,
  ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
  seal: {
    sealNumber: 4,
    position: '1002' as Position,
    streamsRoot: 'a'.repeat(64),
    logDigest: 'b'.repeat(64),
    sealEventId: 'seal-event-4',
    sealHash: 'c'.repeat(64),
  },
};

/** Each data-figure on the page with the text inside it, as a browser test would read them. */
function figuresOf(page: string): Map<string, string> {
  const found = [...page.matchAll(/data-figure="([^"]*)">([^<]*)</g)];
  return new Map(found.map(([, key = '', text = '']) => [key, text]));
}

describe('renderImpactHtml', () => {
  let report: ImpactReport;
  let page: string;
  beforeAll(async () => {
    report = buildImpactReport(iepFacts(), options);
    page = await renderImpactHtml(report);
  });

  test('given the IEP report, when rendered, then every figure carries its key and the display text of the JSON, once', () => {
    const figures = figuresOf(page);
    for (const row of impactFigureRows(report))
      expect([row.figure, figures.get(escapeHtml(row.figure))]).toEqual([
        row.figure,
        escapeHtml(row.display),
      ]);
    expect(figures.size).toBe(impactFigureRows(report).length);
    expect(page.match(/data-figure=/g)).toHaveLength(figures.size);
    expect(
      Object.fromEntries(
        [
          'innovators',
          'grantsCount',
          'grantsAwarded',
          'introductions',
          'partnerships',
          'partnershipsTarget',
          'partnershipsPercentOfTarget',
          'conversionRate',
          'income',
          'forecast',
          'leverage',
          'ledgerPosition',
        ].map((key) => [key, figures.get(key)]),
      ),
    ).toEqual({
      innovators: '18',
      grantsCount: '18',
      grantsAwarded: '£360,000',
      introductions: '230',
      partnerships: '100',
      partnershipsTarget: '9',
      partnershipsPercentOfTarget: '1,111%',
      conversionRate: '43.5%',
      income: '£650,000',
      forecast: '£3,200,000',
      leverage: '£1.81 per £1 granted',
      ledgerPosition: '1000',
    });
  });

  test('given the IEP report, when rendered, then the three charts are inline SVG', () => {
    expect(page.match(/<svg\b/g)).toHaveLength(3);
    for (const chart of ['partnershipsVsTarget', 'innovatorsByChallengeArea', 'incomeVsGrants']) {
      expect(page).toMatch(new RegExp(`<figure data-chart="${chart}">\\s*<svg`));
    }
  });

  test('given the page, then it is self-contained and printable: no URL, no script, no external resource, print rules inline', () => {
    expect(page).not.toMatch(/https?:/i);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    expect(page).toContain('@media print');
  });

  test('given the page, then it states the ledger position it was computed at and lists each correction', () => {
    expect(page).toContain('Computed from the ledger at position 1000');
    expect(page).toContain(
      'Grant g-019 (£20,000.00) voided as recorded in error; it drops out of every total',
    );
  });

  test('given names with markup in them, then they appear escaped everywhere, charts included, and never as markup', async () => {
    const base = iepFacts();
    const areas = ['<script>alert(1)</script>', 'B & "C"', 'Mental health'];
    const innovators = base.innovators.map((innovator, n) => ({
      ...innovator,
      challengeArea: areas[n % 3] ?? '',
    }));
    const programme = { ...base.programme, name: 'Accelerator <b>one</b>', challengeAreas: areas };
    const hostile = await renderImpactHtml(buildImpactReport(iepFacts({ programme, innovators }), options));
    expect(hostile).not.toMatch(/<script|<b>/);
    expect(hostile).toContain('Accelerator &lt;b&gt;one&lt;/b&gt;');
    expect(hostile).toContain('data-figure="innovators:&lt;script&gt;alert(1)&lt;/script&gt;">6<');
  });

  test('given the page, then each figure carries its value too, as the CSV writes it', () => {
    expect(page).toContain('data-value="36000000" data-figure="grantsAwarded">£360,000<');
    expect(page).toContain('data-value="2017-08-01/2018-09-30" data-figure="period">');
  });

  test('given the seal covering the report, then the footer states it, each part a figure', () => {
    const figures = figuresOf(page);

    expect(page).toContain(
      'Sealed by seal <span class="value" data-value="4" data-figure="sealNumber">4</span>',
    );
    expect(figures.get('sealPosition')).toBe('1002');
    expect(figures.get('sealHash')).toBe('c'.repeat(64));
  });

  test('given a generation time, then only the footer shows it, outside every figure', async () => {
    const stamped = await renderImpactHtml(report, { generatedAt: '2030-01-02T03:04:05.000Z' });

    expect(stamped).toContain('This page was generated at 2030-01-02T03:04:05.000Z.');
    expect(figuresOf(stamped)).toEqual(figuresOf(page));
    expect(figuresOf(page).get('ledgerRecordedAt')).toBe('2018-10-15T12:00:00.000Z');
    expect(page).not.toContain('generated at');
  });
});
