import type { StartedTestContainer } from 'testcontainers';

/**
 * Where the EventStoreDB tests find a server: `EVENTSTORE_TEST_URL` (e.g.
 * `esdb://localhost:2113?tls=false`; it needs a MaxAppendSize of at least 8 MiB for the contract's
 * 10,000-event append), or else a throwaway container when a Docker engine answers. With neither,
 * the tests are reported as skipped, with the reason.
 */
export type EventStoreDbServer =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'docker' }
  | { readonly kind: 'none'; readonly reason: string };

const IMAGE = 'eventstore/eventstore:24.10';
const PORT = 2113;
const DOCKER_PROBE_MS = 5_000;
export const EVENTSTORE_STARTUP_MS = 180_000;

export async function findEventStoreDbServer(): Promise<EventStoreDbServer> {
  const url = process.env['EVENTSTORE_TEST_URL'];
  if (url !== undefined && url !== '') return { kind: 'url', url };
  const missing = await dockerMissing();
  return missing === undefined
    ? { kind: 'docker' }
    : { kind: 'none', reason: `no EVENTSTORE_TEST_URL and ${missing}` };
}

/** Why no Docker engine can be used, or undefined when one answers. Never waits longer than the probe. */
async function dockerMissing(): Promise<string | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no Docker engine answered within ${DOCKER_PROBE_MS / 1000} s`),
      DOCKER_PROBE_MS,
    );
  });
  const probe = getContainerRuntimeClient().then(
    () => undefined,
    () => 'no Docker engine',
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A single in-memory EventStoreDB node in a container; resolves with it and its connection string. */
export async function startEventStoreDbContainer(): Promise<{
  readonly container: StartedTestContainer;
  readonly connectionString: string;
}> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
      // The contract appends 10,000 events at once (about 5 MB with their metadata).
      EVENTSTORE_MAX_APPEND_SIZE: String(16 * 1024 * 1024),
    })
    .withExposedPorts(PORT)
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(EVENTSTORE_STARTUP_MS)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(PORT)}?tls=false`;
  return { container, connectionString };
}
