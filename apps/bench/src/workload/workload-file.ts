import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventMetadata } from '@ledger/event-store';
import { ledgerEvents, SeededRandom } from '@ledger/workload';

export const WORKLOAD_FORMAT = 'programme-ledger-workload/3';

/** The first line of a workload file: what it holds, so every system can check it read all of it. */
export interface WorkloadHeader {
  readonly format: typeof WORKLOAD_FORMAT;
  readonly scale: number;
  readonly seed: number;
  readonly events: number;
  /** Lines after the header: appends of at least `batchEvents` events each (the last may hold fewer). */
  readonly appends: number;
  readonly batchEvents: number;
  /** The generator's commands the appends were made of. */
  readonly commands: number;
  readonly streams: number;
  /** sha256 of the lines `stream\trevision\n`, sorted by stream: every stream's last revision. */
  readonly finalRevisionsChecksum: string;
}

export interface WorkloadEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
}

/** One stream's part of an append, with the revision the stream had before this write (0-based). */
export interface WorkloadWrite {
  readonly stream: string;
  readonly expectedRevision: number | 'no-stream';
  readonly events: readonly WorkloadEvent[];
}

/** One atomic append of consecutive whole commands, writes in order: every other line of the file. */
export interface WorkloadAppend {
  readonly writes: readonly WorkloadWrite[];
}

/**
 * sha256 hex of `stream\trevision\n` lines sorted by stream (JavaScript's default string order):
 * the one figure that says two stores hold the same streams at the same revisions.
 */
export function finalRevisionsChecksum(revisions: ReadonlyMap<string, number>): string {
  const hash = createHash('sha256');
  for (const stream of [...revisions.keys()].sort()) hash.update(`${stream}\t${revisions.get(stream)}\n`);
  return hash.digest('hex');
}

/** A random (version 4) UUID drawn from the seeded generator, so every run stores the same ids. */
export function seededUuid(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Events of at least this many consecutive commands go into one append (one line of the file). */
export const BATCH_EVENTS = 100;

type GeneratedWrite = ReturnType<typeof ledgerEvents>[number][number];

/**
 * Consecutive commands as one append of at least `size` events, their writes in command order. A
 * stream may come back within an append (the embedded store applies writes in order), so the log
 * order is exactly the generator's: every event still follows what it refers to.
 */
function* batches(
  appends: readonly (readonly GeneratedWrite[])[],
  size: number,
): Generator<GeneratedWrite[]> {
  let group: GeneratedWrite[] = [];
  let events = 0;
  for (const writes of appends) {
    group.push(...writes);
    events += writes.reduce((sum, write) => sum + write.events.length, 0);
    if (events >= size) {
      yield group;
      group = [];
      events = 0;
    }
  }
  if (group.length > 0) yield group;
}

/**
 * Writes the workload of `scale` events to `file` (through a temporary file, renamed when complete):
 * the ledger's deterministic generator (programmes, innovators, grants with payments and
 * corrections, introductions, partnerships, income), in appends of about BATCH_EVENTS events,
 * with exact expected revisions and seeded ids.
 */
export function writeWorkload(file: string, scale: number, seed: number): WorkloadHeader {
  mkdirSync(dirname(file), { recursive: true });
  const ids = new SeededRandom(seed ^ 0x5eed);
  const revisions = new Map<string, number>();
  const lines: string[] = [];
  let events = 0;
  const commands = ledgerEvents({ events: scale, seed });
  for (const writes of batches(commands, BATCH_EVENTS)) {
    const placed = writes.map(({ stream, events: list }) => {
      const before = revisions.get(stream);
      revisions.set(stream, (before ?? -1) + list.length);
      events += list.length;
      return {
        stream,
        expectedRevision: before ?? 'no-stream',
        events: list.map((event) => ({
          eventId: seededUuid(ids),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
          occurredAt: event.occurredAt,
        })),
      };
    });
    lines.push(JSON.stringify({ writes: placed }));
  }
  const header: WorkloadHeader = {
    format: WORKLOAD_FORMAT,
    scale,
    seed,
    events,
    appends: lines.length,
    batchEvents: BATCH_EVENTS,
    commands: commands.length,
    streams: revisions.size,
    finalRevisionsChecksum: finalRevisionsChecksum(revisions),
  };
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, `${JSON.stringify(header)}\n`);
    for (let start = 0; start < lines.length; start += 100)
      writeSync(fd, `${lines.slice(start, start + 100).join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  return header;
}

/** The header of an existing workload file, or undefined when there is none or it is of another format. */
export function readWorkloadHeader(file: string): WorkloadHeader | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
    const header = JSON.parse(first) as WorkloadHeader;
    return header.format === WORKLOAD_FORMAT ? header : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The workload file for this scale and seed: reused when it exists with the same header, written otherwise. */
export function ensureWorkload(file: string, scale: number, seed: number): WorkloadHeader {
  const existing = readWorkloadHeader(file);
  if (existing?.scale === scale && existing.seed === seed && existing.batchEvents === BATCH_EVENTS)
    return existing;
  return writeWorkload(file, scale, seed);
}

/** Every append of the file, in order, parsed one line at a time (a 1e6 file does not fit in one string). */
export async function* readAppends(file: string): AsyncGenerator<WorkloadAppend> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line.length > 0) yield JSON.parse(line) as WorkloadAppend;
  }
}
