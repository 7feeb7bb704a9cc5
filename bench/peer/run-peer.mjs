#!/usr/bin/env node
// Peer side of the Programme Ledger benchmark.
//
// Runs the benchmark workload on @event-driven-io/emmett-sqlite (the SQLite event store of
// Emmett, over the `sqlite3` driver) and prints ONE JSON object as the last line of stdout.
// Progress goes to stderr.
//
//   node bench/peer/run-peer.mjs --workload FILE --commands FILE --db FILE
//        [--batch 100] [--in-flight 1,8,64] [--command-seconds 5] [--max-commands N]
//        [--read-page 1000]
//
// The peer's packages are installed by the bench only: `npm ci --prefix bench/peer`.
//
// Everything below uses the public API of emmett 0.38.5 / emmett-sqlite 0.38.5 as found in
// their installed dist/*.d.ts and dist/*.js. Facts about that code that shape the measurements
// (each one is also reported in the `notes` array of the output):
//
// - Stream versions are 1-based bigints: the first event of a stream has streamPosition 1n and a
//   stream that does not exist has version 0n. Our revisions are 0-based, so
//   emmett version = revision + 1, and "no-stream" = 0n.
// - Only an explicit bigint is really checked. STREAM_DOES_NOT_EXIST / STREAM_EXISTS /
//   NO_CONCURRENCY_CHECK all become "no check" in emmett-sqlite's appendToStream, whereas 0n
//   makes it INSERT the stream row, which fails on the primary key if the stream exists.
//   So "no-stream" is passed as 0n.
// - `getSQLiteEventStore({ fileName })` opens a new sqlite3 connection for every operation
//   (readStream, aggregateStream, appendToStream) and closes it afterwards. Each connection
//   runs `PRAGMA journal_mode = WAL` and nothing else; `synchronous` stays at the compiled
//   default, which the script reads back with PRAGMA queries.
// - One store instance must not be used by concurrent callers on a file database: they share
//   one connection that the first finished operation closes under the others (SQLITE_MISUSE),
//   and they share its transaction nesting counter. The command path therefore gives each
//   in-flight worker its own store instance, which is the only way concurrent use works in this
//   version.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  CommandHandler,
  CommandHandlerStreamVersionConflictRetryOptions,
  isExpectedVersionConflictError,
} from '@event-driven-io/emmett';
import { getSQLiteEventStore, readMessagesBatch, sqliteConnection } from '@event-driven-io/emmett-sqlite';

