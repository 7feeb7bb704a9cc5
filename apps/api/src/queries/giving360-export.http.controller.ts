import {
  BadRequestException,
  Controller,
  Get,
  HttpException,
  Inject,
  InternalServerErrorException,
  NotFoundException,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import { CONFIG, GIVING360_PREFIX_PATTERN, isHttpUrl, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import {
  buildGiving360Export,
  EXPORT_PROJECTIONS,
  type ExportSource,
  type ExportTables,
  type Giving360Export,
  type Giving360Package,
  giving360Validator,
  type GrantMappingOptions,
  readExportSource,
  renderGiving360Csv,
} from '@ledger/giving360';
import { PROJECTION_NAMES } from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { IdParam } from '../http/id.param.js';
import { problem } from '../http/problem-details.js';
import { READ_YOUR_WRITES_TIMEOUT_MS, ReadModels } from '../read-models/read-models.service.js';
import { ReadYourWritesQuery } from './query.params.js';

export const GIVING360_FORMATS = ['json', 'csv'] as const;

export class Giving360ExportQuery extends ReadYourWritesQuery {
  @IsOptional()
  @IsIn(GIVING360_FORMATS)
  @ApiPropertyOptional({ enum: GIVING360_FORMATS, default: 'json' })
  format?: (typeof GIVING360_FORMATS)[number];

  @IsOptional()
  @Matches(GIVING360_PREFIX_PATTERN, { message: '$property must be a 360Giving prefix, without 360G-' })
  @ApiPropertyOptional({
    description: 'The publisher’s 360Giving prefix; LEDGER_360GIVING_PREFIX by default',
  })
  prefix?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http:// or https:// URL' })
  @ApiPropertyOptional({
    description: 'Each grant’s dataSource; LEDGER_360GIVING_DATA_SOURCE, else this export’s own URL',
  })
  dataSource?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'Answer 200 with the file despite quality findings (counted in X-360Giving-Findings)',
  })
  allowFindings?: 'true' | 'false';
}

@ApiTags('exports')
@ApiBearerAuth()
@Controller('programmes/:programmeId/exports')
export class Giving360ExportController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: LedgerConfig,
  ) {
    // Compiled at start, so missing schema files stop the api with their path rather than fail an export.
    giving360Validator(config.giving360.schemaDir);
  }

  @Get('360giving')
  @Requires('read')
  @ApiOperation({
    summary:
      'The programme’s live grants (revoked ones included, voided ones not) as a 360Giving package (JSON) or CSV, valid against the shipped schemas. Quality findings answer 422 listing them, unless allowFindings=true',
  })
  async export360Giving(
    @IdParam('programmeId') programmeId: string,
    @Query() query: Giving360ExportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Giving360Package | string> {
    const options = this.mappingOptions(query, req);
    const source = await this.readModels.read(query, EXPORT_PROJECTIONS, res, (view) =>
      this.completeSource(view.model<ExportTables>(), programmeId),
    );
    if (source.grants.length === 0) {
      throw new HttpException(
        problem(
          422,
          'GIVING360.NO_GRANTS',
          'Nothing to export',
          `Programme ${programmeId} has no live grants`,
        ),
        422,
      );
    }
    const today = new Date().toISOString().slice(0, 10);
    const result = buildGiving360Export(source, giving360Validator(this.config.giving360.schemaDir), {
      ...options,
      today,
    });
    res.setHeader('X-Ledger-Position', result.ledgerPosition);
    res.setHeader('X-360Giving-Findings', String(result.findings.length));
    assertPublishable(result, query.allowFindings === 'true');
    if (query.format === 'csv') {
      res.type('text/csv').attachment(`360giving-${programmeId}-${result.ledgerPosition}.csv`);
      return renderGiving360Csv(result.package.grants);
    }
    return result.package;
  }

  /** The prefix and dataSource: the request's, else the configuration's; a prefix is never invented. */
  private mappingOptions(query: Giving360ExportQuery, req: Request): GrantMappingOptions {
    const prefix = query.prefix ?? this.config.giving360.prefix;
    if (prefix === undefined) {
      const message = 'A 360Giving prefix is needed: set LEDGER_360GIVING_PREFIX or pass ?prefix=';
      throw new BadRequestException(
        problem(400, 'GIVING360.PREFIX_REQUIRED', 'No 360Giving prefix', message, {
          errors: [{ field: 'prefix', messages: [message] }],
        }),
      );
    }
    const ownUrl = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.path}`;
    const dataSource = query.dataSource ?? this.config.giving360.dataSource ?? ownUrl;
    if (!isHttpUrl(dataSource)) {
      const message = 'dataSource must be an http:// or https:// URL';
      throw new BadRequestException(
        problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
          errors: [{ field: 'dataSource', messages: [message] }],
        }),
      );
    }
    return { prefix, dataSource };
  }

  /**
   * The source, once the audit trail and programme impact hold every grant the register does: they
   * run on their own checkpoints, so a grant just awarded may wait a moment for its award event.
   */
  private async completeSource(db: Kysely<ExportTables>, programmeId: string) {
    const first = await this.sourceOf(db, programmeId);
    if (first.incomplete.length === 0) return first;
    const position = this.events.parsePosition(first.position);
    const others = [PROJECTION_NAMES.auditTrail, PROJECTION_NAMES.programmeImpact];
    if (position && (await this.readModels.runner.waitFor(position, others, READ_YOUR_WRITES_TIMEOUT_MS))) {
      const second = await this.sourceOf(db, programmeId);
      if (second.incomplete.length === 0) return second;
    }
    throw new ServiceUnavailableException(
      problem(503, 'READ_MODEL.BEHIND', 'The read model has not caught up', 'Try again in a moment', {
        grants: first.incomplete,
      }),
    );
  }

  private async sourceOf(db: Kysely<ExportTables>, programmeId: string): Promise<ExportSource> {
    const source = await readExportSource(db, { programmeId });
    if (!source) {
      throw new NotFoundException(
        problem(404, 'PROGRAMME.NOT_FOUND', 'Not found', `No programme ${programmeId}`),
      );
    }
    return source;
  }
}

/**
 * A file that breaks the schema is never served. Quality findings answer 422 listing them, so that
 * nobody publishes them unseen; `allowFindings=true` serves the file anyway, their count in a header.
 */
function assertPublishable(result: Giving360Export, allowFindings: boolean): void {
  if (result.schemaErrors.length > 0) {
    throw new InternalServerErrorException(
      problem(
        500,
        'GIVING360.SCHEMA_INVALID',
        'The export breaks the 360Giving schema',
        'Nothing was served; the schema errors name what to fix',
        { schemaErrors: result.schemaErrors },
      ),
    );
  }
  if (result.findings.length > 0 && !allowFindings) {
    throw new HttpException(
      problem(
        422,
        'GIVING360.QUALITY_FINDINGS',
        'The export has quality findings',
        `${result.findings.length} finding(s); fix them in the ledger, or pass allowFindings=true to accept them`,
        { findings: result.findings, ledgerPosition: result.ledgerPosition },
      ),
      422,
    );
  }
}
