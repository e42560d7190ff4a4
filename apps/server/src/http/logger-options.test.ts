import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';

/** Secrets that reach the server in URLs (widget uploads, the CTI webhook) never reach its log. */
describe('the request log', () => {
  let t: TestApp;
  const lines: string[] = [];
  const log = () => lines.join('');
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ app: { logLevel: 'info', logStream: stream } });
  });
  afterAll(() => t.close());

  it('masks tokens, hashes and passwords in query strings and keeps the rest', async () => {
    const visitor = 'visitor-token-0123456789abcdef0123';
    const hash = 'a'.repeat(64);
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/widget/attachments/00000000-0000-4000-8000-000000000000?inbox=north-key&visitor=${visitor}&user=u-42&hash=${hash}&user_hash=${hash}b&token=plain-token-value&password=hunter2-secret&api%5Fkey=k-secret-value`,
    });
    expect(log()).toContain('incoming request');
    for (const secret of [visitor, hash, 'plain-token-value', 'hunter2-secret', 'k-secret-value']) {
      expect(log()).not.toContain(secret);
    }
    // What helps to read a log stays: the path, the inbox key (public, in the page's script tag), the user id.
    expect(log()).toContain('/api/v1/widget/attachments/00000000-0000-4000-8000-000000000000?inbox=north-key');
    expect(log()).toContain('user=u-42');
    expect(log()).toContain('visitor=[REDACTED]');
  });

  it("masks the CTI webhook's token in its path", async () => {
    const token = 'cti-line-secret-9f8e7d6c5b4a';
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/phone/cti/${token}`,
      payload: { event: 'hangup', callId: 'pbx-1' },
    });
    expect(response.statusCode).toBe(404);
    expect(log()).toContain('/api/v1/phone/cti/[REDACTED]');
    expect(log()).not.toContain(token);
  });

  it('never writes authenticating headers', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer sbk_header-secret-1234', cookie: 'sb_session=cookie-secret-5678' },
    });
    expect(log()).not.toContain('header-secret-1234');
    expect(log()).not.toContain('cookie-secret-5678');
  });
});
