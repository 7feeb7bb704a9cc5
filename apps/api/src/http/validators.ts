import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { ID_PATTERN } from '@ledger/ledger-domain';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';

/** A real calendar date written `YYYY-MM-DD`. */
export function IsIsoDate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be a date written YYYY-MM-DD`,
      },
    });
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A date field for OpenAPI and validation at once. */
export const DateField = (description: string, example = '2018-01-15'): PropertyDecorator =>
  applyDecorators(IsIsoDate(), ApiProperty({ description, example, format: 'date' }));

/** An entity id: letters, digits and `._:-`, at most 128 characters. */
export const IdField = (description: string, options: { optional?: boolean; example?: string } = {}) =>
  applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    Matches(ID_PATTERN, {
      message: '$property must be 1-128 letters, digits or ._:- starting with a letter or digit',
    }),
    ApiProperty({ description, required: !options.optional, example: options.example ?? 'iep-2017' }),
  );

/**
 * Money in integer pence (never pounds, never a fraction), at most 2^53 - 1: beyond it a double no
 * longer holds every whole number, and the domain refuses the amount (it would answer 500).
 */
export const PenceField = (description: string, example = 2_000_000) =>
  applyDecorators(
    IsInt({ message: '$property must be a whole number of pence' }),
    Min(0, { message: '$property must not be negative' }),
    Max(Number.MAX_SAFE_INTEGER, { message: `$property must be at most ${Number.MAX_SAFE_INTEGER} pence` }),
    ApiProperty({ description: `${description}, in integer pence`, example, type: 'integer' }),
  );

/** Free text that must say something, within a bound. */
export const TextField = (description: string, options: ApiPropertyOptions & { max?: number } = {}) =>
  applyDecorators(
    IsString(),
    IsNotEmpty(),
    MaxLength(options.max ?? 500),
    ApiProperty({ description, ...options }),
  );

/** The reason every correction must carry. */
export const ReasonField = () =>
  TextField('Why this is recorded (kept in the event metadata for auditors)', {
    max: 1000,
    example: 'Entered twice',
  });
