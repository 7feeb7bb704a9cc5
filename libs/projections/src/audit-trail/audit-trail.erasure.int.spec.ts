import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type NewEvent, openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import { anyProjection } from '../registry.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { auditTrailProjection } from './audit-trail.projection.js';
import type { AuditTrailTables } from './audit-trail.tables.js';

const NAME = 'Ottoline Farquharson-Pym';
const EMAIL = 'ottoline.fp@example.org';
const WAIT_MS = 5000;
const quietLogger = { log: (): void => undefined, error: (): void => undefined };

function event(type: string, data: unknown): NewEvent {
  const commandId = randomUUID();
  return {
    type,
    data,
    schemaVersion: 1,
    occurredAt: '2019-03-01T09:30:00.000Z',
    metadata: {
      actor: { id: 'admin-1', role: 'admin' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      source: 'api',
    },
  };
}

// The embedded read store on disk: what a scrub leaves in the files is the point here.
describe('audit trail erasure on disk', () => {
  let dir: string;
  let readFile: string;
  let events: SqliteEventStore;
  let read: ReadStore<AuditTrailTables>;
  let runner: ProjectionRunner<AuditTrailTables>;

  /** Every byte of the read store's files now: the main file and its WAL. */
  const readStoreBytes = (): Buffer =>
    Buffer.concat([readFile, `${readFile}-wal`].filter(existsSync).map((file) => readFileSync(file)));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-erasure-'));
    readFile = join(dir, 'read.sqlite');
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openSqliteReadStore<AuditTrailTables>({ file: readFile });
    runner = new ProjectionRunner(events, read, [anyProjection(auditTrailProjection)], {
      logger: quietLogger,
    });
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a contact person projected into the audit trail, when their erasure is projected, then their name and email are in neither the read store file nor its WAL', async () => {
    const contactPerson = { personId: 'contact-p1', name: NAME, email: EMAIL };
    const partner = event('PartnerRegistered', {
      partnerId: 'p1',
      name: 'Bank',
      sector: 'business',
      contactPerson,
    });
    const registered = await events.appendToStream('partner-p1', 'no-stream', [partner]);
    expect(await runner.waitFor(registered.position, undefined, WAIT_MS)).toBe(true);
    expect(readStoreBytes().includes(Buffer.from(NAME))).toBe(true);

    const erasure = event('PersonalDataErased', {
      personId: 'contact-p1',
      erasedAt: '2019-03-01T09:30:00.000Z',
    });
    const erased = await events.appendToStream('person-contact-p1', 'no-stream', [erasure]);
    expect(await runner.waitFor(erased.position, undefined, WAIT_MS)).toBe(true);

    const row = await read.db
      .selectFrom('audit_events')
      .select('data')
      .where('type', '=', 'PartnerRegistered')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toMatchObject({ contactPerson: { personId: 'contact-p1', erased: true } });
    const bytes = readStoreBytes();
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(EMAIL))).toBe(false);
    expect(readFileSync(`${readFile}-wal`)).toHaveLength(0);
  });
});
