import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import {
  closed,
  confirmed,
  enrolled,
  type Introduction,
  introduced,
  introductionVoided,
  partner,
  partnershipVoided,
} from './introduction-funnel.fixtures.spec.js';
import { introductionFunnelProjection } from './introduction-funnel.projection.js';
import type { IntroductionFunnelTables } from './introduction-funnel.tables.js';

const spec = projectionSpec<IntroductionFunnelTables>(introductionFunnelProjection);

const i1: Introduction = {
  introductionId: 'i-1',
  innovatorId: 'inn-1',
  partnerId: 'par-1',
  madeOn: '2017-10-30',
};
const setting = [partner('par-1', 'civil-society'), enrolled('inn-1', 'mental-health'), introduced(i1)];

const progress = [
  'status',
  'partnership_id',
  'partnership_kind',
  'confirmed_on',
  'days_to_partnership',
] as const;

describe('introduction funnel projection', () => {
  it('given a registered partner and an enrolled innovator, when an introduction is made, then it is open with the partner’s sector, the innovator’s challenge area and its month', async () => {
    await spec.given(setting).then(async (db) => {
      expect(await db.selectFrom('funnel_introductions').selectAll().execute()).toEqual([
        {
          introduction_id: 'i-1',
          programme_id: 'iep',
          innovator_id: 'inn-1',
          partner_id: 'par-1',
          partner_sector: 'civil-society',
          challenge_area: 'mental-health',
          made_on: '2017-10-30',
          month: '2017-10',
          status: 'open',
          partnership_id: null,
          partnership_kind: null,
          confirmed_on: null,
          days_to_partnership: null,
        },
      ]);
    });
  });

  it('given an open introduction, when a partnership is confirmed from it, then it is converted, with the whole days it took', async () => {
    await spec.given([...setting, ...confirmed('p-1', i1, '2017-12-04')]).then(async (db) => {
      expect(await db.selectFrom('funnel_introductions').select(progress).execute()).toEqual([
        {
          status: 'converted',
          partnership_id: 'p-1',
          partnership_kind: 'funding',
          confirmed_on: '2017-12-04',
          days_to_partnership: 35,
        },
      ]);
    });
  });

  it('given an open introduction, when it is closed, then it is closed', async () => {
    await spec.given([...setting, closed('i-1')]).then(async (db) => {
      expect(await db.selectFrom('funnel_introductions').select('status').execute()).toEqual([
        { status: 'closed' },
      ]);
    });
  });

  it('given a converted introduction, when its partnership is voided, then it is open again without a partnership', async () => {
    await spec
      .given([...setting, ...confirmed('p-1', i1, '2017-12-04'), partnershipVoided('p-1')])
      .then(async (db) => {
        expect(await db.selectFrom('funnel_introductions').select(progress).execute()).toEqual([
          {
            status: 'open',
            partnership_id: null,
            partnership_kind: null,
            confirmed_on: null,
            days_to_partnership: null,
          },
        ]);
      });
  });

  it('given an introduction whose partnership was voided, when it is converted again, then the new partnership counts', async () => {
    await spec
      .given([
        ...setting,
        ...confirmed('p-1', i1, '2017-12-04'),
        partnershipVoided('p-1'),
        ...confirmed('p-2', i1, '2017-11-09', 'delivery'),
      ])
      .then(async (db) => {
        expect(await db.selectFrom('funnel_introductions').select(progress).execute()).toEqual([
          {
            status: 'converted',
            partnership_id: 'p-2',
            partnership_kind: 'delivery',
            confirmed_on: '2017-11-09',
            days_to_partnership: 10,
          },
        ]);
      });
  });

  it('given a converted introduction, when the introduction is voided, then it is voided', async () => {
    await spec
      .given([...setting, ...confirmed('p-1', i1, '2017-12-04'), introductionVoided('i-1')])
      .then(async (db) => {
        expect(await db.selectFrom('funnel_introductions').select('status').execute()).toEqual([
          { status: 'voided' },
        ]);
      });
  });

  it('given a voided introduction, when a closure arrives, then it stays voided', async () => {
    await spec.given([...setting, introductionVoided('i-1'), closed('i-1')]).then(async (db) => {
      expect(await db.selectFrom('funnel_introductions').select('status').execute()).toEqual([
        { status: 'voided' },
      ]);
    });
  });

  it('given an introduction to a partner never registered, then the projection stops with an error naming the partner', async () => {
    await expect(
      spec.given([enrolled('inn-1', 'mental-health'), introduced(i1)]).then(() => Promise.resolve()),
    ).rejects.toThrow('IntroductionMade refers to partner par-1, never recorded');
  });
});
