import {
  grantDecider,
  type GrantState,
  type Pence,
  pence,
  programmeDecider,
  type ProgrammeState,
  streamName,
} from '@ledger/ledger-domain';
import {
  type AggregateState,
  aggregateStream,
  type CommandStep,
  commandStep,
  type EventStore,
} from '@ledger/event-store';

export interface GrantWithProgramme {
  readonly grantStream: string;
  readonly grant: AggregateState<GrantState>;
  /** Absent when the grant does not exist (its decider then answers GRANT.NOT_FOUND). */
  readonly programme?: AggregateState<ProgrammeState> & { readonly stream: string };
}

/** Loads a grant and the programme whose budget it draws on. */
export async function loadGrantWithProgramme(
  store: EventStore,
  grantId: string,
): Promise<GrantWithProgramme> {
  const grantStream = streamName('grant', grantId);
  const grant = await aggregateStream(store, grantStream, grantDecider);
  if (grant.state.status === 'none') return { grantStream, grant };
  const stream = streamName('programme', grant.state.programmeId);
  const programme = await aggregateStream(store, stream, programmeDecider);
  return { grantStream, grant, programme: { ...programme, stream } };
}

/**
 * The programme step that moves a grant's committed funds by `delta` pence (positive commits,
 * negative releases). No step when nothing moves.
 */
export function moveFundsStep(loaded: GrantWithProgramme, delta: number, reason: string): CommandStep[] {
  const { programme, grant } = loaded;
  if (!programme || grant.state.status === 'none' || delta === 0) return [];
  const { programmeId, grantId } = grant.state;
  const amount: Pence = pence(Math.abs(delta));
  return [
    commandStep({
      stream: programme.stream,
      decider: programmeDecider,
      loaded: programme,
      command: () =>
        delta > 0
          ? { type: 'CommitGrantFunds' as const, data: { programmeId, grantId, amount } }
          : { type: 'ReleaseGrantFunds' as const, data: { programmeId, grantId, amount, reason } },
    }),
  ];
}

/** What a grant has committed on its programme's budget now. */
export function committedFor(loaded: GrantWithProgramme): number {
  const { programme, grant } = loaded;
  if (!programme || programme.state.status === 'none' || grant.state.status === 'none') return 0;
  return programme.state.committed[grant.state.grantId] ?? 0;
}
