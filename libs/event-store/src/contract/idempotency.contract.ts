// The point of this file: a retried command (same command id) is answered once and never written twice.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { IdempotencyKeyReusedError } from '../errors.js';
import { type CurrentFixture, newEvent, newEvents, newStream } from './contract-helpers.js';

export function idempotencyContract(fixture: CurrentFixture): void {
  describe('idempotency', () => {
    test('given a command appended once, when the same command id and fingerprint come again, then the first result is returned, replayed, and nothing is written', async () => {
      const { store } = fixture();
      const stream = newStream();
      const commandId = randomUUID();
      const first = await store.appendToStream(stream, 'no-stream', newEvents(2), {
        commandId,
        fingerprint: 'f-1',
      });
      const head = await store.headPosition();
      const again = await store.appendToStream(stream, 'no-stream', newEvents(2), {
        commandId,
        fingerprint: 'f-1',
      });
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.headPosition()).toEqual(head);
      expect((await store.readStream(stream)).events).toHaveLength(2);
    });

    test('given a command appended once, when its command id comes with another fingerprint, then IdempotencyKeyReusedError and nothing is written', async () => {
      const { store } = fixture();
      const stream = newStream();
      const commandId = randomUUID();
      await store.appendToStream(stream, 'no-stream', [newEvent()], { commandId, fingerprint: 'f-1' });
      const head = await store.headPosition();
      const attempt = store.appendToStream(stream, 0, [newEvent()], { commandId, fingerprint: 'f-2' });
      await expect(attempt).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await expect(attempt).rejects.toMatchObject({ commandId });
      expect(await store.headPosition()).toEqual(head);
      expect((await store.readStream(stream)).revision).toBe(0);
    });

    test('given a command appended once, when looking its id up, then the first result is found, replayed', async () => {
      const { store } = fixture();
      const commandId = randomUUID();
      const first = await store.appendToStream(newStream(), 'no-stream', [newEvent()], {
        commandId,
        fingerprint: 'f-1',
      });
      expect(await store.findCommandResult(commandId)).toEqual({ ...first, replayed: true });
      expect(await store.findCommandResult(commandId, 'f-1')).toEqual({ ...first, replayed: true });
      await expect(store.findCommandResult(commandId, 'f-2')).rejects.toBeInstanceOf(
        IdempotencyKeyReusedError,
      );
    });

    test('given a command id never seen, when looking it up, then there is no result', async () => {
      const { store } = fixture();
      expect(await store.findCommandResult(randomUUID())).toBeUndefined();
    });

    test('given a failed append, when its command id comes again, then it is not remembered as done', async () => {
      const { store } = fixture();
      const stream = newStream();
      const commandId = randomUUID();
      await store.appendToStream(stream, 'no-stream', [newEvent()]);
      await expect(store.appendToStream(stream, 'no-stream', [newEvent()], { commandId })).rejects.toThrow();
      expect(await store.findCommandResult(commandId)).toBeUndefined();
      const retry = await store.appendToStream(stream, 0, [newEvent()], { commandId });
      expect(retry.replayed).toBe(false);
    });
  });
}
