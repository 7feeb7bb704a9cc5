/**
 * A job the api runs on a timer, one run at a time: a tick that finds the previous run still going
 * lets it finish rather than start a second. `stop` clears the timer and waits for a run in flight,
 * so shutdown never closes a store under it. The job logs its own failures; it must not throw.
 *
 * @example
 * const sealing = new PeriodicTask(() => seals.sealIfMoved());
 * sealing.start(3600); await sealing.stop();
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly run: () => Promise<void>) {}

  /** Runs every `seconds` from now on; the timer never keeps the process alive. */
  start(seconds: number): void {
    this.timer = setInterval(() => void this.runNow(), seconds * 1000);
    this.timer.unref();
  }

  /** Runs once now, or joins the run in flight; resolves when that run is over. */
  runNow(): Promise<void> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
