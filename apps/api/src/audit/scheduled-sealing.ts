import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LedgerSeals } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { PeriodicTask } from '../infrastructure/periodic-task.js';

/**
 * Seals the log every `LEDGER_SEAL_INTERVAL_SECONDS` (0: never on its own) when something was
 * appended since the last seal. Every api replica runs it: the seal stream's expected revision lets
 * one replica win each seal number, and the others find the winner's seal covering what they read,
 * so racing replicas write one seal, not one each. A seal that fails is logged and tried again at
 * the next tick; shutdown waits for one in flight.
 */
@Injectable()
export class ScheduledSealing implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Seals');
  private readonly task = new PeriodicTask(() => this.sealIfMoved());

  constructor(
    @Inject(CONFIG) private readonly config: LedgerConfig,
    private readonly seals: LedgerSeals,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.sealIntervalSeconds;
    if (seconds === 0) return;
    this.task.start(seconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async sealIfMoved(): Promise<void> {
    try {
      const outcome = await this.seals.seal();
      if (outcome?.created) {
        const { sealNumber, position, eventCount } = outcome.seal;
        this.logger.log(
          `Sealed the log: seal ${sealNumber} covers position ${position} (${eventCount} events)`,
        );
      }
    } catch (error) {
      this.logger.error(`Scheduled seal failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
