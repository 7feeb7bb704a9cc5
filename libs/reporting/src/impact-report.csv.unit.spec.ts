import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { buildImpactReport } from './impact-report.builder.js';
import { renderImpactCsv } from './impact-report.csv.js';
import { IEP_PERIOD, IEP_POSITION, iepFacts } from './testing/iep-facts.fixture.js';

const seal = {
  sealNumber: 4,
  position: '1002' as Position,
  streamsRoot: 'a'.repeat(64),
  logDigest: 'b'.repeat(64),
  sealEventId: 'seal-event-4',
  sealHash: 'c'.repeat(64),
};
const options = {
  programmeId: 'iep',
  period: IEP_PERIOD,
  position: IEP_POSITION,
  ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
  seal,
};

describe('renderImpactCsv', () => {
  test('given the IEP report, when rendered as CSV, then each figure is one row with its value and the display text of the JSON', () => {
    const lines = renderImpactCsv(buildImpactReport(iepFacts(), options)).split('\n');
    expect(lines[0]).toBe('section,figure,value,display');
    expect(lines).toEqual(
      expect.arrayContaining([
        'innovators,innovators,18,18',
        'grants,grantsCount,18,18',
        'grants,grantsAwarded,36000000,"£360,000"',
        'introductions,introductions,230,230',
        'partnerships,partnerships,100,100',
        'partnerships,partnershipsTarget,9,9',
        'partnerships,partnershipsPercentOfTarget,1111,"1,111%"',
        'partnerships,conversionRate,43.5,43.5%',
        'income,income,65000000,"£650,000"',
        'leverage,leverage,1.81,£1.81 per £1 granted',
        'forecast,forecast,320000000,"£3,200,000"',
        'ledger,ledgerPosition,1000,1000',
        'ledger,ledgerRecordedAt,2018-10-15T12:00:00.000Z,2018-10-15T12:00:00.000Z',
      ]),
    );
  });

  test('given the seal covering the report, then its number, position, root, digest, event and hash are rows after the ledger position', () => {
    const lines = renderImpactCsv(buildImpactReport(iepFacts(), options)).trimEnd().split('\n');
    const ledger = lines.filter((line) => line.startsWith('ledger,'));

    expect(ledger.slice(-6)).toEqual([
      'ledger,sealNumber,4,4',
      'ledger,sealPosition,1002,1002',
      `ledger,sealStreamsRoot,${'a'.repeat(64)},${'a'.repeat(64)}`,
      `ledger,sealLogDigest,${'b'.repeat(64)},${'b'.repeat(64)}`,
      'ledger,sealEventId,seal-event-4,seal-event-4',
      `ledger,sealHash,${'c'.repeat(64)},${'c'.repeat(64)}`,
    ]);
    const unsealed = renderImpactCsv(buildImpactReport(iepFacts(), { ...options, seal: null }));
    expect(unsealed).toContain('ledger,sealNumber,,not sealed');
  });

  test('given corrections, then each is a row with its position, what, when, who and why', () => {
    const csv = renderImpactCsv(buildImpactReport(iepFacts(), options));
    expect(csv).toContain(
      'corrections,correction:GrantAmountCorrected,100,"Grant g-001 amount corrected from £2,000.00 to £20,000.00 (recorded 2018-10-01T09:00:00.000Z by admin-1 (admin): Reason 1)"',
    );
  });

  test('given a name a spreadsheet would run as a formula, then the cell is quoted inert', () => {
    const base = iepFacts();
    const facts = iepFacts({ programme: { ...base.programme, name: '=HYPERLINK("x")' } });
    const csv = renderImpactCsv(buildImpactReport(facts, options));
    expect(csv).toContain(`programme,programme,"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")"`);
  });
});
