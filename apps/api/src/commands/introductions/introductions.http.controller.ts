import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CloseIntroductionCommand,
  type CommandOutcome,
  MakeIntroductionCommand,
  VoidIntroductionCommand,
} from '@ledger/ledger-application';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { IdParam } from '../../http/id.param.js';
import { VoidRequest } from '../void.request.js';
import { CloseIntroductionRequest, MakeIntroductionRequest } from './introductions.request.js';

@ApiTags('introductions')
@ApiBearerAuth()
@Controller('introductions')
export class IntroductionsController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Record an introduction (IntroductionMade)' })
  make(
    @Body() body: MakeIntroductionRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const input = { ...body, introductionId: entityId(body.introductionId, context, 'introduction') };
    return executeCommand(this.commands, new MakeIntroductionCommand(input, context), res);
  }

  @Post(':introductionId/close')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Close an introduction without a partnership (IntroductionClosed)' })
  close(
    @IdParam('introductionId') introductionId: string,
    @Body() body: CloseIntroductionRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new CloseIntroductionCommand({ introductionId, ...body }, commandContextOf(req)),
      res,
    );
  }

  @Post(':introductionId/void')
  @HttpCode(201)
  @Requires('correct')
  @ApiOperation({ summary: 'Void an introduction recorded in error (IntroductionVoided); admin' })
  void(
    @IdParam('introductionId') introductionId: string,
    @Body() body: VoidRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new VoidIntroductionCommand({ introductionId, ...body }, commandContextOf(req)),
      res,
    );
  }
}
