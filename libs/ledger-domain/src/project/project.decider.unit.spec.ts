import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { programmeDecider } from '../programme/programme.decider.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { ProjectCommand, StartCollaborativeProject } from './project.commands.js';
import { projectDecider } from './project.decider.js';
import type { CollaborativeProjectStarted, ProjectEvent } from './project.events.js';

const spec = deciderSpec(projectDecider, { now: '2018-06-01T12:00:00.000Z' });
const programmeId = 'prog-1';
const programme = fold(programmeDecider, [
  {
    type: 'ProgrammeLaunched',
    data: {
      programmeId,
      name: 'Connected Communities Accelerator',
      funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
      deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
      challengeAreas: ['loneliness', 'digital-inclusion'],
      startDate: '2018-01-01',
      endDate: '2019-12-31',
      grantBudget: pence(10_000_000),
      currency: 'GBP',
      targets: {},
    },
  },
  { type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-05-01' } },
]);

const data: CollaborativeProjectStarted['data'] = {
  projectId: 'proj-1',
  programmeId,
  title: 'Digital buddies',
  leadOrganisations: ['GB-CHC-1157607', 'GB-CHC-1144091'],
  challengeArea: 'loneliness',
  startedOn: '2018-04-01',
};
const started: ProjectEvent = { type: 'CollaborativeProjectStarted', data };
const start = (
  overrides: Partial<StartCollaborativeProject['data']> = {},
  onProgramme: ProgrammeState = programme,
): ProjectCommand => ({
  type: 'StartCollaborativeProject',
  data: { ...data, programme: onProgramme, ...overrides },
});

describe('project decider', () => {
  it('given a programme, even a closed one, when a project starts, then CollaborativeProjectStarted', () => {
    spec.given([]).when(start()).then([started]);
  });
  it('given a started project, when started again, then PROJECT.ALREADY_STARTED (conflict)', () => {
    expect(spec.given([started]).when(start()).thenThrows('PROJECT.ALREADY_STARTED').kind).toBe('conflict');
  });
  it('given no programme, when a project starts, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([])
      .when(start({}, { status: 'none' }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a programme, when the challenge area is not one of its own, then PROJECT.UNKNOWN_CHALLENGE_AREA', () => {
    spec
      .given([])
      .when(start({ challengeArea: 'space' }))
      .thenThrows('PROJECT.UNKNOWN_CHALLENGE_AREA');
  });
  it('given a programme, when no lead organisation is named, then PROJECT.LEAD_REQUIRED', () => {
    spec
      .given([])
      .when(start({ leadOrganisations: [] }))
      .thenThrows('PROJECT.LEAD_REQUIRED');
    spec
      .given([])
      .when(start({ leadOrganisations: [' '] }))
      .thenThrows('PROJECT.LEAD_REQUIRED');
  });
  it('given a programme, when the project starts tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(start({ startedOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given a programme started on 1 January 2018, when a project starts on 31 December 2017, then DATE.BEFORE_PROGRAMME_START', () => {
    spec
      .given([])
      .when(start({ startedOn: '2017-12-31' }))
      .thenThrows('DATE.BEFORE_PROGRAMME_START');
  });
  it('given a programme started on 1 January 2018, when a project starts that day, then it is started', () => {
    spec
      .given([])
      .when(start({ startedOn: '2018-01-01' }))
      .then([{ type: 'CollaborativeProjectStarted', data: { ...data, startedOn: '2018-01-01' } }]);
  });
  it('given a programme, when a project starts on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec
      .given([])
      .when(start({ startedOn: '0000-01-01' }))
      .thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given a start, when folded, then a started project', () => {
    expect(fold(projectDecider, [started])).toEqual({ status: 'started', projectId: 'proj-1', programmeId });
  });
});
