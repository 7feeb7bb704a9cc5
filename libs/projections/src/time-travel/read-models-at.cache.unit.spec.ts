import { describe, expect, it } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import type { ReadModelsAt } from './read-models-at.js';
import { ReadModelsAtCache } from './read-models-at.cache.js';

/** Builds stand-in read models that only record what was built and closed. */
function fakeBuilds() {
  const built: (string | undefined)[] = [];
  const closed: (string | undefined)[] = [];
  const build = (asAt: Position | undefined): Promise<ReadModelsAt<unknown>> => {
    built.push(asAt);
    const readStore = {
      close: () => {
        closed.push(asAt);
        return Promise.resolve();
      },
    } as unknown as ReadStore<unknown>;
    return Promise.resolve({ readStore, position: asAt, failures: [] });
  };
  return { build, built, closed };
}

const at = (n: number): Position => String(n) as Position;
const positionOf = ({ position }: ReadModelsAt<unknown>) => Promise.resolve(position);

describe('ReadModelsAtCache', () => {
  it('given read models built at a position, when asked again at it, then they are not built twice', async () => {
    const { build, built } = fakeBuilds();
    const cache = new ReadModelsAtCache(build, 2);

    await Promise.all([cache.use(at(5), positionOf), cache.use(at(5), positionOf)]);
    expect(await cache.use(at(5), positionOf)).toBe('5');

    expect(built).toEqual(['5']);
  });

  it('given a full cache, when another position is asked, then the least recently used is closed', async () => {
    const { build, built, closed } = fakeBuilds();
    const cache = new ReadModelsAtCache(build, 2);

    await cache.use(at(1), positionOf);
    await cache.use(at(2), positionOf);
    await cache.use(at(1), positionOf);
    await cache.use(at(3), positionOf);

    expect(closed).toEqual(['2']);
    await cache.use(at(1), positionOf);
    expect(built).toEqual(['1', '2', '3']);
  });

  it('given a query running on read models, when they are evicted, then they close only once the query ends', async () => {
    const { build, closed } = fakeBuilds();
    const cache = new ReadModelsAtCache(build, 1);
    let finish: () => void = () => undefined;
    const running = cache.use(at(1), () => new Promise<void>((resolve) => (finish = resolve)));
    await Promise.resolve();

    await cache.use(at(2), positionOf);
    expect(closed).toEqual([]);
    finish();
    await running;

    expect(closed).toEqual(['1']);
  });

  it('given a build that fails, when asked again, then it is built again', async () => {
    let attempts = 0;
    const cache = new ReadModelsAtCache<unknown>((asAt) => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('log unreadable')) : fakeBuilds().build(asAt);
    });

    await expect(cache.use(at(1), positionOf)).rejects.toThrow('log unreadable');
    expect(await cache.use(at(1), positionOf)).toBe('1');
  });

  it('given the cache is closed, when it is used, then every store is closed and the use refused', async () => {
    const { build, closed } = fakeBuilds();
    const cache = new ReadModelsAtCache(build);
    await cache.use(at(1), positionOf);
    await cache.use(undefined, positionOf);

    await cache.close();

    expect(closed).toEqual(['1', undefined]);
    await expect(cache.use(at(1), positionOf)).rejects.toThrow('closed');
  });

  it('given read models built under one generation mark, when the mark changes (a person forgotten), then they are built again', async () => {
    const { build, built } = fakeBuilds();
    let erased = 0;
    const cache = new ReadModelsAtCache(build, 4, () => Promise.resolve(erased));

    await cache.use(at(5), positionOf);
    await cache.use(at(5), positionOf);
    erased += 1;
    await cache.use(at(5), positionOf);

    expect(built).toEqual(['5', '5']);
  });
});
