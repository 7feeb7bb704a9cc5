import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { TOKEN_STORE, type TokenStore } from '@ledger/auth';
import type { RecordedEvent } from '@ledger/event-store';
import type {
  GrantAmountCorrected,
  GrantAwarded,
  IncomeReported,
  RevenueForecastRecorded,
} from '@ledger/ledger-domain';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';
import { iepProgramme } from './iep-programme.js';
import { type DemoActors, loadIepDemo, type LoadDemoResult } from './load-demo.js';

const CORRECTIONS = ['GrantAmountCorrected', 'IntroductionVoided', 'PartnershipVoided'];

const ofType = <Data>(events: readonly RecordedEvent[], type: string): Data[] =>
  events.filter((event) => event.type === type).map((event) => event.data as Data);
const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

describe('the IEP demo loaded through the command bus', () => {
  let ledger: TestLedger;
  let actors: DemoActors;
  let result: LoadDemoResult;
  let events: RecordedEvent[];

  beforeAll(async () => {
    ledger = await startTestLedger();
    const tokens = ledger.app.get<TokenStore>(TOKEN_STORE);
    const actorOf = (name: string, role: string) => {
      const { principal } = tokens.create({ name, role });
      return { id: principal.id, role: principal.role };
    };
    actors = { manager: actorOf('demo-loader', 'programme-manager'), admin: actorOf('demo-admin', 'admin') };
    // The day after the programme ended: every date in the demo must already be in the past.
    const now = new Date('2018-10-01T09:00:00.000Z');
    result = await loadIepDemo(ledger.app.get(CommandBus), { actors, now });
    events = await ledger.allEvents();
  }, 120_000);
  afterAll(() => ledger.close());

  it('given the demo, when loaded, then every command is accepted and the last one ends the log', () => {
    expect(result).toEqual({
      commands: iepProgramme().length,
      programmeId: 'iep-2017',
      lastPosition: events.at(-1)?.globalPosition,
    });
    expect(new Set(events.map((event) => event.metadata.commandId)).size).toBe(result.commands);
  });

  it('given the demo, when loaded, then the log holds the programme, its innovators, partners and projects', () => {
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect(count('ProgrammeLaunched')).toBe(1);
    expect(count('InnovatorEnrolled')).toBe(18);
    expect(count('PartnerRegistered')).toBe(120);
    expect(count('CollaborativeProjectStarted')).toBe(3);
    expect([count('IntroductionMade'), count('IntroductionVoided')]).toEqual([231, 1]);
    expect([count('PartnershipConfirmed'), count('PartnershipVoided')]).toEqual([101, 1]);
  });

  it('given the corrected award, when loaded, then 18 live grants add up to £360,000, paid in 36 instalments', () => {
    const live = new Map(
      ofType<GrantAwarded['data']>(events, 'GrantAwarded').map((g) => [g.grantId, g.amount]),
    );
    for (const { grantId, to } of ofType<GrantAmountCorrected['data']>(events, 'GrantAmountCorrected')) {
      live.set(grantId, to);
    }
    expect(live.size).toBe(18);
    expect(sum([...live.values()])).toBe(36_000_000);
    const payments = ofType<{ amount: number }>(events, 'GrantPaymentMade');
    expect(payments).toHaveLength(36);
    expect(sum(payments.map((p) => p.amount))).toBe(36_000_000);
  });

  it('given the outcomes, when loaded, then income is £650,000 and the latest forecasts £3.2m', () => {
    expect(sum(ofType<IncomeReported['data']>(events, 'IncomeReported').map((i) => i.amount))).toBe(
      65_000_000,
    );
    const latest = new Map<string, number>();
    for (const forecast of ofType<RevenueForecastRecorded['data']>(events, 'RevenueForecastRecorded')) {
      latest.set(forecast.innovatorId, forecast.amount);
    }
    expect(latest.size).toBe(18);
    expect(sum([...latest.values()])).toBe(320_000_000);
  });

  it('given the corrections, when loaded, then each carries the admin actor and a reason, and the rest the manager', () => {
    const corrections = events.filter((event) => CORRECTIONS.includes(event.type));
    expect(corrections).toHaveLength(3);
    for (const { metadata } of corrections) {
      expect(metadata.actor).toEqual(actors.admin);
      expect(metadata.reason?.trim()).toBeTruthy();
    }
    const byAdmin = new Set(corrections.map((event) => event.metadata.commandId));
    const facts = events.filter((event) => !byAdmin.has(event.metadata.commandId));
    expect(facts.every((event) => event.metadata.actor.id === actors.manager.id)).toBe(true);
    expect(events.every((event) => event.metadata.source === 'cli')).toBe(true);
  });

  it('given the generator, when called twice, then it returns the same commands', () => {
    expect(iepProgramme()).toEqual(iepProgramme());
  });

  it('given the demo already loaded, when loaded again, then the same command ids write nothing new', async () => {
    const again = await loadIepDemo(ledger.app.get(CommandBus), { actors });

    expect(again).toEqual(result);
    expect(await ledger.allEvents()).toHaveLength(events.length);
  }, 60_000);
});
