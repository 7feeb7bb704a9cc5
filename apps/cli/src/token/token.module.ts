import { Module } from '@nestjs/common';
import { TokenCommand } from './token.command.js';
import { TokenCreateCommand } from './token-create.command.js';
import { TokenListCommand } from './token-list.command.js';
import { TokenRevokeCommand } from './token-revoke.command.js';
import { TokenStoreOpener } from './token-store.opener.js';

const COMMANDS = [TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand];
const SERVICES = [TokenStoreOpener];

@Module({ providers: [...COMMANDS, ...SERVICES] })
export class TokenModule {}
