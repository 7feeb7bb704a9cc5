import { Module } from '@nestjs/common';
import { ReportCommand } from './report.command.js';
import { ReportImpactCommand } from './report-impact.command.js';

@Module({ providers: [ReportCommand, ReportImpactCommand] })
export class ReportModule {}
