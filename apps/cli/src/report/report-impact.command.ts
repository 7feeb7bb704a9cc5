import { writeFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import type { Position } from '@ledger/event-store';
import { ALL_PROJECTIONS, PROJECTION_NAMES, ProjectionRunner } from '@ledger/projections';
import {
  impactReportFromReadStore,
  type ImpactReport,
  renderImpactCsv,
  renderImpactHtml,
} from '@ledger/reporting';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { type LedgerStores, openLedgerStores } from './ledger-stores.js';

const FORMATS = ['json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];
/** A reporting job waits this long for the read models to reach the head of the log. */
const CATCH_UP_TIMEOUT_MS = 10 * 60 * 1000;

interface ReportImpactOptions {
  programme: string;
  format: Format;
  out?: string;
  from?: string;
  to?: string;
  correctionsSince?: string;
}

/**
 * `ledger report impact --programme ID --format json|csv|html --out FILE`: brings the read models up
 * to the head of the log, then writes the DCMS impact report stating the position it was computed at.
 */
@SubCommand({ name: 'impact', description: 'Write the DCMS impact report of a programme' })
export class ReportImpactCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: ReportImpactOptions): Promise<void> {
    const stores = openLedgerStores(this.config);
    try {
      const report = await this.build(stores, options);
      const text = await render(report, options.format);
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      process.stderr.write(
        `Impact report of ${options.programme} at ledger position ${report.ledgerPosition}${options.out ? ` written to ${options.out}` : ''}\n`,
      );
    } finally {
      await stores.close();
    }
  }

  private async build(stores: LedgerStores, options: ReportImpactOptions): Promise<ImpactReport> {
    await catchUp(stores);
    const db = stores.readStore.db as unknown as Parameters<typeof impactReportFromReadStore>[0];
    const report = await impactReportFromReadStore(db, {
      programmeId: options.programme,
      generatedAt: new Date().toISOString(),
      comparePositions: (a: Position, b: Position) => stores.events.comparePositions(a, b),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.correctionsSince ? { correctionsSince: options.correctionsSince as Position } : {}),
    });
    if (!report) throw new CommandFailedError(`No programme ${options.programme} in the ledger`);
    return report;
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
}

/** Runs the projections until they hold every event stored now; fails if one of them fails. */
async function catchUp(stores: LedgerStores): Promise<void> {
  // stdout carries the report itself: the runner speaks on stderr, and only of failures.
  const runner = new ProjectionRunner(stores.events, stores.readStore, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) },
  });
  await runner.start();
  try {
    const head = await stores.events.headPosition();
    if (head && !(await runner.waitFor(head, [PROJECTION_NAMES.programmeImpact], CATCH_UP_TIMEOUT_MS))) {
      const failed = (await runner.status()).find((s) => s.error);
      throw new CommandFailedError(
        `The programme-impact read model did not reach position ${head}${failed?.error ? `: ${failed.error.message}` : ''}`,
      );
    }
  } finally {
    await runner.stop();
  }
}

function render(report: ImpactReport, format: Format): Promise<string> | string {
  if (format === 'csv') return renderImpactCsv(report);
  if (format === 'html') return renderImpactHtml(report);
  return JSON.stringify(report, null, 2);
}

function isoDate(flag: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} must be a date written YYYY-MM-DD`);
  return value;
}