// emmett-sqlite logs caught errors with console.log (e.g. inside withTransaction). Send all of
// that to stderr so stdout carries nothing but the final JSON line.
console.log = console.error;
const progress = (message) => process.stderr.write(`[peer] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    workload: { type: 'string' },
    commands: { type: 'string' },
    db: { type: 'string' },
    batch: { type: 'string', default: '100' },
    'in-flight': { type: 'string', default: '1,8,64' },
    'command-seconds': { type: 'string', default: '5' },
    'max-commands': { type: 'string' },
    'read-page': { type: 'string', default: '1000' },
    'max-events': { type: 'string' },
  },
  strict: true,
});

for (const required of ['workload', 'commands', 'db']) {
  if (!args[required]) {
    process.stderr.write(
      'usage: node bench/peer/run-peer.mjs --workload FILE --commands FILE --db FILE ' +
        '[--batch 100] [--in-flight 1,8,64] [--command-seconds 5] [--max-commands N] [--read-page 1000] [--max-events N]\n',
    );
    process.exit(2);
  }
}

const positiveInt = (name, text) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
};

const options = {
  workload: resolve(args.workload),
  commands: resolve(args.commands),
  db: resolve(args.db),
  batch: positiveInt('batch', args.batch),
  inFlight: args['in-flight'].split(',').map((n) => positiveInt('in-flight', n.trim())),
  commandSeconds: Number(args['command-seconds']),
  maxCommands: args['max-commands'] ? positiveInt('max-commands', args['max-commands']) : Infinity,
  readPage: positiveInt('read-page', args['read-page']),
  // Only the workload's first lines up to this many events: the peer appends about 100 events/s,
  // so a 1e6 workload would take it hours. The bench passes 10,000 above the 1e4 scale.
  maxEvents: args['max-events'] ? positiveInt('max-events', args['max-events']) : Infinity,
};
if (!(options.commandSeconds > 0)) throw new Error('--command-seconds must be a positive number');

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const now = () => performance.now();
const seconds = (startMs) => (now() - startMs) / 1000;
const round = (x, digits = 3) => Number(x.toFixed(digits));
const rate = (count, secs) => (secs > 0 ? round(count / secs, 1) : null);

/** Nearest-rank percentile of an ascending-sorted array of milliseconds. */
const percentile = (sorted, p) =>
  sorted.length === 0 ? null : round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)], 3);

/** The parsed lines of a JSON-lines file, read in chunks (a 1e6 workload is larger than a string can be). */
function* jsonLines(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(8 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNumber = 0;
  const parse = (line) => {
    lineNumber++;
    try {
      return JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${lineNumber}: not JSON (${error.message})`);
    }
  };
  try {
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') yield parse(line);
    }
    rest += decoder.end();
    if (rest.trim() !== '') yield parse(rest);
  } finally {
    closeSync(fd);
  }
}
const readJsonLines = (file) => [...jsonLines(file)];

