import type { Targets } from '@ledger/ledger-domain';
import { type ImpactHandlers, unknownEntity } from './programme-impact.handler.js';

type ProgrammeEventType =
  | 'ProgrammeLaunched'
  | 'ProgrammeTargetSet'
  | 'ProgrammeClosed'
  | 'GrantBudgetRaised'
  | 'InnovatorEnrolled'
  | 'InnovatorWithdrawn'
  | 'CollaborativeProjectStarted';

/** The programme itself, its innovators and the collaborative projects it started. */
export const programmeHandlers: ImpactHandlers<ProgrammeEventType> = {
  ProgrammeLaunched: async (trx, data) => {
    await trx
      .insertInto('impact_programmes')
      .values({
        programme_id: data.programmeId,
        name: data.name,
        funder_name: data.funder.name,
        funder_org_id: data.funder.orgId,
        delivery_partner_name: data.deliveryPartner.name,
        delivery_partner_org_id: data.deliveryPartner.orgId,
        challenge_areas: JSON.stringify(data.challengeAreas),
        start_date: data.startDate,
        end_date: data.endDate,
        grant_budget: data.grantBudget,
        targets: JSON.stringify(data.targets),
        status: 'running',
        closed_on: null,
      })
      .execute();
  },
  ProgrammeTargetSet: async (trx, data, event) => {
    const row = await trx
      .selectFrom('impact_programmes')
      .select('targets')
      .where('programme_id', '=', data.programmeId)
      .executeTakeFirst();
    if (!row) throw unknownEntity('programme', data.programmeId, event);
    const targets = { ...(JSON.parse(row.targets) as Targets), [data.metric]: data.value };
    await trx
      .updateTable('impact_programmes')
      .set({ targets: JSON.stringify(targets) })
      .where('programme_id', '=', data.programmeId)
      .execute();
  },
  ProgrammeClosed: async (trx, data) => {
    await trx
      .updateTable('impact_programmes')
      .set({ status: 'closed', closed_on: data.closedOn })
      .where('programme_id', '=', data.programmeId)
      .execute();
  },
  GrantBudgetRaised: async (trx, data) => {
    await trx
      .updateTable('impact_programmes')
      .set({ grant_budget: data.to })
      .where('programme_id', '=', data.programmeId)
      .execute();
  },
  InnovatorEnrolled: async (trx, data) => {
    await trx
      .insertInto('impact_innovators')
      .values({
        innovator_id: data.innovatorId,
        programme_id: data.programmeId,
        name: data.name,
        challenge_area: data.challengeArea,
        status: 'enrolled',
        enrolled_on: data.enrolledOn,
        withdrawn_on: null,
      })
      .execute();
  },
  InnovatorWithdrawn: async (trx, data) => {
    await trx
      .updateTable('impact_innovators')
      .set({ status: 'withdrawn', withdrawn_on: data.withdrawnOn })
      .where('innovator_id', '=', data.innovatorId)
      .execute();
  },
  CollaborativeProjectStarted: async (trx, data) => {
    await trx
      .insertInto('impact_projects')
      .values({
        project_id: data.projectId,
        programme_id: data.programmeId,
        title: data.title,
        lead_organisations: JSON.stringify(data.leadOrganisations),
        challenge_area: data.challengeArea,
        started_on: data.startedOn,
      })
      .execute();
  },
};
