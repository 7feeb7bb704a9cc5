import { existsSync, readFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Command } from 'nest-commander';
import { LedgerSeals, type Seal, verifyLedger, type VerifyResult } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import type { EventStore, Position } from '@ledger/event-store';
import {
  anyProjection,
  AsAtError,
  type LedgerReadModels,
  programmeImpactProjection,
  readModelsAt,
  recordedAtOf,
} from '@ledger/projections';
import { type ImpactReport, impactReportFromReadStore, type ReportSeal } from '@ledger/reporting';
import { openEventStore, openRawEventStore } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, NotIntactError, UsageError } from '../cli-exit.js';
import { type ReportFile, ReportFileError, readReportFile } from './report-file.js';
import { notIntactMessage } from './verify-summary.format.js';

const SEAL_FIELDS = ['position', 'streamsRoot', 'logDigest', 'sealEventId', 'sealHash'] as const;

/**
 * `ledger verify-report <file>`: checks a report file (JSON, CSV or the HTML page) against the
 * ledger. The seal it states must be in the ledger, the same seal (position, root, digest, event,
 * hash) and covering the report; the ledger must verify up to it; and the report computed again as
 * at its `ledgerPosition` must have the file's figures. Exit 0 when all hold, 3 naming what
 * differs, 1 when the report states no seal, 2 when the file is missing or not a report.
 */
@Command({
  name: 'verify-report',
  arguments: '<file>',
  description:
    'Check a report file (JSON, CSV or HTML) against the ledger: its seal, the ledger up to it, and its figures',
  argsDescription: { file: 'an impact report written by `report impact` or the api (JSON, CSV or HTML)' },
})
export class VerifyReportCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([path = '']: string[]): Promise<void> {
    const file = readReport(path);
    const seal = file.seal;
    if (seal === null) {
      throw new CommandFailedError(
        `${path} states no seal (a report from before seals): there is nothing to check it against`,
      );
    }
    const raw = openRawEventStore(this.config);
    try {
      const position = positionOf(raw, file.ledgerPosition);
      await checkSeal(raw, seal, position);
      const verified = await verifyLedger(raw, { untilSeal: seal.sealNumber });
      if (!verified.ok) {
        throw new NotIntactError(
          `The ledger does not verify up to seal ${seal.sealNumber}.\n${notIntactMessage(verified)}`,
        );
      }
      await this.checkFigures(file, position);
      process.stdout.write(`${matchesLine(path, file, seal, verified)}\n`);
    } finally {
      await raw.close();
    }
  }

  /** The report computed again as at its position, from the log read as the api reads it. */
  private async checkFigures(file: ReportFile, position: Position): Promise<void> {
    const events = openEventStore(this.config);
    try {
      const recomputed = await reportAt(events, file, position);
      const differences = file.differencesFrom(recomputed);
      if (differences.length > 0) {
        throw new NotIntactError(
          [
            `The report's figures differ from the ledger's as at position ${position}:`,
            ...differences.map((d) => `  - ${d}`),
          ].join('\n'),
        );
      }
    } finally {
      await events.close();
    }
  }
}

function readReport(path: string): ReportFile {
  if (!existsSync(path)) throw new UsageError(`No such file: ${path}`);
  try {
    return readReportFile(path, readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof ReportFileError) throw new UsageError(error.message);
    throw error;
  }
}

function positionOf(store: EventStore, text: string): Position {
  const position = store.parsePosition(text);
  if (position === undefined)
    throw new NotIntactError(`The report's ledger position ${text} is not a position of this ledger`);
  return position;
}

/** The seal the report states is in the ledger, unchanged, and covers the report's position. */
async function checkSeal(store: EventStore, claimed: ReportSeal, position: Position): Promise<Seal> {
  const seals = new LedgerSeals(store);
  const sealed = await seals.numbered(claimed.sealNumber);
  if (sealed === undefined) {
    const count = (await seals.list()).length;
    throw new NotIntactError(
      `The report states seal ${claimed.sealNumber}, which the ledger does not hold (it has ${count === 0 ? 'no seal' : `seals 1 to ${count}`})`,
    );
  }
  const differences = SEAL_FIELDS.filter((field) => sealed[field] !== claimed[field]).map(
    (field) => `  - ${field}: the report says ${claimed[field]}, the ledger's seal ${sealed[field]}`,
  );
  if (differences.length > 0) {
    throw new NotIntactError(
      [`The report's seal ${claimed.sealNumber} is not the ledger's:`, ...differences].join('\n'),
    );
  }
  if (store.comparePositions(sealed.position, position) < 0) {
    throw new NotIntactError(
      `Seal ${sealed.sealNumber} covers position ${sealed.position}, before the report's position ${position}`,
    );
  }
  return sealed;
}

async function reportAt(events: EventStore, file: ReportFile, position: Position): Promise<ImpactReport> {
  let past;
  try {
    past = await readModelsAt<LedgerReadModels>(events, [anyProjection(programmeImpactProjection)], position);
  } catch (error) {
    if (error instanceof AsAtError) throw new NotIntactError(`The report's position: ${error.message}`);
    throw error;
  }
  try {
    const db = past.readStore.db as unknown as Parameters<typeof impactReportFromReadStore>[0];
    const report = await impactReportFromReadStore(db, {
      programmeId: file.programmeId,
      from: file.period.from,
      to: file.period.to,
      recordedAtOf: (at: Position) => recordedAtOf(events, at),
      comparePositions: (a: Position, b: Position) => events.comparePositions(a, b),
      ...(file.correctionsSince === null ? {} : { correctionsSince: file.correctionsSince as Position }),
    });
    if (report === undefined) {
      throw new NotIntactError(
        `Programme ${file.programmeId} is not in the ledger as at position ${position}`,
      );
    }
    return report;
  } finally {
    await past.readStore.close();
  }
}

function matchesLine(path: string, file: ReportFile, seal: ReportSeal, verified: VerifyResult): string {
  const events = verified.eventsChecked - verified.sealsChecked;
  return [
    `verify-report: ${path} matches the ledger.`,
    `  report   impact report of ${file.programmeId} at position ${file.ledgerPosition} (${file.format})`,
    `  seal     seal ${seal.sealNumber}, covering position ${seal.position}: in the ledger, unchanged`,
    `  ledger   verified up to seal ${seal.sealNumber}: ${events} events, ${verified.sealsChecked} seals in ${verified.durationMs} ms`,
    `  figures  computed again as at position ${file.ledgerPosition}: the same`,
  ].join('\n');
}
