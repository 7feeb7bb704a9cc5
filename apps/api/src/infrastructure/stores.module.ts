import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore, openSqliteEventStore, UpcastingEventStore } from '@ledger/event-store';
import { LEDGER_UPCASTER_CHAIN } from '@ledger/ledger-domain';
import { SqliteTokenStore, TOKEN_STORE, type TokenStore } from '@ledger/auth';

/**
 * The log as every part of the api reads it (commands, projections, audit, reports): through the
 * ledger's upcasters, so old events arrive in the current schema and are never rewritten.
 */
function openEventStore(config: LedgerConfig): EventStore {
  if (config.eventStore.kind !== 'sqlite') {
    throw new Error(
      'LEDGER_EVENT_STORE=eventstoredb is not available in this version of the ledger; unset it to run embedded',
    );
  }
  return new UpcastingEventStore(
    openSqliteEventStore({ file: config.eventStore.file }),
    LEDGER_UPCASTER_CHAIN,
  );
}

class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
    this.tokens.close();
  }
}

const STORE_PROVIDERS = [
  { provide: EVENT_STORE, inject: [CONFIG], useFactory: openEventStore },
  {
    provide: TOKEN_STORE,
    inject: [CONFIG],
    useFactory: (config: LedgerConfig) => new SqliteTokenStore(config.authFile),
  },
  StoresLifecycle,
];

/** The event store and the token store, opened from the configuration and closed on shutdown. */
@Global()
@Module({ providers: STORE_PROVIDERS, exports: [EVENT_STORE, TOKEN_STORE] })
export class StoresModule {}
