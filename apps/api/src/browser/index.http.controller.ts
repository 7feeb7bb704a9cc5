import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ProgrammeImpactTables } from '@ledger/projections';
import { CsrfTokens } from '../auth/csrf-tokens.js';
import { Requires } from '../auth/requires.decorator.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { escapeHtml, htmlPage } from './html-page.js';
import { signOutForm } from './sign-in.http.controller.js';

/** A signed-in person's starting page: each programme's report and a way into any entity's history. */
@ApiExcludeController()
@Controller()
export class IndexController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get()
  @Requires('read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async index(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const programmes = await this.readModels
      .model<ProgrammeImpactTables>()
      .selectFrom('impact_programmes')
      .select(['programme_id', 'name'])
      .orderBy('programme_id')
      .execute();
    const items = programmes
      .map(({ programme_id: id, name }) => {
        const path = `/programmes/${encodeURIComponent(id)}`;
        return `<li>${escapeHtml(name)}: <a href="${path}/reports/impact?format=html">impact report</a>,
<a href="${path}/reports/impact?format=csv">CSV</a>, <a href="/audit/streams/programme-${encodeURIComponent(id)}?format=html">history</a></li>`;
      })
      .join('\n');
    return htmlPage(
      'Ledger',
      `<h1>Programme Ledger</h1>
<h2>Programmes</h2><ul>${items || '<li>No programme yet.</li>'}</ul>
<h2>History of an entity</h2>
<form method="get" action="/audit/history"><label for="stream">Stream (e.g. grant-iep-grant-07)</label>
<input id="stream" name="stream" required pattern="[a-z]+-[A-Za-z0-9._:-]+"><button type="submit">Open</button></form>
${signOutForm(this.csrf.tokenFor(req, res))}`,
    );
  }
}
