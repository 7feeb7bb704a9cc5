/**
 * The soak's invariants, checked on the files with raw reads (better-sqlite3 and SQL, none of the
 * ledger's code), except the read models, which are compared with a rebuild from scratch.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '@ledger/config';
import {
  ALL_PROJECTIONS,
  bookkeepingTables,
  compareTable,
  LEDGER_TABLES,
  readCheckpoints,
  readTableNames,
  rebuildProjections,
} from '@ledger/projections';
import { idempotencyKeyOf } from '@ledger/ledger-application';
import { openEventStore } from '@ledger/stores';
import { type Acknowledged, Examples } from './soak-tally.js';

export interface Invariant {
  readonly name: string;
  /** What holds, in a sentence. */
  readonly title: string;
  readonly ok: boolean;
  /** The figures it was checked on (and, when it failed, how many problems). */
  readonly figures: string;
  readonly problems: number;
  /** The first problems found. */
  readonly examples: readonly string[];
}

export function invariant(name: string, title: string, figures: string, problems: Examples): Invariant {
  const ok = problems.count === 0;
  return {
    name,
    title,
    ok,
    figures: ok ? figures : `${figures}; ${problems.count} problem(s)`,
    problems: problems.count,
    examples: problems.examples,
  };
}

/** A row of the event log as stored. */
export interface LogRow {
  readonly position: number;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  /** The command it was written by (`metadata.commandId`). */
  readonly commandId: string | null;
}

/** The event log file read raw: every event, each stream's head, and the recorded command ids. */
export interface EventLog {
  readonly rows: readonly LogRow[];
  readonly streams: ReadonlyMap<string, number>;
  readonly commands: ReadonlySet<string>;
}

/** Events the ledger writes by itself, not for a command (the seals), told apart by their stream. */
const OWN_STREAM = /^seal-/;

