import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DateField, IdField, TextField } from '../../http/validators.js';

export class StartCollaborativeProjectRequest {
  @IdField('Project id; generated when absent', { optional: true }) projectId?: string;
  @IdField('Programme whose activities started it') programmeId!: string;
  @TextField('Project title', { max: 300, example: 'Open banking challenge prize' }) title!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  @ApiProperty({ type: [String] })
  leadOrganisations!: string[];

  @TextField('One of the programme’s challenge areas', { max: 200 }) challengeArea!: string;
  @DateField('Day it started', '2018-06-01') startedOn!: string;
}
