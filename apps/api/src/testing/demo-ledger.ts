import { CommandBus } from '@nestjs/cqrs';
import { TOKEN_STORE, type TokenStore } from '@ledger/auth';
import type { Position } from '@ledger/event-store';
import type { LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import { demoActors } from '../demo/demo-principals.js';
import { loadIepDemo, type LoadDemoResult } from '../demo/load-demo.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.tokens.js';
import { startTestLedger, type TestLedger } from './test-ledger.js';

/** A test ledger with the IEP demo loaded through the command path and every read model caught up. */
export async function startDemoLedger(): Promise<TestLedger & { demo: LoadDemoResult }> {
  const ledger = await startTestLedger();
  const actors = demoActors(ledger.app.get<TokenStore>(TOKEN_STORE));
  const demo = await loadIepDemo(ledger.app.get(CommandBus), { actors });
  const runner = ledger.app.get<ProjectionRunner<LedgerReadModels>>(PROJECTION_RUNNER);
  if (!(await runner.waitFor(demo.lastPosition as Position, undefined, 30_000))) {
    throw new Error(`read models did not catch up: ${JSON.stringify(await runner.status())}`);
  }
  return { ...ledger, demo };
}
