import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INCOME_SOURCES, type IncomeSource } from '@ledger/ledger-domain';
import { DateField, IdField, PenceField, ReasonField, TextField } from '../../http/validators.js';
import { ORG_ID_PATTERN } from '../organisation.request.js';

export class EnrolInnovatorRequest {
  @IdField('Innovator id; generated when absent', { optional: true }) innovatorId?: string;
  @TextField('Innovator organisation name (illustrative in the demo)') name!: string;

  @IsOptional()
  @Matches(ORG_ID_PATTERN, { message: '$property must be a 360Giving org-id such as GB-CHC-1144091' })
  @ApiPropertyOptional({ example: 'GB-CHC-1234567' })
  orgId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @ApiPropertyOptional({ description: 'When there is no org-id' })
  registrationNumber?: string;

  @TextField('One of the programme’s challenge areas', { max: 200 }) challengeArea!: string;
  @DateField('Day of enrolment', '2017-08-01') enrolledOn!: string;
}

export class WithdrawInnovatorRequest {
  @DateField('Day of withdrawal') withdrawnOn!: string;
  @ReasonField() reason!: string;
}

export class ReportIncomeRequest {
  @IdField('Income report id; generated when absent', { optional: true }) incomeId?: string;
  @PenceField('Income', 3_611_111) amountPence!: number;
  @DateField('First day of the period', '2018-03-01') periodStart!: string;
  @DateField('Last day of the period', '2018-09-30') periodEnd!: string;
  @IsIn(INCOME_SOURCES) @ApiProperty({ enum: INCOME_SOURCES }) source!: IncomeSource;
  @IsBoolean()
  @ApiProperty({ description: 'Generated because of the programme' })
  attributableToProgramme!: boolean;
}

export class RecordRevenueForecastRequest {
  @PenceField('Forecast revenue', 17_777_778) amountPence!: number;
  @IsInt() @Min(1) @Max(120) @ApiProperty({ example: 12 }) horizonMonths!: number;
  @DateField('Day the forecast was made', '2018-09-30') asOf!: string;
}
