import type { Giving360Grant, Giving360Organisation } from '../giving360.types.js';
import { KNOWN_ORG_ID_PREFIXES } from './org-id-prefixes.js';
import type {
  QualityCheck,
  QualityCheckName,
  QualityCheckOptions,
  QualityFinding,
} from './quality-finding.js';

// The checks follow those of 360Giving's data quality tool (lib360dataquality): same rules, findings
// per grant. Each is a pure function of the grants and the options.

const finding = (grant: Giving360Grant, check: QualityCheckName, message: string): QualityFinding => ({
  grantId: grant.id,
  check,
  message,
});

type OrgRole = 'Recipient Org' | 'Funding Org';
interface OrgOf {
  readonly grant: Giving360Grant;
  readonly org: Giving360Organisation;
  readonly role: OrgRole;
}

function organisations(grants: readonly Giving360Grant[]): OrgOf[] {
  return grants.flatMap((grant) => [
    ...(grant.recipientOrganization ?? []).map((org) => ({ grant, org, role: 'Recipient Org' as const })),
    ...grant.fundingOrganization.map((org) => ({ grant, org, role: 'Funding Org' as const })),
  ]);
}

/** Every string in a grant with its JSON pointer, e.g. `/recipientOrganization/0/name`. */
function stringsIn(node: unknown, pointer = ''): [string, string][] {
  if (typeof node === 'string') return [[pointer, node]];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => stringsIn(value, `${pointer}/${key}`));
}

/** An award of £0 is unusual enough to be looked at before it is published. */
export const zeroAmount: QualityCheck = (grants) =>
  grants
    .filter((grant) => grant.amountAwarded === 0)
    .map((grant) => finding(grant, 'zero-amount', 'Amount Awarded is 0'));

/** The award date is when the decision was made: it cannot be after today. */
export const futureAwardDate: QualityCheck = (grants, { today }) =>
  grants
    .filter((grant) => grant.awardDate.slice(0, 10) > today)
    .map((grant) =>
      finding(grant, 'future-award-date', `Award Date ${grant.awardDate} is after today (${today})`),
    );

/** A 360Giving file is one funder's: every grant not funded by the file's main funder is named. */
export const moreThanOneFunder: QualityCheck = (grants) => {
  const counts = new Map<string, number>();
  for (const { org } of organisations(grants).filter((o) => o.role === 'Funding Org')) {
    counts.set(org.id, (counts.get(org.id) ?? 0) + 1);
  }
  if (counts.size < 2) return [];
  const [main] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return grants.flatMap((grant) =>
    grant.fundingOrganization
      .filter((org) => org.id !== main)
      .map((org) =>
        finding(
          grant,
          'more-than-one-funder',
          `Funding Org:Identifier ${org.id} differs from ${main}, the funder of most grants in this file (${counts.size} funder ids in all)`,
        ),
      ),
  );
};

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** An identifier with a line break in it never matches the same identifier elsewhere. */
export const lineBreakInId: QualityCheck = (grants) =>
  grants.flatMap((grant) =>
    stringsIn(grant)
      .filter(([pointer, value]) => pointer.endsWith('/id') && LINE_BREAK.test(value))
      .map(([pointer]) =>
        finding(grant, 'line-break-in-id', `The identifier at ${pointer} contains a line break`),
      ),
  );

/** The data quality tool's pattern: something@something.something. */
const EMAIL = /[\w.-]+@[\w.-]+\.[\w.-]+/;

/**
 * An e-mail address may be personal data. Fields meant for one (`email`) are skipped, as the tool
 * does. The message names the field, not the address, so findings can be logged.
 */
export const emailInText: QualityCheck = (grants) =>
  grants.flatMap((grant) =>
    stringsIn(grant)
      .filter(([pointer, value]) => !/email/i.test(pointer) && EMAIL.test(value))
      .map(([pointer]) =>
        finding(grant, 'email-in-text', `The text at ${pointer} looks like it holds an e-mail address`),
      ),
  );