/** Version of an installed package, read from its package.json next to this script. */
const installedVersion = (name) => {
  try {
    const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

/** Our 0-based revision (or "no-stream") -> emmett's 1-based bigint stream version. */
const toEmmettVersion = (expectedRevision) =>
  expectedRevision === 'no-stream' ? 0n : BigInt(expectedRevision) + 1n;

/**
 * A workload event -> an emmett event. emmett events are { type, data, metadata }; the event id
 * becomes metadata.messageId, which emmett-sqlite stores as the message_id column (it only
 * generates a uuid when the metadata has none). schemaVersion and occurredAt have no column in
 * emmett-sqlite, so they travel in the metadata JSON.
 */
const toEmmettEvent = (event) => ({
  type: event.type,
  data: event.data,
  metadata: {
    ...event.metadata,
    messageId: event.eventId,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
  },
});

/** sha256 over `${stream}\t${revision}\n`, streams sorted with the JS default sort. */
const revisionsChecksum = (revisions) =>
  createHash('sha256')
    .update(
      [...revisions.keys()]
        .sort()
        .map((stream) => `${stream}\t${revisions.get(stream)}\n`)
        .join(''),
    )
    .digest('hex');

/** Runs `fn` with a fresh emmett-sqlite connection and closes it afterwards. */
const withConnection = async (fn) => {
  const connection = sqliteConnection({ fileName: options.db });
  try {
    return await fn(connection);
  } finally {
    connection.close();
  }
};

/**
 * What the peer's store holds: event count, per-stream final revision (0-based, from the
 * messages table) and whether emmett's own streams table agrees with the messages table.
 */
const inspectStore = () =>
  withConnection(async (connection) => {
    const [{ events }] = await connection.query('SELECT COUNT(*) AS events FROM emt_messages');
    const rows = await connection.query(
      `SELECT m.stream_id AS stream, MAX(m.stream_position) AS last, COUNT(*) AS n,
              (SELECT s.stream_position FROM emt_streams s WHERE s.stream_id = m.stream_id) AS streamRow
         FROM emt_messages m GROUP BY m.stream_id`,
    );
    const revisions = new Map(rows.map((row) => [row.stream, Number(row.last) - 1]));
    return {
      events: Number(events),
      streams: rows.length,
      revisions,
      gaps: rows.filter((row) => Number(row.n) !== Number(row.last)).length,
      streamsTableMismatches: rows.filter((row) => Number(row.streamRow) !== Number(row.last)).length,
    };
  });

// ---------------------------------------------------------------------------------------------
// Load the inputs into memory (not timed)
// ---------------------------------------------------------------------------------------------

const notes = [];
const problems = [];

progress(`reading ${options.workload}`);
// Format /3: each line is one append of about 100 events, whole commands with their writes in
// order (a stream may come back within a line); /1 and /2 lines have the same shape.
const lineReader = jsonLines(options.workload);
const header = lineReader.next().value;
if (!/^programme-ledger-workload\/[123]$/.test(header?.format ?? '')) {
  throw new Error(
    `${options.workload}: expected a programme-ledger-workload/1, /2 or /3 header, got ${header?.format}`,
  );
}
// The lines appended (all, or the first up to --max-events), and what the store must hold after them.
const workloadLines = [];
const expectedRevisions = new Map();
let linesEvents = 0;
for (const line of lineReader) {
  if (linesEvents >= options.maxEvents) break;
  workloadLines.push(line);
  for (const write of line.writes) {
    const before = write.expectedRevision === 'no-stream' ? -1 : write.expectedRevision;
    expectedRevisions.set(write.stream, before + write.events.length);
    linesEvents += write.events.length;
  }
}
const complete = linesEvents === header.events;
const expected = {
  events: linesEvents,
  streams: expectedRevisions.size,
  checksum: revisionsChecksum(expectedRevisions),
};
if (complete && expected.checksum !== header.finalRevisionsChecksum) {
  problems.push(
    `the workload's lines end at revisions ${expected.checksum}, its header says ${header.finalRevisionsChecksum}`,
  );
}
if (!complete) {
  notes.push(
    `Only the workload's first ${linesEvents} of ${header.events} events were appended (--max-events ${options.maxEvents}); ` +
      'read all, catch-up and the command path run on them, and the gates check those lines.',
  );
}
progress(`reading ${options.commands}`);
const commands = readJsonLines(options.commands);

// Group consecutive workload lines until a group holds >= --batch events, then turn each group
// into one append per stream (in order of first appearance in the group) carrying all of that
// stream's events of the group and the version the stream had before the group.
const batches = [];
{
  let group = new Map(); // stream -> { expectedVersion, events, nextRevision }
  let groupEvents = 0;
  const flush = () => {
    if (group.size === 0) return;
    batches.push(
      [...group].map(([stream, { expectedVersion, events }]) => ({ stream, expectedVersion, events })),
    );
    group = new Map();
    groupEvents = 0;
  };
  for (const [i, line] of workloadLines.entries()) {
    for (const write of line.writes) {
      const pending = group.get(write.stream);
      if (pending && pending.nextRevision !== write.expectedRevision) {
        // The workload itself is inconsistent; report it rather than silently appending.
        problems.push(
          `workload line ${i + 2}: ${write.stream} expects revision ${write.expectedRevision}, ` +
            `previous writes in the batch end at ${pending.nextRevision}`,
        );
      }
      const entry = pending ?? {
        expectedVersion: toEmmettVersion(write.expectedRevision),
        events: [],
        nextRevision: null,
      };
      const base = pending
        ? pending.nextRevision
        : write.expectedRevision === 'no-stream'
          ? -1
          : write.expectedRevision;
      entry.events.push(...write.events.map(toEmmettEvent));
      entry.nextRevision = base + write.events.length;
      group.set(write.stream, entry);
      groupEvents += write.events.length;
    }
    if (groupEvents >= options.batch) flush();
  }
  flush();
}
const workloadEvents = batches.flat().reduce((sum, append) => sum + append.events.length, 0);
if (workloadEvents !== expected.events) {
  problems.push(`workload batches hold ${workloadEvents} events, the lines ${expected.events}`);
}

// ---------------------------------------------------------------------------------------------
// Fresh database
// ---------------------------------------------------------------------------------------------

mkdirSync(dirname(options.db), { recursive: true });
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(options.db + suffix, { force: true });

// ---------------------------------------------------------------------------------------------
// Measure 3: batched append
// ---------------------------------------------------------------------------------------------

// One store instance, used sequentially: it opens, uses and closes a connection per append (its
// default behaviour), and creates the schema on first use (CREATE TABLE IF NOT EXISTS).
const store = getSQLiteEventStore({ fileName: options.db });

// Create the schema before the clock starts (a read on a fresh store migrates it), so the timed
// part is only appends.
await store.readStream('bench-warm-up-no-such-stream');

progress(`batched append: ${workloadEvents} events in ${batches.length} batches of >= ${options.batch}`);

// emmett-sqlite 0.38.5 sometimes fails a COMMIT with "SQLITE_BUSY: cannot commit transaction - SQL
// statements in progress": querySingle() (db.get) resolves before node-sqlite3 has finalized its
// INSERT/UPDATE ... RETURNING statement, so the COMMIT can race it. The transaction is rolled
// back, so the append is retried (up to 3 times) with the same expected version, as an
// application would have to; the retries are counted. Any other failure is a gate problem.
let appendCalls = 0;
let busyRetries = 0;
let failedAppends = 0;
const appendWithRetry = async (stream, events, expectedVersion) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.appendToStream(stream, events, { expectedStreamVersion: expectedVersion });
    } catch (error) {
      if (error?.code !== 'SQLITE_BUSY' || attempt >= 3) throw error;
      busyRetries++;
    }
  }
};

