import { describe, expect, test } from '@jest/globals';
import { type Position, type RecordedEvent, sha256Hex } from '@ledger/event-store';
import { LedgerChain } from './ledger-chain.js';
import { nextLogDigest } from './log-digest.js';
import { streamsRoot } from './merkle.js';

const compare = (a: Position, b: Position) => Number(a) - Number(b);

function event(position: number, stream: string, revision: number): RecordedEvent {
  return {
    eventId: `e${position}`,
    type: 'TestEventRecorded',
    stream,
    streamRevision: revision,
    globalPosition: String(position) as Position,
    occurredAt: '2018-01-01T00:00:00.000Z',
    recordedAt: `2018-01-01T00:00:0${position}.000Z`,
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: { id: 'a', role: 'admin' },
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      source: 'api',
    },
    hash: sha256Hex(`hash ${position}`),
  };
}

describe('LedgerChain', () => {
  test('given events, when fed in position order, then the log digest chains position, recordedAt and hash from null', () => {
    const [one, two] = [event(1, 'grant-g1', 0), event(2, 'programme-p1', 0)];
    const chain = new LedgerChain(compare);
    [one, two].forEach((e) => chain.add(e));

    const first = sha256Hex(JSON.stringify([null, '1', one.recordedAt, one.hash]));
    expect(nextLogDigest(null, one)).toBe(first);
    expect(chain.figures(undefined)?.logDigest).toBe(
      sha256Hex(JSON.stringify([first, '2', two.recordedAt, two.hash])),
    );
  });

  test('given streams written in turn, when sealed, then the figures count every event and stream and root every head', () => {
    const [g0, p0, g1, i0] = [
      event(1, 'grant-g1', 0),
      event(2, 'programme-p1', 0),
      event(3, 'grant-g1', 1),
      event(4, 'innovator-i1', 0),
    ];
    const chain = new LedgerChain(compare);
    [g0, p0, g1, i0].forEach((e) => chain.add(e));

    const figures = chain.figures(undefined);
    const heads = [g1, p0, i0].map((e) => ({
      stream: e.stream,
      revision: e.streamRevision,
      hash: e.hash,
    }));
    expect(figures).toMatchObject({
      position: '4',
      eventCount: 4,
      streamCount: 3,
      streamsRoot: streamsRoot(heads),
    });
    expect(figures?.heads.map((h) => h.stream)).toEqual(['grant-g1', 'innovator-i1', 'programme-p1']);
    expect(chain.figures('2' as Position)?.heads.map((h) => [h.stream, h.revision])).toEqual([
      ['grant-g1', 1],
      ['innovator-i1', 0],
    ]);
  });

  test('given nothing fed, then there is nothing to seal', () => {
    expect(new LedgerChain(compare).figures(undefined)).toBeUndefined();
  });
});
