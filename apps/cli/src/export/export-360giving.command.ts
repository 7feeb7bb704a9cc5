import { writeFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, GIVING360_PREFIX_PATTERN, isHttpUrl, type LedgerConfig } from '@ledger/config';
import {
  buildGiving360Export,
  type Giving360Export,
  Giving360SchemaFilesError,
  type Giving360Validator,
  giving360Validator,
  type QualityFinding,
  renderGiving360Csv,
} from '@ledger/giving360';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { openLedgerStores } from '../report/ledger-stores.js';
import { readSourceFor } from './export-source.reader.js';

const FORMATS = ['json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface Export360GivingOptions {
  programme?: string;
  all?: boolean;
  format: Format;
  out: string;
  prefix?: string;
  dataSource?: string;
  allowFindings?: boolean;
  asAt?: string;
}

/**
 * `ledger export 360giving (--programme ID | --all) [--format json|csv] --out FILE`: every live
 * grant as 360Giving data, valid against the shipped schemas. A file that breaks the schema is never
 * written (exit 1). Quality findings are listed on stderr and the file is written for review, with
 * exit 1 unless `--allow-findings`, so a publishing job stops before publishing them.
 */
@SubCommand({ name: '360giving', description: 'Write the grants as a 360Giving data package or CSV' })
export class Export360GivingCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: Export360GivingOptions): Promise<void> {
    const programmeId = this.scope(options);
    const mapping = this.mappingOptions(options);
    const validator = this.validator();
    const stores = openLedgerStores(this.config);
    let result: Giving360Export;
    try {
      const source = await readSourceFor(this.config, stores, programmeId, options.asAt);
      if (source === undefined)
        throw new CommandFailedError(`No programme ${programmeId ?? ''} in the ledger`);
      if (source.incomplete.length > 0) {
        throw new CommandFailedError(`The read models lack the awards of ${source.incomplete.join(', ')}`);
      }
      if (source.grants.length === 0) throw new CommandFailedError('There are no live grants to export');
      const today = new Date().toISOString().slice(0, 10);
      result = buildGiving360Export(source, validator, { ...mapping, today });
    } finally {
      await stores.close();
    }
    this.write(result, options);
  }

  private write(result: Giving360Export, options: Export360GivingOptions): void {
    if (result.schemaErrors.length > 0) {
      for (const error of result.schemaErrors)
        process.stderr.write(`schema: ${error.path} ${error.message}\n`);
      throw new CommandFailedError(
        `The export breaks the 360Giving schema (${result.schemaErrors.length} error(s)): nothing was written`,
      );
    }
    const grants = result.package.grants;
    const text =
      options.format === 'csv' ? renderGiving360Csv(grants) : `${JSON.stringify(result.package, null, 2)}\n`;
    writeFileSync(options.out, text);
    process.stderr.write(
      `360Giving export of ${options.programme ?? 'every programme'} at ledger position ${result.ledgerPosition}: ` +
        `${grants.length} grant(s) written to ${options.out}\n`,
    );
    if (result.findings.length === 0) return;
    process.stderr.write(findingLines(result.findings));
    if (options.allowFindings) return;
    throw new CommandFailedError(
      `${result.findings.length} quality finding(s): the file is written for review; fix them in the ledger, or pass --allow-findings to accept them`,
    );
  }

  private scope(options: Export360GivingOptions): string | undefined {
    if ((options.programme === undefined) === (options.all !== true)) {
      throw new UsageError('Give either --programme ID or --all');
    }
    return options.programme;
  }

  /** The prefix and dataSource: the flags', else the configuration's. Neither is ever invented. */
  private mappingOptions(options: Export360GivingOptions): { prefix: string; dataSource: string } {
    const prefix = options.prefix ?? this.config.giving360.prefix;
    if (prefix === undefined) {
      throw new UsageError('A 360Giving prefix is needed: set LEDGER_360GIVING_PREFIX or pass --prefix');
    }
    const dataSource = options.dataSource ?? this.config.giving360.dataSource;
    if (dataSource === undefined) {
      throw new UsageError(
        'A data source URL is needed (where the file will be published): set LEDGER_360GIVING_DATA_SOURCE or pass --data-source',
      );
    }
    return { prefix, dataSource };
  }

  private validator(): Giving360Validator {
    try {
      return giving360Validator(this.config.giving360.schemaDir);
    } catch (error) {
      if (error instanceof Giving360SchemaFilesError) throw new CommandFailedError(error.message);
      throw error;
    }
  }

  @Option({ flags: '-p, --programme <id>', description: 'one programme’s grants' })
  programmeOption(value: string): string {
    return value;
  }

  @Option({ flags: '--all', description: 'every programme’s grants' })
  allOption(): boolean {
    return true;
  }

  @Option({
    flags: '-f, --format <format>',
    description: `one of ${FORMATS.join(', ')}`,
    defaultValue: 'json',
  })
  formatOption(value: string): Format {
    const format = FORMATS.find((f) => f === value);
    if (format === undefined) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    return format;
  }

  @Option({ flags: '-o, --out <file>', description: 'file to write', required: true })
  outOption(value: string): string {
    return value;
  }

  @Option({
    flags: '--prefix <prefix>',
    description: 'the 360Giving prefix; LEDGER_360GIVING_PREFIX by default',
  })
  prefixOption(value: string): string {
    if (!GIVING360_PREFIX_PATTERN.test(value)) {
      throw new UsageError('--prefix must be a 360Giving prefix of letters, digits, - and _, without 360G-');
    }
    return value;
  }

  @Option({
    flags: '--data-source <url>',
    description: 'each grant’s dataSource; LEDGER_360GIVING_DATA_SOURCE by default',
  })
  dataSourceOption(value: string): string {
    if (!isHttpUrl(value)) throw new UsageError('--data-source must be an http:// or https:// URL');
    return value;
  }

  @Option({ flags: '--allow-findings', description: 'exit 0 despite quality findings (still listed)' })
  allowFindingsOption(): boolean {
    return true;
  }

  @Option({
    flags: '--as-at <position|timestamp>',
    description: 'the grants as the ledger stood at this position or ISO 8601 instant (with a time zone)',
  })
  asAtOption(value: string): string {
    return value;
  }
}

function findingLines(findings: readonly QualityFinding[]): string {
  const lines = findings.map((f) => `  ${f.grantId}  ${f.check}  ${f.message}\n`);
  return `${findings.length} quality finding(s):\n${lines.join('')}`;
}
