import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore, SnapshottingEventStore } from '@ledger/event-store';
import { SqliteTokenStore, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import { openEventStore, openKeyStore } from '@ledger/stores';

class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PERSONAL_KEY_STORE) private readonly keys: PersonalKeyStore,
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
    await this.keys.close();
    this.tokens.close();
  }
}

const STORE_PROVIDERS = [
  { provide: PERSONAL_KEY_STORE, inject: [CONFIG], useFactory: openKeyStore },
  {
    provide: EVENT_STORE,
    inject: [CONFIG, PERSONAL_KEY_STORE],
    // Snapshots: a command on a long stream (an innovator's, a programme's) folds only what is new.
    useFactory: (config: LedgerConfig, keys: PersonalKeyStore) =>
      new SnapshottingEventStore(openEventStore(config, keys)),
  },
  {
    provide: TOKEN_STORE,
    inject: [CONFIG],
    useFactory: (config: LedgerConfig) => new SqliteTokenStore(config.authFile),
  },
  StoresLifecycle,
];

/**
 * The event store (personal data sealed per person and upcast, as every part of the api reads it,
 * remembering each stream's folded state for the next command on it),
 * the key store it seals with (which forgetting a person also needs) and the token store, opened
 * from the configuration and closed on shutdown.
 */
@Global()
@Module({ providers: STORE_PROVIDERS, exports: [EVENT_STORE, PERSONAL_KEY_STORE, TOKEN_STORE] })
export class StoresModule {}
