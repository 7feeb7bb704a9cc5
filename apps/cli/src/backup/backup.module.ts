import { Module } from '@nestjs/common';
import { BackupCommand } from './backup.command.js';
import { RestoreCommand } from './restore.command.js';

/** `ledger backup <file>`, `ledger restore <file>`: the embedded store in one archive, and back. */
@Module({ providers: [BackupCommand, RestoreCommand] })
export class BackupModule {}