export function readEventLog(file: string): EventLog {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT position, event_id AS eventId, stream, revision, type,
                json_extract(metadata, '$.commandId') AS commandId
         FROM events ORDER BY position`,
      )
      .all()
      .map((row) => {
        const { commandId } = row as LogRow;
        return { ...(row as LogRow), commandId: commandId === null ? null : idempotencyKeyOf(commandId) };
      });
    const streams = db.prepare('SELECT stream, revision FROM streams').all() as {
      stream: string;
      revision: number;
    }[];
    const commands = db.prepare('SELECT command_id AS id FROM commands').all() as { id: string }[];
    return {
      rows,
      streams: new Map(streams.map((s) => [s.stream, s.revision])),
      commands: new Set(commands.map((c) => idempotencyKeyOf(c.id))),
    };
  } finally {
    db.close();
  }
}

/**
 * (1) Every 2xx answer's events are in the log exactly once, where it was told: the last at its
 * `position`, all of them in the positions just before it (one atomic append), the highest revision
 * on its `stream` equal to its `revision`, each written by its command.
 */
export function checkAcknowledged(log: EventLog, acknowledged: Iterable<Acknowledged>): Invariant {
  const problems = new Examples();
  const byId = new Map<string, LogRow>();
  const copies = new Map<string, number>();
  for (const row of log.rows) {
    byId.set(row.eventId, row);
    copies.set(row.eventId, (copies.get(row.eventId) ?? 0) + 1);
  }
  const claimedBy = new Map<string, string>();
  let commands = 0;
  let events = 0;
  for (const { key, outcome } of acknowledged) {
    commands += 1;
    const { eventIds, stream, revision } = outcome;
    const position = Number(outcome.position);
    if (eventIds.length === 0) problems.add(`command ${key} was answered with no event ids`);
    let streamRevision = -1;
    for (const [i, eventId] of eventIds.entries()) {
      events += 1;
      const other = claimedBy.get(eventId);
      if (other !== undefined && other !== key)
        problems.add(`event ${eventId} was acknowledged to two commands: ${other} and ${key}`);
      claimedBy.set(eventId, key);
      const row = byId.get(eventId);
      const count = copies.get(eventId) ?? 0;
      if (row === undefined || count !== 1) {
        problems.add(`command ${key}: event ${eventId} is in the log ${count} times`);
        continue;
      }
      const told = position - (eventIds.length - 1) + i;
      if (row.position !== told)
        problems.add(
          `command ${key}: event ${eventId} is at position ${row.position}, the answer implies ${told}`,
        );
      if (row.commandId !== key)
        problems.add(`command ${key}: event ${eventId} was written by command ${String(row.commandId)}`);
      if (row.stream === stream) streamRevision = Math.max(streamRevision, row.revision);
    }
    if (eventIds.length > 0 && streamRevision !== revision)
      problems.add(
        `command ${key}: its events on ${stream} end at revision ${streamRevision}, the answer said ${revision}`,
      );
  }
  return invariant(
    'acknowledged',
    "Every 2xx response's events are in the log exactly once, at the position, stream and revision it was told",
    `${commands} acknowledged commands, ${events} events`,
    problems,
  );
}

/**
 * (2) The log holds the set-up's and the 2xx answers' events and nothing else (the two sets are
 * equal), the ledger's own seals apart; no refused command wrote an event or a command record.
 */
export function checkNothingElse(
  log: EventLog,
  acknowledged: ReadonlyMap<string, Acknowledged>,
  refusedKeys: ReadonlySet<string>,
): Invariant {
  const problems = new Examples();
  const acknowledgedEvents = new Set<string>();
  for (const { outcome } of acknowledged.values())
    for (const id of outcome.eventIds) acknowledgedEvents.add(id);
  let own = 0;
  let unacknowledged = 0;
  for (const row of log.rows) {
    if (row.commandId !== null && refusedKeys.has(row.commandId))
      problems.add(`refused command ${row.commandId} wrote ${row.type} at position ${row.position}`);
    if (acknowledgedEvents.has(row.eventId)) continue;
    if (OWN_STREAM.test(row.stream)) {
      own += 1;
      continue;
    }
    unacknowledged += 1;
    problems.add(
      `position ${row.position}: ${row.type} on ${row.stream} (command ${String(row.commandId)}) was never acknowledged`,
    );
  }
  const recordedRefused = [...refusedKeys].filter((key) => log.commands.has(key));
  for (const key of recordedRefused) problems.add(`refused command ${key} has a command record`);
  for (const key of log.commands)
    if (!acknowledged.has(key)) problems.add(`command record ${key} was never acknowledged`);
  for (const key of acknowledged.keys())
    if (!log.commands.has(key)) problems.add(`acknowledged command ${key} has no command record`);
  return invariant(
    'nothing-else',
    "The log holds the set-up's and the 2xx responses' events and nothing else; no refused command wrote anything",
    `${log.rows.length} events in the log = ${acknowledgedEvents.size} acknowledged` +
      `${own > 0 ? ` + ${own} seal events` : ''}; ${unacknowledged} unacknowledged; ` +
      `${refusedKeys.size} refused commands, ${recordedRefused.length} recorded; ` +
      `${log.commands.size} command records for ${acknowledged.size} acknowledged commands`,
    problems,
  );
}

/** (3) Positions are 1..N without a gap; each stream's revisions are 0..n without a gap, and its head says n. */
export function checkGapFree(log: EventLog): Invariant {
  const problems = new Examples();
  let expected = 1;
  for (const row of log.rows) {
    if (row.position !== expected) problems.add(`position ${row.position} follows ${expected - 1}`);
    expected = row.position + 1;
  }
  const next = new Map<string, number>();
  for (const row of log.rows) {
    const revision = next.get(row.stream) ?? 0;
    if (row.revision !== revision)
      problems.add(
        `${row.stream}: revision ${row.revision} at position ${row.position}, ${revision} expected`,
      );
    next.set(row.stream, row.revision + 1);
  }
  for (const [stream, after] of next) {
    const head = log.streams.get(stream);
    if (head !== after - 1)
      problems.add(`${stream}: head at revision ${String(head)}, its last event at ${after - 1}`);
  }
  for (const stream of log.streams.keys())
    if (!next.has(stream)) problems.add(`${stream}: a head with no event`);
  const last = log.rows.at(-1)?.position ?? 0;
  return invariant(
    'gap-free',
    "Global positions are 1..N without a gap; each stream's revisions are 0..n without a gap",
    `positions 1..${last} for ${log.rows.length} events; ${next.size} streams`,
    problems,
  );
}

/**
 * The budget serialisation, from the log: in position order, no programme ever has more committed
 * than its budget, and every award committed its amount on its programme in the same command.
 */
export function checkBudgets(file: string): Invariant {
  const problems = new Examples();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  type Row = { position: number; type: string; stream: string; data: string; commandId: string | null };
  const rows = db
    .prepare(
      `SELECT position, type, stream, data, json_extract(metadata, '$.commandId') AS commandId FROM events
       WHERE type IN ('ProgrammeLaunched', 'GrantBudgetRaised', 'GrantFundsCommitted', 'GrantFundsReleased', 'GrantAwarded')
       ORDER BY position`,
    )
    .all() as Row[];
  db.close();
  const programmes = new Map<string, { budget: number; committed: number; peak: number }>();
  const awards = new Map<string, { grantId: string; amount: number; programmeId: string }>();
  const commits = new Map<string, { grantId: string; amount: number; programmeId: string }>();
  let full = 0;
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const programmeId = String(data['programmeId']);
    if (row.type === 'GrantAwarded') {
      awards.set(String(row.commandId), {
        grantId: String(data['grantId']),
        amount: Number(data['amount']),
        programmeId,
      });
      continue;
    }
    if (row.type === 'ProgrammeLaunched') {
      programmes.set(programmeId, { budget: Number(data['grantBudget']), committed: 0, peak: 0 });
      continue;
    }
    const programme = programmes.get(programmeId);
    if (programme === undefined) {
      problems.add(`position ${row.position}: ${row.type} for programme ${programmeId}, never launched`);
      continue;
    }
    if (row.type === 'GrantBudgetRaised') programme.budget = Number(data['to']);
    if (row.type === 'GrantFundsReleased') programme.committed -= Number(data['amount']);
    if (row.type === 'GrantFundsCommitted') {
      programme.committed += Number(data['amount']);
      commits.set(String(row.commandId), {
        grantId: String(data['grantId']),
        amount: Number(data['amount']),
        programmeId,
      });
    }
    programme.peak = Math.max(programme.peak, programme.committed);
    if (programme.committed > programme.budget)
      problems.add(
        `position ${row.position}: programme ${programmeId} has ${programme.committed} pence committed of a ${programme.budget} budget`,
      );
  }
  for (const [commandId, award] of awards) {
    const commit = commits.get(commandId);
    if (
      commit?.grantId !== award.grantId ||
      commit.amount !== award.amount ||
      commit.programmeId !== award.programmeId
    )
      problems.add(
        `award ${award.grantId} (command ${commandId}) of ${award.amount}: committed ${JSON.stringify(commit)}`,
      );
  }
  for (const programme of programmes.values()) if (programme.budget - programme.peak < 500_000) full += 1;
  return invariant(
    'budgets',
    'No programme ever committed more than its budget; every award committed its amount in the same append',
    `${awards.size} awards on ${programmes.size} programmes, ${full} of them filled to within £5,000 of the budget`,
    problems,
  );
}

/** The embedded files the api keeps. */
export const LEDGER_FILES = ['events.sqlite', 'read.sqlite', 'auth.sqlite', 'keys.sqlite'] as const;

/** `PRAGMA integrity_check` of each file: 'ok' for each, or what it says. Opening recovers a WAL a crash left, as the api would. */
export function integrityOf(dataDir: string): Record<string, string> {
  return Object.fromEntries(
    LEDGER_FILES.map((name) => {
      const file = join(dataDir, name);
      if (!existsSync(file)) return [name, 'missing'];
      const db = new Database(file, { fileMustExist: true });
      try {
        const rows = db.pragma('integrity_check') as { integrity_check: string }[];
        return [name, rows.map((row) => row.integrity_check).join('; ')];
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)];
      } finally {
        db.close();
      }
    }),
  );
}

export function describeIntegrity(result: Record<string, string>): string {
  const bad = Object.entries(result).filter(([, says]) => says !== 'ok');
  return bad.length === 0 ? 'ok' : bad.map(([name, says]) => `${name}: ${says.slice(0, 300)}`).join('; ');
}

/** (5) `PRAGMA integrity_check` is ok on the four files at the end, and was after every kill. */
export function checkIntegrity(dataDir: string, afterKills: readonly string[]): Invariant {
  const problems = new Examples();
  const end = describeIntegrity(integrityOf(dataDir));
  if (end !== 'ok') problems.add(`at the end: ${end}`);
  afterKills.forEach((says, i) => {
    if (says !== 'ok') problems.add(`after kill ${i + 1}: ${says}`);
  });
  return invariant(
    'integrity',
    'PRAGMA integrity_check is ok on events.sqlite, read.sqlite, auth.sqlite and keys.sqlite',
    `${LEDGER_FILES.length} files at the end${afterKills.length > 0 ? ` and after each of ${afterKills.length} kills` : ''}`,
    problems,
  );
}

/**
 * (4) The api's read models, caught up, equal every projection rebuilt from scratch from the same
 * log into a fresh read store: every table row by row (the crash specs' comparison), no table left
 * out, and every checkpoint at the head.
 */
export async function checkReadModels(dataDir: string, scratchDir: string, head: number): Promise<Invariant> {
  const problems = new Examples();
  const live = join(dataDir, 'read.sqlite');
  const fresh = join(scratchDir, 'rebuilt-read.sqlite');
  const events = openEventStore(loadConfig({ LEDGER_DATA_DIR: dataDir }));
  const started = performance.now();
  const results = await rebuildProjections(
    events,
    fresh,
    ALL_PROJECTIONS,
    ALL_PROJECTIONS.map((projection) => projection.name),
  ).finally(() => events.close());
  const rebuildMs = Math.round(performance.now() - started);
  for (const result of results)
    if (result.status !== 'Success')
      problems.add(`rebuild of ${result.name}: ${result.status} ${result.error?.message ?? ''}`);

  const bookkeeping = new Set(await bookkeepingTables(join(scratchDir, 'bookkeeping.sqlite')));
  const compared = new Set(LEDGER_TABLES.map(([table]) => table));
  const [liveTables, freshTables] = [readTableNames(live), readTableNames(fresh)];
  if (liveTables.join() !== freshTables.join())
    problems.add(`tables differ: the api's [${liveTables.join(', ')}], rebuilt [${freshTables.join(', ')}]`);
  for (const table of liveTables)
    if (!compared.has(table) && !bookkeeping.has(table)) problems.add(`table ${table} is not compared`);

  let rows = 0;
  for (const table of LEDGER_TABLES) {
    const { rows: counts, differences } = compareTable(live, fresh, table);
    rows += counts[0];
    if (counts[0] !== counts[1])
      problems.add(`${table[0]}: ${counts[0]} rows in the api's, ${counts[1]} rebuilt`);
    for (const { index, crashed, fresh: rebuilt } of differences)
      problems.add(
        `${table[0]} row ${index}: the api's ${JSON.stringify(crashed)}, rebuilt ${JSON.stringify(rebuilt)}`,
      );
  }

  const rebuilt = new Map(readCheckpoints(fresh).map((c) => [c.name, c]));
  const checkpoints = readCheckpoints(live);
  for (const checkpoint of checkpoints) {
    const { name, position, events_applied, status, error_message } = checkpoint;
    if (status === 'failed' || error_message !== null)
      problems.add(`projection ${name} ${status}: ${String(error_message)}`);
    if (Number(position) !== head)
      problems.add(`projection ${name} is at position ${String(position)}, the head is ${head}`);
    const other = rebuilt.get(name);
    if (other?.position !== position || other.events_applied !== events_applied)
      problems.add(
        `projection ${name}: the api's checkpoint ${String(position)} (${events_applied} applied), rebuilt ${String(other?.position)} (${String(other?.events_applied)} applied)`,
      );
  }
  if (checkpoints.length !== ALL_PROJECTIONS.length)
    problems.add(`${checkpoints.length} checkpoints for ${ALL_PROJECTIONS.length} projections`);
  return invariant(
    'read-models',
    "The api's read models, caught up, equal a rebuild of every projection from scratch",
    `${LEDGER_TABLES.length} tables, ${rows} rows compared row by row; ${checkpoints.length} checkpoints at position ${head}; rebuild ${rebuildMs} ms`,
    problems,
  );
}
