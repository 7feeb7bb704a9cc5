/**
 * A small seeded PRNG (mulberry32) for generated test data: the same seed gives the same sequence on
 * every run and machine, which Math.random cannot.
 *
 * @example
 * const random = new SeededRandom(2017);
 * random.int(1, 6); // the same throw every run
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One element of a non-empty list; undefined for an empty one. */
  pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn in proportion to the weights; undefined when they add up to nothing. */
  weighted(weights: readonly number[]): number | undefined {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (!(total > 0)) return undefined;
    let draw = this.next() * total;
    for (const [index, weight] of weights.entries()) {
      draw -= weight;
      if (draw < 0 && weight > 0) return index;
    }
    return weights.findLastIndex((weight) => weight > 0);
  }
}
