import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that seals stored secrets: SECRETS_KEY (32 bytes, base64). Production refuses to start without
 * it; a demo or development run keeps a generated key in DATA_DIR/secrets.key so its data stays readable.
 */
export function loadSecretsKey(options: { secretsKey: string | undefined; production: boolean; dataDir: string }) {
  if (options.secretsKey) {
    const key = Buffer.from(options.secretsKey, 'base64');
    if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  if (options.production) {
    throw new Error('SECRETS_KEY is required in production (32 bytes, base64: openssl rand -base64 32)');
  }
  const file = path.join(options.dataDir, 'secrets.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // `wx`: two processes starting together on one data dir must not each write their own key.
  try {
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    throw error;
  }
  return key;
}
