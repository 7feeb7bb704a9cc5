import { type DynamicModule, Module } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { AuditModule } from './audit/audit.module.js';
import { BackupModule } from './backup/backup.module.js';
import { ExportModule } from './export/export.module.js';
import { ImportModule } from './import/import.module.js';
import { LedgerCommand } from './ledger.command.js';
import { PeopleModule } from './people/people.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReportModule } from './report/report.module.js';
import { TokenModule } from './token/token.module.js';

const COMMAND_MODULES = [
  TokenModule,
  ReportModule,
  ProjectionsModule,
  ExportModule,
  ImportModule,
  PeopleModule,
  AuditModule,
  BackupModule,
];

/** The CLI's root. Config is loaded and validated before Nest starts, then offered to every module. */
@Module({})
export class CliModule {
  static forConfig(config: LedgerConfig): DynamicModule {
    return {
      module: CliModule,
      global: true,
      imports: COMMAND_MODULES,
      providers: [LedgerCommand, { provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
