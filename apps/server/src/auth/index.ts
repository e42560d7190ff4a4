export { agencyScopeOf, clientScopeOf, principalOf, scopeOf } from './access.js';
export { SESSION_COOKIE } from './auth-plugin.js';
export { deleteSessionsOf, revokeApiTokensOf } from './auth-repository.js';
export { hashPassword, verifyPassword } from './password.js';
export type { Principal } from './principal.js';
export { principalFromApiToken, principalFromSession } from './resolve-principal.js';
