import { Writable } from 'node:stream';
import { createJsonLogger, type JsonLogger } from '@ledger/observability';

/** A JSON logger whose lines a test reads back: raw, as written, and parsed. */
export interface CapturedLogs {
  readonly logger: JsonLogger;
  /** Every line written so far, exactly as it would reach stdout. */
  lines(): string[];
  /** Every line parsed; throws if one is not JSON. */
  records(): Record<string, unknown>[];
}

export function captureLogs(level: 'info' | 'debug' = 'info'): CapturedLogs {
  let written = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const lines = () => written.split('\n').filter((line) => line !== '');
  return {
    logger: createJsonLogger({ level, name: 'ledger-api', destination }),
    lines,
    records: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
