import { describe, expect, it } from '@jest/globals';
import { type GivenEvent, projectionSpec } from '@ledger/testing';
import { awarded, committed, corrected, introduced, revoked, voided } from './audit-trail.fixtures.spec.js';
import { auditTrailProjection } from './audit-trail.projection.js';
import { entityHistory, searchEvents } from './audit-trail.queries.js';
import type { AuditTrailTables } from './audit-trail.tables.js';

const spec = projectionSpec<AuditTrailTables>(auditTrailProjection);

const at = (event: GivenEvent, recordedAt: string): GivenEvent => ({ ...event, recordedAt });

/** Two grants and an introduction, recorded over three days; g-1 is corrected by an admin. */
const ledger: GivenEvent[] = [
  at(awarded('g-1'), '2018-01-01T09:00:00.000Z'),
  at(committed('g-1'), '2018-01-01T09:00:00.000Z'),
  at(introduced('g-2'), '2018-01-01T10:00:00.000Z'),
  at(awarded('g-2'), '2018-01-02T09:00:00.000Z'),
  at(corrected('g-1', 2_000_000, 1_500_000, 'Typo'), '2018-01-02T10:00:00.000Z'),
  at(revoked('g-2'), '2018-01-03T09:00:00.000Z'),
  at(voided('g-1'), '2018-01-03T10:00:00.000Z'),
];

const types = (page: { items: readonly { type: string }[] }) => page.items.map((item) => item.type);

describe('audit trail queries', () => {
  it('given a corrected and voided grant among other events, when its history is read, then it comes in order, each correction next to what it corrects', async () => {
    await spec.given(ledger).then(async (db, recorded) => {
      const history = await entityHistory(db, 'grant-g-1');
      const award = recorded[0];
      expect(history.map(({ type, streamRevision }) => ({ type, streamRevision }))).toEqual([
        { type: 'GrantAwarded', streamRevision: 0 },
        { type: 'GrantAmountCorrected', streamRevision: 1 },
        { type: 'GrantAwardVoided', streamRevision: 2 },
      ]);
      expect(history[0]).toEqual({
        seq: 1,
        position: award?.globalPosition,
        eventId: award?.eventId,
        type: 'GrantAwarded',
        stream: 'grant-g-1',
        category: 'grant',
        entityId: 'g-1',
        streamRevision: 0,
        occurredAt: award?.occurredAt,
        recordedAt: '2018-01-01T09:00:00.000Z',
        schemaVersion: 1,
        data: award?.data,
        metadata: award?.metadata,
        corrects: null,
      });
      const correction = { eventId: award?.eventId, type: 'GrantAwarded', streamRevision: 0 };
      expect(history[1]).toMatchObject({
        metadata: { reason: 'Typo', actor: { role: 'admin' } },
        corrects: correction,
      });
      expect(history[2]?.corrects).toEqual(correction);
    });
  });

  it('given no events for a stream, when its history is read, then it is empty', async () => {
    await spec.given(ledger).then(async (db) => {
      expect(await entityHistory(db, 'grant-g-404')).toEqual([]);
    });
  });

  it('given events of many entities, when searched by stream name, then only that stream’s events come back', async () => {
    await spec.given(ledger).then(async (db) => {
      const page = await searchEvents(db, { entity: 'grant-g-2' });
      expect(types(page)).toEqual(['GrantAwarded', 'GrantRevoked']);
      expect(page.nextCursor).toBeNull();
    });
  });

  it('given a grant and an introduction with the same id, when searched by entity id, then both match unless a category pins one', async () => {
    await spec.given(ledger).then(async (db) => {
      expect(types(await searchEvents(db, { entity: 'g-2' }))).toEqual([
        'IntroductionMade',
        'GrantAwarded',
        'GrantRevoked',
      ]);
      expect(types(await searchEvents(db, { entity: 'g-2', category: 'introduction' }))).toEqual([
        'IntroductionMade',
      ]);
    });
  });

  it('given events by several actors, when searched by actor, then only that actor’s events come back', async () => {
    await spec.given(ledger).then(async (db) => {
      expect(types(await searchEvents(db, { actorId: 'admin-1' }))).toEqual([
        'GrantAmountCorrected',
        'GrantAwardVoided',
      ]);
    });
  });

  it('given events of many types, when searched by one type or several, then only those types come back', async () => {
    await spec.given(ledger).then(async (db) => {
      expect(types(await searchEvents(db, { type: 'GrantAwarded' }))).toEqual([
        'GrantAwarded',
        'GrantAwarded',
      ]);
      expect(types(await searchEvents(db, { type: ['GrantRevoked', 'GrantAwardVoided'] }))).toEqual([
        'GrantRevoked',
        'GrantAwardVoided',
      ]);
      expect(await searchEvents(db, { type: [] })).toMatchObject({ items: { length: 7 } });
    });
  });

  it('given events over three days, when searched by a recordedAt range, then from is inclusive and to exclusive', async () => {
    await spec.given(ledger).then(async (db) => {
      const page = await searchEvents(db, {
        from: '2018-01-01T10:00:00.000Z',
        to: '2018-01-03T00:00:00.000Z',
      });
      expect(types(page)).toEqual(['IntroductionMade', 'GrantAwarded', 'GrantAmountCorrected']);
      expect(types(await searchEvents(db, { category: 'grant', from: '2018-01-03' }))).toEqual([
        'GrantRevoked',
        'GrantAwardVoided',
      ]);
    });
  });

  it('given seven events, when paged three at a time, then the cursor walks every event once and ends with null', async () => {
    await spec.given(ledger).then(async (db) => {
      const first = await searchEvents(db, { limit: 3 });
      expect(first.items.map((item) => item.seq)).toEqual([1, 2, 3]);
      expect(first.nextCursor).toBe(3);
      const second = await searchEvents(db, { limit: 3, after: first.nextCursor ?? undefined });
      expect(second.items.map((item) => item.seq)).toEqual([4, 5, 6]);
      const third = await searchEvents(db, { limit: 3, after: second.nextCursor ?? undefined });
      expect(third.items.map((item) => item.seq)).toEqual([7]);
      expect(third.nextCursor).toBeNull();
    });
  });

  it('given 60 events, when searched without a limit or with one above 500, then pages hold 50 and everything', async () => {
    const many = Array.from({ length: 60 }, (_, i) => awarded(`g-${i}`));
    await spec.given(many).then(async (db) => {
      const byDefault = await searchEvents(db);
      expect(byDefault.items).toHaveLength(50);
      expect(byDefault.nextCursor).toBe(50);
      expect(await searchEvents(db, { limit: 10_000 })).toMatchObject({
        items: { length: 60 },
        nextCursor: null,
      });
    });
  });
});
