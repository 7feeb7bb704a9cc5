import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Public } from '../auth/requires.decorator.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Public: says whether the ledger can read its log, and nothing about its contents. */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and event store reachability (no token needed)' })
  async health(): Promise<{ status: 'ok' }> {
    await this.store.headPosition();
    return { status: 'ok' };
  }
}
