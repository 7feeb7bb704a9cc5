import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CloseProgrammeCommand,
  type CommandOutcome,
  LaunchProgrammeCommand,
  SetProgrammeTargetCommand,
} from '@ledger/ledger-application';
import { CURRENCY, pence } from '@ledger/ledger-domain';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { IdParam } from '../../http/id.param.js';
import {
  CloseProgrammeRequest,
  LaunchProgrammeRequest,
  SetProgrammeTargetRequest,
} from './programmes.request.js';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Launch a programme (ProgrammeLaunched)' })
  launch(
    @Body() body: LaunchProgrammeRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const { programmeId, grantBudgetPence, targets, ...rest } = body;
    const input = {
      ...rest,
      programmeId: entityId(programmeId, context, 'programme'),
      funder: { ...body.funder },
      deliveryPartner: { ...body.deliveryPartner },
      grantBudget: pence(grantBudgetPence),
      currency: CURRENCY,
      targets: { ...targets },
    };
    return executeCommand(this.commands, new LaunchProgrammeCommand(input, context), res);
  }

  @Post(':programmeId/targets')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Set a target (ProgrammeTargetSet)' })
  setTarget(
    @IdParam('programmeId') programmeId: string,
    @Body() body: SetProgrammeTargetRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const command = new SetProgrammeTargetCommand({ programmeId, ...body }, commandContextOf(req));
    return executeCommand(this.commands, command, res);
  }

  @Post(':programmeId/close')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Close a programme (ProgrammeClosed)' })
  close(
    @IdParam('programmeId') programmeId: string,
    @Body() body: CloseProgrammeRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const command = new CloseProgrammeCommand({ programmeId, ...body }, commandContextOf(req));
    return executeCommand(this.commands, command, res);
  }
}
