import { Module } from '@nestjs/common';
import { Import360GivingCommand } from './import-360giving.command.js';
import { ImportCommand } from './import.command.js';

@Module({ providers: [ImportCommand, Import360GivingCommand] })
export class ImportModule {}
