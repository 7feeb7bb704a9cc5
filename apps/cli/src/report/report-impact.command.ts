import { writeFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { LedgerSeals } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import type { Position } from '@ledger/event-store';
import {
  ALL_PROJECTIONS,
  AsAtError,
  type LedgerReadModels,
  PROJECTION_NAMES,
  readModelsAt,
  recordedAtOf,
  resolveAsAt,
} from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import {
  impactReportFromReadStore,
  type ImpactReport,
  renderImpactCsv,
  renderImpactHtml,
} from '@ledger/reporting';
import { openRawEventStore } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { catchUpReadModels } from '../read-models-catch-up.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { type LedgerStores, openLedgerStores } from './ledger-stores.js';

const FORMATS = ['json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface ReportImpactOptions {
  programme: string;
  format: Format;
  out?: string;
  from?: string;
  to?: string;
  correctionsSince?: string;
  asAt?: string;
}

/**
 * `ledger report impact --programme ID --format json|csv|html --out FILE [--as-at POSITION|TIMESTAMP]`:
 * brings the read models up to the head of the log (or builds them as at a past position), then
 * writes the DCMS impact report stating the position it was computed at.
 */
@SubCommand({ name: 'impact', description: 'Write the DCMS impact report of a programme' })
export class ReportImpactCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: ReportImpactOptions): Promise<void> {
    const stores = openLedgerStores(this.config);
    // Seals cover the log as stored: they are read and written through the raw store.
    const raw = openRawEventStore(this.config);
    const seals = new LedgerSeals(raw, { source: 'cli' });
    try {
      const report = await this.build({ ...stores, seals }, options);
      const text = await render(report, options.format);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      process.stderr.write(
        `Impact report of ${options.programme} at ledger position ${report.ledgerPosition}${options.out ? ` written to ${options.out}` : ''}\n`,
      );
    } finally {
      await raw.close();
      await stores.close();
    }
  }

  private async build(stores: SealingStores, options: ReportImpactOptions): Promise<ImpactReport> {
    if (options.asAt === undefined) {
      await catchUpReadModels(this.config, stores, [PROJECTION_NAMES.programmeImpact]);
      return reportFrom(stores, stores.readStore, options);
    }
    const past = await readModelsAt<LedgerReadModels>(
      stores.events,
      ALL_PROJECTIONS,
      await asAt(stores, options.asAt),
    );
    try {
      return await reportFrom(stores, past.readStore, options);
    } finally {
      await past.readStore.close();
    }
  }

  @Option({ flags: '-p, --programme <id>', description: 'programme id', required: true })
  programmeOption(value: string): string {
    return value;
  }

  @Option({
    flags: '-f, --format <format>',
    description: `one of ${FORMATS.join(', ')}`,
    defaultValue: 'json',
  })
  formatOption(value: string): Format {
    if (!(FORMATS as readonly string[]).includes(value))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    return value as Format;
  }

  @Option({ flags: '-o, --out <file>', description: 'file to write (stdout when absent)' })
  outOption(value: string): string {
    return value;
  }

  @Option({ flags: '--from <date>', description: 'period start (YYYY-MM-DD); the programme’s by default' })
  fromOption(value: string): string {
    return isoDate('--from', value);
  }

  @Option({ flags: '--to <date>', description: 'period end (YYYY-MM-DD); the programme’s by default' })
  toOption(value: string): string {
    return isoDate('--to', value);
  }

  @Option({
    flags: '--corrections-since <position>',
    description: 'list corrections recorded after this position',
  })
  correctionsSinceOption(value: string): string {
    if (!/^\d{1,20}$/.test(value)) throw new UsageError('--corrections-since must be a ledger position');
    return value;
  }

  @Option({
    flags: '--as-at <position|timestamp>',
    description: 'the report as the ledger stood at this position or ISO 8601 instant (with a time zone)',
  })
  asAtOption(value: string): string {
    return value;
  }
}

/** The ledger's stores, and its seals: every report states the seal covering its position. */
type SealingStores = LedgerStores & { readonly seals: LedgerSeals };

/**
 * The report from one read store (the live one or one built as at a past position), with the
 * earliest seal covering its position; when none does yet, the log is sealed now.
 */
async function reportFrom(
  stores: SealingStores,
  readStore: ReadStore<LedgerReadModels>,
  options: ReportImpactOptions,
): Promise<ImpactReport> {
  const db = readStore.db as unknown as Parameters<typeof impactReportFromReadStore>[0];
  const report = await impactReportFromReadStore(db, {
    programmeId: options.programme,
    sealAt: (checkpoint: Position) => stores.seals.forReport(checkpoint),
    recordedAtOf: (position: Position) => recordedAtOf(stores.events, position),
    comparePositions: (a: Position, b: Position) => stores.events.comparePositions(a, b),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.correctionsSince ? { correctionsSince: options.correctionsSince as Position } : {}),
  });
  if (!report) throw new CommandFailedError(`No programme ${options.programme} in the ledger`);
  return report;
}

/** The position `--as-at` names; a usage error when it names none of this ledger's. */
async function asAt(stores: LedgerStores, text: string): Promise<Position | undefined> {
  try {
    return await resolveAsAt(stores.events, text);
  } catch (error) {
    if (error instanceof AsAtError) throw new UsageError(`--as-at: ${error.message}`);
    throw error;
  }
}

function render(report: ImpactReport, format: Format): Promise<string> | string {
  if (format === 'csv') return renderImpactCsv(report);
  if (format === 'html') return renderImpactHtml(report, { generatedAt: new Date().toISOString() });
  return JSON.stringify(report, null, 2);
}

function isoDate(flag: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} must be a date written YYYY-MM-DD`);
  return value;
}
