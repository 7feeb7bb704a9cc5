import { describe, expect, it } from '@jest/globals';
import { createMetricsRegistry } from './metrics-registry.js';
import { registerCommandMetrics } from './command-metrics.js';
import { METRIC_NAMES } from './metric-names.js';
import { valueOf } from '../testing/metric-values.js';

class RuleBroken extends Error {
  readonly code = 'GRANT.BUDGET_EXCEEDED';
}

describe('command metrics', () => {
  it('given three commands of which one is refused, when scraped, then the latency count is 3 and one error is counted under its code', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const commands = registerCommandMetrics(registry);

    await commands.observe('AwardGrant', () => Promise.resolve('ok'));
    await commands.observe('AwardGrant', () => Promise.resolve('ok'));
    const refused = commands.observe('AwardGrant', () => Promise.reject(new RuleBroken('over budget')));

    await expect(refused).rejects.toBeInstanceOf(RuleBroken);
    const count = (outcome: string) =>
      valueOf(
        registry,
        METRIC_NAMES.commandDuration,
        { command: 'AwardGrant', outcome },
        `${METRIC_NAMES.commandDuration}_count`,
      );
    expect(await count('ok')).toBe(2);
    expect(await count('error')).toBe(1);
    expect(
      await valueOf(registry, METRIC_NAMES.commandErrors, {
        command: 'AwardGrant',
        code: 'GRANT.BUDGET_EXCEEDED',
      }),
    ).toBe(1);
  });

  it('given an error without a code and a mapping of the caller, when it fails, then the mapping names the code', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const commands = registerCommandMetrics(registry, {
      errorCode: (error) => (error instanceof TypeError ? 'REQUEST.INVALID' : 'INTERNAL'),
    });

    await commands
      .observe('RegisterPartner', () => Promise.reject(new TypeError('x')))
      .catch(() => undefined);
    await commands.observe('RegisterPartner', () => Promise.reject(new Error('x'))).catch(() => undefined);

    const errors = (code: string) =>
      valueOf(registry, METRIC_NAMES.commandErrors, { command: 'RegisterPartner', code });
    expect(await errors('REQUEST.INVALID')).toBe(1);
    expect(await errors('INTERNAL')).toBe(1);
  });

  it('given events written, when counted, then the appended counter adds them up', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const commands = registerCommandMetrics(registry);

    commands.eventsAppended(2);
    commands.eventsAppended(1);

    expect(await valueOf(registry, METRIC_NAMES.eventsAppended, {})).toBe(3);
  });

  it('given two registries in one process, when both register the command metrics, then neither collides', () => {
    expect(() => {
      registerCommandMetrics(createMetricsRegistry());
      registerCommandMetrics(createMetricsRegistry());
    }).not.toThrow();
  });
});
