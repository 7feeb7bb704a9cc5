import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';

export type CollaborativeProjectStarted = DomainEvent<
  'CollaborativeProjectStarted',
  {
    projectId: string;
    programmeId: string;
    title: string;
    leadOrganisations: readonly string[];
    challengeArea: string;
    startedOn: IsoDate;
  }
>;
export type ProjectEvent = CollaborativeProjectStarted;
