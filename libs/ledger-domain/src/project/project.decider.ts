import { assertNotBeforeStart, requireProgramme } from '../programme/programme.guards.js';
import { assertFactDate } from '../shared/dates.js';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { conflict, ruleBroken } from '../shared/errors.js';
import type { ProjectCommand, StartCollaborativeProject } from './project.commands.js';
import type { ProjectEvent } from './project.events.js';
import type { ProjectState } from './project.state.js';

const initialState: ProjectState = { status: 'none' };

function start(
  { data }: StartCollaborativeProject,
  state: ProjectState,
  { now }: DecisionContext,
): ProjectEvent[] {
  if (state.status !== 'none') {
    throw conflict('PROJECT.ALREADY_STARTED', `Project ${data.projectId} is already started`);
  }
  const programme = requireProgramme(data.programme);
  if (!programme.challengeAreas.includes(data.challengeArea)) {
    throw ruleBroken(
      'PROJECT.UNKNOWN_CHALLENGE_AREA',
      `${data.challengeArea} is not a challenge area of the programme`,
      {
        challengeArea: data.challengeArea,
        challengeAreas: programme.challengeAreas,
      },
    );
  }
  if (!data.leadOrganisations.some((lead) => lead.trim() !== '')) {
    throw ruleBroken('PROJECT.LEAD_REQUIRED', 'A collaborative project needs at least one lead organisation');
  }
  assertFactDate(data.startedOn, now, 'startedOn');
  // After the programme's end is fine: a project is one of its outcomes, and a closed programme has them.
  assertNotBeforeStart(programme, data.startedOn, 'startedOn');
  const { projectId, programmeId, title, leadOrganisations, challengeArea, startedOn } = data;
  return [
    {
      type: 'CollaborativeProjectStarted',
      data: { projectId, programmeId, title, leadOrganisations, challengeArea, startedOn },
    },
  ];
}

function decide(command: ProjectCommand, state: ProjectState, context: DecisionContext): ProjectEvent[] {
  switch (command.type) {
    case 'StartCollaborativeProject':
      return start(command, state, context);
    default:
      // A one-member union narrows its discriminant, not the object, so the check is on the type.
      return assertNever(command.type);
  }
}

function evolve(state: ProjectState, event: ProjectEvent): ProjectState {
  switch (event.type) {
    case 'CollaborativeProjectStarted':
      return { status: 'started', projectId: event.data.projectId, programmeId: event.data.programmeId };
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event.type;
      return state;
    }
  }
}

export const projectDecider: Decider<ProjectState, ProjectCommand, ProjectEvent> = {
  decide,
  evolve,
  initialState,
};
