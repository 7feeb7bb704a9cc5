import { Module } from '@nestjs/common';
import { TokenStoreOpener } from '../token/token-store.opener.js';
import { ForgetPersonCliCommand } from './forget-person.command.js';

@Module({ providers: [ForgetPersonCliCommand, TokenStoreOpener] })
export class PeopleModule {}
