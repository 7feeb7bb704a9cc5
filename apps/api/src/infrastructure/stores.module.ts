import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { SqliteTokenStore, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { openEventStore } from '@ledger/stores';

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

/**
 * The event store (read through the ledger's upcasters, as every part of the api reads it) and the
 * token store, opened from the configuration and closed on shutdown.
 */
@Global()
@Module({ providers: STORE_PROVIDERS, exports: [EVENT_STORE, TOKEN_STORE] })
export class StoresModule {}