/** An org-id starts with the code of the list it comes from (`GB-CHC-`), or `360G-`. */
export const unrecognisedOrgIdPrefix: QualityCheck = (grants, options) => {
  const known = (options.knownOrgIdPrefixes ?? KNOWN_ORG_ID_PREFIXES).map((p) => `${p.toUpperCase()}-`);
  return organisations(grants)
    .filter(({ org }) => !known.some((prefix) => org.id.toUpperCase().startsWith(prefix)))
    .map(({ grant, org, role }) =>
      finding(
        grant,
        'unrecognised-org-id-prefix',
        `${role}:Identifier ${org.id} does not start with a known org-id prefix (see org-id.guide)`,
      ),
    );
};

const COMPANY_NUMBER = /^\w{8}$/;

/** Companies House numbers are 8 characters (`09876543`, `SC123459`). */
export const companyNumber: QualityCheck = (grants) =>
  organisations(grants).flatMap(({ grant, org, role }) => {
    const found: QualityFinding[] = [];
    const inId = /^GB-COH-(.*)$/i.exec(org.id)?.[1];
    if (inId !== undefined && !COMPANY_NUMBER.test(inId)) {
      found.push(
        finding(grant, 'company-number', `${role}:Identifier ${org.id}: "${inId}" is not 8 characters`),
      );
    }
    // The same number in the column as in the id is one problem, reported once.
    if (
      org.companyNumber !== undefined &&
      org.companyNumber !== inId &&
      !COMPANY_NUMBER.test(org.companyNumber)
    ) {
      found.push(
        finding(grant, 'company-number', `${role}:Company Number "${org.companyNumber}" is not 8 characters`),
      );
    }
    return found;
  });

const CHARITY_NUMBER = /^\d{6,7}$/;

/** Charity numbers are 6 or 7 digits; a column value may carry a two-letter register prefix (SC). */
export const charityNumber: QualityCheck = (grants) =>
  organisations(grants).flatMap(({ grant, org, role }) => {
    const found: QualityFinding[] = [];
    const inId = /^GB-CHC-(.*)$/i.exec(org.id)?.[1];
    if (inId !== undefined && !CHARITY_NUMBER.test(inId)) {
      found.push(
        finding(grant, 'charity-number', `${role}:Identifier ${org.id}: "${inId}" is not 6 or 7 digits`),
      );
    }
    const column = org.charityNumber === inId ? undefined : org.charityNumber?.replace(/^[A-Za-z]{2}/, '');
    if (column !== undefined && !CHARITY_NUMBER.test(column)) {
      found.push(
        finding(
          grant,
          'charity-number',
          `${role}:Charity Number "${org.charityNumber ?? ''}" is not 6 or 7 digits`,
        ),
      );
    }
    return found;
  });

/** Every check by name, in the order findings are listed. */
export const QUALITY_CHECKS: Readonly<Record<QualityCheckName, QualityCheck>> = {
  'zero-amount': zeroAmount,
  'future-award-date': futureAwardDate,
  'more-than-one-funder': moreThanOneFunder,
  'line-break-in-id': lineBreakInId,
  'email-in-text': emailInText,
  'unrecognised-org-id-prefix': unrecognisedOrgIdPrefix,
  'company-number': companyNumber,
  'charity-number': charityNumber,
};

/**
 * Runs every check over a file's grants. An empty list means none found anything.
 *
 * @example
 * runQualityChecks(pkg.grants, { today: '2025-01-31' });
 * // [{ grantId: '360G-nesta-iep-g7', check: 'zero-amount', message: 'Amount Awarded is 0' }]
 */
export function runQualityChecks(
  grants: readonly Giving360Grant[],
  options: QualityCheckOptions,
): QualityFinding[] {
  return Object.values(QUALITY_CHECKS).flatMap((check) => check(grants, options));
}
