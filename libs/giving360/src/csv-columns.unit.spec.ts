import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { columnForTitle, flatten, GIVING360_CSV_COLUMNS, unflatten } from './csv-columns.js';
import { bundledSchemaDir, GRANT_SCHEMA_FILE } from './schema/schema-files.js';
import { describeWithShippedFiles, SHIPPED_DIR } from './shipped-files.fixtures.spec.js';

type Node = Readonly<Record<string, unknown>>;
const grantSchema = JSON.parse(readFileSync(join(bundledSchemaDir(), GRANT_SCHEMA_FILE), 'utf8')) as Node;

/** A node with its `$ref` into `$defs` resolved; the node's own keywords (its title) win. */
function deref(node: Node): Node {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  return { ...((grantSchema['$defs'] as Node)[ref.replace('#/$defs/', '')] as Node), ...node };
}

/** The schema nodes along a path, following `items` and `$ref` as flatten-tool does. */
function schemaAt(path: readonly (string | number)[]): Node[] {
  const nodes: Node[] = [];
  let at: Node = grantSchema;
  for (const step of path) {
    at =
      typeof step === 'number' ? deref(at['items'] as Node) : deref((at['properties'] as Node)[step] as Node);
    if (typeof step === 'string') nodes.push(at);
  }
  return nodes;
}

describe('the 360Giving CSV column table', () => {
  it('given the shipped grant schema, when each column is looked up, then its title is the standard’s title for its path', () => {
    for (const column of GIVING360_CSV_COLUMNS) {
      const titles = schemaAt(column.path).map((node) => node['title']);
      expect({ path: column.path, title: column.title }).toEqual({
        path: column.path,
        title: titles.join(':'),
      });
    }
  });

  it('given the shipped grant schema, when each column is looked up, then numbers are the schema’s numbers', () => {
    for (const column of GIVING360_CSV_COLUMNS) {
      const type = schemaAt(column.path).at(-1)?.['type'];
      const types = [type].flat();
      expect({ title: column.title, number: types.includes('number') }).toEqual({
        title: column.title,
        number: column.type === 'number',
      });
    }
  });

  it('given a published row, when unflattened, then it is a grant object; plain numbers become numbers, the rest stays text for the schema to judge', () => {
    const grant = unflatten({
      Identifier: '360G-fundingprovidersuk-000002/X/00/X',
      'Recipient Org: Identifier': 'GB-COH-RC000000',
      'Recipient Org:Name': 'University of UK',
      'Recipient Org:City': 'Leicester ',
      'Planned Dates:Duration (months)': '25',
      'Amount Awarded': '178990',
      'Amount Disbursed': '£1,000',
      'Award Date': '24/07/2014',
      'Funding Org:Identifier': 'GB-CHC-000000',
      'last MODIFIED': '13-03-2015',
      'Grant number': '000002/X/00/X',
      'Recipient Org:Company Number': ' ',
    });
    expect(grant).toEqual({
      id: '360G-fundingprovidersuk-000002/X/00/X',
      recipientOrganization: [
        { id: 'GB-COH-RC000000', name: 'University of UK', addressLocality: 'Leicester ' },
      ],
      plannedDates: [{ duration: 25 }],
      amountAwarded: 178_990,
      amountDisbursed: '£1,000',
      awardDate: '24/07/2014',
      fundingOrganization: [{ id: 'GB-CHC-000000' }],
      dateModified: '13-03-2015',
    });
  });

  it('given a grant filling every column, when flattened and unflattened, then it comes back equal', () => {
    const grant: Record<string, unknown> = {};
    GIVING360_CSV_COLUMNS.forEach((column, i) => {
      let at: Record<string | number, unknown> = grant;
      column.path.forEach((step, j) => {
        const next = column.path[j + 1];
        if (next === undefined) at[step] = column.type === 'number' ? i + 0.25 : `value ${i}, with "quotes"`;
        else at = (at[step] ??= typeof next === 'number' ? [] : {}) as Record<string | number, unknown>;
      });
    });

    const row = flatten(grant);

    expect(Object.keys(row)).toEqual(GIVING360_CSV_COLUMNS.map((column) => column.title));
    expect(unflatten(row)).toEqual(grant);
  });
});

describeWithShippedFiles('the 360Giving CSV column table and the shipped fixture.csv', () => {
  it('given the shipped fixture.csv header, when its titles are looked up, then the standard’s are found and the funder’s own are not', () => {
    const [header] = parse(readFileSync(join(SHIPPED_DIR, 'grants/fixture.csv')), { to: 1 });
    const known = (header ?? []).filter((title) => columnForTitle(title) !== undefined);
    expect(known).toEqual([
      'Identifier',
      'Recipient Org:Identifier',
      'Recipient Org:Name',
      'Recipient Org:Company Number',
      'Recipient Org:City',
      'Title',
      'Planned Dates:Duration (months)',
      'Amount Awarded',
      'Currency',
      'Award Date',
      'Grant Programme:Code',
      'Grant Programme:Title',
      'Funding Org:Identifier',
      'Funding Org:Name',
      'Last modified',
      'Data source',
    ]);
    expect(columnForTitle('Surname of applicant')).toBeUndefined();
  });
});
