import { Module } from '@nestjs/common';
import { ExportCommand } from './export.command.js';
import { Export360GivingCommand } from './export-360giving.command.js';

@Module({ providers: [ExportCommand, Export360GivingCommand] })
export class ExportModule {}
