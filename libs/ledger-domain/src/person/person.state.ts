export type PersonState =
  | { readonly status: 'none' }
  | { readonly status: 'erased'; readonly personId: string; readonly erasedAt?: string };
