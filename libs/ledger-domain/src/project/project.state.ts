export type ProjectState =
  | { readonly status: 'none' }
  | { readonly status: 'started'; readonly projectId: string; readonly programmeId: string };
