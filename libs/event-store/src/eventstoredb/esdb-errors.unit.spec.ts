// The point of this file: driver errors are translated once, at the boundary, into the port's errors.
import { describe, expect, test } from '@jest/globals';
import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors.js';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  serverName,
  toConcurrencyError,
  translateError,
} from './esdb-errors.js';

const SERVER = 'esdb://db.internal:2113';

describe('eventstoredb errors', () => {
  test('given the server refused an expected revision, when translated, then ConcurrencyError with stream, expected and actual', () => {
    const refused = new WrongExpectedVersionError(undefined, {
      streamName: 'grant-g1',
      expected: 0n,
      current: 4n,
    });
    expect(isWrongExpectedVersion(refused)).toBe(true);
    const error = toConcurrencyError(refused, 0);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ stream: 'grant-g1', expected: 0, actual: 4 });
    expect(error.message).toBe('Stream grant-g1 is at revision 4, expected 0');
  });

  test('given a refusal because the stream does not exist, when translated, then actual is -1', () => {
    const refused = new WrongExpectedVersionError(undefined, {
      streamName: 'grant-g1',
      expected: 2n,
      current: 'no_stream',
    });
    expect(toConcurrencyError(refused, 2)).toMatchObject({ stream: 'grant-g1', expected: 2, actual: -1 });
  });

  test.each([
    [
      'the client UnavailableError',
      new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'),
    ],
    ['a deadline exceeded', new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED: Deadline exceeded')],
    [
      'a raw gRPC error with code 14',
      Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), { code: 14 }),
    ],
    ['cluster discovery giving up', new Error('Failed to discover after 10 attempts.')],
  ])('given %s, when translated, then EventStoreUnavailableError naming the server', (_case, error) => {
    const translated = translateError(SERVER, error);
    expect(translated).toBeInstanceOf(EventStoreUnavailableError);
    expect(translated).toMatchObject({
      message: `EventStoreDB at ${SERVER} is unavailable: ${error.message}`,
      cause: error,
    });
  });

  test('given an append over the server limit, when translated, then the message names the setting to change', () => {
    const translated = translateError(SERVER, new MaxAppendSizeExceededError(undefined, 1_048_576));
    expect(translated).toMatchObject({
      message: expect.stringContaining(
        "maximum append size of 1048576 bytes: raise the server's MaxAppendSize",
      ),
    });
  });

  test('given other errors, when translated, then they pass through unchanged', () => {
    const refused = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n });
    const plain = new Error('bug');
    expect(translateError(SERVER, refused)).toBe(refused);
    expect(translateError(SERVER, plain)).toBe(plain);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'grant-g1'))).toBe(true);
    expect(isStreamNotFound(plain)).toBe(false);
  });

  test('given connection strings with credentials and options, when naming the server, then neither appears', () => {
    expect(serverName('esdb://admin:changeit@db.internal:2113?tls=false')).toBe(SERVER);
    expect(serverName('esdb+discover://ops:s3cret@a:2113,b:2113?nodePreference=leader')).toBe(
      'esdb+discover://a:2113,b:2113',
    );
    expect(serverName('esdb://localhost:2113')).toBe('esdb://localhost:2113');
  });
});
