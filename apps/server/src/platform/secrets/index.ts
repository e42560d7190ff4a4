export { loadSecretsKey } from './load-secrets-key.js';
export { sealStoredSecrets } from './seal-stored-secrets.js';
export { isSealed, openSecret, sealSecret, useSecretsKey } from './secret-box.js';
