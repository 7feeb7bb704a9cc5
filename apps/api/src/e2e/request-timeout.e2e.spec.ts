import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('request timeout (LEDGER_REQUEST_TIMEOUT_SECONDS)', () => {
  let ledger: TestLedger;
  let port: number;
  beforeAll(async () => {
    ledger = await startTestLedger({ logger: false }, { LEDGER_REQUEST_TIMEOUT_SECONDS: '1' });
    await ledger.app.listen(0, '127.0.0.1');
    port = ((ledger.app.getHttpServer() as Server).address() as AddressInfo).port;
  });
  afterAll(() => ledger.close());

  it('given a 1 s limit, when a body stops short of its Content-Length, then 408 and the connection closes within seconds, with nothing written', async () => {
    const before = await ledger.store.headPosition();
    const started = Date.now();
    const answer = await new Promise<{ text: string; ms: number }>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /programmes HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer ${ledger.tokens.admin}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"programmeId":',
        );
      });
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve({ text, ms: Date.now() - started }));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('the connection was held for 10 s')), 10_000).unref();
    });

    expect(answer.text.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer.ms).toBeLessThan(4000);
    expect(await ledger.store.headPosition()).toEqual(before);
  }, 15_000);
});
