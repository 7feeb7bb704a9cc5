import { performance } from 'node:perf_hooks';
import type { EventStore } from '@ledger/event-store';
import { DEFAULT_PAGE_SIZE, logPages } from '../read-log.js';
import { expectedSeals, sealNumbered } from './expected-seals.js';
import { VerifyPass } from './verify-pass.js';
import { SealNotFoundError, type VerifyOptions, type VerifyResult } from './verify-result.js';

/**
 * Verifies the ledger as stored (give it the raw store, `openRawEventStore`: no upcasting, no
 * decryption) in one pass over the log in position order:
 *
 * - each event's hash is recomputed from its content and the stored hash of the event before it in
 *   its stream (`altered` when they differ);
 * - each stream's revisions run 0, 1, 2, ... in position order (`missing` for a gap, `reordered`
 *   for one out of order, `inserted` for a repeat), and positions only grow;
 * - at each seal's position the stream heads' Merkle root, the log digest and the counts are
 *   recomputed and compared (`seal-mismatch`, naming the streams whose head differs); seal numbers
 *   follow the seal stream's revisions and each seal event is checked in that stream's chain.
 *
 * Events after the last seal are checked by their chains only (`unsealedEvents`). The first failure
 * is the earliest in the log; the pass goes on, so every failure is listed.
 *
 * @throws SealNotFoundError when `fromSeal` or `untilSeal` names a seal the ledger lacks.
 * @example
 * const result = await verifyLedger(openRawEventStore(config));
 * result.ok; // false
 * result.failures[0]; // { kind: 'altered', stream: 'grant-g1', revision: 3, position: '1041', ... }
 */
export async function verifyLedger(store: EventStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seals = await expectedSeals(store);
  for (const sealNumber of [options.fromSeal, options.untilSeal]) {
    if (sealNumber !== undefined && sealNumbered(seals, sealNumber) === undefined) {
      throw new SealNotFoundError(sealNumber, seals.length);
    }
  }
  const pass = new VerifyPass(store, seals, options);
  read: for await (const page of logPages(store, undefined, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
    for (const event of page) {
      if (!pass.take(event)) break read;
    }
    const last = page.at(-1);
    if (last) options.onProgress?.({ eventsChecked: pass.eventsChecked, position: last.globalPosition });
  }
  return pass.result(now() - started);
}
