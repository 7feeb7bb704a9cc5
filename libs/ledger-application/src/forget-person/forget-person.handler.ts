import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isDomainError, personDecider, streamName } from '@ledger/ledger-domain';
import { commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { ForgetPersonCommand, type ForgetPersonInput } from './forget-person.command.js';

/**
 * Forgets a person in two idempotent steps, in this order: record PersonalDataErased on
 * `person-<id>` (already recorded counts as done), then destroy the key. A forget that stopped
 * between the two is completed by a retry. Once the key is gone every event holding the person's
 * data reads as erased; the log and its hash chain stay as written.
 */
@CommandHandler(ForgetPersonCommand)
export class ForgetPersonHandler implements ICommandHandler<ForgetPersonCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_KEY_STORE) private readonly keys: PersonalKeyStore,
  ) {}

  async execute({ input, context }: ForgetPersonCommand): Promise<CommandOutcome> {
    const outcome = await this.recordErasure(input, context);
    await this.keys.destroyKey(input.personId, context.now);
    return outcome;
  }

  /** Records the erasure, or answers with the one recorded before (`replayed`). */
  private async recordErasure(input: ForgetPersonInput, context: CommandContext): Promise<CommandOutcome> {
    const stream = streamName('person', input.personId);
    const personalDataRecorded = (await this.keys.getKey(input.personId)).status !== 'unknown';
    const describe = { type: 'ForgetPerson', input, stream, reason: input.reason };
    try {
      return await runCommand(this.store, context, describe, () => [
        commandStep({
          stream,
          decider: personDecider,
          command: () => ({ type: 'ErasePersonalData' as const, data: { ...input, personalDataRecorded } }),
        }),
      ]);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'PERSON.ALREADY_ERASED') throw error;
      return this.recordedBefore(stream, context);
    }
  }

  /** Where the earlier erasure was written, for a forget that finds the person erased already. */
  private async recordedBefore(stream: string, context: CommandContext): Promise<CommandOutcome> {
    const { revision, events } = await this.store.readStream(stream);
    const erasure = events.find((event) => event.type === 'PersonalDataErased');
    if (erasure === undefined) throw new Error(`${stream} holds no PersonalDataErased`);
    return {
      commandId: context.commandId,
      stream,
      revision,
      position: erasure.globalPosition,
      eventIds: [erasure.eventId],
      replayed: true,
    };
  }
}
