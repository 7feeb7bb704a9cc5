import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { CURRENCY, INCOME_SOURCES, streamName } from '@ledger/ledger-domain';
import { SeededRandom } from '@ledger/workload';
import { readAppends, seededUuid } from './workload-file.js';

/** One single-event command: income an innovator reports, as the event the ledger records for it. */
export interface BenchCommand {
  readonly stream: string;
  readonly type: 'IncomeReported';
  readonly commandId: string;
  readonly data: {
    readonly innovatorId: string;
    readonly incomeId: string;
    readonly amount: number;
    readonly currency: string;
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly source: (typeof INCOME_SOURCES)[number];
    readonly attributableToProgramme: boolean;
  };
  readonly metadata: {
    readonly actor: { readonly id: string; readonly role: string };
    readonly commandId: string;
    readonly correlationId: string;
    readonly causationId: string;
    readonly source: 'api';
  };
  readonly occurredAt: string;
}

/** The innovators still enrolled at the end of the workload: who can report income. */
async function enrolledInnovators(workload: string): Promise<string[]> {
  const enrolled = new Set<string>();
  for await (const append of readAppends(workload)) {
    for (const write of append.writes) {
      for (const event of write.events) {
        const { innovatorId } = event.data as { innovatorId?: string };
        if (innovatorId === undefined) continue;
        if (event.type === 'InnovatorEnrolled') enrolled.add(innovatorId);
        if (event.type === 'InnovatorWithdrawn') enrolled.delete(innovatorId);
      }
    }
  }
  return [...enrolled].sort();
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * `count` income reports, each a single-event command on an enrolled innovator's stream, spread
 * over the innovators by the seeded generator: the command path's input for every system.
 */
export async function ensureCommands(
  workload: string,
  file: string,
  count: number,
  seed: number,
): Promise<number> {
  if (existsSync(file)) return count;
  const innovators = await enrolledInnovators(workload);
  if (innovators.length === 0)
    throw new Error(`The workload ${workload} enrols no innovator to report income`);
  const random = new SeededRandom(seed ^ 0xc0de);
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    let lines: string[] = [];
    for (let k = 1; k <= count; k += 1) {
      const innovatorId = innovators[random.int(0, innovators.length - 1)] ?? '';
      const end = Date.UTC(2024, 0, 1) + random.int(0, 600) * DAY_MS;
      const commandId = seededUuid(random);
      const command: BenchCommand = {
        stream: streamName('innovator', innovatorId),
        type: 'IncomeReported',
        commandId,
        data: {
          innovatorId,
          incomeId: `bench-m${k}`,
          amount: random.int(100, 50_000) * 100,
          currency: CURRENCY,
          periodStart: isoDay(end - 90 * DAY_MS),
          periodEnd: isoDay(end),
          source: random.pick(INCOME_SOURCES) ?? 'earned',
          attributableToProgramme: random.chance(0.6),
        },
        metadata: {
          actor: { id: 'bench', role: 'programme-manager' },
          ...{ commandId, correlationId: commandId, causationId: commandId },
          source: 'api',
        },
        // As the ledger dates an income report: its periodEnd, at midnight UTC.
        occurredAt: `${isoDay(end)}T00:00:00.000Z`,
      };
      lines.push(JSON.stringify(command));
      if (lines.length === 10_000) {
        writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  return count;
}
