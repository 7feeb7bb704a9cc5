import { INCOME_SOURCES } from '@ledger/ledger-domain';
import type { ImpactFacts } from '@ledger/projections';
import {
  countFigure,
  dateDisplay,
  horizonDisplay,
  moneyFigure,
  percentOneDecimal,
  targetDisplay,
  wholePercent,
} from './impact-report.format.js';
import type { ImpactReport } from './impact-report.types.js';

// Each section of the report from the facts. The rules of SPEC §2 live here: revoked grants and
// ended partnerships stay in, voided records drop out of every figure.

const sum = (items: readonly { amount: number }[]) => items.reduce((total, item) => total + item.amount, 0);

export function programmeSection({ programme, period }: ImpactFacts): ImpactReport['programme'] {
  const { id, name, funder, deliveryPartner, challengeAreas } = programme;
  const periodDisplay = `${dateDisplay(period.from)} to ${dateDisplay(period.to)}`;
  return { id, name, funder, deliveryPartner, challengeAreas, period, periodDisplay };
}

/** The programme's challenge areas in its own order (zero counts included), then any others. */
export function innovatorsSection({ programme, innovators }: ImpactFacts): ImpactReport['innovators'] {
  const others = innovators
    .map((innovator) => innovator.challengeArea)
    .filter((area) => !programme.challengeAreas.includes(area));
  const areas = [...programme.challengeAreas, ...[...new Set(others)].sort()];
  const byChallengeArea = areas.map((challengeArea) => ({
    challengeArea,
    count: countFigure(innovators.filter((innovator) => innovator.challengeArea === challengeArea).length),
  }));
  return { total: countFigure(innovators.length), byChallengeArea };
}

export function grantsSection({ grants }: ImpactFacts): ImpactReport['grants'] {
  const live = grants.filter((grant) => grant.status !== 'voided');
  return {
    count: countFigure(live.length),
    awarded: moneyFigure(sum(live)),
    paid: moneyFigure(live.reduce((total, grant) => total + grant.paid, 0)),
    revoked: live.filter((grant) => grant.status === 'revoked').length,
    voidedExcluded: grants.length - live.length,
  };
}

export function introductionsSection({ introductions }: ImpactFacts): ImpactReport['introductions'] {
  const live = introductions.filter((introduction) => introduction.status !== 'voided');
  return { made: countFigure(live.length), voidedExcluded: introductions.length - live.length };
}

export function partnershipsSection(
  facts: ImpactFacts,
  introductionsMade: number,
): ImpactReport['partnerships'] {
  const live = facts.partnerships.filter((partnership) => partnership.status !== 'voided');
  const target = facts.programme.targets.partnerships;
  return {
    confirmed: countFigure(live.length),
    voidedExcluded: facts.partnerships.length - live.length,
    target: targetDisplay(target),
    percentOfTarget: wholePercent(live.length, target ?? 0),
    conversionRate: percentOneDecimal(live.length, introductionsMade),
  };
}

export function incomeSection({ income }: ImpactFacts): ImpactReport['income'] {
  return {
    total: moneyFigure(sum(income)),
    attributable: moneyFigure(sum(income.filter((item) => item.attributable))),
    bySource: INCOME_SOURCES.map((source) => ({
      source,
      amount: moneyFigure(sum(income.filter((item) => item.source === source))),
    })),
  };
}

export function forecastSection({ forecasts }: ImpactFacts): ImpactReport['forecast'] {
  const horizonMonths = [...new Set(forecasts.map((forecast) => forecast.horizonMonths))].sort(
    (a, b) => a - b,
  );
  return {
    total: moneyFigure(sum(forecasts)),
    innovators: forecasts.length,
    horizonMonths,
    horizonDisplay: horizonDisplay(horizonMonths),
  };
}

export function projectsSection({ projects }: ImpactFacts): ImpactReport['projects'] {
  return { count: countFigure(projects.length), titles: projects.map((project) => project.title) };
}
