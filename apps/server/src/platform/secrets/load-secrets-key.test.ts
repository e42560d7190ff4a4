import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecretsKey } from './load-secrets-key.js';
import { openSecret, sealSecret, useSecretsKey } from './secret-box.js';

describe('the secrets key', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sb-secrets-key-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('is required in production, and must be 32 bytes', () => {
    expect(() => loadSecretsKey({ secretsKey: undefined, production: true, dataDir })).toThrow(
      /SECRETS_KEY is required/,
    );
    expect(() => loadSecretsKey({ secretsKey: randomBytes(16).toString('base64'), production: true, dataDir })).toThrow(
      /32 bytes/,
    );
    const key = randomBytes(32);
    expect(loadSecretsKey({ secretsKey: key.toString('base64'), production: true, dataDir }).equals(key)).toBe(true);
  });

  it('outside production is generated once under the data dir, readable only by its owner', async () => {
    const first = loadSecretsKey({ secretsKey: undefined, production: false, dataDir });
    const again = loadSecretsKey({ secretsKey: undefined, production: false, dataDir });
    expect(first.length).toBe(32);
    expect(again.equals(first)).toBe(true);
    const file = path.join(dataDir, 'secrets.key');
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('base64'));
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('seals with AES-256-GCM: another key or a changed byte cannot open it', () => {
    const key = randomBytes(32);
    useSecretsKey(key);
    const sealed = sealSecret('mailbox-password');
    expect(sealed).toMatch(/^sb1:/);
    expect(sealed).not.toContain('mailbox-password');
    expect(sealSecret('mailbox-password')).not.toBe(sealed);
    expect(openSecret(sealed)).toBe('mailbox-password');
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => openSecret(`sb1:${bytes.toString('base64url')}`)).toThrow();
    useSecretsKey(randomBytes(32));
    expect(() => openSecret(sealed)).toThrow();
    useSecretsKey(key);
  });
});
