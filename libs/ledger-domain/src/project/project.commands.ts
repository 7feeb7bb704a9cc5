import type { DomainCommand } from '../shared/decider.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import type { CollaborativeProjectStarted } from './project.events.js';

export type StartCollaborativeProject = DomainCommand<
  'StartCollaborativeProject',
  CollaborativeProjectStarted['data'] & { programme: ProgrammeState }
>;
export type ProjectCommand = StartCollaborativeProject;
