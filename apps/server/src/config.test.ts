import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration defaults', () => {
  it('runs the demo on loopback only, unless HOST says otherwise', () => {
    expect(loadConfig({})).toMatchObject({ seedDemo: true, host: '127.0.0.1', cookieSecure: false, production: false });
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ SEED_DEMO: 'false' }).host).toBe('0.0.0.0');
  });

  it('in production: no demo, secure cookies, every address', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      production: true,
      seedDemo: false,
      cookieSecure: true,
      host: '0.0.0.0',
    });
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });

  it('refuses to seed the demo, with its published password, in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/published password/);
  });
});
