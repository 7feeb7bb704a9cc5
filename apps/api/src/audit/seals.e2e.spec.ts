import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import type { Seal, SealOutcome, VerifyResult } from '@ledger/audit';
import type { RecordedEvent } from '@ledger/event-store';
import type { ImpactReport } from '@ledger/reporting';
import { enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

type Role = keyof TestLedger['tokens'];

/** SPEC §6 Verify over HTTP: sealing on demand, the seals, reports stating theirs, and verify. */
describe('seals and verify over HTTP', () => {
  let ledger: TestLedger;
  let lastWrite: string;
  const programmeId = `p-${randomUUID()}`;
  const as = (role: Role) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const report = (query: string) =>
    ledger.http.get(`/programmes/${programmeId}/reports/impact?${query}`).set(as('auditor')).expect(200);
  const sealCount = async () =>
    ((await ledger.http.get('/audit/seals').set(as('auditor')).expect(200)).body as { total: number }).total;

  async function enrol(): Promise<void> {
    const res = await ledger.http
      .post(`/programmes/${programmeId}/innovators`)
      .set(as('programme-manager'))
      .send(enrolBody(`i-${randomUUID()}`))
      .expect(201);
    lastWrite = (res.body as { position: string }).position;
  }

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.http
      .post('/programmes')
      .set(as('programme-manager'))
      .send(launchBody(programmeId))
      .expect(201);
    await enrol();
  });
  afterAll(() => ledger.close());

  it('given an unsealed ledger, when a reporter seals it, then 201 with seal 1 covering the head; again, 200 with the same seal; an auditor may not', async () => {
    const first = await ledger.http.post('/audit/seals').set(as('reporter')).expect(201);
    const again = await ledger.http.post('/audit/seals').set(as('reporter')).expect(200);
    await ledger.http.post('/audit/seals').set(as('auditor')).expect(403);

    const outcome = first.body as SealOutcome;
    expect(outcome).toMatchObject({
      created: true,
      seal: { sealNumber: 1, position: lastWrite, eventCount: 2 },
    });
    expect(again.body).toEqual({ created: false, seal: outcome.seal });
    const stream = await ledger.http.get('/streams/seal-ledger').set(as('auditor')).expect(200);
    const [event] = (stream.body as { events: RecordedEvent[] }).events;
    expect(event).toMatchObject({
      type: 'LedgerSealed',
      metadata: { actor: { role: 'reporter' }, source: 'api' },
    });
  });

  it('given seals, when listed or asked for one, then they come back oldest first; an unknown one is 404', async () => {
    const list = await ledger.http.get('/audit/seals?fromSeal=1&limit=10').set(as('auditor')).expect(200);
    const one = await ledger.http.get('/audit/seals/1').set(as('auditor')).expect(200);
    const unknown = await ledger.http.get('/audit/seals/9').set(as('auditor')).expect(404);

    expect((list.body as { seals: Seal[] }).seals.map((s) => s.sealNumber)).toEqual([1]);
    expect((one.body as Seal).sealHash).toMatch(/^[0-9a-f]{64}$/);
    expect(unknown.body).toMatchObject({ code: 'SEAL.NOT_FOUND' });
  });

  it('given reports at the sealed position and after it, then each states the earliest seal covering it, sealing the log only when none does', async () => {
    const atSeal = (await report(`atLeast=${lastWrite}`)).body as ImpactReport;
    await enrol();
    const later = (await report(`atLeast=${lastWrite}`)).body as ImpactReport;
    const laterAgain = (await report(`atLeast=${lastWrite}`)).body as ImpactReport;
    const past = (await report(`asAt=${atSeal.ledgerPosition}`)).body as ImpactReport;

    expect(atSeal.seal).toMatchObject({ sealNumber: 1, position: atSeal.ledgerPosition });
    expect(later.seal).toMatchObject({ sealNumber: 2, position: lastWrite });
    expect(laterAgain).toEqual(later);
    expect(past).toEqual(atSeal);
    expect(await sealCount()).toBe(2);
    const csv = await report(`format=csv&asAt=${atSeal.ledgerPosition}`);
    expect(csv.text).toContain(`ledger,sealHash,${atSeal.seal?.sealHash},${atSeal.seal?.sealHash}`);
  });

  it('given an intact ledger, when an auditor verifies it, then 200 ok with what was checked; from a seal too, and from one it lacks 404', async () => {
    const full = (await ledger.http.get('/audit/verify').set(as('auditor')).expect(200)).body as VerifyResult;
    const from = (await ledger.http.get('/audit/verify?fromSeal=2').set(as('auditor')).expect(200))
      .body as VerifyResult;
    const missing = await ledger.http.get('/audit/verify?fromSeal=9').set(as('auditor')).expect(404);
    await ledger.http.get('/audit/verify?fromSeal=0').set(as('auditor')).expect(400);

    expect(full).toMatchObject({ ok: true, sealsChecked: 2, failures: [], unsealedEvents: 0 });
    expect(full.eventsChecked).toBe(full.eventsRehashed);
    expect(from).toMatchObject({ ok: true, fromSeal: 2 });
    expect(from.eventsRehashed).toBeLessThan(from.eventsChecked);
    expect(missing.body).toMatchObject({
      code: 'SEAL.NOT_FOUND',
      detail: 'There is no seal 9: the ledger has seals 1 to 2',
    });
  });

  it('given an event changed in the file behind the api, when verified, then 200 with ok false naming the event', async () => {
    const { eventStore } = ledger.config;
    if (eventStore.kind !== 'sqlite') throw new Error('this test changes the embedded file');
    const db = new Database(eventStore.file);
    const target = db
      .prepare(
        `SELECT position, stream, revision, data FROM events WHERE stream LIKE 'innovator-%' ORDER BY position LIMIT 1`,
      )
      .get() as { position: number; stream: string; revision: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      target.data.replace('"name":"', '"name":"Z'),
      target.position,
    );
    db.close();

    const result = (await ledger.http.get('/audit/verify').set(as('auditor')).expect(200))
      .body as VerifyResult;

    expect(result.ok).toBe(false);
    expect(result.failures[0]).toMatchObject({
      kind: 'altered',
      stream: target.stream,
      revision: target.revision,
      position: String(target.position),
    });
  });
});

describe('scheduled sealing', () => {
  let ledger: TestLedger;
  const as = (role: Role) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const seals = async () =>
    ((await ledger.http.get('/audit/seals').set(as('auditor')).expect(200)).body as { seals: Seal[] }).seals;

  beforeAll(async () => {
    ledger = await startTestLedger({ logger: false }, { LEDGER_SEAL_INTERVAL_SECONDS: '1' });
  });
  afterAll(() => ledger.close());

  it('given LEDGER_SEAL_INTERVAL_SECONDS=1, when the log moves, then the api seals it within a tick, as the sealer, and not again while it stays', async () => {
    const res = await ledger.http
      .post('/programmes')
      .set(as('programme-manager'))
      .send(launchBody(`p-${randomUUID()}`))
      .expect(201);
    const position = (res.body as { position: string }).position;

    const deadline = Date.now() + 5_000;
    while ((await seals()).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500));

    expect((await seals()).map((s) => [s.sealNumber, s.position])).toEqual([[1, position]]);
    const stream = await ledger.http.get('/streams/seal-ledger').set(as('auditor')).expect(200);
    expect((stream.body as { events: RecordedEvent[] }).events[0]?.metadata.actor).toEqual({
      id: 'ledger-sealer',
      role: 'system',
    });
  });
});
