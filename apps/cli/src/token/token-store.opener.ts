import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { SqliteTokenStore, type TokenStore } from '@ledger/auth';

/**
 * Opens the token store for the length of one command. Opened on demand rather than at start so
 * that commands needing no tokens never create or lock the auth file, and a rejected argument
 * leaves nothing behind.
 */
@Injectable()
export class TokenStoreOpener {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {}

  use<T>(work: (store: TokenStore) => T): T {
    const store = new SqliteTokenStore(this.config.authFile);
    try {
      return work(store);
    } finally {
      store.close();
    }
  }
}
