import type { ExportGrantSource, ExportProgrammeSource, ExportSource } from './export-source.js';
import type { Giving360Grant, Giving360Package, Giving360Publisher } from './giving360.types.js';
import { giving360GrantId, recipientOrgId, registrationNumbersOf } from './identifiers.js';
import { penceToPounds } from './pounds.js';

export interface GrantMappingOptions {
  /** The publisher's 360Giving prefix, without `360G-` (e.g. `nesta-iep`). */
  readonly prefix: string;
  /** The URI each grant names as its `dataSource`: where the publisher publishes this data. */
  readonly dataSource: string;
}

/**
 * One ledger grant as a 360Giving grant. Amounts are pounds written exactly from integer pence;
 * `dateModified` is when the ledger recorded the grant's last event, so the same ledger position
 * always gives the same file.
 *
 * @example
 * toGiving360Grant(source, programme, { prefix: 'nesta-iep', dataSource: 'https://www.nesta.org.uk/iep/360giving' });
 * // { id: '360G-nesta-iep-iep-grant-01', amountAwarded: 20000, fundingOrganization: [{ id: 'GB-GOR-D5', ... }], ... }
 */
export function toGiving360Grant(
  grant: ExportGrantSource,
  programme: ExportProgrammeSource | undefined,
  options: GrantMappingOptions,
): Giving360Grant {
  const { individualId } = grant.recipient;
  const recipient =
    individualId === undefined
      ? (() => {
          const id = recipientOrgId(grant.recipient, options.prefix);
          return {
            recipientOrganization: [{ id, name: grant.recipient.name, ...registrationNumbersOf(id) }],
          };
        })()
      : { recipientIndividual: { id: individualId, name: grant.recipient.name } };
  return {
    id: giving360GrantId(grant.grantId, options.prefix),
    title: grant.title,
    description: grant.purpose,
    currency: grant.currency,
    amountAwarded: penceToPounds(grant.amountAwardedPence),
    amountDisbursed: penceToPounds(grant.amountPaidPence),
    awardDate: grant.awardedOn,
    ...recipient,
    fundingOrganization: [{ id: grant.funder.orgId, name: grant.funder.name }],
    grantProgramme: [{ code: grant.programmeId, ...(programme ? { title: programme.name } : {}) }],
    dateModified: grant.updatedAt,
    dataSource: options.dataSource,
  };
}

/**
 * The data package of every grant the source holds, stating the standard's version. The delivery
 * partner that runs the programme (Nesta for the IEP) is the package's publisher; the funder
 * (DCMS) is each grant's funding organisation.
 */
export function toGiving360Package(
  source: ExportSource,
  options: GrantMappingOptions & { readonly version: string },
): Giving360Package {
  const programmes = new Map(source.programmes.map((p) => [p.programmeId, p]));
  const grants = source.grants.map((g) => toGiving360Grant(g, programmes.get(g.programmeId), options));
  const publisher = publisherOf(source.programmes);
  const modified = grants.reduce(
    (latest, g) => ((g.dateModified ?? '') > latest ? (g.dateModified ?? '') : latest),
    '',
  );
  const [only] = source.programmes;
  return {
    version: options.version,
    title: source.programmes.length === 1 && only ? `Grants of ${only.name}` : 'Grants of every programme',
    ...(publisher ? { publisher } : {}),
    ...(modified === '' ? {} : { modified }),
    grants,
  };
}

/** The delivery partner, when every programme exported shares one. */
function publisherOf(programmes: readonly ExportProgrammeSource[]): Giving360Publisher | undefined {
  const partners = new Map(programmes.map((p) => [p.deliveryPartner.orgId, p.deliveryPartner]));
  const [partner] = partners.values();
  if (partners.size !== 1 || partner === undefined) return undefined;
  return { identifier: partner.orgId, name: partner.name };
}
