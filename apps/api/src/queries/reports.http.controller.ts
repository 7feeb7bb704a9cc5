import { Controller, Get, Inject, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { LedgerSeals, type SealRequest } from '@ledger/audit';
import { EVENT_STORE, type EventStore, type Position } from '@ledger/event-store';
import { correlationIdOf } from '@ledger/observability';
import {
  PROJECTION_NAMES,
  type ProgrammeImpactTables,
  recordedAtOf,
  type RunnerTables,
} from '@ledger/projections';
import {
  impactReportFromReadStore,
  type ImpactReport,
  renderImpactCsv,
  renderImpactHtml,
} from '@ledger/reporting';
import { principalOf } from '../auth/principal.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParam } from '../http/id.param.js';
import { problem } from '../http/problem-details.js';
import { IsIsoDate } from '../http/validators.js';
import { ReadModels } from '../read-models/read-models.service.js';
import type { ReadModelsView } from '../read-models/read-models.view.js';
import { ReadYourWritesQuery } from './query.params.js';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;

export class ImpactReportQuery extends ReadYourWritesQuery {
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  format?: (typeof REPORT_FORMATS)[number];

  @IsOptional()
  @IsIsoDate()
  @ApiPropertyOptional({ format: 'date', description: 'Period start; the programme’s by default' })
  from?: string;

  @IsOptional()
  @IsIsoDate()
  @ApiPropertyOptional({ format: 'date', description: 'Period end; the programme’s by default' })
  to?: string;

  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: '$property must be a ledger position' })
  @ApiPropertyOptional({
    description: 'List corrections recorded after this position (the previous report’s)',
  })
  correctionsSince?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('programmes/:programmeId/reports')
export class ReportsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly seals: LedgerSeals,
  ) {}

  @Get('impact')
  @Requires('read')
  @ApiOperation({
    summary:
      'The DCMS impact report as JSON, CSV or a printable HTML page with charts, stating the seal that covers it (the log is sealed now when none does yet); with asAt, as the ledger stood then (the same position always gives the same JSON)',
  })
  async impact(
    @IdParam('programmeId') programmeId: string,
    @Query() query: ImpactReportQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImpactReport | string> {
    const generatedAt = new Date().toISOString();
    const report = await this.readModels.read(query, [PROJECTION_NAMES.programmeImpact], res, (view) =>
      this.build(view, programmeId, query, sealRequestOf(request)),
    );
    res.setHeader('X-Ledger-Position', report.ledgerPosition);
    // The wall clock stays out of the report, so that the same position always gives the same JSON.
    res.setHeader('X-Generated-At', generatedAt);
    if (query.format === 'csv') {
      res.type('text/csv').attachment(`impact-${programmeId}-${report.ledgerPosition}.csv`);
      return renderImpactCsv(report);
    }
    if (query.format === 'html') {
      res.type('html');
      return renderImpactHtml(report, { generatedAt });
    }
    return report;
  }

  private async build(
    view: ReadModelsView,
    programmeId: string,
    query: ImpactReportQuery,
    sealRequest: SealRequest,
  ): Promise<ImpactReport> {
    const { from, to, correctionsSince } = query;
    const report = await impactReportFromReadStore(view.model<ProgrammeImpactTables & RunnerTables>(), {
      programmeId,
      // A GET may append a seal: a report must state a seal, and only a seal made now can cover
      // what no seal covers yet. The same position keeps its earliest covering seal afterwards.
      sealAt: (checkpoint: Position) => this.seals.forReport(checkpoint, { request: sealRequest }),
      recordedAtOf: (position: Position) => recordedAtOf(this.events, position),
      comparePositions: (a: Position, b: Position) => this.events.comparePositions(a, b),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(correctionsSince
        ? { correctionsSince: this.readModels.parsePosition(correctionsSince, 'correctionsSince') }
        : {}),
    });
    if (!report) {
      throw new NotFoundException(
        problem(404, 'PROGRAMME.NOT_FOUND', 'Not found', `No programme ${programmeId}`),
      );
    }
    return report;
  }
}

/** Who asked for the report: the actor of a seal it makes. */
function sealRequestOf(request: Request): SealRequest {
  const { id, role } = principalOf(request);
  const correlationId = correlationIdOf(request);
  return { actor: { id, role }, ...(correlationId ? { correlationId } : {}) };
}
