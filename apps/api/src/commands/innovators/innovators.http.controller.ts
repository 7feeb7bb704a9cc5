import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type CommandOutcome,
  EnrolInnovatorCommand,
  RecordRevenueForecastCommand,
  ReportIncomeCommand,
  WithdrawInnovatorCommand,
} from '@ledger/ledger-application';
import { CURRENCY, pence } from '@ledger/ledger-domain';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { IdParam } from '../../http/id.param.js';
import {
  EnrolInnovatorRequest,
  RecordRevenueForecastRequest,
  ReportIncomeRequest,
  WithdrawInnovatorRequest,
} from './innovators.request.js';

@ApiTags('innovators')
@ApiBearerAuth()
@Controller()
export class InnovatorsController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post('programmes/:programmeId/innovators')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Enrol an innovator in a programme (InnovatorEnrolled)' })
  enrol(
    @IdParam('programmeId') programmeId: string,
    @Body() body: EnrolInnovatorRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const input = { ...body, programmeId, innovatorId: entityId(body.innovatorId, context, 'innovator') };
    return executeCommand(this.commands, new EnrolInnovatorCommand(input, context), res);
  }

  @Post('innovators/:innovatorId/withdraw')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Withdraw an innovator (InnovatorWithdrawn)' })
  withdraw(
    @IdParam('innovatorId') innovatorId: string,
    @Body() body: WithdrawInnovatorRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    return executeCommand(
      this.commands,
      new WithdrawInnovatorCommand({ innovatorId, ...body }, commandContextOf(req)),
      res,
    );
  }

  @Post('innovators/:innovatorId/income')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Report income an innovator generated (IncomeReported)' })
  reportIncome(
    @IdParam('innovatorId') innovatorId: string,
    @Body() body: ReportIncomeRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const { amountPence, incomeId, ...rest } = body;
    const input = {
      ...rest,
      innovatorId,
      incomeId: entityId(incomeId, context, 'income'),
      amount: pence(amountPence),
      currency: CURRENCY,
    };
    return executeCommand(this.commands, new ReportIncomeCommand(input, context), res);
  }

  @Post('innovators/:innovatorId/forecasts')
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({ summary: 'Record a revenue forecast (RevenueForecastRecorded)' })
  recordForecast(
    @IdParam('innovatorId') innovatorId: string,
    @Body() body: RecordRevenueForecastRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const { amountPence, ...rest } = body;
    const input = { ...rest, innovatorId, amount: pence(amountPence), currency: CURRENCY };
    return executeCommand(this.commands, new RecordRevenueForecastCommand(input, commandContextOf(req)), res);
  }
}
