import type { Position } from '@ledger/event-store';
import type { RebuildPhase, RebuildProgress } from './rebuild-result.js';

/**
 * How many events lie up to `position`. The embedded store's positions are gap-free counts from 1,
 * so a position is that count. A store whose positions are offsets (EventStoreDB's) gives figures in
 * its own unit, which still make a fair bar, rate and time left.
 */
export function positionOrdinal(position: Position | undefined): number {
  const ordinal = Number(position ?? 0);
  return Number.isFinite(ordinal) ? ordinal : 0;
}

/**
 * Turns a build's checkpoint into progress figures: events per second over this run (a resumed
 * run's rate counts only what it did itself) and the time left at that rate.
 *
 * @example
 * const meter = new ProgressMeter('grant-register', checkpoint.position, head, () => performance.now());
 * onProgress(meter.at('building', batchEnd));
 */
export class ProgressMeter {
  private readonly startedAt: number;
  private readonly resumedFrom: number;
  private total: number;

  constructor(
    private readonly name: string,
    from: Position | undefined,
    head: Position | undefined,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
    this.resumedFrom = positionOrdinal(from);
    this.total = Math.max(positionOrdinal(head), this.resumedFrom);
  }

  /** The log grew: the total follows. */
  seeHead(head: Position | undefined): void {
    this.total = Math.max(this.total, positionOrdinal(head));
  }

  at(phase: RebuildPhase, position: Position | undefined): RebuildProgress {
    const done = positionOrdinal(position);
    this.total = Math.max(this.total, done);
    const seconds = (this.now() - this.startedAt) / 1000;
    const eventsPerSecond = seconds > 0 ? (done - this.resumedFrom) / seconds : 0;
    const left = this.total - done;
    const etaMs = left === 0 ? 0 : eventsPerSecond > 0 ? (left / eventsPerSecond) * 1000 : undefined;
    const { name, total, resumedFrom } = this;
    return { name, phase, done, total, resumedFrom, eventsPerSecond, etaMs };
  }

  /** Events this run has taken the build through. */
  eventsSince(position: Position | undefined): number {
    return positionOrdinal(position) - this.resumedFrom;
  }
}
