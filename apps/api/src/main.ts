import 'reflect-metadata';
import { checkStorage, ConfigError, loadConfig } from '@ledger/config';

async function main(): Promise<void> {
  const config = loadConfig();
  // A read-only folder or a full disk is said in one line here, before any store is opened.
  checkStorage(config);
  // The app is loaded only now, so a refused start answers at once rather than after loading it all.
  const [{ Logger }, { createApp }] = await Promise.all([
    import('@nestjs/common'),
    import('./create-app.js'),
  ]);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  Logger.log(
    `Programme Ledger listening on http://localhost:${config.port} (data in ${config.dataDir}); docs at /docs`,
    'Main',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Programme Ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
