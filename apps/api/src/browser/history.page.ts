import type { AuditEntry } from '@ledger/projections';
import { escapeHtml, htmlPage } from './html-page.js';

/**
 * The history of one entity for an auditor in a browser: every event in order with who, when and
 * why; each correction is highlighted and names (and links to) the event it corrected.
 */
export function historyPage(stream: string, events: readonly AuditEntry[]): string {
  const rows = events.map(row).join('\n');
  return htmlPage(
    `History of ${stream}`,
    `<nav><a href="/">Ledger</a></nav>
<h1>History of <code>${escapeHtml(stream)}</code></h1>
<p>${events.length} events, oldest first. Corrections are highlighted next to the event they correct.</p>
<table data-stream="${escapeHtml(stream)}">
<thead><tr><th>rev</th><th>position</th><th>event</th><th>occurred</th><th>recorded</th><th>actor</th><th>reason</th><th>corrects</th><th>data</th></tr></thead>
<tbody>
${rows}
</tbody></table>`,
  );
}

function row(event: AuditEntry): string {
  const { metadata, corrects } = event;
  const correctsCell = corrects
    ? `<a href="#rev-${corrects.streamRevision}">${escapeHtml(corrects.type)} (rev ${corrects.streamRevision})</a>`
    : '';
  return `<tr id="rev-${event.streamRevision}"${corrects ? ' class="correction"' : ''} data-event-id="${escapeHtml(event.eventId)}">
<td>${event.streamRevision}</td><td>${escapeHtml(event.position)}</td><td>${escapeHtml(event.type)}</td>
<td>${escapeHtml(event.occurredAt)}</td><td>${escapeHtml(event.recordedAt)}</td>
<td>${escapeHtml(`${metadata.actor.id} (${metadata.actor.role})`)}</td><td>${escapeHtml(metadata.reason ?? '')}</td>
<td>${correctsCell}</td><td><code>${escapeHtml(JSON.stringify(event.data))}</code></td></tr>`;
}
