import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerSeals } from '@ledger/audit';
import { CONFIG } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import { openRawEventStore } from '@ledger/stores';
import { RAW_EVENT_STORE } from './audit.tokens.js';
import { ScheduledSealing } from './scheduled-sealing.js';
import { SealsController } from './seals.http.controller.js';

/** Closes the raw store last, after the scheduled seal in flight (beforeApplicationShutdown) ended. */
class RawStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RAW_EVENT_STORE) private readonly raw: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.raw.close();
  }
}

/**
 * Seals and verification (SPEC §6): the raw event store (a second connection to the log, read as
 * stored), the ledger's seals for the reports and `/audit/seals`, `/audit/verify`, and the
 * scheduled sealing.
 */
@Module({
  controllers: [SealsController],
  providers: [
    { provide: RAW_EVENT_STORE, inject: [CONFIG], useFactory: openRawEventStore },
    {
      provide: LedgerSeals,
      inject: [RAW_EVENT_STORE],
      useFactory: (raw: EventStore) => new LedgerSeals(raw, { source: 'api' }),
    },
    ScheduledSealing,
    RawStoreLifecycle,
  ],
  exports: [LedgerSeals],
})
export class AuditModule {}
