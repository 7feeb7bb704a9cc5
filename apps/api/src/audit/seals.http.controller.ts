import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import {
  LedgerSeals,
  type Seal,
  type SealOutcome,
  SealNotFoundError,
  verifyLedger,
  type VerifyResult,
} from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { correlationIdOf } from '@ledger/observability';
import { principalOf } from '../auth/principal.js';
import { Requires } from '../auth/requires.decorator.js';
import { problem } from '../http/problem-details.js';
import { RAW_EVENT_STORE } from './audit.tokens.js';

const MAX_SEALS_LISTED = 1000;

export class VerifyQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({
    description:
      'Take the events up to seal N by their stored hashes (still checked against every seal) and re-hash only those after it',
  })
  fromSeal?: number;
}

export class SealsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({ default: 1, description: 'The first seal number listed' })
  fromSeal?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEALS_LISTED)
  @ApiPropertyOptional({ default: 100, maximum: MAX_SEALS_LISTED })
  limit?: number;
}

/**
 * SPEC §6 Verify over HTTP. Verification answers 200 whether the ledger is intact or not: the
 * request succeeded and its answer is the result, `ok` and every failure in the body (a 4xx would
 * say the client erred, and clients drop error bodies). Sealing on demand answers 201 with the new
 * seal, or 200 with the last one when nothing was appended since.
 */
@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('audit')
export class SealsController {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
    private readonly seals: LedgerSeals,
  ) {}

  @Get('verify')
  @Requires('read')
  @ApiOperation({
    summary:
      'Recompute every event hash, stream order and seal from the log as stored; ok and every failure (the first is the earliest), 200 either way',
  })
  async verify(@Query() query: VerifyQuery): Promise<VerifyResult> {
    try {
      return await verifyLedger(this.raw, query.fromSeal === undefined ? {} : { fromSeal: query.fromSeal });
    } catch (error) {
      if (error instanceof SealNotFoundError) throw sealNotFound(error.message);
      throw error;
    }
  }

  @Get('seals')
  @Requires('read')
  @ApiOperation({ summary: 'The seals of the log, oldest first' })
  async list(@Query() query: SealsQuery): Promise<{ seals: readonly Seal[]; total: number }> {
    const all = await this.seals.list();
    const from = query.fromSeal ?? 1;
    return { seals: all.slice(from - 1, from - 1 + (query.limit ?? 100)), total: all.length };
  }

  @Get('seals/:sealNumber')
  @Requires('read')
  @ApiOperation({ summary: 'One seal: what it covers, its root and digest, and its own event' })
  async one(@Param('sealNumber') sealNumber: string): Promise<Seal> {
    const seal = /^[1-9]\d{0,8}$/.test(sealNumber)
      ? await this.seals.numbered(Number(sealNumber))
      : undefined;
    if (seal === undefined) throw sealNotFound(`There is no seal ${sealNumber}`);
    return seal;
  }

  @Post('seals')
  @Requires('report')
  @ApiOperation({
    summary:
      'Seal the log now: 201 with the new seal, or 200 with the last one when nothing was appended since',
  })
  async seal(@Req() request: Request, @Res({ passthrough: true }) res: Response): Promise<SealOutcome> {
    const { id, role } = principalOf(request);
    const correlationId = correlationIdOf(request);
    const outcome = await this.seals.seal({
      actor: { id, role },
      ...(correlationId ? { correlationId } : {}),
    });
    if (outcome === undefined) {
      throw new UnprocessableEntityException(
        problem(422, 'SEAL.LEDGER_EMPTY', 'Nothing to seal', 'The ledger is empty: there is nothing to seal'),
      );
    }
    res.status(outcome.created ? 201 : 200);
    return outcome;
  }
}

function sealNotFound(detail: string): NotFoundException {
  return new NotFoundException(problem(404, 'SEAL.NOT_FOUND', 'No such seal', detail));
}
