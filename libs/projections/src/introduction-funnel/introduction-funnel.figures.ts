/** What the funnel needs of one (not voided) introduction. */
export interface FunnelPoint {
  readonly key: string;
  readonly converted: boolean;
  readonly daysToPartnership: number | null;
}

export interface FunnelRow {
  /** The challenge area, partner sector, month ('YYYY-MM') or 'total'. */
  readonly key: string;
  readonly introductions: number;
  readonly partnerships: number;
  /** partnerships / introductions, rounded to 4 decimals; 0 when there are no introductions. */
  readonly conversionRate: number;
  /** Null when no introduction became a partnership. */
  readonly medianDaysToPartnership: number | null;
}

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

export const conversionRate = (partnerships: number, introductions: number): number =>
  introductions === 0 ? 0 : Math.round((partnerships / introductions) * 10_000) / 10_000;

export function funnelRow(key: string, points: readonly FunnelPoint[]): FunnelRow {
  const days = points.flatMap((point) =>
    point.converted && point.daysToPartnership !== null ? [point.daysToPartnership] : [],
  );
  const partnerships = points.filter((point) => point.converted).length;
  return {
    key,
    introductions: points.length,
    partnerships,
    conversionRate: conversionRate(partnerships, points.length),
    medianDaysToPartnership: median(days),
  };
}

/** One row per key, in key order. */
export function funnelRows(points: readonly FunnelPoint[]): FunnelRow[] {
  const byKey = new Map<string, FunnelPoint[]>();
  for (const point of points) byKey.set(point.key, [...(byKey.get(point.key) ?? []), point]);
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => funnelRow(key, group));
}
