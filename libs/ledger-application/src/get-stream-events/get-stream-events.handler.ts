import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound, parseStreamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore, type ReadStreamResult } from '@ledger/event-store';
import { GetStreamEventsQuery } from './get-stream-events.query.js';

/** Any stream's events with every envelope field; an unknown stream is STREAM.NOT_FOUND. */
@QueryHandler(GetStreamEventsQuery)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({
    stream,
    fromRevision,
    maxCount,
  }: GetStreamEventsQuery): Promise<ReadStreamResult & { stream: string }> {
    const result = parseStreamName(stream)
      ? await this.store.readStream(stream, { fromRevision, maxCount })
      : undefined;
    if (!result || result.revision === -1)
      throw notFound('STREAM.NOT_FOUND', `No stream named ${stream}`, { stream });
    return { stream, ...result };
  }
}
