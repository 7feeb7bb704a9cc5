import type { AwardGrantInput, EnrolInnovatorInput } from '@ledger/ledger-application';
import { CURRENCY, formatPounds, pence } from '@ledger/ledger-domain';
import { addDays } from './demo-calendar.js';
import { adminStep, type DatedStep, managerStep } from './demo-step.js';
import { DCMS, IEP_DATES, IEP_FIGURES, IEP_PROGRAMME_ID } from './iep-facts.js';
import { itemAt } from './seeded-random.js';
import { splitAmount } from './split-amount.js';

/** The award keyed with a slipped digit, so the demo shows a correction next to what it corrected. */
const MISKEYED_GRANT = 7;
const MISKEYED_AMOUNT = IEP_FIGURES.grantAmount / 10;
const CORRECTED_AFTER_DAYS = 7;
const INSTALMENTS = [IEP_DATES.firstInstalment, IEP_DATES.secondInstalment] as const;

/** One £20,000 DCMS grant per innovator, paid in two instalments, with one amount corrected by an admin. */
export function grantSteps(innovators: readonly EnrolInnovatorInput[]): DatedStep[] {
  const grants = innovators.map((innovator, i) => grantFor(innovator, i + 1));
  const slipped = itemAt(grants, MISKEYED_GRANT - 1);
  return [
    ...grants.map((grant) =>
      managerStep(grant.awardedOn, 'AwardGrant', grant === slipped ? miskeyed(grant) : grant),
    ),
    correction(slipped),
    ...grants.flatMap(instalments),
  ];
}

function grantFor(innovator: EnrolInnovatorInput, number: number): AwardGrantInput {
  return {
    grantId: `iep-grant-${String(number).padStart(2, '0')}`,
    programmeId: IEP_PROGRAMME_ID,
    innovatorId: innovator.innovatorId,
    amount: pence(IEP_FIGURES.grantAmount),
    currency: CURRENCY,
    fundingOrganisation: DCMS,
    awardedOn: IEP_DATES.awardedOn,
    title: 'IEP partnership accelerator grant',
    purpose: `To help ${innovator.name} design a scaling plan and start to implement it`,
  };
}

function miskeyed(grant: AwardGrantInput): AwardGrantInput {
  return { ...grant, amount: pence(MISKEYED_AMOUNT) };
}

function correction(grant: AwardGrantInput): DatedStep {
  const [wrong, right] = [formatPounds(pence(MISKEYED_AMOUNT)), formatPounds(grant.amount)];
  return adminStep(addDays(grant.awardedOn, CORRECTED_AFTER_DAYS), 'CorrectGrantAmount', {
    grantId: grant.grantId,
    to: grant.amount,
    reason: `Keyed as ${wrong} instead of ${right}; the signed award letter says ${right}`,
  });
}

function instalments(grant: AwardGrantInput): DatedStep[] {
  const amounts = splitAmount(
    grant.amount,
    INSTALMENTS.map(() => 1),
  );
  return INSTALMENTS.map((paidOn, i) =>
    managerStep(paidOn, 'RecordGrantPayment', {
      grantId: grant.grantId,
      paymentId: `${grant.grantId}-instalment-${i + 1}`,
      amount: pence(itemAt(amounts, i)),
      paidOn,
    }),
  );
}
