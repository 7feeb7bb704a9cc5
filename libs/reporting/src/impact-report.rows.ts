import type { IncomeSource } from '@ledger/ledger-domain';
import type { ImpactReport } from './impact-report.types.js';

/**
 * One figure of the report as every renderer shows it. `figure` is a stable key (the CSV's figure
 * column, the HTML's `data-figure`); breakdowns add the category after a colon ('income:earned').
 */
export interface ImpactFigureRow {
  readonly section: string;
  readonly figure: string;
  readonly label: string;
  /** Pence for money, a count, a rounded percent or ratio, or text; null when not applicable. */
  readonly value: number | string | null;
  readonly display: string;
}

type Row = ImpactFigureRow;

/** A figure of the report: money carries pence, everything else a value. */
type Shown = { readonly display: string } & ({ readonly value: Row['value'] } | { readonly pence: number });

const row = (section: string, figure: string, label: string, shown: Shown): Row => {
  const value = 'pence' in shown ? shown.pence : shown.value;
  return { section, figure, label, value, display: shown.display };
};
const text = (value: string): Shown => ({ value, display: value });

const SOURCE_LABELS: Readonly<Record<IncomeSource, string>> = {
  grant: 'Grant funding',
  earned: 'Earned income',
  investment: 'Investment',
};

function programmeRows({ programme }: ImpactReport): Row[] {
  const { name, funder, deliveryPartner, period, periodDisplay } = programme;
  return [
    row('programme', 'programme', 'Programme', text(name)),
    row('programme', 'programmeId', 'Programme id', text(programme.id)),
    row('programme', 'funder', 'Funder', { value: funder.orgId, display: funder.name }),
    row('programme', 'deliveryPartner', 'Delivery partner', {
      value: deliveryPartner.orgId,
      display: deliveryPartner.name,
    }),
    row('programme', 'period', 'Period', { value: `${period.from}/${period.to}`, display: periodDisplay }),
  ];
}

function reachRows({ innovators, grants, introductions, partnerships }: ImpactReport): Row[] {
  return [
    row('innovators', 'innovators', 'Innovators supported', innovators.total),
    ...innovators.byChallengeArea.map(({ challengeArea, count }) =>
      row('innovators', `innovators:${challengeArea}`, challengeArea, count),
    ),
    row('grants', 'grantsCount', 'Grants awarded', grants.count),
    row('grants', 'grantsAwarded', 'Amount awarded', grants.awarded),
    row('grants', 'grantsPaid', 'Amount paid', grants.paid),
    row('introductions', 'introductions', 'Introductions made', introductions.made),
    row('partnerships', 'partnerships', 'Partnerships confirmed', partnerships.confirmed),
    row('partnerships', 'partnershipsTarget', 'Partnerships target', partnerships.target),
    row('partnerships', 'partnershipsPercentOfTarget', 'Against target', partnerships.percentOfTarget),
    row('partnerships', 'conversionRate', 'Conversion rate', partnerships.conversionRate),
  ];
}

function moneyRows({ income, leverage, forecast }: ImpactReport): Row[] {
  const horizon = { value: forecast.horizonMonths.at(-1) ?? null, display: forecast.horizonDisplay };
  return [
    row('income', 'income', 'Income generated', income.total),
    row('income', 'incomeAttributable', 'Attributable to the programme', income.attributable),
    ...income.bySource.map(({ source, amount }) =>
      row('income', `income:${source}`, SOURCE_LABELS[source], amount),
    ),
    row('leverage', 'leverage', 'Leverage (income per £ granted)', leverage),
    row('forecast', 'forecast', 'Forecast revenue', forecast.total),
    row('forecast', 'forecastHorizon', 'Forecast horizon', horizon),
  ];
}

function projectRows({ projects }: ImpactReport): Row[] {
  return [
    row('projects', 'projects', 'Collaborative projects', projects.count),
    ...projects.titles.map((title, index) =>
      row('projects', `projects:${index + 1}`, `Project ${index + 1}`, text(title)),
    ),
  ];
}

function ledgerRows(report: ImpactReport): Row[] {
  const since = report.correctionsSince;
  const sinceDisplay = since === null ? 'the start of the ledger' : `position ${since}`;
  const listed = report.corrections.length;
  return [
    row('ledger', 'ledgerPosition', 'Ledger position', text(report.ledgerPosition)),
    row('ledger', 'ledgerRecordedAt', 'Ledger recorded at', {
      value: report.ledgerRecordedAt,
      display: report.ledgerRecordedAt ?? 'before the first event',
    }),
    row('ledger', 'correctionsSince', 'Corrections since', { value: since, display: sinceDisplay }),
    row('ledger', 'corrections', 'Corrections listed', {
      value: listed,
      display: listed.toLocaleString('en-GB'),
    }),
    ...sealRows(report),
  ];
}

const NOT_SEALED = { value: null, display: 'not sealed' };

/** The seal covering the report, as `ledger verify-report` reads it back from a CSV or HTML file. */
function sealRows({ seal }: ImpactReport): Row[] {
  const shown = (value: string | number | undefined) =>
    value === undefined ? NOT_SEALED : { value, display: String(value) };
  return [
    row('ledger', 'sealNumber', 'Seal', shown(seal?.sealNumber)),
    row('ledger', 'sealPosition', 'Seal covers position', shown(seal?.position)),
    row('ledger', 'sealStreamsRoot', 'Seal streams root', shown(seal?.streamsRoot)),
    row('ledger', 'sealLogDigest', 'Seal log digest', shown(seal?.logDigest)),
    row('ledger', 'sealEventId', 'Seal event', shown(seal?.sealEventId)),
    row('ledger', 'sealHash', 'Seal event hash', shown(seal?.sealHash)),
  ];
}

/**
 * Every figure of the report, in reading order, with the display text from the report itself, so
 * the CSV, the HTML page and a test comparing them with the JSON all agree.
 *
 * @example
 * impactFigureRows(report).find((r) => r.figure === 'partnershipsPercentOfTarget')?.display; // '1,111%'
 */
export function impactFigureRows(report: ImpactReport): readonly ImpactFigureRow[] {
  return [
    ...programmeRows(report),
    ...reachRows(report),
    ...moneyRows(report),
    ...projectRows(report),
    ...ledgerRows(report),
  ];
}
