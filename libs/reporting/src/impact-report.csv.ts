import { stringify } from 'csv-stringify/sync';
import { impactFigureRows } from './impact-report.rows.js';
import type { ImpactReport } from './impact-report.types.js';

// A cell a spreadsheet would run as a formula ('=', '+', '-', '@', tab, CR) is prefixed with a quote.
// Only text from data can start so: figures are numbers and displays start with a digit or '£'.
const FORMULA_START = /^[=+\-@\t\r]/;
const inert = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/**
 * The report as CSV: a header, then one row per figure (section, figure, value, display), then one
 * row per correction (value: its position; display: what, when, who and why).
 *
 * @example
 * renderImpactCsv(report);
 * // section,figure,value,display
 * // grants,grantsAwarded,36000000,"£360,000"
 */
export function renderImpactCsv(report: ImpactReport): string {
  const figures = impactFigureRows(report).map(({ section, figure, value, display }) => [
    section,
    figure,
    value,
    display,
  ]);
  const corrections = report.corrections.map((correction) => [
    'corrections',
    `correction:${correction.type}`,
    correction.position,
    `${correction.summary} (recorded ${correction.recordedAt} by ${correction.actor.id} (${correction.actor.role}): ${correction.reason})`,
  ]);
  const rows = [...figures, ...corrections].map((cells) =>
    cells.map((cell) => (typeof cell === 'string' ? inert(cell) : cell)),
  );
  return stringify(rows, { header: true, columns: ['section', 'figure', 'value', 'display'] });
}
