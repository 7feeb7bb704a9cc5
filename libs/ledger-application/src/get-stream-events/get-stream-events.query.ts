import { Query } from '@nestjs/cqrs';
import type { ReadStreamResult } from '@ledger/event-store';

export class GetStreamEventsQuery extends Query<ReadStreamResult & { stream: string }> {
  constructor(
    readonly stream: string,
    readonly fromRevision = 0,
    readonly maxCount = 1000,
  ) {
    super();
  }
}
