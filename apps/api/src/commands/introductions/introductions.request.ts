import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  INTRODUCTION_CHANNELS,
  INTRODUCTION_OUTCOMES,
  type IntroductionChannel,
  type IntroductionOutcome,
} from '@ledger/ledger-domain';
import { DateField, IdField, TextField } from '../../http/validators.js';

export class MakeIntroductionRequest {
  @IdField('Introduction id; generated when absent', { optional: true }) introductionId?: string;
  @IdField('Programme') programmeId!: string;
  @IdField('Innovator introduced') innovatorId!: string;
  @IdField('Partner introduced') partnerId!: string;
  @TextField('Who made the introduction', { max: 200, example: 'Nesta programme team' }) madeBy!: string;
  @DateField('Day of the introduction', '2017-10-12') madeOn!: string;
  @IsIn(INTRODUCTION_CHANNELS) @ApiProperty({ enum: INTRODUCTION_CHANNELS }) channel!: IntroductionChannel;
}

export class CloseIntroductionRequest {
  @IsIn(INTRODUCTION_OUTCOMES) @ApiProperty({ enum: INTRODUCTION_OUTCOMES }) outcome!: IntroductionOutcome;
  @DateField('Day it was closed') closedOn!: string;
}
