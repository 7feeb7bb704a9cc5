import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { ID_PATTERN } from '@ledger/ledger-domain';
import { AS_AT_TIMESTAMP, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@ledger/projections';
import { IsIsoDate } from '../http/validators.js';

const POSITION = /^\d{1,20}$/;
const POSITION_OR_TIMESTAMP = new RegExp(`${POSITION.source}|${AS_AT_TIMESTAMP.source}`);

/** Refuses the property when `other` is given too. */
function NotWith(other: string, why: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) =>
          (args?.object as Record<string, unknown> | undefined)?.[other] === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} cannot be combined with ${other}: ${why}`,
      },
    });
}

/**
 * Every query may wait for a command's own write (`?atLeast=<position the command answered>`), or
 * answer as the ledger stood at a past position or instant (`?asAt=`); not both.
 */
export class ReadYourWritesQuery {
  @IsOptional()
  @Matches(POSITION, { message: '$property must be a position returned by a command' })
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read model has applied this position' })
  atLeast?: string;

  @IsOptional()
  @Matches(POSITION_OR_TIMESTAMP, {
    message: '$property must be a ledger position or an ISO 8601 timestamp with a time zone',
  })
  @NotWith('atLeast', 'a past ledger has no new writes to wait for')
  @ApiPropertyOptional({
    description:
      'Answer as the ledger stood at this position, or at this instant (ISO 8601 with a time zone, e.g. 2018-10-15T12:00:00Z); X-Ledger-Position states the position',
  })
  asAt?: string;
}

export class LimitQuery extends ReadYourWritesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, maximum: MAX_PAGE_SIZE })
  limit?: number;
}

export class PageQuery extends LimitQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ default: 0 })
  offset?: number;
}

export class ListGrantsQuery extends PageQuery {
  @IsOptional() @Matches(ID_PATTERN) @ApiPropertyOptional() programmeId?: string;
  @IsOptional() @Matches(ID_PATTERN) @ApiPropertyOptional() innovatorId?: string;
  @IsOptional()
  @IsIn(['awarded', 'revoked', 'voided'])
  @ApiPropertyOptional({ enum: ['awarded', 'revoked', 'voided'] })
  status?: 'awarded' | 'revoked' | 'voided';
}

export class ListInnovatorsQuery extends PageQuery {
  @IsOptional() @Matches(ID_PATTERN) @ApiPropertyOptional() programmeId?: string;
  @IsOptional() @IsString() @MaxLength(200) @ApiPropertyOptional() challengeArea?: string;
}

export const FUNNEL_DIMENSIONS = ['challenge-area', 'partner-sector', 'month', 'total'] as const;

export class FunnelQuery extends ReadYourWritesQuery {
  @IsOptional()
  @IsIn(FUNNEL_DIMENSIONS)
  @ApiPropertyOptional({ enum: FUNNEL_DIMENSIONS, default: 'total' })
  by?: (typeof FUNNEL_DIMENSIONS)[number];

  @IsOptional() @IsIsoDate() @ApiPropertyOptional({ format: 'date' }) from?: string;
  @IsOptional() @IsIsoDate() @ApiPropertyOptional({ format: 'date' }) to?: string;
}

export class FormatQuery extends ReadYourWritesQuery {
  @IsOptional()
  @IsIn(['json', 'html'])
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  format?: 'json' | 'html';
}
