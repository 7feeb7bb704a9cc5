import { Module } from '@nestjs/common';
import { SealCommand } from './seal.command.js';
import { VerifyReportCommand } from './verify-report.command.js';
import { VerifyCommand } from './verify.command.js';

/** SPEC §6 Verify: `ledger verify`, `ledger seal`, `ledger verify-report <file>`. */
@Module({ providers: [VerifyCommand, SealCommand, VerifyReportCommand] })
export class AuditModule {}
