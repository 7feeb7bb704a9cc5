import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { buildImpactReport, type ImpactReport, renderImpactCsv, renderImpactHtml } from '@ledger/reporting';
// The IEP facts are a test fixture of the reporting lib, not part of its public door.
import {
  IEP_PERIOD,
  IEP_POSITION,
  iepFacts,
} from '../../../../libs/reporting/src/testing/iep-facts.fixture.js';
import { readReportFile, ReportFileError } from './report-file.js';

const seal = {
  sealNumber: 2,
  position: '1001' as Position,
  streamsRoot: 'a'.repeat(64),
  logDigest: 'b'.repeat(64),
  sealEventId: 'seal-event-2',
  sealHash: 'c'.repeat(64),
};
const report: ImpactReport = buildImpactReport(iepFacts(), {
  programmeId: 'iep',
  period: IEP_PERIOD,
  position: IEP_POSITION,
  ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
  correctionsSince: '300' as Position,
  seal,
});
/** The report as the ledger computes it again: no seal of its own (the file's is checked apart). */
const recomputed: ImpactReport = { ...report, seal: null };

describe('readReportFile', () => {
  test('given the JSON of a report, then it states the programme, period, position, corrections and seal, and matches the report computed again', () => {
    const file = readReportFile('impact.json', JSON.stringify(report, null, 2));

    expect(file).toMatchObject({
      format: 'json',
      programmeId: 'iep',
      period: IEP_PERIOD,
      ledgerPosition: '1000',
      correctionsSince: '300',
      seal,
    });
    expect(file.differencesFrom(recomputed)).toEqual([]);
  });

  test('given the JSON of a report, when the ledger gives other figures, then each differing path is named with both values', () => {
    const file = readReportFile('impact.json', JSON.stringify(report));
    const moved = { ...recomputed, grants: { ...recomputed.grants, revoked: 2 }, ledgerRecordedAt: null };

    expect(file.differencesFrom(moved)).toEqual([
      'ledgerRecordedAt: the report says "2018-10-15T12:00:00.000Z", the ledger gives null',
      'grants.revoked: the report says 1, the ledger gives 2',
    ]);
  });

  test('given the CSV of a report, then its rows give the same claim, and a differing figure is named by its row', () => {
    const file = readReportFile('impact.csv', renderImpactCsv(report));
    const moved = { ...recomputed, grants: { ...recomputed.grants, count: { value: 17, display: '17' } } };

    expect(file).toMatchObject({
      format: 'csv',
      programmeId: 'iep',
      period: IEP_PERIOD,
      ledgerPosition: '1000',
      seal,
    });
    expect(file.differencesFrom(recomputed)).toEqual([]);
    expect(file.differencesFrom(moved)).toEqual([
      'grantsCount: the report says 18 (18), the ledger gives 17 (17)',
    ]);
  });

  test('given the HTML page of a report, then its figures give the same claim, and a differing one is named', async () => {
    const file = readReportFile('impact.html', await renderImpactHtml(report));
    const moved = { ...recomputed, income: { ...recomputed.income, total: { pence: 1, display: '£0.01' } } };

    expect(file).toMatchObject({
      format: 'html',
      programmeId: 'iep',
      period: IEP_PERIOD,
      ledgerPosition: '1000',
      seal,
    });
    expect(file.differencesFrom(recomputed)).toEqual([]);
    expect(file.differencesFrom(moved)).toEqual([
      'income: the report says 65000000 (£650,000), the ledger gives 1 (£0.01)',
    ]);
  });

  test('given another page or file, then it is refused as not a report it can check', () => {
    expect(() => readReportFile('page.html', '<!doctype html><html></html>')).toThrow(ReportFileError);
    expect(() => readReportFile('notes.txt', 'hello')).toThrow(ReportFileError);
    expect(() => readReportFile('other.json', '{"report":"something-else"}')).toThrow(
      'other.json is not a DCMS impact report of this ledger',
    );
  });
});
