export { ROLES, isRole, parseRole, type Role } from './roles.js';
export { PERMISSIONS, can, type Permission } from './permissions.js';
export { AuthError, isAuthError, type AuthErrorCode } from './auth.error.js';
export { type Principal, type PrincipalSummary, type NewPrincipal } from './principal.js';
export { TOKEN_PREFIX, createToken } from './token.js';
export { type TokenStore } from './token-store.js';
export { TOKEN_STORE } from './auth.tokens.js';
export { SqliteTokenStore, type SqliteTokenStoreOptions } from './sqlite/sqlite-token-store.js';
