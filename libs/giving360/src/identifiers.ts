/** Every 360Giving identifier minted by a publisher starts so. */
export const GIVING360_ID_START = '360G-';

/**
 * A grant's 360Giving id: `360G-<prefix>-<ledger grant id>`. A grant whose ledger id already is a
 * 360Giving id (an imported grant keeps the id its funder published) is written as it is, so an
 * import followed by an export gives back the original ids.
 *
 * @example
 * giving360GrantId('iep-grant-01', 'nesta-iep');            // '360G-nesta-iep-iep-grant-01'
 * giving360GrantId('360G-wellcome-000001', 'nesta-iep');   // '360G-wellcome-000001'
 */
export function giving360GrantId(grantId: string, prefix: string): string {
  return grantId.startsWith(GIVING360_ID_START) ? grantId : `${GIVING360_ID_START}${prefix}-${grantId}`;
}

/**
 * A recipient's org-id: its own (`GB-CHC-...`) when the ledger holds one; otherwise one minted under
 * the publisher's prefix from the innovator id, as 360Giving's guidance asks for organisations
 * without a registered identifier.
 *
 * @example
 * recipientOrgId({ innovatorId: 'inn-1', orgId: 'GB-CHC-1144091' }, 'nesta-iep'); // 'GB-CHC-1144091'
 * recipientOrgId({ innovatorId: 'inn-1' }, 'nesta-iep');                          // '360G-nesta-iep-innovator-inn-1'
 */
export function recipientOrgId(
  recipient: { readonly innovatorId: string; readonly orgId?: string },
  prefix: string,
): string {
  if (recipient.orgId !== undefined && recipient.orgId !== '') return recipient.orgId;
  return `${GIVING360_ID_START}${prefix}-innovator-${recipient.innovatorId}`;
}

/**
 * The charity or company number an org-id carries, for the Recipient Org columns that GrantNav and
 * the data quality tool read: `GB-CHC-1144091` → charity 1144091, `GB-COH-09876543` → company.
 */
export function registrationNumbersOf(orgId: string): { charityNumber?: string; companyNumber?: string } {
  const [, scheme, number] = /^GB-(CHC|COH)-(.+)$/i.exec(orgId) ?? [];
  if (number === undefined) return {};
  return scheme?.toUpperCase() === 'CHC' ? { charityNumber: number } : { companyNumber: number };
}
