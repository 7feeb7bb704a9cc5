import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { verifyLedger } from '@ledger/audit';
import { eventHash, type RecordedEvent } from '@ledger/event-store';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import { ALL_PROJECTIONS } from '@ledger/projections';
import { openRawEventStore, rebuildReadModels } from '@ledger/stores';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { readEverything, startTestLedger, type TestLedger } from '../testing/test-ledger.js';

// Distinctive, so that finding them anywhere (a row, a page of a file) can only mean the person.
const NAME = 'Wilhelmina Strudwick-Abernethy';
const EMAIL = 'w.strudwick-abernethy@contact.example.org';
const PLAINTEXT = [NAME, EMAIL];

const PROGRAMME = 'shred-2019';
const PARTNER = 'harbourside-bank';
const PERSON = `contact-${PARTNER}`;

/** Every file under the data folder (the event log and its WAL, read store, key store, tokens). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The files whose raw bytes hold any of these texts (or bytes). */
function filesHolding(dir: string, needles: readonly (string | Buffer)[]): string[] {
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** Every row of every table of the embedded read store, as JSON text. */
function everyReadModelRow(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    expect(tables.length).toBeGreaterThan(10);
    return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

/**
 * Each stream's chain recomputed from the log as stored, revision by revision: the streams whose
 * stored hash differs from the recomputed one (none when the chain holds).
 */
function brokenChains(events: readonly RecordedEvent[]): string[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  const broken = new Set<string>();
  for (const event of events) {
    const head = heads.get(event.stream);
    if (event.streamRevision !== (head?.revision ?? -1) + 1) broken.add(event.stream);
    if (eventHash(event, head?.hash ?? null) !== event.hash) broken.add(event.stream);
    heads.set(event.stream, { revision: event.streamRevision, hash: event.hash });
  }
  return [...broken];
}

describe('crypto-shredding, on the embedded stores (SPEC §6 acceptance)', () => {
  let ledger: TestLedger;
  let dataDir: string;
  let key: Buffer;
  let storedBefore: RecordedEvent[];
  let reportBefore: Record<string, unknown>;
  let closed = false;
  const admin = () => ({ Authorization: `Bearer ${ledger.tokens.admin}` });
  const post = async (path: string, body: object) => {
    const res = await ledger.http.post(path).set(admin()).send(body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  /** The raw log: encrypted personal data, the form the hash chain covers. */
  const rawEvents = async (): Promise<RecordedEvent[]> => {
    const raw = openRawEventStore(ledger.config);
    try {
      return await readEverything(raw);
    } finally {
      await raw.close();
    }
  };
  /** Everything a reader gets over HTTP once the read models reached the head: audit trail, export, report. */
  const published = async (): Promise<string> => {
    const head = String((await ledger.allEvents()).at(-1)?.globalPosition);
    const get = (path: string) => ledger.http.get(path).set(admin()).expect(200);
    const pages = [
      await get(`/streams/partner-${PARTNER}`),
      await get(`/audit/events?atLeast=${head}&limit=500`),
      await get(`/audit/streams/partner-${PARTNER}?atLeast=${head}`),
      await get(`/programmes/${PROGRAMME}/exports/360giving?atLeast=${head}&allowFindings=true`),
      await get(`/programmes/${PROGRAMME}/exports/360giving?atLeast=${head}&allowFindings=true&format=csv`),
      await get(`/programmes/${PROGRAMME}/reports/impact?atLeast=${head}&format=json`),
      await get(`/programmes/${PROGRAMME}/reports/impact?atLeast=${head}&format=csv`),
      await get(`/programmes/${PROGRAMME}/reports/impact?atLeast=${head}&format=html`),
    ];
    return pages.map((page) => (page.text === '' ? JSON.stringify(page.body) : page.text)).join('\n');
  };
  const impactReport = async (): Promise<Record<string, unknown>> => {
    const head = String((await ledger.allEvents()).at(-1)?.globalPosition);
    const res = await ledger.http
      .get(`/programmes/${PROGRAMME}/reports/impact?atLeast=${head}`)
      .set(admin())
      .expect(200);
    return res.body as Record<string, unknown>;
  };

  beforeAll(async () => {
    ledger = await startTestLedger({ logger: false }, { LEDGER_360GIVING_PREFIX: 'ledger-e2e' });
    dataDir = ledger.config.dataDir;
    await post('/programmes', launchBody(PROGRAMME));
    await post(`/programmes/${PROGRAMME}/innovators`, enrolBody('inn-1'));
    await post('/grants', awardBody(PROGRAMME, 'inn-1', 'grant-1'));
    await post('/partners', {
      partnerId: PARTNER,
      name: 'Harbourside Bank (illustrative)',
      sector: 'business',
      contactPerson: { name: NAME, email: EMAIL },
    });
    const ids = { introductionId: 'intro-1', innovatorId: 'inn-1', partnerId: PARTNER };
    await post('/introductions', {
      ...ids,
      programmeId: PROGRAMME,
      madeBy: 'Nesta programme team',
      madeOn: '2017-10-12',
      channel: 'event',
    });
    await post('/partnerships', {
      ...ids,
      partnershipId: 'ps-1',
      kind: 'funding',
      confirmedOn: '2018-01-20',
    });
    const found = await ledger.app.get<PersonalKeyStore>(PERSONAL_KEY_STORE).getKey(PERSON);
    if (found.status !== 'active') throw new Error(`${PERSON} has no key`);
    key = found.key;
  });
  afterAll(async () => {
    if (!closed) await ledger.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a partner contact recorded, then the API and the read models show them, while the event log files never held them in plain text', async () => {
    expect(await published()).toContain(NAME);
    expect(everyReadModelRow(join(dataDir, 'read.sqlite'))).toContain(EMAIL);
    const eventFiles = [join(dataDir, 'events.sqlite'), join(dataDir, 'events.sqlite-wal')];
    expect(eventFiles.every((file) => existsSync(file))).toBe(true);
    expect(filesHolding(dataDir, PLAINTEXT).filter((file) => eventFiles.includes(file))).toEqual([]);
    storedBefore = await rawEvents();
    expect(JSON.stringify(storedBefore)).not.toContain(NAME);
    reportBefore = await impactReport();
  });

  it('when the person is forgotten and every projection rebuilt, then no read model, audit trail, export or report shows them, and no file of the data folder holds their name, email or key', async () => {
    const forgotten = await post(`/people/${PERSON}/forget`, { reason: 'Erasure request 2019-17' });
    expect(forgotten.body).toMatchObject({ stream: `person-${PERSON}`, replayed: false });
    const results = await rebuildReadModels(
      ledger.config,
      ledger.store,
      ALL_PROJECTIONS,
      ALL_PROJECTIONS.map((projection) => projection.name),
    );
    expect(results.map((result) => [result.name, result.status])).toEqual(
      ALL_PROJECTIONS.map((projection) => [projection.name, 'Success']),
    );

    const shown = await published();
    for (const text of PLAINTEXT) expect(shown).not.toContain(text);
    expect(shown).toContain(`{"personId":"${PERSON}","erased":true}`);
    const rows = everyReadModelRow(join(dataDir, 'read.sqlite'));
    for (const text of PLAINTEXT) expect(rows).not.toContain(text);
    expect(
      filesUnder(dataDir)
        .map((file) => file.slice(dataDir.length + 1))
        .sort(),
    ).toEqual(expect.arrayContaining(['events.sqlite', 'events.sqlite-wal', 'keys.sqlite', 'read.sqlite']));
    expect(filesHolding(dataDir, [...PLAINTEXT, key])).toEqual([]);
  });

  it('then totals stay whole: the impact report gives the same figures, and the audit trail keeps every event plus the erasure', async () => {
    const reportAfter = await impactReport();
    // Where the report was computed (position, time, seal) moved on; every figure stays.
    const figures = (report: Record<string, unknown>) => {
      const { ledgerPosition: _position, ledgerRecordedAt: _recordedAt, seal: _seal, ...rest } = report;
      return rest;
    };
    expect(figures(reportAfter)).toEqual(figures(reportBefore));
    const stored = await rawEvents();
    expect(stored.slice(0, storedBefore.length)).toEqual(storedBefore);
    expect(stored.slice(storedBefore.length).map((event) => event.type)).toContain('PersonalDataErased');
  });

  it('then every stream’s hash chain still verifies over the log as stored, recomputed revision by revision and by verifyLedger', async () => {
    const stored = await rawEvents();
    expect(new Set(stored.map((event) => event.stream)).size).toBeGreaterThanOrEqual(7);
    expect(brokenChains(stored)).toEqual([]);
    const raw = openRawEventStore(ledger.config);
    try {
      const verified = await verifyLedger(raw);
      expect(verified.failures).toEqual([]);
      expect(verified.ok).toBe(true);
    } finally {
      await raw.close();
    }
  });

  it('then, with the ledger shut down and its files at rest, none holds the name, email or key', async () => {
    await ledger.app.close();
    closed = true;
    expect(filesHolding(dataDir, [...PLAINTEXT, key])).toEqual([]);
  });
});
