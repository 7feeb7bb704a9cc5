import type { Registry } from 'prom-client';

/** One sample of a metric, by its labels: `{ labels: { projection: 'notes' }, value: 3 }`. */
export interface MetricSample {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
  readonly metricName?: string;
}

/** The samples of one metric as the registry would expose them now (a scrape). */
export async function samplesOf(registry: Registry, name: string): Promise<readonly MetricSample[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  if (metric === undefined) throw new Error(`No metric ${name} in the registry`);
  return metric.values as readonly MetricSample[];
}

/** The value of the sample with exactly these labels; undefined when there is none. */
export async function valueOf(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
  metricName = name,
): Promise<number | undefined> {
  const samples = await samplesOf(registry, name);
  const match = samples.find(
    (s) =>
      (s.metricName ?? name) === metricName &&
      Object.entries(labels).every(([key, value]) => s.labels[key] === value) &&
      Object.keys(s.labels).length === Object.keys(labels).length,
  );
  return match?.value;
}
