import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CommandOutcome, StartCollaborativeProjectCommand } from '@ledger/ledger-application';
import { Requires } from '../../auth/requires.decorator.js';
import { commandContextOf } from '../../http/command-context.factory.js';
import { entityId, executeCommand } from '../../http/command-response.js';
import { MeteredCommandBus } from '../../http/metered-command-bus.js';
import { StartCollaborativeProjectRequest } from './projects.request.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly commands: MeteredCommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('record')
  @ApiOperation({
    summary: 'Record a collaborative project the programme started (CollaborativeProjectStarted)',
  })
  start(
    @Body() body: StartCollaborativeProjectRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(req);
    const input = { ...body, projectId: entityId(body.projectId, context, 'project') };
    return executeCommand(this.commands, new StartCollaborativeProjectCommand(input, context), res);
  }
}
