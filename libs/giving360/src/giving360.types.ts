/**
 * The parts of the 360Giving Data Standard (1.4) the ledger writes and checks. The schema files in
 * `libs/giving360/schema` are the authority; these types only describe what the code builds.
 */
export interface Giving360Organisation {
  readonly id: string;
  readonly name: string;
  readonly charityNumber?: string;
  readonly companyNumber?: string;
  readonly department?: string;
}

export interface Giving360Programme {
  readonly code?: string;
  readonly title?: string;
  readonly url?: string;
}

/** One grant. `id` is `360G-<prefix>-<ledger grant id>`; amounts are pounds, exact from pence. */
export interface Giving360Grant {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly currency: string;
  readonly amountAwarded: number;
  readonly amountDisbursed?: number;
  /** ISO date `YYYY-MM-DD` or a date-time. */
  readonly awardDate: string;
  readonly recipientOrganization?: readonly Giving360Organisation[];
  /** A person: a 360Giving id and a generic name, never personal data. */
  readonly recipientIndividual?: { readonly id: string; readonly name: string };
  readonly fundingOrganization: readonly Giving360Organisation[];
  readonly grantProgramme?: readonly Giving360Programme[];
  /** ISO 8601 date-time. */
  readonly dateModified?: string;
  /** A URI. */
  readonly dataSource?: string | null;
}

export interface Giving360Publisher {
  readonly identifier?: string;
  readonly name: string;
  readonly website?: string;
}

/** A 360Giving data package: the JSON file a funder publishes. */
export interface Giving360Package {
  /** The standard's major.minor version, e.g. `1.4`. */
  readonly version?: string;
  readonly title?: string;
  readonly publisher?: Giving360Publisher;
  /** ISO 8601 date-time. */
  readonly modified?: string;
  readonly grants: readonly Giving360Grant[];
}