const appendStart = now();
for (const batch of batches) {
  // appendToStream takes one stream; a batch touching several streams is appended stream by
  // stream, each call its own transaction (see notes).
  for (const { stream, expectedVersion, events } of batch) {
    appendCalls++;
    try {
      const result = await appendWithRetry(stream, events, expectedVersion);
      const expectedNext = expectedVersion + BigInt(events.length);
      if (result.nextExpectedStreamVersion !== expectedNext) {
        problems.push(
          `${stream}: append returned version ${result.nextExpectedStreamVersion}, expected ${expectedNext}`,
        );
      }
    } catch (error) {
      failedAppends++;
      if (failedAppends <= 20)
        problems.push(`${stream}: append failed: ${error?.code ?? ''} ${error?.message}`);
    }
  }
}
const appendSeconds = seconds(appendStart);
const batchedAppend = {
  events: workloadEvents,
  appends: appendCalls,
  batches: batches.length,
  busyRetries,
  failedAppends,
  seconds: round(appendSeconds),
  eventsPerSecond: rate(workloadEvents, appendSeconds),
};
progress(`batched append: ${JSON.stringify(batchedAppend)}`);
notes.push(
  'batchedAppend: emmett-sqlite appendToStream writes one stream per call (one BEGIN IMMEDIATE ... COMMIT ' +
    'transaction each). A batch that touches several streams is appended stream by stream in sequence, so it is ' +
    'not atomic across streams; `appends` counts these calls, `batches` the groups of >= --batch events.',
  'Expected versions are really checked: our 0-based revision r is passed as BigInt(r + 1) and "no-stream" as 0n ' +
    '(emmett-sqlite turns STREAM_DOES_NOT_EXIST into "no check", but 0n into an INSERT that fails if the stream exists).',
  'batchedAppend: `busyRetries` counts appends retried after emmett-sqlite failed their COMMIT with ' +
    '"SQLITE_BUSY: cannot commit transaction - SQL statements in progress" (a race between its db.get() of an ' +
    '... RETURNING statement and the COMMIT; the transaction is rolled back, the retry uses the same expected version ' +
    'and its time is included). `failedAppends` counts appends that still failed (each one is a gate problem).',
  'Event ids are kept: eventId is passed as metadata.messageId, which emmett-sqlite stores as message_id. ' +
    'schemaVersion and occurredAt travel in the metadata JSON (no columns for them).',
);

