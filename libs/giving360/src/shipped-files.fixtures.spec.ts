import { describe } from '@jest/globals';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The 360Giving files shipped beside the repository (`../shared/data/360giving`): the originals. */
const BESIDE_REPO = fileURLToPath(new URL('../../../../shared/data/360giving', import.meta.url));
/** Their byte-for-byte copies in the repository (schemas, codelists and `grants/`). */
const IN_REPO = fileURLToPath(new URL('../schema', import.meta.url));

/** The originals when they are there, else the copies: a clean clone has nothing beside it. */
export const SHIPPED_DIR = existsSync(BESIDE_REPO) ? BESIDE_REPO : IN_REPO;

/** True when the originals are there to compare the copies with. */
export const ORIGINALS_PRESENT = existsSync(BESIDE_REPO);

/** `describe` when the shipped files are there; otherwise skipped, saying so. */
export function describeWithShippedFiles(name: string, body: () => void): void {
  if (existsSync(SHIPPED_DIR)) {
    describe(name, body);
    return;
  }
  process.stdout.write(`Skipped "${name}": ${SHIPPED_DIR} is absent\n`);
  describe.skip(name, body);
}
