import { BadRequestException, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetStreamEventsQuery } from '@ledger/ledger-application';
import type { ReadStreamResult } from '@ledger/event-store';
import { Requires } from '../auth/requires.decorator.js';
import { problem } from '../http/problem-details.js';

@ApiTags('streams')
@ApiBearerAuth()
@Controller('streams')
export class StreamsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':stream')
  @Requires('read')
  @ApiOperation({
    summary: 'Every event of one stream (e.g. grant-<id>) with its full envelope; ETag is its revision',
  })
  @ApiQuery({ name: 'fromRevision', required: false })
  @ApiQuery({ name: 'maxCount', required: false })
  async events(
    @Param('stream') stream: string,
    @Query('fromRevision') fromRevision: string | undefined,
    @Query('maxCount') maxCount: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<(ReadStreamResult & { stream: string }) | undefined> {
    const query = new GetStreamEventsQuery(
      stream,
      integerParam('fromRevision', fromRevision, 0, 0),
      integerParam('maxCount', maxCount, 1000, 1),
    );
    const result = await this.queries.execute(query);
    const etag = `W/"${result.revision}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304);
      return undefined;
    }
    return result;
  }
}

function integerParam(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(parsed) || parsed < min) {
    const message = `${name} must be a whole number of at least ${min}`;
    throw new BadRequestException(
      problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
        errors: [{ field: name, messages: [message] }],
      }),
    );
  }
  return parsed;
}