// ---------------------------------------------------------------------------------------------
// Durability settings the peer runs with
// ---------------------------------------------------------------------------------------------

// Read back on a connection opened by emmett-sqlite's own sqliteConnection(), i.e. exactly as
// the store opens its connections. journal_mode is persistent in the file (WAL by now);
// synchronous and busy_timeout are per-connection defaults that emmett-sqlite does not change.
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const pragmas = await withConnection(async (connection) => {
  const [{ v: sqliteVersion }] = await connection.query('SELECT sqlite_version() AS v');
  const [{ journal_mode: journalMode }] = await connection.query('PRAGMA journal_mode');
  const [{ synchronous }] = await connection.query('PRAGMA synchronous');
  const [{ timeout: busyTimeoutMs }] = await connection.query('PRAGMA busy_timeout');
  const [{ wal_autocheckpoint: walAutocheckpoint }] = await connection.query('PRAGMA wal_autocheckpoint');
  return {
    sqliteVersion,
    journalMode: String(journalMode).toUpperCase(),
    synchronous: `${SYNCHRONOUS[synchronous] ?? synchronous} (${synchronous})`,
    busyTimeoutMs,
    walAutocheckpoint,
  };
});
progress(`pragmas: ${JSON.stringify(pragmas)}`);
notes.push(
  `Durability: the peer runs journal_mode=${pragmas.journalMode}, synchronous=${pragmas.synchronous} ` +
    '(emmett-sqlite only sets journal_mode=WAL; synchronous is the default of the SQLite 3.44.2 bundled in sqlite3 5.1.7, ' +
    'which is FULL, so it syncs the WAL on every commit like our ledger). Not changed by the bench.',
  'Connections: the store opens and closes a sqlite3 connection per operation. When it is the only connection, ' +
    "closing it checkpoints the WAL into the database file and deletes the WAL (SQLite's last-connection rule), so " +
    'sequential appends pay a checkpoint each. That is the default behaviour and is left as is.',
);

// ---------------------------------------------------------------------------------------------
// Gates on the workload alone (before the command path)
// ---------------------------------------------------------------------------------------------

const afterWorkload = await inspectStore();
const workloadChecksum = revisionsChecksum(afterWorkload.revisions);
if (afterWorkload.events !== expected.events) {
  problems.push(`store holds ${afterWorkload.events} events after the workload, ${expected.events} expected`);
}
if (afterWorkload.streams !== expected.streams) {
  problems.push(
    `store holds ${afterWorkload.streams} streams after the workload, ${expected.streams} expected`,
  );
}
if (workloadChecksum !== expected.checksum) {
  problems.push(
    `finalRevisionsChecksum ${workloadChecksum} differs from the workload's ${expected.checksum}`,
  );
}
if (afterWorkload.gaps > 0) problems.push(`${afterWorkload.gaps} streams have gaps in their positions`);
if (afterWorkload.streamsTableMismatches > 0) {
  problems.push(
    `${afterWorkload.streamsTableMismatches} streams: emt_streams position differs from emt_messages`,
  );
}

// ---------------------------------------------------------------------------------------------
// Measure 4a: read all (the global log, in order, in pages)
// ---------------------------------------------------------------------------------------------

