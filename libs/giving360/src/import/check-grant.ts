import { ID_PATTERN, type IsoDate, type Organisation, type Pence } from '@ledger/ledger-domain';
import { awardDateOf } from './award-date.js';
import { type Fields, firstOf, isFields, isPresent, textOf } from './grant-fields.js';
import { type GrantProblem, type InvalidGrant, problem, shown } from './grant-problem.js';
import { penceFromAmount } from './pounds-to-pence.js';

/** A recipient as the ledger enrols it. An individual is known by id only: no name, no personal data. */
export type Recipient =
  | { readonly kind: 'organisation'; readonly orgId: string; readonly name: string }
  | { readonly kind: 'individual'; readonly id: string };

/** A grant that passed every check, with what the ledger records of it. */
export interface CheckedGrant {
  readonly position: number;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly amount: Pence;
  readonly awardedOn: IsoDate;
  readonly funder: Organisation;
  readonly recipient: Recipient;
  /** `grantProgramme[0]`, when the file names one. */
  readonly programme: { readonly code?: string; readonly title?: string };
}

export interface CheckContext {
  /** Today (UTC): an award date after it is in the future. */
  readonly today: IsoDate;
  /** How many grants of the file carry each id. */
  readonly idCounts: ReadonlyMap<string, number>;
}

/** Every 360Giving grant id begins with its publisher's prefix; the export keeps such ids as they are. */
const GIVING360_ID_START = '360G-';
/** An org-id begins with a list code of org-id.guide (`GB-CHC-`, `GB-COH-`, `XI-GRID-` ...) or `360G-`. */
const ORG_ID = /^(?:360G|[A-Z]{2})-[A-Za-z0-9]+-\S+$/;

type Checked<T> = { readonly value: T } | { readonly problems: readonly GrantProblem[] };
type Values<T> = { [K in keyof T]: T[K] extends Checked<infer V> ? V : never };

const failed = (code: string, message: string): Checked<never> => ({ problems: [problem(code, message)] });

/**
 * Checks one grant of a file against the standard's required fields and the ledger's rules, and
 * reports every problem found, not just the first. Fields the ledger does not record (a recipient's
 * web address, `dateModified`) are not checked: they cannot make an import wrong.
 */
export function checkGrant(
  raw: unknown,
  position: number,
  context: CheckContext,
): { grant: CheckedGrant } | { invalid: InvalidGrant } {
  if (!isFields(raw)) {
    const problems = [problem('GRANT.NOT_AN_OBJECT', `grant ${position} is ${shown(raw)}, not an object`)];
    return { invalid: { id: undefined, position, problems } };
  }
  const checked = allOf({
    id: grantId(raw['id'], context.idCounts),
    title: required(raw, 'title'),
    description: required(raw, 'description'),
    currency: gbp(raw['currency']),
    amount: amountOf(raw['amountAwarded']),
    awardedOn: dateOf(raw['awardDate'], context.today),
    funder: organisation(raw['fundingOrganization'], 'fundingOrganization'),
    recipient: recipientOf(raw),
  });
  if ('problems' in checked) {
    return { invalid: { id: textOf(raw['id']), position, problems: checked.problems } };
  }
  const { currency: _gbp, ...grant } = checked.values;
  return { grant: { ...grant, position, programme: programmeOf(raw) } };
}

/** Every value when every check passed; otherwise every problem, in the order of the checks. */
function allOf<T extends Record<string, Checked<unknown>>>(
  checks: T,
): { values: Values<T> } | { problems: GrantProblem[] } {
  const problems = Object.values(checks).flatMap((check) => ('problems' in check ? check.problems : []));
  if (problems.length > 0) return { problems };
  const entries = Object.entries(checks).map(([key, check]) => [key, 'value' in check ? check.value : null]);
  return { values: Object.fromEntries(entries) as Values<T> };
}

function required(raw: Fields, field: string): Checked<string> {
  const value = textOf(raw[field]);
  return value ? { value } : failed('FIELD.REQUIRED', `${field} is required`);
}

