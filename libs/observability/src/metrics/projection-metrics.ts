import { Counter, Gauge, type Registry } from 'prom-client';
import type { EventStore, Position } from '@ledger/event-store';
import type { ProjectionStatus } from '@ledger/projections';
import { METRIC_NAMES } from './metric-names.js';
import { measureLag, NO_LAG, type ProjectionLag } from './projection-lag.js';

export interface ProjectionMetricsOptions {
  /** A `ProjectionRunner`, or anything that reports projection statuses. */
  readonly runner: { status(): Promise<readonly ProjectionStatus[]> };
  /** The store the runner reads, through the same upcasting as the runner's. */
  readonly eventStore: Pick<EventStore, 'readAll'>;
  /** The lag in events is counted up to this; a projection further behind reads this. 10 000 by default. */
  readonly maxLagEvents?: number;
  readonly clock?: () => Date;
  /** A scrape that cannot read the statuses leaves the projection series out and reports here. */
  readonly onError?: (error: unknown) => void;
}

interface ProjectionSample extends ProjectionLag {
  readonly projection: string;
  readonly eventsApplied: number;
  readonly failed: boolean;
}

export const DEFAULT_MAX_LAG_EVENTS = 10_000;

/**
 * Registers the projection metrics (see `METRIC_NAMES`) on `registry`, computed at each scrape
 * from the runner's status and the event store, so nothing runs between scrapes. The api and the
 * projector worker both call it with their runner.
 *
 * @example
 * const registry = createMetricsRegistry();
 * registerProjectionMetrics(registry, { runner, eventStore });
 */
export function registerProjectionMetrics(registry: Registry, options: ProjectionMetricsOptions): void {
  const samples = oncePerScrape(() => sample(options));
  const common = { labelNames: ['projection'] as const, registers: [registry] };
  const gauge = (name: string, help: string, pick: (s: ProjectionSample) => number) =>
    new Gauge({
      ...common,
      name,
      help,
      async collect() {
        const current = await samples();
        this.reset();
        for (const s of current) this.set({ projection: s.projection }, pick(s));
      },
    });
  gauge(
    METRIC_NAMES.projectionLagEvents,
    `Events in the log after the projection's checkpoint (counted up to ${options.maxLagEvents ?? DEFAULT_MAX_LAG_EVENTS})`,
    (s) => s.events,
  );
  gauge(
    METRIC_NAMES.projectionLagSeconds,
    'Seconds since the oldest event the projection has not reached yet was recorded',
    (s) => s.seconds,
  );
  gauge(
    METRIC_NAMES.projectionFailed,
    'Whether the projection is stopped on a failure (1) or not (0)',
    (s) => (s.failed ? 1 : 0),
  );
  // A counter kept with the checkpoint, so it survives restarts; Prometheus reads a rebuild's
  // fresh start as a counter reset.
  new Counter({
    ...common,
    name: METRIC_NAMES.projectionEventsApplied,
    help: "Events the projection's handler applied",
    async collect() {
      const current = await samples();
      this.reset();
      for (const s of current) this.inc({ projection: s.projection }, s.eventsApplied);
    },
  });
}

async function sample(options: ProjectionMetricsOptions): Promise<readonly ProjectionSample[]> {
  const { runner, eventStore, maxLagEvents = DEFAULT_MAX_LAG_EVENTS, clock = () => new Date() } = options;
  try {
    const statuses = await runner.status();
    const now = clock();
    // Projections at the same checkpoint share one count.
    const lags = new Map<Position | undefined, Promise<ProjectionLag>>();
    const lagAfter = (position: Position | undefined): Promise<ProjectionLag> => {
      const lag = lags.get(position) ?? measureLag(eventStore, position, maxLagEvents, now);
      lags.set(position, lag);
      return lag;
    };
    return await Promise.all(
      statuses.map(async (status) => ({
        projection: status.name,
        eventsApplied: status.eventsApplied,
        failed: status.status === 'failed',
        ...(status.upToDate ? NO_LAG : await lagAfter(status.position)),
      })),
    );
  } catch (error) {
    options.onError?.(error);
    return [];
  }
}

/**
 * A scrape collects every metric at once: the four metrics above share one sample of the
 * statuses and lags rather than reading them four times.
 */
function oncePerScrape<T>(take: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= take().finally(() => {
      pending = undefined;
    }));
}
