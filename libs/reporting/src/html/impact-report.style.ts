/** The page's only stylesheet, inline: system fonts, no images, no external resource of any kind. */
export const IMPACT_REPORT_CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --accent: #1d4f73; --rule: #d0d7de; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
h1 { margin: 0.2rem 0 1rem; font-size: 1.9rem; line-height: 1.2; }
h2 { margin: 2rem 0 0.75rem; font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.25rem; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.75rem; }
.card { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem; }
.card .label { display: block; color: var(--muted); font-size: 0.85rem; }
.card .value { display: block; font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.charts { display: grid; gap: 1.25rem; }
figure { margin: 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.85rem; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rule); }
th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; }
.corrections td:first-child { white-space: nowrap; }
.note { color: var(--muted); font-size: 0.85rem; }
footer { margin-top: 2rem; padding-top: 0.75rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }
dl.seal { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0; }
dl.seal dd { margin: 0; overflow-wrap: anywhere; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  .card, figure, tr, .meta { break-inside: avoid; }
  .charts { display: block; }
  figure { margin-bottom: 1rem; }
}
`;
