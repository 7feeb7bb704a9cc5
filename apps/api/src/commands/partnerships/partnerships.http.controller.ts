import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type CommandOutcome,
  ConfirmPartnershipCommand,
  EndPartnershipCommand,
  VoidPartnershipCommand,
} from '@ledger/ledger-application';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { IdParam } from '../../http/id.param.js';
import { VoidRequest } from '../void.request.js';
import { ConfirmPartnershipRequest, EndPartnershipRequest } from './partnerships.request.js';

@ApiTags('partnerships')
@ApiBearerAuth()
@Controller('partnerships')
export class PartnershipsController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Confirm a partnership from an introduction (PartnershipConfirmed)' })
  confirm(
    @Body() body: ConfirmPartnershipRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const input = { ...body, partnershipId: entityId(body.partnershipId, context, 'partnership') };
    return executeCommand(this.commands, new ConfirmPartnershipCommand(input, context), res);
  }

  @Post(':partnershipId/end')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'End a partnership (PartnershipEnded)' })
  end(
    @IdParam('partnershipId') partnershipId: string,
    @Body() body: EndPartnershipRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new EndPartnershipCommand({ partnershipId, ...body }, commandContextOf(req)),
      res,
    );
  }

  @Post(':partnershipId/void')
  @HttpCode(201)
  @Requires('correct')
  @ApiOperation({ summary: 'Void a partnership recorded in error (PartnershipVoided); admin' })
  void(
    @IdParam('partnershipId') partnershipId: string,
    @Body() body: VoidRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new VoidPartnershipCommand({ partnershipId, ...body }, commandContextOf(req)),
      res,
    );
  }
}
