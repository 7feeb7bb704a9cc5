import { CommandFactory } from 'nest-commander';
import { loadConfig } from '@ledger/config';
import { CliModule } from './cli.module.js';
import { exitOnParseError, reportError } from './cli-exit.js';

try {
  const config = loadConfig();
  await CommandFactory.run(CliModule.forConfig(config), {
    cliName: 'ledger',
    // stdout carries command output (a new token, JSON), so Nest itself stays silent; failures
    // reach reportError instead, because abortOnError: false makes Nest throw rather than exit.
    logger: false,
    abortOnError: false,
    errorHandler: exitOnParseError,
    serviceErrorHandler: reportError,
  });
} catch (error) {
  reportError(error);
}
