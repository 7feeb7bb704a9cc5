/** Nest injection token for the `TokenStore`. */
export const TOKEN_STORE = Symbol('TOKEN_STORE');
