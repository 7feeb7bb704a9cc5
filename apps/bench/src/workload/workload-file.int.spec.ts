import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { finalRevisionsChecksum, readAppends, writeWorkload, type WorkloadHeader } from './workload-file.js';

describe('workload file', () => {
  let dir: string;
  let header: WorkloadHeader;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-workload-'));
    header = writeWorkload(join(dir, 'a.jsonl'), 3000, 7);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('given the same scale and seed, when written twice, then the files are byte for byte the same', async () => {
    writeWorkload(join(dir, 'b.jsonl'), 3000, 7);
    const digest = async (name: string) =>
      createHash('sha256')
        .update(await readFile(join(dir, name)))
        .digest('hex');
    expect(await digest('b.jsonl')).toBe(await digest('a.jsonl'));
  });

  it('given a written workload, when read back, then its lines hold the header’s counts, appends of at least 100 events, and revisions that chain', async () => {
    const revisions = new Map<string, number>();
    const eventIds = new Set<string>();
    let events = 0;
    let appends = 0;
    let short = 0;
    for await (const { writes } of readAppends(join(dir, 'a.jsonl'))) {
      appends += 1;
      const size = writes.reduce((sum, write) => sum + write.events.length, 0);
      if (size < 100) short += 1;
      for (const write of writes) {
        const before = revisions.get(write.stream);
        expect({ stream: write.stream, expected: write.expectedRevision }).toEqual({
          stream: write.stream,
          expected: before ?? 'no-stream',
        });
        revisions.set(write.stream, (before ?? -1) + write.events.length);
        for (const event of write.events) eventIds.add(event.eventId);
        events += write.events.length;
      }
    }
    expect({ events, appends, streams: revisions.size }).toEqual({
      events: 3000,
      appends: header.appends,
      streams: header.streams,
    });
    expect(short).toBeLessThanOrEqual(1);
    expect(eventIds.size).toBe(3000);
    expect(finalRevisionsChecksum(revisions)).toBe(header.finalRevisionsChecksum);
    expect(header.events).toBe(3000);
  });
});
