import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import type { LedgerEventStores } from '@ledger/stores';
import { PeriodicTask } from './periodic-task.js';
import { LEDGER_EVENT_STORES } from './stores.tokens.js';

/**
 * Settles the claims on personal-data keys that a killed process left (ADR 0020): once when the api
 * starts, before it answers, and then every `LEDGER_KEY_CLAIM_GRACE_SECONDS`, so that claims too
 * young at start (the api killed moments before) are settled within one more grace period. Only
 * claims older than the grace period are touched: a CLI or another replica may still be appending
 * under a younger one. A failed run is logged and tried again at the next tick.
 */
@Injectable()
export class KeyClaimReconciliation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PersonalDataKeys');
  private readonly task = new PeriodicTask(() => this.reconcile());

  constructor(
    @Inject(CONFIG) private readonly config: LedgerConfig,
    @Inject(LEDGER_EVENT_STORES) private readonly stores: LedgerEventStores,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.task.runNow();
    this.task.start(this.config.keyClaimGraceSeconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async reconcile(): Promise<void> {
    try {
      const olderThanMs = this.config.keyClaimGraceSeconds * 1000;
      const { claims, deleted } = await this.stores.personalData.reconcileKeyClaims({ olderThanMs });
      if (claims > 0) {
        this.logger.log(
          `Settled ${claims} key claims left by an interrupted append: ${deleted.length} keys without a committed event deleted`,
        );
      }
    } catch (error) {
      this.logger.error(
        `Key claim reconciliation failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
