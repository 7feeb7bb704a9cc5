import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PARTNERSHIP_KINDS, type PartnershipKind } from '@ledger/ledger-domain';
import { DateField, IdField, ReasonField } from '../../http/validators.js';

export class ConfirmPartnershipRequest {
  @IdField('Partnership id; generated when absent', { optional: true }) partnershipId?: string;
  @IdField('The introduction it came from') introductionId!: string;
  @IdField('Innovator (must match the introduction)') innovatorId!: string;
  @IdField('Partner (must match the introduction)') partnerId!: string;
  @IsIn(PARTNERSHIP_KINDS) @ApiProperty({ enum: PARTNERSHIP_KINDS }) kind!: PartnershipKind;
  @DateField('Day the partnership was confirmed', '2018-01-20') confirmedOn!: string;
}

export class EndPartnershipRequest {
  @DateField('Day it ended') endedOn!: string;
  @ReasonField() reason!: string;
}