function grantId(value: unknown, idCounts: ReadonlyMap<string, number>): Checked<string> {
  const id = textOf(value);
  if (!id) return failed('FIELD.REQUIRED', 'id is required');
  const count = idCounts.get(id) ?? 0;
  const problems = [
    ...(count > 1 ? [problem('ID.DUPLICATE', `id ${id} is the id of ${count} grants of the file`)] : []),
    ...(id.startsWith(GIVING360_ID_START)
      ? []
      : [
          problem(
            'ID.NOT_360GIVING',
            `id ${id} does not start with ${GIVING360_ID_START} and a publisher prefix`,
          ),
        ]),
    ...(ID_PATTERN.test(id)
      ? []
      : [
          problem(
            'ID.NOT_A_LEDGER_ID',
            `id ${id} is not a ledger id (letters, digits and ._:- only, at most 128)`,
          ),
        ]),
  ];
  return problems.length > 0 ? { problems } : { value: id };
}

function gbp(value: unknown): Checked<'GBP'> {
  const currency = textOf(value);
  if (!currency) return failed('FIELD.REQUIRED', 'currency is required');
  if (currency !== 'GBP')
    return failed('CURRENCY.NOT_GBP', `currency ${currency}: the ledger holds GBP only`);
  return { value: 'GBP' };
}

function amountOf(value: unknown): Checked<Pence> {
  if (!isPresent(value)) return failed('FIELD.REQUIRED', 'amountAwarded is required');
  const result = penceFromAmount(value);
  return 'pence' in result ? { value: result.pence } : { problems: [result.problem] };
}

function dateOf(value: unknown, today: IsoDate): Checked<IsoDate> {
  if (!isPresent(value)) return failed('FIELD.REQUIRED', 'awardDate is required');
  const result = awardDateOf(value, today);
  return 'date' in result ? { value: result.date } : { problems: [result.problem] };
}

function organisation(value: unknown, field: string): Checked<Organisation> {
  const first = firstOf(value);
  if (!first) return failed('FIELD.REQUIRED', `${field} is required`);
  const [orgId, name] = [textOf(first['id']), textOf(first['name'])];
  if (!orgId) return failed('FIELD.REQUIRED', `${field}[0].id is required`);
  if (!ORG_ID.test(orgId)) {
    const rule = 'a list code of org-id.guide such as GB-CHC-, or 360G-';
    return failed('ORG_ID.UNRECOGNISED', `${field}[0].id ${orgId} is not an org-id (${rule})`);
  }
  if (!name) return failed('FIELD.REQUIRED', `${field}[0].name is required`);
  return { value: { name, orgId } };
}

function recipientOf(raw: Fields): Checked<Recipient> {
  const organisationGiven = isPresent(raw['recipientOrganization']);
  const individualGiven = isPresent(raw['recipientIndividual']);
  if (organisationGiven && individualGiven) {
    return failed(
      'RECIPIENT.BOTH',
      'recipientOrganization and recipientIndividual: a grant has one or the other',
    );
  }
  if (individualGiven) return individual(raw['recipientIndividual']);
  if (!organisationGiven) {
    return failed('FIELD.REQUIRED', 'recipientOrganization (or recipientIndividual) is required');
  }
  const result = organisation(raw['recipientOrganization'], 'recipientOrganization');
  return 'value' in result ? { value: { kind: 'organisation', ...result.value } } : result;
}

/** Only the id is read: the name of a person is personal data and stays out of the ledger. */
function individual(value: unknown): Checked<Recipient> {
  const id = isFields(value) ? textOf(value['id']) : undefined;
  if (!id) return failed('FIELD.REQUIRED', 'recipientIndividual.id is required');
  return { value: { kind: 'individual', id } };
}

function programmeOf(raw: Fields): CheckedGrant['programme'] {
  const first = firstOf(raw['grantProgramme']) ?? {};
  const [code, title] = [textOf(first['code']), textOf(first['title'])];
  return { ...(code ? { code } : {}), ...(title ? { title } : {}) };
}
