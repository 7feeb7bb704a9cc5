/** An organisation named with its 360Giving org-id (e.g. DCMS `GB-GOR-D5`, Nesta `GB-CHC-1144091`). */
export interface Organisation {
  readonly name: string;
  readonly orgId: string;
}
