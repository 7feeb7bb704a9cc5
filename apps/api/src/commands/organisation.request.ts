import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { TextField } from '../http/validators.js';

/** 360Giving org-ids: a list prefix and the identifier in that list, e.g. GB-CHC-1144091. */
export const ORG_ID_PATTERN = /^[A-Za-z0-9]{2,4}-[A-Za-z0-9]{2,10}-[A-Za-z0-9._/-]{1,64}$/;

export class OrganisationRequest {
  @TextField('Organisation name', { example: 'Department for Digital, Culture, Media and Sport' })
  name!: string;

  @Matches(ORG_ID_PATTERN, { message: '$property must be a 360Giving org-id such as GB-CHC-1144091' })
  @ApiProperty({ description: '360Giving org-id', example: 'GB-GOR-D5' })
  orgId!: string;
}
