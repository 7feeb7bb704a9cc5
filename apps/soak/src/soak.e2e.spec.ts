import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Invariant } from './soak-checks.js';
import { runSoak, type SoakReport } from './soak-run.js';
import { textSummary } from './soak-summary.js';
import { CONFLICT_KINDS } from './soak-workload.js';

// The short profile of `npm run test:soak` (the long one runs from the build, its length a flag).
const OPTIONS = { seconds: 20, clients: 64, kills: 3, seed: 2017, json: false, keep: false };

describe('soak: 64 clients for 20 s over HTTP, the api SIGKILLed 3 times and restarted', () => {
  let report: SoakReport;
  beforeAll(async () => {
    report = await runSoak(OPTIONS);
    process.stdout.write(textSummary(report));
  }, 150_000);

  /** The invariant with its figures, so a failure shows what was checked and the first problems. */
  const check = (name: string): Invariant => {
    const found = report.invariants.find((i) => i.name === name);
    if (found === undefined)
      throw new Error(`no invariant ${name} in ${report.invariants.map((i) => i.name).join(', ')}`);
    return found;
  };
  const holds = (name: string) => {
    const { title, figures, examples, ok } = check(name);
    expect({ title, figures, examples, ok }).toEqual({ title, figures, examples: [], ok: true });
  };

  it('given the load and the kills, when it ran, then it met every kind of answer: 2xx, each conflict refused, lost races, retries, resends after kills, 3 restarts', () => {
    const { load, faults } = report;
    const figures = textSummary(report);
    expect({ acknowledged: load.acknowledged.commands > 200, figures }).toEqual({
      acknowledged: true,
      figures,
    });
    for (const kind of CONFLICT_KINDS) {
      const refused = load.intents[kind]?.refusedAsExpected ?? 0;
      expect({ kind, refused: refused > 0 }).toEqual({ kind, refused: true });
    }
    expect({ budgetRaces: load.budgetRaces > 0, races: load.races }).toEqual({
      budgetRaces: true,
      races: load.races,
    });
    expect({ replays: load.replays.identical > 0, ...load.replays }).toEqual({
      replays: true,
      ...load.replays,
      mismatched: 0,
    });
    expect({ cutOff: load.cutOff.commands > 0, ...load.cutOff }).toEqual({ cutOff: true, ...load.cutOff });
    expect({ restarts: faults.restarts.length, unexpectedExits: faults.unexpectedExits }).toEqual({
      restarts: 3,
      unexpectedExits: 0,
    });
  });

  it("given every 2xx answer, when the log is read raw, then each one's events are in it exactly once at the position, stream and revision it was told", () => {
    holds('acknowledged');
  });

  it("given every answer, when the log is read raw, then it holds the set-up's and the 2xx answers' events and nothing else, and no refused command wrote an event or a command record", () => {
    holds('nothing-else');
  });

  it('given the log after the kills, when read raw, then global positions are 1..N and every stream revisions 0..n, without a gap', () => {
    holds('gap-free');
  });

  it("given the api's read models once caught up, when every projection is rebuilt from scratch into a fresh store, then every table is equal row by row", () => {
    holds('read-models');
  });

  it('given the four SQLite files, after each kill and at the end, when checked, then PRAGMA integrity_check is ok', () => {
    holds('integrity');
  });

  it('given every answer, when compared with what each command must get, then conflicts were refused with their status and code, valid commands only lost races, no 5xx, and every retry with the same key answered the first result', () => {
    holds('answers');
  });

  it('given racing awards on the same programmes, when the log is folded, then no budget was ever exceeded and each award committed its funds in the same append', () => {
    holds('budgets');
  });

  it('given the kills and the SIGTERM, when the api process is looked at, then it died only when killed, came back each time and stopped with exit 0', () => {
    holds('process');
  });
});

describe('the soak command line', () => {
  it('given an unknown flag or a bad value, when main runs, then it names the problem with the usage and exits 2', () => {
    for (const argv of [['--fast'], ['--seconds', 'soon']]) {
      const run = spawnSync(process.execPath, ['dist/apps/soak/src/main.js', ...argv], { encoding: 'utf8' });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr).toContain(argv[0] === '--fast' ? 'Unknown option "--fast"' : '--seconds must be');
      expect(run.stderr).toContain('Usage: node dist/apps/soak/src/main.js');
    }
  }, 30_000);
});
