import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { DateField, IdField, PenceField, ReasonField, TextField } from '../../http/validators.js';
import { OrganisationRequest } from '../organisation.request.js';

export class AwardGrantRequest {
  @IdField('Grant id; generated when absent', { optional: true, example: 'iep-grant-01' }) grantId?: string;
  @IdField('Programme the grant is awarded under') programmeId!: string;
  @IdField('Innovator receiving the grant', { example: 'iep-innovator-01' }) innovatorId!: string;
  @PenceField('Amount awarded') amountPence!: number;

  @ValidateNested()
  @Type(() => OrganisationRequest)
  @IsObject()
  @ApiProperty({ type: OrganisationRequest })
  fundingOrganisation!: OrganisationRequest;

  @DateField('Day of the award', '2017-09-01') awardedOn!: string;
  @TextField('Grant title', { max: 300, example: 'IEP partnership accelerator grant' }) title!: string;
  @TextField('What the grant is for', { max: 2000, example: 'Design and start a scaling plan' })
  purpose!: string;
}

export class RecordGrantPaymentRequest {
  @IdField('Payment id; generated when absent', { optional: true }) paymentId?: string;
  @PenceField('Amount paid', 1_000_000) amountPence!: number;
  @DateField('Day of payment', '2017-09-15') paidOn!: string;
}

export class CorrectGrantAmountRequest {
  @PenceField('The corrected amount awarded', 1_800_000) toPence!: number;
  @ReasonField() reason!: string;
}

export class RevokeGrantRequest {
  @DateField('Day of the decision to revoke') revokedOn!: string;
  @ReasonField() reason!: string;
}
