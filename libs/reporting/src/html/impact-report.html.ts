import { impactFigureRows } from '../impact-report.rows.js';
import type { ImpactReport } from '../impact-report.types.js';
import { markup, trustedHtml, type SafeHtml } from './html-escape.js';
import { impactChartSpecs } from './impact-report.charts.js';
import { cardsHtml, correctionsHtml, detailsHtml, footerHtml, headerHtml } from './impact-report.sections.js';
import { IMPACT_REPORT_CSS } from './impact-report.style.js';
import { renderVegaLiteSvg } from './vega-svg.js';

async function chartsHtml(report: ImpactReport): Promise<SafeHtml> {
  const charts = await Promise.all(
    impactChartSpecs(report).map(async ({ key, caption, spec }) => {
      const svg = trustedHtml(await renderVegaLiteSvg(spec));
      return markup`<figure data-chart="${key}">
        ${svg}
        <figcaption>${caption}</figcaption>
      </figure>`;
    }),
  );
  return markup`<section aria-labelledby="charts">
    <h2 id="charts">Charts</h2>
    <div class="charts">${charts}</div>
  </section>`;
}

export interface ImpactHtmlOptions {
  /** When the page was produced (wall clock, ISO 8601): shown in the footer only. */
  readonly generatedAt?: string;
}

/**
 * The report as one printable, self-contained HTML page: inline CSS (with print rules), charts
 * rendered on the server as inline SVG, no script and no external reference. Every figure carries
 * `data-figure="<key>"` around its display text (keys as in `impactFigureRows`).
 *
 * @example
 * await writeFile('impact-report.html', await renderImpactHtml(report, { generatedAt: new Date().toISOString() }));
 */
export async function renderImpactHtml(
  report: ImpactReport,
  options: ImpactHtmlOptions = {},
): Promise<string> {
  const rows = impactFigureRows(report);
  const page = markup`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Impact report: ${report.programme.name}, ${report.programme.periodDisplay}</title>
        <style>
          ${trustedHtml(IMPACT_REPORT_CSS)}
        </style>
      </head>
      <body>
        ${headerHtml(report, rows)}
        <main>
          ${cardsHtml(rows)} ${await chartsHtml(report)} ${detailsHtml(rows)} ${correctionsHtml(report, rows)}
        </main>
        ${footerHtml(report, rows, options.generatedAt)}
      </body>
    </html> `;
  return page.markup;
}
