import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  Redirect,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsISO8601, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { CATEGORIES, parseStreamName } from '@ledger/ledger-domain';
import {
  type AuditEntry,
  type AuditEventsPage,
  type AuditTrailTables,
  entityHistory,
  PROJECTION_NAMES,
  searchEvents,
} from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { historyPage } from '../browser/history.page.js';
import { problem } from '../http/problem-details.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { FormatQuery, LimitQuery } from './query.params.js';

export class SearchEventsQuery extends LimitQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ description: 'A stream (grant-g1) or an entity id' })
  entity?: string;

  @IsOptional()
  @Matches(new RegExp(`^(${CATEGORIES.join('|')})$`))
  @ApiPropertyOptional({ enum: CATEGORIES })
  category?: string;

  @IsOptional() @IsString() @MaxLength(200) @ApiPropertyOptional() actorId?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @Matches(/^[A-Za-z]{1,100}$/, { each: true })
  @ApiPropertyOptional({ description: 'Event types, comma separated', type: String })
  type?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiPropertyOptional({ description: 'recordedAt from (inclusive)' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiPropertyOptional({ description: 'recordedAt to (exclusive)' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  after?: number;
}

@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('events')
  @Requires('read')
  @ApiOperation({
    summary: 'Search every event by entity, actor, type and recorded date, with the full envelope',
  })
  async search(
    @Query() query: SearchEventsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEventsPage> {
    const { atLeast: _atLeast, asAt: _asAt, ...filters } = query;
    return this.readModels.read(query, [PROJECTION_NAMES.auditTrail], res, (view) =>
      searchEvents(view.model<AuditTrailTables>(), filters),
    );
  }

  /** The index page's form: opens an entity's history as a page. */
  @Get('history')
  @Requires('read')
  @Redirect()
  @ApiOperation({ summary: 'Redirects to the HTML history of ?stream=' })
  open(@Query('stream') stream: string | undefined): { url: string; statusCode: number } {
    if (typeof stream !== 'string' || !parseStreamName(stream)) {
      const message = 'stream must name a stream such as grant-<id>';
      throw new BadRequestException(
        problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
          errors: [{ field: 'stream', messages: [message] }],
        }),
      );
    }
    return { url: `/audit/streams/${encodeURIComponent(stream)}?format=html`, statusCode: 303 };
  }

  @Get('streams/:stream')
  @Requires('read')
  @ApiOperation({
    summary:
      'The full ordered history of one entity (e.g. grant-<id>), each correction next to what it corrected',
  })
  async history(
    @Param('stream') stream: string,
    @Query() query: FormatQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ stream: string; events: AuditEntry[] } | string> {
    const events = await this.readModels.read(query, [PROJECTION_NAMES.auditTrail], res, (view) =>
      parseStreamName(stream) ? entityHistory(view.model<AuditTrailTables>(), stream) : Promise.resolve([]),
    );
    if (events.length === 0) {
      throw new NotFoundException(problem(404, 'STREAM.NOT_FOUND', 'Not found', `No history for ${stream}`));
    }
    if (query.format === 'html') {
      res.type('html');
      return historyPage(stream, events);
    }
    return { stream, events };
  }
}
