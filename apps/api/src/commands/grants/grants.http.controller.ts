import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AwardGrantCommand,
  type CommandOutcome,
  CorrectGrantAmountCommand,
  RecordGrantPaymentCommand,
  RevokeGrantCommand,
  VoidGrantAwardCommand,
} from '@ledger/ledger-application';
import { CURRENCY, pence } from '@ledger/ledger-domain';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { IdParam } from '../../http/id.param.js';
import { VoidRequest } from '../void.request.js';
import {
  AwardGrantRequest,
  CorrectGrantAmountRequest,
  RecordGrantPaymentRequest,
  RevokeGrantRequest,
} from './grants.request.js';

@ApiTags('grants')
@ApiBearerAuth()
@Controller('grants')
export class GrantsController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Award a grant (GrantAwarded); commits funds on the programme budget' })
  award(
    @Body() body: AwardGrantRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const { amountPence, grantId, fundingOrganisation, ...rest } = body;
    const input = {
      ...rest,
      grantId: entityId(grantId, context, 'grant'),
      amount: pence(amountPence),
      currency: CURRENCY,
      fundingOrganisation: { ...fundingOrganisation },
    };
    return executeCommand(this.commands, new AwardGrantCommand(input, context), res);
  }

  @Post(':grantId/payments')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Record a payment (GrantPaymentMade)' })
  pay(
    @IdParam('grantId') grantId: string,
    @Body() body: RecordGrantPaymentRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const input = {
      grantId,
      paymentId: entityId(body.paymentId, context, 'payment'),
      amount: pence(body.amountPence),
      paidOn: body.paidOn,
    };
    return executeCommand(this.commands, new RecordGrantPaymentCommand(input, context), res);
  }

  @Post(':grantId/corrections')
  @HttpCode(201)
  @Requires('correct')
  @ApiOperation({ summary: 'Correct the amount awarded (GrantAmountCorrected); admin' })
  correct(
    @IdParam('grantId') grantId: string,
    @Body() body: CorrectGrantAmountRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const input = { grantId, to: pence(body.toPence), reason: body.reason };
    return executeCommand(this.commands, new CorrectGrantAmountCommand(input, commandContextOf(req)), res);
  }

  @Post(':grantId/revoke')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Revoke a grant, a business decision (GrantRevoked)' })
  revoke(
    @IdParam('grantId') grantId: string,
    @Body() body: RevokeGrantRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new RevokeGrantCommand({ grantId, ...body }, commandContextOf(req)),
      res,
    );
  }

  @Post(':grantId/void')
  @HttpCode(201)
  @Requires('correct')
  @ApiOperation({ summary: 'Void an award recorded in error (GrantAwardVoided); admin' })
  void(
    @IdParam('grantId') grantId: string,
    @Body() body: VoidRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new VoidGrantAwardCommand({ grantId, ...body }, commandContextOf(req)),
      res,
    );
  }
}
