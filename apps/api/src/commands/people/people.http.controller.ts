import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CommandOutcome, ForgetPersonCommand } from '@ledger/ledger-application';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { executeCommand } from '../../http/command-response.js';
import { IdParam } from '../../http/id.param.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { ForgetPersonRequest } from './people.request.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post(':personId/forget')
  @HttpCode(201)
  @Requires('forget')
  @ApiOperation({
    summary:
      'Forget a person (PersonalDataErased), then destroy their key: their personal data reads as erased everywhere; admin',
  })
  forget(
    @IdParam('personId') personId: string,
    @Body() body: ForgetPersonRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const command = new ForgetPersonCommand({ personId, reason: body.reason }, context);
    return executeCommand(this.commands, command, res);
  }
}
