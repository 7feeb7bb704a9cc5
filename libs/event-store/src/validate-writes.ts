import type { StreamWrite } from './port.js';

/**
 * Refuses malformed appends before anything is read, queued or written: they are programming
 * errors, not conflicts. Every adapter checks the same shape. The embedded store takes a stream
 * named more than once (its writes apply in order: an importer's batch of whole commands); the
 * EventStoreDB adapter, which writes each stream of a command once, refuses it.
 */
export function validateWrites(
  writes: readonly StreamWrite[],
  options: { readonly repeatedStreams: boolean } = { repeatedStreams: false },
): void {
  if (writes.length === 0) throw new Error('An append needs at least one stream write');
  const seen = new Set<string>();
  for (const { stream, expectedRevision, events } of writes) {
    if (stream.length === 0) throw new Error('A stream name cannot be empty');
    if (seen.has(stream) && !options.repeatedStreams)
      throw new Error(`Stream ${stream} appears twice in one append`);
    seen.add(stream);
    if (events.length === 0) throw new Error(`The write to stream ${stream} has no events`);
    if (
      typeof expectedRevision === 'number' &&
      !(Number.isInteger(expectedRevision) && expectedRevision >= -1)
    ) {
      throw new Error(`Expected revision ${expectedRevision} of stream ${stream} is not a revision`);
    }
  }
}
