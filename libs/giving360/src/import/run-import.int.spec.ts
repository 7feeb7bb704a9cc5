import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type EventStore,
  openSqliteEventStore,
  type RecordedEvent,
  SnapshottingEventStore,
} from '@ledger/event-store';
import { openLedgerCommandBus } from './import-command-bus.js';
import { planImport } from './import-plan.js';
import type { ImportResult } from './import-result.js';
import { runImport } from './run-import.js';

const NOW = '2025-06-30T12:00:00.000Z';
const FUNDER = { id: 'GB-CHC-1000147', name: 'A B Charitable Trust' };

function grant(n: number, pounds: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `360G-ABCT-${n}`,
    title: `Grant ${n}`,
    description: `Purpose ${n}`,
    currency: 'GBP',
    amountAwarded: pounds,
    awardDate: `2020-01-${String(n).padStart(2, '0')}`,
    recipientOrganization: [{ id: `GB-CHC-90${n}`, name: `Charity ${n}` }],
    fundingOrganization: [FUNDER],
    grantProgramme: [{ code: 'Open Programme', title: 'Migrants and Refugees' }],
    ...overrides,
  };
}

describe('runImport (SQLite, through the command bus)', () => {
  let dir: string;
  let events: EventStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-import-'));
    events = new SnapshottingEventStore(openSqliteEventStore({ file: join(dir, 'events.sqlite') }));
  });
  afterEach(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function importGrants(grants: readonly unknown[]): Promise<ImportResult> {
    const bus = await openLedgerCommandBus(events);
    try {
      const run = { now: NOW, correlationId: 'import-test' };
      return await runImport(planImport(grants, run), { events, execute: bus.execute }, run);
    } finally {
      await bus.close();
    }
  }
  async function log(): Promise<RecordedEvent[]> {
    return [...(await events.readAll({ maxCount: 10_000 }))];
  }
  const programmeEvents = async () =>
    (await events.readStream('programme-GB-CHC-1000147:open-programme')).events.map((e) => [e.type, e.data]);

  it('given a programme imported from one file, when a later file adds two grants, then its budget is raised by exactly their sum and a third import writes nothing', async () => {
    await importGrants([grant(1, 30000), grant(2, 1234.5)]);

    const later = await importGrants([grant(1, 30000), grant(2, 1234.5), grant(3, 999.99), grant(4, 0.01)]);
    const logLength = (await log()).length;
    const third = await importGrants([grant(1, 30000), grant(2, 1234.5), grant(3, 999.99), grant(4, 0.01)]);

    expect(later).toMatchObject({ read: 4, loaded: 2, alreadyThere: 2, invalid: [], refused: [] });
    expect(later.programmes).toEqual([
      {
        programmeId: 'GB-CHC-1000147:open-programme',
        name: 'Migrants and Refugees',
        status: 'budget-raised',
        grantBudget: 3_223_450,
      },
    ]);
    expect((await programmeEvents()).filter(([type]) => type === 'GrantBudgetRaised')).toEqual([
      [
        'GrantBudgetRaised',
        {
          programmeId: 'GB-CHC-1000147:open-programme',
          from: 3_123_450,
          to: 3_223_450,
          reason:
            '360Giving import: 2 new grants of £1,000.00 need £1,000.00 more than the budget has uncommitted',
        },
      ],
    ]);
    expect(third).toMatchObject({ loaded: 0, alreadyThere: 4, eventsWritten: 0 });
    expect(third.programmes[0]?.status).toBe('unchanged');
    expect((await log()).length).toBe(logLength);
  });

  it('given a file imported, when a changed copy is imported, then each changed grant is refused naming what differs and the ledger keeps what it recorded', async () => {
    await importGrants([grant(1, 30000), grant(2, 1234.5)]);
    const logLength = (await log()).length;

    const changed = await importGrants([grant(1, 31000), grant(2, 1234.5, { title: 'Renamed' })]);

    expect(changed).toMatchObject({ loaded: 0, alreadyThere: 0, eventsWritten: 0 });
    expect(changed.refused).toEqual([
      {
        id: '360G-ABCT-1',
        position: 1,
        code: 'IMPORT.CHANGED_SINCE_IMPORTED',
        message:
          'grant 360G-ABCT-1 was imported before and the file now differs (amount: ledger 3000000, file 3100000); the ledger keeps what it recorded',
      },
      {
        id: '360G-ABCT-2',
        position: 2,
        code: 'IMPORT.CHANGED_SINCE_IMPORTED',
        message:
          'grant 360G-ABCT-2 was imported before and the file now differs (title: ledger "Grant 2", file "Renamed"); the ledger keeps what it recorded',
      },
    ]);
    expect((await log()).length).toBe(logLength);
  });

  it('given a grant id the ledger holds from another funder, when imported, then that grant is refused and the others load', async () => {
    await importGrants([grant(1, 30000)]);

    const other = await importGrants([
      grant(1, 30000, { fundingOrganization: [{ id: 'GB-CHC-2000000', name: 'Another Trust' }] }),
      grant(2, 500, { fundingOrganization: [{ id: 'GB-CHC-2000000', name: 'Another Trust' }] }),
    ]);

    expect(other).toMatchObject({ loaded: 1, alreadyThere: 0 });
    expect(other.refused).toEqual([
      {
        id: '360G-ABCT-1',
        position: 1,
        code: 'GRANT.ALREADY_AWARDED',
        message: 'Grant 360G-ABCT-1 is already awarded',
      },
    ]);
  });

  it('given a programme imported from a newer file, when an older file is imported, then grants dated before the programme or the recipient’s enrolment are refused (ADR 0019) and later ones load', async () => {
    await importGrants([grant(3, 100), grant(4, 100)]);

    const older = await importGrants([
      grant(1, 100),
      grant(5, 100, {
        awardDate: '2020-01-03',
        recipientOrganization: [{ id: 'GB-CHC-904', name: 'Charity 4' }],
      }),
      grant(6, 100, { awardDate: '2020-01-05' }),
    ]);

    expect(older).toMatchObject({ loaded: 1, alreadyThere: 0 });
    expect(older.refused.map(({ id, code }) => [id, code])).toEqual([
      ['360G-ABCT-1', 'DATE.BEFORE_PROGRAMME_START'],
      ['360G-ABCT-5', 'GRANT.AWARDED_BEFORE_ENROLMENT'],
    ]);
  });

  it('given a grant to an individual, when imported, then the innovator is enrolled by id and the person’s name is nowhere in the log', async () => {
    const result = await importGrants([
      grant(1, 250, {
        recipientOrganization: undefined,
        recipientIndividual: { id: '360G-ABCT-IND-1', name: 'Jane Roe' },
      }),
    ]);

    expect(result).toMatchObject({ loaded: 1, refused: [] });
    const logged = await log();
    expect(logged.find((e) => e.type === 'InnovatorEnrolled')?.data).toEqual({
      innovatorId: 'GB-CHC-1000147:open-programme:individual:360G-ABCT-IND-1',
      programmeId: 'GB-CHC-1000147:open-programme',
      name: 'Individual recipient',
      registrationNumber: '360G-ABCT-IND-1',
      challengeArea: 'Migrants and Refugees',
      enrolledOn: '2020-01-01',
    });
    expect(JSON.stringify(logged)).not.toContain('Jane Roe');
  });
});
