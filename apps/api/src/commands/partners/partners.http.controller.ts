import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CommandOutcome, RegisterPartnerCommand } from '@ledger/ledger-application';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { RegisterPartnerRequest } from './partners.request.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Register a partner organisation (PartnerRegistered)' })
  register(
    @Body() body: RegisterPartnerRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const { contactPerson, ...rest } = body;
    const input = {
      ...rest,
      partnerId: entityId(body.partnerId, context, 'partner'),
      ...(contactPerson ? { contactPerson: { ...contactPerson } } : {}),
    };
    return executeCommand(this.commands, new RegisterPartnerCommand(input, context), res);
  }
}
