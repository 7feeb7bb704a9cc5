import pg from 'pg';
import type { Lease, Leases } from '../leases.js';

export interface AdvisoryLeasesOptions {
  readonly connectionString: string;
  /** Leases are per read store: two ledgers in two schemas of one database never block each other. */
  readonly scope: string;
  /** How often a held lease checks its connection is alive: 5 s by default. */
  readonly heartbeatMs?: number;
}

/**
 * Leases as PostgreSQL session advisory locks, one connection per lease. The server releases the
 * lock the moment the holder's connection closes: a process that is killed, or that loses the
 * network, gives its leases up without anyone waiting for an expiry. A holder learns it lost its
 * lease when the connection errors or its heartbeat fails.
 *
 * @example
 * const leases = openAdvisoryLeases({ connectionString, scope: 'public' });
 * const lease = await leases.tryAcquire('grant-register');
 * if (lease) { run(); await lease.lost; stop(); }
 */
export function openAdvisoryLeases(options: AdvisoryLeasesOptions): Leases {
  const held = new Set<Lease>();
  return {
    tryAcquire: async (name) => {
      const lease = await acquire(options, name, () => held.delete(lease as Lease));
      if (lease !== undefined) held.add(lease);
      return lease;
    },
    close: async () => {
      await Promise.all([...held].map((lease) => lease.release()));
    },
  };
}

async function acquire(
  options: AdvisoryLeasesOptions,
  name: string,
  forget: () => void,
): Promise<Lease | undefined> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    application_name: `programme-ledger lease ${name}`.slice(0, 63),
  });
  let markLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  client.on('error', () => markLost());
  client.on('end', () => markLost());
  await client.connect();
  try {
    // Two 32-bit keys: the scope and the name, hashed by the server.
    const result = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1), hashtext($2)) as locked',
      [`programme-ledger:${options.scope}`, name],
    );
    if (result.rows[0]?.locked !== true) {
      await client.end();
      return undefined;
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  const heartbeat = setInterval(() => {
    client.query('select 1').catch(() => {
      markLost();
      void client.end().catch(() => undefined);
    });
  }, options.heartbeatMs ?? 5_000);
  heartbeat.unref();
  let releasing: Promise<void> | undefined;
  void lost.then(() => clearInterval(heartbeat));
  return {
    name,
    lost,
    release: () =>
      (releasing ??= (async () => {
        clearInterval(heartbeat);
        forget();
        // Closing the session releases its advisory locks.
        await client.end().catch(() => undefined);
        markLost();
      })()),
  };
}
