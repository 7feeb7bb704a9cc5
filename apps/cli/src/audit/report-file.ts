import { parse } from 'csv-parse/sync';
import { type ImpactReport, impactFigureRows, renderImpactCsv, type ReportSeal } from '@ledger/reporting';

/** What a report file states of itself: enough to find its seal and compute it again. */
export interface ReportClaim {
  readonly format: 'json' | 'csv' | 'html';
  readonly programmeId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly ledgerPosition: string;
  readonly correctionsSince: string | null;
  readonly seal: ReportSeal | null;
}

/** A report file read back: its claim, and how it differs from the report computed again. */
export interface ReportFile extends ReportClaim {
  /** Each figure or field that differs, in words; empty when the file is that report. */
  differencesFrom(recomputed: ImpactReport): string[];
}

/** The file is not an impact report this ledger writes (JSON, or CSV with its columns). */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

const MAX_DIFFERENCES = 20;

/**
 * Reads an impact report file written by `report impact` or the api: JSON, CSV, or the HTML page
 * (each figure of which carries its key and value).
 *
 * @example
 * const file = readReportFile('impact.json', text);
 * file.seal?.sealNumber; // 4
 */
export function readReportFile(name: string, text: string): ReportFile {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return jsonReport(name, trimmed);
  if (trimmed.startsWith('section,figure,value,display')) {
    return rowsReport(name, 'csv', csvRows(trimmed), (report) => csvRows(renderImpactCsv(report)));
  }
  if (/^<!doctype html>/i.test(trimmed)) {
    return rowsReport(name, 'html', htmlRows(trimmed), (report) =>
      keyed(
        impactFigureRows(report).map(
          ({ figure, value, display }) => [figure, value === null ? '' : String(value), display] as const,
        ),
      ),
    );
  }
  throw new ReportFileError(`${name} is not an impact report in JSON, CSV or HTML`);
}

function jsonReport(name: string, text: string): ReportFile {
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ReportFileError(`${name} is not valid JSON`);
  }
  const programme = report.programme as
    { id?: unknown; period?: { from?: unknown; to?: unknown } } | undefined;
  const { from, to } = programme?.period ?? {};
  if (
    report.report !== 'dcms-impact' ||
    typeof programme?.id !== 'string' ||
    typeof from !== 'string' ||
    typeof to !== 'string' ||
    typeof report.ledgerPosition !== 'string'
  ) {
    throw new ReportFileError(`${name} is not a DCMS impact report of this ledger`);
  }
  return {
    format: 'json',
    programmeId: programme.id,
    period: { from, to },
    ledgerPosition: report.ledgerPosition,
    correctionsSince: typeof report.correctionsSince === 'string' ? report.correctionsSince : null,
    seal: (report.seal ?? null) as ReportSeal | null,
    differencesFrom: (recomputed) =>
      jsonDifferences(report, { ...recomputed, seal: report.seal ?? null }, '').slice(0, MAX_DIFFERENCES),
  };
}

/** A report's rows: figure → [value, display], keyed `figure#n` when a figure repeats (corrections). */
type FigureRows = Map<string, readonly [string, string]>;

function keyed(rows: Iterable<readonly [string, string, string]>): FigureRows {
  const keyedRows: FigureRows = new Map();
  for (const [figure, value, display] of rows) {
    let key = figure;
    for (let n = 2; keyedRows.has(key); n += 1) key = `${figure}#${n}`;
    keyedRows.set(key, [value, display]);
  }
  return keyedRows;
}

function csvRows(text: string): FigureRows {
  const records = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true });
  return keyed(records.map(({ figure = '', value = '', display = '' }) => [figure, value, display] as const));
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');

/** The figures of the page: every `data-value="…" data-figure="…">display<` span. */
function htmlRows(text: string): FigureRows {
  const spans = text.matchAll(/data-value="([^"]*)" data-figure="([^"]*)">([^<]*)</g);
  return keyed(
    [...spans].map(
      ([, value = '', figure = '', display = '']) =>
        [figure, value, display].map(unescapeHtml) as [string, string, string],
    ),
  );
}

