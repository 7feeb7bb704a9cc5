import { IEP_PROGRAMME_ID, ILLUSTRATIVE_NOTE } from './iep-facts.js';

type Out = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

/**
 * Shows loading progress: one line rewritten in place on a terminal, a line per quarter otherwise
 * (so a log file is not flooded).
 */
export function progressPrinter(out: Out = process.stdout): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    const line = `Loading the IEP demo: ${done}/${total} commands (${percent}%)`;
    if (out.isTTY) out.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (percent % 25 === 0) out.write(`${line}\n`);
  };
}

export interface Welcome {
  readonly port: number;
  readonly dataDir: string;
  readonly auditorToken: string;
  /** What happened before listening: loaded (with the time taken) or already there. */
  readonly loaded: { readonly commands: number; readonly seconds: number } | 'already-loaded';
}

/** Where to look once the demo is up. The token is shown once: it is not stored anywhere readable. */
export function welcomeText({ port, dataDir, auditorToken, loaded }: Welcome): string {
  const base = `http://localhost:${port}`;
  const how =
    loaded === 'already-loaded'
      ? `already loaded in ${dataDir}; not loaded again`
      : `${loaded.commands} commands loaded in ${loaded.seconds.toFixed(1)} s into ${dataDir}`;
  return [
    `IEP partnership accelerator demo: ${how}.`,
    `  API:            ${base}  (OpenAPI at ${base}/docs)`,
    `  Impact report:  ${base}/programmes/${IEP_PROGRAMME_ID}/reports/impact?format=html`,
    `  Sign in:        ${base}/sign-in`,
    `  Auditor token:  ${auditorToken}`,
    `                  (read-only; send it as "Authorization: Bearer <token>" or paste it at the sign-in page)`,
    ILLUSTRATIVE_NOTE,
    '',
  ].join('\n');
}
