import { describe } from '@jest/globals';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The 360Giving files shipped beside the repository (`../shared/data/360giving`): the originals. */
export const SHIPPED_DIR = fileURLToPath(new URL('../../../../shared/data/360giving', import.meta.url));

/** `describe` when the shipped files are there; otherwise skipped, saying so. */
export function describeWithShippedFiles(name: string, body: () => void): void {
  if (existsSync(SHIPPED_DIR)) {
    describe(name, body);
    return;
  }
  process.stdout.write(`Skipped "${name}": ${SHIPPED_DIR} is absent\n`);
  describe.skip(name, body);
}
