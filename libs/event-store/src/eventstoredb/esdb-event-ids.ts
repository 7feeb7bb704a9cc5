import { createHash, randomUUID } from 'node:crypto';

/** The ledger's own UUID namespace, so derived ids cannot collide with v5 ids made elsewhere. */
const NAMESPACE = Buffer.from('6f1c2d3e4a5b4c6d8e7f0a1b2c3d4e5f', 'hex');

/**
 * The id of the `index`-th event a command writes to `stream`: a UUID v5 (SHA-1, RFC 9562) of the
 * three. A retry of the same command writes the same ids, which is how the store (and the server's
 * own idempotency check) recognise events that already landed.
 */
export function deriveEventId(commandId: string, stream: string, index: number): string {
  const name = JSON.stringify([commandId, stream, index]);
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Ids for one stream's events: the caller's `eventId` wins; otherwise derived from the command id
 * when there is one, random when there is none (nothing would ever retry it, and a derived id
 * reused by an unrelated append could be taken by the server for a duplicate and dropped).
 */
export function eventIdsFor(
  events: readonly { readonly eventId?: string }[],
  stream: string,
  commandId: string | undefined,
): string[] {
  return events.map(
    (event, index) =>
      event.eventId ?? (commandId === undefined ? randomUUID() : deriveEventId(commandId, stream, index)),
  );
}
