import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { withCorrelationId } from '../correlation/correlation-context.js';
import { createJsonLogger } from './json-logger.js';
import { NestJsonLogger } from './nest-json-logger.js';

/** A logger writing into an array, one parsed object per line (and a throw if a line is not JSON). */
function capture(level: 'debug' | 'info' = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createJsonLogger({ level, name: 'test', destination });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('JSON logging', () => {
  it('given a Nest logger with a context, when it logs, then one JSON line carries level, time, context and message', () => {
    const { logger, records } = capture();

    new NestJsonLogger(logger).log('Mapped {/grants, POST} route', 'RouterExplorer');

    expect(records()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        hostname: expect.any(String),
        name: 'test',
        context: 'RouterExplorer',
        msg: 'Mapped {/grants, POST} route',
      },
    ]);
  });

  it('given an error with a stack and a context, when logged, then the stack is a field and the line stays one line', () => {
    const { logger, records, lines } = capture();
    const stack = 'Error: disk full\n    at append (store.ts:1:1)';

    new NestJsonLogger(logger).error('Append failed', stack, 'Problem');

    expect(lines).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: 'error', msg: 'Append failed', stack, context: 'Problem' });
  });

  it('given work running with a correlation id, when anything logs during it (after an await too), then the line carries the id', async () => {
    const { logger, records } = capture();
    const nest = new NestJsonLogger(logger);

    await withCorrelationId('corr-42', async () => {
      nest.log('before');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info({ extra: 1 }, 'after');
    });
    nest.log('outside');

    expect(records().map((r) => [r.msg, r.correlationId])).toEqual([
      ['before', 'corr-42'],
      ['after', 'corr-42'],
      ['outside', undefined],
    ]);
  });

  it('given LEDGER_LOG_LEVEL=info, when debug is written, then nothing is', () => {
    const { logger, records } = capture('info');

    new NestJsonLogger(logger).debug('noise', 'Somewhere');

    expect(records()).toEqual([]);
  });

  it('given Nest told to log errors and warnings only, when info and warn are written, then only the warning is', () => {
    const { logger, records } = capture();
    const nest = new NestJsonLogger(logger);

    nest.setLogLevels(['fatal', 'error', 'warn']);
    nest.log('started');
    logger.info('a request');
    nest.warn('slow');

    expect(records().map((r) => r.msg)).toEqual(['slow']);
  });
});