// emmett's EventStore interface has no "read all"; emmett-sqlite exports readMessagesBatch, the
// global-position read its consumers use. Each page is read and every event parsed (the
// function JSON-parses data and metadata itself; we touch them to be sure).
progress(`read all: pages of ${options.readPage}`);
const readAll = await withConnection(async (connection) => {
  await connection.query('SELECT 1'); // connection open before the clock starts
  let events = 0;
  let after = 0n;
  let lastPosition = 0n;
  let outOfOrder = 0;
  let typeChars = 0;
  const start = now();
  for (;;) {
    const page = await readMessagesBatch(connection, { after, batchSize: options.readPage });
    for (const message of page.messages) {
      if (message.metadata.globalPosition <= lastPosition) outOfOrder++;
      lastPosition = message.metadata.globalPosition;
      typeChars += message.type.length + (message.data ? 1 : 0);
      events++;
    }
    after = page.currentGlobalPosition;
    if (!page.areEventsLeft || page.messages.length === 0) break;
  }
  const secs = seconds(start);
  if (outOfOrder > 0) problems.push(`read all: ${outOfOrder} events out of global order`);
  if (typeChars === 0 && events > 0) problems.push('read all: events came back empty');
  return { events, pageSize: options.readPage, seconds: round(secs), eventsPerSecond: rate(events, secs) };
});
if (readAll.events !== expected.events)
  problems.push(`read all delivered ${readAll.events} events, ${expected.events} expected`);
progress(`read all: ${JSON.stringify(readAll)}`);
notes.push(
  'readAll: emmett EventStore has no read-all; uses emmett-sqlite readMessagesBatch({ after, batchSize }) over the ' +
    'global position, page by page, on one connection (pageSize in the result).',
);

// ---------------------------------------------------------------------------------------------
// Measure 4b: catch-up subscription (the store's consumer + a processor from the beginning)
// ---------------------------------------------------------------------------------------------

/**
 * Runs emmett-sqlite's own consumer with one generic processor from BEGINNING until it has
 * delivered `expected` events. `pulling` is passed through to the consumer (undefined = the
 * peer's defaults: batches of 100, 50 ms between batches, 100 ms before the second one).
 */
const catchUpRun = async (processorId, expected, pulling) => {
  const consumer = store.consumer(pulling ? { pulling } : undefined);
  let delivered = 0;
  consumer.processor({
    processorId,
    startFrom: 'BEGINNING',
    eachMessage: (message) => {
      if (message.type) delivered++;
    },
    // Called after each message; stops the processor (and so the consumer) at the head.
    stopAfter: () => delivered >= expected,
  });
  const timeoutMs = Math.max(120_000, expected * 5);
  let timer;
  const start = now();
  const finished = await Promise.race([
    consumer.start().then(() => true),
    new Promise((resolveTimeout) => (timer = setTimeout(() => resolveTimeout(false), timeoutMs))),
  ]);
  const secs = seconds(start);
  clearTimeout(timer);
  if (!finished) problems.push(`catch-up ${processorId}: not at the head after ${timeoutMs / 1000} s`);
  await consumer.close(); // sleeps 250 ms by design; not timed
  return { events: delivered, seconds: round(secs), eventsPerSecond: rate(delivered, secs) };
};

progress('catch-up: consumer with default pulling options');
const catchUp = await catchUpRun('bench-catch-up', expected.events, undefined);
if (catchUp.events !== expected.events)
  problems.push(`catch-up delivered ${catchUp.events} events, ${expected.events} expected`);
progress(`catch-up: ${JSON.stringify(catchUp)}`);

// The default consumer sleeps 50 ms between batches of 100 even when it is behind, which caps it
// near 2,000 events/s whatever the store can do. A second processor (own checkpoint, so it
// starts from the beginning too) runs with no pause, to show the mechanism's own throughput.
progress('catch-up: consumer with pullingFrequencyInMs 0');
const catchUpNoPollDelay = {
  ...(await catchUpRun('bench-catch-up-no-delay', expected.events, {
    batchSize: 100,
    pullingFrequencyInMs: 0,
  })),
  pulling: { batchSize: 100, pullingFrequencyInMs: 0 },
};
progress(`catch-up (no poll delay): ${JSON.stringify(catchUpNoPollDelay)}`);
notes.push(
  "catchUp: emmett-sqlite's own mechanism, store.consumer() with one generic processor (startFrom BEGINNING, " +
    'eachMessage counts, stopAfter at the head), default pulling options (batchSize 100, pullingFrequencyInMs 50; the ' +
    'puller sleeps 100 ms after the first batch and 50 ms after each later one, even when behind). Each batch runs in ' +
    'a transaction that also UPDATEs the processor checkpoint once per message, committed per batch. ' +
    'catchUpNoPollDelay: same with pullingFrequencyInMs 0 (setTimeout 0 between batches) to separate the mechanism ' +
    'from its polling pause.',
);

