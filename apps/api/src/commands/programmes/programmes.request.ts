import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TARGET_METRICS, type TargetMetric } from '@ledger/ledger-domain';
import { DateField, IdField, PenceField, TextField } from '../../http/validators.js';
import { OrganisationRequest } from '../organisation.request.js';

/** Targets are counts: whole numbers a double holds exactly (setting one refuses anything else). */
const MAX_TARGET = Number.MAX_SAFE_INTEGER;

export class TargetsRequest {
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET) @ApiPropertyOptional({ example: 9 }) partnerships?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET) @ApiPropertyOptional() introductions?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET) @ApiPropertyOptional() innovators?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET) @ApiPropertyOptional() grants?: number;
}

export class LaunchProgrammeRequest {
  @IdField('Programme id; generated when absent', { optional: true }) programmeId?: string;
  @TextField('Programme name', { example: 'IEP partnership accelerator' }) name!: string;

  @ValidateNested()
  @Type(() => OrganisationRequest)
  @IsObject()
  @ApiProperty({ type: OrganisationRequest })
  funder!: OrganisationRequest;

  @ValidateNested()
  @Type(() => OrganisationRequest)
  @IsObject()
  @ApiProperty({ type: OrganisationRequest })
  deliveryPartner!: OrganisationRequest;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @ApiProperty({ type: [String], example: ['financial inclusion and capability'] })
  challengeAreas!: string[];

  @DateField('First day of the programme', '2017-08-01') startDate!: string;
  @DateField('Last day of the programme', '2018-09-30') endDate!: string;
  @PenceField('Grant budget', 36_000_000) grantBudgetPence!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => TargetsRequest)
  @IsObject()
  @ApiPropertyOptional({ type: TargetsRequest })
  targets?: TargetsRequest;
}

export class SetProgrammeTargetRequest {
  @IsIn(TARGET_METRICS) @ApiProperty({ enum: TARGET_METRICS }) metric!: TargetMetric;
  @IsInt() @Min(0) @Max(MAX_TARGET) @ApiProperty({ example: 9 }) value!: number;
}

export class CloseProgrammeRequest {
  @DateField('Day the programme closed', '2018-09-30') closedOn!: string;
}
