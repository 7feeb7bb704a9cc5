import { CommandFactory } from 'nest-commander';
import { type LedgerConfig, loadConfig } from '@ledger/config';
import { CliModule } from './cli.module.js';
import { exitOnParseError, explainStorageFault, reportError } from './cli-exit.js';

let config: LedgerConfig | undefined;
// A read-only folder or a full disk is named as such, whichever store met it first.
const report = (error: unknown) => reportError(explainStorageFault(error, config));
try {
  config = loadConfig();
  await CommandFactory.run(CliModule.forConfig(config), {
    cliName: 'ledger',
    // stdout carries command output (a new token, JSON), so Nest itself stays silent; failures
    // reach reportError instead, because abortOnError: false makes Nest throw rather than exit.
    logger: false,
    abortOnError: false,
    errorHandler: exitOnParseError,
    serviceErrorHandler: report,
  });
} catch (error) {
  report(error);
}