// ---------------------------------------------------------------------------------------------
// Measure 1: command path (emmett CommandHandler over the SQLite store, N in flight)
// ---------------------------------------------------------------------------------------------

// Failed attempts, counted where emmett's retry decides whether to retry.
let conflictsSeen = 0;

// Emmett's command handling: aggregateStream (read + evolve), decide, appendToStream with the
// version read (a bigint for an existing stream). On a version conflict it retries 3 times
// (emmett's own retry policy for conflicts: 100 ms, x1.5 backoff); other errors are not retried.
const handleCommand = CommandHandler({
  initialState: () => ({ count: 0, lastType: null }),
  evolve: (state, event) => ({ count: state.count + 1, lastType: event.type }),
  retry: {
    onVersionConflict: {
      ...CommandHandlerStreamVersionConflictRetryOptions,
      retries: 3,
      shouldRetryError: (error) => {
        if (!isExpectedVersionConflictError(error)) return false;
        conflictsSeen++;
        return true;
      },
    },
  },
});

/** The decision of every command: record the one event it carries. */
const decide = (command) => () => ({
  type: command.type,
  data: command.data,
  metadata: { ...command.metadata, occurredAt: command.occurredAt },
});

const errorKind = (error) =>
  isExpectedVersionConflictError(error)
    ? 'ExpectedVersionConflict'
    : `${error?.code ?? error?.constructor?.name ?? 'Error'}: ${String(error?.message).slice(0, 80)}`;

