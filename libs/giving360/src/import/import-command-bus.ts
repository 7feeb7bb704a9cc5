import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { COMMAND_HANDLERS } from '@ledger/ledger-application';
import type { ExecuteCommand } from './import-sender.js';

/** `@nestjs/cqrs`'s command bus with every ledger command handler, writing to one event store. */
export interface LedgerCommandBus {
  readonly execute: ExecuteCommand;
  /** Closes the bus's Nest context; the event store stays open (it belongs to the caller). */
  close(): Promise<void>;
}

class ImportCommandPathModule {}

/**
 * The command path the API's controllers use, for a process that has no Nest application with a
 * command bus of its own (the CLI). Opened per import rather than at the CLI's start, so commands
 * that write nothing never open the event store.
 *
 * @example
 * const bus = await openLedgerCommandBus(events);
 * try { await runImport(plan, { events, execute: bus.execute }, run); } finally { await bus.close(); }
 */
export async function openLedgerCommandBus(events: EventStore): Promise<LedgerCommandBus> {
  const module: DynamicModule = {
    module: ImportCommandPathModule,
    imports: [CqrsModule.forRoot()],
    providers: [...COMMAND_HANDLERS, { provide: EVENT_STORE, useValue: events }],
  };
  const context = await NestFactory.createApplicationContext(module, { logger: false });
  const bus = context.get(CommandBus);
  return { execute: (command) => bus.execute(command), close: () => context.close() };
}