/** What a CSV's or a page's rows claim of the report (`complete` when it names what to compute). */
function rowsClaim(rows: FigureRows): ReportClaim & { readonly complete: boolean } {
  const value = (figure: string) => rows.get(figure)?.[0];
  const [from = '', to = ''] = (value('period') ?? '').split('/');
  const [programmeId = '', ledgerPosition = ''] = [value('programmeId'), value('ledgerPosition')];
  return {
    format: 'csv',
    programmeId,
    period: { from, to },
    ledgerPosition,
    correctionsSince: value('correctionsSince') || null,
    seal: sealOfRows(value),
    complete: programmeId !== '' && from !== '' && to !== '' && ledgerPosition !== '',
  };
}

function sealOfRows(value: (figure: string) => string | undefined): ReportSeal | null {
  const sealNumber = Number(value('sealNumber'));
  const [position, streamsRoot, logDigest, sealEventId, sealHash] = [
    'sealPosition',
    'sealStreamsRoot',
    'sealLogDigest',
    'sealEventId',
    'sealHash',
  ].map(value);
  if (!Number.isSafeInteger(sealNumber) || sealNumber < 1 || !position || !streamsRoot) return null;
  return {
    sealNumber,
    position: position as ReportSeal['position'],
    streamsRoot,
    logDigest: logDigest ?? '',
    sealEventId: sealEventId ?? '',
    sealHash: sealHash ?? '',
  };
}

function rowsReport(
  name: string,
  format: 'csv' | 'html',
  rows: FigureRows,
  /** The rows a report gives in this format. */
  rowsOf: (report: ImpactReport) => FigureRows,
): ReportFile {
  const { complete, ...claim } = rowsClaim(rows);
  if (!complete) {
    throw new ReportFileError(
      `${name} is not a DCMS impact report of this ledger (no programmeId, period or ledgerPosition)`,
    );
  }
  return {
    ...claim,
    format,
    // The seal is checked against the ledger on its own; here it is the file's on both sides.
    differencesFrom: (recomputed) =>
      rowDifferences(rows, rowsOf({ ...recomputed, seal: claim.seal })).slice(0, MAX_DIFFERENCES),
  };
}

function rowDifferences(claimed: FigureRows, recomputed: FigureRows): string[] {
  const differences: string[] = [];
  for (const key of new Set([...claimed.keys(), ...recomputed.keys()])) {
    const [said, found] = [claimed.get(key), recomputed.get(key)];
    if (said?.[0] === found?.[0] && said?.[1] === found?.[1]) continue;
    const show = (row: readonly [string, string] | undefined) =>
      row ? `${row[0]} (${row[1]})` : 'no such row';
    differences.push(`${key}: the report says ${show(said)}, the ledger gives ${show(found)}`);
  }
  return differences;
}

/** Every path where two JSON values differ, e.g. `grants.awarded.pence: the report says 36000000, ...`. */
function jsonDifferences(claimed: unknown, recomputed: unknown, path: string): string[] {
  if (isObject(claimed) && isObject(recomputed)) {
    const keys = new Set([...Object.keys(claimed), ...Object.keys(recomputed)]);
    return [...keys].flatMap((key) =>
      jsonDifferences(claimed[key], recomputed[key], path === '' ? key : `${path}.${key}`),
    );
  }
  if (Array.isArray(claimed) && Array.isArray(recomputed) && claimed.length === recomputed.length) {
    return claimed.flatMap((item, index) => jsonDifferences(item, recomputed[index], `${path}[${index}]`));
  }
  if (JSON.stringify(claimed) === JSON.stringify(recomputed)) return [];
  const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
  return [`${path}: the report says ${show(claimed)}, the ledger gives ${show(recomputed)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