let nextCommand = 0; // shared cursor: each level continues where the previous one stopped
const commandPath = [];
for (const inFlight of options.inFlight) {
  if (nextCommand >= commands.length) {
    notes.push(`commandPath: commands file exhausted before in-flight ${inFlight}`);
    break;
  }
  progress(`command path: ${inFlight} in flight from command #${nextCommand}`);
  // One store per worker (a shared store breaks under concurrency, see the header comment).
  const stores = Array.from({ length: inFlight }, () => getSQLiteEventStore({ fileName: options.db }));
  const latenciesMs = [];
  const errorKinds = {};
  let taken = 0;
  let failedCommands = 0;
  conflictsSeen = 0;

  const start = now();
  const deadline = start + options.commandSeconds * 1000;
  const worker = async (workerStore) => {
    while (now() < deadline && taken < options.maxCommands && nextCommand < commands.length) {
      const command = commands[nextCommand++];
      taken++;
      const commandStart = now();
      try {
        await handleCommand(workerStore, command.stream, decide(command));
        latenciesMs.push(now() - commandStart);
      } catch (error) {
        failedCommands++;
        const kind = errorKind(error);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(stores.map(worker));
  const secs = seconds(start);

  latenciesMs.sort((a, b) => a - b);
  const otherFailures = failedCommands - (errorKinds.ExpectedVersionConflict ?? 0);
  const level = {
    inFlight,
    commands: latenciesMs.length,
    attempted: taken,
    seconds: round(secs),
    eventsPerSecond: rate(latenciesMs.length, secs),
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    errors: conflictsSeen + otherFailures,
    conflicts: conflictsSeen,
    failedCommands,
    errorKinds,
  };
  commandPath.push(level);
  progress(`command path: ${JSON.stringify(level)}`);
}
notes.push(
  'commandPath: emmett CommandHandler({ initialState: {count, lastType}, evolve }) over getSQLiteEventStore: ' +
    'aggregateStream (read + evolve) then appendToStream of the one event with the version read. One store instance per ' +
    'in-flight worker; workers pull from one shared list; levels continue down the list. `commands` = commands that ' +
    'succeeded (eventsPerSecond = commands / seconds, p50Ms/p99Ms over them, including retry waits). Version conflicts ' +
    "are retried up to 3 times by emmett's own retry (CommandHandlerStreamVersionConflictRetryOptions: 100 ms, x1.5). " +
    '`errors` = every conflict seen (retried or final) + every command that failed otherwise; `failedCommands` = ' +
    'commands that never succeeded; `errorKinds` = their final errors.',
  'commandPath: for a stream that does not exist yet, CommandHandler passes STREAM_DOES_NOT_EXIST, which ' +
    'emmett-sqlite does not check (two concurrent first commands on one stream can both succeed).',
  'commandPath: emmett-sqlite 0.38.5 commits the UPDATE of emt_streams.stream_position even when the version check ' +
    'then fails (appendToStreamRaw returns success:false inside withTransaction, which commits). After one conflict ' +
    'the stream row is ahead of its messages and every later append with the version read from the messages fails, ' +
    'retries included. `streamsTableMismatchesAfterCommands` in gates counts streams left in that state.',
  'commandPath: in-flight > 1 runs into SQLITE_BUSY in this version, and not because of the harness. Each ' +
    'store operation opens a fresh connection whose `PRAGMA journal_mode = WAL` is issued without being awaited; the ' +
    "append's BEGIN IMMEDIATE then races it on that new connection, and concurrent writers stall each other until " +
    `busy_timeout=${pragmas.busyTimeoutMs} ms (node-sqlite3 default) expires. The BUSY is logged to stderr by emmett and ` +
    'the error thrown is the failed ROLLBACK that follows ("cannot rollback - no transaction is active"). Checked ' +
    'outside the bench: the same appends on connections that first run a read work; a larger UV_THREADPOOL_SIZE ' +
    `(node-sqlite3 runs on the libuv pool, here ${process.env.UV_THREADPOOL_SIZE ?? '4, the default'}) does not help ` +
    'the store path. Measured as the store behaves; not worked around.',
);

// ---------------------------------------------------------------------------------------------
// Gates, final counts, output
// ---------------------------------------------------------------------------------------------

const afterCommands = await inspectStore();
const result = {
  peer: {
    name: '@event-driven-io/emmett-sqlite',
    version: installedVersion('@event-driven-io/emmett-sqlite'),
    emmett: installedVersion('@event-driven-io/emmett'),
    driver: `sqlite3 ${installedVersion('sqlite3')}`,
    sqlite: pragmas.sqliteVersion,
    journalMode: pragmas.journalMode,
    synchronous: pragmas.synchronous,
    busyTimeoutMs: pragmas.busyTimeoutMs,
    walAutocheckpoint: pragmas.walAutocheckpoint,
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    node: process.version,
  },
  workload: {
    file: options.workload,
    format: header.format,
    scale: header.scale,
    seed: header.seed,
    events: header.events,
    appends: header.appends,
    streams: header.streams,
    appended: { events: expected.events, lines: workloadLines.length, complete },
  },
  batchedAppend,
  readAll,
  catchUp,
  catchUpNoPollDelay,
  commandPath,
  gates: {
    events: afterWorkload.events,
    streams: afterWorkload.streams,
    finalRevisionsChecksum: workloadChecksum,
    expectedChecksum: expected.checksum,
    ok: problems.length === 0,
    problems,
    eventsAfterCommands: afterCommands.events,
    streamsAfterCommands: afterCommands.streams,
    finalRevisionsChecksumAfterCommands: revisionsChecksum(afterCommands.revisions),
    streamsTableMismatchesAfterCommands: afterCommands.streamsTableMismatches,
  },
  notes,
};

process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
