import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LedgerSeals } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';

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
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: LedgerConfig,
    private readonly seals: LedgerSeals,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.sealIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One seal at a time: a tick that finds the previous one still running lets it finish. */
  private tick(): void {
    this.inFlight ??= this.sealIfMoved().finally(() => {
      this.inFlight = undefined;
    });
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
