import type { TopLevelSpec } from 'vega-lite';
import type { ImpactReport } from '../impact-report.types.js';

/** One bar: its category, its length, and the report's display text printed at its end. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly display: string;
  /** Reference bars (a target, the grants) are grey; measured ones are in the accent colour. */
  readonly tone: 'measured' | 'reference';
}

export interface ChartSpec {
  readonly key: string;
  /** The chart's message as a sentence, for print captions and screen readers. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

const FONT = 'Helvetica, Arial, sans-serif';

/** A horizontal bar chart with inline data only: rendering it fetches nothing. */
function barChart(title: string, axisTitle: string, bars: readonly Bar[]): TopLevelSpec {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } } as const;
  const axis = { format: ',d', tickMinStep: 1 };
  const x = { field: 'value', type: 'quantitative', title: axisTitle, axis } as const;
  const tones = { domain: ['measured', 'reference'], range: ['#1d4f73', '#9aa5b1'] };
  const color = { field: 'tone', type: 'nominal', scale: tones, legend: null } as const;
  return {
    title,
    width: 440,
    height: { step: 34 },
    background: 'white',
    data: { values: bars.map((bar) => ({ ...bar })) },
    encoding: { y, x },
    layer: [
      { mark: { type: 'bar' }, encoding: { color } },
      {
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: { text: { field: 'display', type: 'nominal' } },
      },
    ],
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12 },
      title: { fontSize: 15, anchor: 'start' },
      text: { fontSize: 12 },
    },
  };
}

function partnershipsChart({ partnerships }: ImpactReport): ChartSpec {
  const { confirmed, target, percentOfTarget } = partnerships;
  const bars: Bar[] = [
    { label: 'Confirmed', value: confirmed.value, display: confirmed.display, tone: 'measured' },
  ];
  if (target.value !== null)
    bars.push({ label: 'Target', value: target.value, display: target.display, tone: 'reference' });
  const caption =
    target.value === null
      ? `${confirmed.display} partnerships confirmed; no target was set.`
      : `${confirmed.display} partnerships confirmed against a target of ${target.display} (${percentOfTarget.display} of target).`;
  return {
    key: 'partnershipsVsTarget',
    caption,
    spec: barChart('Partnerships confirmed against target', 'Partnerships', bars),
  };
}

function innovatorsChart({ innovators }: ImpactReport): ChartSpec {
  const bars = innovators.byChallengeArea.map(({ challengeArea, count }) => ({
    label: challengeArea,
    value: count.value,
    display: count.display,
    tone: 'measured' as const,
  }));
  const parts = innovators.byChallengeArea.map(
    ({ challengeArea, count }) => `${count.display} in ${challengeArea}`,
  );
  const caption = `${innovators.total.display} innovators supported: ${parts.join('; ')}.`;
  return {
    key: 'innovatorsByChallengeArea',
    caption,
    spec: barChart('Innovators by challenge area', 'Innovators', bars),
  };
}

function incomeChart({ income, grants, leverage }: ImpactReport): ChartSpec {
  const bars: Bar[] = [
    {
      label: 'Grants awarded',
      value: grants.awarded.pence / 100,
      display: grants.awarded.display,
      tone: 'reference',
    },
    {
      label: 'Income generated',
      value: income.total.pence / 100,
      display: income.total.display,
      tone: 'measured',
    },
  ];
  const caption = `${income.total.display} of income generated on ${grants.awarded.display} of grants awarded (leverage ${leverage.display}).`;
  return {
    key: 'incomeVsGrants',
    caption,
    spec: barChart('Income generated and grants awarded', 'Pounds (£)', bars),
  };
}

/** The three charts of the page; every label and number comes from the report. */
export function impactChartSpecs(report: ImpactReport): readonly ChartSpec[] {
  return [partnershipsChart(report), innovatorsChart(report), incomeChart(report)];
}
