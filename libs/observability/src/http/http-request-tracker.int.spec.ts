import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { currentCorrelationId } from '../correlation/correlation-context.js';
import { createJsonLogger } from '../logging/json-logger.js';
import { HttpRequestTracker } from './http-request-tracker.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('HttpRequestTracker', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server | undefined;
  afterEach(async () => {
    lines.length = 0;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A bare server: begin, read the body (as a body parser does, from stream events), resume, handle. */
  async function serve(handler: Handler, level: 'debug' | 'info' = 'debug') {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const tracker = new HttpRequestTracker(createJsonLogger({ level, name: 'test', destination }), {
      quietPaths: ['/health/live'],
    });
    server = createServer((req, res) =>
      tracker.begin(req, res, () => {
        req.on('data', () => undefined);
        req.on('end', () => tracker.resume(req, res, () => handler(req, res)));
      }),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { tracker, url: `http://127.0.0.1:${port}` };
  }

  const answer: Handler = (_req, res) => res.end(JSON.stringify({ correlationId: currentCorrelationId() }));

  it('given a sane X-Correlation-Id, when a request with a body is handled, then the handler, the response header and the request line all carry it', async () => {
    const { url } = await serve(answer);

    const res = await fetch(`${url}/grants?token=secret`, {
      method: 'POST',
      headers: { 'X-Correlation-Id': 'corr-7', Authorization: 'Bearer s3cret', Cookie: 'ledger_session=abc' },
      body: '{"a":1}',
    });

    expect(await res.json()).toEqual({ correlationId: 'corr-7' });
    expect(res.headers.get('x-correlation-id')).toBe('corr-7');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        correlationId: 'corr-7',
        method: 'POST',
        path: '/grants',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|ledger_session|token=/);
  });

  it.each([
    ['with spaces', 'has spaces'],
    ['too long', 'x'.repeat(201)],
    ['with a newline escape', 'a\\nb'],
  ])(
    'given an X-Correlation-Id %s, when requested, then a new UUID replaces it everywhere',
    async (_why, header) => {
      const { url } = await serve(answer);

      const res = await fetch(url, { headers: { 'X-Correlation-Id': header } });

      const id = res.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await res.json()).toEqual({ correlationId: id });
      expect(lines[0]).toMatchObject({ correlationId: id });
    },
  );

  it('given a quiet path and the info level, when probed, then no request line is written', async () => {
    const { url } = await serve(answer, 'info');

    await (await fetch(`${url}/health/live`)).text();
    await (await fetch(`${url}/grants`)).text();

    expect(lines.map((line) => line.path)).toEqual(['/grants']);
  });

  it('given a request in flight, when draining, then the drain waits for it and its response asks to close the connection', async () => {
    let release = (): void => undefined;
    const { tracker, url } = await serve((req, res) => {
      release = () => answer(req, res);
    });
    const pending = fetch(url);
    while (tracker.inFlightCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    let drained: boolean | undefined;
    const draining = tracker.drain(5_000).then((result) => (drained = result));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBeUndefined();
    release();

    expect(await draining).toBe(true);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
  });

  it('given a request that never finishes, when draining for 50 ms, then the drain gives up and says so', async () => {
    const { tracker, url } = await serve(() => undefined);
    const abandoned = new Promise((resolve) => {
      const req = httpRequest(url);
      req.on('error', resolve);
      req.end();
    });
    while (tracker.inFlightCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await tracker.drain(50)).toBe(false);
    expect(tracker.inFlightCount).toBe(1);
    server?.closeAllConnections();
    await abandoned;
  });
});
