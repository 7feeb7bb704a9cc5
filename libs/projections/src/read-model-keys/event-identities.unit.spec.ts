import { describe, expect, it } from '@jest/globals';
import {
  type DomainEvent,
  DomainError,
  fold,
  grantDecider,
  type GrantEvent,
  innovatorDecider,
  type InnovatorEvent,
  pence,
} from '@ledger/ledger-domain';
import { localIdentities } from './event-identities.js';

// The catalogue's `local` fields, held to the deciders: the same value is refused (or restated)
// within one stream, and accepted on another stream, so a read model must key it with the stream.

const context = { now: '2019-01-01T00:00:00.000Z' };

/** Records `value` of a local field on the stream of `id`, decided after that stream's `history`. */
interface LocalRule {
  /** The event that makes the stream exist. */
  readonly start: (id: string) => DomainEvent;
  readonly decide: (id: string, value: string, history: readonly DomainEvent[]) => readonly DomainEvent[];
  /** What a repeat within one stream is: refused with this code, or 'restated' (decided again). */
  readonly inStream: string;
}

const enrolled = (innovatorId: string): InnovatorEvent => ({
  type: 'InnovatorEnrolled',
  data: {
    innovatorId,
    programmeId: 'p',
    name: `Innovator ${innovatorId}`,
    registrationNumber: `R-${innovatorId}`,
    challengeArea: 'Mental health support',
    enrolledOn: '2017-08-15',
  },
});

const innovator = (history: readonly DomainEvent[]) => fold(innovatorDecider, history as InnovatorEvent[]);
const grant = (history: readonly DomainEvent[]) => fold(grantDecider, history as GrantEvent[]);

const RULES: Readonly<Record<string, LocalRule>> = {
  'IncomeReported.incomeId': {
    start: enrolled,
    decide: (innovatorId, incomeId, history) =>
      innovatorDecider.decide(
        {
          type: 'ReportIncome',
          data: {
            ...{ innovatorId, incomeId, amount: pence(1_000), currency: 'GBP', source: 'earned' },
            ...{ periodStart: '2017-10-01', periodEnd: '2018-03-31', attributableToProgramme: true },
          },
        },
        innovator(history),
        context,
      ),
    inStream: 'INCOME.DUPLICATE',
  },
  'RevenueForecastRecorded.asOf': {
    start: enrolled,
    decide: (innovatorId, asOf, history) =>
      innovatorDecider.decide(
        {
          type: 'RecordRevenueForecast',
          data: { innovatorId, amount: pence(5_000), currency: 'GBP', horizonMonths: 12, asOf },
        },
        innovator(history),
        context,
      ),
    inStream: 'restated',
  },
  'GrantPaymentMade.paymentId': {
    start: (grantId) => ({
      type: 'GrantAwarded',
      data: {
        ...{ grantId, programmeId: 'p', innovatorId: 'i', amount: pence(10_000), currency: 'GBP' },
        ...{ fundingOrganisation: { name: 'DCMS', orgId: 'GB-GOR-D5' }, awardedOn: '2017-09-01' },
        ...{ title: 'A grant', purpose: 'Illustrative' },
      },
    }),
    decide: (grantId, paymentId, history) =>
      grantDecider.decide(
        {
          type: 'RecordGrantPayment',
          data: { grantId, paymentId, amount: pence(100), paidOn: '2017-10-01' },
        },
        grant(history),
        context,
      ),
    inStream: 'GRANT.DUPLICATE_PAYMENT',
  },
};

/** The value to share: a valid date for a date field, an id otherwise. */
const valueFor = (field: string): string => (field === 'asOf' ? '2018-09-30' : 'shared-1');

const refusal = (decide: () => unknown): string | undefined => {
  try {
    decide();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe.each(localIdentities())('the local field $field of $type', ({ type, field }) => {
  const rule = RULES[`${type}.${field}`];
  const value = valueFor(field);
  const recorded = (events: readonly DomainEvent[]) => events.filter((event) => event.type === type);

  it('given a stream holding a value, when another stream records the same value, then its decider accepts it', () => {
    expect(rule).toBeDefined();
    const { start, decide } = rule as LocalRule;
    const first = [start('a'), ...decide('a', value, [start('a')])];
    expect(recorded(first)).toHaveLength(1);

    const second = decide('b', value, [start('b')]);

    expect(recorded(second).map((event) => (event.data as Record<string, unknown>)[field])).toEqual([value]);
  });

  it('given a stream holding a value, when the same stream records it again, then its decider refuses or restates it as the catalogue says', () => {
    const { start, decide, inStream } = rule as LocalRule;
    const history = [start('a'), ...decide('a', value, [start('a')])];

    const outcome = refusal(() => decide('a', value, history)) ?? 'restated';

    expect(outcome).toBe(inStream);
  });
});
