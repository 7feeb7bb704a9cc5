import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore, SnapshottingEventStore } from '@ledger/event-store';
import { SqliteTokenStore, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import { type LedgerEventStores, openKeyStore, openLedgerEventStores } from '@ledger/stores';
import { KeyClaimReconciliation } from './key-claim-reconciliation.js';
import { LEDGER_EVENT_STORES } from './stores.tokens.js';

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
    provide: LEDGER_EVENT_STORES,
    inject: [CONFIG, PERSONAL_KEY_STORE],
    useFactory: (config: LedgerConfig, keys: PersonalKeyStore) => openLedgerEventStores(config, keys),
  },
  {
    provide: EVENT_STORE,
    inject: [LEDGER_EVENT_STORES],
    // Snapshots: a command on a long stream (an innovator's, a programme's) folds only what is new.
    useFactory: (stores: LedgerEventStores) => new SnapshottingEventStore(stores.events),
  },
  {
    provide: TOKEN_STORE,
    inject: [CONFIG],
    useFactory: (config: LedgerConfig) => new SqliteTokenStore(config.authFile),
  },
  StoresLifecycle,
  KeyClaimReconciliation,
];

/**
 * The event store (personal data sealed per person and upcast, as every part of the api reads it,
 * remembering each stream's folded state for the next command on it),
 * the key store it seals with (which forgetting a person also needs) and the token store, opened
 * from the configuration and closed on shutdown; the key claims a killed api left are settled at start.
 */
@Global()
@Module({ providers: STORE_PROVIDERS, exports: [EVENT_STORE, PERSONAL_KEY_STORE, TOKEN_STORE] })
export class StoresModule {}
