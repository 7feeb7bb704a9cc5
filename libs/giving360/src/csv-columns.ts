/** What a cell becomes in the grant: text, or a JSON number (amounts, durations). */
export type CsvCellType = 'string' | 'number';

/** A key of a grant object, or the index of an item in one of its arrays. */
export type GrantPathStep = string | number;

/**
 * One column of a 360Giving CSV: the standard's column title and where its value sits in a grant.
 * Titles are the schema's own (flatten-tool's "titles" mode): a rolled-up array's title, a colon
 * and the field's title, e.g. `Recipient Org:Identifier` for `recipientOrganization[0].id`.
 */
export interface CsvColumn {
  readonly title: string;
  readonly path: readonly GrantPathStep[];
  readonly type: CsvCellType;
}

const text = (title: string, ...path: GrantPathStep[]): CsvColumn => ({ title, path, type: 'string' });
const number = (title: string, ...path: GrantPathStep[]): CsvColumn => ({ title, path, type: 'number' });

/**
 * Every field the ledger exports, plus the recipient and funder fields common in published files
 * (see the shipped `grants/fixture.csv`), in the order an export writes them. A grant's arrays are
 * rolled up: only their first item has columns, as in the standard's one-row-per-grant CSV.
 */
export const GIVING360_CSV_COLUMNS: readonly CsvColumn[] = [
  text('Identifier', 'id'),
  text('Title', 'title'),
  text('Description', 'description'),
  text('Currency', 'currency'),
  number('Amount Applied For', 'amountAppliedFor'),
  number('Amount Awarded', 'amountAwarded'),
  number('Amount Disbursed', 'amountDisbursed'),
  text('Award Date', 'awardDate'),
  text('URL', 'url'),
  text('Planned Dates:Start Date', 'plannedDates', 0, 'startDate'),
  text('Planned Dates:End Date', 'plannedDates', 0, 'endDate'),
  number('Planned Dates:Duration (months)', 'plannedDates', 0, 'duration'),
  text('Recipient Org:Identifier', 'recipientOrganization', 0, 'id'),
  text('Recipient Org:Name', 'recipientOrganization', 0, 'name'),
  text('Recipient Org:Charity Number', 'recipientOrganization', 0, 'charityNumber'),
  text('Recipient Org:Company Number', 'recipientOrganization', 0, 'companyNumber'),
  text('Recipient Org:Street Address', 'recipientOrganization', 0, 'streetAddress'),
  text('Recipient Org:City', 'recipientOrganization', 0, 'addressLocality'),
  text('Recipient Org:County', 'recipientOrganization', 0, 'addressRegion'),
  text('Recipient Org:Country', 'recipientOrganization', 0, 'addressCountry'),
  text('Recipient Org:Postal Code', 'recipientOrganization', 0, 'postalCode'),
  text('Recipient Org:Web Address', 'recipientOrganization', 0, 'url'),
  text('Beneficiary Location:Name', 'beneficiaryLocation', 0, 'name'),
  text('Beneficiary Location:Country Code', 'beneficiaryLocation', 0, 'countryCode'),
  text('Beneficiary Location:Geographic Code', 'beneficiaryLocation', 0, 'geoCode'),
  text('Beneficiary Location:Geographic Code Type', 'beneficiaryLocation', 0, 'geoCodeType'),
  text('Funding Org:Identifier', 'fundingOrganization', 0, 'id'),
  text('Funding Org:Name', 'fundingOrganization', 0, 'name'),
  text('Funding Org:Department', 'fundingOrganization', 0, 'department'),
  text('Grant Programme:Code', 'grantProgramme', 0, 'code'),
  text('Grant Programme:Title', 'grantProgramme', 0, 'title'),
  text('Grant Programme:URL', 'grantProgramme', 0, 'url'),
  text('From An Open Call?', 'fromOpenCall'),
  text('Last Modified', 'dateModified'),
  text('Data Source', 'dataSource'),
];

/** One CSV row as column title → cell text. */
export type CsvRow = Readonly<Record<string, string>>;

/**
 * How titles are compared: published files vary in case and in spaces around the colon
 * (`Recipient Org: Identifier`, `Last modified`), so both are ignored.
 */
export function csvTitleKey(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*:\s*/g, ':');
}

const BY_TITLE: ReadonlyMap<string, CsvColumn> = new Map(
  GIVING360_CSV_COLUMNS.map((column) => [csvTitleKey(column.title), column]),
);

/**
 * The column a CSV header names, whatever its case or spacing; undefined for a column the table
 * does not know (an import decides whether to refuse or ignore it).
 *
 * @example
 * columnForTitle('Recipient Org: Identifier')?.path; // ['recipientOrganization', 0, 'id']
 */
export function columnForTitle(title: string): CsvColumn | undefined {
  return BY_TITLE.get(csvTitleKey(title));
}

/**
 * A grant as one CSV row: title → cell text, for every column of the table holding a value.
 * Numbers are written with JavaScript's shortest round-trip form, so `1234.56` stays `1234.56`.
 * Fields without a column (a second recipient, say) are not in the row.
 *
 * @example
 * flatten({ id: '360G-iep-g1', amountAwarded: 1234.56, fundingOrganization: [{ id: 'GB-GOR-D5', name: 'DCMS' }] });
 * // { Identifier: '360G-iep-g1', 'Amount Awarded': '1234.56', 'Funding Org:Identifier': 'GB-GOR-D5', 'Funding Org:Name': 'DCMS' }
 */
export function flatten(grant: object): Record<string, string> {
  const row: Record<string, string> = {};
  for (const column of GIVING360_CSV_COLUMNS) {
    const value = valueAt(grant, column.path);
    if (typeof value === 'string' && value !== '') row[column.title] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) row[column.title] = String(value);
  }
  return row;
}

/**
 * A CSV row back into a grant object. Empty cells and unknown columns are left out. A number column
 * holding a plain decimal becomes a number; anything else (`£1,000`, `24/07/2014`) stays as the
 * text it was, so that schema validation reports it rather than a guess correcting it.
 *
 * @example
 * unflatten({ Identifier: '360G-x-1', 'Amount Awarded': '152505', 'Recipient Org:Name': 'A Trust' });
 * // { id: '360G-x-1', amountAwarded: 152505, recipientOrganization: [{ name: 'A Trust' }] }
 */
export function unflatten(row: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const grant: Record<string, unknown> = {};
  for (const [title, cell] of Object.entries(row)) {
    const column = columnForTitle(title);
    if (column === undefined || cell === undefined || cell.trim() === '') continue;
    setValueAt(grant, column.path, column.type === 'number' ? toNumber(cell) : cell);
  }
  return grant;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function toNumber(cell: string): number | string {
  const trimmed = cell.trim();
  return PLAIN_DECIMAL.test(trimmed) ? Number(trimmed) : cell;
}

function valueAt(root: object, path: readonly GrantPathStep[]): unknown {
  let at: unknown = root;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[step];
  }
  return at;
}

function setValueAt(root: Record<string, unknown>, path: readonly GrantPathStep[], value: unknown): void {
  let at: Record<string | number, unknown> = root;
  path.forEach((step, i) => {
    const next = path[i + 1];
    if (next === undefined) {
      at[step] = value;
      return;
    }
    const child = at[step];
    if (typeof child === 'object' && child !== null) {
      at = child as Record<string | number, unknown>;
      return;
    }
    // An array where the next step is an index, as the JSON form of the grant has.
    const created = (typeof next === 'number' ? [] : {}) as Record<string | number, unknown>;
    at[step] = created;
    at = created;
  });
}
