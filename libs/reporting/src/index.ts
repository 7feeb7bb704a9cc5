export * from './impact-report.builder.js';
export { compareDecimalPositions, type ComparePositions } from './impact-report.corrections.js';
export * from './impact-report.csv.js';
export * from './impact-report.rows.js';
export type * from './impact-report.types.js';
export { renderImpactHtml, type ImpactHtmlOptions } from './html/impact-report.html.js';
export * from './impact-report.query.js';
