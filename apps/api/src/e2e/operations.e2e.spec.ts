import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/event-store';
import { METRIC_NAMES } from '@ledger/observability';
import type { LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { PROJECTION_RUNNER, READ_STORE } from '../read-models/read-models.tokens.js';
import { type CapturedLogs, captureLogs } from '../testing/captured-logs.js';
import { launchBody } from '../testing/iep-fixtures.js';
import { parseMetrics, sampleValue } from '../testing/metrics-text.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Each ledger here writes its log lines to its own capture. Nest's logger is one per process, so
 * the ledgers run one after the other, never side by side.
 */
describe('operating the api', () => {
  describe('metrics', () => {
    let ledger: TestLedger;
    beforeAll(async () => (ledger = await startTestLedger()));
    afterAll(() => ledger.close());
    const asManager = () => ({ Authorization: `Bearer ${ledger.tokens['programme-manager']}` });

    it('given three commands of which one is refused, when /metrics is scraped without a token, then the latency histogram counts 3 and one error under the refusal code', async () => {
      const programmeId = `p-${randomUUID()}`;
      const launched = await ledger.http
        .post('/programmes')
        .set(asManager())
        .send(launchBody(programmeId))
        .expect(201);
      const partner = await ledger.http
        .post('/partners')
        .set(asManager())
        .send({ name: 'Illustrative partner', sector: 'business' })
        .expect(201);
      const refused = await ledger.http
        .post('/programmes')
        .set(asManager())
        .send(launchBody(programmeId))
        .expect(409);

      const res = await ledger.http.get('/metrics').expect(200);

      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const count = (command: string, outcome: string) =>
        sampleValue(res.text, `${METRIC_NAMES.commandDuration}_count`, { command, outcome });
      expect(count('LaunchProgramme', 'ok')).toBe(1);
      expect(count('RegisterPartner', 'ok')).toBe(1);
      expect(count('LaunchProgramme', 'error')).toBe(1);
      const counts = parseMetrics(res.text).filter((s) => s.name === `${METRIC_NAMES.commandDuration}_count`);
      expect(counts.reduce((sum, s) => sum + s.value, 0)).toBe(3);
      expect((refused.body as { code: string }).code).toBe('PROGRAMME.ALREADY_LAUNCHED');
      expect(
        sampleValue(res.text, METRIC_NAMES.commandErrors, {
          command: 'LaunchProgramme',
          code: 'PROGRAMME.ALREADY_LAUNCHED',
        }),
      ).toBe(1);
      const written = [launched, partner].reduce(
        (sum, r) => sum + (r.body as { eventIds: string[] }).eventIds.length,
        0,
      );
      expect(sampleValue(res.text, METRIC_NAMES.eventsAppended)).toBe(written);
      expect(sampleValue(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    });

    it('given the projections caught up with the log, when scraped, then every projection is 0 events and 0 seconds behind', async () => {
      const runner = ledger.app.get<ProjectionRunner<LedgerReadModels>>(PROJECTION_RUNNER);
      const head = await ledger.store.headPosition();
      expect(head !== undefined && (await runner.waitFor(head, undefined, 5000))).toBe(true);

      const text = (await ledger.http.get('/metrics').expect(200)).text;

      const lags = parseMetrics(text).filter((s) => s.name === METRIC_NAMES.projectionLagEvents);
      expect(lags.map((s) => s.labels.projection).sort()).toEqual(
        (await runner.status()).map((s) => s.name).sort(),
      );
      expect(lags.every((s) => s.value === 0)).toBe(true);
      expect(
        parseMetrics(text)
          .filter((s) => s.name === METRIC_NAMES.projectionLagSeconds)
          .every((s) => s.value === 0),
      ).toBe(true);
      expect(sampleValue(text, METRIC_NAMES.projectionEventsApplied, { projection: 'audit-trail' })).toBe(
        (await ledger.allEvents()).length,
      );
    });
  });

  describe('health', () => {
    let ledger: TestLedger;
    beforeAll(async () => (ledger = await startTestLedger()));
    afterAll(() => ledger.close());

    it('given a running ledger, when probed without a token, then live, ready and the documented /health all answer 200', async () => {
      expect((await ledger.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      expect((await ledger.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      const ready = await ledger.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: { 'event-store': { status: 'up' }, 'read-store': { status: 'up' } },
      });
    });
  });

  describe('with the read store gone', () => {
    let ledger: TestLedger;
    let logs: CapturedLogs;
    beforeAll(async () => {
      logs = captureLogs();
      ledger = await startTestLedger({ logger: logs.logger });
      // Stopped first, so the projections record their stop before their store goes.
      await ledger.app.get<ProjectionRunner<LedgerReadModels>>(PROJECTION_RUNNER).stop();
      await ledger.app.get<ReadStore<LedgerReadModels>>(READ_STORE).close();
    });
    afterAll(() => ledger.close());

    it('given a closed read store, when readiness is probed, then 503 with terminus body naming the read store, while liveness stays 200', async () => {
      const ready = await ledger.http.get('/health/ready').expect(503);

      expect(ready.body).toMatchObject({
        status: 'error',
        error: { 'read-store': { status: 'down', message: 'driver has already been destroyed' } },
        info: { 'event-store': { status: 'up' } },
      });
      expect(Object.keys((ready.body as { error: object }).error)).toEqual(['read-store']);
      await ledger.http.get('/health/live').expect(200);
    });

    it('given a query that fails on the closed store, when it is answered 500, then the error line written while handling it carries the request correlation id', async () => {
      const res = await ledger.http
        .get('/grants')
        .set('Authorization', `Bearer ${ledger.tokens.auditor}`)
        .set('X-Correlation-Id', 'query-corr-1')
        .expect(500);

      expect(res.headers['x-correlation-id']).toBe('query-corr-1');
      const lines = logs.records().filter((r) => r.correlationId === 'query-corr-1');
      expect(lines).toEqual([
        expect.objectContaining({ level: 'error', context: 'Problem' }),
        expect.objectContaining({ msg: 'request', method: 'GET', path: '/grants', status: 500 }),
      ]);
    });
  });

  describe('logs', () => {
    let ledger: TestLedger;
    let logs: CapturedLogs;
    beforeAll(async () => {
      logs = captureLogs();
      ledger = await startTestLedger({ logger: logs.logger });
    });
    afterAll(() => ledger.close());
    const asManager = () => ({ Authorization: `Bearer ${ledger.tokens['programme-manager']}` });
    const firstEventOf = async (stream: string) =>
      (
        (await ledger.http.get(`/streams/${stream}`).set(asManager()).expect(200)).body as {
          events: RecordedEvent[];
        }
      ).events[0];

    it('given a command sent with X-Correlation-Id, when it runs, then its request line and its event metadata carry the same id', async () => {
      const programmeId = `p-${randomUUID()}`;
      const res = await ledger.http
        .post('/programmes')
        .set(asManager())
        .set('X-Correlation-Id', 'ops-corr-1')
        .send(launchBody(programmeId))
        .expect(201);

      expect(res.headers['x-correlation-id']).toBe('ops-corr-1');
      expect(logs.records()).toContainEqual(
        expect.objectContaining({
          msg: 'request',
          correlationId: 'ops-corr-1',
          method: 'POST',
          path: '/programmes',
          status: 201,
        }),
      );
      expect((await firstEventOf(`programme-${programmeId}`))?.metadata.correlationId).toBe('ops-corr-1');
    });

    it('given a command sent without a correlation id, when it runs, then the new UUID it answers with is the one in its request line and in its event metadata', async () => {
      const programmeId = `p-${randomUUID()}`;
      const res = await ledger.http
        .post('/programmes')
        .set(asManager())
        .send(launchBody(programmeId))
        .expect(201);

      const correlationId = res.headers['x-correlation-id'] as string;
      expect(correlationId).toMatch(UUID);
      expect(correlationId).not.toBe((res.body as { commandId: string }).commandId);
      expect(logs.records()).toContainEqual(
        expect.objectContaining({ msg: 'request', correlationId, path: '/programmes', status: 201 }),
      );
      expect((await firstEventOf(`programme-${programmeId}`))?.metadata.correlationId).toBe(correlationId);
    });

    it('given a command with a malformed X-Correlation-Id, when sent, then it is refused and its request line carries a new UUID instead', async () => {
      const res = await ledger.http
        .post('/programmes')
        .set(asManager())
        .set('X-Correlation-Id', 'not allowed!')
        .send(launchBody(`p-${randomUUID()}`))
        .expect(400);

      const correlationId = res.headers['x-correlation-id'] as string;
      expect(correlationId).toMatch(UUID);
      expect((res.body as { errors: { field: string }[] }).errors).toEqual([
        expect.objectContaining({ field: 'X-Correlation-Id' }),
      ]);
      expect(logs.records()).toContainEqual(
        expect.objectContaining({ msg: 'request', correlationId, status: 400 }),
      );
    });

    it('given the requests so far, when the log is read, then every line is one JSON object and none holds a token or a cookie', async () => {
      await ledger.http.get('/grants').set('Cookie', 'ledger_session=secret-session').expect(401);

      const lines = logs.lines();

      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(typeof JSON.parse(line)).toBe('object');
      const everything = lines.join('\n');
      for (const token of Object.values(ledger.tokens)) expect(everything).not.toContain(token);
      expect(everything).not.toContain('secret-session');
      expect(everything).not.toMatch(/authorization|cookie/i);
    });
  });
});
