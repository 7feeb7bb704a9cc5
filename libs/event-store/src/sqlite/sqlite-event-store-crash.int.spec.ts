import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '../port.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

// The writer runs from the build: a child process cannot load TypeScript on Node 20.
const WRITER = fileURLToPath(
  new URL('../../../../dist/libs/event-store/src/sqlite/testing/crash-writer.js', import.meta.url),
);
const RUN_BEFORE_KILL_MS = 1500;

interface Ack {
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
}

/** Starts the writer, lets it append for a while after its first acknowledgement, then SIGKILLs it. */
async function runWriterAndKill(file: string): Promise<Ack[]> {
  const child = spawn(process.execPath, [WRITER, file, '12'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const deadline = Date.now() + 10_000;
  while (!stdout.includes('\n') && child.exitCode === null && Date.now() < deadline) await sleep(20);
  await sleep(RUN_BEFORE_KILL_MS);
  child.kill('SIGKILL');
  const ending = await exited;
  if (ending !== 'SIGKILL')
    throw new Error(`The writer ended by itself (${ending}) before the kill:\n${stderr}`);
  return parseAcks(stdout);
}

/** Only complete lines count: the kill may cut the last one in half. */
function parseAcks(stdout: string): Ack[] {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.startsWith('ack '))
    .map((line) => {
      const [, eventId = '', stream = '', revision = ''] = line.split(' ');
      return { eventId, stream, revision: Number(revision) };
    });
}

async function readEverything(
  file: string,
): Promise<{ events: RecordedEvent[]; revisions: Map<string, number> }> {
  const store = openSqliteEventStore({ file });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0;) {
    events.push(...page);
    page = await store.readAll({ after: page.at(-1)?.globalPosition });
  }
  const revisions = new Map<string, number>();
  for (const stream of new Set(events.map((e) => e.stream))) {
    revisions.set(stream, (await store.readStream(stream, { maxCount: 0 })).revision);
  }
  await store.close();
  return { events, revisions };
}

function integrityCheck(file: string): unknown {
  const db = new Database(file);
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sqlite event store killed while appending', () => {
  let dir: string;
  let file: string;
  const acks: Ack[] = [];

  beforeAll(async () => {
    if (!existsSync(WRITER)) {
      throw new Error(
        `The crash test runs the compiled store in a child process and ${WRITER} is missing: run \`npm run build\` first.`,
      );
    }
    dir = await mkdtemp(join(tmpdir(), 'ledger-crash-'));
    file = join(dir, 'events.sqlite');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each([1, 2, 3])(
    'given a writer SIGKILLed mid-append (round %i on the same file), when reopening, then every acknowledged event is there once, gap-free and intact',
    async () => {
      const acknowledged = await runWriterAndKill(file);
      expect(acknowledged.length).toBeGreaterThan(0);
      acks.push(...acknowledged);
      const { events, revisions } = await readEverything(file);

      expect(events.map((e) => Number(e.globalPosition))).toEqual(events.map((_, i) => i + 1));
      const byId = new Map(events.map((e) => [e.eventId, e]));
      expect(byId.size).toBe(events.length);
      const missing = acks.filter((ack) => {
        const stored = byId.get(ack.eventId);
        return stored?.stream !== ack.stream || stored.streamRevision !== ack.revision;
      });
      expect(missing).toEqual([]);
      for (const [stream, revision] of revisions) {
        const own = events.filter((e) => e.stream === stream).map((e) => e.streamRevision);
        expect({ stream, revisions: own }).toEqual({ stream, revisions: own.map((_, i) => i) });
        expect(revision).toBe(own.length - 1);
      }
      expect(integrityCheck(file)).toBe('ok');
    },
    30_000,
  );
});
