import Database from 'better-sqlite3';
import type { GateCheck } from './bench-results.js';
import { finalRevisionsChecksum } from './workload/workload-file.js';

/** Commands the ledger acknowledged during the bench: what the log must now hold besides the workload. */
export class Acknowledgements {
  readonly commandIds = new Set<string>();
  private readonly counts = new Map<string, number>();

  record(commandId: string, stream: string): void {
    if (this.commandIds.has(commandId)) throw new Error(`command ${commandId} was acknowledged twice`);
    this.commandIds.add(commandId);
    this.counts.set(stream, (this.counts.get(stream) ?? 0) + 1);
  }

  get total(): number {
    return this.commandIds.size;
  }

  /** The workload's last revision of each stream, moved on by one per acknowledged command. */
  revisionsAfter(workload: ReadonlyMap<string, number>): Map<string, number> {
    const revisions = new Map(workload);
    for (const [stream, count] of this.counts) revisions.set(stream, (revisions.get(stream) ?? -1) + count);
    return revisions;
  }
}

/** Seals the api appends to its own stream (a report GET may make one) are the ledger's, not the workload's. */
const OWN_STREAMS = "stream NOT LIKE 'seal-%'";

/**
 * Reads the event log file directly (raw SQL, none of the store's code) and checks it holds exactly
 * the workload's events and one event per acknowledged command: the count, and every stream's last
 * revision as one checksum.
 */
export function checkEventLog(
  file: string,
  gate: string,
  expectedEvents: number,
  expectedRevisions: ReadonlyMap<string, number>,
): GateCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { events } = db.prepare(`SELECT count(*) AS events FROM events WHERE ${OWN_STREAMS}`).get() as {
      events: number;
    };
    const rows = db.prepare(`SELECT stream, revision FROM streams WHERE ${OWN_STREAMS}`).all() as {
      stream: string;
      revision: number;
    }[];
    const found = new Map(rows.map((row) => [row.stream, row.revision]));
    const expected = `${expectedEvents} events, ${expectedRevisions.size} streams, revisions ${finalRevisionsChecksum(expectedRevisions).slice(0, 12)}`;
    const actual = `${events} events, ${found.size} streams, revisions ${finalRevisionsChecksum(found).slice(0, 12)}`;
    const problems: string[] = [];
    if (events !== expectedEvents) problems.push(`${events} events stored, ${expectedEvents} expected`);
    for (const [stream, revision] of expectedRevisions) {
      if (problems.length >= 10) break;
      const at = found.get(stream);
      if (at !== revision) problems.push(`${stream} at revision ${at ?? 'none'}, ${revision} expected`);
    }
    if (found.size !== expectedRevisions.size)
      problems.push(`${found.size} streams stored, ${expectedRevisions.size} expected`);
    return { gate, ok: problems.length === 0, expected, actual, problems };
  } finally {
    db.close();
  }
}
