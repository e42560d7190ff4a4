import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets kept at rest (mailbox passwords, chat identity secrets, Twilio auth tokens) are sealed with
 * AES-256-GCM under the key from SECRETS_KEY. A sealed value is `sb1:` + base64url(iv | tag | ciphertext);
 * a value without the prefix is a row stored in clear before sealing began, read as it is until the
 * start-up pass seals it.
 */
const prefix = 'sb1:';
let key: Buffer | undefined;

/** main.ts sets the configured key; a process that never does (a test) gets a random one of its own. */
export function useSecretsKey(secretsKey: Buffer): void {
  if (secretsKey.length !== 32) throw new Error('The secrets key must be 32 bytes');
  key = secretsKey;
}

const currentKey = () => {
  key ??= randomBytes(32);
  return key;
};

export const isSealed = (value: string): boolean => value.startsWith(prefix);

export function sealSecret(plain: string): string {
  if (isSealed(plain)) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return prefix + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openSecret(stored: string): string {
  if (!isSealed(stored)) return stored;
  const bytes = Buffer.from(stored.slice(prefix.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', currentKey(), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
