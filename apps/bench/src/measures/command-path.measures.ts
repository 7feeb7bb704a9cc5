import { readFileSync } from 'node:fs';
import type { EventStore } from '@ledger/event-store';
import { openLedgerCommandBus } from '@ledger/giving360';
import { ReportIncomeCommand } from '@ledger/ledger-application';
import { CURRENCY, pence } from '@ledger/ledger-domain';
import type { BenchCommand } from '../workload/commands-file.js';
import type { Acknowledgements } from '../store-gates.js';
import { type InFlightRun, runInFlight } from './measure.js';

export function readCommands(file: string): BenchCommand[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as BenchCommand);
}

/**
 * Single-event commands through the full command path the API uses (`@nestjs/cqrs` command bus,
 * handler, stream read and fold, decider with its rules, append at the read revision, group commit
 * with fsync), with 1, 8, 64... commands in flight. Each level goes on down the list where the
 * previous one stopped, so no command runs twice.
 */
export async function measureCommandPath(
  store: EventStore,
  commands: readonly BenchCommand[],
  levels: readonly number[],
  seconds: number,
  acknowledged: Acknowledgements,
): Promise<InFlightRun[]> {
  const bus = await openLedgerCommandBus(store);
  const jobs = commands[Symbol.iterator]();
  const runs: InFlightRun[] = [];
  try {
    for (const inFlight of levels) {
      runs.push(
        await runInFlight(jobs, inFlight, seconds, async (command) => {
          const outcome = await bus.execute(toCommand(command));
          if (outcome.replayed) throw new Error(`command ${command.commandId} was answered as a replay`);
          acknowledged.record(command.commandId, outcome.stream);
        }),
      );
    }
  } finally {
    await bus.close();
  }
  return runs;
}

function toCommand({ commandId, data, metadata }: BenchCommand): ReportIncomeCommand {
  const input = { ...data, amount: pence(data.amount), currency: CURRENCY };
  return new ReportIncomeCommand(input, {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: metadata.actor,
    source: 'api',
    now: new Date().toISOString(),
  });
}
