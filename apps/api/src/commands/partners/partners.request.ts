import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { PARTNER_SECTORS, type PartnerSector } from '@ledger/ledger-domain';
import { IdField, TextField } from '../../http/validators.js';

export class ContactPersonRequest {
  @IdField(
    'Person id (the key their data is encrypted with, and the id to forget them by); contact-<partnerId> when absent',
    {
      optional: true,
      example: 'contact-co-op-foundation',
    },
  )
  personId?: string;
  @TextField('Contact person’s name (personal data)', { max: 200 }) name!: string;
  @IsOptional() @IsEmail() @ApiPropertyOptional() email?: string;
}

export class RegisterPartnerRequest {
  @IdField('Partner id; generated when absent', { optional: true }) partnerId?: string;
  @TextField('Partner organisation name (illustrative in the demo)') name!: string;
  @IsIn(PARTNER_SECTORS) @ApiProperty({ enum: PARTNER_SECTORS }) sector!: PartnerSector;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContactPersonRequest)
  @IsObject()
  @ApiPropertyOptional({ type: ContactPersonRequest })
  contactPerson?: ContactPersonRequest;
}
