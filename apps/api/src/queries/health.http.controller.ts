import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Public } from '../auth/requires.decorator.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Public: says whether the ledger can read its log, and nothing about its contents. */
  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness and event store reachability (no token needed)' })
  async health(): Promise<{ status: 'ok' }> {
    await this.store.headPosition();
    return { status: 'ok' };
  }

  /** Browsers ask for an icon on every page; the ledger has none, and says so without an error. */
  @Get('favicon.ico')
  @Public()
  @HttpCode(204)
  @ApiExcludeEndpoint()
  favicon(): void {}
}
