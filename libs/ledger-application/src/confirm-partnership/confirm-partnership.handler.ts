import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  introductionDecider,
  type IntroductionState,
  partnershipDecider,
  programmeDecider,
  type ProgrammeState,
  streamName,
} from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { ConfirmPartnershipCommand } from './confirm-partnership.command.js';

/**
 * Confirms a partnership and marks its introduction converted in one atomic append, so two racing
 * confirmations of one introduction cannot both succeed.
 */
@CommandHandler(ConfirmPartnershipCommand)
export class ConfirmPartnershipHandler implements ICommandHandler<ConfirmPartnershipCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: ConfirmPartnershipCommand): Promise<CommandOutcome> {
    const stream = streamName('partnership', input.partnershipId);
    const introductionStream = streamName('introduction', input.introductionId);
    return runCommand(this.store, context, { type: 'ConfirmPartnership', input, stream }, async () => {
      const introduction = await aggregateStream(this.store, introductionStream, introductionDecider);
      const programme = await this.programmeOf(introduction.state);
      const previousPartnershipVoided = await this.previousPartnershipVoided(introduction.state);
      const { partnershipId, introductionId, innovatorId, partnerId, confirmedOn } = input;
      return [
        commandStep({
          stream,
          decider: partnershipDecider,
          command: () => ({
            type: 'ConfirmPartnership' as const,
            data: { ...input, introduction: introduction.state, programme, previousPartnershipVoided },
          }),
          expectedRevision: context.expectedRevision,
        }),
        commandStep({
          stream: introductionStream,
          decider: introductionDecider,
          loaded: introduction,
          command: () => ({
            type: 'ConvertIntroduction' as const,
            data: {
              introductionId,
              partnershipId,
              innovatorId,
              partnerId,
              convertedOn: confirmedOn,
              previousPartnershipVoided,
            },
          }),
        }),
      ];
    });
  }

  private async programmeOf(introduction: IntroductionState): Promise<ProgrammeState> {
    if (introduction.status === 'none') return { status: 'none' };
    const stream = streamName('programme', introduction.programmeId);
    return (await aggregateStream(this.store, stream, programmeDecider)).state;
  }

  /** A voided partnership never happened, so its introduction may be converted again. */
  private async previousPartnershipVoided(introduction: IntroductionState): Promise<boolean> {
    if (introduction.status !== 'converted') return false;
    const stream = streamName('partnership', introduction.partnershipId);
    const previous = await aggregateStream(this.store, stream, partnershipDecider);
    return previous.state.status === 'voided';
  }
}
