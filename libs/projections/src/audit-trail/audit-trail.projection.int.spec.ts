import { describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { EVENT_TYPES } from '@ledger/ledger-domain';
import { type GivenEvent, projectionSpec } from '@ledger/testing';
import {
  awarded,
  committed,
  confirmed,
  corrected,
  introduced,
  introductionVoided,
  partnershipVoided,
  revoked,
  voided,
} from './audit-trail.fixtures.spec.js';
import { auditTrailProjection } from './audit-trail.projection.js';
import type { AuditTrailTables } from './audit-trail.tables.js';

const spec = projectionSpec<AuditTrailTables>(auditTrailProjection);

describe('audit trail projection', () => {
  it('given the event catalogue, then the projection listens to every type in it', () => {
    expect([...auditTrailProjection.eventTypes].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('given an award, then its row holds the whole envelope, with data and metadata as JSON', async () => {
    await spec.given([awarded('g-1')]).then(async (db, recorded) => {
      const event = recorded[0];
      expect(await db.selectFrom('audit_events').selectAll().execute()).toEqual([
        {
          seq: 1,
          position: event?.globalPosition,
          event_id: event?.eventId,
          stream: 'grant-g-1',
          category: 'grant',
          entity_id: 'g-1',
          type: 'GrantAwarded',
          stream_revision: 0,
          occurred_at: event?.occurredAt,
          recorded_at: event?.recordedAt,
          schema_version: 1,
          actor_id: 'principal-1',
          actor_role: 'programme-manager',
          command_id: 'command-1',
          correlation_id: 'correlation-1',
          causation_id: 'command-1',
          source: 'api',
          reason: null,
          data: JSON.stringify(event?.data),
          metadata: JSON.stringify(event?.metadata),
          corrects_event_id: null,
        },
      ]);
    });
  });

  it('given events on several streams, then each is recorded once, numbered in arrival order', async () => {
    await spec
      .given([awarded('g-1'), committed('g-1'), introduced('i-1'), awarded('g-2')])
      .then(async (db, recorded) => {
        const rows = await db
          .selectFrom('audit_events')
          .select(['seq', 'event_id', 'stream'])
          .orderBy('seq')
          .execute();
        expect(rows).toEqual(
          recorded.map((event, index) => ({ seq: index + 1, event_id: event.eventId, stream: event.stream })),
        );
      });
  });

  it('given an award, when it is corrected twice and voided, then the first correction corrects the award, the second the first, and the void the award', async () => {
    await spec
      .given([
        awarded('g-1'),
        corrected('g-1', 2_000_000, 1_800_000, 'Typo'),
        corrected('g-1', 1_800_000, 1_900_000, 'Typo again'),
        voided('g-1'),
      ])
      .then(async (db, recorded) => {
        const ids = recorded.map((event) => event.eventId);
        const rows = await db
          .selectFrom('audit_events')
          .select(['type', 'reason', 'actor_role', 'corrects_event_id'])
          .orderBy('seq')
          .execute();
        expect(rows).toEqual([
          { type: 'GrantAwarded', reason: null, actor_role: 'programme-manager', corrects_event_id: null },
          { type: 'GrantAmountCorrected', reason: 'Typo', actor_role: 'admin', corrects_event_id: ids[0] },
          {
            type: 'GrantAmountCorrected',
            reason: 'Typo again',
            actor_role: 'admin',
            corrects_event_id: ids[1],
          },
          {
            type: 'GrantAwardVoided',
            reason: 'Never happened',
            actor_role: 'admin',
            corrects_event_id: ids[0],
          },
        ]);
      });
  });

  it('given an award, when the same event is delivered again, then it keeps its one row and its place', async () => {
    await spec.given([awarded('g-1'), awarded('g-2')]).then(async (db, recorded) => {
      const first = recorded[0];
      if (!first) throw new Error('the spec records the given events');
      await db.transaction().execute((trx) => auditTrailProjection.handle(trx, first));
      const rows = await db.selectFrom('audit_events').select(['seq', 'stream']).orderBy('seq').execute();
      expect(rows).toEqual([
        { seq: 1, stream: 'grant-g-1' },
        { seq: 2, stream: 'grant-g-2' },
      ]);
    });
  });

  it('given a revoked award, then the revocation corrects the award', async () => {
    await spec.given([awarded('g-1'), revoked('g-1')]).then(async (db, recorded) => {
      const row = await db
        .selectFrom('audit_events')
        .select('corrects_event_id')
        .where('type', '=', 'GrantRevoked')
        .executeTakeFirstOrThrow();
      expect(row.corrects_event_id).toBe(recorded[0]?.eventId);
    });
  });

  it('given a voided introduction and a voided partnership, then each void corrects the event that made it', async () => {
    await spec
      .given([
        introduced('i-1'),
        confirmed('p-1', 'i-1'),
        partnershipVoided('p-1'),
        introductionVoided('i-1'),
      ])
      .then(async (db, recorded) => {
        const rows = await db
          .selectFrom('audit_events')
          .select(['type', 'corrects_event_id'])
          .orderBy('seq')
          .execute();
        expect(rows).toEqual([
          { type: 'IntroductionMade', corrects_event_id: null },
          { type: 'PartnershipConfirmed', corrects_event_id: null },
          { type: 'PartnershipVoided', corrects_event_id: recorded[1]?.eventId },
          { type: 'IntroductionVoided', corrects_event_id: recorded[0]?.eventId },
        ]);
      });
  });

  it('given a programme event about a grant, then it is filed under the programme stream it was written to', async () => {
    await spec.given([committed('g-1')]).then(async (db) => {
      expect(
        await db.selectFrom('audit_events').select(['stream', 'category', 'entity_id']).executeTakeFirst(),
      ).toEqual({ stream: 'programme-iep', category: 'programme', entity_id: 'iep' });
    });
  });

  it('given an event on a stream outside the catalogue, then it is still recorded, without category or entity', async () => {
    await spec.given([{ ...awarded('g-1'), stream: 'legacy-g-1' }]).then(async (db) => {
      expect(
        await db.selectFrom('audit_events').select(['stream', 'category', 'entity_id']).executeTakeFirst(),
      ).toEqual({ stream: 'legacy-g-1', category: null, entity_id: null });
    });
  });

  describe('a forgotten person', () => {
    const partner = (partnerId: string, personId: string, name: string): GivenEvent => ({
      type: 'PartnerRegistered',
      data: {
        partnerId,
        name: `${partnerId} Bank`,
        sector: 'business',
        contactPerson: { personId, name, email: `${name}@example.org` },
      },
    });
    const erased = (personId: string): GivenEvent => ({
      type: 'PersonalDataErased',
      stream: `person-${personId}`,
      data: { personId, erasedAt: '2019-03-01T09:30:00.000Z' },
      metadata: { actor: { id: 'admin-1', role: 'admin' }, reason: 'Erasure request 2019-17' },
    });
    const contacts = (db: Kysely<AuditTrailTables>) =>
      db
        .selectFrom('audit_events')
        .select(['type', 'data'])
        .orderBy('seq')
        .execute()
        .then((rows) =>
          rows.map((row) => [row.type, (JSON.parse(row.data) as { contactPerson?: unknown }).contactPerson]),
        );

    it('given two partners with contact persons, when one person is erased, then their earlier row reads erased, the other stays, and the erasure has its row', async () => {
      await spec
        .given([
          partner('p1', 'contact-p1', 'Zelda'),
          partner('p2', 'contact-p2', 'Quentin'),
          erased('contact-p1'),
        ])
        .then(async (db) => {
          expect(await contacts(db)).toEqual([
            ['PartnerRegistered', { personId: 'contact-p1', erased: true }],
            ['PartnerRegistered', { personId: 'contact-p2', name: 'Quentin', email: 'Quentin@example.org' }],
            ['PersonalDataErased', undefined],
          ]);
          const rows = await db
            .selectFrom('audit_events')
            .select(['type', 'reason', 'actor_role', 'data'])
            .orderBy('seq')
            .execute();
          expect(rows[0]?.data).toBe(
            JSON.stringify({
              partnerId: 'p1',
              name: 'p1 Bank',
              sector: 'business',
              contactPerson: { personId: 'contact-p1', erased: true },
            }),
          );
          expect(rows[2]).toMatchObject({ reason: 'Erasure request 2019-17', actor_role: 'admin' });
          expect(rows.map((row) => row.data).join('\n')).not.toContain('Zelda');
        });
    });

    it('given person ids that a LIKE wildcard would confuse, when one is erased, then only that one is', async () => {
      await spec
        .given([partner('p1', 'a_c', 'Underscore'), partner('p2', 'abc', 'Letters'), erased('a_c')])
        .then(async (db) => {
          expect(await contacts(db)).toEqual([
            ['PartnerRegistered', { personId: 'a_c', erased: true }],
            ['PartnerRegistered', { personId: 'abc', name: 'Letters', email: 'Letters@example.org' }],
            ['PersonalDataErased', undefined],
          ]);
        });
    });

    it('given an erasure, when it is delivered again or a registration arrives already erased (a rebuild after the forget), then the rows are the same', async () => {
      const readsErased: GivenEvent = {
        type: 'PartnerRegistered',
        data: {
          partnerId: 'p1',
          name: 'p1 Bank',
          sector: 'business',
          contactPerson: { personId: 'contact-p1', erased: true },
        },
      };
      await spec.given([readsErased, erased('contact-p1')]).then(async (db, recorded) => {
        const erasure = recorded[1];
        if (!erasure) throw new Error('the spec records the given events');
        await db.transaction().execute((trx) => auditTrailProjection.handle(trx, erasure));
        expect(await contacts(db)).toEqual([
          ['PartnerRegistered', { personId: 'contact-p1', erased: true }],
          ['PersonalDataErased', undefined],
        ]);
      });
    });

    it('given the projection, then it declares that it scrubs on PersonalDataErased', () => {
      expect(auditTrailProjection.scrubsOn).toEqual(['PersonalDataErased']);
    });
  });
});
